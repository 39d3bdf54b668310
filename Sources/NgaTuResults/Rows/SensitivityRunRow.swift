/// A run of the sensitivity check as a shard stores it (`ngatu run --shard K/N` of a scenario
/// with `sensitivity:`): the run's `runs` row, rerun with one estimated parameter at another
/// value. Only shard databases hold this table (`shard_sensitivity_runs`); `ngatu merge` builds
/// the `sensitivity` table from these rows of every shard, as a whole run builds it from the
/// runs it keeps in memory.
public struct SensitivityRunRow: ResultRow, Hashable {
    /// The parameter's key path, e.g. `model.critical_gap`.
    public var parameter: String
    /// Its value in this rerun.
    public var value: Double
    public var run: RunRow

    public var strategy: String { run.strategy }
    public var sweep: SweepPoint { run.sweep }

    public init(parameter: String, value: Double, run: RunRow) {
        self.parameter = parameter; self.value = value; self.run = run
    }

    public static let tableName = "shard_sensitivity_runs"
    public static let trailingColumns: [Column] = [Column("parameter", .text), Column("value", .real)] + RunRow.trailingColumns
    public static let keyColumns = ["parameter", "value", "replication"]

    public var trailingCells: [Cell] { [.text(parameter), value.cell] + run.trailingCells }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(parameter: try r.string(0), value: try r.double(1),
                  run: try RunRow(strategy: strategy, sweep: sweep, trailingCells: Array(cells.dropFirst(2))))
    }

    /// The rerun's identity: the parameter, its value and the run.
    public var key: SensitivityRunKey { SensitivityRunKey(parameter: parameter, value: value, run: run.key) }
}

/// One run of the sensitivity check: a run of the plan at one value of one parameter.
public struct SensitivityRunKey: Hashable, Sendable, CustomStringConvertible {
    public var parameter: String
    public var value: Double
    public var run: RunKey

    public init(parameter: String, value: Double, run: RunKey) {
        self.parameter = parameter; self.value = value; self.run = run
    }

    public var description: String { "\(parameter) = \(NumberFormat.format(value)): \(run)" }
}
