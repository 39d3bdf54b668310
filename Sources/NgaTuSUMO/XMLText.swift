import Foundation

/// A tiny writer of indented XML text: elements with attributes in the order given, so the
/// files are byte-identical from run to run (no dictionary order reaches the output).
struct XMLText {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0
    private var open: [String] = []

    mutating func comment(_ s: String) {
        // "--" may not appear inside an XML comment.
        let safe = s.replacingOccurrences(of: "--", with: "- -")
        text += indent + "<!-- " + safe + " -->\n"
    }

    mutating func start(_ name: String, _ attributes: [(String, String)] = []) {
        text += indent + "<" + name + XMLText.attrs(attributes) + ">\n"
        open.append(name); depth += 1
    }

    mutating func element(_ name: String, _ attributes: [(String, String)] = []) {
        text += indent + "<" + name + XMLText.attrs(attributes) + "/>\n"
    }

    mutating func end() {
        depth -= 1
        text += indent + "</" + open.removeLast() + ">\n"
    }

    private var indent: String { String(repeating: "    ", count: depth) }

    static func attrs(_ a: [(String, String)]) -> String {
        a.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Numbers as SUMO reads them: `.` decimal point, at most `digits` decimals, no trailing zeros.
func num(_ x: Double, _ digits: Int = 2) -> String {
    guard x.isFinite else { return "0" }
    var s = String(format: "%.\(digits)f", x)
    if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s == "-0" ? "0" : s
}
