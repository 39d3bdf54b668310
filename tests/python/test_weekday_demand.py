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


def load_generator(root):
    """scenarios/tools/weekday-demand.py as a module (its name has a hyphen)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("weekday_demand", os.path.join(root, "scenarios", "tools", "weekday-demand.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_full_weekday_peak_check_cuts_beyond_a_stubborn_approach(root):
    """--full's peak check (spillback_cuts): an approach over the limit for three rounds in a row
    cuts the local flows through the junctions its queue reaches by 15 % and the arterial flows
    through it by 10 %. Segments a (J0 -> J1), b (J1 -> J2), c (J2 -> J3, congested), e (J3 -> J4),
    d elsewhere (J8 -> J9)."""
    wd = load_generator(root)
    seg = {"a": {"from": "J0", "to": "J1"}, "b": {"from": "J1", "to": "J2"}, "c": {"from": "J2", "to": "J3"},
           "e": {"from": "J3", "to": "J4"}, "d": {"from": "J8", "to": "J9"}}
    routes = [["a", "b"], ["a", "b", "c"], ["c", "e"], ["e"], ["d"]]
    rate = [100.0, 100.0, 100.0, 100.0, 100.0]
    # indices: 0 hand-placed through flow, 1 arterial flow (n_base 1, n_through 2), 2-4 local
    wd.spillback_cuts({"b": 2}, routes, rate, 1, 2, seg, {"c"})
    assert rate == [100.0, 100.0, 100.0, 100.0, 100.0]
    wd.spillback_cuts({"b": 3}, routes, rate, 1, 2, seg, {"c"})
    # the chain b -> c (leaves b's junction) -> e (not congested: the queue stops at J3)
    assert rate == [100.0, 90.0, 85.0, 100.0, 100.0]


def test_full_weekday_day_total_and_zones(root):
    """--full's day: 280,494 people x 2.5 trips / 1.25 persons per vehicle, over the profile's
    13.35 peak hours; 63 zones on the full map (residential side streets, named generators and
    arterial boundaries)."""
    import yaml
    wd = load_generator(root)
    assert wd.POPULATION * wd.TRIPS_PER_PERSON / wd.PERSONS_PER_VEHICLE == 560_988.0
    assert round(wd.profile_hours(), 2) == 13.35
    zones = wd.full_zones(yaml.safe_load(open(os.path.join(root, "maps", "ninh-kieu-full.yaml"), encoding="utf-8")))
    assert all(k in zones for k in wd.GENERATORS)
    assert len(zones) >= 60


def test_the_shipped_full_weekday_carries_the_arterial_flows(root):
    """scenarios/ninh-kieu-full-weekday.yaml (written by --full) includes the full map's arterial
    flows (scenarios/demand/ninh-kieu-full-am-peak.yaml's block below its "Arterial flows" line,
    the day check may cut them) and its header states the peak total its flows add up to."""
    import re
    import yaml
    wd = load_generator(root)
    with open(os.path.join(root, "scenarios", "ninh-kieu-full-weekday.yaml"), encoding="utf-8") as f:
        text = f.read()
    day = yaml.safe_load(text)
    with open(os.path.join(root, "scenarios", "demand", "ninh-kieu-full-am-peak.yaml"), encoding="utf-8") as f:
        dem = f.read()
    arterial = yaml.safe_load("flows:\n" + dem[dem.index(wd.ARTERIAL_MARK):])["flows"]
    pairs = {(f["from"], f["to"]) for f in day["demand"]["flows"]}
    assert arterial and sum((f["from"], f["to"]) in pairs for f in arterial) >= 0.8 * len(arterial)
    total = sum(int(str(f["rate"]).split()[0]) for f in day["demand"]["flows"])
    stated = re.search(r"# - (\d+) flows, ([\d,]+) veh/h at the peak", text)
    assert stated and int(stated.group(1)) == len(day["demand"]["flows"]) and int(stated.group(2).replace(",", "")) == total
