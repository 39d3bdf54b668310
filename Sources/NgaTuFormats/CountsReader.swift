public import Foundation
public import NgaTuCore

/// A traffic count survey (`ngatu calibrate --counts`, README "Calibrating to counts"): CSV rows
/// `site,from,to,count` with an optional `class` column.
public struct CountsFile: Sendable, Equatable {
    /// The file as the user named it.
    public var file: String
    public var rows: [CountRow]
    public init(file: String, rows: [CountRow]) { self.file = file; self.rows = rows }

    /// The rows of one site and interval summed over their vehicle classes, in file order of
    /// their first row: what the simulation is compared with.
    public var observations: [CountObservation] {
        var out: [CountObservation] = []
        var index: [String: Int] = [:]
        for r in rows {
            let key = "\(r.site)|\(r.from)|\(r.to)"
            if let i = index[key] { out[i].count += r.count; continue }
            index[key] = out.count
            out.append(CountObservation(site: r.site, place: r.place, from: r.from, to: r.to, count: r.count, line: r.line))
        }
        return out
    }
}

/// Where a count was taken, resolved against the network.
public enum CountPlace: Sendable, Hashable {
    /// A turning movement `junction:approach:turn` of a signalised junction: the network's
    /// movement indices it covers (one, or several when one turn reaches several roads).
    case movement([Int])
    /// A directed road segment (vehicles leaving it).
    case segment(Int)
}

/// One row of a counts file.
public struct CountRow: Sendable, Equatable {
    /// The site as written (`j10:SW:left`, `30-4-3~r`).
    public var site: String
    public var place: CountPlace
    /// Interval in seconds from the scenario's time 0.
    public var from: Double
    public var to: Double
    /// Vehicles counted in the interval.
    public var count: Double
    /// Vehicle class, or nil for all vehicles.
    public var vehicleClass: String?
    /// Line in the file (from 1).
    public var line: Int
}

/// A site and interval with its count over every vehicle class.
public struct CountObservation: Sendable, Equatable {
    public var site: String
    public var place: CountPlace
    public var from: Double
    public var to: Double
    public var count: Double
    /// Line of its first row in the counts file.
    public var line: Int
}

/// Reads a counts file against a scenario and its network; every problem is an `InputError`
/// at the file, line and column of the offending cell.
public enum CountsReader {
    public static let header = ["site", "from", "to", "count"]

    /// The counts file a scenario names with `calibration:`, or nil; a file that cannot be read
    /// at all is an error at that key of the scenario, a bad row at its own line.
    public static func read(calibrationOf document: ScenarioDocument, network: Network) throws(InputError) -> CountsFile? {
        guard let path = document.spec.calibrationCounts else { return nil }
        do { return try read(file: path, scenario: document.spec, network: network) } catch {
            if error.file == path, error.line == 1, error.column == 1, error.path == nil {
                throw document.sourceMap.inputError(at: SpecPath.root.key("calibration"),
                                                    "cannot read counts file \"\(Echo.excerpt(path, limit: 200))\": \(error.message)")
            }
            throw error
        }
    }

    public static func read(file path: String, scenario: ScenarioSpec, network: Network) throws(InputError) -> CountsFile {
        let data = try YAMLLoader.readFile(path, displayName: path)
        return try parse(data, file: path, scenario: scenario, network: network)
    }

