import NgaTuCore
import Foundation

/// SUMO's usual projection, UTM on WGS84 (`projParameter="+proj=utm +zone=32 …"`), undone:
/// a network's x, y (less its `netOffset`) are easting and northing. RESCO's cologne and
/// ingolstadt networks are cut out of larger ones and keep the larger one's `origBoundary`, so
/// stretching the cut-out's boundary onto it would bend every angle at the junctions; the
/// projection itself places each point where it is.
enum UTM {
    /// Zone and hemisphere of a PROJ string naming UTM on WGS84; nil for any other projection.
    static func zone(of proj: String) -> (zone: Int, south: Bool)? {
        var zone: Int?, isUTM = false, south = false, otherDatum = false
        for word in proj.split(separator: " ") {
            let kv = word.split(separator: "=", maxSplits: 1).map(String.init)
            switch kv[0] {
            case "+proj": isUTM = kv.count == 2 && kv[1] == "utm"
            case "+zone": zone = kv.count == 2 ? Int(kv[1]) : nil
            case "+south": south = true
            case "+ellps", "+datum": if kv.count == 2 && kv[1] != "WGS84" { otherDatum = true }
            default: break
            }
        }
        guard isUTM, !otherDatum, let zone, (1...60).contains(zone) else { return nil }
        return (zone, south)
    }

    /// Latitude and longitude of an easting and northing (m) in `zone` (inverse transverse
    /// Mercator, Snyder's series: millimetres within a zone).
    static func latLon(easting: Double, northing: Double, zone: Int, south: Bool) -> LatLon {
        let a = 6_378_137.0, f = 1 / 298.257223563, k0 = 0.9996
        let e2 = f * (2 - f), ep2 = e2 / (1 - e2)
        let x = easting - 500_000, y = south ? northing - 10_000_000 : northing
        let mu = y / k0 / (a * (1 - e2 / 4 - 3 * e2 * e2 / 64 - 5 * e2 * e2 * e2 / 256))
        let e1 = (1 - (1 - e2).squareRoot()) / (1 + (1 - e2).squareRoot())
        let phi1 = mu + (3 * e1 / 2 - 27 * pow(e1, 3) / 32) * sin(2 * mu)
            + (21 * e1 * e1 / 16 - 55 * pow(e1, 4) / 32) * sin(4 * mu)
            + (151 * pow(e1, 3) / 96) * sin(6 * mu) + (1097 * pow(e1, 4) / 512) * sin(8 * mu)
        let s = sin(phi1), c = cos(phi1), t = tan(phi1)
        let c1 = ep2 * c * c, t1 = t * t
        let n1 = a / (1 - e2 * s * s).squareRoot()
        let r1 = a * (1 - e2) / pow(1 - e2 * s * s, 1.5)
        let d = x / (n1 * k0)
        let lat = phi1 - (n1 * t / r1) * (d * d / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * pow(d, 4) / 24
            + (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * pow(d, 6) / 720)
        let lon = (d - (1 + 2 * t1 + c1) * pow(d, 3) / 6
            + (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * pow(d, 5) / 120) / c
        let lon0 = Double(zone - 1) * 6 - 180 + 3
        return LatLon(lat * 180 / .pi, lon0 + lon * 180 / .pi)
    }
}
