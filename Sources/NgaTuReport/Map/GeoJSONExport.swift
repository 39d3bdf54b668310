public import Foundation
public import NgaTuResults

/// The results on the map for GIS (QGIS, ArcGIS, geojson.io): `roads.geojson`, one LineString
/// feature per directed segment in its direction of travel, and `junctions.geojson`, one Point
/// feature per junction; WGS84 longitude/latitude (RFC 7946).
///
/// Each feature has the map's properties (id, name, ends, lanes, control) and, for every
/// strategy at the report's reference point (demand ×1) of every variant, flat properties named
/// `STRATEGY.MEASURE` (`fixed.flow_veh_h`), or `STRATEGY.VARIANT.MEASURE` when the scenario has
/// variants, so that QGIS can style by any of them:
/// - segments: `flow_veh_h`, `max_queue_veh`, `max_queue_m`, `delay_s` (mean travel time over
///   the segment less its free-flow time), `mean_speed_kmh`, and where the segment arrives at a
///   signalised junction its approach's `vc` (degree of saturation), `control_delay_s` and
///   `los`;
/// - signalised junctions: `delay_s` (throughput-weighted control delay), `los` (as on the
///   report's map), `vc` (the highest of its approaches), `max_queue_veh` (the longest of its
///   approaches) and `throughput_veh` (vehicles served in the measured window, all approaches).
///
/// A value the results do not have is `null`. The text is a pure function of the tables:
/// numbers in the CSV format (`NumberFormat`), features in map order.
public enum GeoJSONExport {
    public static let roadsFileName = "roads.geojson"
    public static let junctionsFileName = "junctions.geojson"

    /// Writes both files into `directory`.
    public static func writeAll(_ tables: ResultTables, into directory: URL) throws {
        guard !tables.mapJunctions.isEmpty else { return }
        try Data(roads(tables).utf8).write(to: directory.appendingPathComponent(roadsFileName))
        try Data(junctions(tables).utf8).write(to: directory.appendingPathComponent(junctionsFileName))
    }

    /// (property prefix, strategy, sweep point) for every strategy at every variant's reference point.
    static func columns(_ data: ReportData) -> [(prefix: String, strategy: String, point: SweepPoint?)] {
        let variants = data.meta.variantNames
        var out: [(String, String, SweepPoint?)] = []
        for s in data.strategies {
            if variants.isEmpty || data.reference == nil {
                out.append((s + ".", s, data.reference))
            } else {
                for (i, v) in variants.enumerated() {
                    out.append((s + "." + v + ".", s, data.reference!.inVariant(i, named: v)))
                }
            }
        }
        return out
    }

