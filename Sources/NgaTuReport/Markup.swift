import Foundation
import NgaTuResults
import NgaTuXML

/// A fragment of XHTML/SVG that is safe to put in the page.
///
/// Literal parts of a `Markup` string are trusted markup written in this module; every
/// interpolated `String` is escaped, so text from input files (junction, road and strategy
/// names, titles) can never become markup:
///
/// ```swift
/// let cell: Markup = "<td>\(junction.name)</td>"      // name escaped
/// let row: Markup = "<tr>\(cell)</tr>"                 // Markup inserted as is
/// ```
struct Markup: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var raw: String

    init(raw: String) { self.raw = raw }
    init(stringLiteral value: String) { raw = value }
    init(stringInterpolation: StringInterpolation) { raw = stringInterpolation.raw }

    static let empty = Markup(raw: "")

    var description: String { raw }
    var isEmpty: Bool { raw.isEmpty }

    /// `markup` when `condition` holds, else nothing.
    static func when(_ condition: Bool, _ markup: Markup) -> Markup { condition ? markup : .empty }

    /// ` name="value"` with the value escaped, or nothing when the value is nil or empty.
    static func attribute(_ name: String, _ value: String?) -> Markup {
        guard let value, !value.isEmpty else { return .empty }
        return Markup(raw: " \(name)=\"\(escape(value))\"")
    }

    /// Escaped text.
    static func text(_ s: String) -> Markup { Markup(raw: escape(s)) }

    static func + (a: Markup, b: Markup) -> Markup { Markup(raw: a.raw + b.raw) }
    static func += (a: inout Markup, b: Markup) { a.raw += b.raw }

    struct StringInterpolation: StringInterpolationProtocol {
        var raw = ""
        init(literalCapacity: Int, interpolationCount: Int) { raw.reserveCapacity(literalCapacity * 2) }
        mutating func appendLiteral(_ literal: String) { raw += literal }
        /// Text: escaped.
        mutating func appendInterpolation(_ text: String) { raw += escape(text) }
        mutating func appendInterpolation(_ markup: Markup) { raw += markup.raw }
        mutating func appendInterpolation(_ parts: [Markup]) { for p in parts { raw += p.raw } }
        mutating func appendInterpolation(_ n: Int) { raw += String(n) }
        /// A coordinate or length in SVG user units, at most 1 decimal.
        mutating func appendInterpolation(svg x: Double) { raw += svgNumber(x) }
    }

    /// Escapes text for element content and attribute values (`XMLEscape.text`).
    static func escape(_ s: String) -> String { XMLEscape.text(s) }
}

extension Array where Element == Markup {
    func joined(separator: Markup = .empty) -> Markup {
        Markup(raw: map(\.raw).joined(separator: separator.raw))
    }
}

/// An SVG number: rounded to 0.1, no trailing ".0", never "-0" or NaN.
func svgNumber(_ x: Double) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: SVGNumber.capacity) { buffer in
        let start = SVGNumber.write(x, into: buffer)
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
    }
}

/// `svgNumber`'s text written in bytes: no string made on the way.
enum SVGNumber {
    static let capacity = 24

    /// Writes the text at the end of `buffer` (of `capacity` bytes) and returns where it starts.
    @inline(__always) static func write(_ x: Double, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = capacity
        guard x.isFinite, abs(x) < 1e12 else { i -= 1; buffer[i] = UInt8(ascii: "0"); return i }
        let tenths = Int((x * 10).rounded())
        var a = tenths.magnitude
        let fraction = a % 10
        a /= 10
        if fraction != 0 {
            i -= 1; buffer[i] = UInt8(ascii: "0") + UInt8(fraction)
            i -= 1; buffer[i] = UInt8(ascii: ".")
        }
        repeat { i -= 1; buffer[i] = UInt8(ascii: "0") + UInt8(a % 10); a /= 10 } while a != 0
        if tenths < 0 { i -= 1; buffer[i] = UInt8(ascii: "-") }
        return i
    }
}

extension TextBytes {
    /// `svgNumber(x)`.
    mutating func append(svg x: Double) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: SVGNumber.capacity) { buffer in
            let start = SVGNumber.write(x, into: buffer)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Points as an SVG `points` attribute: `x,y x,y …` in `svgNumber`s.
    mutating func append(svgPoints points: [(x: Double, y: Double)]) {
        for (i, p) in points.enumerated() {
            if i > 0 { append(byte: UInt8(ascii: " ")) }
            append(svg: p.x)
            append(byte: UInt8(ascii: ","))
            append(svg: p.y)
        }
    }
}

/// A text in both report languages. Each part is markup (literal text here, or escaped input).
struct Bi: Sendable, Equatable {
    var vi: Markup
    var en: Markup

    init(_ vi: Markup, _ en: Markup) { self.vi = vi; self.en = en }
    /// The same text in both languages (a name, a number without separators).
    init(same: Markup) { vi = same; en = same }

    /// Both languages as HTML spans, one hidden by the page's language class.
    var html: Markup {
        vi == en ? vi : "<span lang=\"vi\">\(vi)</span><span lang=\"en\">\(en)</span>"
    }

    /// Both languages as SVG `tspan`s, for inside a `<text>` element.
    var svg: Markup {
        vi == en ? vi : "<tspan lang=\"vi\">\(vi)</tspan><tspan lang=\"en\">\(en)</tspan>"
    }

    /// Both languages in one plain string (for attributes and SVG titles read by screen
    /// readers): the default language first.
    func plain(first language: String) -> String {
        let v = Bi.unescape(vi.raw), e = Bi.unescape(en.raw)
        if v == e { return v }
        return language == "en" ? "\(e) / \(v)" : "\(v) / \(e)"
    }

    /// The rough width of the longer language's text in SVG units.
    func longestPlainWidth(size: Double) -> Double {
        max(ChartStyle.textWidth(Bi.unescape(vi.raw), size: size), ChartStyle.textWidth(Bi.unescape(en.raw), size: size))
    }

    static func + (a: Bi, b: Bi) -> Bi { Bi(a.vi + b.vi, a.en + b.en) }

    /// Strips tags and decodes the entities `Markup.escape` writes.
    static func unescape(_ s: String) -> String {
        // Without a "<" or an "&" there is nothing to strip or decode.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return s }
        var noTags = ""
        var inTag = false
        for c in s {
            if c == "<" { inTag = true } else if c == ">" && inTag { inTag = false } else if !inTag { noTags.append(c) }
        }
        return noTags.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
