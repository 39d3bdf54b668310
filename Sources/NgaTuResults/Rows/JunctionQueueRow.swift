import SQLiteStore

/// Queued PCU at one signalised junction (all its approaches) at one sample time of one run:
/// table `junction_queues` of results.sqlite, for the report's queues over time at the worst
/// junctions. (Not a CSV file: it has a row per junction per sample.)
public struct JunctionQueueRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    public var timeS: Double
    public var junction: String
    public var queuedPcu: Double

    public init(strategy: String, sweep: SweepPoint, replication: Int, timeS: Double, junction: String, queuedPcu: Double) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication
        self.timeS = timeS; self.junction = junction; self.queuedPcu = queuedPcu
    }

    public static let tableName = "junction_queues"
    public static let trailingColumns: [Column] = [
        Column("replication", .integer), Column("time_s", .real), Column("junction", .text), Column("queued_pcu", .real),
    ]
    public static let keyColumns = ["replication", "time_s", "junction"]

    public var trailingCells: [Cell] {
        [replication.cell, timeS.cell, .text(junction), queuedPcu.cell]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), timeS: try r.double(1),
                  junction: try r.string(2), queuedPcu: try r.double(3))
    }
}
