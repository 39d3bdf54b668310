"""bench/compare's scoring: every engine is measured by the same trip rules, so they are tested
on trips whose answer is known by hand."""
import csv
import json
import os
import xml.etree.ElementTree as ET

import pytest

import common
import run_sumo
import summarise
from run_sumo import flow_of

from conftest import run

EXPORT = {
    "warmup_s": 100, "duration_s": 1000,
    "segments": [{"id": "a", "length_m": 100.0, "speed_ms": 10.0},
                 {"id": "b", "length_m": 300.0, "speed_ms": 15.0}],
    "flows": [{"id": "f0", "route": ["a"]}, {"id": "f1", "route": ["a", "b"]}],
}


def test_free_flow_time_is_the_sum_over_the_route():
    assert common.free_flow_times(EXPORT) == {"f0": 10.0, "f1": 30.0}


def test_trips_are_measured_by_scheduled_departure_in_the_window():
    t = common.Trips(EXPORT)
    t.add_finished(99.9, 150, 10, flow="f0")        # before the warm-up: not measured
    t.add_finished(100, 130, 10, flow="f0")         # travel 30, delay 20
    t.add_finished(500, 560, 30, own_delay=25, flow="f1")  # travel 60, delay 30
    t.add_unfinished(999)
    t.add_unfinished(1000)                          # at the end: not measured
    s = t.summary()
    assert (s["vehicles_finished"], s["vehicles_unfinished"]) == (2, 1)
    assert s["mean_travel_time_s"] == 45 and s["mean_delay_s"] == 25 and s["mean_own_delay_s"] == 12.5
    assert s["flows"] == [{"id": "f0", "finished": 1, "mean_delay_s": 20.0},
                          {"id": "f1", "finished": 1, "mean_delay_s": 30.0}]


def test_sumo_vehicle_ids_name_their_flow():
    assert flow_of("f3.17") == "f3" and flow_of("f3-s2.17") == "f3" and flow_of("f12.0") == "f12"


def test_bench_lines_give_wall_times():
    lines = ("grid 10×10, 1 h: 34123 vehicles in 0.201 s wall (minimum of 5 runs; 3.2 M events/s)\n"
             "scenario ninh-kieu: 11283 vehicles in 0.041 s wall\n"
             "something else\n")
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"bench-{os.getpid()}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(lines)
    try:
        assert summarise.bench_walls(path) == {"grid-10x10": (0.201, 5), "ninh-kieu": (0.041, 1)}
    finally:
        os.remove(path)


def test_targets_are_judged_from_the_rows():
    rows = [{"case": "grid-10x10", "engine": "ngatu", "vehicles_finished": 1000, "mean_delay_s": 50.0},
            {"case": "grid-10x10", "engine": "sumo-meso", "process_ratio_to_ngatu": 8.0, "vehicles_finished": 1015,
             "mean_delay_s": 40.0}]
    text = summarise.targets_section(rows)
    assert ("| grid-10x10 | sumo-meso | ×8 (≥ 10: missed) | — | 1015 against 1000: +1.5% (≤ 2%: met) "
            "| +25% (50.0 s against 40.0 s) |") in text


