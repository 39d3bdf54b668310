#!/usr/bin/env python3
"""Mutation fuzzing of what users hand to `ngatu`: map and scenario YAML, and OSM XML.

    python3 scripts/fuzz_inputs.py [--ngatu .build/debug/ngatu] [--cases 500] [--seed 1]
                                   [--mode validate|run|osm|output|signal]

Each case copies good inputs (the test fixtures, or the OSM fixtures), mutates one to three
lines (delete, duplicate, re-indent, rename a key, replace a value by an extreme or malformed
token), then runs `ngatu validate`, `ngatu run` (one replication) or `ngatu import-osm` (and
validates the map it wrote). A case fails when ngatu crashes or exits other than 0, 1 or 2,
when an exit 1 is not one clean `FILE:LINE:COLUMN:` (or `ngatu …:`) message, when a failed run
or import leaves files behind, or when an imported map does not validate. Failing cases keep
their folder under the work directory and are printed; the exit code is the number of them.
Use the debug build: its bounds checks catch more.

`--mode output` attacks the output paths instead: `run --out`, `import-osm --out` and
`export-sumo --out` aimed at a random target (missing, an empty folder, a folder or a
`DIR.partial` holding the user's files, `.`, `..`, a FIFO, symbolic links to a folder, a file
or a FIFO, a file in a missing folder, a read-only folder, earlier results). A case fails when
a user's file or folder is changed, removed or replaced (every one is fingerprinted before and
after; the output file itself may be replaced when the command succeeds), when a temporary
file is left behind, or on a crash or an unclean error.
`--mode signal` starts a run of several replications, sends SIGINT, SIGTERM or SIGKILL after a
random delay, checks the exit status (130, 143, killed, or 0 if it finished first) and, for
SIGINT/SIGTERM, the one-line resume hint; then runs the same command with `--resume` and checks
that its `runs.csv` is byte-identical to an uninterrupted run's and the user's file beside it
is untouched.
"""
import hashlib
import signal
import stat
import time
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


