#!/usr/bin/env python3
"""Reduces an OSM road layer (GeoJSON) to a map's background streets.

The report draws a map's `background:` file as thin grey lines under the modelled roads so the
district is recognisable. It needs only the lines, so this keeps the LineString and
MultiLineString geometries inside a box (plus a margin), simplifies each line
(Douglas-Peucker, `--tolerance` degrees), rounds coordinates to 5 decimals (about 1 m) and
writes compact GeoJSON with the source's attribution. Same input, same bytes.

    python3 scripts/background_streets.py IN.geojson --box S,W,N,E [--margin D] [--tolerance D] > OUT.geojson

maps/ninh-kieu-streets.geojson is made by
    python3 scripts/background_streets.py Tests/NgaTuOSMTests/Fixtures/cantho/osm2018_roads_ninhkieu.geojson \\
        --box 10.014,105.748,10.0525,105.796 > maps/ninh-kieu-streets.geojson
"""
import argparse
import json
import sys


def simplify(points, tolerance):
    """Douglas-Peucker on [lon, lat] points (planar; the tolerance is in degrees)."""
    if len(points) <= 2 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (x1, y1), (x2, y2) = points[i], points[j]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for k in range(i + 1, j):
            x, y = points[k]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm > 0 else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, k
        if at >= 0 and best > tolerance:
            keep[at] = True
            stack.append((i, at))
            stack.append((at, j))
    return [p for p, k in zip(points, keep) if k]


def reduce(doc, box, margin, tolerance):
    south, west, north, east = box
    s, w, n, e = south - margin, west - margin, north + margin, east + margin
    lines = []
    for feature in doc.get("features", []):
        geometry = feature.get("geometry") or {}
        kind = geometry.get("type")
        parts = [geometry["coordinates"]] if kind == "LineString" else \
            geometry["coordinates"] if kind == "MultiLineString" else []
        for part in parts:
            pts = [(float(p[0]), float(p[1])) for p in part]
            if not any(w <= x <= e and s <= y <= n for x, y in pts):
                continue
            pts = [[round(x, 5), round(y, 5)] for x, y in simplify(pts, tolerance)]
            dedup = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
            if len(dedup) >= 2:
                lines.append(dedup)
    out = {"type": "FeatureCollection",
           "attribution": doc.get("attribution", "© OpenStreetMap contributors"),
           "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString",
                                                                           "coordinates": lines}}]}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("--box", required=True, help="S,W,N,E in degrees")
    ap.add_argument("--margin", type=float, default=0.004, help="degrees added around the box")
    ap.add_argument("--tolerance", type=float, default=0.00002, help="simplification, degrees")
    a = ap.parse_args()
    box = [float(v) for v in a.box.split(",")]
    if len(box) != 4:
        ap.error("--box needs S,W,N,E")
    with open(a.input, encoding="utf-8") as f:
        doc = json.load(f)
    sys.stdout.write(reduce(doc, box, a.margin, a.tolerance))


if __name__ == "__main__":
    main()
