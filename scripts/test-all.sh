#!/usr/bin/env bash
# Every test of the project, as the README says and CI runs: the Rust workspace, then the
# VS Code extension (type check, package, manifest, activation and protocol tests), then the
# extension end to end in code-server (which installs code-server, Chromium and a CJK font
# the first time), then a short bounded pass of each fuzz target (nightly; installs
# cargo-fuzz the first time). Long fuzz runs: `fuzz/run.sh 600`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked
cd editors/vscode
npm ci --no-audit --no-fund
npm test
npm run test:e2e
cd ../..
bash fuzz/run.sh "${NIANBAO_FUZZ_SECONDS:-20}"
