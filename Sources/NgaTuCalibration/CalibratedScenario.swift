import Foundation
public import NgaTuCore
public import NgaTuFormats

/// The files `ngatu calibrate` writes: the scenario with its `demand:` block replaced (every
/// other line kept as written), the fitted flows as CSV beside it, and `calibration.csv`.
///
/// The new `demand:` names the flows file (`NAME.flows.csv`) and, when the counts have several
/// intervals, the fitted profile; the new key `calibration:` records the counts file it was
/// fitted to.
/// A `map:` and any `include:`/`flows_file:` outside the demand block are relative paths: they
/// are rewritten to reach the same files from the new scenario's folder.
public enum CalibratedScenario {
    /// First line of every file `ngatu calibrate` writes; a file without it is not replaced.
    public static let marker = "written by ngatu calibrate"

    /// The new scenario's text.
    public static func yaml(original text: String, originalPath: String, newPath: String, flowsFile: String,
                            countsPath: String, calibration: Calibration, spec: ScenarioSpec) -> String {
        var lines = text.components(separatedBy: "\n")
        func topKey(_ line: String) -> String? {
            guard let c = line.unicodeScalars.first, c != " ", c != "#", c != "-", c != "\t",
                  let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        }
        // Drop an earlier calibration's key and comment.
        lines = dropBlock(lines, key: "calibration", topKey: topKey)
        lines.removeAll { $0.hasPrefix("# Demand \(marker)") || $0.hasPrefix("#   ") && $0.contains("(ngatu calibrate)") }
        let oldDir = directory(of: originalPath), newDir = directory(of: newPath)
        // Relative paths outside the demand block, rewritten for the new folder.
        if absolute(oldDir) != absolute(newDir) {
            for i in lines.indices {
                for key in ["map:", "include:", "flows_file:"] {
                    lines[i] = rewritePath(lines[i], key: key, from: oldDir, to: newDir)
                }
            }
        }
        let start = lines.firstIndex { topKey($0) == "demand" }
        var end = start.map { s in (s + 1..<lines.count).first { topKey(lines[$0]) != nil } ?? lines.count } ?? lines.count
        if let s = start {
            while end > s + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#")
                    || lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        }
        var block: [String] = []
        block.append("# Demand \(marker) from \(relative(countsPath, from: newDir)) (observed) and the demand of \(name(of: originalPath)) (prior):")
        block.append("#   \(calibration.summary.text) (ngatu calibrate)")
        block.append("#   the scenario's own demand gave \(calibration.priorSummary.text) (ngatu calibrate)")
        block.append("demand:")
        block.append("  arrivals: \(calibration.demand.arrivals.rawValue)")
        block.append("  flows_file: \(flowsFile)")
        if !calibration.demand.profile.isEmpty {
            let points = calibration.demand.profile.map { "[\(timeText($0.time, spec)), \(formatNumber($0.factor))]" }
            block.append("  profile: [\(points.joined(separator: ", "))]")
        }
        block.append("calibration: \(relative(countsPath, from: newDir))")
        if let s = start {
            lines.replaceSubrange(s..<end, with: block)
        } else {
            if lines.last == "" { lines.removeLast() }
            lines += block + [""]
        }
        return lines.joined(separator: "\n")
    }

