#!/usr/bin/env python3
"""Collects the result files of compare runs into results/bench/compare.csv and compare.md.

    python summarise.py WORK_DIR [--bench NGATU_BENCH_OUTPUT] [--out results/bench]

WORK_DIR holds one directory per case with `ngatu-result.json` (from the Swift CompareCases
test) and `sumo-micro-result.json`, `sumo-meso-result.json`, `uxsim-result.json`. When the
output of `ngatu-bench 10` and `ngatu-bench --compare-cases` is given, its release-build wall times are used
as Ngã Tư's wall time for that case (the test's own timing is a debug build).
"""
import argparse
import csv
import datetime
import json
import os
import re

ENGINES = ["ngatu", "sumo-micro", "sumo-meso", "uxsim", "uxsim-python"]
COLUMNS = ["case", "engine", "wall_s", "ratio_to_ngatu", "cpu_s", "cpu_ratio_to_ngatu", "vehicles_finished",
           "vehicles_unfinished", "mean_travel_time_s", "mean_delay_s", "engine_own_delay_s", "notes"]


def bench_walls(path):
    """`grid 10×10: ... in 1.234 s wall (minimum of 5 runs; …)` lines of ngatu-bench →
    {"grid-10x10": (1.234, 5)}: the wall time and how many runs it is the minimum of."""
    out = {}
    if path and os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            runs = re.search(r"minimum of (\d+) runs", line)
            n = int(runs.group(1)) if runs else 1
            m = re.match(r"grid (\d+)×(\d+)(?:, 1 h)?:.* in ([0-9.]+) s wall", line)
            if m:
                out[f"grid-{m.group(1)}x{m.group(2)}"] = (float(m.group(3)), n)
            m = re.match(r"scenario (\S+):.* in ([0-9.]+) s wall", line)
            if m:
                out[m.group(1)] = (float(m.group(2)), n)
    return out


def rows_for(case_dir, release_walls):
    case = os.path.basename(case_dir.rstrip("/"))
    rows = []
    for engine in ENGINES:
        path = os.path.join(case_dir, f"{engine}-result.json")
        if not os.path.exists(path):
            continue
        r = json.load(open(path, encoding="utf-8"))
        if engine == "ngatu":
            run = r["runs"][0]
            wall, note = run["wall_s"], f"fixed-time, seed {r['seed']}, {r['build']} build test"
            cpu, sim_wall = "", None
            whole = os.path.join(case_dir, "ngatu-run-result.json")
            if os.path.exists(whole):
                # The whole `ngatu run` process (time_ngatu_run.py): parse, simulate, write
                # CSV, SQLite and report, as SUMO's wall is its whole process.
                w = json.load(open(whole, encoding="utf-8"))
                wall, cpu = w["wall_s"], w["cpu_s"]
                note = (f"fixed-time, seed {r['seed']}; whole `ngatu run` process (release: parse, simulate, write "
                        f"CSV, SQLite, report), minimum of {len(w['wall_runs_s'])} runs")
                if case in release_walls:
                    sim_wall = release_walls[case][0]
                    note += f"; the simulation alone {sim_wall:.3f} s wall (ngatu-bench, release)"
            elif case in release_walls:
                wall, n = release_walls[case]
                note = f"fixed-time, seed {r['seed']}; wall from ngatu-bench (release)" + (f", minimum of {n} runs" if n > 1 else "")
            rows.append({"case": case, "engine": "ngatu", "wall_s": wall, "cpu_s": cpu, "sim_wall_s": sim_wall,
                         "vehicles_finished": run["vehicles_finished"],
                         "vehicles_unfinished": run["vehicles_unfinished"] + run["vehicles_waiting"],
                         "mean_travel_time_s": run["mean_travel_time_s"], "mean_delay_s": run["mean_delay_s"],
                         "engine_own_delay_s": "", "notes": note})
        else:
            if engine.startswith("sumo"):
                note = (f"SUMO {r['version'].split()[-1] if r.get('version') else ''}, step {r['step_length_s']} s, "
                        f"teleports {r['teleports']}, collisions {r.get('collisions', '?')}, "
                        f"waiting to enter at end {r['sumo_waiting_to_enter_at_end']}")
                own = r["mean_own_delay_s"]
            else:
                c = r["calibration"]
                note = (f"UXsim {r['version']} {'C++' if r['cpp'] else 'Python'} engine, deltan {r['deltan']}, "
                        f"tau {c['reaction_time_s']:.2f} s, lane capacity {c['lane_capacity_veh_h']:.0f} veh/h"
                        + (f", minimum of {len(r['wall_runs_s'])} runs" if len(r.get("wall_runs_s", [])) > 1 else ""))
                own = ""
            rows.append({"case": case, "engine": engine, "wall_s": r["wall_s"], "cpu_s": r.get("cpu_s", ""),
                         "vehicles_finished": r["vehicles_finished"], "vehicles_unfinished": r["vehicles_unfinished"],
                         "mean_travel_time_s": r["mean_travel_time_s"], "mean_delay_s": r["mean_delay_s"],
                         "engine_own_delay_s": own, "notes": note})
    ours = next((x for x in rows if x["engine"] == "ngatu"), None)
    for x in rows:
        x["ratio_to_ngatu"] = x["wall_s"] / ours["wall_s"] if ours else ""
        both = ours and isinstance(ours["cpu_s"], float) and isinstance(x["cpu_s"], float) and ours["cpu_s"] > 0
        x["cpu_ratio_to_ngatu"] = x["cpu_s"] / ours["cpu_s"] if both else ""
    return rows


