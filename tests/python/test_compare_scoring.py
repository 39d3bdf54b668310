"""bench/compare's scoring: every engine is measured by the same trip rules, so they are tested
on trips whose answer is known by hand."""
import json
import os

import common
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
    rows = [{"case": "grid-10x10", "engine": "ngatu", "ratio_to_ngatu": 1.0, "vehicles_finished": 1000,
             "mean_delay_s": 50.0},
            {"case": "grid-10x10", "engine": "sumo-meso", "ratio_to_ngatu": 8.0, "vehicles_finished": 1015,
             "mean_delay_s": 40.0}]
    text = summarise.targets_section(rows)
    assert ("| grid-10x10 | sumo-meso | ×8 (≥ 10: missed) | 1015 against 1000: +1.5% (≤ 2%: met) "
            "| +25% (50.0 s against 40.0 s) |") in text


def test_cpu_ratios_and_the_completions_range():
    rows = [{"case": "grid-10x10-cars", "engine": "ngatu", "ratio_to_ngatu": 1.0, "cpu_ratio_to_ngatu": 1.0,
             "vehicles_finished": 18225, "mean_delay_s": 200.0},
            {"case": "grid-10x10-cars", "engine": "sumo-micro", "ratio_to_ngatu": 900.0, "cpu_ratio_to_ngatu": 1000.0,
             "vehicles_finished": 20418, "mean_delay_s": 150.0},
            {"case": "grid-10x10-cars", "engine": "sumo-meso", "ratio_to_ngatu": 8.6, "cpu_ratio_to_ngatu": 12.0,
             "vehicles_finished": 16461, "mean_delay_s": 250.0}]
    text = summarise.targets_section(rows)
    assert "| grid-10x10-cars | sumo-meso | ×9 (≥ 10: missed); cpu ×12: met |" in text
    # UXsim is timed over its simulation alone: also set against ours alone
    rows[0]["sim_wall_s"] = 0.1
    rows.append({"case": "grid-10x10-cars", "engine": "uxsim", "wall_s": 2.0, "ratio_to_ngatu": 4.0,
                 "cpu_ratio_to_ngatu": 5.0, "vehicles_finished": 20717, "mean_delay_s": 190.0})
    assert "| grid-10x10-cars | uxsim | ×4 (≥ 10: missed); cpu ×5: missed; simulations alone ×20: met |" in summarise.targets_section(rows)
    # micro and meso differ by 24%: the range is 16,132 to 20,826 (2% wider), and 18,225 is inside
    assert "- grid-10x10-cars: Ngã Tư 18225; sumo-micro 20418, sumo-meso 16461. SUMO micro and meso differ by 24.0%; range 16,132–20,826: inside." in text


def test_an_export_of_a_shipped_scenario_scores(root, ngatu, tmp_path):
    out = tmp_path / "export"
    p = run([ngatu, "export-sumo", os.path.join(root, "scenarios", "isolated-junction.yaml"), "--out", str(out)])
    assert p.returncode == 0, p.stderr
    export, name = common.load_export(str(out))
    ff = common.free_flow_times(export)
    assert name and ff and all(v > 0 for v in ff.values())
    assert set(ff) == {f["id"] for f in export["flows"]}
