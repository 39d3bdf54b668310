public import Foundation
public import NgaTuCore

/// A map file read into a `MapSpec`, with the table that places its values in the file.
public struct MapDocument: Sendable, Equatable {
    public var spec: MapSpec
    public var sourceMap: SourceMap
    /// The optional `background:` layer (surrounding streets, drawn under the report's maps):
    /// polylines in WGS84, empty when the map names none. Not part of the network.
    public var background: [[LatLon]]
    public init(spec: MapSpec, sourceMap: SourceMap, background: [[LatLon]] = []) {
        self.spec = spec; self.sourceMap = sourceMap; self.background = background
    }
}

/// Reads map files (formats.md, "Map file"): YAML text → `MapSpec`.
///
/// Besides types, units and keys it checks what needs only the file itself: duplicate ids,
/// roads naming unknown junctions, plans for unknown or unsignalised junctions, and plans whose
/// greens and intergreens do not add up to the cycle. Geometry, approaches, conflicts and
/// reachability are the core's (`NetworkBuilder`); turn its `SpecError` into a place in the file
/// with `sourceMap.inputError(for:)`.
public enum MapReader {
    static let topKeys = ["map", "title", "attribution", "background", "junctions", "roads", "signals"]
    static let junctionKeys = ["id", "name", "at", "control", "banned", "right_on_red"]
    static let roadKeys = ["id", "name", "from", "to", "lanes", "width", "speed", "oneway", "length",
                           "shape", "saturation_flow", "left_bay"]
    static let planKeys = ["cycle", "offset", "yellow", "all_red", "phases", "estimate"]
    static let phaseKeys = ["name", "green", "allow", "yellow", "all_red"]

    /// The largest map file read (and the largest `import-osm` writes): one limit for both.
    public static var maxFileBytes: Int { YAMLLoader.maxBytes }

    /// Reads and parses the map file at `path`; errors name the file as `path` is written.
    public static func read(file path: String) throws(InputError) -> MapDocument {
        try parse(YAMLLoader.readFile(path, displayName: path), file: path)
    }

    /// Parses a map from text; `file` is the name errors give.
    public static func parse(_ text: String, file: String) throws(InputError) -> MapDocument {
        try parse(Data(text.utf8), file: file)
    }

    /// Parses a map from the bytes of a file; `file` is the name errors give.
    public static func parse(_ data: Data, file: String) throws(InputError) -> MapDocument {
        let (_, root) = try YAMLLoader.load(data, file: file)
        let context = WalkContext(file: file)
        let top = YValue.root(root, context: context)
        let spec = try readMap(top)
        var background: [[LatLon]] = []
        if let value = try top.mapping(allowed: topKeys)["background"] {
            let name = try value.text("a GeoJSON file of streets, relative to the map file")
            // Relative to the map file, named in errors as the map file is named.
            let directory = (file as NSString).deletingLastPathComponent
            let path = name.hasPrefix("/") || directory.isEmpty ? name : directory + "/" + name
            do { background = try BackgroundReader.read(file: path) } catch { throw value.error(error.message) }
        }
        return MapDocument(spec: spec, sourceMap: context.sourceMap, background: background)
    }

