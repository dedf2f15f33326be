#!/usr/bin/env bash
# `vsce ARGS…` that prints its whole output only when it fails: a successful package says
# one line (its file and size), not vsce's tree of files and its advice.
set -euo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! npx vsce "$@" >"$log" 2>&1; then
  cat "$log"
  exit 1
fi
grep -o "Packaged: .*" "$log" || true