    public static func parse(_ data: Data, file: String, scenario: ScenarioSpec, network: Network) throws(InputError) -> CountsFile {
        let table = try CSVCells.parse(data, file: file)
        func fail(_ at: CSVCells.Cell, _ message: String) -> InputError {
            InputError(file: file, line: at.line, column: at.column, path: nil, message: message)
        }
        guard let head = table.first else {
            throw InputError(file: file, line: 1, column: 1, path: nil, message: "the counts file is empty; expected a header `site,from,to,count`")
        }
        let names = head.map(\.text)
        guard names.count >= 4, Array(names.prefix(4)) == header, names.count == 4 || (names.count == 5 && names[4] == "class") else {
            throw fail(head[0], "the header must be `site,from,to,count` or `site,from,to,count,class`, got `\(Echo.excerpt(names.joined(separator: ","), limit: 80))`")
        }
        let classes = scenario.vehicles.map(\.name)
        var rows: [CountRow] = []
        var places: [String: CountPlace] = [:]
        for row in table.dropFirst() {
            guard row.count == head.count else {
                throw fail(row[row.count - 1], "this row has \(row.count) cells, the header \(head.count)")
            }
            let site = row[0].text
            let place: CountPlace
            if let known = places[site] { place = known } else {
                place = try resolve(row[0], network: network, fail: fail)
                places[site] = place
            }
            let from = try time(row[1], scenario: scenario, fail: fail)
            let to = try time(row[2], scenario: scenario, fail: fail)
            guard to > from else {
                throw fail(row[2], "an interval must end after it starts (from \(describe(from, scenario)) to \(describe(to, scenario)))")
            }
            let count: Double
            switch QuantityText(row[3].text) {
            case .number(let x) where x.isFinite && x < 0:
                throw fail(row[3], "a count cannot be negative, got \(Echo.excerpt(row[3].text))")
            case .number(let x) where x.isFinite && x <= 10_000_000: count = x
            default:
                throw fail(row[3], "expected a count of vehicles (a number ≥ 0), got \"\(Echo.excerpt(row[3].text))\"")
            }
            var vehicleClass: String?
            if head.count == 5, !row[4].text.isEmpty {
                guard classes.contains(row[4].text) else {
                    var message = "unknown vehicle class \"\(Echo.excerpt(row[4].text))\" (classes: \(classes.joined(separator: ", ")))"
                    if let guess = Suggest.closest(to: row[4].text, among: classes) { message += "; did you mean `\(guess)`?" }
                    throw fail(row[4], message)
                }
                vehicleClass = row[4].text
            }
            // Two rows of one site (and class) must not count the same vehicles twice; a total
            // and a class count of one site must not overlap either.
            for earlier in rows where earlier.site == site && earlier.from < to && from < earlier.to {
                if earlier.vehicleClass == vehicleClass || earlier.vehicleClass == nil || vehicleClass == nil {
                    let what = earlier.vehicleClass == vehicleClass ? "" : " (one counts all vehicles, the other one class)"
                    throw fail(row[1], "this interval (\(describe(from, scenario))–\(describe(to, scenario))) overlaps line \(earlier.line)'s (\(describe(earlier.from, scenario))–\(describe(earlier.to, scenario))) at site \(Echo.excerpt(site))\(what)")
                }
                if earlier.from != from || earlier.to != to {
                    throw fail(row[1], "counts by class of one site must share their intervals: line \(earlier.line) counts \(describe(earlier.from, scenario))–\(describe(earlier.to, scenario))")
                }
            }
            rows.append(CountRow(site: site, place: place, from: from, to: to, count: count, vehicleClass: vehicleClass,
                                 line: row[0].line))
        }
        guard !rows.isEmpty else {
            throw InputError(file: file, line: head[0].line, column: 1, path: nil, message: "the counts file has a header but no counts")
        }
        // A site and interval counted by class must give every class of the mix (0 when none was seen).
        var seen: [String: (line: Int, classes: Set<String>)] = [:]
        var order: [String] = []
        for r in rows where r.vehicleClass != nil {
            let key = "\(r.site)|\(r.from)|\(r.to)"
            if seen[key] == nil { order.append(key); seen[key] = (r.line, []) }
            seen[key]!.classes.insert(r.vehicleClass!)
        }
        for key in order {
            let s = seen[key]!
            let missing = classes.filter { !s.classes.contains($0) }
            if !missing.isEmpty {
                throw InputError(file: file, line: s.line, column: 1, path: nil,
                                 message: "this site and interval is counted by class but not for \(missing.joined(separator: ", ")); give every class of the scenario's mix (0 where none was seen), or one row for all vehicles")
            }
        }
        return CountsFile(file: file, rows: rows)
    }

