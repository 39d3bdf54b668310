"""scripts/fuzz_inputs.py: each mode runs a few cases against the built ngatu and finds nothing.

The long runs (1,000 cases a mode) are done by hand and reported in the README; these keep the
script working and every mode's checks live."""
import os

import pytest

from conftest import run

CASES = {"validate": 100, "run": 20, "osm": 30, "output": 60, "signal": 6}


@pytest.mark.parametrize("mode", sorted(CASES))
def test_mode_finds_no_failure(root, ngatu, tmp_path, mode):
    p = run(["python3", os.path.join(root, "scripts", "fuzz_inputs.py"), "--ngatu", ngatu,
             "--mode", mode, "--cases", str(CASES[mode]), "--seed", "7", "--work", str(tmp_path)],
            timeout=300)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    assert f"{mode}, {CASES[mode]} cases, seed 7: 0 failures" in p.stdout
