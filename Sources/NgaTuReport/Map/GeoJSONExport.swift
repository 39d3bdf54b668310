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
        try Data(roadsText(tables).bytes).write(to: directory.appendingPathComponent(roadsFileName))
        try Data(junctionsText(tables).bytes).write(to: directory.appendingPathComponent(junctionsFileName))
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

    public static func roads(_ tables: ResultTables) -> String { roadsText(tables).string }

    public static func junctions(_ tables: ResultTables) -> String { junctionsText(tables).string }

    static func roadsText(_ tables: ResultTables) -> TextBytes {
        let data = ReportData(tables: tables, language: "en")
        let positions = Dictionary(tables.mapJunctions.map { ($0.id, $0.at) }, uniquingKeysWith: { a, _ in a })
        // Which approach of which signalised junction each segment arrives by.
        var arrives: [String: (junction: String, approach: String)] = [:]
        let legs = ReportMap.legs(junctions: tables.mapJunctions, roads: tables.mapRoads, positions: positions) { c in
            (c.longitude, -c.latitude)
        }
        for (junction, list) in legs { for leg in list { arrives[leg.segment] = (junction, leg.approach) } }
        let columns = columns(data)
        // Each column's rows by segment (and by `junction|approach`), sorted out once: a lookup
        // per feature and column then hashes the id alone, not the strategy and sweep point.
        var columnsOf: [String: [Int]] = [:]
        for (i, c) in columns.enumerated() { columnsOf[c.strategy, default: []].append(i) }
        var roadRows = [[String: RoadRow]](repeating: [:], count: columns.count)
        for r in tables.roads {
            for i in columnsOf[r.strategy] ?? [] where columns[i].point == r.sweep { roadRows[i][r.segment] = r }
        }
        var approachRows = [[String: JunctionRow]](repeating: [:], count: columns.count)
        for r in tables.junctions {
            for i in columnsOf[r.strategy] ?? [] where columns[i].point == r.sweep { approachRows[i][r.junction + "|" + r.approach] = r }
        }
        // Each column's property names, quoted once for every feature.
        let names = columns.map { c in
            ["flow_veh_h", "max_queue_veh", "max_queue_m", "delay_s", "mean_speed_kmh", "vc", "control_delay_s", "los"]
                .map { Properties.quotedName(c.prefix + $0) }
        }

        var features = Features()
        var props = Properties()
        for road in tables.mapRoads {
            guard let a = positions[road.from], let b = positions[road.to] else { continue }
            let line = road.shape.count >= 2 ? road.shape : [a, b]
            var directions: [(segment: String, from: String, to: String, lanes: Int, line: [MapCoordinate])] = []
            if road.lanesForward > 0 { directions.append((road.id, road.from, road.to, road.lanesForward, line)) }
            if !road.oneway, road.lanesBackward > 0 { directions.append((road.id + "~r", road.to, road.from, road.lanesBackward, line.reversed())) }
            for d in directions {
                props.clear()
                props.name("\"segment\":"); props.text.append(string: d.segment)
                props.name("\"road\":"); props.text.append(string: road.id)
                props.name("\"name\":"); props.text.append(string: road.name)
                props.name("\"from\":"); props.text.append(string: d.from)
                props.name("\"to\":"); props.text.append(string: d.to)
                props.name("\"lanes\":"); props.text.append(integer: d.lanes)
                let approach = arrives[d.segment]
                let approachKey = approach.map { $0.junction + "|" + $0.approach }
                props.name("\"junction\":"); props.text.append(string: approach?.junction)
                props.name("\"approach\":"); props.text.append(string: approach?.approach)
                for (i, n) in names.enumerated() {
                    let r = roadRows[i][d.segment]
                    props.name(n[0]); props.text.append(json: r?.flowVehH)
                    props.name(n[1]); props.text.append(json: r?.maxQueueVeh)
                    props.name(n[2]); props.text.append(json: r?.maxQueueM)
                    props.name(n[3]); props.text.append(json: r?.meanTravelTimeS.map { max(0, $0 - r!.freeFlowTimeS) })
                    props.name(n[4]); props.text.append(json: r?.meanSpeedKmh)
                    let ar = approachKey.flatMap { approachRows[i][$0] }
                    props.name(n[5]); props.text.append(json: ar?.degreeOfSaturation)
                    props.name(n[6]); props.text.append(json: ar?.controlDelayS)
                    props.name(n[7]); props.text.append(string: ar?.los)
                }
                features.open()
                features.text.append("{\"type\":\"LineString\",\"coordinates\":[")
                for (i, c) in d.line.enumerated() {
                    if i > 0 { features.text.append(byte: UInt8(ascii: ",")) }
                    features.text.append(position: c)
                }
                features.text.append("]}")
                features.close(props)
            }
        }
        return collection(tables, features)
    }

    static func junctionsText(_ tables: ResultTables) -> TextBytes {
        let data = ReportData(tables: tables, language: "en")
        let columns = columns(data)
        let services = columns.map { data.junctionService($0.strategy, at: $0.point) }
        let names = columns.map { c in
            ["delay_s", "los", "vc", "max_queue_veh", "throughput_veh"].map { Properties.quotedName(c.prefix + $0) }
        }
        var features = Features()
        var props = Properties()
        for j in tables.mapJunctions {
            props.clear()
            props.name("\"id\":"); props.text.append(string: j.id)
            props.name("\"name\":"); props.text.append(string: j.name)
            props.name("\"control\":"); props.text.append(string: j.control)
            props.name("\"label\":"); props.text.append(string: ReportMap.shortLabel(j))
            if j.isSignalised {
                for (n, service) in zip(names, services) {
                    let s = service[j.id]
                    let approaches = s?.approaches ?? []
                    props.name(n[0]); props.text.append(json: s?.delayS)
                    props.name(n[1]); props.text.append(string: s?.los)
                    props.name(n[2]); props.text.append(json: approaches.compactMap(\.degreeOfSaturation).max())
                    props.name(n[3]); props.text.append(json: approaches.map(\.maxQueueVeh).max())
                    props.name(n[4]); props.text.append(json: s == nil ? nil : approaches.map(\.throughputVeh).reduce(0, +))
                }
            }
            features.open()
            features.text.append("{\"type\":\"Point\",\"coordinates\":")
            features.text.append(position: j.at)
            features.text.append("}")
            features.close(props)
        }
        return collection(tables, features)
    }

    // MARK: Text

    static func collection(_ tables: ResultTables, _ features: Features) -> TextBytes {
        var out = TextBytes(capacity: features.text.count + 256)
        out.append("{\"type\":\"FeatureCollection\",\"name\":")
        out.append(string: tables.meta.scenarioID)
        // The map's own attribution (© OpenStreetMap contributors for an imported map).
        out.append(",\"attribution\":")
        out.append(string: tables.meta.mapAttribution)
        out.append(",\"features\":[\n")
        out.append(features.text)
        out.append("\n]}\n")
        return out
    }

    /// A feature's properties as JSON members (`"name":value`, comma-separated), appended to
    /// one text instead of kept as pairs and joined.
    struct Properties {
        var text = TextBytes(capacity: 1024)
        /// `"name":` for `name(_:)`.
        static func quotedName(_ s: String) -> String { string(s) + ":" }
        /// Starts a member: `quotedName` is `"name":`; its JSON value is appended to `text` next.
        mutating func name(_ quotedName: String) {
            if !text.isEmpty { text.append(byte: UInt8(ascii: ",")) }
            text.append(quotedName)
        }
        mutating func name(_ quotedName: StaticString) {
            if !text.isEmpty { text.append(byte: UInt8(ascii: ",")) }
            text.append(quotedName)
        }
        /// Empties the text, keeping its storage for the next feature.
        mutating func clear() { text.bytes.removeAll(keepingCapacity: true) }
    }

    /// The features of a collection, one per line, separated by commas: `open()`, the
    /// geometry's JSON appended to `text`, then `close(_:)` with the properties.
    struct Features {
        var text = TextBytes(capacity: 1 << 16)
        mutating func open() {
            if !text.isEmpty { text.append(",\n") }
            text.append("{\"type\":\"Feature\",\"geometry\":")
        }
        mutating func close(_ props: Properties) {
            text.append(",\"properties\":{")
            text.append(props.text)
            text.append("}}")
        }
    }

    /// `[lon,lat]` with 7 decimals (about 1 cm).
    static func position(_ c: MapCoordinate) -> String {
        var t = TextBytes()
        t.append(position: c)
        return t.string
    }

    /// `x` as `%.7f` prints it, trailing zeros and a trailing point removed, `-0` as `0`.
    static func fixed(_ x: Double) -> String {
        var t = TextBytes()
        t.append(fixed: x)
        return t.string
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
        var t = TextBytes()
        t.append(json: x)
        return t.string
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func string(_ s: String) -> String {
        var t = TextBytes()
        t.append(string: s)
        return t.string
    }
}

