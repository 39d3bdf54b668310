public import Foundation
import NgaTuCore

/// A scenario file read into a `ScenarioSpec`, with its map and the tables that place values
/// of either file.
public struct ScenarioDocument: Sendable, Equatable {
    public var spec: ScenarioSpec
    /// Places values of the scenario file (`demand.flows[2]`, `strategies[1].params.gap`).
    public var sourceMap: SourceMap
    /// The map the scenario names, already read; its own source map places map paths.
    public var map: MapDocument
    /// Files the scenario reads besides itself and its map (`include:`, `demand.flows_file:`),
    /// in the order read, named as in messages.
    public var otherFiles: [String] = []
    public init(spec: ScenarioSpec, sourceMap: SourceMap, map: MapDocument, otherFiles: [String] = []) {
        self.spec = spec; self.sourceMap = sourceMap; self.map = map; self.otherFiles = otherFiles
    }
}

/// Reads scenario files (formats.md, "Scenario file") and the map each one names.
///
/// Checks types, units, keys and the references that need both files: flow ends that are
/// junctions of the map, `via` and event segments that exist, controlled junctions that are
/// signalised, the baseline naming a strategy, shares summing to 1, `duration > warmup`.
/// Routes and controller parameters are checked later by the core and the controllers; place
/// their `SpecError` with `sourceMap.inputError(for:)`.
public enum ScenarioReader {
    static let topKeys = ["scenario", "title", "title_vi", "map", "duration", "warmup", "replications", "seed", "vehicles",
                          "model", "demand", "strategies", "baseline", "junctions", "sweep", "events",
                          "sample_interval", "language", "sensitivity", "max_wait_warning", "start",
                          "variants", "baseline_variant", "calibration"]
    static let modelKeys = ["saturation_flow", "startup_lost_time", "green_extension", "jam_spacing",
                            "lane_width", "critical_gap", "stop_threshold", "min_green_floor",
                            "priority_junctions", "reroute_share"]
    /// Tolerance on shares summing to 1.
    static let shareTolerance = 1e-6
    /// The most replications a scenario (or `--replications`) may ask for.
    public static let maxReplications = 100_000

    /// Reads the scenario at `path` and the map it names (relative to the scenario's folder).
    public static func read(file path: String) throws(InputError) -> ScenarioDocument {
        try parse(YAMLLoader.readFile(path, displayName: path), file: path)
    }

    /// Parses a scenario from text; `file` is its name for errors and the folder its `map:` is
    /// relative to.
    public static func parse(_ text: String, file: String) throws(InputError) -> ScenarioDocument {
        try parse(Data(text.utf8), file: file)
    }

    public static func parse(_ data: Data, file: String) throws(InputError) -> ScenarioDocument {
        try parse(data, file: file) { (path: String) throws(InputError) -> MapDocument in try MapReader.read(file: path) }
    }

    /// Parses a scenario, getting its map from `loadMap` (given the map's path as it should
    /// appear in messages: the scenario's folder joined with `map:`).
    public static func parse(_ data: Data, file: String,
                             loadMap: (String) throws(InputError) -> MapDocument) throws(InputError) -> ScenarioDocument {
        let (text, root) = try YAMLLoader.load(data, file: file)
        let context = WalkContext(file: file)
        let r = YValue.root(root, context: context)
        let top = try r.anyMapping("a scenario file (a mapping with `scenario:`, `map:`, `duration:`)")
        if !top.has("scenario"), top.has("junctions") || top.has("roads") {
            throw r.error("this is a map file (it has `junctions:`/`roads:`), but a scenario file was expected")
        }
        let m = try r.mapping(allowed: topKeys)
        let id = try m.required("scenario", "the scenario's id, e.g. `scenario: ninh-kieu-am-peak`").identifier("a scenario id")
        let mapValue = try m.required("map", "the map file, relative to this file")
        let mapText = try mapValue.text("a path to a map file")
        let mapDisplay = Paths.join(Paths.directory(of: file), mapText)
        let map: MapDocument
        do {
            map = try loadMap(mapDisplay)
        } catch {
            if error.file == mapDisplay, error.line == 1, error.column == 1, error.path == nil,
               error.message == "no such file" || error.message.hasPrefix("is a ") || error.message.hasPrefix("is not a regular")
                || error.message.hasPrefix("cannot be read") {
                throw mapValue.error("cannot read map file \"\(Echo.excerpt(mapDisplay, limit: 200))\": \(error.message)")
            }
            throw error
        }
        var reader = Reader(m: m, map: map.spec, file: file)
        var spec = try reader.read(id: id, mapPath: Paths.absolute(mapDisplay))
        (spec.question, spec.questionVi) = questions(in: text)
        return ScenarioDocument(spec: spec, sourceMap: context.sourceMap, map: map, otherFiles: context.otherFiles)
    }

