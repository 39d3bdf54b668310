/// Clock times of a scenario with `start:` (formats.md additions): a simulated time in seconds
/// shown as the time of day, so a planner reads `06:20` instead of `1200`.
public enum ClockText {
    /// `HH:MM` when the time falls on a whole minute, else `HH:MM:SS`; hours run past 24 for a
    /// run that crosses midnight (`25:10` is 01:10 the next day), so times stay ordered.
    public static func format(secondsOfDay s: Double) -> String {
        let total = Int((s * 1000).rounded()) / 1000
        let h = total / 3600, m = (total % 3600) / 60, sec = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return sec == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(sec))"
    }

    /// The clock time of simulated time `t` for a run starting at `start` (seconds after midnight).
    public static func format(_ t: Double, start: Double) -> String { format(secondsOfDay: start + t) }
}
