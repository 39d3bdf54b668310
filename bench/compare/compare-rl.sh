#!/usr/bin/env bash
# `make compare-rl`: sumo-rl (pinned in bench/compare/.venv with SUMO and libsumo) against the
# ngatu Python package on sumo-rl's single intersection and RESCO's grid4x4, imported with
# `ngatu import-sumo`. Writes results/bench/compare-rl.md. Wall times: run on an idle machine (IDLE=1 says so)
# for figures to quote (the file records the load average).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
SWIFT="${SWIFT:-swift}"
WORK="${WORK:-$root/.build/compare-rl}"
bash "$here/setup.sh"
py="$here/.venv/bin/python"
"$py" -m pip install --quiet "sumo-rl==1.4.5" "libsumo==1.28.0" "pettingzoo==1.24.3"   # sumo-rl 1.4.5 needs agent_selector (gone in 1.25)
"$SWIFT" build -c release --product ngatu
"$SWIFT" build -c release --product NgaTuC
mkdir -p python/ngatu/lib
cp .build/release/libNgaTuC.so python/ngatu/lib/
"$py" -m pip install --quiet ./python && "$py" -m pip install --quiet --force-reinstall --no-deps ./python
SUMO_HOME="$("$py" -c 'import sumo; print(sumo.SUMO_HOME)')"
export SUMO_HOME
nets="$("$py" -c 'import os, sumo_rl; print(os.path.join(os.path.dirname(sumo_rl.__file__), "nets"))')"
mkdir -p "$WORK"
.build/release/ngatu import-sumo "$nets/single-intersection/single-intersection.net.xml" \
  --routes "$nets/single-intersection/single-intersection.rou.xml" --duration 3600 \
  --out "$WORK/single-intersection-map.yaml" --scenario "$WORK/single-intersection.yaml"
.build/release/ngatu import-sumo "$nets/RESCO/grid4x4/grid4x4.net.xml" \
  --routes "$nets/RESCO/grid4x4/grid4x4_1.rou.xml" --duration 3600 \
  --out "$WORK/grid4x4-map.yaml" --scenario "$WORK/grid4x4.yaml"
"$py" "$here/compare_rl.py" --nets "$nets" --imported "$WORK" --out "${OUT:-results/bench}" "$@"
