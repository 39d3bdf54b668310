#!/usr/bin/env bash
# `make bench-check`: instructions executed by the simulation core (Simulation.init + run,
# counted by callgrind) on two fixed cases, compared with the committed baseline
# bench/instructions.txt; fails when a case rises more than 3%. Instruction counts do not
# depend on machine load, so this can run on a busy machine, unlike wall times.
# `bench/bench-check.sh --update` rewrites the baseline (after a deliberate change).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=bench/instructions.txt
limit=3
update=0
[ "${1:-}" = "--update" ] && update=1

# valgrind 3.19 cannot read Swift 6's DWARF 5 debug information: count on a stripped copy.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/ngatu-bench" .build/release/ngatu-bench

count() { # case-name, bench arguments...
  local name=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$work/$name.out" \
    --toggle-collect='$s9NgaTuCore10SimulationV5setup4seed*' \
    --toggle-collect='$s9NgaTuCore10SimulationV3run*' \
    "$work/ngatu-bench" --no-bare "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
  local n
  n=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$work/$name.log")
  [ -n "$n" ] || { echo "bench-check: no instruction count for $name"; cat "$work/$name.log"; exit 1; }
  echo "$n"
}

declare -A now
now[grid-10x10]=$(count grid-10x10 10)
now[ninh-kieu]=$(count ninh-kieu --compare-cases ninh-kieu)

if [ "$update" = 1 ]; then
  {
    echo "# Instructions in Simulation.init + run (callgrind, stripped release ngatu-bench)."
    echo "# Written by \`bench/bench-check.sh --update\`; \`make bench-check\` fails on a rise above ${limit}%."
    for c in grid-10x10 ninh-kieu; do echo "$c ${now[$c]}"; done
  } >"$baseline"
  echo "bench-check: baseline written to $baseline"
  cat "$baseline"
  exit 0
fi

fail=0
printf '%-12s %15s %15s %8s\n' case baseline now change
for c in grid-10x10 ninh-kieu; do
  base=$(awk -v c="$c" '$1 == c { print $2 }' "$baseline")
  [ -n "$base" ] || { echo "bench-check: $c missing from $baseline"; exit 1; }
  change=$(awk -v a="${now[$c]}" -v b="$base" 'BEGIN { printf "%+.2f%%", (a - b) * 100 / b }')
  printf '%-12s %15s %15s %8s\n' "$c" "$base" "${now[$c]}" "$change"
  if awk -v a="${now[$c]}" -v b="$base" -v l="$limit" 'BEGIN { exit !((a - b) * 100 > l * b) }'; then
    echo "bench-check: $c runs ${change} more instructions than the baseline (limit +${limit}%)"
    fail=1
  fi
done
[ "$fail" = 0 ] && echo "bench-check: within +${limit}% of $baseline"
exit "$fail"
