import Stochastics

/// Computes `comparison.csv` from `runs.csv`.
///
/// For every strategy × sweep point that has runs, and every measure of `RunMeasure` (in
/// `runs.csv` column order):
/// - `n`, `mean`, `sd` and the Student-t interval of the mean (`level`, default 95%) over the
///   replications that have a value of the measure (a mean over zero finished vehicles is
///   missing, not zero);
/// - the difference to the baseline strategy, paired by replication: the mean of
///   (strategy − baseline) over the replications of the same sweep point where both have a
///   value, its Student-t interval and the two-sided paired t-test p-value.
///
/// Missing rather than NaN: with one value (or pair) the interval, `sd` and `p_value` are
/// empty; the baseline's own difference columns are empty; with no pair at all (no baseline
/// runs) the difference columns are empty.
///
/// Zero-variance rule for the p-value: when every paired difference is the same number d,
/// the t statistic is undefined; `p_value` is 1 when d = 0 (no difference at all) and 0 when
/// d ≠ 0 (the limit of the test as the spread goes to zero), and the interval is [d, d].
///
/// Rows come in the order of `RowOrder`: strategies in scenario order, sweep points in run
/// order, measures in column order. Two runs with the same key: the first in replication
/// order is used (the database forbids duplicates).
public struct ComparisonBuilder: Sendable {
    public var strategies: [String]
    public var baseline: String
    public var sweepPoints: [SweepPoint]
    public var level: Double
    /// With `variants:`, the baseline is the pair (baseline strategy, this variant: position and
    /// name); every other (strategy, variant) pair is compared with it at the same other sweep
    /// values.
    public var baselineVariant: (index: Int, name: String)?

    public init(strategies: [String], baseline: String, sweepPoints: [SweepPoint], level: Double = 0.95,
                baselineVariant: (index: Int, name: String)? = nil) {
        self.strategies = strategies; self.baseline = baseline
        self.sweepPoints = sweepPoints; self.level = level; self.baselineVariant = baselineVariant
    }

    public init(meta: RunMeta, level: Double = 0.95) {
        self.init(strategies: meta.strategyNames, baseline: meta.baseline,
                  sweepPoints: meta.sweep.points, level: level,
                  baselineVariant: meta.baselineVariant.map { ($0, meta.variantNames[$0]) })
    }

    /// The baseline's point for a group at `point`: the same point in the baseline variant.
    func baselinePoint(_ point: SweepPoint) -> SweepPoint {
        guard let v = baselineVariant else { return point }
        return point.inVariant(v.index, named: v.name)
    }

    public func build(from runs: [RunRow]) -> [ComparisonRow] {
        buildWithDifferences(from: runs).comparison
    }

    /// `comparison.csv` and `differences.csv` in one pass: each row of the second is the paired
    /// difference of a row of the first (the same `PairedDifference`), on the measures of
    /// `DifferenceRow.measures`, with the number of pairs and the baseline's mean beside it.
    public func buildWithDifferences(from runs: [RunRow]) -> (comparison: [ComparisonRow], differences: [DifferenceRow]) {
        let order = RowOrder(strategies: strategies, sweepPoints: sweepPoints)
        let sorted = order.sorted(runs) { [Double($0.replication)] }

        // (strategy, point) groups in order, each with its runs by replication.
        struct Group { var strategy: String; var sweep: SweepPoint; var byReplication: [Int: RunRow] = [:]; var replications: [Int] = [] }
        var groups: [Group] = []
        var index: [RunKeyPrefix: Int] = [:]
        for run in sorted {
            let k = RunKeyPrefix(strategy: run.strategy, sweep: run.sweep)
            let g: Int
            if let existing = index[k] { g = existing } else {
                g = groups.count
                index[k] = g
                groups.append(Group(strategy: run.strategy, sweep: run.sweep))
            }
            if groups[g].byReplication[run.replication] == nil {
                groups[g].byReplication[run.replication] = run
                groups[g].replications.append(run.replication)
            }
        }

        var rows: [ComparisonRow] = []
        var differences: [DifferenceRow] = []
        for group in groups {
            var groupDifferences: [DifferenceRow] = []
            let basePoint = baselinePoint(group.sweep)
            let base = group.strategy == baseline && group.sweep == basePoint ? nil
                : index[RunKeyPrefix(strategy: baseline, sweep: basePoint)].map { groups[$0] }
            for measure in RunMeasure.allCases {
                let values = group.replications.compactMap { group.byReplication[$0]!.value(of: measure) }
                let s = SampleSummary(values, level: level)
                var row = ComparisonRow(
                    strategy: group.strategy, sweep: group.sweep, measure: measure, n: values.count,
                    mean: finite(values.isEmpty ? nil : s.mean), sd: finite(s.sd),
                    ci95Low: finite(s.ciLow), ci95High: finite(s.ciHigh),
                    diffVsBaseline: nil, diffCI95Low: nil, diffCI95High: nil, pValue: nil)
                if let base {
                    var a: [Double] = [], b: [Double] = []
                    for r in group.replications {
                        if let x = group.byReplication[r]!.value(of: measure),
                           let y = base.byReplication[r]?.value(of: measure) {
                            a.append(x); b.append(y)
                        }
                    }
                    if !a.isEmpty {
                        let d = PairedDifference(a, b, level: level)
                        row.diffVsBaseline = finite(d.summary.mean)
                        row.diffCI95Low = finite(d.summary.ciLow)
                        row.diffCI95High = finite(d.summary.ciHigh)
                        row.pValue = finite(d.pValue)
                        if let diff = row.diffVsBaseline, DifferenceRow.measures.contains(measure) {
                            let baseValues = base.replications.compactMap { base.byReplication[$0]!.value(of: measure) }
                            groupDifferences.append(DifferenceRow(
                                strategy: group.strategy, sweep: group.sweep, measure: measure, baseline: baseline,
                                pairs: d.summary.n, mean: row.mean, baselineMean: finite(SampleSummary(baseValues, level: level).mean),
                                diff: diff, diffCI95Low: row.diffCI95Low, diffCI95High: row.diffCI95High))
                        }
                    }
                }
                rows.append(row)
            }
            differences += groupDifferences.sorted {
                DifferenceRow.measures.firstIndex(of: $0.measure)! < DifferenceRow.measures.firstIndex(of: $1.measure)!
            }
        }
        return (rows, differences)
    }

    private func finite(_ x: Double?) -> Double? {
        guard let x, x.isFinite else { return nil }
        return x
    }
}

struct RunKeyPrefix: Hashable {
    var strategy: String
    var sweep: SweepPoint
}
