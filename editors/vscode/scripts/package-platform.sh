#!/usr/bin/env bash
# Packages the platform .vsix: the extension with the `nianbao` binary inside
# (server/nianbao), used when `nianbao.server.path` is not set. One file to install.
#
#   bash scripts/package-platform.sh [BINARY]
#
# BINARY defaults to $NIANBAO_BIN, else ../../target/release/nianbao (built with
# `cargo build --release -p nianbao` if missing). Only linux-x64 is built here: the other
# targets need a cross toolchain this machine cannot fetch (rustup reaches no other
# target); build the binary on that platform and run this script with --target there.
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
version=$(node -p 'require("./package.json").version')
npx vsce package --target "$target" --ignoreFile .vscodeignore.platform -o "nianbao-$target-$version.vsix"
rm -rf server
