#!/usr/bin/env bash
# make test-slurm: a real Slurm job array on a one-node local cluster (../shared/tools/
# slurm-local.sh: installs slurm-wlm and munge, needs root). Runs SCENARIO once plainly and
# once as a 4-task array plus merge (scripts/slurm/run-array.sh), checks that every file of
# the merged results is byte-identical to the plain run's (SOURCE_DATE_EPOCH fixes the times)
# and prints both wall times. Not part of `make test`: it takes minutes.
#   SCENARIO=scenarios/x.yaml SHARDS=4 KEEP=1 bash tests/slurm/test-slurm.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
scenario=${SCENARIO:-$repo/scenarios/ninh-kieu-weekday.yaml}
shards=${SHARDS:-4}
export NGATU=${NGATU:-$repo/.build/release/ngatu}
[ -x "$NGATU" ] || { echo "test-slurm: build ngatu first (make release)" >&2; exit 1; }
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo

# Start (or find running) the local cluster; the repository's ../shared, from a worktree too.
$sudo bash "$repo/../shared/tools/slurm-local.sh"
cores=$(sinfo -h -o %c | head -1)

work=$(mktemp -d "${TMPDIR:-/tmp}/ngatu-slurm-XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1764547200
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "test-slurm: plain run of $(basename "$scenario") with --jobs $cores"
t0=$(now)
"$NGATU" run "$scenario" --out "$work/plain" --jobs "$cores" --quiet
t1=$(now)

echo "test-slurm: $shards-task array plus merge on the local cluster ($cores cores)"
t2=$(now)
submitted=$(bash "$repo/scripts/slurm/run-array.sh" "$scenario" "$shards" "$work/merged" --cpus-per-task=1 --time=60)
echo "$submitted"
array=$(printf '%s\n' "$submitted" | awk '/^array job/ { sub(":", "", $3); print $3 }')
merge=$(printf '%s\n' "$submitted" | awk '/^merge job/ { sub(":", "", $3); print $3 }')
[ -n "$array" ] && [ -n "$merge" ] || { echo "test-slurm: no job ids printed" >&2; exit 1; }
deadline=$(( $(date +%s) + 3600 ))
while squeue -h -j "$merge" 2>/dev/null | grep -q .; do
  if squeue -h -j "$merge" -o %r 2>/dev/null | grep -q DependencyNeverSatisfied; then
    echo "test-slurm: a task of array $array failed:" >&2
    tail -n 20 "$work/merged.shards/logs/"*.out >&2 || true
    scancel "$merge"; exit 1
  fi
  [ "$(date +%s)" -lt "$deadline" ] || { echo "test-slurm: timed out" >&2; scancel "$array" "$merge"; exit 1; }
  sleep 1
done
t3=$(now)
[ -f "$work/merged/results.sqlite" ] || { echo "test-slurm: the merge wrote nothing:" >&2; cat "$work/merged.shards/logs/merge.out" >&2; exit 1; }

status=0
expected=$(cd "$work/plain" && ls | sort); got=$(cd "$work/merged" && ls | sort)
if [ "$expected" != "$got" ]; then
  echo "test-slurm: files differ: plain [$expected] merged [$got]" >&2; status=1
fi
for f in $expected; do
  if cmp -s "$work/plain/$f" "$work/merged/$f"; then echo "  same bytes: $f"; else echo "  DIFFERENT: $f" >&2; status=1; fi
done
runs=$(($(wc -l < "$work/plain/runs.csv") - 1))
echo "test-slurm: $runs runs; plain run $(seconds "$t0" "$t1") s (--jobs $cores), $shards-task array + merge $(seconds "$t2" "$t3") s (submission to merged results)"
[ "$status" = 0 ] && echo "test-slurm: passed" || echo "test-slurm: FAILED" >&2
exit "$status"