def fingerprint(root):
    """Every entry under `root`: its kind, and for files the SHA-256 of their bytes."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            rel = os.path.relpath(p, root)
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(p))
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir", None)
            elif stat.S_ISFIFO(st.st_mode):
                out[rel] = ("fifo", None)
            else:
                with open(p, "rb") as f:
                    out[rel] = ("file", hashlib.sha256(f.read()).hexdigest())
    return out


TARGETS = ["missing", "empty-folder", "user-folder", "user-subfolder", "dot", "dotdot", "fifo", "link-to-folder",
           "link-to-file", "link-to-fifo", "in-missing-folder", "readonly-folder", "user-partial", "earlier-results",
           "user-file"]


def output_case(args, rng, work):
    """One output-path attack: user's files laid out, a command aimed at them, nothing of
    theirs changed."""
    d = tempfile.mkdtemp(dir=work)
    sandbox = os.path.join(d, "home")
    os.makedirs(os.path.join(sandbox, "inputs"))
    for f in ("one-replication.yaml", "crossroads.yaml"):
        shutil.copy(os.path.join(GOOD, f), os.path.join(sandbox, "inputs"))
    shutil.copy(OSM[0], os.path.join(sandbox, "inputs", "in.osm"))
    def user_file(rel, text="the user's own words\n"):
        p = os.path.join(sandbox, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
    user_file("thesis.tex")
    kind = rng.choice(TARGETS)
    command = rng.choice(["run", "import-osm", "export-sumo"])
    target = "t"
    if kind == "empty-folder":
        os.makedirs(os.path.join(sandbox, "t"))
    elif kind == "user-folder":
        user_file("t/notes.txt")
    elif kind == "user-subfolder":
        user_file("t/src/data.txt")
    elif kind == "dot":
        target = "."
    elif kind == "dotdot":
        os.makedirs(os.path.join(sandbox, "sub"))
        user_file("sub/keep.txt")
        target = "sub/.."
    elif kind == "fifo":
        os.mkfifo(os.path.join(sandbox, "t"))
    elif kind == "link-to-folder":
        user_file("real/notes.txt")
        os.symlink("real", os.path.join(sandbox, "t"))
    elif kind == "link-to-file":
        user_file("real.txt")
        os.symlink("real.txt", os.path.join(sandbox, "t"))
    elif kind == "link-to-fifo":
        os.mkfifo(os.path.join(sandbox, "pipe"))
        os.symlink("pipe", os.path.join(sandbox, "t"))
    elif kind == "in-missing-folder":
        target = "nowhere/t"
    elif kind == "readonly-folder":
        os.makedirs(os.path.join(sandbox, "ro"))
        user_file("ro/keep.txt")
        os.chmod(os.path.join(sandbox, "ro"), 0o555)
        target = "ro/t"
    elif kind == "user-partial":
        user_file("t.partial/mine.txt")
    elif kind == "earlier-results":
        user_file("t/runs.csv", "strategy\n")
        user_file("t/results.sqlite", "not a database\n")
    elif kind == "user-file":
        user_file("t")
    if command == "run":
        cmd = [args.ngatu, "run", "inputs/one-replication.yaml", "--out", target, "--quiet"]
    elif command == "import-osm":
        cmd = [args.ngatu, "import-osm", "inputs/in.osm", "--out", target]
    else:
        cmd = [args.ngatu, "export-sumo", "inputs/one-replication.yaml", "--out", target]
    before = fingerprint(sandbox)
    r = subprocess.run(cmd, cwd=sandbox, capture_output=True, text=True, timeout=300)
    after = fingerprint(sandbox)
    if kind == "readonly-folder":
        os.chmod(os.path.join(sandbox, "ro"), 0o755)
    why = None
    # What the command may change when it succeeds: its own output (and, for a link to a
    # file, the file behind it).
    mine = os.path.normpath(target)
    own = {mine, "real.txt"} if kind == "link-to-file" else {mine}
    for rel, fp in before.items():
        inside = any(rel == o or rel.startswith(o + os.sep) for o in own)
        if r.returncode == 0 and inside and kind in ("missing", "empty-folder", "earlier-results", "user-file", "link-to-file"):
            continue
        if after.get(rel) != fp:
            why = f"the user's {rel} was {'removed' if rel not in after else 'changed'} (target {kind})"
            break
    leftovers = [rel for rel in after if re.search(r"\.tmp|staging|\.old-", rel)]
    if not why and leftovers:
        why = f"temporary files left behind: {leftovers[:3]}"
    if not why and (r.returncode not in (0, 1, 2) or "Fatal error" in r.stderr or "Backtrac" in r.stderr):
        why = "crash"
    if not why and r.returncode == 1 and not clean_error(r.stderr):
        why = "not one clean error line"
    # import-osm replaces only a map it wrote: a user's file (or a link to one) is refused.
    refused = ("user-folder", "user-subfolder", "dot", "dotdot", "fifo", "link-to-folder", "link-to-fifo") \
        + (("user-partial",) if command == "run" else ()) + (("user-file", "link-to-file") if command == "import-osm" else ())
    if not why and r.returncode == 0 and kind in refused:
        why = f"a target that holds the user's things was accepted (target {kind})"
    if why:
        return d, cmd, r, why
    shutil.rmtree(d, ignore_errors=True)
    return None


def signal_case(args, rng, work, reference):
    """One interrupted run: SIGINT, SIGTERM or SIGKILL after a random delay, then --resume."""
    d = tempfile.mkdtemp(dir=work)
    for f in ("sweep.yaml", "crossroads.yaml"):
        shutil.copy(os.path.join(GOOD, f), d)
    with open(os.path.join(d, "mine.txt"), "w") as f:
        f.write("the user's own words\n")
    base = [args.ngatu, "run", "sweep.yaml", "--out", "out", "--replications", "10"]
    jobs = ["--jobs", str(rng.choice([1, 2]))]
    sig = rng.choice([signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
    err_path = os.path.join(d, "stderr.txt")
    with open(err_path, "w") as err:
        p = subprocess.Popen(base + jobs, cwd=d, stdout=subprocess.DEVNULL, stderr=err)
        time.sleep(rng.uniform(0, args.signal_delay))
        p.send_signal(sig)
        status = p.wait(timeout=300)
    with open(err_path) as f:
        stderr = f.read()
    # Before its handler is installed (the first milliseconds) a signal kills the process as
    # the shell expects too (status 128 + N seen from a shell).
    expected = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -9}[sig]
    if status not in (expected, -int(sig), 0):
        return d, base, subprocess.CompletedProcess(base, status, "", stderr), f"exit {status} after {sig.name}"
    if status == expected and sig != signal.SIGKILL:
        last = stderr.strip().split("\n")[-1]
        if not re.search(r"(interrupted|terminated): \d+ of 40 runs are kept in .*out\.partial; continue them with: ngatu run sweep\.yaml --out out --replications 10 --resume", last) \
                and not re.search(r"(interrupted|terminated): no run was finished, nothing is kept$", last):
            return d, base, subprocess.CompletedProcess(base, status, "", stderr), "no resume hint"
    r = subprocess.run(base + jobs + ["--resume", "--quiet"], cwd=d, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        return d, base + ["--resume"], r, "the resumed run failed"
    with open(os.path.join(d, "out", "runs.csv"), "rb") as f:
        if f.read() != reference:
            return d, base + ["--resume"], r, "runs.csv differs from an uninterrupted run"
    with open(os.path.join(d, "mine.txt")) as f:
        if f.read() != "the user's own words\n":
            return d, base, r, "the user's file changed"
    if os.path.exists(os.path.join(d, "out.partial")):
        return d, base, r, "out.partial left behind"
    shutil.rmtree(d, ignore_errors=True)
    return None


def reference_runs(args, work):
    d = tempfile.mkdtemp(dir=work)
    for f in ("sweep.yaml", "crossroads.yaml"):
        shutil.copy(os.path.join(GOOD, f), d)
    subprocess.run([args.ngatu, "run", "sweep.yaml", "--out", "out", "--replications", "10", "--quiet"], cwd=d, check=True)
    with open(os.path.join(d, "out", "runs.csv"), "rb") as f:
        data = f.read()
    shutil.rmtree(d)
    return data


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ngatu", default=os.path.join(ROOT, ".build", "debug", "ngatu"))
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=["validate", "run", "osm", "output", "signal"], default="validate")
    ap.add_argument("--signal-delay", type=float, default=1.0, help="longest wait before the signal (s)")
    ap.add_argument("--work", default=None, help="where cases run (default: a new folder under /tmp)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = args.work or tempfile.mkdtemp(prefix="ngatu-fuzz-")
    os.makedirs(work, exist_ok=True)
    failures = 0
    reference = reference_runs(args, work) if args.mode == "signal" else None
    for _ in range(args.cases):
        if args.mode == "output":
            failed = output_case(args, rng, work)
        elif args.mode == "signal":
            failed = signal_case(args, rng, work, reference)
        else:
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
