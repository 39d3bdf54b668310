import Foundation

/// Small helpers for messages to the user, shared by every module that validates input.

/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// The closest candidate within a small edit distance (optimal string alignment: a swap of
    /// two neighbouring letters counts as one edit), or nil.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        guard word.count <= 64 else { return nil }
        let limit = word.count <= 3 ? 1 : 2
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= limit, d < c.count, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

/// A number for messages: `90`, `1.5`, `0.333`.
public func formatNumber(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(format: "%.3f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}

/// Input quoted back to the user, made safe for a terminal and short enough to read.
public enum Echo {
    /// Longest text of the input an error message quotes (longer text is cut with "…").
    public static let excerptLength = 40

    /// `text` with every control character written as an escape (`\e`, `\n`, `\x07`,
    /// `\u{202E}`): an escape sequence in a file or an id must never reach the terminal raw,
    /// where it could retitle the window or hide text. Bidirectional overrides count as control.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for u in text.unicodeScalars {
            switch u.value {
            case 0x1B: out += "\\e"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F..<0xA0: out += "\\x" + hex(u.value, width: 2)
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
                out += "\\u{" + hex(u.value, width: 4) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// The first `limit` characters of `text`, escaped, with "…" when cut.
    public static func excerpt(_ text: String, limit: Int = excerptLength) -> String {
        var cut = Substring(text)
        var ellipsis = ""
        if text.utf8.count > limit {   // cheap test first: a 1 MB id is not counted in characters
            let prefix = text.prefix(limit)
            if prefix.endIndex < text.endIndex { cut = prefix; ellipsis = "…" }
        }
        return escaped(String(cut)) + ellipsis
    }

    /// One line for stderr: control characters escaped and the whole cut to `limit`
    /// characters, so that no input, however long or hostile, floods or drives the terminal.
    public static func line(_ text: String, limit: Int = 2000) -> String {
        excerpt(text, limit: limit)
    }

    /// Text of several lines (a usage message) made safe line by line, as `line` does.
    public static func lines(_ text: String, limit: Int = 2000) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line(String($0), limit: limit) }.joined(separator: "\n")
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
