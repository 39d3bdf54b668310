#!/usr/bin/env python3
"""Mutation fuzzing of what users hand to `ngatu`: map and scenario YAML, and OSM XML.

    python3 scripts/fuzz_inputs.py [--ngatu .build/debug/ngatu] [--cases 500] [--seed 1]
                                   [--mode validate|run|osm]

Each case copies good inputs (the test fixtures, or the OSM fixtures), mutates one to three
lines (delete, duplicate, re-indent, rename a key, replace a value by an extreme or malformed
token), then runs `ngatu validate`, `ngatu run` (one replication) or `ngatu import-osm` (and
validates the map it wrote). A case fails when ngatu crashes or exits other than 0, 1 or 2,
when an exit 1 is not one clean `FILE:LINE:COLUMN:` (or `ngatu …:`) message, when a failed run
or import leaves files behind, or when an imported map does not validate. Failing cases keep
their folder under the work directory and are printed; the exit code is the number of them.
Use the debug build: its bounds checks catch more.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD = os.path.join(ROOT, "Tests", "EndToEndTests", "Fixtures", "good")
OSM = [os.path.join(ROOT, "Tests", "NgaTuOSMTests", "Fixtures", f) for f in ("dual-carriageway.osm", "oneway-triangle.osm")]

TOKENS = ["-1", "0", "1e308", "-1e308", ".nan", ".inf", "-.inf", '""', "abc", "[]", "{}", "~", "1e-300",
          "9223372036854775807", "18446744073709551616", '"5 parsecs"', '"-3 s"', '"1e400 s"', '"0 km/h"',
          '"1e9 veh/h"', '"1e-9 m"', '"Ngã Tư"', "true", "[1, 2]", "{a: 1}", "x" * 300, "&a", "*a", "'", '"',
          "[", "{", ": :", "\t", "100000000", "0.5", "3", "1"]
KEYS = ["from", "to", "rate", "id", "lanes", "green", "cycle", "speed", "control", "map", "junctions", "roads",
        "phases", "allow", "flows", "profile", "events", "kind", "road", "factor", "params", "controller", "name",
        "length", "shape", "width", "seed", "duration", "warmup", "replications", "demand_scale"]
OSM_VALUES = ["-1", "0", "1e308", "nan", "inf", "", "abc", "-91", "181", "999999999999999999999", "1;2", "yes",
              "3.5 m", "50 mph", "2;3", "0x10"]


def mutate_lines(text, rng, rounds, kinds, edit):
    """Applies `rounds` random edits: kind 0 deletes a line, 1 duplicates one, others call
    `edit(line, kind)` for a changed line."""
    lines = text.split("\n")
    for _ in range(rng.randint(*rounds)):
        if not lines:
            lines = [""]
        i, k = rng.randrange(len(lines)), rng.randrange(kinds)
        if k == 0:
            del lines[i]
        elif k == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        else:
            lines[i] = edit(lines[i], k)
    return "\n".join(lines)


def replace_match(line, pattern, rng, choices):
    ms = list(re.finditer(pattern, line))
    if not ms:
        return line
    m = rng.choice(ms)
    return line[:m.start()] + rng.choice(choices) + line[m.end():]


def mutate_yaml(text, rng):
    def edit(line, k):
        if k == 3:
            return " " * rng.randint(0, 3) + line
        if k == 4:
            return replace_match(line, r"[a-z_]+(?=:)", rng, KEYS)
        return replace_match(line, r"(?<=: )[^,}\]\n]+|(?<=\[)[^,\]\n]+|(?<=, )[^,}\]\n]+", rng, TOKENS)
    return mutate_lines(text, rng, (1, 3), 6, edit)


def mutate_osm(text, rng):
    def edit(line, _):
        return replace_match(line, r'(?<=")[^"]*(?=")', rng, OSM_VALUES + [str(rng.randint(-5, 99999))])
    return mutate_lines(text, rng, (1, 4), 5, edit)


def clean_error(stderr):
    return re.match(r"^\S+:\d+:\d+: |^ngatu", stderr) is not None and stderr.count("\n") <= 1


def one_case(args, rng, work):
    d = tempfile.mkdtemp(dir=work)
    if args.mode == "osm":
        with open(rng.choice(OSM), encoding="utf-8") as f:
            text = mutate_osm(f.read(), rng)
        with open(os.path.join(d, "in.osm"), "w", encoding="utf-8") as f:
            f.write(text)
        cmd = [args.ngatu, "import-osm", "in.osm", "--out", "m.yaml"]
        r = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=300)
        out = os.path.join(d, "m.yaml")
        if r.returncode == 0 and os.path.exists(out):
            v = subprocess.run([args.ngatu, "validate", "m.yaml"], cwd=d, capture_output=True, text=True)
            if v.returncode != 0:
                return d, cmd, v, "the imported map does not validate"
        left = r.returncode != 0 and os.path.exists(out)
    else:
        files = [f for f in os.listdir(GOOD) if f.endswith(".yaml")]
        for f in files:
            shutil.copy(os.path.join(GOOD, f), d)
        scenarios = [f for f in files if re.search(r"(?m)^scenario:", open(os.path.join(d, f), encoding="utf-8").read())]
        target = rng.choice(files if args.mode == "validate" else scenarios)
        victims = {target}
        if rng.random() < 0.3:
            victims.add(rng.choice(files))
        for v in victims:
            p = os.path.join(d, v)
            with open(p, encoding="utf-8") as f:
                text = mutate_yaml(f.read(), rng)
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
        if args.mode == "validate":
            cmd = [args.ngatu, "validate", target]
        else:
            cmd = [args.ngatu, "run", target, "--out", "out", "--replications", "1", "--quiet"]
        r = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=300)
        out = os.path.join(d, "out")
        left = r.returncode != 0 and os.path.exists(out) and bool(os.listdir(out))
    if r.returncode not in (0, 1, 2) or "Fatal error" in r.stderr or "Backtrac" in r.stderr:
        return d, cmd, r, "crash"
    if r.returncode == 1 and not clean_error(r.stderr):
        return d, cmd, r, "not one clean error line"
    if left:
        return d, cmd, r, "files left behind after a failure"
    shutil.rmtree(d)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ngatu", default=os.path.join(ROOT, ".build", "debug", "ngatu"))
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=["validate", "run", "osm"], default="validate")
    ap.add_argument("--work", default=None, help="where cases run (default: a new folder under /tmp)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = args.work or tempfile.mkdtemp(prefix="ngatu-fuzz-")
    os.makedirs(work, exist_ok=True)
    failures = 0
    for _ in range(args.cases):
        failed = one_case(args, rng, work)
        if failed:
            d, cmd, r, why = failed
            failures += 1
            print(f"FAIL ({why}): {' '.join(cmd[1:])} in {d}, exit {r.returncode}: {r.stderr[:300]!r}")
    print(f"fuzz_inputs: {args.mode}, {args.cases} cases, seed {args.seed}: {failures} failures")
    if failures == 0:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(min(failures, 100))


if __name__ == "__main__":
    main()
