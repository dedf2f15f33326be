#!/usr/bin/env bash
# Checks the README's Neovim snippets headless: each snippet (editors/neovim/*.lua, which
# the README shows verbatim — a Rust test keeps them equal) is loaded as init.lua by every
# Neovim found (`nvim` on PATH, and those in $NIANBAO_NVIMS), seed 004 is opened, and its
# three findings must arrive. The 0.10 snippet is tried only on Neovim 0.10 or later.
# Without any Neovim it says so and skips.
#
#   bash scripts/nvim-test.sh [NIANBAO_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(realpath "${1:-target/debug/nianbao}")"
nvims=()
command -v nvim >/dev/null && nvims+=("$(command -v nvim)")
for n in ${NIANBAO_NVIMS:-}; do nvims+=("$n"); done
if [ ${#nvims[@]} -eq 0 ]; then
  echo "nvim-test: SKIPPED — no Neovim on PATH (apt-get install neovim to run it)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/fixtures/seeds/004_2a4738e891b759f6.txt "$work/report.txt"
failed=0
for nvim in "${nvims[@]}"; do
  version=$("$nvim" --version | head -1 | sed 's/^NVIM v//')
  minor=$(echo "$version" | cut -d. -f2)
  for snippet in editors/neovim/nianbao-0.7.lua editors/neovim/nianbao-0.10.lua; do
    if [[ "$snippet" == *0.10.lua && "$minor" -lt 10 ]]; then
      echo "nvim-test: $version: $(basename "$snippet") needs 0.10, not tried"
      continue
    fi
    sed "s#\"nianbao\", \"lsp\"#\"$binary\", \"lsp\"#" "$snippet" > "$work/init.lua"
    cat >> "$work/init.lua" <<'LUA'
vim.api.nvim_create_autocmd("VimEnter", {
  nested = true,
  callback = function()
    vim.cmd("edit " .. vim.env.NIANBAO_REPORT)
    local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) >= 3 end, 100)
    local codes = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(codes, tostring(d.code)) end
    table.sort(codes)
    local f = io.open(vim.env.NIANBAO_OUT, "w")
    f:write((ok and "ok " or "timeout ") .. table.concat(codes, ","))
    f:close()
    vim.cmd("qa!")
  end,
})
LUA
    rm -f "$work/out"
    NIANBAO_REPORT="$work/report.txt" NIANBAO_OUT="$work/out" timeout 60 \
      "$nvim" --headless -n -i NONE -u "$work/init.lua" >/dev/null 2>&1 || true
    result=$(cat "$work/out" 2>/dev/null || echo "no result")
    if [ "$result" = "ok column-total-mismatch,row-total-mismatch,unfilled-cell" ]; then
      echo "nvim-test: $version: $(basename "$snippet"): the three findings of seed 004"
    else
      echo "nvim-test: $version: $(basename "$snippet") FAILED: $result"
      failed=1
    fi
  done
done
exit $failed
