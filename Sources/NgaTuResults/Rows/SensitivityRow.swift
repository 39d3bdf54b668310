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

    public var strategy: String { comparison.strategy }
    public var sweep: SweepPoint { comparison.sweep }

    public init(parameter: String, value: Double, isBase: Bool, comparison: ComparisonRow) {
        self.parameter = parameter; self.value = value; self.isBase = isBase; self.comparison = comparison
    }

    public static let tableName = "sensitivity"
    public static let trailingColumns: [Column] =
        [Column("parameter", .text), Column("value", .real), Column("base", .integer)] + ComparisonRow.trailingColumns
    public static let keyColumns = ["parameter", "value", "measure"]

    public var trailingCells: [Cell] {
        [.text(parameter), value.cell, (isBase ? 1 : 0).cell] + comparison.trailingCells
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        let comparison = try ComparisonRow(strategy: strategy, sweep: sweep, trailingCells: Array(cells.dropFirst(3)))
        self.init(parameter: try r.string(0), value: try r.double(1), isBase: try r.int(2) != 0, comparison: comparison)
    }
}
