#!/usr/bin/env python3
"""Per signalised approach: vehicles discharged in the measured window by Ngã Tư
(`ngatu-result.json`, CompareCases) against vehicles that left the same edge in SUMO
(`NAME.sumo-ENGINE.edgedata.xml`, written by run_sumo.py), to find where the engines'
throughput differs.

    python approaches.py CASE_DIR [--engine sumo-micro|sumo-meso] [--top N]

Prints the totals, the differences grouped by what the approach carries (permitted left
turners or not) and where it is (entry from a boundary or not), measured trips finished per
group of flows (routes with a permitted turn or not), and the approaches with the largest
differences.
"""
import argparse
import glob
import json
import os
import xml.etree.ElementTree as ET

import common


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("case_dir")
    ap.add_argument("--engine", default="sumo-meso")
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    export, name = common.load_export(args.case_dir)
    ours = json.load(open(os.path.join(args.case_dir, "ngatu-result.json"), encoding="utf-8"))
    ours = {a["segment"]: a for a in ours.get("approaches", [])}
    if not ours:
        raise SystemExit("ngatu-result.json has no approaches (re-run the CompareCases export)")
    path = os.path.join(args.case_dir, f"{name}.{args.engine}.edgedata.xml")
    left = {}
    for e in ET.parse(path).getroot().iter("edge"):
        left[e.get("id")] = int(float(e.get("left", "0")))
    seg = {s["id"]: s for s in export["segments"]}
    ctrl = {j["id"]: j["control"] for j in export["junctions"]}
    # Which approaches carry a left turn of some flow (turn = the export's phases say permitted).
    permitted = set()
    for sig in export["signals"]:
        for ph in sig["phases"]:
            for m in ph["movements"]:
                if m["permitted"]:
                    permitted.add((m["from"], m["to"]))
    turns_left = set()
    for f in export["flows"]:
        for a, b in zip(f["route"], f["route"][1:]):
            if (a, b) in permitted:
                turns_left.add(a)
    rows = []
    for sid, a in ours.items():
        s = seg[sid]
        rows.append((sid, a["throughput"], left.get(sid, 0), sid in turns_left, ctrl[s["from"]] == "boundary"))
    n_ours = sum(r[1] for r in rows)
    n_sumo = sum(r[2] for r in rows)
    print(f"{export['name']}: {len(rows)} signalised approaches; discharged in the window: "
          f"Ngã Tư {n_ours}, {args.engine} {n_sumo} ({100 * (n_sumo - n_ours) / max(n_ours, 1):+.1f}%)")
    groups = {}
    for r in rows:
        k = ("with permitted left turners" if r[3] else "no permitted left turners",
             "entry from a boundary" if r[4] else "interior")
        g = groups.setdefault(k, [0, 0, 0])
        g[0] += 1
        g[1] += r[1]
        g[2] += r[2]
    for k in sorted(groups):
        n, o, x = groups[k]
        print(f"  {k[0]:<28} {k[1]:<22} {n:4d} approaches  Ngã Tư {o:7d}  {args.engine} {x:7d}  "
              f"({100 * (x - o) / max(o, 1):+.1f}%)")
    # Per flow: measured trips finished and mean delay, grouped by whether the route takes a
    # permitted (yielding) turn.
    theirs = json.load(open(os.path.join(args.case_dir, f"{args.engine}-result.json"), encoding="utf-8"))
    ours_f = {f["id"]: f for f in json.load(open(os.path.join(args.case_dir, "ngatu-result.json"),
                                                 encoding="utf-8")).get("flows", [])}
    theirs_f = {f["id"]: f for f in theirs.get("flows", [])}
    if ours_f and theirs_f:
        fg = {}
        for f in export["flows"]:
            k = "routes with a permitted turn" if any((a, b) in permitted for a, b in zip(f["route"], f["route"][1:])) \
                else "routes without"
            g = fg.setdefault(k, [0, 0, 0, 0.0, 0.0])
            o, t = ours_f.get(f["id"]), theirs_f.get(f["id"])
            g[0] += 1
            if o:
                g[1] += o["finished"]
                g[3] += o["finished"] * o["mean_delay_s"]
            if t:
                g[2] += t["finished"]
                g[4] += t["finished"] * t["mean_delay_s"]
        print("  measured trips finished, by flow:")
        for k in sorted(fg):
            n, o, t, od, td = fg[k]
            print(f"    {k:<30} {n:4d} flows  Ngã Tư {o:6d} (delay {od / max(o, 1):6.1f} s)  {args.engine} {t:6d} "
                  f"(delay {td / max(t, 1):6.1f} s)  ({100 * (t - o) / max(o, 1):+.1f}%)")
    print(f"  largest differences ({args.engine} − Ngã Tư):")
    for r in sorted(rows, key=lambda r: -abs(r[2] - r[1]))[: args.top]:
        print(f"    {r[0]:<16} Ngã Tư {r[1]:6d}  {args.engine} {r[2]:6d}  {r[2] - r[1]:+6d}"
              f"{'  left turners' if r[3] else ''}{'  boundary entry' if r[4] else ''}")


if __name__ == "__main__":
    main()
