#!/usr/bin/env bash
# Runs a Ngã Tư scenario as a Slurm job array of N shards and merges them.
#
#   scripts/slurm/run-array.sh SCENARIO N OUT [sbatch options...]
#
# Submits an array of N tasks, task i running `ngatu run SCENARIO --shard (i+1)/N` into
# OUT.shards/shard-(i+1)-of-N/ (scripts/slurm/ngatu-shard.sbatch), and a merge job that
# starts when every task succeeded (--dependency=afterok) and writes OUT with `ngatu merge`
# (scripts/slurm/ngatu-merge.sbatch): the files a single `ngatu run SCENARIO --out OUT`
# writes, byte for byte. Prints the two job ids. Logs go to OUT.shards/logs/.
#
# sbatch options (e.g. --partition=short --account=traffic --time=1:00:00
# --cpus-per-task=4) are given to both jobs; --cpus-per-task is also each shard's --jobs.
# The binary is $NGATU, else `ngatu` on the PATH, else this checkout's .build/release/ngatu.
# Every node must see the same paths (a shared file system) and run the same binary.
#
# When tasks fail (time limit, node failure): the merge job then never starts (Slurm shows
# it pending with reason DependencyNeverSatisfied); cancel it (scancel MERGE_ID) and run this
# script again with the same arguments. Finished shards are kept (their tasks exit at once),
# killed ones continue with --resume from the runs they had stored, and a new merge job is
# submitted. To resubmit only some tasks by hand instead:
#   sbatch --array=2,5 [options] scripts/slurm/ngatu-shard.sbatch SCENARIO N OUT.shards NGATU
#   sbatch --dependency=afterok:NEW_ARRAY_ID scripts/slurm/ngatu-merge.sbatch OUT OUT.shards N NGATU
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
scenario=$1 shards=$2 out=$3
shift 3
case $shards in
  ''|*[!0-9]*) echo "run-array.sh: N must be a whole number from 1, got '$shards'" >&2; exit 2 ;;
esac
if [ "$shards" -lt 1 ]; then echo "run-array.sh: N must be at least 1, got $shards" >&2; exit 2; fi
[ -f "$scenario" ] || { echo "run-array.sh: no scenario file $scenario" >&2; exit 1; }
command -v sbatch >/dev/null 2>&1 || { echo "run-array.sh: sbatch not found: run this on a Slurm login node" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
if [ -z "${NGATU:-}" ]; then
  NGATU=$(command -v ngatu || true)
  [ -n "$NGATU" ] || NGATU="$here/../../.build/release/ngatu"
fi
NGATU=$(absolute "$NGATU")
[ -x "$NGATU" ] || { echo "run-array.sh: no ngatu binary at $NGATU (set NGATU or build: make release)" >&2; exit 1; }
scenario=$(absolute "$scenario")
out=$(absolute "${out%/}")
root="$out.shards"
mkdir -p "$root/logs"

# Checked once here, so that a scenario error shows now rather than in N task logs.
"$NGATU" validate "$scenario" >/dev/null

submit() { sbatch --parsable "$@" | cut -d';' -f1; }
array=$(submit --array=0-$((shards - 1)) --job-name=ngatu-shard \
  --output="$root/logs/shard-%a.out" "$@" \
  "$here/ngatu-shard.sbatch" "$scenario" "$shards" "$root" "$NGATU")
merge=$(submit --dependency=afterok:"$array" --kill-on-invalid-dep=no --job-name=ngatu-merge \
  --output="$root/logs/merge.out" "$@" \
  "$here/ngatu-merge.sbatch" "$out" "$root" "$shards" "$NGATU")

echo "array job $array: $shards tasks, shards in $root/"
echo "merge job $merge: after every task succeeds, writes $out/"
echo "if a task fails: scancel $merge, then run this command again (finished shards are kept, killed ones resume)"