    public static func roads(_ tables: ResultTables) -> String {
        let data = ReportData(tables: tables, language: "en")
        let positions = Dictionary(tables.mapJunctions.map { ($0.id, $0.at) }, uniquingKeysWith: { a, _ in a })
        // Which approach of which signalised junction each segment arrives by.
        var arrives: [String: (junction: String, approach: String)] = [:]
        let legs = ReportMap.legs(junctions: tables.mapJunctions, roads: tables.mapRoads, positions: positions) { c in
            (c.longitude, -c.latitude)
        }
        for (junction, list) in legs { for leg in list { arrives[leg.segment] = (junction, leg.approach) } }
        var roadRows: [String: RoadRow] = [:]
        for r in tables.roads { roadRows[key(r.strategy, r.sweep, r.segment)] = r }
        var approachRows: [String: JunctionRow] = [:]
        for r in tables.junctions { approachRows[key(r.strategy, r.sweep, r.junction + "|" + r.approach)] = r }
        let columns = columns(data)

        var features: [String] = []
        for road in tables.mapRoads {
            guard let a = positions[road.from], let b = positions[road.to] else { continue }
            let line = road.shape.count >= 2 ? road.shape : [a, b]
            var directions: [(segment: String, from: String, to: String, lanes: Int, line: [MapCoordinate])] = []
            if road.lanesForward > 0 { directions.append((road.id, road.from, road.to, road.lanesForward, line)) }
            if !road.oneway, road.lanesBackward > 0 { directions.append((road.id + "~r", road.to, road.from, road.lanesBackward, line.reversed())) }
            for d in directions {
                var props: [(String, String)] = [
                    ("segment", string(d.segment)), ("road", string(road.id)), ("name", string(road.name)),
                    ("from", string(d.from)), ("to", string(d.to)), ("lanes", String(d.lanes)),
                ]
                let approach = arrives[d.segment]
                props.append(("junction", approach.map { string($0.junction) } ?? "null"))
                props.append(("approach", approach.map { string($0.approach) } ?? "null"))
                for c in columns {
                    let r = roadRows[key(c.strategy, c.point, d.segment)]
                    props.append((c.prefix + "flow_veh_h", number(r?.flowVehH)))
                    props.append((c.prefix + "max_queue_veh", number(r?.maxQueueVeh)))
                    props.append((c.prefix + "max_queue_m", number(r?.maxQueueM)))
                    props.append((c.prefix + "delay_s", number(r?.meanTravelTimeS.map { max(0, $0 - r!.freeFlowTimeS) })))
                    props.append((c.prefix + "mean_speed_kmh", number(r?.meanSpeedKmh)))
                    let ar = approach.flatMap { approachRows[key(c.strategy, c.point, $0.junction + "|" + $0.approach)] }
                    props.append((c.prefix + "vc", number(ar?.degreeOfSaturation)))
                    props.append((c.prefix + "control_delay_s", number(ar?.controlDelayS)))
                    props.append((c.prefix + "los", ar?.los.map(string) ?? "null"))
                }
                let coords = d.line.map(position).joined(separator: ",")
                features.append(feature(geometry: "{\"type\":\"LineString\",\"coordinates\":[\(coords)]}", props))
            }
        }
        return collection(tables, features)
    }

    public static func junctions(_ tables: ResultTables) -> String {
        let data = ReportData(tables: tables, language: "en")
        let columns = columns(data)
        let services = columns.map { data.junctionService($0.strategy, at: $0.point) }
        var features: [String] = []
        for j in tables.mapJunctions {
            var props: [(String, String)] = [
                ("id", string(j.id)), ("name", string(j.name)), ("control", string(j.control)),
                ("label", string(ReportMap.shortLabel(j))),
            ]
            if j.isSignalised {
                for (c, service) in zip(columns, services) {
                    let s = service[j.id]
                    let approaches = s?.approaches ?? []
                    props.append((c.prefix + "delay_s", number(s?.delayS)))
                    props.append((c.prefix + "los", s?.los.map(string) ?? "null"))
                    props.append((c.prefix + "vc", number(approaches.compactMap(\.degreeOfSaturation).max())))
                    props.append((c.prefix + "max_queue_veh", number(approaches.map(\.maxQueueVeh).max())))
                    props.append((c.prefix + "throughput_veh", number(s == nil ? nil : approaches.map(\.throughputVeh).reduce(0, +))))
                }
            }
            features.append(feature(geometry: "{\"type\":\"Point\",\"coordinates\":\(position(j.at))}", props))
        }
        return collection(tables, features)
    }

    // MARK: Text

    static func key(_ strategy: String, _ point: SweepPoint?, _ id: String) -> String {
        "\(strategy)\u{1}\(point.map { "\($0.keys)\($0.values)\($0.variant ?? "")" } ?? "")\u{1}\(id)"
    }

    static func collection(_ tables: ResultTables, _ features: [String]) -> String {
        let name = string(tables.meta.scenarioID)
        // The map's own attribution (© OpenStreetMap contributors for an imported map).
        let attribution = string(tables.meta.mapAttribution)
        return "{\"type\":\"FeatureCollection\",\"name\":\(name),\"attribution\":\(attribution),\"features\":[\n"
            + features.joined(separator: ",\n") + "\n]}\n"
    }

    static func feature(geometry: String, _ props: [(String, String)]) -> String {
        let p = props.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",")
        return "{\"type\":\"Feature\",\"geometry\":\(geometry),\"properties\":{\(p)}}"
    }

    /// `[lon,lat]` with 7 decimals (about 1 cm).
    static func position(_ c: MapCoordinate) -> String {
        "[" + fixed(c.longitude) + "," + fixed(c.latitude) + "]"
    }

    static func fixed(_ x: Double) -> String {
        let s = String(format: "%.7f", x)
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return NumberFormat.format(x)
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
