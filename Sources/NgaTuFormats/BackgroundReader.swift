public import Foundation
public import NgaTuCore

/// Reads a map's optional background layer: a GeoJSON FeatureCollection (RFC 7946, WGS84
/// `[longitude, latitude]`) whose LineString and MultiLineString features are the surrounding
/// streets drawn under the report's maps. Other geometry types are skipped; properties are
/// ignored. The result is plain polylines, so neither the core nor the report knows GeoJSON.
public enum BackgroundReader {
    /// Why a background file was refused: the file and what was expected where.
    public struct Failure: Error, Sendable { public var message: String }

    /// The largest background file read (it is drawn into every map of a report).
    public static let maxFileBytes = 20_000_000

    public static func read(file path: String) throws(Failure) -> [[LatLon]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "cannot read \(path) (expected a GeoJSON file of streets)")
        }
        guard data.count <= maxFileBytes else {
            throw Failure(message: "\(path) is \(data.count) bytes; at most \(maxFileBytes) expected")
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(Failure) -> [[LatLon]] {
        func fail(_ at: String, _ expected: String) -> Failure {
            Failure(message: "\(file): \(at): expected \(expected)")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) else {
            throw fail("whole file", "GeoJSON (valid JSON text)")
        }
        guard let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
              let features = object["features"] as? [Any] else {
            throw fail("top level", "a FeatureCollection with a `features` list")
        }
        func line(_ value: Any, at: String) throws(Failure) -> [LatLon] {
            guard let points = value as? [Any], points.count >= 2 else {
                throw fail(at, "a list of at least two [longitude, latitude] positions")
            }
            var out: [LatLon] = []
            out.reserveCapacity(points.count)
            for (i, p) in points.enumerated() {
                guard let pair = p as? [Any], pair.count >= 2,
                      let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue,
                      !(pair[0] is Bool), !(pair[1] is Bool),
                      (-180...180).contains(lon), (-90...90).contains(lat) else {
                    throw fail("\(at)[\(i)]", "a [longitude, latitude] position in degrees (WGS84)")
                }
                out.append(LatLon(lat, lon))
            }
            return out
        }
        var lines: [[LatLon]] = []
        for (k, f) in features.enumerated() {
            let at = "features[\(k)]"
            guard let feature = f as? [String: Any], feature["type"] as? String == "Feature" else {
                throw fail(at, "a Feature object")
            }
            guard let geometry = feature["geometry"] as? [String: Any] else { continue }  // null geometry
            let coordinates = geometry["coordinates"] ?? NSNull()
            switch geometry["type"] as? String {
            case "LineString":
                lines.append(try line(coordinates, at: at + ".geometry.coordinates"))
            case "MultiLineString":
                guard let parts = coordinates as? [Any] else {
                    throw fail(at + ".geometry.coordinates", "a list of lines")
                }
                for (i, part) in parts.enumerated() { lines.append(try line(part, at: at + ".geometry.coordinates[\(i)]")) }
            default:
                continue  // points and areas are not streets
            }
        }
        return lines
    }
}
