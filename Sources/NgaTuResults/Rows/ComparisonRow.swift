import SQLiteStore

/// One row of `comparison.csv`: one measure of one strategy at one sweep point, summarised over
/// replications, and its difference to the baseline paired by replication.
///
/// Missing statistics (an interval from one replication, the difference of the baseline to
/// itself) are nil: empty cells, never NaN.
public struct ComparisonRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var measure: RunMeasure
    /// Replications with a value of the measure.
    public var n: Int
    public var mean: Double?
    public var sd: Double?
    public var ci95Low: Double?
    public var ci95High: Double?
    /// Mean of (this strategy − baseline) over replications where both have a value.
    public var diffVsBaseline: Double?
    public var diffCI95Low: Double?
    public var diffCI95High: Double?
    /// Two-sided paired t-test p-value (see `ComparisonBuilder` for the zero-variance rule).
    public var pValue: Double?

    public init(strategy: String, sweep: SweepPoint, measure: RunMeasure, n: Int,
                mean: Double?, sd: Double?, ci95Low: Double?, ci95High: Double?,
                diffVsBaseline: Double?, diffCI95Low: Double?, diffCI95High: Double?, pValue: Double?) {
        self.strategy = strategy; self.sweep = sweep; self.measure = measure; self.n = n
        self.mean = mean; self.sd = sd; self.ci95Low = ci95Low; self.ci95High = ci95High
        self.diffVsBaseline = diffVsBaseline; self.diffCI95Low = diffCI95Low
        self.diffCI95High = diffCI95High; self.pValue = pValue
    }

    public static let tableName = "comparison"
    public static let trailingColumns: [Column] = [
        Column("measure", .text), Column("n", .integer),
        Column("mean", .real, optional: true), Column("sd", .real, optional: true),
        Column("ci95_low", .real, optional: true), Column("ci95_high", .real, optional: true),
        Column("diff_vs_baseline", .real, optional: true),
        Column("diff_ci95_low", .real, optional: true), Column("diff_ci95_high", .real, optional: true),
        Column("p_value", .real, optional: true),
    ]
    public static let keyColumns = ["measure"]

    public var trailingCells: [Cell] {
        [.text(measure.rawValue), n.cell, mean.cell, sd.cell,
         ci95Low.cell, ci95High.cell, diffVsBaseline.cell,
         diffCI95Low.cell, diffCI95High.cell, pValue.cell]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        guard let measure = RunMeasure(rawValue: try r.string(0)) else {
            throw ResultDecodingError(table: Self.tableName, column: "measure", found: cells[0])
        }
        self.init(strategy: strategy, sweep: sweep, measure: measure, n: try r.int(1),
                  mean: try r.optionalDouble(2), sd: try r.optionalDouble(3),
                  ci95Low: try r.optionalDouble(4), ci95High: try r.optionalDouble(5),
                  diffVsBaseline: try r.optionalDouble(6), diffCI95Low: try r.optionalDouble(7),
                  diffCI95High: try r.optionalDouble(8), pValue: try r.optionalDouble(9))
    }
}