def test_whole_and_simulation_ratios_and_the_completions_range():
    rows = [{"case": "grid-10x10-cars", "engine": "ngatu", "process_wall_s": 0.134, "sim_wall_s": 0.038,
             "vehicles_finished": 18225, "mean_delay_s": 200.0},
            {"case": "grid-10x10-cars", "engine": "sumo-micro", "process_ratio_to_ngatu": 900.0,
             "process_cpu_ratio_to_ngatu": 1000.0, "vehicles_finished": 20418, "mean_delay_s": 150.0},
            {"case": "grid-10x10-cars", "engine": "sumo-meso", "process_ratio_to_ngatu": 8.6,
             "process_cpu_ratio_to_ngatu": 12.0, "vehicles_finished": 16461, "mean_delay_s": 250.0},
            # UXsim: its whole process against our whole `ngatu run`, its simulation against ours
            {"case": "grid-10x10-cars", "engine": "uxsim", "process_ratio_to_ngatu": 11.0, "process_cpu_ratio_to_ngatu": 9.5,
             "sim_ratio_to_ngatu": 14.3, "vehicles_finished": 20717, "mean_delay_s": 190.0}]
    text = summarise.targets_section(rows)
    assert "| grid-10x10-cars | sumo-meso | ×9 (≥ 10: missed); cpu ×12 (≥ 10: met) | — |" in text
    assert "| grid-10x10-cars | uxsim | ×11 (≥ 10: met); cpu ×10 (≥ 10: missed) | ×14 (≥ 10: met) |" in text
    # micro and meso differ by 24%: the range is 16,132 to 20,826 (2% wider), and 18,225 is inside
    assert "- grid-10x10-cars: Ngã Tư 18225; sumo-micro 20418, sumo-meso 16461, uxsim 20717. SUMO micro and meso differ by 24.0%; range 16,132–20,826: inside." in text


def test_an_engine_process_against_our_simulation_alone_says_so():
    ours = {"engine": "ngatu", "process_wall_s": "", "sim_wall_s": 0.002}
    sumo = {"engine": "sumo-micro", "process_wall_s": 1.5, "process_ratio_to_ngatu": ""}
    whole, sim = summarise.speed_cells(sumo, ours, 100, True)
    assert whole == "×750 (≥ 100: met) against our simulation alone (ours not timed whole)" and sim == "—"


def test_trips_count_waiting_to_enter_apart():
    t = common.Trips(EXPORT)
    t.add_finished(200, 260, 10)
    t.add_unfinished(300)
    t.add_waiting(400)
    t.add_waiting(50)                                # before the warm-up: not measured
    s = t.summary()
    assert (s["vehicles_finished"], s["vehicles_unfinished"], s["vehicles_waiting"], s["vehicles_measured"]) == (1, 1, 1, 3)


def row(engine, measured, departures="Ngã Tư's vehicles", case="c"):
    return {"case": case, "engine": engine, "departures": departures, "vehicles_measured": measured}


def test_summarise_checks_every_engine_measured_the_same_trips():
    lines, bad = summarise.totals_check([row("ngatu", 23924), row("sumo-micro", 23924), row("uxsim", 23924)])
    assert bad == [] and lines == ["- c (Ngã Tư's vehicles): measured trips (finished + unfinished + waiting to enter) "
                                   "ngatu 23924, sumo-micro 23924, uxsim 23924: the same: like for like."]
    lines, bad = summarise.totals_check([row("ngatu", 23924), row("sumo-micro", 23923)])
    assert bad == ["c"] and "NOT the same" in lines[0]
    # Each engine's own draws: a difference is sampling, said so, not an error.
    own = "the engine's own draws"
    lines, bad = summarise.totals_check([row("ngatu", 23924, own), row("sumo-micro", 24012, own)])
    assert bad == [] and lines[0].endswith("different (the engine's own draws: totals differ by sampling).")


