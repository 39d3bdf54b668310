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
/// - signalised junctions: `delay_s` (control delay weighted by the approaches' vehicles, released and still queued), `los` (as on the
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
        var roadRows: [RowKey: RoadRow] = [:]
        for r in tables.roads { roadRows[key(r.strategy, r.sweep, r.segment)] = r }
        var approachRows: [RowKey: JunctionRow] = [:]
        for r in tables.junctions { approachRows[key(r.strategy, r.sweep, r.junction + "|" + r.approach)] = r }
        let columns = columns(data)
        // Each column's property names, quoted once for every feature.
        let names = columns.map { c in
            ["flow_veh_h", "max_queue_veh", "max_queue_m", "delay_s", "mean_speed_kmh", "vc", "control_delay_s", "los"]
                .map { Properties.name(c.prefix + $0) }
        }

        var features = Features()
        for road in tables.mapRoads {
            guard let a = positions[road.from], let b = positions[road.to] else { continue }
            let line = road.shape.count >= 2 ? road.shape : [a, b]
            var directions: [(segment: String, from: String, to: String, lanes: Int, line: [MapCoordinate])] = []
            if road.lanesForward > 0 { directions.append((road.id, road.from, road.to, road.lanesForward, line)) }
            if !road.oneway, road.lanesBackward > 0 { directions.append((road.id + "~r", road.to, road.from, road.lanesBackward, line.reversed())) }
            for d in directions {
                var props = Properties()
                props.add("\"segment\":", string(d.segment))
                props.add("\"road\":", string(road.id))
                props.add("\"name\":", string(road.name))
                props.add("\"from\":", string(d.from))
                props.add("\"to\":", string(d.to))
                props.add("\"lanes\":", String(d.lanes))
                let approach = arrives[d.segment]
                props.add("\"junction\":", approach.map { string($0.junction) } ?? "null")
                props.add("\"approach\":", approach.map { string($0.approach) } ?? "null")
                for (c, n) in zip(columns, names) {
                    let r = roadRows[key(c.strategy, c.point, d.segment)]
                    props.add(n[0], number(r?.flowVehH))
                    props.add(n[1], number(r?.maxQueueVeh))
                    props.add(n[2], number(r?.maxQueueM))
                    props.add(n[3], number(r?.meanTravelTimeS.map { max(0, $0 - r!.freeFlowTimeS) }))
                    props.add(n[4], number(r?.meanSpeedKmh))
                    let ar = approach.flatMap { approachRows[key(c.strategy, c.point, $0.junction + "|" + $0.approach)] }
                    props.add(n[5], number(ar?.degreeOfSaturation))
                    props.add(n[6], number(ar?.controlDelayS))
                    props.add(n[7], ar?.los.map(string) ?? "null")
                }
                var geometry = "{\"type\":\"LineString\",\"coordinates\":["
                for (i, c) in d.line.enumerated() {
                    geometry += i > 0 ? ",[" : "["
                    geometry += fixed(c.longitude)
                    geometry += ","
                    geometry += fixed(c.latitude)
                    geometry += "]"
                }
                features.add(geometry: geometry + "]}", props)
            }
        }
        return collection(tables, features)
    }

    public static func junctions(_ tables: ResultTables) -> String {
        let data = ReportData(tables: tables, language: "en")
        let columns = columns(data)
        let services = columns.map { data.junctionService($0.strategy, at: $0.point) }
        let names = columns.map { c in
            ["delay_s", "los", "vc", "max_queue_veh", "throughput_veh"].map { Properties.name(c.prefix + $0) }
        }
        var features = Features()
        for j in tables.mapJunctions {
            var props = Properties()
            props.add("\"id\":", string(j.id))
            props.add("\"name\":", string(j.name))
            props.add("\"control\":", string(j.control))
            props.add("\"label\":", string(ReportMap.shortLabel(j)))
            if j.isSignalised {
                for (n, service) in zip(names, services) {
                    let s = service[j.id]
                    let approaches = s?.approaches ?? []
                    props.add(n[0], number(s?.delayS))
                    props.add(n[1], s?.los.map(string) ?? "null")
                    props.add(n[2], number(approaches.compactMap(\.degreeOfSaturation).max()))
                    props.add(n[3], number(approaches.map(\.maxQueueVeh).max()))
                    props.add(n[4], number(s == nil ? nil : approaches.map(\.throughputVeh).reduce(0, +)))
                }
            }
            features.add(geometry: "{\"type\":\"Point\",\"coordinates\":" + position(j.at) + "}", props)
        }
        return collection(tables, features)
    }

    // MARK: Text

    /// A row's place: strategy, sweep point and segment (or `junction|approach`).
    struct RowKey: Hashable {
        var strategy: String
        var point: SweepPoint?
        var id: String
    }

    static func key(_ strategy: String, _ point: SweepPoint?, _ id: String) -> RowKey {
        RowKey(strategy: strategy, point: point, id: id)
    }

    static func collection(_ tables: ResultTables, _ features: Features) -> String {
        let name = string(tables.meta.scenarioID)
        // The map's own attribution (© OpenStreetMap contributors for an imported map).
        let attribution = string(tables.meta.mapAttribution)
        return "{\"type\":\"FeatureCollection\",\"name\":\(name),\"attribution\":\(attribution),\"features\":[\n"
            + features.text + "\n]}\n"
    }

    /// A feature's properties as JSON members (`"name":value`, comma-separated), appended to
    /// one text instead of kept as pairs and joined.
    struct Properties {
        var text = ""
        /// `"name":` for `add`.
        static func name(_ s: String) -> String { string(s) + ":" }
        /// Appends a member: `quotedName` is `"name":`, `value` JSON text.
        mutating func add(_ quotedName: String, _ value: String) {
            if !text.isEmpty { text += "," }
            text += quotedName
            text += value
        }
    }

    /// The features of a collection, one per line, separated by commas.
    struct Features {
        var text = ""
        mutating func add(geometry: String, _ props: Properties) {
            if !text.isEmpty { text += ",\n" }
            text += "{\"type\":\"Feature\",\"geometry\":"
            text += geometry
            text += ",\"properties\":{"
            text += props.text
            text += "}}"
        }
    }

    /// `[lon,lat]` with 7 decimals (about 1 cm).
    static func position(_ c: MapCoordinate) -> String {
        "[" + fixed(c.longitude) + "," + fixed(c.latitude) + "]"
    }

    /// `x` as `%.7f` prints it, trailing zeros and a trailing point removed, `-0` as `0`.
    static func fixed(_ x: Double) -> String {
        guard let q = sevenDecimals(x) else {
            let s = String(format: "%.7f", x)
            var t = s
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
            return t == "-0" ? "0" : t
        }
        guard q.units != 0 else { return "0" }
        var whole = q.units / 10_000_000, fraction = q.units % 10_000_000
        // Digits from the end: the fraction without its trailing zeros, the point, the whole part;
        // then turned round in place (a reversed view would be decoded byte by byte).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        if fraction != 0 {
            var places = 7
            while fraction % 10 == 0 { fraction /= 10; places -= 1 }
            for _ in 0..<places { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)); fraction /= 10 }
            bytes.append(UInt8(ascii: "."))
        }
        repeat { bytes.append(UInt8(ascii: "0") + UInt8(whole % 10)); whole /= 10 } while whole != 0
        if q.negative { bytes.append(UInt8(ascii: "-")) }
        bytes.reverse()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `|x|` × 10⁷ rounded as printf's `%.7f` rounds it (the exact binary value, halves to
    /// even), computed in integers instead of by `String(format:)` (a tenth of the GeoJSON
    /// files' cost): nil for a value that is not finite or not below 2³⁰ in magnitude.
    static func sevenDecimals(_ x: Double) -> (negative: Bool, units: UInt64)? {
        let a = x.magnitude
        guard x.isFinite, a < 1_073_741_824 else { return nil }
        // Below 10⁻⁸, |x| × 10⁷ < 0.1 rounds to 0.
        guard a >= 1e-8 else { return (x.sign == .minus, 0) }
        // a = m × 2^-s exactly, a normal number; s from 23 (a < 2³⁰) to 79 (a ≥ 2⁻²⁷).
        let m = a.significandBitPattern | (1 << 52)
        let s = 52 - Int(a.exponent)
        let (hi, lo) = m.multipliedFullWidth(by: 10_000_000)   // P = m × 10⁷ < 2⁷⁷
        // t = ⌊P / 2^(s-1)⌋ (the result and its half bit); sticky: anything below the half bit.
        let k = s - 1
        let t: UInt64
        let sticky: Bool
        if k >= 64 {
            let j = k - 64
            t = hi >> UInt64(j)
            sticky = lo != 0 || (j > 0 && hi & ((1 << UInt64(j)) - 1) != 0)
        } else {
            t = (hi << UInt64(64 - k)) | (lo >> UInt64(k))
            sticky = lo & ((1 << UInt64(k)) - 1) != 0
        }
        var units = t >> 1
        if t & 1 == 1, sticky || units & 1 == 1 { units += 1 }
        return (x.sign == .minus, units)
    }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return NumberFormat.format(x)
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func string(_ s: String) -> String {
        // Printable ASCII without a quote or backslash (ids, property names): as it is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
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
