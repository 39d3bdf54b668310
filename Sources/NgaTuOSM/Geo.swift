import Foundation
public import NgaTuCore

/// Small spherical-geometry helpers on WGS84 coordinates (a sphere is ample at city scale).
package enum Geo {
    /// Mean Earth radius (IUGG), metres: the core's.
    package static let earthRadius = LocalProjection.earthRadius

    /// Great-circle distance in metres (the core's haversine).
    package static func distance(_ a: LatLon, _ b: LatLon) -> Double { LocalProjection.distance(a, b) }

    /// Length of a polyline in metres.
    package static func length(_ points: [LatLon]) -> Double { LocalProjection.length(points) }

    /// Initial bearing from `a` to `b` in degrees clockwise from north, in [0, 360).
    package static func bearing(_ a: LatLon, _ b: LatLon) -> Double {
        let rad = Double.pi / 180
        let y = sin((b.lon - a.lon) * rad) * cos(b.lat * rad)
        let x = cos(a.lat * rad) * sin(b.lat * rad) - sin(a.lat * rad) * cos(b.lat * rad) * cos((b.lon - a.lon) * rad)
        let deg = atan2(y, x) / rad
        return deg < 0 ? deg + 360 : deg
    }

    /// The point a given distance along a polyline (clamped to its ends).
    package static func point(along points: [LatLon], at metres: Double) -> LatLon {
        guard var previous = points.first else { return LatLon(0, 0) }
        var left = metres
        for p in points.dropFirst() {
            let d = distance(previous, p)
            if d >= left, d > 0 {
                let t = left / d
                return LatLon(previous.lat + (p.lat - previous.lat) * t, previous.lon + (p.lon - previous.lon) * t)
            }
            left -= d
            previous = p
        }
        return previous
    }

    /// The mean of some points (fine for points a few tens of metres apart).
    package static func centroid(_ points: [LatLon]) -> LatLon {
        guard !points.isEmpty else { return LatLon(0, 0) }
        let n = Double(points.count)
        return LatLon(points.reduce(0) { $0 + $1.lat } / n, points.reduce(0) { $0 + $1.lon } / n)
    }

    /// Eight-point compass name of a bearing (N, NE, E, …).
    package static func compass(_ bearing: Double) -> String {
        let names = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
        return names[Int(((bearing + 22.5).truncatingRemainder(dividingBy: 360)) / 45) % 8]
    }
}

/// A latitude/longitude box, as `--bbox S,W,N,E` gives it.
public struct BoundingBox: Sendable, Equatable {
    public var south: Double
    public var west: Double
    public var north: Double
    public var east: Double

    public init(south: Double, west: Double, north: Double, east: Double) {
        self.south = south; self.west = west; self.north = north; self.east = east
    }

    /// Parses `S,W,N,E` (decimal degrees); nil when malformed or empty.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let s = parts[0], let w = parts[1], let n = parts[2], let e = parts[3],
              s < n, w < e, s >= -90, n <= 90, w >= -180, e <= 180 else { return nil }
        self.init(south: s, west: w, north: n, east: e)
    }

    public func contains(_ p: LatLon) -> Bool {
        p.lat >= south && p.lat <= north && p.lon >= west && p.lon <= east
    }

    /// Distance in metres from an inside point to the nearest side of the box.
    package func distanceToEdge(_ p: LatLon) -> Double {
        let dLat = min(p.lat - south, north - p.lat) * Double.pi / 180 * Geo.earthRadius
        let dLon = min(p.lon - west, east - p.lon) * Double.pi / 180 * Geo.earthRadius * cos(p.lat * Double.pi / 180)
        return min(dLat, dLon)
    }

    /// The part of segment a→b inside the box, as parameters 0 ≤ t0 ≤ t1 ≤ 1 (Liang–Barsky),
    /// or nil when the segment misses the box.
    package func clip(_ a: LatLon, _ b: LatLon) -> (t0: Double, t1: Double)? {
        var t0 = 0.0, t1 = 1.0
        let dx = b.lon - a.lon, dy = b.lat - a.lat
        let checks: [(Double, Double)] = [(-dx, a.lon - west), (dx, east - a.lon), (-dy, a.lat - south), (dy, north - a.lat)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } }
                else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return (t0, t1)
    }
}

extension LatLon {
    package func interpolated(to b: LatLon, _ t: Double) -> LatLon {
        LatLon(lat + (b.lat - lat) * t, lon + (b.lon - lon) * t)
    }
}
