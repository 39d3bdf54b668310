import SQLiteStore

/// One input of a controller's timing computation at one junction, e.g. Webster's y_i, L and C0,
/// so a planner can check the arithmetic (table `controller_inputs`).
///
/// Inputs depend on the demand, hence on the sweep point, but not on the replication.
public struct ControllerInputRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var junction: String
    /// e.g. `y_1`, `Y`, `L_s`, `C0_s`; unique per strategy, sweep point and junction.
    public var key: String
    public var value: Double
    /// Free text: unit or meaning, e.g. `flow ratio of phase 1 (N-S)`.
    public var note: String?

    public init(strategy: String, sweep: SweepPoint, junction: String, key: String, value: Double, note: String? = nil) {
        self.strategy = strategy; self.sweep = sweep; self.junction = junction
        self.key = key; self.value = value; self.note = note
    }

    public static let tableName = "controller_inputs"
    public static let trailingColumns: [Column] = [
        Column("junction", .text), Column("key", .text), Column("value", .real),
        Column("note", .text, optional: true),
    ]
    public static let keyColumns = ["junction", "key"]

    public var trailingCells: [Cell] { [.text(junction), .text(key), value.cell, note.cell] }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(strategy: strategy, sweep: sweep, junction: try r.string(0), key: try r.string(1),
                  value: try r.double(2), note: try r.optionalString(3))
    }
}
