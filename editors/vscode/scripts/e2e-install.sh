#!/usr/bin/env bash
# Installs what the end-to-end test needs, offline from the package registries only:
# code-server 4.100.3 (VS Code 1.100 for the browser) and playwright-core from npm, Debian's
# Chromium and a CJK font (without one every Chinese character in a screenshot is a box).
# Idempotent; everything npm installs goes to $NIANBAO_E2E_HOME (default ~/.cache/nianbao-e2e).
set -euo pipefail
E2E_HOME="${NIANBAO_E2E_HOME:-$HOME/.cache/nianbao-e2e}"
CODE_SERVER_VERSION=4.100.3
mkdir -p "$E2E_HOME"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need_apt+=(fonts-wqy-microhei)
command -v rg >/dev/null || need_apt+=(ripgrep)
if [ ! -f "$E2E_HOME/code-server/.installed" ]; then
  # Native modules of code-server build against these.
  need_apt+=(build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e-install: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -f "$E2E_HOME/code-server/.installed" ]; then
  echo "e2e-install: code-server $CODE_SERVER_VERSION"
  rm -rf "$E2E_HOME/code-server"
  # @vscode/ripgrep downloads rg from GitHub in its postinstall unless it finds this tarball.
  export TMPDIR="$E2E_HOME/tmp"
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
  tar -C "$(dirname "$(command -v rg)")" -czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  mkdir -p "$E2E_HOME/code-server"
  (cd "$E2E_HOME/code-server" && [ -f package.json ] || echo '{"private":true}' > package.json)
  # npm 11 blocks dependency install scripts unless approved; code-server's postinstall
  # runs nested npm installs whose native modules (node-pty, argon2, …) need theirs, so the
  # approval must be inherited: an environment setting, for this throwaway install only.
  (cd "$E2E_HOME/code-server" && npm_config_dangerously_allow_all_scripts=true npm_config_yes=true \
    npm_config_nodedir=/usr npm install --no-audit --no-fund --unsafe-perm "code-server@$CODE_SERVER_VERSION" >/dev/null)
  touch "$E2E_HOME/code-server/.installed"
fi
if [ ! -d "$E2E_HOME/code-server/node_modules/playwright-core" ]; then
  echo "e2e-install: playwright-core"
  (cd "$E2E_HOME/code-server" && npm_config_dangerously_allow_all_scripts=true npm install --no-audit --no-fund playwright-core@1 >/dev/null)
fi
echo "e2e-install: ready in $E2E_HOME"
