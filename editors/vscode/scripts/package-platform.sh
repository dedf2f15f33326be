#!/usr/bin/env bash
# Packages the platform .vsix: the extension with the `nianbao` binary inside
# (server/nianbao), used when `nianbao.server.path` is not set. One file to install.
#
#   bash scripts/package-platform.sh [BINARY]
#
# BINARY defaults to $NIANBAO_BIN, else ../../target/release/nianbao (built with
# `cargo build --release -p nianbao` if missing: the release profile is stripped, as
# `cargo install` builds it; a binary that still has symbols is stripped here). The test
# command packs exactly this, with the release build. Only linux-x64 is built here: the
# other targets need a cross toolchain this machine cannot fetch (rustup reaches no other
# target); build the binary on that platform and run this script there with
# VSCE_TARGET set (win32-x64, darwin-arm64, …).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${VSCE_TARGET:-linux-x64}"
binary="${1:-${NIANBAO_BIN:-../../target/release/nianbao}}"
if [ ! -x "$binary" ]; then
  echo "package-platform: building $binary"
  (cd ../.. && cargo build --release --locked -p nianbao)
fi
rm -rf server
mkdir -p server
cp "$binary" server/nianbao
chmod 755 server/nianbao
if command -v strip >/dev/null; then
  strip server/nianbao 2>/dev/null || true
fi
version=$(node -p 'require("./package.json").version')
bash scripts/vsce-quiet.sh package --target "$target" --ignoreFile .vscodeignore.platform -o "nianbao-$target-$version.vsix"
rm -rf server
