"""scripts/city_osm.py: deterministic, well-formed, the size asked for, and importable."""
import os
import xml.etree.ElementTree as ET

from conftest import run

SCRIPT = ("scripts", "city_osm.py")


def generate(root, tmp_path, name, mb, grid):
    out = tmp_path / name
    with open(out, "wb") as f:
        p = run(["python3", os.path.join(root, *SCRIPT), "--mb", str(mb), "--grid", str(grid)])
        assert p.returncode == 0, p.stderr
        f.write(p.stdout.encode())
    return out


def test_same_arguments_give_the_same_bytes(root, tmp_path):
    a = generate(root, tmp_path, "a.osm", 0.3, 8)
    b = generate(root, tmp_path, "b.osm", 0.3, 8)
    assert a.read_bytes() == b.read_bytes()


def test_size_is_close_to_the_request_and_the_xml_parses(root, tmp_path):
    f = generate(root, tmp_path, "c.osm", 0.5, 8)
    size = f.stat().st_size
    assert 0.45e6 <= size <= 0.6e6, size
    doc = ET.parse(f).getroot()
    assert doc.tag == "osm"
    ways = doc.findall("way")
    roads = [w for w in ways if any(t.get("k") == "highway" for t in w.findall("tag"))]
    signals = [n for n in doc.findall("node") if any(t.get("v") == "traffic_signals" for t in n.findall("tag"))]
    assert len(roads) > 50 and len(ways) > len(roads) and signals


def test_import_osm_reads_it_and_writes_a_map_that_validates(root, tmp_path, ngatu):
    f = generate(root, tmp_path, "d.osm", 0.3, 8)
    out = tmp_path / "city.yaml"
    p = run([ngatu, "import-osm", str(f), "--out", str(out)])
    assert p.returncode == 0, p.stderr
    text = out.read_text(encoding="utf-8")
    assert "OpenStreetMap contributors" in text
    assert text.count("\n  - id:") > 10
    p = run([ngatu, "validate", str(out)])
    assert p.returncode == 0, p.stdout + p.stderr
