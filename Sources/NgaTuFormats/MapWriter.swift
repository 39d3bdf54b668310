public import NgaTuCore

/// `MapSpec` → YAML text in the map format of shared/spec/formats.md (version 1).
///
/// The output is deterministic: junctions, roads and plans in the spec's order, numbers in
/// their shortest exact form (coordinates to 7 decimals), quantities with their unit
/// (`"50 km/h"` is written `50 km/h`). Names and titles are always double-quoted with YAML
/// escapes, so Vietnamese text, colons, `#` and quotes are safe. Optional comments (an
/// estimate marker per road, the provenance of a signal, a header) are written as `#` lines.
public enum MapWriter {
    public static func yaml(_ map: MapSpec, header: [String] = [], roadComments: [String: String] = [:],
                            junctionComments: [String: String] = [:], signalComments: [String: String] = [:],
                            background: String? = nil) -> String {
        var out = ""
        func line(_ s: String, comment: String? = nil) {
            out += s
            if let c = comment, !c.isEmpty { out += "  # " + oneLine(c) }
            out += "\n"
        }
        for h in header { out += h.isEmpty ? "#\n" : "# " + oneLine(h) + "\n" }
        line("map: " + scalarId(map.id))
        line("title: " + quoted(map.title))
        line("attribution: " + quoted(map.attribution))
        if let b = background { line("background: " + quoted(b)) }

        line("junctions:")
        for j in map.junctions {
            line("  - id: " + scalarId(j.id), comment: junctionComments[j.id])
            if !j.name.isEmpty { line("    name: " + quoted(j.name)) }
            line("    at: [\(coordinate(j.at.lat)), \(coordinate(j.at.lon))]")
            line("    control: " + j.control.rawValue)
            if !j.banned.isEmpty { line("    banned: " + flowList(j.banned)) }
            if !j.rightOnRed.isEmpty {
                line("    right_on_red: {" + j.rightOnRed.map { token($0.approach) + ": " + flowList($0.classes) }
                        .joined(separator: ", ") + "}")
            }
        }

        line("roads:")
        for r in map.roads {
            line("  - id: " + scalarId(r.id), comment: roadComments[r.id])
            if !r.name.isEmpty { line("    name: " + quoted(r.name)) }
            line("    from: " + scalarId(r.from))
            line("    to: " + scalarId(r.to))
            if r.oneway || r.lanesForward == r.lanesBackward {
                line("    lanes: \(r.lanesForward)")
            } else {
                line("    lanes: {forward: \(r.lanesForward), backward: \(r.lanesBackward)}")
            }
            if let w = r.widthM { line("    width: \(number(w)) m") }
            line("    speed: \(number(r.speedKmh)) km/h")
            if r.oneway { line("    oneway: true") }
            if let l = r.lengthM { line("    length: \(number(l)) m") }
            if let s = r.saturationFlow { line("    saturation_flow: \(number(s))") }
            if r.oneway || r.leftBayForward == r.leftBayBackward {
                if !r.leftBayForward { line("    left_bay: false") }
            } else {
                line("    left_bay: {forward: \(r.leftBayForward), backward: \(r.leftBayBackward)}")
            }
            if !r.shape.isEmpty { out += shapeLines(r.shape) }
        }

        if !map.signals.isEmpty {
            line("signals:")
            for p in map.signals {
                line("  " + scalarId(p.junction) + ":", comment: signalComments[p.junction])
                line("    cycle: \(number(p.cycle)) s")
                line("    offset: \(number(p.offset)) s")
                line("    yellow: \(number(p.yellow)) s")
                line("    all_red: \(number(p.allRed)) s")
                if p.estimate { line("    estimate: true") }
                line("    phases:")
                for ph in p.phases {
                    line("      - name: " + quoted(ph.name))
                    line("        green: \(number(ph.green)) s")
                    line("        allow: " + flowList(ph.allow))
                    if let y = ph.yellow { line("        yellow: \(number(y)) s") }
                    if let a = ph.allRed { line("        all_red: \(number(a)) s") }
                }
            }
        }
        return out
    }

    // MARK: - Scalars

    /// A double-quoted YAML scalar: `\` and `"` escaped, control characters as `\uXXXX`.
    public static func quoted(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": r += "\\\\"
            case "\"": r += "\\\""
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            case "\r": r += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029 {
                    r += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                } else {
                    r.unicodeScalars.append(u)
                }
            }
        }
        return r + "\""
    }

    /// An id plain when it is `[a-z][a-z0-9-]*` and no YAML keyword, quoted otherwise.
    static func scalarId(_ s: String) -> String {
        let keywords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]
        let plain = !s.isEmpty && s.unicodeScalars.first.map { ("a"..."z").contains($0) } == true
            && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !keywords.contains(s)
        return plain ? s : quoted(s)
    }

    /// A flow list of short tokens (`[N, S:left, j1-x:through]`), quoting any unusual item.
    static func flowList(_ items: [String]) -> String {
        "[" + items.map(token).joined(separator: ", ") + "]"
    }

    /// One short token of a flow list or flow mapping key, quoted when unusual.
    static func token(_ item: String) -> String {
        let safe = !item.isEmpty && item.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == ":" || $0 == "!"
        } && item.unicodeScalars.first.map { $0 != "!" && $0 != ":" && $0 != "-" } == true
        return safe ? item : quoted(item)
    }

    /// Shortest decimal form with at most 3 decimals (quantities).
    static func number(_ v: Double) -> String { trimmed(v, decimals: 3) }

    /// Coordinates: at most 7 decimals (≈ 1 cm).
    static func coordinate(_ v: Double) -> String { trimmed(v, decimals: 7) }

    static func trimmed(_ v: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (v * scale).rounded() / scale
        // Beyond 1e15 there are no decimals to trim (and the fixed form below would overflow).
        guard abs(r) < 1e15 else { return String(r) }
        if r == r.rounded() { return String(Int64(r)) }
        var s = String(r)   // Swift prints the shortest round-trip form
        if s.contains("e") {  // tiny: fixed notation by hand
            let neg = r < 0
            let whole = Int64(abs(r) * scale)
            let frac = String(whole % Int64(scale))
            s = (neg ? "-" : "") + String(whole / Int64(scale)) + "." + String(repeating: "0", count: decimals - frac.count) + frac
            while s.hasSuffix("0") { s.removeLast() }
        }
        return s
    }

    static func shapeLines(_ shape: [LatLon]) -> String {
        let pts = shape.map { "[\(coordinate($0.lat)), \(coordinate($0.lon))]" }
        if pts.count <= 3 { return "    shape: [" + pts.joined(separator: ", ") + "]\n" }
        var s = "    shape: ["
        for (i, p) in pts.enumerated() {
            if i > 0 { s += i % 3 == 0 ? ",\n      " : ", " }
            s += p
        }
        return s + "]\n"
    }

    static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
