/// One value of one parameter in `sensitivity.csv`: the scenario's own value (`isBase`: the
/// main comparison) or a value the check reruns the plan at.
public struct SensitivityBlock: Sendable, Equatable {
    /// Key path, e.g. `model.critical_gap`.
    public var parameter: String
    public var value: Double
    public var isBase: Bool

    public init(parameter: String, value: Double, isBase: Bool) {
        self.parameter = parameter; self.value = value; self.isBase = isBase
    }
}

/// `sensitivity.csv`'s rows from the runs: one computation for a whole run (its reruns held in
/// memory) and for `ngatu merge` (the reruns of every shard), so both store the same rows.
///
/// Every value reruns the same jobs on the same seeds as the main runs, so strategies are
/// compared paired by replication within a value: against the baseline (the comparison's
/// columns) and, on delay per demanded vehicle and mean delay, against the best strategy at the
/// scenario's own value at the same sweep point (`base_best` and the three columns after it),
/// so that a strategy that overtakes it at another value is said to be significantly ahead or
/// level from the paired interval, not from the overlap of two intervals against the baseline.
public enum SensitivityTable {
    /// Per parameter in the order of `blocks`, its values ascending: the comparison of the
    /// main runs (`baseRuns`) at a base block, of `runs(block)` at the others, each in the
    /// comparison's order. Runs are taken as a database gives them back (a NaN is a missing
    /// value), whether they were kept in memory or stored, and in any order.
    public static func rows(blocks: [SensitivityBlock], meta: RunMeta, baseRuns: [RunRow],
                            runs: (SensitivityBlock) -> [RunRow]) -> [SensitivityRow] {
        let builder = ComparisonBuilder(meta: meta)
        func stored(_ runs: [RunRow]) -> [RunRow] {
            runs.map { (try? RunRow(strategy: $0.strategy, sweep: $0.sweep, trailingCells: $0.trailingCells)) ?? $0 }
        }
        func comparison(_ runs: [RunRow]) -> [ComparisonRow] {
            var t = ResultTables(meta: meta, runs: runs).canonicallyOrdered()
            t.comparison = builder.build(from: t.runs)
            return t.canonicallyOrdered().comparison
        }
        let mainRuns = stored(baseRuns)
        let base = comparison(mainRuns)
        let best = baseBest(base, baseline: meta.baseline)
        /// Each row with its paired difference from the scenario value's best at its point,
        /// over `runs` (the value's own runs, on the same seeds as the main runs).
        func rows(_ parameter: String, _ block: SensitivityBlock, _ comparison: [ComparisonRow], _ runs: [RunRow]) -> [SensitivityRow] {
            comparison.map { c in
                var versus: SensitivityRow.BaseBestDifference?
                if let b = best[BestKey(point: c.sweep, measure: c.measure)], b != c.strategy,
                   let d = RunPairDifference(c.measure, (c.strategy, c.sweep), minus: (b, c.sweep), in: runs) {
                    versus = .init(strategy: b, diff: d.mean, low: d.low, high: d.high)
                }
                return SensitivityRow(parameter: parameter, value: block.value, isBase: block.isBase, comparison: c, versusBaseBest: versus)
            }
        }
        var parameters: [String] = []
        for b in blocks where !parameters.contains(b.parameter) { parameters.append(b.parameter) }
        var out: [SensitivityRow] = []
        for parameter in parameters {
            for block in blocks.filter({ $0.parameter == parameter }).sorted(by: { $0.value < $1.value }) {
                if block.isBase {
                    out += rows(parameter, block, base, mainRuns)
                } else {
                    let r = stored(runs(block))
                    out += rows(parameter, block, comparison(r), r)
                }
            }
        }
        return out
    }

    /// The measures on which each strategy is compared, paired, with the scenario value's best:
    /// the delays the report's robustness section ranks by.
    public static let pairedMeasures: Set<RunMeasure> = [.meanDelayAllS, .meanDelayS]

    struct BestKey: Hashable { var point: SweepPoint; var measure: RunMeasure }

    /// At each sweep point, on each of `pairedMeasures`: the strategy other than the baseline
    /// with the lowest mean difference against the baseline (the first in the comparison's
    /// order on a tie), as the report's robustness section picks the best.
    static func baseBest(_ comparison: [ComparisonRow], baseline: String) -> [BestKey: String] {
        var best: [BestKey: (String, Double)] = [:]
        for c in comparison where c.strategy != baseline && pairedMeasures.contains(c.measure) {
            guard let d = c.diffVsBaseline, d.isFinite else { continue }
            let k = BestKey(point: c.sweep, measure: c.measure)
            if best[k] == nil || d < best[k]!.1 { best[k] = (c.strategy, d) }
        }
        return best.mapValues(\.0)
    }
}
