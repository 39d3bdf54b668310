#!/usr/bin/env python3
"""Runs an exported scenario in SUMO: netconvert on the plain XML, then SUMO microscopic and
SUMO mesoscopic (--mesosim --meso-junction-control, on the export's NAME.meso.net.xml: no
internal lanes, our lengths; with NAME.meso.tll.xml: our discharge windows as programs), and
scores the trips as Ngã Tư does.

    python run_sumo.py EXPORT_DIR... [--engines micro,meso] [--step-length S]

Writes EXPORT_DIR/sumo-micro-result.json and sumo-meso-result.json and prints a summary.
Uses the SUMO of the `eclipse-sumo` wheel (bench/compare/setup.sh).
"""
import argparse
import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import common


def sumo_bin(name):
    import sumo  # the eclipse-sumo wheel
    return os.path.join(sumo.SUMO_HOME, "bin", name)


def env():
    import sumo
    e = dict(os.environ)
    e["SUMO_HOME"] = sumo.SUMO_HOME
    return e


def children_cpu():
    """User + system CPU seconds of the finished child processes so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, cwd, cpu=None):
    """Runs `cmd`; returns its wall time and output. `cpu`, a list, gets its CPU time
    (user + system), which depends less than the wall time on other work on the machine."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if cpu is not None:
        cpu.append(children_cpu() - c0)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {p.returncode}")
    return wall, p.stdout + p.stderr


def flow_of(vehicle_id):
    """`f3.17` or `f3-s2.17` → `f3`."""
    return vehicle_id.split(".")[0].split("-s")[0]


