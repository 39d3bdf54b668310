import SQLiteStore

/// One row of `timeseries.csv`: the state of the network at one sample time of one run.
public struct TimeSeriesRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    public var timeS: Double
    public var vehiclesInNetwork: Int
    /// Mean speed of the vehicles on the map; nil when there are none.
    public var meanSpeedKmh: Double?
    public var queuedPcu: Double

    public init(strategy: String, sweep: SweepPoint, replication: Int, timeS: Double,
                vehiclesInNetwork: Int, meanSpeedKmh: Double?, queuedPcu: Double) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication; self.timeS = timeS
        self.vehiclesInNetwork = vehiclesInNetwork; self.meanSpeedKmh = meanSpeedKmh; self.queuedPcu = queuedPcu
    }

    public static let tableName = "timeseries"
    public static let trailingColumns: [Column] = [
        Column("replication", .integer), Column("time_s", .real), Column("vehicles_in_network", .integer),
        Column("mean_speed_kmh", .real, optional: true), Column("queued_pcu", .real),
    ]
    public static let keyColumns = ["replication", "time_s"]

    public var trailingCells: [Cell] {
        [replication.cell, timeS.cell, vehiclesInNetwork.cell,
         meanSpeedKmh.cell, queuedPcu.cell]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), timeS: try r.double(1),
                  vehiclesInNetwork: try r.int(2), meanSpeedKmh: try r.optionalDouble(3),
                  queuedPcu: try r.double(4))
    }
}
