/// Escapes text for element content and attribute values (XML and HTML alike) and drops
/// characters XML does not allow (C0 controls other than tab, line feed and carriage
/// return; U+FFFE, U+FFFF), so the page stays well-formed whatever the input.
func xmlEscaped(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        default:
            let v = scalar.value
            if v < 0x20 || v == 0x7F || v == 0xFFFE || v == 0xFFFF || (0x80...0x9F).contains(v) { continue }
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
