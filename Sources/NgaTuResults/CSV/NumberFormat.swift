/// The one number format of every CSV file (and of numbers stored as text in the database).
///
/// Rule:
/// - A number with no fractional part and magnitude below 10^15 prints as an integer, without
///   ".0": `30`, `-5`, `0` (negative zero prints `0`).
/// - Any other finite number prints in the shortest form that reads back to exactly the same
///   `Double` (Swift's `description`, the same on every platform and locale-independent):
///   `31.2`, `0.1`, `1.2345e-05`, `2.5e+20`. Files are therefore lossless: reading a CSV cell
///   back gives the very value in `results.sqlite`.
/// - NaN and infinities are never written: they print as an empty cell (a missing value).
public enum NumberFormat {
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(.towardZero) && abs(x) < 1e15 {
            return String(Int64(x))
        }
        return x.description
    }

    public static func format(_ n: Int) -> String { String(n) }
}
