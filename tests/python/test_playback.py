"""The report's animated playback runs in headless Chromium: no console error, and the map
moves (the DOM differs between two positions of the time slider).

Needs the debug `ngatu` (built by `swift build --build-tests`, as `make test` does) and
Chromium (`make chromium`, a dependency of `make test`)."""
import os
import re
import shutil
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def browser():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    pytest.fail("no Chromium: `make chromium` installs it (make test does)")


def dump(page, frame):
    r = subprocess.run([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                        "--virtual-time-budget=3000", "--dump-dom", "file://%s#t=%d" % (page, frame)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout, r.stderr


@pytest.fixture(scope="module")
def report(tmp_path_factory, ngatu):
    out = tmp_path_factory.mktemp("pb") / "iso"
    scenario = os.path.join(REPO, "scenarios", "isolated-junction.yaml")
    r = subprocess.run([ngatu, "run", scenario, "--out", str(out), "--replications", "2", "--quiet"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return str(out / "report.html")


def strokes(dom):
    section = dom[dom.index('id="playback"'):]
    return re.findall(r'class="pb-seg" data-k="\d+" stroke="(#[0-9A-F]{6})"', section)


def test_playback_runs_without_errors_and_moves(report):
    early, log_early = dump(report, 1)
    late, log_late = dump(report, 40)
    for log in (log_early, log_late):
        console = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]
        assert console == [], console
    a, b = strokes(early), strokes(late)
    assert len(a) == len(b) > 0
    assert a != b, "the segments' colours are the same at two slider positions"
    # The clock follows the frame.
    clock_early = re.search(r'class="pb-clock">([^<]*)<', early).group(1)
    clock_late = re.search(r'class="pb-clock">([^<]*)<', late).group(1)
    assert clock_early != clock_late
