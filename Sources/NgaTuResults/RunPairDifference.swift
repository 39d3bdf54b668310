import Stochastics

/// The paired difference of one measure between two strategies' runs, matched by replication:
/// the same seeds (common random numbers), so the shared variation between replications cancels
/// and two strategies a few seconds apart can be told apart, or found level, with few runs.
///
/// The report uses it to say whether the best strategy is significantly ahead of the next one
/// (`comparison.csv` only has each strategy against the baseline).
public struct RunPairDifference: Sendable, Equatable {
    /// Pairs (replications where both have a value).
    public var n: Int
    /// Mean of (a − b).
    public var mean: Double
    /// The Student-t interval of that mean (GSL quantiles, `level`); nil below two pairs.
    public var low: Double?
    public var high: Double?

    /// True when the interval contains 0: the two are not significantly different. False
    /// without an interval (one pair says nothing either way; callers check `low`).
    public var containsZero: Bool {
        guard let low, let high else { return false }
        return low <= 0 && high >= 0
    }

    /// `a − b` on `measure` over the replications both (strategy, point) groups have; nil when
    /// they share none. A replication's first row counts (the database forbids duplicates).
    public init?(_ measure: RunMeasure, _ a: (strategy: String, point: SweepPoint),
                 minus b: (strategy: String, point: SweepPoint), in runs: [RunRow], level: Double = 0.95) {
        var bValues: [Int: Double] = [:]
        for r in runs where r.strategy == b.strategy && r.sweep == b.point && bValues[r.replication] == nil {
            if let v = r.value(of: measure) { bValues[r.replication] = v }
        }
        var xs: [Double] = [], ys: [Double] = [], seen: Set<Int> = []
        for r in runs where r.strategy == a.strategy && r.sweep == a.point && !seen.contains(r.replication) {
            seen.insert(r.replication)
            if let x = r.value(of: measure), let y = bValues[r.replication], x.isFinite, y.isFinite {
                xs.append(x); ys.append(y)
            }
        }
        guard !xs.isEmpty else { return nil }
        let d = PairedDifference(xs, ys, level: level).summary
        n = d.n
        mean = d.mean
        low = d.ciLow.flatMap { $0.isFinite ? $0 : nil }
        high = d.ciHigh.flatMap { $0.isFinite ? $0 : nil }
    }
}
