#!/usr/bin/env bash
# Every test of the project, as the README says and CI runs. Needs the Rust (1.92+) and
# Node (20+) toolchains; everything else is optional and skipped with a note when the
# machine lacks it, and the skipped parts and tests are listed by name at the end:
#
#  1. the Rust workspace (`cargo test --workspace --locked`); tests that read the real
#     reports of ../shared/corpus (absent on a fresh clone) say so and are listed;
#  2. the release build (`cargo build --release`: what `cargo install` builds) and the
#     speed guard (scripts/perf-guard.sh: instructions counted by valgrind against
#     committed baselines) — installs valgrind with apt-get when it is missing and this
#     runs as root, else skips the guard;
#  3. the VS Code extension (`npm ci`, type check, the plain and the platform .vsix — the
#     platform one carrying that release binary, as users build it — the manifest,
#     activation and protocol tests) — npm packages into editors/vscode/node_modules;
#  4. the Neovim snippets of the README, headless, when `nvim` is on PATH;
#  5. the extension end to end in code-server — installs, the first time, Debian packages
#     (chromium, a CJK font, build tools: needs root and apt-get) and code-server with
#     playwright-core from npm into ~/.cache/nianbao-e2e; skipped without root or apt-get;
#  6. a short bounded pass of each fuzz target — needs a nightly toolchain (never installed
#     here; skipped without one) and installs cargo-fuzz into ~/.cache/nianbao the first time.
#
# Long fuzz runs: `fuzz/run.sh 600`.
set -euo pipefail
cd "$(dirname "$0")/.."
skipped=()

# How long each part took, printed at the end: the whole run must stay within 15 minutes
# on two cores, and this says where the time went.
timings=()
mark=$SECONDS
took() {
  timings+=("$(printf '%-34s %4d s' "$1" $((SECONDS - mark)))")
  mark=$SECONDS
}

# Tests that cannot run here write their names to this file (tests/skip.rs).
export NIANBAO_SKIP_LOG
NIANBAO_SKIP_LOG=$(mktemp)
trap 'rm -f "$NIANBAO_SKIP_LOG"' EXIT

cargo test --workspace --locked
took "1. Rust workspace (build + tests)"

# What `cargo install` builds, and the speed guard's workloads.
cargo build --release --locked -p nianbao -p nianbao-bench --bin nianbao --bin perf_workload
took "2a. release build"
if ! command -v valgrind >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "test-all: apt-get install valgrind (for the speed guard)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
fi
if command -v valgrind >/dev/null; then
  bash scripts/perf-guard.sh
else
  skipped+=("speed guard (scripts/perf-guard.sh): no valgrind, and apt-get needs root to install it")
fi
took "2b. speed guard"

# The binary the extension's tests drive and the platform .vsix carries: the release
# build, as `npm run package:platform` packs it for users.
export NIANBAO_BIN="$PWD/target/release/nianbao"
(cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error && npm test --silent)
took "3. VS Code extension"

if command -v nvim >/dev/null; then
  bash scripts/nvim-test.sh "$NIANBAO_BIN"
else
  skipped+=("Neovim snippets (scripts/nvim-test.sh): no nvim on PATH — apt-get install neovim (0.7 or later) to run them")
fi
took "4. Neovim snippets"

# Whether the end-to-end test can run: what it needs is installed, or can be (as root).
can_e2e() {
  local home="${NIANBAO_E2E_HOME:-$HOME/.cache/nianbao-e2e}"
  if [ -f "$home/code-server/.installed" ] && command -v chromium >/dev/null \
    && fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy"; then
    return 0
  fi
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null
}
if can_e2e; then
  (cd editors/vscode && npm run --silent test:e2e)
else
  skipped+=("code-server end-to-end test: needs root and apt-get to install Chromium and code-server's build tools")
fi
took "5. code-server end to end"

fuzz_log=$(mktemp)
bash fuzz/run.sh "${NIANBAO_FUZZ_SECONDS:-10}" >"$fuzz_log" 2>&1 || { cat "$fuzz_log"; exit 1; }
cat "$fuzz_log"
took "6. fuzz pass"
if grep -q "SKIPPED" "$fuzz_log"; then
  skipped+=("fuzz pass (fuzz/run.sh): no nightly toolchain — rustup toolchain install nightly to run it (the stable property tests ran the same invariants)")
fi

# The Rust tests that said they were skipped, by name.
while IFS= read -r line; do
  skipped+=("test $line")
done < <(sort -u "$NIANBAO_SKIP_LOG")

echo
echo "test-all: time taken, part by part ($((SECONDS / 60)) min $((SECONDS % 60)) s in all)"
for t in "${timings[@]}"; do echo "  $t"; done
if [ ${#skipped[@]} -eq 0 ]; then
  echo "test-all: every part ran"
else
  echo "test-all: passed; skipped:"
  for s in "${skipped[@]}"; do echo "  - $s"; done
fi
