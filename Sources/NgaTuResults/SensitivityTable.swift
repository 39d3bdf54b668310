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
public enum SensitivityTable {
    /// Per parameter in the order of `blocks`, its values ascending: the comparison of the
    /// main runs (`baseRuns`) at a base block, of `runs(block)` at the others, each in the
    /// comparison's order. Runs are taken as a database gives them back (a NaN is a missing
    /// value), whether they were kept in memory or stored, and in any order.
    public static func rows(blocks: [SensitivityBlock], meta: RunMeta, baseRuns: [RunRow],
                            runs: (SensitivityBlock) -> [RunRow]) -> [SensitivityRow] {
        let builder = ComparisonBuilder(meta: meta)
        func comparison(_ runs: [RunRow]) -> [ComparisonRow] {
            let stored = runs.map { (try? RunRow(strategy: $0.strategy, sweep: $0.sweep, trailingCells: $0.trailingCells)) ?? $0 }
            var t = ResultTables(meta: meta, runs: stored).canonicallyOrdered()
            t.comparison = builder.build(from: t.runs)
            return t.canonicallyOrdered().comparison
        }
        let base = comparison(baseRuns)
        var parameters: [String] = []
        for b in blocks where !parameters.contains(b.parameter) { parameters.append(b.parameter) }
        var out: [SensitivityRow] = []
        for parameter in parameters {
            for block in blocks.filter({ $0.parameter == parameter }).sorted(by: { $0.value < $1.value }) {
                let rows = block.isBase ? base : comparison(runs(block))
                out += rows.map { SensitivityRow(parameter: parameter, value: block.value, isBase: block.isBase, comparison: $0) }
            }
        }
        return out
    }
}
