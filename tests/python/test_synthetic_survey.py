"""scenarios/tools/synthetic-survey.py and the survey it ships: the shipped counts are a valid
counts file for the flagship (every site exists on the current map), marked synthetic, and the
tool writes one of the same shape (the same sites and intervals) with the binary it ships with."""
import csv
import os
import tempfile

from conftest import run

SURVEY = os.path.join("scenarios", "counts", "ninh-kieu-am-peak-survey.csv")


def rows(text):
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def test_the_shipped_survey_is_labelled_synthetic_and_calibrates(root, ngatu):
    with open(os.path.join(root, SURVEY), encoding="utf-8") as f:
        text = f.read()
    assert text.startswith("# SYNTHETIC count survey")
    shipped = rows(text)
    assert len(shipped) > 150
    assert {r["from"] for r in shipped} == {"15 min", "30 min", "45 min", "60 min"}
    assert all(int(r["count"]) >= 0 for r in shipped)
    with tempfile.TemporaryDirectory() as tmp:
        p = run([ngatu, "calibrate", os.path.join(root, "scenarios", "ninh-kieu-am-peak.yaml"), "--counts",
                 os.path.join(root, SURVEY), "--out", os.path.join(tmp, "nk.yaml"), "--replications", "1",
                 "--rounds", "1", "--quiet"], timeout=600)
        assert p.returncode == 0, p.stderr[-3000:]
        assert "warning" not in p.stderr
        assert os.path.exists(os.path.join(tmp, "nk.flows.csv"))


def test_the_tool_writes_a_survey_of_the_same_shape(root, ngatu):
    p = run(["python3", os.path.join(root, "scenarios", "tools", "synthetic-survey.py"), "--ngatu", ngatu,
             "--replications", "1"], timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    with open(os.path.join(root, SURVEY), encoding="utf-8") as f:
        shipped = rows(f.read())
    made = rows(p.stdout)
    assert p.stdout.startswith("# SYNTHETIC count survey")
    # One replication instead of five: a rare movement may count 0 in every interval (left out)
    # or, rarely, above 0 where five replications round to 0.
    made_sites, shipped_sites = {r["site"] for r in made}, {r["site"] for r in shipped}
    assert len(made_sites - shipped_sites) <= 2
    assert len(made_sites) > 0.9 * len(shipped_sites)
    assert {r["from"] for r in made} == {"15 min", "30 min", "45 min", "60 min"}
