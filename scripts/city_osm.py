#!/usr/bin/env python3
"""Writes a synthetic city-size OpenStreetMap XML extract, for measuring `ngatu import-osm`.

Shaped like a real extract: a street grid (one way per block side, with shape nodes, names,
classes, signals at every fifth crossing of main roads) and, filling the blocks, buildings
(closed ways with tags), which make up most of a real city file. Node lines carry the API's
attributes (version, timestamp, user...). Deterministic: the same arguments give the same bytes.

    scripts/city_osm.py --mb 100 > city.osm
"""
import argparse
import sys

SPACING = 0.0011   # degrees, about 120 m
LAT0, LON0 = 10.0, 105.7


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100, help="approximate size in MB (default 100)")
    ap.add_argument("--grid", type=int, default=50, help="junctions per side of the street grid (default 50)")
    args = ap.parse_args()
    out = sys.stdout
    g = args.grid
    target = int(args.mb * 1_000_000)
    written = 0

    def w(s):
        nonlocal written
        written += len(s)
        out.write(s)

    def node(nid, lat, lon, tags=()):
        attrs = (f' <node id="{nid}" visible="true" version="3" changeset="81234567" '
                 f'timestamp="2020-01-21T08:15:00Z" user="mapper" uid="1234" lat="{lat:.7f}" lon="{lon:.7f}"')
        if not tags:
            w(attrs + "/>\n")
        else:
            w(attrs + ">\n" + "".join(f'  <tag k="{k}" v="{v}"/>\n' for k, v in tags) + " </node>\n")

    w('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="city_osm.py">\n')
    w(f' <bounds minlat="{LAT0 - SPACING / 2:.7f}" minlon="{LON0 - SPACING / 2:.7f}" '
      f'maxlat="{LAT0 + (g - 0.5) * SPACING:.7f}" maxlon="{LON0 + (g - 0.5) * SPACING:.7f}"/>\n')

    def junction(i, j):
        return 1 + i * g + j

    main_road = lambda k: k % 5 == 0
    for i in range(g):
        for j in range(g):
            tags = [("highway", "traffic_signals")] if main_road(i) and main_road(j) and 0 < i < g - 1 and 0 < j < g - 1 else ()
            node(junction(i, j), LAT0 + i * SPACING, LON0 + j * SPACING, tags)
    # Shape nodes: two per block side.
    nid = g * g + 1
    segments = []
    for i in range(g):
        for j in range(g):
            for di, dj in ((0, 1), (1, 0)):
                i2, j2 = i + di, j + dj
                if i2 >= g or j2 >= g:
                    continue
                shape = []
                for t in (1 / 3, 2 / 3):
                    node(nid, LAT0 + (i + di * t) * SPACING + (0.00002 if dj else 0),
                         LON0 + (j + dj * t) * SPACING + (0.00002 if di else 0))
                    shape.append(nid)
                    nid += 1
                segments.append((junction(i, j), shape, junction(i2, j2), i if dj else j, bool(dj)))
    # Buildings fill the blocks until the file reaches its size (ways come after all nodes).
    way_bytes_per_building = 330
    buildings = []
    b = 0
    while written + len(buildings) * way_bytes_per_building + len(segments) * 400 < target:
        bi, bj = (b // 7) % (g - 1), (b // 7 // (g - 1)) % (g - 1)
        k = b % 7 + 7 * (b // (7 * (g - 1) * (g - 1)))
        lat = LAT0 + (bi + 0.2 + 0.09 * (k % 7)) * SPACING
        lon = LON0 + (bj + 0.2 + 0.09 * ((k // 7) % 7)) * SPACING
        ids = []
        for dlat, dlon in ((0, 0), (0, 0.00008), (0.00008, 0.00008), (0.00008, 0)):
            node(nid, lat + dlat, lon + dlon)
            ids.append(nid)
            nid += 1
        buildings.append(ids)
        b += 1
    wid = 1
    for a, shape, z, k, east_west in segments:
        cls = "primary" if main_road(k) else "residential"
        name = f"Đường {'Đông' if east_west else 'Bắc'} {k}"
        w(f' <way id="{wid}" visible="true" version="2" changeset="81234567" timestamp="2020-01-21T08:15:00Z" user="mapper" uid="1234">\n')
        w("".join(f'  <nd ref="{r}"/>\n' for r in [a, *shape, z]))
        w(f'  <tag k="highway" v="{cls}"/>\n  <tag k="name" v="{name}"/>\n')
        if cls == "primary":
            w('  <tag k="lanes" v="4"/>\n  <tag k="maxspeed" v="50"/>\n')
        w(" </way>\n")
        wid += 1
    for ids in buildings:
        w(f' <way id="{wid}" visible="true" version="1" changeset="81234567" timestamp="2020-01-21T08:15:00Z" user="mapper" uid="1234">\n')
        w("".join(f'  <nd ref="{r}"/>\n' for r in [*ids, ids[0]]))
        w('  <tag k="building" v="yes"/>\n  <tag k="building:levels" v="3"/>\n </way>\n')
        wid += 1
    w("</osm>\n")


if __name__ == "__main__":
    main()
