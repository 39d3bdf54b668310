import Foundation
import NgaTuXML

/// A tiny writer of indented XML text: elements with attributes in the order given, so the
/// files are byte-identical from run to run (no dictionary order reaches the output).
struct XMLText {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0
    private var open: [String] = []

    mutating func comment(_ s: String) {
        text += indent + "<!-- " + XMLEscape.comment(s) + " -->\n"
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
        a.map { " \($0.0)=\"\(XMLEscape.attribute($0.1))\"" }.joined()
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
