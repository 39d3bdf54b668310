#!/usr/bin/env bash
# Cross-validation of Ngã Tư against SUMO (micro and meso) and UXsim on the benchmark cases.
#
#   bench/compare/compare.sh                 export the cases with Swift, run everything
#   bench/compare/compare.sh DIR...          use already exported directories (one per case)
#
# Environment: CASES (default isolated-junction,grid-10x10,grid-10x10-cars,ninh-kieu), WORK (default
# .build/compare: exports and engine outputs, large, not committed), ENGINES for SUMO
# (default micro,meso), UXSIM_ARGS (e.g. "--python", or "--process-repeat 0" not to time UXsim's whole
# process), OUT (default results/bench),
# LOAD (how busy the machine is, said in compare.md; default: the load averages at the start and end),
# IDLE=1 (no other jobs ran: compare.md says so instead of "measured under load").
# Writes results/bench/compare.csv and results/bench/compare.md. A case with a scenario file
# (grid-10x10-cars: bench/compare/grid-10x10-cars.yaml) also times the whole `ngatu run` process
# (time_ngatu_run.py): the table sets it against SUMO's and UXsim's whole processes, and our simulation
# alone (ngatu-bench) against UXsim's. Every engine runs the vehicles Ngã Tư generates for the case
# (the export lists them); summarise.py fails if their measured totals differ.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
SWIFT="${SWIFT:-swift}"
WORK="${WORK:-$root/.build/compare}"
CASES="${CASES:-isolated-junction,grid-10x10,grid-10x10-cars,ninh-kieu}"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

bash "$here/setup.sh"
py="$here/.venv/bin/python"

if [ "$#" -gt 0 ]; then
  dirs=("$@")
  bench_out=""
else
  rm -rf "$WORK"; mkdir -p "$WORK"
  echo "compare: exporting $CASES and running Ngã Tư (CompareCases test)"
  "$SWIFT" build --build-tests
  NGATU_COMPARE_DIR="$WORK" NGATU_COMPARE_CASES="$CASES" \
    "$SWIFT" test --skip-build --filter CompareCases
  dirs=()
  for d in "$WORK"/*/; do dirs+=("${d%/}"); done
  bench_out="$WORK/ngatu-bench.txt"
  echo "compare: release wall times, minimum of repeated runs (ngatu-bench 10, and --compare-cases for the scenario cases)"
  "$SWIFT" build -c release --product ngatu-bench
  : > "$bench_out"
  if [[ ",$CASES," == *",grid-10x10,"* ]]; then
    .build/release/ngatu-bench 10 --repeat 3 | tee -a "$bench_out"
  fi
  .build/release/ngatu-bench --compare-cases --repeat 5 | tee -a "$bench_out"
  # The whole command on the cases that are scenario files.
  if [[ ",$CASES," == *",grid-10x10-cars,"* ]]; then
    "$SWIFT" build -c release --product ngatu
    python3 "$here/time_ngatu_run.py" .build/release/ngatu "$here/grid-10x10-cars.yaml" "$WORK/grid-10x10-cars"
  fi
fi

"$py" "$here/run_sumo.py" --engines "${ENGINES:-micro,meso}" "${dirs[@]}"
# shellcheck disable=SC2086
"$py" "$here/run_uxsim.py" ${UXSIM_ARGS:-} "${dirs[@]}"

summary_dir="$WORK"
if [ "$#" -gt 0 ]; then
  summary_dir="$(mktemp -d)"
  for d in "${dirs[@]}"; do ln -s "$(cd "$d" && pwd)" "$summary_dir/$(basename "$d")"; done
fi
load="${LOAD:-1, 5 and 15 min load averages $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end, on $(nproc) cores}"
idle=()
if [ "${IDLE:-}" = 1 ]; then idle=(--idle); fi   # the operator declares that no other jobs ran
"$py" "$here/summarise.py" "$summary_dir" ${bench_out:+--bench "$bench_out"} --load "$load" "${idle[@]}" --out "${OUT:-$root/results/bench}"
