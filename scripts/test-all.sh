#!/usr/bin/env bash
# Every test of the project, as the README says and CI runs. Needs the Rust (1.92+) and
# Node (20+) toolchains; everything else is optional and skipped with a note when the
# machine lacks it:
#
#  1. the Rust workspace (`cargo test --workspace --locked`);
#  2. the VS Code extension (`npm ci`, type check, the plain and the platform .vsix, the
#     manifest, activation and protocol tests) — npm packages into editors/vscode/node_modules;
#  3. the Neovim snippets of the README, headless, when `nvim` is on PATH;
#  4. the extension end to end in code-server — installs, the first time, Debian packages
#     (chromium, a CJK font, build tools: needs root and apt-get) and code-server with
#     playwright-core from npm into ~/.cache/nianbao-e2e; skipped without root or apt-get;
#  5. a short bounded pass of each fuzz target — needs a nightly toolchain (never installed
#     here; skipped without one) and installs cargo-fuzz into ~/.cache/nianbao the first time.
#
# Long fuzz runs: `fuzz/run.sh 600`.
set -euo pipefail
cd "$(dirname "$0")/.."
skipped=()

cargo test --workspace --locked
# The binary the extension's tests drive and the platform .vsix carries: the debug build
# the step above made for its own tests, stripped of its debug info when `strip` is there.
bin="$PWD/target/debug/nianbao"
[ -x "$bin" ] || cargo build --locked -p nianbao
if command -v strip >/dev/null; then
  strip -o target/nianbao-for-vsix "$bin"
  bin="$PWD/target/nianbao-for-vsix"
fi
export NIANBAO_BIN="$bin"

(cd editors/vscode && npm ci --no-audit --no-fund && npm test)

if command -v nvim >/dev/null; then
  bash scripts/nvim-test.sh "$PWD/target/debug/nianbao"
else
  skipped+=("Neovim snippets: no nvim on PATH")
fi

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
  (cd editors/vscode && npm run test:e2e)
else
  skipped+=("code-server end-to-end test: needs root and apt-get to install Chromium and code-server's build tools")
fi

fuzz_log=$(mktemp)
bash fuzz/run.sh "${NIANBAO_FUZZ_SECONDS:-20}" >"$fuzz_log" 2>&1 || { cat "$fuzz_log"; exit 1; }
cat "$fuzz_log"
if grep -q "SKIPPED" "$fuzz_log"; then
  skipped+=("fuzz pass: no nightly toolchain (the stable property tests ran the same invariants)")
fi

echo
if [ ${#skipped[@]} -eq 0 ]; then
  echo "test-all: every part ran"
else
  echo "test-all: passed; skipped:"
  for s in "${skipped[@]}"; do echo "  - $s"; done
fi
