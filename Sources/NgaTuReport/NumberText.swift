/// Numbers as the audience reads them: `1.234,5` in Vietnamese, `1,234.5` in English, with a
/// true minus sign. Both forms go into the page; the language switch shows one.
enum NumberText {
    /// `x` with `decimals` digits after the separator, grouped by thousands.
    static func format(_ x: Double, decimals: Int, language: String) -> String {
        guard x.isFinite else { return "–" }
        let grouping = language == "vi" ? "." : ","
        let point = language == "vi" ? "," : "."
        let scale = pow10(decimals)
        let scaled = (abs(x) * scale).rounded()
        let negative = x < 0 && scaled != 0
        let whole = UInt64(scaled / scale)
        let fraction = UInt64(scaled - Double(whole) * scale)
        var digits = Array(String(whole))
        var grouped = ""
        while digits.count > 3 {
            grouped = grouping + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        var text = (negative ? "\u{2212}" : "") + grouped
        if decimals > 0 {
            let f = String(fraction)
            text += point + String(repeating: "0", count: decimals - f.count) + f
        }
        return text
    }

    /// Decimals that show a measure sensibly: 0 from 100, 1 from 10, else 2.
    static func decimals(for x: Double) -> Int {
        let a = abs(x)
        return a >= 100 ? 0 : a >= 10 ? 1 : 2
    }

    /// A number in both languages.
    static func bi(_ x: Double, decimals: Int) -> Bi {
        Bi(.text(format(x, decimals: decimals, language: "vi")), .text(format(x, decimals: decimals, language: "en")))
    }

    /// A number with the decimals of `decimals(for:)` (of `reference` when given, so a column
    /// of a table keeps one precision).
    static func bi(_ x: Double, like reference: Double? = nil) -> Bi {
        bi(x, decimals: decimals(for: reference ?? x))
    }

    /// A sweep value such as a demand scale: one decimal, two when needed (`0,8`, `1,0`, `1,25`).
    static func scale(_ x: Double) -> Bi {
        bi(x, decimals: (x * 10).rounded() == x * 10 ? 1 : 2)
    }

    /// A signed percentage, e.g. `−18%` / `+4.5%`.
    static func percent(_ x: Double, signed: Bool = true) -> Bi {
        let d = abs(x) >= 10 ? 0 : 1
        let sign = signed && (x * pow10(d)).rounded() > 0 ? "+" : ""
        return Bi(.text(sign + format(x, decimals: d, language: "vi") + "%"),
                  .text(sign + format(x, decimals: d, language: "en") + "%"))
    }

    /// An interval in brackets: `[−32%; +2,8%]` in Vietnamese, whose decimal comma a comma
    /// between the bounds would blur, `[−32%, +2.8%]` in English.
    static func interval(_ low: Bi, _ high: Bi) -> Bi {
        Bi(same: "[") + low + Bi("; ", ", ") + high + Bi(same: "]")
    }

    private static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }
}
