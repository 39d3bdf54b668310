"""scenarios/tools/weekday-demand.py rebuilds the shipped weekday scenario exactly: the file is
the tool's output, so a change to either shows here."""
import os

from conftest import run


def test_the_generator_writes_the_shipped_weekday_scenario(root, ngatu):
    p = run(["python3", os.path.join(root, "scenarios", "tools", "weekday-demand.py"), "--ngatu", ngatu],
            timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    with open(os.path.join(root, "scenarios", "ninh-kieu-weekday.yaml"), encoding="utf-8") as f:
        shipped = f.read()
    assert p.stdout == shipped


def test_the_generator_writes_the_full_maps_arterial_flows(root, ngatu):
    """--full-peak refits the arterial flows of the full map's peak demand (the block below its
    "Arterial flows" line) and runs the peak to check them: the shipped file is its output."""
    p = run(["python3", os.path.join(root, "scenarios", "tools", "weekday-demand.py"), "--ngatu", ngatu, "--full-peak"],
            timeout=900)
    assert p.returncode == 0, p.stderr[-3000:]
    with open(os.path.join(root, "scenarios", "demand", "ninh-kieu-full-am-peak.yaml"), encoding="utf-8") as f:
        shipped = f.read()
    assert p.stdout == shipped
