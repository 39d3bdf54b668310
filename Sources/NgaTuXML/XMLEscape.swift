/// The project's one XML escaper: the report's pages and map drawings and the SUMO files all
/// go through it, so every output is well-formed XML whatever the text (ids, names, a map's
/// attribution, notes).
///
/// XML 1.0 allows tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and the
/// supplementary planes; the other C0 controls, U+FFFE and U+FFFF cannot appear even as
/// references, so they are dropped. DEL and the C1 controls (U+007F–U+009F) are allowed but
/// discouraged (and invisible): dropped too.
public enum XMLEscape {
    /// Text for element content or a quoted attribute value (XML and HTML alike): `&`, `<`,
    /// `>`, `"` and `'` as references, tab, line feed and carriage return kept.
    public static func text(_ s: String) -> String { escape(s, whitespaceAsReferences: false) }

    /// An attribute value that reads back exactly: as `text`, and tab, line feed and carriage
    /// return as references (a parser turns them into spaces otherwise).
    public static func attribute(_ s: String) -> String { escape(s, whitespaceAsReferences: true) }

    private static func escape(_ s: String, whitespaceAsReferences: Bool) -> String {
        // Most texts have nothing to escape: returned as they are. Checked on the UTF-8 bytes:
        // printable ASCII but the five escaped characters, tab, line feed and carriage return
        // when they stay, and any other character XML allows (not DEL, the C1 controls
        // U+0080–U+009F, C2 80–C2 9F, nor U+FFFE and U+FFFF, EF BF BE/BF): a name in
        // Vietnamese is as plain as an id.
        var text = s
        let plain = text.withUTF8 { isPlain($0, whitespaceAsReferences) }
        if plain { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t" where whitespaceAsReferences: out += "&#9;"
            case "\n" where whitespaceAsReferences: out += "&#10;"
            case "\r" where whitespaceAsReferences: out += "&#13;"
            default: if allowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    private static func isPlain(_ u: UnsafeBufferPointer<UInt8>, _ whitespaceAsReferences: Bool) -> Bool {
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                return false
            case 0x20...0x7E, 0x80...0xBF:
                break
            case 0x09, 0x0A, 0x0D:
                if whitespaceAsReferences { return false }
            case 0xC2:
                if i + 1 < n && u[i + 1] <= 0x9F { return false }
            case 0xEF:
                if i + 2 < n && u[i + 1] == 0xBF && u[i + 2] >= 0xBE { return false }
            case 0xC3...0xEE, 0xF0...0xF4:
                break
            default:
                return false
            }
            i += 1
        }
        return true
    }

    /// Text for the inside of a comment, `<!--` … `-->`: a comment may not hold two hyphens in a
    /// row nor end with one, so a space goes between two hyphens (in one pass: `a---b` becomes
    /// `a- - -b`) and after a final hyphen; characters XML does not allow are dropped.
    public static func comment(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var lastHyphen = false
        for scalar in s.unicodeScalars where allowed(scalar) {
            if scalar == "-" && lastHyphen { out += " " }
            out.unicodeScalars.append(scalar)
            lastHyphen = scalar == "-"
        }
        if lastHyphen { out += " " }
        return out
    }

    /// A character XML allows literally (see above); the surrogate range cannot occur in a
    /// Swift string.
    @inline(__always) static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return true }
        return !(v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF)
    }
}
