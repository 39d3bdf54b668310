import SQLiteStore

/// A warning raised during a run, e.g. gridlock (table `warnings`).
public struct WarningRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    /// Simulation time of the event (s).
    public var timeS: Double
    /// Kind of warning, e.g. `gridlock`.
    public var kind: String
    /// Junctions involved (stored as text separated by `;`).
    public var junctions: [String]
    public var message: String

    public init(strategy: String, sweep: SweepPoint, replication: Int, timeS: Double, kind: String,
                junctions: [String], message: String) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication; self.timeS = timeS
        self.kind = kind; self.junctions = junctions; self.message = message
    }

    public static let tableName = "warnings"
    public static let trailingColumns: [Column] = [
        Column("replication", .integer), Column("time_s", .real), Column("kind", .text),
        Column("junctions", .text), Column("message", .text),
    ]
    public static let keyColumns: [String] = []

    public var trailingCells: [Cell] {
        [replication.cell, timeS.cell, .text(kind), .text(junctions.joined(separator: ";")),
         .text(message)]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        let junctionText = try r.string(3)
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), timeS: try r.double(1),
                  kind: try r.string(2),
                  junctions: junctionText.split(separator: ";").map(String.init), message: try r.string(4))
    }
}