extension TextBytes {
    /// `[lon,lat]` with 7 decimals.
    mutating func append(position c: MapCoordinate) {
        append(byte: UInt8(ascii: "["))
        append(fixed: c.longitude)
        append(byte: UInt8(ascii: ","))
        append(fixed: c.latitude)
        append(byte: UInt8(ascii: "]"))
    }

    /// `x` as `%.7f` prints it, trailing zeros and a trailing point removed, `-0` as `0`.
    mutating func append(fixed x: Double) {
        guard let q = GeoJSONExport.sevenDecimals(x) else {
            var t = String(format: "%.7f", x)
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
            append(t == "-0" ? "0" : t)
            return
        }
        guard q.units != 0 else { append(byte: UInt8(ascii: "0")); return }
        let whole = q.units / 10_000_000
        var fraction = q.units % 10_000_000
        if q.negative { append(byte: UInt8(ascii: "-")) }
        append(unsigned: UInt(whole))
        if fraction != 0 {
            var places = 7
            while fraction % 10 == 0 { fraction /= 10; places -= 1 }
            append(byte: UInt8(ascii: "."))
            // The fraction's digits with their leading zeros.
            let start = bytes.count
            for _ in 0..<places { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)); fraction /= 10 }
            var i = start, j = bytes.count - 1
            while i < j { bytes.swapAt(i, j); i += 1; j -= 1 }
        }
    }

    /// A JSON number in the CSV format (`NumberFormat`), `null` when missing or not finite.
    mutating func append(json x: Double?) {
        guard let x, x.isFinite else { append("null"); return }
        append(number: x)
    }

    /// A JSON string, `null` when missing.
    mutating func append(string s: String?) {
        guard let s else { append("null"); return }
        append(string: s)
    }

    /// A JSON string: quotes, backslashes and control characters escaped, and U+2028 and
    /// U+2029 (which JavaScript reads as line ends).
    mutating func append(string s: String) {
        var s = s
        s.withUTF8 { utf8 in
            // Most texts have nothing to escape (every byte from 0x20 on but a quote or a
            // backslash, and no U+2028 or U+2029, E2 80 A8/A9): copied as they are.
            var plain = true
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\")
                    || b == 0xE2 && i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9) {
                    plain = false
                    break
                }
                i += 1
            }
            append(byte: UInt8(ascii: "\""))
            if plain {
                bytes.append(contentsOf: utf8)
                append(byte: UInt8(ascii: "\""))
                return
            }
            for u in String(decoding: utf8, as: UTF8.self).unicodeScalars {
                switch u {
                case "\"": append("\\\"")
                case "\\": append("\\\\")
                case "\n": append("\\n")
                case "\r": append("\\r")
                case "\t": append("\\t")
                default:
                    if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                        append(String(format: "\\u%04x", u.value))
                    } else {
                        bytes.append(contentsOf: String(u).utf8)
                    }
                }
            }
            append(byte: UInt8(ascii: "\""))
        }
    }
}
