#!/usr/bin/env python3
"""Times the whole `ngatu run` process on a scenario file: parse and check the scenario,
simulate, write the CSV files, results.sqlite and report.html (what SUMO's and UXsim's walls
are set against for that case).

    python time_ngatu_run.py NGATU SCENARIO.yaml CASE_DIR [--repeat N]

Runs `NGATU run SCENARIO --jobs 1 --quiet --out CASE_DIR/ngatu-run-out` N times (default 5) and
writes CASE_DIR/ngatu-run-result.json: the minimum wall time and the minimum CPU time (user +
system of the process, less dependent than the wall on other work on the machine), each run's
figures, and the run's vehicles finished and unfinished from its runs.csv.
"""
import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import time


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ngatu")
    ap.add_argument("scenario")
    ap.add_argument("case_dir")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    out = os.path.join(args.case_dir, "ngatu-run-out")
    walls, cpus = [], []
    for _ in range(args.repeat):
        shutil.rmtree(out, ignore_errors=True)
        c0, t0 = children_cpu(), time.perf_counter()
        p = subprocess.run([args.ngatu, "run", args.scenario, "--jobs", "1", "--quiet", "--out", out],
                           capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(children_cpu() - c0)
        if p.returncode != 0:
            raise SystemExit(f"ngatu run failed ({p.returncode}): {p.stderr}")
    with open(os.path.join(out, "runs.csv"), encoding="utf-8") as f:
        run = next(csv.DictReader(f))
    result = {"engine": "ngatu", "command": "ngatu run SCENARIO --jobs 1 --quiet --out DIR",
              "scenario": os.path.basename(args.scenario), "wall_s": min(walls), "cpu_s": min(cpus),
              "wall_runs_s": walls, "cpu_runs_s": cpus,
              "vehicles_finished": int(run["vehicles_finished"]),
              "vehicles_unfinished": int(run["vehicles_unfinished"]) + int(run["vehicles_waiting"]),
              "mean_delay_s": float(run["mean_delay_s"]),
              "loadavg_1min": os.getloadavg()[0]}
    with open(os.path.join(args.case_dir, "ngatu-run-result.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    print(f"{os.path.basename(args.case_dir):>20} ngatu run   wall {min(walls):8.3f} s  cpu {min(cpus):8.3f} s  "
          f"(minimum of {args.repeat}; load average {result['loadavg_1min']:.1f})  finished {result['vehicles_finished']}")


if __name__ == "__main__":
    main()
