#!/usr/bin/env python3
"""Runs an exported scenario in UXsim (mesoscopic, Newell's simplified kinematic-wave model)
built through its API from the export's `<name>.ngatu.json`, and scores the trips as Ngã Tư
does.

    python run_uxsim.py EXPORT_DIR... [--deltan 1] [--python]

UXsim 1.15.1 has a C++ engine (`World(cpp=True)`); it is the default here, `--python` runs
the pure-Python engine instead. Writes EXPORT_DIR/uxsim-result.json.

How the scenario maps onto UXsim:
- nodes at the export's x/y; links = our directed segments (length, free-flow speed, lanes);
- vehicles are homogeneous in UXsim: one vehicle stands for the demand's mean PCU. Jam density
  per lane is 1 / (jam spacing x mean PCU) and the reaction time is chosen so that a lane's
  capacity equals our saturation flow (PCU/h/lane / mean PCU) at the network's typical speed;
  `capacity_out` of each link is its saturation flow too;
- signals: UXsim switches whole links, not movements. Each of our phases becomes a green
  interval followed by an intergreen interval (yellow + all-red) in which no link is green; a
  link belongs to every phase that gives any of its movements right of way. Offsets as ours
  (phase 0 starts at the offset). No start-up lost time, no green extension (g = G as ours);
- demand: when the export carries Ngã Tư's departures (the default), exactly those vehicles
  (`addVehicle` at each scheduled departure; `deltan` must be 1); for an export of flows, the
  same flows and time slices with departures drawn here (exponential gaps for Poisson, even
  spacing for uniform). Each vehicle's route is enforced to the route our Router chose.

Timing: `exec_simulation` alone (the minimum of --repeat runs in this process), and the whole
process (`--process-repeat` fresh `python run_uxsim.py DIR --repeat 1 --no-result` processes:
interpreter start, import, reading the export, building the world, simulation, scoring), as
Ngã Tư's `ngatu run` is timed whole (time_ngatu_run.py).
"""
import argparse
import os
import resource
import subprocess
import sys
import time

import numpy as np

import common


def mean_pcu(export):
    """Demand-weighted mean PCU of a vehicle."""
    num = den = 0.0
    for f in export["flows"]:
        veh = sum((s["end_s"] - s["begin_s"]) * s["rate_veh_h"] for s in f["slices"])
        num += veh * f["mean_pcu"]
        den += veh
    return num / den if den > 0 else 1.0


def typical_speed(export):
    """Length-weighted median free-flow speed (m/s)."""
    segs = sorted(export["segments"], key=lambda s: s["speed_ms"])
    total = sum(s["length_m"] for s in segs)
    acc = 0.0
    for s in segs:
        acc += s["length_m"]
        if acc >= total / 2:
            return s["speed_ms"]
    return segs[-1]["speed_ms"]


def build(export, deltan, cpp, seed):
    from uxsim import World

    pcu = mean_pcu(export)
    model = export["model"]
    kappa = 1.0 / (model["jam_spacing_m"] * pcu)                    # veh/m/lane
    q_lane = model["saturation_flow_pcu_h_lane"] / 3600.0 / pcu     # veh/s/lane
    u = typical_speed(export)
    tau = max(0.1, 1.0 / q_lane - 1.0 / (u * kappa))                # Newell: q = 1 / (tau + 1/(u kappa))
    W = World(name=export["name"], deltan=deltan, reaction_time=tau, tmax=export["duration_s"],
              random_seed=seed, print_mode=0, save_mode=0, show_mode=0,
              vehicle_logging_timestep_interval=-1, cpp=cpp)

    # Signals: UXsim interval list and, per phase, the interval index of its green.
    groups = {}          # segment id -> UXsim signal groups at its downstream node
    plans = {}
    for sig in export["signals"]:
        intervals, green_index = [], []
        for ph in sig["phases"]:
            green_index.append(len(intervals))
            intervals.append(ph["green_s"])
            ig = ph["yellow_s"] + ph["all_red_s"]
            if ig > 0 and len(sig["phases"]) > 1:
                intervals.append(ig)
        if len(sig["phases"]) == 1:
            intervals = [sig["cycle_s"]]
        plans[sig["junction"]] = (intervals, sig["offset_s"])
        for k, ph in enumerate(sig["phases"]):
            for seg in ph["approaches"]:
                groups.setdefault(seg, []).append(green_index[k])

    for j in export["junctions"]:
        signal, offset = plans.get(j["id"], ([0], 0))
        W.addNode(j["id"], j["x"], j["y"], signal=signal, signal_offset=offset)
    for s in export["segments"]:
        lanes = max(1, int(round(s["effective_lanes"])))
        W.addLink(s["id"], s["from"], s["to"], length=s["length_m"], free_flow_speed=s["speed_ms"],
                  jam_density_per_lane=kappa, number_of_lanes=lanes,
                  signal_group=sorted(groups.get(s["id"], [0])),
                  capacity_out=s["saturation_flow_pcu_h"] / 3600.0 / pcu)
    return W, {"mean_pcu": pcu, "jam_density_veh_m_lane": kappa, "lane_capacity_veh_h": q_lane * 3600,
               "reaction_time_s": tau, "typical_speed_ms": u}


