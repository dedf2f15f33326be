#!/usr/bin/env bash
# Runs the fuzz targets for a given time each: fuzz/run.sh [SECONDS] [TARGET…]
# (default 60 s, both targets). Installs cargo-fuzz from crates.io when missing; needs the
# nightly toolchain. The working corpus grows in fuzz/corpus/ (not committed); the seeds
# are fuzz/seeds/. A crash is saved by libFuzzer under fuzz/artifacts/: copy it to
# fuzz/regressions/TARGET/ so that `cargo test` replays it for ever.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check_bytes lsp_edits)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p logs
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "fuzz: $target for ${seconds}s"
  cargo +nightly fuzz run --sanitizer none "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=16384 -print_final_stats=1 >"logs/$target.log" 2>&1 || {
    tail -40 "logs/$target.log"
    echo "fuzz: $target FAILED (see fuzz/logs/$target.log and fuzz/artifacts/$target/)"
    exit 1
  }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "logs/$target.log" | sed "s/^/fuzz: $target: /"
done
