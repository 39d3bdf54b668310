#!/usr/bin/env python3
"""Builds the synthetic weekday demand of Ninh Kiều (scenarios/ninh-kieu-weekday.yaml).

    python3 scenarios/tools/weekday-demand.py [--ngatu .build/release/ngatu] > scenarios/ninh-kieu-weekday.yaml

Demand is SYNTHETIC (no counts are published for Cần Thơ, FACTS.md §4.6); every number below
is an estimate. Method, at the peak hour (the daily profile multiplies it):
1. Through traffic: the boundary-to-boundary flows of scenarios/ninh-kieu-am-peak.yaml.
2. Local traffic: every junction that is not a boundary is a zone (the side streets and
   alleys around it); trips between zones, and between zones and the arterial boundaries,
   by a gravity model: rate(i, j) = K · w(i) · w(j) · exp(−t(i, j) / 240 s), where t is the
   free-flow time of the route the core chooses and w is 1 for a signalised junction or an
   arterial boundary, 0.5 for a priority junction, 0.3 for a side-street boundary.
   K is set so that the local trips add up to --zone-peak vehicles an hour.
3. Capacity: each signal approach's peak load (PCU, 0.437 per vehicle for the mix) must stay
   within 80 % of lanes × saturation flow × green / cycle of the map's plan, and each road
   within 4,000 veh/h per direction for two lanes, 2,000 for one (the top of FACTS.md §4.6's
   2,000–4,000 veh/h on dual arterials); local flows crossing an overloaded approach or road
   are scaled down until none is. Then flows are rounded to 10 veh/h, those under 10 dropped.
Routes and plans come from `ngatu export-sumo`, so the check uses the core's own routes.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
AM_PEAK = os.path.join(ROOT, "scenarios", "ninh-kieu-am-peak.yaml")
AM_PEAK_FLOWS = os.path.join(ROOT, "scenarios", "demand", "ninh-kieu-am-peak.csv")
MAP = os.path.join(ROOT, "maps", "ninh-kieu.yaml")
PCU_PER_VEH = 0.437
# A weekday: quiet nights; flat peaks over the city's official peak windows 06:00–07:30 and
# 16:30–18:30 (FACTS.md §4.5), 06:30–07:30 and 16:30–18:30 at the full rate; off-peak about
# 55–75 % of it (FACTS.md §4.6 says 30–40 % on arterials; local trips keep the middle of the
# day busier). An estimate.
PROFILE = [("0 h", 0.08), ("5 h", 0.15), ("6 h", 0.85), ("6.5 h", 1.0), ("7.5 h", 1.0), ("8.5 h", 0.7),
           ("11 h", 0.65), ("13 h", 0.55), ("16 h", 0.75), ("16.5 h", 1.0), ("18.5 h", 1.0), ("19.5 h", 0.7),
           ("21.5 h", 0.45), ("24 h", 0.1)]
HEADER = """# Question: over a whole weekday in Ninh Kiều, with local trips between the neighbourhoods as
# well as through traffic, how much delay would adaptive signal control save over the map's
# fixed-time plans (estimated), and at which hours?
#
# Câu hỏi: trong cả một ngày thường ở Ninh Kiều, với cả các chuyến đi nội bộ giữa các khu dân
# cư lẫn giao thông đi xuyên qua, điều khiển đèn tín hiệu thích ứng giảm được bao nhiêu độ trễ
# so với chu kỳ đèn cố định của bản đồ (ước tính), và vào những giờ nào?
#
# Demand is SYNTHETIC (no counts are published for Cần Thơ, FACTS.md §4.6), written by
# scenarios/tools/weekday-demand.py (--zone-peak {zone_peak}); every number is an estimate.
# - Through traffic: the {through} veh/h of boundary-to-boundary flows of ninh-kieu-am-peak.yaml.
# - Local traffic: every junction that is not a boundary stands for the side streets around
#   it (a zone: trips join a road after its stop line and leave before it). Trips between
#   zones, and between zones and the arterial boundaries, by a gravity model on the core's
#   free-flow route times (exp(-t / 240 s)); {local} veh/h at the peak after the capacity cuts.
# - Capacity cuts: local flows were scaled down until every signal approach stays within
#   80 % of its capacity under the map's plans, every road within 4,000 veh/h per direction
#   for two lanes (2,000 for one), and, simulated for 2 h at the peak rate under fixed time,
#   no approach has a control delay over 80 s (worst {worst:.0f} s).
# - {n} flows, {total} veh/h at the peak; the profile below multiplies them over the day
#   (about 13.3 peak hours' worth: some 530,000 trips a day).
"""
STRATEGIES = """strategies:
  - {name: fixed, controller: fixed-time}
  - {name: webster, controller: webster}
  - {name: webster-by-hour, controller: webster, params: {period: 1 h}}
  - {name: webster-counts, controller: webster, params: {period: 15 min, flows: detectors}}
  - {name: actuated, controller: actuated, params: {min_green: 7 s, max_green: 60 s, gap: 3 s}}
  - {name: max-pressure, controller: max-pressure, params: {interval: 5 s, min_green: 7 s}}
  - {name: longest-queue-first, controller: longest-queue-first, params: {min_green: 7 s}}