    /// The flows as `from,to,rate` (veh/h at profile factor 1), with mix and `via` columns when
    /// a flow has them.
    public static func flowsCSV(_ demand: DemandSpec, classes: [String], counts: String) -> String {
        let mixed = demand.flows.contains { $0.mix != nil }, routed = demand.flows.contains { $0.via != nil }
        var out = "# Flows \(marker) to fit \(counts) (veh/h at profile factor 1).\n"
        out += (["from", "to", "rate"] + (mixed ? classes : []) + (routed ? ["via"] : [])).joined(separator: ",") + "\n"
        for f in demand.flows {
            var cells = [f.from, f.to, formatNumber(f.rate)]
            if mixed {
                cells += classes.map { c in f.mix.flatMap { $0.first { $0.name == c } }.map { formatNumber($0.share) } ?? (f.mix == nil ? "" : "0") }
            }
            if routed { cells.append(f.via?.joined(separator: ";") ?? "") }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    /// `calibration.csv`: one row per site and interval.
    public static let csvHeader = "site,from,to,line,observed,simulated,geh,prior_simulated,prior_geh,note"

    public static func csv(_ c: Calibration, spec: ScenarioSpec) -> String {
        var out = csvHeader + "\n"
        for (i, o) in c.observations.enumerated() {
            let s = o.to - o.from
            let note = c.notes.first { $0.line == o.line }?.kind.rawValue ?? ""
            out += [o.site, CountsReader.describe(o.from, spec), CountsReader.describe(o.to, spec), String(o.line),
                    formatNumber(o.count), fixed(c.simulated[i], 1),
                    fixed(FitMeasures.geh(simulated: c.simulated[i], observed: o.count, seconds: s), 2),
                    fixed(c.priorSimulated[i], 1),
                    fixed(FitMeasures.geh(simulated: c.priorSimulated[i], observed: o.count, seconds: s), 2), note]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    static func timeText(_ t: Double, _ spec: ScenarioSpec) -> String {
        if let start = spec.start { return "\"\(ClockTimeText.text(start + t))\"" }
        return t.truncatingRemainder(dividingBy: 60) == 0 ? "\(formatNumber(t / 60)) min" : "\(formatNumber(t)) s"
    }

    static func dropBlock(_ lines: [String], key: String, topKey: (String) -> String?) -> [String] {
        guard let s = lines.firstIndex(where: { topKey($0) == key }) else { return lines }
        let e = (s + 1..<lines.count).first { topKey(lines[$0]) != nil || lines[$0].hasPrefix("#") } ?? lines.count
        var out = lines
        out.removeSubrange(s..<e)
        return out
    }

    /// `  map: ../maps/x.yaml  # c` with its relative path rewritten from `from` to `to`.
    static func rewritePath(_ line: String, key: String, from: String, to: String) -> String {
        guard let r = line.range(of: key) else { return line }
        let before = line[..<r.lowerBound]
        guard before.allSatisfy({ $0 == " " || $0 == "{" || $0 == "-" }) || before.hasSuffix("{") || before.hasSuffix(" ") else { return line }
        var rest = line[r.upperBound...]
        let lead = rest.prefix { $0 == " " }
        rest = rest.dropFirst(lead.count)
        let stops: Set<Character> = [" ", "}", ",", "#"]
        var value = String(rest.prefix { !stops.contains($0) })
        let tail = rest.dropFirst(value.count)
        var quote = ""
        if let q = value.first, q == "\"" || q == "'", value.count >= 2, value.last == q { quote = String(q); value = String(value.dropFirst().dropLast()) }
        guard !value.isEmpty, !value.hasPrefix("/") else { return line }
        let target = absolute(join(from, value))
        return String(before) + key + lead + quote + relative(target, from: to) + quote + tail
    }

    static func directory(of path: String) -> String {
        let d = (path as NSString).deletingLastPathComponent
        return d.isEmpty ? "." : d
    }

    static func name(of path: String) -> String { (path as NSString).lastPathComponent }

    static func join(_ dir: String, _ rel: String) -> String { rel.hasPrefix("/") ? rel : dir + "/" + rel }

    static func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (p as NSString).standardizingPath
    }

    /// `target` as a path relative to folder `dir` (both made absolute first).
    static func relative(_ target: String, from dir: String) -> String {
        let t = absolute(target).split(separator: "/"), d = absolute(dir).split(separator: "/")
        var k = 0
        while k < t.count, k < d.count, t[k] == d[k] { k += 1 }
        let parts = Array(repeating: "..", count: d.count - k) + t[k...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// Clock times as the scenario files write them (`06:15`, `06:14:59`).
enum ClockTimeText {
    static func text(_ s: Double) -> String {
        let total = Int(s.rounded())
        let h = total / 3600, m = (total % 3600) / 60, sec = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return sec == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(sec))"
    }
}