def score(directory, export, tripinfo, stats):
    """Scores SUMO's tripinfo. With Ngã Tư's departures in the export, each vehicle's scheduled
    departure is the export's (by id) and a measured vehicle with no tripinfo (never inserted)
    was waiting to enter at the end; with SUMO's own flows, scheduled = depart − departDelay and
    the vehicles waiting to enter are known only as SUMO's total (its statistics)."""
    ff = common.free_flow_times(export)
    trips = common.Trips(export)
    deps = common.departures(export)
    scheduled_of = {vid: t for vid, t, _, _ in deps} if deps is not None else None
    seen = set()
    for _, el in ET.iterparse(tripinfo):
        if el.tag != "tripinfo":
            continue
        vid = el.get("id")
        depart = float(el.get("depart"))
        depart_delay = float(el.get("departDelay", "0"))
        if scheduled_of is not None:
            if vid not in scheduled_of:
                raise SystemExit(f"{tripinfo}: vehicle {vid} is not one of the export's departures")
            scheduled = scheduled_of[vid]
            seen.add(vid)
        else:
            scheduled = depart - depart_delay
        arrival = float(el.get("arrival", "-1"))
        if arrival >= 0:
            trips.add_finished(scheduled, arrival, ff[flow_of(vid)],
                               float(el.get("timeLoss", "0")) + depart_delay, flow=flow_of(vid))
        elif depart >= 0:
            trips.add_unfinished(scheduled)
        else:
            trips.add_waiting(scheduled)
        el.clear()
    if scheduled_of is not None:
        for vid, t in scheduled_of.items():
            if vid not in seen:
                trips.add_waiting(t)
    out = trips.summary()
    root = ET.parse(stats).getroot()
    veh = root.find("vehicles")
    tele = root.find("teleports")
    out["sumo_loaded"] = int(veh.get("loaded"))
    out["sumo_inserted"] = int(veh.get("inserted"))
    out["sumo_waiting_to_enter_at_end"] = int(veh.get("waiting"))
    out["departures"] = common.departures_label(export)
    if deps is None:
        # Own flows: only SUMO's total of vehicles waiting to enter is known (measured or not).
        out["vehicles_waiting"] = out["sumo_waiting_to_enter_at_end"]
        out["vehicles_measured"] += out["vehicles_waiting"]
    out["teleports"] = int(tele.get("total")) if tele is not None else 0
    safety = root.find("safety")
    out["collisions"] = int(safety.get("collisions", "0")) if safety is not None else 0
    out["emergency_braking"] = int(safety.get("emergencyBraking", "0")) if safety is not None else 0
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--engines", default="micro,meso")
    ap.add_argument("--seed", type=int, default=None, help="override the export's seed")
    ap.add_argument("--step-length", type=float, default=None, help="override the export's step length (s)")
    args = ap.parse_args()
    version = subprocess.run([sumo_bin("sumo"), "--version"], capture_output=True, text=True, env=env()).stdout.splitlines()[0]
    for d in args.dirs:
        d = os.path.abspath(d)
        export, name = common.load_export(d)
        net_wall, _ = run([sumo_bin("netconvert"), "-c", f"{name}.netccfg"], d)
        # Meso's own net: no internal lanes, our segment lengths (older exports have none).
        meso_net = os.path.exists(os.path.join(d, f"{name}.meso.netccfg"))
        if meso_net and "meso" in args.engines.split(","):
            run([sumo_bin("netconvert"), "-c", f"{name}.meso.netccfg"], d)
        for engine in args.engines.split(","):
            tag = f"sumo-{engine}"
            tripinfo, stats = f"{name}.{tag}.tripinfo.xml", f"{name}.{tag}.stats.xml"
            # Per edge, vehicles that left it in the measured window (for approaches.py).
            edgedata = f"{name}.{tag}.edgedata.add.xml"
            with open(os.path.join(d, edgedata), "w", encoding="utf-8") as f:
                f.write(f'<additional>\n    <edgeData id="measured" file="{name}.{tag}.edgedata.xml" '
                        f'begin="{export["warmup_s"]:g}" end="{export["duration_s"]:g}"/>\n</additional>\n')
            additional = [edgedata]
            cmd = [sumo_bin("sumo"), "-c", f"{name}.sumocfg", "--tripinfo-output", tripinfo,
                   "--statistic-output", stats, "--no-warnings", "true"]
            if args.seed is not None:
                cmd += ["--seed", str(args.seed)]
            if args.step_length:
                cmd += ["--step-length", str(args.step_length)]
            if engine == "meso":
                cmd += ["--mesosim", "true", "--meso-junction-control", "true"]
                if meso_net:
                    cmd += ["--net-file", f"{name}.meso.net.xml"]
                # Our discharge windows as meso's programs (meso has no start-up loss and goes on yellow).
                if os.path.exists(os.path.join(d, f"{name}.meso.tll.xml")):
                    additional.insert(0, f"{name}.meso.tll.xml")
            elif engine != "micro":
                raise SystemExit(f"unknown engine {engine} (micro or meso)")
            cmd += ["--additional-files", ",".join(additional)]
            cpu = []
            wall, _ = run(cmd, d, cpu)
            result = score(d, export, os.path.join(d, tripinfo), os.path.join(d, stats))
            result.update({"engine": tag, "case": export["name"], "wall_s": wall, "cpu_s": cpu[0], "netconvert_wall_s": net_wall,
                           "version": version, "step_length_s": args.step_length or export["step_length_s"],
                           "command": " ".join(os.path.basename(c) if i == 0 else c for i, c in enumerate(cmd))})
            common.write_result(d, tag, result)
            print(f"{export['name']:>20} {tag:<11} wall {wall:8.2f} s  cpu {cpu[0]:8.2f} s  finished {result['vehicles_finished']:6d}  "
                  f"unfinished {result['vehicles_unfinished']:5d}  travel {result['mean_travel_time_s']:7.1f} s  "
                  f"delay {result['mean_delay_s']:7.1f} s  (timeLoss+departDelay {result['mean_own_delay_s']:.1f} s)  "
                  f"teleports {result['teleports']}  collisions {result['collisions']}  "
                  f"waiting to enter at end {result['sumo_waiting_to_enter_at_end']}")


if __name__ == "__main__":
    main()