def test_sumo_is_scored_by_the_exported_departures(tmp_path):
    """A vehicle's scheduled departure is the export's; one never inserted was waiting to enter."""
    export = dict(EXPORT, departures={"mode": "ngatu", "count": 4, "depart_us": [50_000_000, 150_500_000, 400_000_000, 900_000_000],
                                      "flow": [0, 0, 1, 1], "class": [0, 0, 0, 0]})
    assert common.departures(export) == [("f0.0", 50.0, "f0", 0), ("f0.1", 150.5, "f0", 0),
                                         ("f1.0", 400.0, "f1", 0), ("f1.1", 900.0, "f1", 0)]
    tripinfo, stats = tmp_path / "t.xml", tmp_path / "s.xml"
    tripinfo.write_text('<tripinfos>\n'
                        '<tripinfo id="f0.0" depart="50.00" departDelay="0.00" arrival="70.00" timeLoss="5"/>\n'
                        '<tripinfo id="f0.1" depart="152.00" departDelay="1.00" arrival="190.00" timeLoss="20"/>\n'
                        '<tripinfo id="f1.0" depart="401.00" departDelay="1.00" arrival="-1" timeLoss="3"/>\n'
                        '</tripinfos>\n')
    stats.write_text('<statistics><vehicles loaded="4" inserted="3" running="1" waiting="1"/>'
                     '<teleports total="0"/><safety collisions="0" emergencyBraking="0"/></statistics>\n')
    r = run_sumo.score(str(tmp_path), export, str(tripinfo), str(stats))
    # f0.0 departs in the warm-up; f0.1 scheduled at 150.5 (not SUMO's 151): travel 39.5, delay 29.5
    assert (r["vehicles_finished"], r["vehicles_unfinished"], r["vehicles_waiting"], r["vehicles_measured"]) == (1, 1, 1, 3)
    assert r["mean_travel_time_s"] == 39.5 and r["mean_delay_s"] == 29.5
    assert r["departures"] == "Ngã Tư's vehicles"
    tripinfo.write_text('<tripinfos><tripinfo id="f9.0" depart="1" arrival="2"/></tripinfos>\n')
    with pytest.raises(SystemExit, match="not one of the export's departures"):
        run_sumo.score(str(tmp_path), export, str(tripinfo), str(stats))


def test_exported_departures_are_the_vehicles_ngatu_simulates(root, ngatu, tmp_path):
    """The export's vehicles (NAME.rou.xml and NAME.ngatu.json) are the ones `ngatu run` simulates
    for the same seed: same list in both files, and the measured ones are its demanded vehicles."""
    scenario = os.path.join(root, "scenarios", "isolated-junction.yaml")
    out = tmp_path / "export"
    p = run([ngatu, "export-sumo", scenario, "--out", str(out), "--replication", "2"])
    assert p.returncode == 0, p.stderr
    export, name = common.load_export(str(out))
    deps = common.departures(export)
    assert export["departures"]["seed"] == 2027 and len(deps) > 2000
    vehicles = ET.parse(out / f"{name}.rou.xml").getroot().findall("vehicle")
    assert [(v.get("id"), v.get("route"), v.get("type")) for v in vehicles] == \
        [(vid, "r" + flow[1:], "car") for vid, _, flow, _ in deps]
    assert all(abs(float(v.get("depart")) - t) < 5e-7 for v, (_, t, _, _) in zip(vehicles, deps))
    assert [t for _, t, _, _ in deps] == sorted(t for _, t, _, _ in deps)
    res = tmp_path / "res"
    p = run([ngatu, "run", scenario, "--strategy", "fixed", "--replications", "2", "--quiet", "--out", str(res)])
    assert p.returncode == 0, p.stderr
    with open(res / "runs.csv", encoding="utf-8") as f:
        r2 = next(r for r in csv.DictReader(f) if r["replication"] == "2")
    assert int(r2["seed"]) == 2027
    measured = sum(1 for _, t, _, _ in deps if export["warmup_s"] <= t < export["duration_s"])
    assert measured == int(r2["vehicles_finished"]) + int(r2["vehicles_unfinished"])


def test_an_export_of_a_shipped_scenario_scores(root, ngatu, tmp_path):
    out = tmp_path / "export"
    p = run([ngatu, "export-sumo", os.path.join(root, "scenarios", "isolated-junction.yaml"), "--out", str(out)])
    assert p.returncode == 0, p.stderr
    export, name = common.load_export(str(out))
    ff = common.free_flow_times(export)
    assert name and ff and all(v > 0 for v in ff.values())
    assert set(ff) == {f["id"] for f in export["flows"]}