baseline: fixed
junctions: all"""
APPROACH_X = 0.80
TAU_S = 240.0


def export(ngatu, pairs, workdir):
    """Routes of every pair and the signal plans, from `ngatu export-sumo`."""
    flows = "\n".join(f"    - {{from: {a}, to: {b}, rate: 1 veh/h}}" for a, b in pairs)
    text = (f"scenario: weekday-routes\nmap: {MAP}\nduration: 1 h\nwarmup: 0 s\nreplications: 1\nseed: 1\n"
            f"demand:\n  flows:\n{flows}\nstrategies:\n  - {{name: fixed, controller: fixed-time}}\n")
    path = os.path.join(workdir, "routes.yaml")
    with open(path, "w") as f:
        f.write(text)
    out = os.path.join(workdir, "export")
    subprocess.run([ngatu, "export-sumo", path, "--out", out], check=True, capture_output=True)
    with open(os.path.join(out, "weekday-routes.ngatu.json")) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ngatu", default=os.path.join(ROOT, ".build", "release", "ngatu"))
    ap.add_argument("--zone-peak", type=float, default=130000, help="local trips per hour at the peak, before the capacity cuts")
    ap.add_argument("--max-rounds", type=int, default=30)
    args = ap.parse_args()

    m = yaml.safe_load(open(MAP))
    control = {j["id"]: j.get("control", "priority") for j in m["junctions"]}
    lanes_into = {}
    for r in m["roads"]:
        ln = r.get("lanes", 1)
        ln = ln if isinstance(ln, int) else max(ln.get("forward", 1), ln.get("backward", 1))
        for j in (r["from"], r["to"]):
            lanes_into[j] = max(lanes_into.get(j, 0), ln)
    ends = sorted(control)

    def weight(j):
        if control[j] == "signal":
            return 1.0
        if control[j] == "boundary":
            return 1.0 if lanes_into[j] >= 2 else 0.3
        return 0.5

    am = yaml.safe_load(open(AM_PEAK))
    # The AM-peak scenario includes its demand block, whose flows are a CSV file beside it.
    with open(AM_PEAK_FLOWS) as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    through = [(r["from"], r["to"], float(r["rate"])) for r in rows]
    local_pairs = [(a, b) for a in ends for b in ends
                   if a != b and not (control[a] == "boundary" and control[b] == "boundary")]

    with tempfile.TemporaryDirectory() as tmp:
        ex = export(args.ngatu, [(a, b) for a, b, _ in through] + local_pairs, tmp)
    seg = {s["id"]: s for s in ex["segments"]}
    fft = {sid: s["length_m"] / s["speed_ms"] for sid, s in seg.items()}
    routes = [f["route"] for f in ex["flows"]]
    n_through = len(through)

    # Green share of each signal approach: phases in which it has a movement.
    green_share = {}
    for sig in ex["signals"]:
        for ph in sig["phases"]:
            for a in {mv["from"] for mv in ph["movements"]}:
                green_share[a] = green_share.get(a, 0) + ph["green_s"] / sig["cycle_s"]
    approach_cap = {a: seg[a]["saturation_flow_pcu_h"] * g for a, g in green_share.items()}
    road_cap = {sid: 4000.0 if s["lanes"] >= 2 else 2000.0 for sid, s in seg.items()}

    t = [sum(fft[s] for s in r) for r in routes]
    raw = [0.0] * len(routes)
    for k, (a, b) in enumerate(local_pairs):
        i = n_through + k
        raw[i] = weight(a) * weight(b) * math.exp(-t[i] / TAU_S)
    scale = args.zone_peak / sum(raw)
    rate = [r for _, _, r in through] + [x * scale for x in raw[n_through:]]

    def loads():
        # A trip that ends on a segment leaves before its stop line: it loads the road, not the approach.
        app, road = {}, {}
        for r, q in zip(routes, rate):
            for k, s in enumerate(r):
                road[s] = road.get(s, 0) + q
                if k + 1 < len(r) and s in approach_cap:
                    app[s] = app.get(s, 0) + q * PCU_PER_VEH
        return app, road

    for _ in range(200):
        app, road = loads()
        over = {s: app[s] / (APPROACH_X * approach_cap[s]) for s in app if app[s] > APPROACH_X * approach_cap[s]}
        over.update({s: max(over.get(s, 0), road[s] / road_cap[s]) for s in road if road[s] > road_cap[s]})
        if not over:
            break
        for i in range(n_through, len(routes)):
            f = max((over.get(s, 0) for s in routes[i]), default=0)
            if f > 1:
                rate[i] /= f ** 0.5 + 1e-3
    else:
        sys.exit("weekday-demand: the capacity cuts did not converge")

    # 4. The simulator has the last word: two hours at the peak rate under the map's fixed-time
    # plans; local flows through an approach whose control delay exceeds LOS E (80 s) are cut
    # by 15 %, and those through the junction's other approaches by 10 %, until none does.
    by_name = {(sg["to"], sg["approach"]): sid for sid, sg in seg.items()}
    for it in range(args.max_rounds):
        flows = rounded(ex, rate, n_through)
        worst = peak_check(args.ngatu, flows)
        bad = {by_name[k]: d for k, d in worst.items() if d > 80}
        total = sum(q for *_, q, _ in flows)
        print(f"weekday-demand: round {it}: {total} veh/h at the peak; approaches over 80 s: "
              + (", ".join(f"{k} {d:.0f} s" for k, d in sorted(bad.items(), key=lambda x: -x[1])) or "none"), file=sys.stderr)
        if not bad:
            break
        # A starved approach is often a permitted left without gaps: the opposing flows are
        # cut too (every approach of the junction, by 10 %).
        bad_junctions = {seg[s]["to"] for s in bad}
        for i in range(n_through, len(routes)):
            if any(s in bad for s in routes[i][:-1]):
                rate[i] *= 0.85
            elif any(seg[s]["to"] in bad_junctions for s in routes[i][:-1]):
                rate[i] *= 0.9
    else:
        sys.exit("weekday-demand: the simulator still finds approaches over 80 s")

    app, road = loads()
    total = sum(q for *_, q, _ in flows)
    local = sum(q for *_, q, th in flows if not th)
    busiest = sorted(road, key=lambda s: -road[s])[:3]
    print(f"weekday-demand: {len(flows)} flows, {total} veh/h at the peak ({local} local, {total - local} through); "
          f"worst approach control delay {max(worst.values()):.0f} s; busiest roads "
          + ", ".join(f"{s} {road[s]:.0f} veh/h" for s in busiest), file=sys.stderr)
    am = open(AM_PEAK).read()
    vehicles = am[am.index("vehicles:"):am.index("demand:")]
    print(HEADER.format(total=total, local=local, through=total - local, n=len(flows), zone_peak=int(args.zone_peak),
                        worst=max(worst.values())))
    print("scenario: ninh-kieu-weekday\ntitle: \"Ninh Kiều, a weekday (00:00–24:00)\"\ntitle_vi: \"Ninh Kiều, một ngày thường (00:00–24:00)\"\nmap: ../maps/ninh-kieu.yaml")
    print("duration: 24 h\nwarmup: 30 min\nreplications: 3\nseed: 2026")
    print(vehicles + "demand:\n  arrivals: poisson\n  flows:")
    for a, b, q, th in flows:
        print(f"    - {{from: {a}, to: {b}, rate: {q} veh/h}}")
    print(f"  profile: [{', '.join(f'[{t}, {f}]' for t, f in PROFILE)}]")
    print(STRATEGIES)


def rounded(ex, rate, n_through):
    """(from, to, veh/h, is through) with local flows rounded to 10 veh/h and those under 10 dropped."""
    out = []
    for i, r in enumerate(rate):
        q = round(r / 10) * 10 if i >= n_through else int(r)
        if q >= 10:
            f = ex["flows"][i]
            out.append((f["from"], f["to"], int(q), i < n_through))
    return out


def peak_check(ngatu, flows):
    """Worst control delay (s) per (junction, approach) of two hours at the peak rate, fixed time."""
    am = open(AM_PEAK).read()
    vehicles = am[am.index("vehicles:"):am.index("demand:")]
    lines = "\n".join(f"    - {{from: {a}, to: {b}, rate: {q} veh/h}}" for a, b, q, _ in flows)
    text = (f"scenario: weekday-peak-check\nmap: {MAP}\nduration: 2 h\nwarmup: 30 min\nreplications: 1\nseed: 2026\n"
            f"{vehicles}demand:\n  arrivals: poisson\n  flows:\n{lines}\n"
            f"strategies:\n  - {{name: fixed, controller: fixed-time}}\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "peak.yaml")
        with open(path, "w") as f:
            f.write(text)
        subprocess.run([ngatu, "run", path, "--out", os.path.join(tmp, "out"), "--jobs", "1"], check=True, capture_output=True)
        worst = {}
        with open(os.path.join(tmp, "out", "junctions.csv")) as f:
            for row in csv.DictReader(f):
                if row["control_delay_s"]:
                    worst[(row["junction"], row["approach"])] = float(row["control_delay_s"])
        return worst


if __name__ == "__main__":
    main()
