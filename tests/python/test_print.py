"""The flagship report prints to at most 8 A4 pages (Chromium's print to PDF, pages counted).

The scenario is the flagship's, run by the debug `ngatu` with one replication and without its
sensitivity check to keep `make test` short: the page count does not depend on them (numbers
change, not the layout; the sensitivity check adds a few sentences and a table folded into
the appendix, which prints folded). The full flagship (5 replications, sensitivity) is measured
in README.md."""
import os
import re
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def browser():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    pytest.fail("no Chromium: `make chromium` installs it (make test does)")


def pdf_pages(path):
    with open(path, "rb") as f:
        return len(re.findall(rb"/Type\s*/Page[^s]", f.read()))


def test_flagship_prints_on_at_most_8_a4_pages(tmp_path, ngatu):
    with open(os.path.join(ROOT, "scenarios", "ninh-kieu-am-peak.yaml"), encoding="utf-8") as f:
        text = f.read()
    scenarios = os.path.join(ROOT, "scenarios")
    text = re.sub(r"^sensitivity:.*\n", "", text, flags=re.M)
    text = text.replace("map: ../maps/", "map: %s/../maps/" % scenarios)
    text = text.replace("{include: demand/", "{include: %s/demand/" % scenarios)
    scenario = tmp_path / "flagship.yaml"
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "flagship"
    r = subprocess.run([ngatu, "run", str(scenario), "--out", str(out), "--replications", "1", "--quiet"],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    for lang in ("vi", "en"):
        r = subprocess.run([ngatu, "report", str(out), "--lang", lang], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        pdf = tmp_path / ("flagship-%s.pdf" % lang)
        p = subprocess.run([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            "--virtual-time-budget=3000", "--print-to-pdf=%s" % pdf, "file://%s/report.html" % out],
                           capture_output=True, text=True, timeout=180)
        assert p.returncode == 0 and pdf.exists(), p.stderr[-2000:]
        pages = pdf_pages(pdf)
        assert 3 <= pages <= 8, "%s: %d A4 pages" % (lang, pages)
