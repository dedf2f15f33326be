#!/usr/bin/env bash
# The speed guard: counts the instructions of fixed workloads under valgrind (callgrind)
# and fails when one costs more than 25 % over its committed baseline, saying which.
# Instructions, not seconds: the count does not move with the machine's load.
#
#   bash scripts/perf-guard.sh            # check against scripts/perf-baseline.txt
#   bash scripts/perf-guard.sh --update   # write the baselines anew (commit them, and say
#                                         # in the commit why the cost changed)
#
# Needs valgrind (Debian package `valgrind`) and builds the release binaries
# (`cargo build --release -p nianbao -p nianbao-bench`). The workloads are in
# crates/nianbao-bench/src/bin/perf_workload.rs: a whole check of a 40 KB report and of a
# 1 MB document, keystrokes through nianbao_ide::Buffer at 40 KB and 1 MB, a PDF read
# and checked, and `nianbao check --format json` over 100 reports of 50 bodies and two
# years (the cross-year pairs). Exit 0: within budget; 1: a workload over; 2: cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=scripts/perf-baseline.txt
limit=125 # percent of the baseline
update=false
[ "${1:-}" = "--update" ] && update=true

if ! command -v valgrind >/dev/null; then
  echo "perf-guard: valgrind is not installed (apt-get install valgrind)" >&2
  exit 2
fi
cargo build --release --locked -q -p nianbao -p nianbao-bench --bin nianbao --bin perf_workload
bin=target/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/perf_workload" batch-folder "$work/batch" >/dev/null

# Instructions of one command (callgrind; only inside `measured` when asked).
count() {
  local out="$work/callgrind.out" log="$work/valgrind.log"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$log" || {
    # `nianbao check` exits 1 when it finds something: only valgrind's own failure counts.
    grep -q "Collected" "$log" || { cat "$log" >&2; exit 2; }
  }
  grep -o "Collected : [0-9]*" "$log" | awk '{print $3}'
}

declare -A now
for w in check-40k check-1m keys-40k keys-1m pdf; do
  now[$w]=$(count --toggle-collect='*perf_workload*measured*' "$bin/perf_workload" "$w")
done
now[batch-100]=$(count "$bin/nianbao" check --format json "$work/batch")

if $update; then
  {
    echo "# Instructions of each workload of scripts/perf-guard.sh (callgrind), written by"
    echo "# 'bash scripts/perf-guard.sh --update'. The guard fails at ${limit} % of these."
    for w in check-40k check-1m keys-40k keys-1m pdf batch-100; do
      echo "$w ${now[$w]}"
    done
  } >"$baseline"
  echo "perf-guard: baselines written to $baseline:"
  grep -v '^#' "$baseline"
  exit 0
fi

[ -f "$baseline" ] || { echo "perf-guard: no $baseline (run with --update)" >&2; exit 2; }
failed=()
printf '%-10s %15s %15s %7s\n' workload baseline now ratio
for w in check-40k check-1m keys-40k keys-1m pdf batch-100; do
  base=$(awk -v w="$w" '$1 == w {print $2}' "$baseline")
  [ -n "$base" ] || { echo "perf-guard: $w has no baseline (run with --update)" >&2; exit 2; }
  pct=$(( now[$w] * 100 / base ))
  printf '%-10s %15s %15s %6s%%\n' "$w" "$base" "${now[$w]}" "$pct"
  [ "$pct" -le "$limit" ] || failed+=("$w (${pct} % of its baseline)")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "perf-guard: FAILED — over ${limit} % of the baseline: ${failed[*]}"
  exit 1
fi
echo "perf-guard: every workload within ${limit} % of its baseline"
