/// One row of `sensitivity.csv`: the comparison of one strategy at one sweep point on one
/// measure, rerun with one estimated parameter set to another value (same seeds), or at the
/// scenario's own value (`isBase`, the rows of `comparison.csv` repeated so that each
/// parameter's low, base and high values read together).
public struct SensitivityRow: ResultRow, Hashable {
    /// The parameter's key path, e.g. `model.critical_gap` or `vehicles.motorbike.pcu`.
    public var parameter: String
    /// Its value in the parameter's default unit (s, PCU/h per lane, PCU).
    public var value: Double
    /// True for the scenario's own value.
    public var isBase: Bool
    /// The comparison at that value; its strategy and sweep are the row's.
    public var comparison: ComparisonRow
    /// On delay per demanded vehicle and mean delay: this strategy against `baseBest`, the
    /// best strategy at the scenario's own value at the same sweep point (see
    /// `SensitivityTable`), paired by replication at this value (same seeds): whether a
    /// strategy that overtakes it here is significantly ahead or level with it. Nil on the
    /// other measures, for `baseBest` itself, and in results written before the columns.
    public var versusBaseBest: BaseBestDifference?

    /// A strategy's paired difference from the scenario value's best strategy.
    public struct BaseBestDifference: Sendable, Hashable {
        public var strategy: String
        /// Mean of (this strategy − `strategy`) and its 95% interval (nil with one pair).
        public var diff: Double
        public var low: Double?
        public var high: Double?
        public init(strategy: String, diff: Double, low: Double?, high: Double?) {
            self.strategy = strategy; self.diff = diff; self.low = low; self.high = high
        }
    }

    public var strategy: String { comparison.strategy }
    public var sweep: SweepPoint { comparison.sweep }

    public init(parameter: String, value: Double, isBase: Bool, comparison: ComparisonRow,
                versusBaseBest: BaseBestDifference? = nil) {
        self.parameter = parameter; self.value = value; self.isBase = isBase; self.comparison = comparison
        self.versusBaseBest = versusBaseBest
    }

    public static let tableName = "sensitivity"
    public static let trailingColumns: [Column] =
        [Column("parameter", .text), Column("value", .real), Column("base", .integer)] + ComparisonRow.trailingColumns
        + [Column("base_best", .text, optional: true), Column("diff_vs_base_best", .real, optional: true),
           Column("diff_vs_base_best_ci95_low", .real, optional: true), Column("diff_vs_base_best_ci95_high", .real, optional: true)]
    public static let keyColumns = ["parameter", "value", "measure"]

    public var trailingCells: [Cell] {
        [.text(parameter), value.cell, (isBase ? 1 : 0).cell] + comparison.trailingCells
            + [versusBaseBest.map { Cell.text($0.strategy) } ?? .null, versusBaseBest?.diff.cell ?? .null,
               versusBaseBest?.low.cell ?? .null, versusBaseBest?.high.cell ?? .null]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        let n = ComparisonRow.trailingColumns.count
        let comparison = try ComparisonRow(strategy: strategy, sweep: sweep, trailingCells: Array(cells[3..<3 + n]))
        var versus: BaseBestDifference?
        if case .text(let best) = cells[3 + n], let diff = try r.optionalDouble(4 + n) {
            versus = BaseBestDifference(strategy: best, diff: diff, low: try r.optionalDouble(5 + n), high: try r.optionalDouble(6 + n))
        }
        self.init(parameter: try r.string(0), value: try r.double(1), isBase: try r.int(2) != 0, comparison: comparison,
                  versusBaseBest: versus)
    }
}
