#!/usr/bin/env bash
# Creates bench/compare/.venv (gitignored) with pinned SUMO and UXsim from PyPI.
# Idempotent: a second run only checks the versions.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
py="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "eclipse-sumo==1.28.0" "uxsim==1.15.1"
"$venv/bin/python" - <<'PY'
import importlib.metadata as m, os, sumo
print("eclipse-sumo", m.version("eclipse-sumo"), "SUMO_HOME", sumo.SUMO_HOME)
for b in ("sumo", "netconvert"):
    p = os.path.join(sumo.SUMO_HOME, "bin", b)
    print(b, "ok" if os.access(p, os.X_OK) else "MISSING", p)
print("uxsim", m.version("uxsim"))
PY