    /// The first paragraph of the file's leading comment (paragraphs end at a bare `#` line),
    /// without `#` and without a leading "Question:" label, joined with spaces: the question the
    /// scenario answers.
    public static func question(in text: String) -> String { questions(in: text).question }

    /// The question in the report's two languages, from the file's leading comment: the
    /// paragraph labelled "Câu hỏi:" is the Vietnamese one; the English (or only) one is the
    /// paragraph labelled "Question:", else the first paragraph. `vi` is nil unless a labelled
    /// Vietnamese paragraph differs from the question.
    public static func questions(in text: String) -> (question: String, vi: String?) {
        var paragraphs: [String] = []
        var parts: [String] = []
        func endParagraph() { if !parts.isEmpty { paragraphs.append(parts.joined(separator: " ")); parts = [] } }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = String(line).trimmingSpaces()
            if t.isEmpty { endParagraph(); continue }
            guard t.hasPrefix("#") else { break }
            let body = String(t.dropFirst()).trimmingSpaces()
            if body.isEmpty { endParagraph() } else { parts.append(body) }
        }
        endParagraph()
        func labelled(_ label: String) -> String? {
            paragraphs.first { $0.hasPrefix(label) }.map { String($0.dropFirst(label.count)).trimmingSpaces() }
        }
        let vi = labelled("Câu hỏi:")
        var question = labelled("Question:") ?? paragraphs.first ?? ""
        if question.hasPrefix("Câu hỏi:") { question = vi ?? "" }
        return (question, vi == question ? nil : vi)
    }

    /// The scenario's keys, read with the map at hand for references.
    struct Reader {
        let m: YMapping
        let map: MapSpec
        let file: String
        /// `start:` in seconds after midnight; clock times are read against it.
        var start: Double? = nil
        /// The run's duration, the latest a clock time may name.
        var duration: Double = 0

        init(m: YMapping, map: MapSpec, file: String) { self.m = m; self.map = map; self.file = file }

        mutating func read(id: String, mapPath: String) throws(InputError) -> ScenarioSpec {
            let duration = try m.required("duration", "e.g. `duration: 1 h`").quantity(.time, .positive, "duration")
            self.duration = duration
            if let s = m["start"] {
                guard let t = ClockTime.parse(try s.text("a clock time such as \"06:00\"")), t < 86_400 else {
                    throw s.error("expected a clock time from \"00:00\" to \"23:59:59\" such as \"06:00\", got \(s.described)")
                }
                start = t
            }
            let warmup = try m["warmup"].map { v throws(InputError) in try instant(v, "warm-up") } ?? 0
            if warmup >= duration {
                throw m["warmup"]!.error("warm-up (\(formatNumber(warmup)) s) must be shorter than the duration (\(formatNumber(duration)) s)")
            }
            var spec = ScenarioSpec(id: id, mapPath: mapPath, duration: duration, warmup: warmup)
            spec.start = start
            spec.title = try m["title"]?.text() ?? ""
            spec.titleVi = try m["title_vi"]?.text()
            spec.replications = try m["replications"]?.integer(min: 1, max: maxReplications, "replications") ?? 1
            if let s = m["seed"] {
                let t = try s.text("a whole number ≥ 0")
                // Results store seed + replication as a signed 64-bit integer (SQLite, CSV).
                let largest = UInt64(Int64.max) - UInt64(spec.replications - 1)
                guard let seed = UInt64(t.trimmingSpaces()), seed <= largest else {
                    throw s.error("the seed must be a whole number from 0 to \(largest), got \(s.described)")
                }
                spec.seed = seed
            }
            if let v = m["vehicles"] { spec.vehicles = try readVehicles(v) }
            if let v = m["model"] { spec.model = try readModel(v) }
            if let v = m["demand"] { spec.demand = try readDemand(v, classes: spec.vehicles.map(\.name)) }
            if let v = m["strategies"] {
                spec.strategies = try readStrategies(v)
            } else {
                spec.strategies = [StrategySpec(name: "fixed", controller: "fixed-time")]
            }
            spec.baseline = spec.strategies[0].name
            if let b = m["baseline"] {
                let name = try b.text("the name of a strategy")
                let names = spec.strategies.map(\.name)
                guard names.contains(name) else {
                    var message = "baseline \"\(Echo.excerpt(name))\" names no strategy (strategies: \(names.joined(separator: ", ")))"
                    if let guess = Suggest.closest(to: name, among: names) { message += "; did you mean `\(guess)`?" }
                    throw b.error(message)
                }
                spec.baseline = name
            }
            if let j = m["junctions"] { spec.controlledJunctions = try readJunctions(j) }
            if let e = m["events"] { spec.events = try readEvents(e, duration: duration) }
            if let s = m["sweep"] { spec.sweep = try readSweep(s, spec: spec) }
            if let s = m["sensitivity"] { spec.sensitivity = try readSensitivity(s, classes: spec.vehicles) }
            if let v = m["variants"] { spec.variants = try readVariants(v) }
            if let b = m["baseline_variant"] {
                let name = try b.text("the name of a variant")
                let names = spec.variants.map(\.name)
                guard !names.isEmpty else { throw b.error("`baseline_variant` needs a `variants:` list") }
                guard let i = names.firstIndex(of: name) else {
                    var message = "baseline_variant \"\(Echo.excerpt(name))\" names no variant (variants: \(names.joined(separator: ", ")))"
                    if let guess = Suggest.closest(to: name, among: names) { message += "; did you mean `\(guess)`?" }
                    throw b.error(message)
                }
                spec.baselineVariant = i
            }
            if let c = m["calibration"] {
                let name = try c.text("a counts file (CSV), relative to this file")
                spec.calibrationCounts = Paths.join(Paths.directory(of: c.file), name)
            }
            spec.sampleInterval = try m["sample_interval"]?.quantity(.time, .positive, "sample interval") ?? 60
            if spec.sampleInterval < 1 {
                throw m["sample_interval"]!.error("sample interval must be at least 1 s, got \(formatNumber(spec.sampleInterval)) s")
            }
            spec.language = try m["language"]?.choice(["vi", "en"]) ?? "vi"
            if let w = m["max_wait_warning"] {
                spec.maxWaitWarning = try w.quantity(.time, .positive, "longest wait before a warning")
            }
            return spec
        }

        /// A point in time: seconds from the start (`20 min`), or with `start:` a clock time
        /// (`"06:20"`), which must fall within the run (a time before `start` is the next day).
        func instant(_ v: YValue, _ noun: String) throws(InputError) -> Double {
            guard case .scalar(let sc) = v.node, sc.string.contains(":") else {
                return try v.quantity(.time, .nonNegative, noun)
            }
            guard let clock = ClockTime.parse(sc.string) else {
                throw v.error("\(v.described) is not a clock time: write HH:MM or HH:MM:SS, hours 00–24, minutes and seconds 00–59 (or a time from the start such as `20 min`)")
            }
            guard let start else {
                throw v.error("\(v.described) is a clock time; give the clock time of time 0 with `start:` (e.g. `start: \"06:00\"`) or write the time from the start (e.g. `20 min`)")
            }
            var t = clock - start
            if t < 0 { t += 86_400 }
            guard t <= duration else {
                throw v.error("\(noun) \(v.described) is \(formatNumber(t / 60)) min after the start (\(ClockTime.text(start))), past the end of the run (\(ClockTime.text(start + duration)))")
            }
            return t
        }

        func readShare(_ v: YValue) throws(InputError) -> Double {
            let x = try v.number(.nonNegative, "a share")
            guard x <= 1 else { throw v.error("a share must be between 0 and 1, got \(v.described)") }
            return x
        }

        func checkSum(_ shares: [Double], _ v: YValue, _ what: String) throws(InputError) {
            let sum = shares.reduce(0, +)
            guard abs(sum - 1) <= shareTolerance else {
                throw v.error("\(what) add up to \(formatNumber(sum)), not 1")
            }
        }

        func readVehicles(_ v: YValue) throws(InputError) -> [VehicleClass] {
            let vm = try v.anyMapping("a mapping from vehicle class to {share, pcu}")
            guard !vm.entries.isEmpty else { throw v.error("the mix needs at least one vehicle class") }
            var out: [VehicleClass] = []
            for e in vm.entries {
                guard YValue.isIdentifier(e.key) else {
                    throw InputError(file: e.value.file, at: e.keyLocation, path: e.value.path,
                                     message: "a vehicle class name may use only lower-case letters, digits and '-', got \"\(Echo.excerpt(e.key))\"")
                }
                let cm = try e.value.mapping("{share, pcu}", allowed: ["share", "pcu"])
                let share = try readShare(cm.required("share"))
                let pcu = try cm.required("pcu", "passenger-car units").number(.positive, "pcu", within: 0.05...10)
                out.append(VehicleClass(name: e.key, share: share, pcu: pcu))
            }
            try checkSum(out.map(\.share), v, "vehicle shares")
            return out
        }

        func readModel(_ v: YValue) throws(InputError) -> ModelParameters {
            let mm = try v.mapping("a mapping of model parameters", allowed: modelKeys)
            var p = ModelParameters()
            if let x = mm["saturation_flow"] { p.saturationFlow = try x.quantity(.flow, .positive, "saturation flow") }
            if let x = mm["startup_lost_time"] { p.startupLostTime = try x.quantity(.time, .nonNegative, "start-up lost time") }
            if let x = mm["green_extension"] { p.greenExtension = try x.quantity(.time, .nonNegative, "green extension") }
            if let x = mm["jam_spacing"] { p.jamSpacing = try x.quantity(.length, .positive, "jam spacing") }
            if let x = mm["lane_width"] { p.laneWidth = try x.quantity(.length, .positive, "lane width") }
            if let x = mm["critical_gap"] { p.criticalGap = try x.quantity(.time, .positive, "critical gap") }
            if let x = mm["stop_threshold"] { p.stopThreshold = try x.quantity(.time, .nonNegative, "stop threshold") }
            if let x = mm["min_green_floor"] { p.minGreenFloor = try x.quantity(.time, .positive, "minimum green") }
            if let x = mm["reroute_share"] { p.rerouteShare = try x.number(.nonNegative, "the reroute share", within: 0...1) }
            if let x = mm["priority_junctions"] {
                p.priorityJunctions = PriorityRule(rawValue: try x.choice(PriorityRule.allCases.map(\.rawValue)))!
            }
            return p
        }

        /// A trip end: a boundary junction, or any other junction standing for the side streets
        /// of its zone (formats.md extension: trips that start and end inside the map).
        func tripEnd(_ v: YValue) throws(InputError) -> String {
            let id = try v.text("a junction id")
            guard map.junctions.contains(where: { $0.id == id }) else {
                var message = "unknown junction \"\(Echo.excerpt(id))\" (not in map \(map.id))"
                if let guess = Suggest.closest(to: id, among: map.junctions.map(\.id)) { message += "; did you mean `\(guess)`?" }
                throw v.error(message)
            }
            return id
        }

        /// A segment: `d304-1` (a road id names its forward direction) or `d304-1~r`.
        func segment(_ v: YValue) throws(InputError) -> String {
            let s = try v.text("a road or segment id such as \"d304-1\" or \"d304-1~r\"")
            let reversed = s.hasSuffix("~r")
            let roadID = reversed ? String(s.dropLast(2)) : s
            guard let road = map.roads.first(where: { $0.id == roadID }) else {
                var message = "unknown road \"\(Echo.excerpt(roadID))\" (not in map \(map.id))"
                if let guess = Suggest.closest(to: roadID, among: map.roads.map(\.id)) { message += "; did you mean `\(guess)`?" }
                throw v.error(message)
            }
            if reversed, road.oneway {
                throw v.error("road \"\(roadID)\" is oneway, so it has no reverse segment \"\(s)\"")
            }
            return s
        }

        func readDemand(_ v: YValue, classes: [String]) throws(InputError) -> DemandSpec {
            let dm = try v.mapping("a mapping with `flows`", allowed: ["arrivals", "flows", "flows_file", "profile"])
            var d = DemandSpec()
            if let a = dm["arrivals"] {
                d.arrivals = ArrivalProcess(rawValue: try a.choice(ArrivalProcess.allCases.map(\.rawValue)))!
            }
            for item in try dm["flows"]?.list("a list of flows") ?? [] {
                let fm = try item.mapping("a flow {from, to, rate}", allowed: ["from", "to", "rate", "mix", "via"])
                let fromV = try fm.required("from"), toV = try fm.required("to")
                let from = try tripEnd(fromV), to = try tripEnd(toV)
                if from == to { throw toV.error("a flow must go between two different junctions (from and to are both \"\(from)\")") }
                let rateV = try fm.required("rate", "e.g. `rate: 900 veh/h`")
                // PCU per hour depend on the mix; read as vehicles they would be silently wrong.
                if case .scalar(let t) = rateV.node, t.string.lowercased().contains("pcu") {
                    throw rateV.error("a demand rate counts vehicles (veh/h, veh/min or veh/s), not PCU, got \(rateV.described)")
                }
                var f = FlowSpec(from: from, to: to, rate: try rateV.quantity(.flow, .nonNegative, "a rate"))
                if let mixV = fm["mix"] {
                    var mix: [(name: String, share: Double)] = []
                    let mm = try mixV.anyMapping("a mapping from vehicle class to share")
                    for e in mm.entries {
                        guard classes.contains(e.key) else {
                            var message = "unknown vehicle class \"\(Echo.excerpt(e.key))\" (classes: \(classes.joined(separator: ", ")))"
                            if let guess = Suggest.closest(to: e.key, among: classes) { message += "; did you mean `\(guess)`?" }
                            throw InputError(file: e.value.file, at: e.keyLocation, path: e.value.path, message: message)
                        }
                        mix.append((e.key, try readShare(e.value)))
                    }
                    guard !mix.isEmpty else { throw mixV.error("a mix needs at least one vehicle class") }
                    try checkSum(mix.map(\.share), mixV, "the shares of this mix")
                    f.mix = mix
                }
                if let viaV = fm["via"] {
                    var via: [String] = []
                    for s in try viaV.list("a list of segment ids") { via.append(try segment(s)) }
                    f.via = via
                }
                d.flows.append(f)
            }
            if let fv = dm["flows_file"] {
                try d.flows += readFlowsFile(fv, classes: classes, first: d.flows.count)
            }
            if let p = dm["profile"] {
                var last: Double?
                for point in try p.list("a list of [time, factor] pairs") {
                    let pair = try point.list("a [time, factor] pair such as [30 min, 1.2]")
                    guard pair.count == 2 else { throw point.error("expected a [time, factor] pair, got a list of \(pair.count)") }
                    let t = try instant(pair[0], "a profile time")
                    let f = try pair[1].number(.nonNegative, "a profile factor", within: 0...100)
                    if let last, t <= last {
                        throw pair[0].error("profile times must increase: \(formatNumber(t)) s comes after \(formatNumber(last)) s")
                    }
                    last = t
                    d.profile.append((t, f))
                }
            }
            return d
        }

        /// `flows_file: demand/x.csv`: flows as CSV rows `from,to,rate` with optional columns
        /// named by vehicle class (the row's mix; all empty: the scenario's mix) and `via`
        /// (segment ids separated by `;`). They follow the inline flows, numbered on from
        /// `first`; errors name the CSV file, line and column.
        func readFlowsFile(_ v: YValue, classes: [String], first: Int) throws(InputError) -> [FlowSpec] {
            let name = try v.text("a CSV file name, relative to this file")
            let target = Paths.join(Paths.directory(of: v.file), name)
            let data: Data
            do { data = try YAMLLoader.readFile(target, displayName: target) } catch {
                throw v.error("cannot read flows file \"\(Echo.excerpt(target, limit: 200))\": \(error.message)")
            }
            v.context.read(target)
            let table = try CSVCells.parse(data, file: target)
            func fail(_ at: CSVCells.Cell, _ message: String) -> InputError {
                InputError(file: target, line: at.line, column: at.column, path: nil, message: message)
            }
            guard let header = table.first else { throw InputError(file: target, line: 1, column: 1, path: nil, message: "the flows file is empty; expected a header `from,to,rate`") }
            let names = header.map(\.text)
            for (i, want) in ["from", "to", "rate"].enumerated() where names.count <= i || names[i] != want {
                throw fail(i < header.count ? header[i] : header[header.count - 1],
                           "the header must start `from,to,rate`, got `\(names.joined(separator: ","))`")
            }
            var mixColumns: [(index: Int, name: String)] = []
            var viaColumn: Int?
            for (i, cell) in header.enumerated().dropFirst(3) {
                if cell.text == "via", viaColumn == nil { viaColumn = i; continue }
                guard classes.contains(cell.text) else {
                    var message = "unknown column `\(Echo.excerpt(cell.text))`: after from,to,rate come vehicle classes (\(classes.joined(separator: ", "))) and `via`"
                    if let guess = Suggest.closest(to: cell.text, among: classes + ["via"]) { message += "; did you mean `\(guess)`?" }
                    throw fail(cell, message)
                }
                if mixColumns.contains(where: { $0.name == cell.text }) { throw fail(cell, "column `\(cell.text)` appears twice") }
                mixColumns.append((i, cell.text))
            }
            var out: [FlowSpec] = []
            for row in table.dropFirst() {
                guard row.count == header.count else {
                    throw fail(row[row.count - 1], "this row has \(row.count) cells, the header \(header.count)")
                }
                func junction(_ c: CSVCells.Cell) throws(InputError) -> String {
                    guard map.junctions.contains(where: { $0.id == c.text }) else {
                        var message = "unknown junction \"\(Echo.excerpt(c.text))\" (not in map \(map.id))"
                        if let guess = Suggest.closest(to: c.text, among: map.junctions.map(\.id)) { message += "; did you mean `\(guess)`?" }
                        throw fail(c, message)
                    }
                    return c.text
                }
                let from = try junction(row[0]), to = try junction(row[1])
                if from == to { throw fail(row[1], "a flow must go between two different junctions (from and to are both \"\(from)\")") }
                let rateText = row[2].text
                let rate: Double
                switch QuantityText(rateText) {
                case .number(let x) where x.isFinite && x >= 0 && x <= QuantityDimension.flow.largest: rate = x
                case .quantity(let x, .flow) where x.isFinite && x >= 0 && x <= QuantityDimension.flow.largest
                    && !rateText.lowercased().contains("pcu"): rate = x
                default:
                    throw fail(row[2], "expected a rate in vehicles such as 900 or \"900 veh/h\" (0 to \(formatNumber(QuantityDimension.flow.largest)) veh/h), got \"\(Echo.excerpt(rateText))\"")
                }
                var f = FlowSpec(from: from, to: to, rate: rate)
                var mix: [(name: String, share: Double)] = []
                for c in mixColumns where !row[c.index].text.isEmpty {
                    guard case .number(let x) = QuantityText(row[c.index].text), x >= 0, x <= 1 else {
                        throw fail(row[c.index], "a share must be a number between 0 and 1, got \"\(Echo.excerpt(row[c.index].text))\"")
                    }
                    mix.append((c.name, x))
                }
                if !mix.isEmpty {
                    let sum = mix.map(\.share).reduce(0, +)
                    guard abs(sum - 1) <= shareTolerance else {
                        throw fail(row[mixColumns[0].index], "the shares of this row's mix add up to \(formatNumber(sum)), not 1")
                    }
                    f.mix = mix
                }
                if let vc = viaColumn, !row[vc].text.isEmpty {
                    var via: [String] = []
                    for part in row[vc].text.split(separator: ";") {
                        let id = String(part).trimmingSpaces()
                        let roadID = id.hasSuffix("~r") ? String(id.dropLast(2)) : id
                        guard let road = map.roads.first(where: { $0.id == roadID }), !(id.hasSuffix("~r") && road.oneway) else {
                            throw fail(row[vc], "unknown segment \"\(Echo.excerpt(id))\" in via (not in map \(map.id))")
                        }
                        via.append(id)
                    }
                    f.via = via
                }
                // The core names flows by index: place each row for its later errors (routes).
                v.context.sourceMap.place((v.path.parent ?? .root).key("flows").index(first + out.count), in: target,
                                          at: SourceLocation(line: row[0].line, column: 1))
                out.append(f)
            }
            return out
        }

        func readStrategies(_ v: YValue) throws(InputError) -> [StrategySpec] {
            let items = try v.list("a list of strategies")
            guard !items.isEmpty else { throw v.error("a scenario needs at least one strategy") }
            var out: [StrategySpec] = []
            for item in items {
                let sm = try item.mapping("a strategy {name, controller, params}", allowed: ["name", "controller", "params"])
                let nameV = try sm.required("name")
                let name = try nameV.identifier("a strategy name")
                if let first = out.firstIndex(where: { $0.name == name }) {
                    throw nameV.error("duplicate strategy name \"\(name)\" (first used by strategies[\(first)])")
                }
                var s = StrategySpec(name: name, controller: try sm.required("controller", "e.g. `controller: actuated`").identifier("a controller name"))
                if let pv = sm["params"] {
                    for e in try pv.anyMapping("a mapping of controller parameters").entries {
                        s.params.append(try readParam(e.key, e.value))
                    }
                }
                out.append(s)
            }
            return out
        }

        func readParam(_ key: String, _ v: YValue) throws(InputError) -> StrategyParam {
            switch v.node {
            case .sequence:
                return StrategyParam(key: key, value: .list(try v.textList("a list")), path: v.path)
            case .mapping, .alias:
                throw v.error("expected a number, a quantity such as \"7 s\", or text, got \(v.described)")
            case .scalar:
                let t = try v.text()
                switch QuantityText(t) {
                case .number:
                    return StrategyParam(key: key, value: .number(try v.number(.any, key)), path: v.path)
                case .quantity(_, let dim):
                    return StrategyParam(key: key, value: .number(try v.quantity(dim, .nonNegative, key)), dimension: dim.rawValue, path: v.path)
                case .unknownUnit(_, let unit):
                    throw v.error("unknown unit \"\(unit)\" in \(v.described); units are s, min, h, m, km, km/h, veh/h, veh/min")
                case .notANumber:
                    return StrategyParam(key: key, value: .text(t), path: v.path)
                }
            }
        }

        func readJunctions(_ v: YValue) throws(InputError) -> [String]? {
            if case .scalar = v.node {
                _ = try v.choice(["all"])
                return nil
            }
            var ids: [String] = []
            for item in try v.list("`all` or a list of junction ids") {
                let id = try item.text("a junction id")
                guard let j = map.junctions.first(where: { $0.id == id }) else {
                    var message = "unknown junction \"\(Echo.excerpt(id))\" (not in map \(map.id))"
                    let signals = map.junctions.filter { $0.control == .signal }.map(\.id)
                    if let guess = Suggest.closest(to: id, among: signals) { message += "; did you mean `\(guess)`?" }
                    throw item.error(message)
                }
                guard j.control == .signal else {
                    throw item.error("junction \"\(id)\" is not signalised (its control is \(j.control.rawValue)); strategies control signals only")
                }
                if ids.contains(id) { throw item.error("junction \"\(id)\" is listed twice") }
                ids.append(id)
            }
            return ids
        }

        /// `sweep:` over key paths (formats.md additions): `demand_scale`, `model.<key>`,
        /// `vehicles.<class>.pcu`, `strategies.<name>.params.<param>`, `events[<i>].factor`; each
        /// value in the key's unit. A swept parameter the strategy does not give is placed at
        /// the sweep key, so the controller's complaint about it points there.
        func readSweep(_ v: YValue, spec: ScenarioSpec) throws(InputError) -> [SweepAxis] {
            let sm = try v.anyMapping("a mapping from swept key path to its values")
            var axes: [SweepAxis] = []
            for e in sm.entries {
                func keyError(_ message: String) -> InputError {
                    InputError(file: e.value.file, at: e.keyLocation, path: e.value.path, message: message)
                }
                let target: Sensitivity.SweepTarget
                switch Sensitivity.sweepTarget(e.key, in: spec) {
                case .success(let t): target = t
                case .failure(let problem): throw keyError(problem.message)
                }
                if case .strategyParam(let i, let param) = target {
                    v.context.sourceMap.recordIfAbsent(SpecPath.root.key("strategies").index(i).key("params").key(param), e.keyLocation)
                }
                let items = try e.value.list("a list of values such as [0.8, 1.0, 1.2]")
                guard !items.isEmpty else { throw e.value.error("a swept key needs at least one value") }
                var values: [Double] = []
                for item in items {
                    let x: Double
                    switch target {
                    case .demandScale: x = try item.number(.positive, "a demand scale", within: 0.001...100)
                    case .model(let dimension, let sign): x = try item.quantity(dimension, sign == .positive ? .positive : .nonNegative, e.key)
                    case .pcu: x = try item.number(.positive, "a PCU factor", within: 0.05...10)
                    case .eventFactor: x = try item.number(.positive, "the factor", within: 0.001...100)
                    case .rerouteShare: x = try item.number(.nonNegative, "the reroute share", within: 0...1)
                    case .strategyParam:
                        switch QuantityText(try item.text("a number or a quantity such as \"7 s\"")) {
                        case .quantity(_, let dim): x = try item.quantity(dim, .nonNegative, e.key)
                        default: x = try item.number(.any, e.key)
                        }
                    }
                    if values.contains(x) { throw item.error("\(formatNumber(x)) is listed twice") }
                    values.append(x)
                }
                axes.append(SweepAxis(key: e.key, values: values))
            }
            if !axes.contains(where: { $0.key == "demand_scale" }) {
                axes.insert(SweepAxis(key: "demand_scale", values: [1]), at: 0)
            }
            return axes
        }

        /// `sensitivity: estimates`, or a mapping from key path to a list of values.
        func readSensitivity(_ v: YValue, classes: [VehicleClass]) throws(InputError) -> [SensitivityParameter] {
            if case .scalar = v.node {
                let word = try v.choice(["estimates"])
                _ = word
                return Sensitivity.estimates(classes: classes)
            }
            let keys = Sensitivity.modelKeys.map(\.key) + classes.map { "vehicles.\($0.name).pcu" }
            let sm = try v.mapping("`estimates` or a mapping from parameter to values, e.g. model.critical_gap: [2 s, 6 s]",
                                   allowed: keys)
            var out: [SensitivityParameter] = []
            for e in sm.entries {
                let items = try e.value.list("a list of values such as [2 s, 6 s]")
                guard !items.isEmpty else { throw e.value.error("a parameter needs at least one value") }
                var values: [Double] = []
                for item in items {
                    let x: Double
                    switch e.key {
                    case "model.critical_gap": x = try item.quantity(.time, .positive, "critical gap")
                    case "model.saturation_flow": x = try item.quantity(.flow, .positive, "saturation flow")
                    case "model.startup_lost_time": x = try item.quantity(.time, .nonNegative, "start-up lost time")
                    case "model.green_extension": x = try item.quantity(.time, .nonNegative, "green extension")
                    case "model.jam_spacing": x = try item.quantity(.length, .positive, "jam spacing")
                    default: x = try item.number(.positive, "a PCU factor", within: 0.05...10)
                    }
                    if values.contains(x) { throw item.error("\(formatNumber(x)) is listed twice") }
                    values.append(x)
                }
                out.append(SensitivityParameter(key: e.key, values: values))
            }
            return out
        }

        /// `variants:` (formats.md additions): a list of `{name, signals, events, roads, model,
        /// demand_scale}`, each key optional but the name.
        func readVariants(_ v: YValue) throws(InputError) -> [VariantSpec] {
            let items = try v.list("a list of variants such as [{name: today}, {name: new-plan, signals: {...}}]")
            guard !items.isEmpty else { throw v.error("`variants:` needs at least one variant") }
            var out: [VariantSpec] = []
            for item in items {
                let vm = try item.mapping("a variant {name, signals, events, roads, model, demand_scale}",
                                          allowed: ["name", "signals", "events", "roads", "model", "demand_scale"])
                let nameV = try vm.required("name", "e.g. `name: protected-left`")
                let name = try nameV.identifier("a variant name")
                if let first = out.firstIndex(where: { $0.name == name }) {
                    throw nameV.error("duplicate variant name \"\(name)\" (first used by variants[\(first)])")
                }
                var variant = VariantSpec(name: name)
                if let sv = vm["signals"] {
                    for e in try sv.anyMapping("a mapping from junction id to its plan (the map's syntax)").entries {
                        func keyError(_ message: String) -> InputError {
                            InputError(file: e.value.file, at: e.keyLocation, path: e.value.path, message: message)
                        }
                        guard let j = map.junctions.first(where: { $0.id == e.key }) else {
                            var message = "plan for unknown junction \"\(Echo.excerpt(e.key))\" (not in map \(map.id))"
                            if let guess = Suggest.closest(to: e.key, among: map.junctions.map(\.id)) { message += "; did you mean `\(guess)`?" }
                            throw keyError(message)
                        }
                        guard j.control == .signal else {
                            throw keyError("junction \"\(e.key)\" has a plan but its control is \(j.control.rawValue), not signal")
                        }
                        variant.signals.append(try MapReader.readPlan(e.value, junction: e.key))
                    }
                }
                if let ev = vm["events"] { variant.events = try readEvents(ev, duration: duration) }
                if let rv = vm["roads"] {
                    for e in try rv.anyMapping("a mapping from road id to {lanes, width, speed, closed}").entries {
                        guard let road = map.roads.first(where: { $0.id == e.key }) else {
                            var message = "unknown road \"\(Echo.excerpt(e.key))\" (not in map \(map.id))"
                            if let guess = Suggest.closest(to: e.key, among: map.roads.map(\.id)) { message += "; did you mean `\(guess)`?" }
                            throw InputError(file: e.value.file, at: e.keyLocation, path: e.value.path, message: message)
                        }
                        let cm = try e.value.mapping("{lanes, width, speed, closed}", allowed: ["lanes", "width", "speed", "closed"])
                        var change = VariantSpec.RoadChange(road: road.id)
                        change.lanes = try cm["lanes"]?.integer(min: 1, max: 16, "lanes")
                        change.widthM = try cm["width"]?.quantity(.length, .positive, "width")
                        change.speedKmh = try cm["speed"]?.quantity(.speed, .positive, "speed")
                        change.closed = try cm["closed"]?.bool() ?? false
                        if cm.entries.isEmpty { throw e.value.error("a road change needs `lanes`, `width`, `speed` or `closed: true`") }
                        variant.roads.append(change)
                    }
                }
                if let mv = vm["model"] {
                    let numeric = Sensitivity.sweepModelKeys.map { String($0.key.dropFirst(6)) } + ["reroute_share"]
                    let mm = try mv.mapping("a mapping of numeric model parameters", allowed: numeric)
                    for e in mm.entries {
                        if e.key == "reroute_share" {
                            let x = try e.value.number(.nonNegative, "the reroute share", within: 0...1)
                            variant.model.append(SweepAxis(key: Sensitivity.rerouteShareKey, values: [x]))
                            continue
                        }
                        let k = Sensitivity.sweepModelKeys.first { $0.key == "model." + e.key }!
                        let x = try e.value.quantity(k.dimension, k.positive ? .positive : .nonNegative, e.key)
                        variant.model.append(SweepAxis(key: k.key, values: [x]))
                    }
                }
                variant.demandScale = try vm["demand_scale"]?.number(.positive, "a demand scale", within: 0.001...100)
                out.append(variant)
            }
            return out
        }

        func readEvents(_ v: YValue, duration: Double) throws(InputError) -> [IncidentSpec] {
            var out: [IncidentSpec] = []
            for item in try v.list("a list of events") {
                let em = try item.mapping("an event {kind, road, from, to}",
                                          allowed: ["kind", "road", "from", "to", "factor", "direction"])
                let kind = IncidentSpec.Kind(rawValue: try em.required("kind", "capacity | closure").choice(["capacity", "closure"]))!
                let roadV = try em.required("road")
                let road = try segment(roadV)
                var direction = IncidentSpec.Direction.one
                if let d = em["direction"] {
                    direction = IncidentSpec.Direction(rawValue: try d.choice(IncidentSpec.Direction.allCases.map(\.rawValue)))!
                    let roadID = road.hasSuffix("~r") ? String(road.dropLast(2)) : road
                    if direction == .both, map.roads.first(where: { $0.id == roadID })?.oneway == true {
                        throw d.error("road \"\(roadID)\" is oneway: it has no second direction")
                    }
                }
                let from = try instant(em.required("from"), "the start")
                let toV = try em.required("to")
                let to = try instant(toV, "the end")
                guard to > from else {
                    throw toV.error("an event must end after it starts (from \(formatNumber(from)) s, to \(formatNumber(to)) s)")
                }
                var e = IncidentSpec(kind: kind, road: road, from: from, to: to, direction: direction)
                switch kind {
                case .capacity:
                    e.factor = try em.required("factor", "the capacity multiplier, e.g. 0.4").number(.positive, "the factor", within: 0.001...100)
                case .closure:
                    if let f = em["factor"] { throw f.error("a closure has no factor (it closes the segment); use kind: capacity") }
                }
                out.append(e)
            }
            return out
        }
    }
}

/// Lexical path handling for file names in messages: keeps relative names relative.
enum Paths {
    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return file[..<slash].isEmpty ? "/" : String(file[..<slash])
    }

    /// `dir` joined with `rel` (unless `rel` is absolute), with `.` and `x/..` removed.
    static func join(_ dir: String, _ rel: String) -> String {
        if rel.hasPrefix("/") || dir.isEmpty { return normalize(rel) }
        return normalize(dir + "/" + rel)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var out: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", let last = out.last, last != ".." { out.removeLast(); continue }
            if part == "..", absolute, out.isEmpty { continue }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : normalize(FileManager.default.currentDirectoryPath + "/" + path)
    }
}
