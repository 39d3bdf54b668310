#!/usr/bin/env python3
"""Writes a SYNTHETIC turning and link count survey for the Ninh Kiều morning peak
(scenarios/counts/ninh-kieu-am-peak-survey.csv): no counts are published for Cần Thơ, so the
"observed" counts are simulated from a made-up "true" demand that differs from the flagship's.

The true demand: every flow of scenarios/ninh-kieu-am-peak.yaml (its demand files) times a
factor exp(0.35 z), z standard normal from Python's random.Random(SEED), kept within 0.6–1.6 and
rounded to 10 veh/h; and a sharper profile than the flagship's. The survey: every turning
movement of seven signalised junctions that the made-up demand uses, and both directions of four
roads, in four 15-minute
intervals from 06:15 to 07:15 (15–75 min after the start), each count the mean over the
flagship's 5 replications (seed 2026, fixed time) rounded to whole vehicles. The simulation is
`ngatu calibrate`'s own (its `prior_simulated` column of a probe run), so the counts are what the
simulator gives for that demand, not what a street would: a stand-in until real counts exist.

Usage: scenarios/tools/synthetic-survey.py [--ngatu PATH] [--replications N] > scenarios/counts/ninh-kieu-am-peak-survey.csv
"""
import argparse
import csv
import math
import os
import random
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FLAGSHIP = os.path.join(ROOT, "scenarios", "ninh-kieu-am-peak.yaml")
DEMAND = os.path.join(ROOT, "scenarios", "demand", "ninh-kieu-am-peak.yaml")
FLOWS = os.path.join(ROOT, "scenarios", "demand", "ninh-kieu-am-peak.csv")
MAP = os.path.join(ROOT, "maps", "ninh-kieu.yaml")
SEED = 18
TRUE_PROFILE = "[[0 min, 0.7], [35 min, 1.25], [60 min, 1.05], [90 min, 0.8]]"
JUNCTIONS = ["j1-mau-than-3-2", "j3-mau-than-nvc", "j5-nvl-30-4", "j8-30-4-quang-trung",
             "j10-cmt8-nguyen-trai", "j13-mau-than-30-4", "s1-hoa-binh-ngo-quyen"]
ROADS = ["nvc-6", "3-2-1", "cau-quang-trung-1", "vvk-1"]
INTERVALS = [("15 min", "30 min"), ("30 min", "45 min"), ("45 min", "60 min"), ("60 min", "75 min")]


def flagship_flows():
    d = yaml.safe_load(open(DEMAND))
    flows = [(f["from"], f["to"], float(f["rate"])) for f in d.get("flows", [])]
    with open(FLOWS) as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        flows += [(r["from"], r["to"], float(r["rate"])) for r in rows]
    return flows


def true_flows():
    rng = random.Random(SEED)
    out = []
    for a, b, rate in flagship_flows():
        factor = min(1.6, max(0.6, math.exp(0.35 * rng.gauss(0, 1))))
        out.append((a, b, round(rate * factor / 10) * 10))
    return out


def scenario(flows, replications):
    fl = yaml.safe_load(open(FLAGSHIP))
    veh = "\n".join(f"  {k}: {{share: {v['share']}, pcu: {v['pcu']}}}" for k, v in fl["vehicles"].items())
    lines = "\n".join(f"    - {{from: {a}, to: {b}, rate: {r}}}" for a, b, r in flows)
    return (f"scenario: ninh-kieu-survey-truth\nmap: {MAP}\nduration: {fl['duration']}\nwarmup: {fl['warmup']}\n"
            f"replications: {replications}\nseed: {fl['seed']}\nvehicles:\n{veh}\n"
            f"demand:\n  arrivals: poisson\n  flows:\n{lines}\n  profile: {TRUE_PROFILE}\n"
            "strategies:\n  - {name: fixed, controller: fixed-time}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ngatu", default=os.path.join(ROOT, ".build", "release", "ngatu"))
    ap.add_argument("--replications", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        truth = os.path.join(tmp, "truth.yaml")
        with open(truth, "w") as f:
            f.write(scenario(true_flows(), args.replications))
        # The movements of the surveyed junctions, as the simulator names them.
        run = os.path.join(tmp, "run")
        subprocess.run([args.ngatu, "run", truth, "--out", run, "--replications", "1", "--quiet"], check=True,
                       capture_output=True)
        sites = []
        with open(os.path.join(run, "movements.csv")) as f:
            for r in csv.DictReader(f):
                s = f"{r['junction']}:{r['approach']}:{r['turn']}"
                if r["junction"] in JUNCTIONS and s not in sites:
                    sites.append(s)
        sites.sort(key=lambda s: (JUNCTIONS.index(s.split(":")[0]), s))
        sites += [s for r in ROADS for s in (r, r + "~r")]
        probe = os.path.join(tmp, "probe.csv")
        with open(probe, "w") as f:
            f.write("site,from,to,count\n")
            for s in sites:
                for a, b in INTERVALS:
                    f.write(f"{s},{a},{b},0\n")
        subprocess.run([args.ngatu, "calibrate", truth, "--counts", probe, "--out", os.path.join(tmp, "x.yaml"),
                        "--rounds", "1", "--quiet"], check=True, capture_output=True)
        with open(os.path.join(tmp, "x.calibration.csv")) as f:
            rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    out = sys.stdout
    out.write("# SYNTHETIC count survey, Ninh Kiều morning peak 06:15–07:15 (no counts are published for\n"
              "# Cần Thơ): simulated from a made-up demand, not counted on a street. Written by\n"
              f"# scenarios/tools/synthetic-survey.py (seed {SEED}); how: that file's header. Times are\n"
              "# minutes after 06:00 (the flagship has no `start:`). Vehicles per 15 minutes, all classes.\n")
    out.write("site,from,to,count\n")
    counts = [(r["site"], r["from"], r["to"], round(float(r["prior_simulated"]))) for r in rows]
    # A movement no made-up trip takes (all four counts 0) is left out, as a survey of the turns
    # people make would.
    busy = {s for s, _, _, c in counts if c > 0}
    for s, a, b, c in counts:
        if s in busy:
            out.write(f"{s},{a},{b},{c}\n")


if __name__ == "__main__":
    main()