    /// `j10:SW:left` (a movement of a signalised junction) or a segment id `30-4-3`, `30-4-3~r`.
    static func resolve(_ cell: CSVCells.Cell, network: Network,
                        fail: (CSVCells.Cell, String) -> InputError) throws(InputError) -> CountPlace {
        let site = cell.text
        let parts = site.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            guard let s = network.segmentIndexByID[site] else {
                var message = "unknown site \"\(Echo.excerpt(site))\": expected a movement junction:approach:turn such as \"j10:SW:left\" or a road segment id (not in map \(network.id))"
                if let guess = Suggest.closest(to: site, among: network.segmentIDs) { message += "; did you mean `\(guess)`?" }
                throw fail(cell, message)
            }
            return .segment(Int(s))
        }
        guard parts.count == 3 else {
            throw fail(cell, "unknown site \"\(Echo.excerpt(site))\": a movement is junction:approach:turn, e.g. \"j10:SW:left\"")
        }
        guard let j = network.junctionIndexByID[parts[0]] else {
            var message = "unknown junction \"\(Echo.excerpt(parts[0]))\" in site \"\(Echo.excerpt(site))\" (not in map \(network.id))"
            if let guess = Suggest.closest(to: parts[0], among: network.junctionIDs) { message += "; did you mean `\(guess)`?" }
            throw fail(cell, message)
        }
        guard network.programOfJunction[Int(j)] >= 0 else {
            throw fail(cell, "junction \"\(parts[0])\" is not signalised: count the road segments around it instead (segment ids such as \"\(network.segmentIDs.first ?? "r1")\")")
        }
        let approaches = (0..<network.segmentCount).filter { Int(network.segmentTo[$0]) == Int(j) }
        let names = approaches.map { network.approachName[$0] }
        guard let a = approaches.first(where: { network.approachName[$0] == parts[1] }) else {
            var message = "junction \"\(parts[0])\" has no approach \"\(Echo.excerpt(parts[1]))\" (approaches: \(names.joined(separator: ", ")))"
            if let guess = Suggest.closest(to: parts[1], among: names) { message += "; did you mean `\(guess)`?" }
            throw fail(cell, message)
        }
        guard let turn = Turn(rawValue: parts[2]) else {
            throw fail(cell, "unknown turn \"\(Echo.excerpt(parts[2]))\" in site \"\(Echo.excerpt(site))\": one of left, through, right, uturn")
        }
        let ms = (Int(network.movementStart[a])..<Int(network.movementStart[a + 1])).filter { network.movementTurn[$0] == turn }
        guard !ms.isEmpty else {
            let turns = (Int(network.movementStart[a])..<Int(network.movementStart[a + 1])).map { network.movementTurn[$0].rawValue }
            throw fail(cell, "approach \(parts[1]) of junction \"\(parts[0])\" has no \(turn.rawValue) movement (it has: \(turns.joined(separator: ", ")))")
        }
        return .movement(ms)
    }

    /// Seconds from time 0: a time from the start (`15 min`, `900`: seconds) or, with the
    /// scenario's `start:`, a clock time (`06:15`).
    static func time(_ cell: CSVCells.Cell, scenario: ScenarioSpec,
                     fail: (CSVCells.Cell, String) -> InputError) throws(InputError) -> Double {
        let text = cell.text
        var t: Double
        if text.contains(":") {
            guard let clock = ClockTime.parse(text) else {
                throw fail(cell, "\"\(Echo.excerpt(text))\" is not a clock time: write HH:MM or HH:MM:SS (or a time from the start such as `15 min`)")
            }
            guard let start = scenario.start else {
                throw fail(cell, "\"\(Echo.excerpt(text))\" is a clock time, but the scenario has no `start:`; write the time from the start (e.g. `15 min`)")
            }
            t = clock - start
            if t < 0 { t += 86_400 }
        } else {
            switch QuantityText(text) {
            case .number(let x) where x.isFinite && x >= 0: t = x
            case .quantity(let x, .time) where x.isFinite && x >= 0: t = x
            default:
                throw fail(cell, "expected a time such as `15 min`\(scenario.start == nil ? "" : " or \"06:15\""), got \"\(Echo.excerpt(text))\"")
            }
        }
        guard t <= scenario.duration + 1e-9 else {
            throw fail(cell, "\(describe(t, scenario)) is after the end of the run (\(describe(scenario.duration, scenario)))")
        }
        return t
    }

    /// A time as the file may write it: a clock time with `start:`, else seconds or minutes.
    public static func describe(_ t: Double, _ scenario: ScenarioSpec) -> String {
        if let start = scenario.start { return ClockTime.text(start + t) }
        return t.truncatingRemainder(dividingBy: 60) == 0 ? "\(formatNumber(t / 60)) min" : "\(formatNumber(t)) s"
    }
}
