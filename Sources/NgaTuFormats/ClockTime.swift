/// Clock times in scenario files (`start: "06:00"`, `from: "06:20"`): `H:MM` or `HH:MM:SS`,
/// hours 0–24 (`24:00` ends a day).
enum ClockTime {
    /// Seconds after midnight, or nil when `text` is not a clock time.
    static func parse(_ text: String) -> Double? {
        let parts = text.trimmingSpaces().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        let n = parts.map { Int($0)! }
        let h = n[0], m = n[1], s = n.count == 3 ? n[2] : 0
        guard m < 60, s < 60, h < 24 || (h == 24 && m == 0 && s == 0) else { return nil }
        return Double(h * 3600 + m * 60 + s)
    }

    /// `06:20` (or `06:20:30`) for seconds after midnight; hours go past 24 the next day.
    static func text(_ s: Double) -> String {
        let total = Int(s.rounded())
        let h = total / 3600, m = (total % 3600) / 60, sec = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return sec == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(sec))"
    }
}