def fmt(v, digits=1):
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work")
    ap.add_argument("--bench", default=None)
    ap.add_argument("--out", default="results/bench")
    ap.add_argument("--load", default=None, help="the machine's load while measuring, said in compare.md")
    ap.add_argument("--idle", action="store_true", help="no other jobs ran (compare.sh passes it when IDLE=1)")
    args = ap.parse_args()
    release = bench_walls(args.bench)
    rows = []
    for d in sorted(os.listdir(args.work)):
        p = os.path.join(args.work, d)
        if os.path.isdir(p):
            rows += rows_for(p, release)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "compare.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for x in rows:
            w.writerow({k: (f"{x[k]:.4f}" if isinstance(x[k], float) else x[k]) for k in COLUMNS})
    with open(os.path.join(args.out, "compare.md"), "w", encoding="utf-8") as f:
        f.write(f"# Cross-validation: Ngã Tư, SUMO, UXsim ({datetime.date.today().isoformat()})\n\n")
        f.write("Same network, fixed-time plans, routes and demand (bench/compare). Trips departing "
                "in [warm-up, duration) are measured; travel time from the scheduled departure; delay = "
                "travel time - free-flow time of the route, for every engine. `own delay` is SUMO's "
                "timeLoss + departDelay. `cpu` is the user + system time of the engine's process "
                "(UXsim: of its simulation), which other work on the machine affects less than the wall "
                "time.\n\n")
        if args.load and args.idle:
            f.write(f"No other jobs ran on the machine (declared with IDLE=1): {args.load}, the comparison's "
                    "own runs.\n\n")
        elif args.load:
            f.write(f"**Measured under load: {args.load}.** Wall times on a busy machine are not final; "
                    "CPU times and their ratios are steadier.\n\n")
        f.write("| case | engine | wall (s) | × Ngã Tư | cpu (s) | × Ngã Tư (cpu) | finished | unfinished | mean travel (s) | mean delay (s) | own delay (s) | notes |\n")
        f.write("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
        for x in rows:
            f.write(f"| {x['case']} | {x['engine']} | {fmt(x['wall_s'], 3)} | {fmt(x['ratio_to_ngatu'], 1)} | "
                    f"{fmt(x['cpu_s'], 3)} | {fmt(x['cpu_ratio_to_ngatu'], 1)} | "
                    f"{x['vehicles_finished']} | {x['vehicles_unfinished']} | {fmt(x['mean_travel_time_s'])} | "
                    f"{fmt(x['mean_delay_s'])} | {fmt(x['engine_own_delay_s'])} | {x['notes']} |\n")
        f.write(targets_section(rows))
    print(open(os.path.join(args.out, "compare.md"), encoding="utf-8").read())


# Issue 7's targets: Ngã Tư at least this many times faster than each engine, the same vehicles
# finished within 2%, mean delay within 15% of SUMO micro's on undersaturated fixed-time cases.
SPEED_TARGETS = {"sumo-micro": 100, "sumo-meso": 10, "uxsim": 10}
# The cases the speed and finished targets are set on, and the undersaturated case of the delay target.
TARGET_CASES = {"grid-10x10", "grid-10x10-cars", "ninh-kieu"}
UNDERSATURATED_CASES = {"isolated-junction"}


def targets_section(rows):
    """Each case against the targets, computed from the rows, one line per engine."""
    out = ["", "## Against the targets", "",
           "Set on the 10×10 grids (Cần Thơ mix; cars, congested) and Ninh Kiều: Ngã Tư at least 100× faster than "
           "SUMO micro and 10× faster than SUMO meso and UXsim, with the same vehicles finished within 2% (where "
           "SUMO micro and meso disagree, inside their range: below). SUMO's wall and CPU are its whole process, "
           "as ours is where the case is a scenario file (the whole `ngatu run`); UXsim's are its simulation alone, "
           "so its line also sets it against our simulation alone. Set on "
           "undersaturated fixed-time cases (the isolated junction): Ngã Tư's mean delay within 15% of "
           "SUMO's; on the congested cases the delays are shown without a target, and "
           "bench/compare/README.md explains the differences. One seed per engine here: the README "
           "gives the spread over three seeds.", "",
           "| case | engine | Ngã Tư faster by | finished vs Ngã Tư | Ngã Tư's mean delay vs this engine's |",
           "|---|---|---|---|---|"]
    for case in sorted({x["case"] for x in rows}):
        ours = next((x for x in rows if x["case"] == case and x["engine"] == "ngatu"), None)
        if not ours:
            continue
        targeted = case in TARGET_CASES
        for x in rows:
            if x["case"] != case or x["engine"] == "ngatu":
                continue
            target = SPEED_TARGETS.get(x["engine"])
            ratio = x["ratio_to_ngatu"]
            speed = f"×{ratio:,.0f}" if isinstance(ratio, float) else "?"
            if target and targeted:
                speed += f" (≥ {target}: {'met' if isinstance(ratio, float) and ratio >= target else 'missed'})"
            if isinstance(x.get("cpu_ratio_to_ngatu"), float):
                cpu_ok = f": {'met' if x['cpu_ratio_to_ngatu'] >= target else 'missed'}" if target and targeted else ""
                speed += f"; cpu ×{x['cpu_ratio_to_ngatu']:,.0f}{cpu_ok}"
            if x["engine"].startswith("uxsim") and ours.get("sim_wall_s"):
                # UXsim is timed over its simulation alone: against ours alone too.
                sim = x["wall_s"] / ours["sim_wall_s"]
                speed += f"; simulations alone ×{sim:,.0f}" + (f": {'met' if sim >= target else 'missed'}" if target and targeted else "")
            fin = x["vehicles_finished"] / ours["vehicles_finished"] - 1
            finished = f"{x['vehicles_finished']} against {ours['vehicles_finished']}: {fin:+.1%}" + (
                f" (≤ 2%: {'met' if abs(fin) <= 0.02 else 'missed'})" if targeted else "")
            delay = ours["mean_delay_s"] / x["mean_delay_s"] - 1 if x["mean_delay_s"] else float("nan")
            d = f"{delay:+.0%} ({ours['mean_delay_s']:.1f} s against {x['mean_delay_s']:.1f} s)"
            if case in UNDERSATURATED_CASES and x["engine"].startswith("sumo"):
                d += f" (≤ 15%: {'met' if abs(delay) <= 0.15 else 'missed'})"
            out.append(f"| {case} | {x['engine']} | {speed} | {finished} | {d} |")
    out += ["", "Completions where the engines disagree: Ngã Tư's vehicles finished should lie inside the range "
            "of SUMO micro's and meso's (widened by 2%) when those two differ by more than 2%, and within 2% of "
            "both when they agree.", ""]
    for case in sorted({x["case"] for x in rows}):
        got = {x["engine"]: x["vehicles_finished"] for x in rows if x["case"] == case}
        if not {"ngatu", "sumo-micro", "sumo-meso"} <= got.keys():
            continue
        micro, meso, ours = got["sumo-micro"], got["sumo-meso"], got["ngatu"]
        apart = abs(micro - meso) / min(micro, meso)
        low, high = min(micro, meso) * 0.98, max(micro, meso) * 1.02
        inside = low <= ours <= high
        others = ", ".join(f"{e} {got[e]}" for e in ("sumo-micro", "sumo-meso", "uxsim") if e in got)
        out.append(f"- {case}: Ngã Tư {ours}; {others}. SUMO micro and meso differ by {apart:.1%}; "
                   f"range {low:,.0f}–{high:,.0f}: {'inside' if inside else 'outside'}.")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
