import Foundation
import Testing
@testable import NgaTuFormats

/// A map's optional `background:` GeoJSON (streets drawn under the report's maps): read into
/// polylines relative to the map file; a missing or malformed file is an error naming it.
@Suite("Map background layer")
struct BackgroundTests {
    static let map = """
        map: t
        background: %@
        junctions:
          - {id: a, at: [10, 105], control: boundary}
          - {id: b, at: [10.01, 105], control: boundary}
        roads:
          - {id: r, from: a, to: b}

        """

    static func directory(_ geojson: String?) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ngatu-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.map.replacingOccurrences(of: "%@", with: "streets.geojson")
            .write(to: dir.appendingPathComponent("map.yaml"), atomically: true, encoding: .utf8)
        if let g = geojson { try g.write(to: dir.appendingPathComponent("streets.geojson"), atomically: true, encoding: .utf8) }
        return dir
    }

    static func error(_ geojson: String?) throws -> InputError? {
        let dir = try directory(geojson)
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try MapReader.read(file: dir.appendingPathComponent("map.yaml").path); return nil } catch { return error }
    }

    @Test("LineString and MultiLineString features become polylines, other geometries are skipped")
    func reads() throws {
        let dir = try Self.directory("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"x"},"geometry":{"type":"LineString","coordinates":[[105.001,10.002],[105.003,10.004]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[105,10],[105.1,10.1],[105.2,10.2]],[[105.3,10.3],[105.4,10.4]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[105,10]}},
              {"type":"Feature","properties":{},"geometry":null}]}
            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = try MapReader.read(file: dir.appendingPathComponent("map.yaml").path)
        #expect(doc.background.map(\.count) == [2, 3, 2])
        #expect(doc.background[0][0].lat == 10.002 && doc.background[0][0].lon == 105.001)
        // Without the key there is no background.
        let plain = try MapReader.parse(Self.map.replacingOccurrences(of: "background: %@\n", with: ""), file: "t.yaml")
        #expect(plain.background.isEmpty)
    }

    @Test("a missing file, bad JSON or a bad position is an error with the files and what was expected")
    func errors() throws {
        let missing = try #require(try Self.error(nil))
        #expect(missing.file.hasSuffix("map.yaml") && missing.line == 2)
        #expect(missing.message.contains("cannot read") && missing.message.contains("streets.geojson")
                && missing.message.contains("GeoJSON"), "\(missing.message)")
        let json = try #require(try Self.error("{not json"))
        #expect(json.message.contains("streets.geojson") && json.message.contains("valid JSON"), "\(json.message)")
        let kind = try #require(try Self.error(#"{"type":"Feature"}"#))
        #expect(kind.message.contains("FeatureCollection"), "\(kind.message)")
        let position = try #require(try Self.error("""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[105,10],[10.5]]}}]}
            """))
        #expect(position.message.contains("features[0].geometry.coordinates[1]: expected a [longitude, latitude] position"),
                "\(position.message)")
        let latitude = try #require(try Self.error("""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[10,105],[10,106]]}}]}
            """))
        #expect(latitude.message.contains("coordinates[0]"), "\(latitude.message)")
    }

    @Test("the shipped Ninh Kiều map names its background, which reads")
    func ninhKieu() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try MapReader.read(file: repo.appendingPathComponent("maps/ninh-kieu.yaml").path)
        #expect(doc.background.count > 500)
    }
}
