"""Shared by run_sumo.py, run_uxsim.py and summarise.py: the export's JSON summary, the
trip measures of formats.md, and the result files every engine writes.

Measures follow Ngã Tư's definitions so that every engine is scored the same way:
- a trip is measured when its *scheduled* departure (the moment the vehicle was generated,
  before any wait to enter the map) lies in [warmup, duration);
- travel time = arrival - scheduled departure (waiting to enter included);
- delay = travel time - free-flow time of the route (sum of length / speed of its segments).
"""
import glob
import json
import os


def load_export(directory):
    """The `<name>.ngatu.json` summary of an export directory, and the export's name."""
    found = sorted(glob.glob(os.path.join(directory, "*.ngatu.json")))
    if not found:
        raise SystemExit(f"{directory}: no *.ngatu.json (export the scenario with SUMOExporter first)")
    path = found[0]
    with open(path, encoding="utf-8") as f:
        export = json.load(f)
    return export, os.path.basename(path)[: -len(".ngatu.json")]


def departures(export):
    """The export's vehicles when it carries Ngã Tư's departures (`departures.mode` "ngatu"):
    a list of (vehicle id, scheduled departure in s, flow id, class index) in order of departure,
    ids `f<flow>.<k>` as in NAME.rou.xml; None for an export of flows (each engine draws its own)."""
    d = export.get("departures") or {}
    if d.get("mode") != "ngatu":
        return None
    out, serial = [], {}
    for us, f, c in zip(d["depart_us"], d["flow"], d["class"]):
        k = serial.get(f, 0)
        serial[f] = k + 1
        out.append((f"f{f}.{k}", us / 1e6, f"f{f}", c))
    if len(out) != d["count"]:
        raise SystemExit(f"{export.get('name')}: the export's departures list {len(out)} vehicles, its count says {d['count']}")
    return out


def departures_label(export):
    """What the table says about the departures an engine ran."""
    return "Ngã Tư's vehicles" if departures(export) is not None else "the engine's own draws"


def free_flow_times(export):
    """Free-flow time (s) of each flow's route, by flow id (`f3`)."""
    seg = {s["id"]: s["length_m"] / s["speed_ms"] for s in export["segments"]}
    return {f["id"]: sum(seg[e] for e in f["route"]) for f in export["flows"]}


class Trips:
    """Accumulates measured trips: finished ones with travel time and delay, unfinished counts."""

    def __init__(self, export):
        self.warmup = export["warmup_s"]
        self.duration = export["duration_s"]
        self.finished = 0
        self.unfinished = 0    # on the map at the end
        self.waiting = 0       # still waiting to enter the map at the end
        self.travel = 0.0
        self.delay = 0.0
        self.own_delay = 0.0   # the engine's own delay measure (SUMO timeLoss + departDelay), if any
        self.by_flow = {}      # flow id -> [finished, total delay], when the engine names the flow

    def measured(self, scheduled):
        return self.warmup <= scheduled < self.duration

    def add_finished(self, scheduled, arrival, free_flow, own_delay=None, flow=None):
        if not self.measured(scheduled):
            return
        self.finished += 1
        travel = arrival - scheduled
        self.travel += travel
        self.delay += travel - free_flow
        if flow is not None:
            f = self.by_flow.setdefault(flow, [0, 0.0])
            f[0] += 1
            f[1] += travel - free_flow
        if own_delay is not None:
            self.own_delay += own_delay

    def add_unfinished(self, scheduled):
        if self.measured(scheduled):
            self.unfinished += 1

    def add_waiting(self, scheduled):
        if self.measured(scheduled):
            self.waiting += 1

    def summary(self):
        n = max(self.finished, 1)
        return {
            "vehicles_finished": self.finished,
            "vehicles_unfinished": self.unfinished,
            "vehicles_waiting": self.waiting,
            "vehicles_measured": self.finished + self.unfinished + self.waiting,
            "mean_travel_time_s": self.travel / n,
            "mean_delay_s": self.delay / n,
            "mean_own_delay_s": self.own_delay / n,
            "flows": [{"id": k, "finished": v[0], "mean_delay_s": v[1] / v[0]}
                      for k, v in sorted(self.by_flow.items(), key=lambda kv: int(kv[0][1:]))],
        }


def write_result(directory, engine, result):
    path = os.path.join(directory, f"{engine}-result.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")
    return path
