import Foundation
import Testing
import NgaTuResults
@testable import NgaTuReport

/// `roads.geojson` and `junctions.geojson` parse as GeoJSON (RFC 7946) with the map's geometry
/// and every strategy's measures.
@Suite("GeoJSON for GIS")
struct GeoJSONTests {
    static func tables() -> ResultTables {
        var tables = ReportFixture.tables()
        for s in ReportFixture.strategies {
            for (k, road) in ReportFixture.mapRoads.enumerated() {
                let segments = road.oneway ? [(road.id, road.from, road.to)] : [(road.id, road.from, road.to), (road.id + "~r", road.to, road.from)]
                for (seg, from, to) in segments {
                    tables.roads.append(RoadRow(strategy: s, sweep: ReportFixture.point(1), segment: seg, from: from, to: to,
                                                flowVehH: 100 + Double(k), meanSpeedKmh: 20, meanTravelTimeS: 40 + Double(k),
                                                freeFlowTimeS: 30, maxQueueVeh: Double(k), maxQueueM: 6.5 * Double(k)))
                }
            }
        }
        return tables
    }

    static func features(_ text: String) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        #expect((json["attribution"] as? String)?.contains("© OpenStreetMap contributors") == true)
        return try #require(json["features"] as? [[String: Any]])
    }

    /// A GeoJSON position: [longitude, latitude] within the map's box.
    static func position(_ any: Any?) -> (lon: Double, lat: Double)? {
        guard let p = any as? [Double], p.count == 2, (-180...180).contains(p[0]), (-90...90).contains(p[1]) else { return nil }
        return (p[0], p[1])
    }

    @Test("roads.geojson: one LineString per directed segment, in its direction of travel, with every strategy's measures")
    func roads() throws {
        let tables = Self.tables()
        let features = try Self.features(GeoJSONExport.roads(tables))
        let expected = tables.mapRoads.flatMap { $0.oneway ? [$0.id] : [$0.id, $0.id + "~r"] }
        #expect(features.map { ($0["properties"] as? [String: Any])?["segment"] as? String } == expected)
        let at = Dictionary(tables.mapJunctions.map { ($0.id, $0.at) }, uniquingKeysWith: { a, _ in a })
        for f in features {
            #expect(f["type"] as? String == "Feature")
            let geometry = try #require(f["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "LineString")
            let coords = try #require(geometry["coordinates"] as? [Any])
            #expect(coords.count >= 2)
            let points = coords.compactMap(Self.position)
            #expect(points.count == coords.count, "every position is [lon, lat] on the globe")
            let p = try #require(f["properties"] as? [String: Any])
            // The line starts at the segment's `from` junction and ends at its `to`.
            let from = try #require(at[p["from"] as! String]), to = try #require(at[p["to"] as! String])
            #expect(abs(points.first!.lon - from.longitude) < 1e-6 && abs(points.first!.lat - from.latitude) < 1e-6)
            #expect(abs(points.last!.lon - to.longitude) < 1e-6 && abs(points.last!.lat - to.latitude) < 1e-6)
            for s in ReportFixture.strategies {
                #expect(p["\(s).flow_veh_h"] is Double, "\(s) flow of \(p["segment"]!)")
                for m in ["max_queue_veh", "max_queue_m", "delay_s", "mean_speed_kmh", "vc", "control_delay_s", "los"] {
                    #expect(p.keys.contains("\(s).\(m)"))
                }
            }
        }
        // A segment arriving at a signal carries its approach's measures: Nguyễn Văn Cừ from the
        // south boundary into nvc-304 is its S approach.
        let north = try #require(features.first { ($0["properties"] as? [String: Any])?["segment"] as? String == "nvc-s" })
        let p = try #require(north["properties"] as? [String: Any])
        #expect(p["junction"] as? String == "nvc-304" && p["approach"] as? String == "S")
        let row = try #require(tables.junctions.first { $0.strategy == "webster" && $0.sweep == ReportFixture.point(1) && $0.junction == "nvc-304" && $0.approach == "S" })
        #expect(p["webster.los"] as? String == row.los)
        #expect(abs((p["webster.vc"] as! Double) - row.degreeOfSaturation!) < 1e-9)
        #expect(abs((p["webster.delay_s"] as! Double) - (40 + 3 - 30)) < 1e-9)
    }

    @Test("junctions.geojson: one Point per junction; signals with the map's level of service per strategy")
    func junctions() throws {
        let tables = Self.tables()
        let features = try Self.features(GeoJSONExport.junctions(tables))
        #expect(features.count == tables.mapJunctions.count)
        let data = ReportData(tables: tables, language: "en")
        for (f, j) in zip(features, tables.mapJunctions) {
            let geometry = try #require(f["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let p = try #require(Self.position(geometry["coordinates"]))
            #expect(abs(p.lon - j.at.longitude) < 1e-6 && abs(p.lat - j.at.latitude) < 1e-6)
            let props = try #require(f["properties"] as? [String: Any])
            #expect(props["id"] as? String == j.id && props["control"] as? String == j.control)
            if j.isSignalised {
                for s in ReportFixture.strategies {
                    #expect(props["\(s).los"] as? String == data.junctionService(s)[j.id]?.los)
                    #expect(props["\(s).delay_s"] is Double)
                }
            } else {
                #expect(!props.keys.contains { $0.hasPrefix("fixed.") })
            }
        }
        // Names from input files stay text: the hostile one is a JSON string.
        #expect(features.contains { ($0["properties"] as? [String: Any])?["name"] as? String == ReportFixture.hostileName })
    }

    @Test("the run's output folder may hold the GeoJSON files (a re-run replaces them)")
    func ownFiles() {
        #expect(ResultDirectory.ownFileNames.isSuperset(of: [GeoJSONExport.roadsFileName, GeoJSONExport.junctionsFileName]))
    }

    /// `%.7f` through Foundation, trailing zeros and point removed: what `fixed` replaces.
    static func printed(_ x: Double) -> String {
        var t = String(format: "%.7f", x)
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }

    @Test("coordinates: integer rounding prints what %.7f prints (random values, halves, tiny, huge, negative)")
    func sevenDecimals() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1e-8, 9.99e-9, -4e-8, 5e-8, 4.9999999e-8, 0.00390625, -0.00390625,
                                1.00000005, 105.7654321, 10.0345, 1_073_741_823.9, 1_073_741_824, 3e9, .infinity, -.infinity,
                                .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1, 0.7, 123.45678905]
        // Exact ties at the 8th decimal: multiples of 2⁻⁸ … 2⁻¹⁶ have halves there.
        for k in 0..<2_000 { values.append(Double(k) / 256); values.append(Double(k) / 65_536 + 105) }
        for _ in 0..<20_000 {
            values.append(Double.random(in: -180...180, using: &rng))
            values.append(Double.random(in: 9.9...10.1, using: &rng))
            values.append(Double.random(in: -1e-5...1e-5, using: &rng))
            values.append(Double(Int.random(in: -1_800_000_000...1_800_000_000, using: &rng)) / 1e7)
        }
        var mismatches: [String] = []
        for x in values where GeoJSONExport.fixed(x) != Self.printed(x) {
            mismatches.append("\(x): \(GeoJSONExport.fixed(x)) against \(Self.printed(x))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