    static func readMap(_ root: YValue) throws(InputError) -> MapSpec {
        let top = try root.anyMapping("a map file (a mapping with `map:`, `junctions:` and `roads:`)")
        if top.has("scenario") {
            throw root.error("this is a scenario file (it has `scenario:`), but a map file was expected")
        }
        let m = try root.mapping(allowed: topKeys)
        var spec = MapSpec(id: try m.required("map", "the map's id, e.g. `map: ninh-kieu-centre`").identifier("a map id"))
        spec.title = try m["title"]?.text() ?? ""
        spec.attribution = try m["attribution"]?.text() ?? ""

        var junctionAt: [String: Int] = [:]
        for item in try m.required("junctions").list("a list of junctions") {
            let j = try readJunction(item)
            if let first = junctionAt[j.id] {
                throw item.error("duplicate junction id \"\(j.id)\" (first used by junctions[\(first)])",
                                 path: item.path.key("id"))
            }
            junctionAt[j.id] = spec.junctions.count
            spec.junctions.append(j)
        }

        var roadAt: [String: Int] = [:]
        for item in try m.required("roads").list("a list of roads") {
            let r = try readRoad(item)
            if let first = roadAt[r.id] {
                throw item.error("duplicate road id \"\(r.id)\" (first used by roads[\(first)])", path: item.path.key("id"))
            }
            for (end, id) in [("from", r.from), ("to", r.to)] where junctionAt[id] == nil {
                var message = "unknown junction \"\(Echo.excerpt(id))\""
                if let guess = Suggest.closest(to: id, among: spec.junctions.map(\.id)) { message += "; did you mean `\(guess)`?" }
                throw item.error(message, path: item.path.key(end))
            }
            if r.from == r.to {
                throw item.error("a road must join two different junctions (from and to are both \"\(r.from)\")",
                                 path: item.path.key("to"))
            }
            roadAt[r.id] = spec.roads.count
            spec.roads.append(r)
        }

        if let signals = m["signals"] {
            for entry in try signals.anyMapping("a mapping from junction id to its plan").entries {
                guard let j = junctionAt[entry.key] else {
                    var message = "plan for unknown junction \"\(Echo.excerpt(entry.key))\""
                    if let guess = Suggest.closest(to: entry.key, among: spec.junctions.map(\.id)) {
                        message += "; did you mean `\(guess)`?"
                    }
                    throw InputError(file: root.context.file, at: entry.keyLocation, path: entry.value.path, message: message)
                }
                guard spec.junctions[j].control == .signal else {
                    throw InputError(file: root.context.file, at: entry.keyLocation, path: entry.value.path,
                                     message: "junction \"\(entry.key)\" has a plan but its control is \(spec.junctions[j].control.rawValue), not signal")
                }
                spec.signals.append(try readPlan(entry.value, junction: entry.key))
            }
        }
        return spec
    }

    static func readJunction(_ v: YValue) throws(InputError) -> JunctionSpec {
        let m = try v.mapping("a junction (a mapping with `id`, `at`, `control`)", allowed: junctionKeys)
        let id = try m.required("id").identifier("a junction id")
        let at = try readLatLon(m.required("at"))
        let controlNames = JunctionControl.allCases.map(\.rawValue)
        let control = JunctionControl(rawValue: try m.required("control", controlNames.joined(separator: " | ")).choice(controlNames))!
        var j = JunctionSpec(id: id, at: at, control: control)
        j.name = try m["name"]?.text() ?? ""
        j.banned = try m["banned"]?.textList("a list of movements such as [N:left, S:left]") ?? []
        if let ror = m["right_on_red"] {
            let what = "a mapping from approach to the vehicle classes that may turn right on red, such as {S: [motorbike, bicycle]}"
            for e in try ror.anyMapping(what).entries {
                let items = try e.value.list("a list of vehicle classes such as [motorbike, bicycle]")
                guard !items.isEmpty else { throw e.value.error("name at least one vehicle class, such as [motorbike, bicycle]") }
                var classes: [String] = []
                for item in items { classes.append(try item.identifier("a vehicle class")) }
                j.rightOnRed.append(RightOnRedSpec(approach: e.key, classes: classes))
            }
        }
        return j
    }

    static func readLatLon(_ v: YValue) throws(InputError) -> LatLon {
        let items = try v.list("[latitude, longitude]")
        guard items.count == 2 else {
            throw v.error("expected [latitude, longitude], got a list of \(items.count)")
        }
        let lat = try items[0].number(.any, "latitude"), lon = try items[1].number(.any, "longitude")
        guard abs(lat) <= 90 else { throw items[0].error("latitude must be between -90 and 90, got \(formatNumber(lat))") }
        guard abs(lon) <= 180 else { throw items[1].error("longitude must be between -180 and 180, got \(formatNumber(lon))") }
        return LatLon(lat, lon)
    }

