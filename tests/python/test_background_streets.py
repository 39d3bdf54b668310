"""scripts/background_streets.py: the shipped maps/ninh-kieu-streets.geojson is what the script
makes from the OSM fixture; lines are clipped to the box, simplified and rounded to 5 decimals."""
import json
import os

from conftest import run

SCRIPT = ("scripts", "background_streets.py")
SOURCE = ("Tests", "NgaTuOSMTests", "Fixtures", "cantho", "osm2018_roads_ninhkieu.geojson")
BOX = "10.014,105.748,10.0525,105.796"


def make(root, *args):
    p = run(["python3", os.path.join(root, *SCRIPT), os.path.join(root, *SOURCE), "--box", BOX, *args])
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_shipped_file_is_reproduced_byte_for_byte(root):
    with open(os.path.join(root, "maps", "ninh-kieu-streets.geojson"), encoding="utf-8") as f:
        assert make(root) == f.read()


def test_lines_are_near_the_box_rounded_and_attributed(root):
    doc = json.loads(make(root))
    assert "OpenStreetMap contributors" in doc["attribution"]
    lines = doc["features"][0]["geometry"]["coordinates"]
    assert len(lines) > 500
    for line in lines:
        assert len(line) >= 2
        # Every line has a point within the box plus the 0.004° margin.
        assert any(105.744 <= x <= 105.800 and 10.010 <= y <= 10.0565 for x, y in line)
        for x, y in line:
            assert round(x, 5) == x and round(y, 5) == y
    # Simplification drops points: a larger tolerance gives fewer.
    coarse = json.loads(make(root, "--tolerance", "0.0002"))["features"][0]["geometry"]["coordinates"]
    assert sum(map(len, coarse)) < sum(map(len, lines))


def test_simplify_keeps_ends_and_corners():
    import importlib.util
    spec = importlib.util.spec_from_file_location("bs", os.path.join(os.path.dirname(__file__), "..", "..", *SCRIPT))
    bs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bs)
    pts = [(0, 0), (1, 0.000001), (2, 0), (2, 1)]
    assert bs.simplify(pts, 0.001) == [(0, 0), (2, 0), (2, 1)]
