import Foundation

/// Plane geometry on a small area: an equirectangular projection around a reference point,
/// accurate to well under 0.1% across a city.
public struct LocalProjection: Sendable {
    public static let earthRadius = 6_371_008.8
    public let origin: LatLon
    private let cosLat: Double

    public init(origin: LatLon) {
        self.origin = origin
        cosLat = cos(origin.lat * .pi / 180)
    }

    /// Metres east and north of the origin.
    public func xy(_ p: LatLon) -> (x: Double, y: Double) {
        let k = LocalProjection.earthRadius * .pi / 180
        return ((p.lon - origin.lon) * k * cosLat, (p.lat - origin.lat) * k)
    }

    /// Great-circle (haversine) distance in metres.
    public static func distance(_ a: LatLon, _ b: LatLon) -> Double {
        let r = Double.pi / 180
        let dLat = (b.lat - a.lat) * r, dLon = (b.lon - a.lon) * r
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * r) * cos(b.lat * r) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadius * asin(min(1, h.squareRoot()))
    }

    /// Length of a polyline in metres.
    public static func length(_ points: [LatLon]) -> Double {
        guard points.count > 1 else { return 0 }
        var total = 0.0
        for i in 1..<points.count { total += distance(points[i - 1], points[i]) }
        return total
    }
}

/// Angles in degrees, counter-clockwise from east.
enum Angle {
    /// Normalises to (−180, 180].
    static func normalized(_ a: Double) -> Double {
        var x = a.truncatingRemainder(dividingBy: 360)
        if x <= -180 { x += 360 }
        if x > 180 { x -= 360 }
        return x
    }
}