    static func readRoad(_ v: YValue) throws(InputError) -> RoadSpec {
        let m = try v.mapping("a road (a mapping with `id`, `from`, `to`)", allowed: roadKeys)
        var r = RoadSpec(id: try m.required("id").identifier("a road id"),
                         from: try m.required("from").identifier("a junction id"),
                         to: try m.required("to").identifier("a junction id"))
        r.name = try m["name"]?.text() ?? ""
        r.oneway = try m["oneway"]?.bool() ?? false
        if let lanes = m["lanes"] {
            if case .mapping = lanes.node {
                let lm = try lanes.mapping(allowed: ["forward", "backward"])
                r.lanesForward = try lm.required("forward").integer(min: 1, max: 16, "lanes")
                r.lanesBackward = try lm["backward"]?.integer(min: r.oneway ? 0 : 1, max: 16, "lanes") ?? (r.oneway ? 0 : r.lanesForward)
                if r.oneway, r.lanesBackward > 0 {
                    throw lm["backward"]!.error("a oneway road has no backward lanes; drop `backward` or set `oneway: false`")
                }
            } else {
                let n = try lanes.integer(min: 1, max: 16, "lanes")
                r.lanesForward = n
                r.lanesBackward = r.oneway ? 0 : n
            }
        } else {
            r.lanesBackward = r.oneway ? 0 : 1
        }
        r.widthM = try m["width"]?.quantity(.length, .positive, "width")
        r.speedKmh = try m["speed"]?.quantity(.speed, .positive, "speed") ?? 40
        r.lengthM = try m["length"]?.quantity(.length, .positive, "length")
        if let shape = m["shape"] {
            r.shape = []
            for point in try shape.list("a list of [latitude, longitude] points") { r.shape.append(try readLatLon(point)) }
            if r.shape.count == 1 { throw shape.error("a shape needs at least two points") }
        }
        r.saturationFlow = try m["saturation_flow"]?.quantity(.flow, .positive, "saturation flow")
        if let bay = m["left_bay"] {
            // `left_bay: false` (both directions) or `{forward: false, backward: true}`, like `lanes`.
            if case .mapping = bay.node {
                let bm = try bay.mapping(allowed: ["forward", "backward"])
                if bm.entries.isEmpty { throw bay.error("give `forward`, `backward` or both, such as {forward: false}") }
                r.leftBayForward = try bm["forward"]?.bool() ?? true
                r.leftBayBackward = try bm["backward"]?.bool() ?? true
                if r.oneway, let b = bm["backward"] {
                    throw b.error("a oneway road has no backward approach; drop `backward` or set `oneway: false`")
                }
            } else {
                let b = try bay.bool()
                r.leftBayForward = b
                r.leftBayBackward = b
            }
        }
        return r
    }

    static func readPlan(_ v: YValue, junction: String) throws(InputError) -> SignalPlanSpec {
        let m = try v.mapping("a signal plan (a mapping with `cycle` and `phases`)", allowed: planKeys)
        let yellow = try m["yellow"]?.quantity(.time, .nonNegative, "yellow") ?? 3
        let allRed = try m["all_red"]?.quantity(.time, .nonNegative, "all-red") ?? 2
        let offset = try m["offset"]?.quantity(.time, .nonNegative, "offset") ?? 0
        var phases: [PhaseSpec] = []
        let phaseItems = try m.required("phases").list("a list of phases")
        guard !phaseItems.isEmpty else { throw m["phases"]!.error("a plan needs at least one phase") }
        var total = 0.0
        var terms: [String] = []
        for item in phaseItems {
            let pm = try item.mapping("a phase (a mapping with `green` and `allow`)", allowed: phaseKeys)
            var p = PhaseSpec(green: try pm.required("green").quantity(.time, .positive, "green"), allow: [])
            p.name = try pm["name"]?.text() ?? ""
            let allow = try pm.required("allow", "approaches or movements such as [N, S] or [E:left]")
            p.allow = try allow.textList("a list of approaches or movements such as [N, S:left]")
            if p.allow.isEmpty { throw allow.error("a phase must allow at least one approach or movement") }
            p.yellow = try pm["yellow"]?.quantity(.time, .nonNegative, "yellow")
            p.allRed = try pm["all_red"]?.quantity(.time, .nonNegative, "all-red")
            let intergreen = (p.yellow ?? yellow) + (p.allRed ?? allRed)
            total += p.green + intergreen
            terms.append("\(formatNumber(p.green)) + \(formatNumber(intergreen))")
            phases.append(p)
        }
        let cycle: Double
        if let c = m["cycle"] {
            cycle = try c.quantity(.time, .positive, "cycle")
            if abs(cycle - total) > 1e-6 {
                throw c.error("cycle is \(formatNumber(cycle)) s but greens and intergreens add up to \(formatNumber(total)) s (\(terms.joined(separator: " + ")))")
            }
        } else {
            cycle = total
        }
        if offset >= cycle, let o = m["offset"] {
            throw o.error("offset must be less than the cycle (\(formatNumber(cycle)) s), got \(o.described)")
        }
        let estimate = try m["estimate"]?.bool() ?? false
        return SignalPlanSpec(junction: junction, cycle: cycle, offset: offset, yellow: yellow, allRed: allRed,
                              phases: phases, estimate: estimate)
    }
}
