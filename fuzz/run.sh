#!/usr/bin/env bash
# Runs the fuzz targets for a given time each: fuzz/run.sh [SECONDS] [TARGET…]
# (default 60 s, every target: check_bytes, lsp_edits, read_pdf, read_docx). Needs a nightly toolchain, which it never installs: without
# one it says so and skips (the stable property tests in `cargo test` check the same
# invariants). cargo-fuzz is installed from crates.io the first time into a cache of its
# own ($NIANBAO_CACHE, default ~/.cache/nianbao, not the global cargo bin), where the fuzz
# build is kept too (fuzz-target/). The working
# corpus grows in fuzz/corpus/ (not committed); the seeds are fuzz/seeds/. A crash is saved
# by libFuzzer under fuzz/artifacts/: copy it to fuzz/regressions/TARGET/ so that
# `cargo test` replays it for ever.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check_bytes lsp_edits read_pdf read_docx)
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED — no nightly toolchain (rustup toolchain install nightly to run it); the stable property tests ran the same invariants"
  exit 0
fi
# fuzz/Cargo.lock is committed whole: a build that had to change it would leave the
# checkout dirty, so say so instead (cargo-fuzz has no --locked of its own).
if ! cargo +nightly metadata --locked --format-version 1 >/dev/null 2>&1; then
  echo "fuzz: fuzz/Cargo.lock is out of date: run 'cargo +nightly metadata --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null' and commit it"
  exit 1
fi
cache="${NIANBAO_CACHE:-$HOME/.cache/nianbao}/cargo-fuzz"
export PATH="$cache/bin:$PATH"
# The fuzz build (a nightly build of every crate, minutes on two cores) is kept with the
# cache, not in the checkout, so that the next run on this machine — a fresh clone too —
# builds only what changed.
target_dir="${NIANBAO_CACHE:-$HOME/.cache/nianbao}/fuzz-target"
if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: installing cargo-fuzz into $cache (first run only)"
  cargo install cargo-fuzz --locked --root "$cache" >/dev/null 2>&1
fi
mkdir -p logs
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "fuzz: $target for ${seconds}s"
  seeds=("seeds/$target")
  max_len=16384
  case "$target" in
    read_pdf | read_docx)
      # Whole files: the converted seeds, and the real PDF and Word template when the
      # corpus is next to the checkout (read only: new inputs go to corpus/).
      max_len=1048576
      seeds+=("../tests/fixtures/converted")
      for extra in ../../shared/corpus/pdf ../../shared/corpus/docx; do
        [ -d "$extra" ] && seeds+=("$extra")
      done
      ;;
  esac
  cargo +nightly fuzz run --sanitizer none --target-dir "$target_dir" "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -print_final_stats=1 >"logs/$target.log" 2>&1 || {
    tail -40 "logs/$target.log"
    echo "fuzz: $target FAILED (see fuzz/logs/$target.log and fuzz/artifacts/$target/)"
    exit 1
  }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "logs/$target.log" | sed "s/^/fuzz: $target: /"
done