def add_demand(W, export, deltan, seed):
    """Adds the vehicles: Ngã Tư's departures when the export carries them, else departure times
    drawn per flow slice (each UXsim vehicle a platoon of `deltan` vehicles). Returns
    (vehicle, flow id, scheduled departure) per UXsim vehicle."""
    junction_of = {s["id"]: (s["from"], s["to"]) for s in export["segments"]}
    flows = {f["id"]: f for f in export["flows"]}
    added = []
    deps = common.departures(export)
    if deps is not None:
        if deltan != 1:
            raise SystemExit(f"{export['name']}: Ngã Tư's departures are single vehicles: run with --deltan 1")
        for _, t, flow, _ in deps:
            route = flows[flow]["route"]
            v = W.addVehicle(junction_of[route[0]][0], junction_of[route[-1]][1], t)
            v.enforce_route(route)
            added.append((v, flow, t))
        return added
    rng = np.random.default_rng(seed)
    for f in export["flows"]:
        o, d = junction_of[f["route"][0]][0], junction_of[f["route"][-1]][1]
        for sl in f["slices"]:
            rate = sl["rate_veh_h"] / 3600.0 / deltan
            if rate <= 0:
                continue
            times = []
            if export["arrivals"] == "poisson":
                t = sl["begin_s"] + rng.exponential(1 / rate)
                while t < sl["end_s"]:
                    times.append(t)
                    t += rng.exponential(1 / rate)
            else:
                t = sl["begin_s"]
                while t < sl["end_s"]:
                    times.append(t)
                    t += 1 / rate
            for t in times:
                v = W.addVehicle(o, d, t)
                v.enforce_route(f["route"])
                added.append((v, f["id"], t))
    return added


def score(export, added, deltan):
    """Ngã Tư's measures: travel from the scheduled departure to UXsim's arrival (its departure
    step + travel time); a vehicle not yet on a link at the end ("home", "wait") was waiting to
    enter."""
    ff = common.free_flow_times(export)
    trips = common.Trips(export)
    for v, flow, t in added:
        state = v.state
        for _ in range(deltan):
            tt = v.travel_time
            if state == "end" and tt is not None and tt >= 0:
                trips.add_finished(t, v.departure_time_in_second + tt, ff[flow], flow=flow)
            elif state in ("home", "wait"):
                trips.add_waiting(t)
            else:
                trips.add_unfinished(t)
    return trips.summary()


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_process(directory, args, repeat):
    """Wall and CPU (user + system) of `repeat` whole processes, each a fresh interpreter that
    imports UXsim, reads the export, builds the world, simulates and scores once."""
    cmd = [sys.executable, os.path.abspath(__file__), directory, "--repeat", "1", "--no-result",
           "--deltan", str(args.deltan)] + (["--python"] if args.python else []) + (
           ["--seed", str(args.seed)] if args.seed is not None else [])
    walls, cpus = [], []
    for _ in range(repeat):
        c0, t0 = children_cpu(), time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(children_cpu() - c0)
        if p.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr}")
    return walls, cpus


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--deltan", type=int, default=1, help="UXsim platoon size (default 1: every vehicle)")
    ap.add_argument("--python", action="store_true", help="pure-Python engine instead of the C++ one")
    ap.add_argument("--seed", type=int, default=None, help="override the export's seed")
    ap.add_argument("--repeat", type=int, default=3, help="timed simulations per case in this process; the minimum is reported")
    ap.add_argument("--process-repeat", type=int, default=5,
                    help="whole UXsim processes timed per case (0: none); the minimum is reported")
    ap.add_argument("--no-result", action="store_true", help="write no result file (a timed whole process)")
    args = ap.parse_args()
    import importlib.metadata
    version = importlib.metadata.version("uxsim")
    for d in args.dirs:
        d = os.path.abspath(d)
        export, _ = common.load_export(d)
        if args.seed is not None:
            export["seed"] = args.seed
        # The minimum wall time of --repeat identical runs (same seed), as Ngã Tư's bench
        # reports; the trips are scored from the first.
        walls, cpus = [], []
        for k in range(args.repeat):
            t0 = time.perf_counter()
            Wk, calib = build(export, args.deltan, not args.python, export["seed"])
            added_k = add_demand(Wk, export, args.deltan, export["seed"])
            if k == 0:
                build_wall = time.perf_counter() - t0
                W, added = Wk, added_k
            t1, c1 = time.perf_counter(), time.process_time()
            Wk.exec_simulation()
            walls.append(time.perf_counter() - t1)
            cpus.append(time.process_time() - c1)
        wall, cpu = min(walls), min(cpus)
        result = score(export, added, args.deltan)
        if args.no_result:
            continue
        engine = "uxsim" if not args.python else "uxsim-python"
        result.update({"engine": engine, "case": export["name"], "wall_s": wall, "cpu_s": cpu, "build_wall_s": build_wall,
                       "version": version, "seed": export["seed"], "cpp": not args.python, "deltan": args.deltan, "calibration": calib,
                       "wall_runs_s": walls, "cpu_runs_s": cpus, "departures": common.departures_label(export)})
        if args.process_repeat > 0:
            pw, pc = time_process(d, args, args.process_repeat)
            result.update({"process_wall_s": min(pw), "process_cpu_s": min(pc), "process_wall_runs_s": pw,
                           "process_cpu_runs_s": pc})
        common.write_result(d, engine, result)
        whole = (f"  whole process wall {result['process_wall_s']:.2f} s cpu {result['process_cpu_s']:.2f} s"
                 if "process_wall_s" in result else "")
        print(f"{export['name']:>20} {engine:<11} simulation wall {wall:8.2f} s{whole}  finished {result['vehicles_finished']:6d}  "
              f"unfinished {result['vehicles_unfinished']:5d}  waiting {result['vehicles_waiting']:5d}  "
              f"travel {result['mean_travel_time_s']:7.1f} s  delay {result['mean_delay_s']:7.1f} s  "
              f"(build {build_wall:.1f} s, tau {calib['reaction_time_s']:.2f} s)")


if __name__ == "__main__":
    main()
