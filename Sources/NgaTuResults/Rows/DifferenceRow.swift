/// One row of `differences.csv`: one strategy against the baseline at one sweep point on one
/// measure, paired by replication (common random numbers: the same seeds for every strategy),
/// with a verdict word a planner can read without comparing two intervals.
///
/// The figures are `comparison.csv`'s paired difference (`ComparisonBuilder`, GSL Student-t
/// interval), not a second computation: this table picks the measures a planner asks about and
/// says what the interval means. Rows exist only where the difference does (not for the
/// baseline itself, not for a measure the results lack).
public struct DifferenceRow: ResultRow, Hashable {
    /// The verdict of a paired interval; lower is better for every measure of the table.
    public enum Verdict: String, Sendable, CaseIterable {
        /// The 95% interval of (strategy − baseline) lies entirely below 0.
        case better
        /// It lies entirely above 0.
        case worse
        /// It contains 0, or there is no interval (one pair).
        case noClearDifference = "no clear difference"

        /// The verdict of an interval of (strategy − baseline) on a lower-is-better measure.
        public init(low: Double?, high: Double?) {
            if let high, high < 0 { self = .better } else if let low, low > 0 { self = .worse } else { self = .noClearDifference }
        }
    }

    /// The measures of the table, in column order of the file: delay per demanded vehicle (the
    /// headline), delay per finished vehicle, vehicles unfinished at the end and vehicles still
    /// waiting to enter. Lower is better for each.
    public static let measures: [RunMeasure] = [.meanDelayAllS, .meanDelayS, .vehiclesUnfinished, .vehiclesWaiting]

    public var strategy: String
    public var sweep: SweepPoint
    public var measure: RunMeasure
    /// The baseline strategy (with variants, in the baseline variant).
    public var baseline: String
    /// Replications where both have a value.
    public var pairs: Int
    /// The strategy's and the baseline's means over their replications (`comparison.csv`).
    public var mean: Double?
    public var baselineMean: Double?
    /// Mean of (strategy − baseline) over the pairs and its 95% Student-t interval (nil with
    /// one pair).
    public var diff: Double
    public var diffCI95Low: Double?
    public var diffCI95High: Double?
    public var verdict: Verdict

    public init(strategy: String, sweep: SweepPoint, measure: RunMeasure, baseline: String, pairs: Int,
                mean: Double?, baselineMean: Double?, diff: Double, diffCI95Low: Double?, diffCI95High: Double?) {
        self.strategy = strategy; self.sweep = sweep; self.measure = measure; self.baseline = baseline
        self.pairs = pairs; self.mean = mean; self.baselineMean = baselineMean; self.diff = diff
        self.diffCI95Low = diffCI95Low; self.diffCI95High = diffCI95High
        verdict = Verdict(low: diffCI95Low, high: diffCI95High)
    }

    public static let tableName = "differences"
    public static let trailingColumns: [Column] = [
        Column("measure", .text), Column("baseline", .text), Column("n_pairs", .integer),
        Column("mean", .real, optional: true), Column("baseline_mean", .real, optional: true),
        Column("diff_vs_baseline", .real), Column("diff_ci95_low", .real, optional: true),
        Column("diff_ci95_high", .real, optional: true), Column("verdict", .text),
    ]
    public static let keyColumns = ["measure"]

    public var trailingCells: [Cell] {
        [.text(measure.rawValue), .text(baseline), pairs.cell, mean.cell, baselineMean.cell,
         diff.cell, diffCI95Low.cell, diffCI95High.cell, .text(verdict.rawValue)]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        guard let measure = RunMeasure(rawValue: try r.string(0)) else {
            throw ResultDecodingError(table: Self.tableName, column: "measure", found: cells[0])
        }
        self.init(strategy: strategy, sweep: sweep, measure: measure, baseline: try r.string(1), pairs: try r.int(2),
                  mean: try r.optionalDouble(3), baselineMean: try r.optionalDouble(4), diff: try r.double(5),
                  diffCI95Low: try r.optionalDouble(6), diffCI95High: try r.optionalDouble(7))
        guard Verdict(rawValue: try r.string(8)) == verdict else {
            throw ResultDecodingError(table: Self.tableName, column: "verdict", found: cells[8])
        }
    }
}
