import SQLiteStore

/// One row of `junctions.csv`: one approach of one signalised junction, for one strategy at one
/// sweep point, averaged over replications (see `JunctionAggregator`).
public struct JunctionRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var junction: String
    public var approach: String
    /// Mean control delay (s/veh): the wait at the stop line of the vehicles released in the
    /// measured window and of those still queued at its end (their wait so far); nil when no
    /// vehicle was released or queued there.
    public var controlDelayS: Double?
    /// Level of service A–F; nil when the delay is missing.
    public var los: String?
    public var maxQueueVeh: Double
    public var maxQueuePcu: Double
    public var maxQueueM: Double
    public var meanQueuePcu: Double
    public var throughputVeh: Double
    /// Volume over capacity; nil when the approach has no capacity figure.
    public var degreeOfSaturation: Double?
    /// Longest single wait at the stop line in any replication (s): the maximum over
    /// replications, not their mean, so that one vehicle held too long shows. Nil in results
    /// written before the column existed.
    public var maxWaitS: Double?
    /// Vehicles still queued at the stop line at the end of the run (mean over replications),
    /// counted in `controlDelayS` with their wait so far. Nil in results written before the
    /// column existed (whose control delay counted released vehicles only).
    public var stillQueuedVeh: Double?

    public init(strategy: String, sweep: SweepPoint, junction: String, approach: String,
                controlDelayS: Double?, los: String?, maxQueueVeh: Double, maxQueuePcu: Double,
                maxQueueM: Double, meanQueuePcu: Double, throughputVeh: Double, degreeOfSaturation: Double?,
                maxWaitS: Double? = nil, stillQueuedVeh: Double? = nil) {
        self.strategy = strategy; self.sweep = sweep; self.junction = junction; self.approach = approach
        self.controlDelayS = controlDelayS; self.los = los; self.maxQueueVeh = maxQueueVeh
        self.maxQueuePcu = maxQueuePcu; self.maxQueueM = maxQueueM; self.meanQueuePcu = meanQueuePcu
        self.throughputVeh = throughputVeh; self.degreeOfSaturation = degreeOfSaturation
        self.maxWaitS = maxWaitS; self.stillQueuedVeh = stillQueuedVeh
    }

    public static let tableName = "junctions"
    static let measureColumns: [Column] = [
        Column("control_delay_s", .real, optional: true), Column("los", .text, optional: true),
        Column("max_queue_veh", .real), Column("max_queue_pcu", .real), Column("max_queue_m", .real),
        Column("mean_queue_pcu", .real), Column("throughput_veh", .real),
        Column("degree_of_saturation", .real, optional: true),
        // Added after version 1: optional so that older results read.
        Column("max_wait_s", .real, optional: true), Column("still_queued_veh", .real, optional: true),
    ]
    public static let trailingColumns = [Column("junction", .text), Column("approach", .text)] + measureColumns
    public static let keyColumns = ["junction", "approach"]

    var measureCells: [Cell] {
        [controlDelayS.cell, los.cell, maxQueueVeh.cell, maxQueuePcu.cell,
         maxQueueM.cell, meanQueuePcu.cell, throughputVeh.cell,
         degreeOfSaturation.cell, maxWaitS.cell, stillQueuedVeh.cell]
    }

    public var trailingCells: [Cell] { [.text(junction), .text(approach)] + measureCells }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(strategy: strategy, sweep: sweep, junction: try r.string(0), approach: try r.string(1),
                  controlDelayS: try r.optionalDouble(2), los: try r.optionalString(3),
                  maxQueueVeh: try r.double(4), maxQueuePcu: try r.double(5), maxQueueM: try r.double(6),
                  meanQueuePcu: try r.double(7), throughputVeh: try r.double(8),
                  degreeOfSaturation: try r.optionalDouble(9), maxWaitS: try r.optionalDouble(10),
                  stillQueuedVeh: try r.optionalDouble(11))
    }
}

/// The junction measures of one approach in one run (table `junction_runs` of the database):
/// what `junctions.csv` averages over replications. Stored with each finished run so that an
/// interrupted run can be resumed.
public struct JunctionRunRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    public var junction: String
    public var approach: String
    public var controlDelayS: Double?
    public var los: String?
    public var maxQueueVeh: Double
    public var maxQueuePcu: Double
    public var maxQueueM: Double
    public var meanQueuePcu: Double
    public var throughputVeh: Double
    public var degreeOfSaturation: Double?
    /// Longest single wait at the stop line in this run (s).
    public var maxWaitS: Double?
    /// Vehicles still queued at the stop line at the end of this run.
    public var stillQueuedVeh: Double?

    public init(strategy: String, sweep: SweepPoint, replication: Int, junction: String, approach: String,
                controlDelayS: Double?, los: String?, maxQueueVeh: Double, maxQueuePcu: Double,
                maxQueueM: Double, meanQueuePcu: Double, throughputVeh: Double, degreeOfSaturation: Double?,
                maxWaitS: Double? = nil, stillQueuedVeh: Double? = nil) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication
        self.junction = junction; self.approach = approach
        self.controlDelayS = controlDelayS; self.los = los; self.maxQueueVeh = maxQueueVeh
        self.maxQueuePcu = maxQueuePcu; self.maxQueueM = maxQueueM; self.meanQueuePcu = meanQueuePcu
        self.throughputVeh = throughputVeh; self.degreeOfSaturation = degreeOfSaturation
        self.maxWaitS = maxWaitS; self.stillQueuedVeh = stillQueuedVeh
    }

    public static let tableName = "junction_runs"
    public static let trailingColumns =
        [Column("replication", .integer), Column("junction", .text), Column("approach", .text)]
        + JunctionRow.measureColumns
    public static let keyColumns = ["replication", "junction", "approach"]

    public var trailingCells: [Cell] {
        [replication.cell, .text(junction), .text(approach),
         controlDelayS.cell, los.cell, maxQueueVeh.cell, maxQueuePcu.cell,
         maxQueueM.cell, meanQueuePcu.cell, throughputVeh.cell,
         degreeOfSaturation.cell, maxWaitS.cell, stillQueuedVeh.cell]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0),
                  junction: try r.string(1), approach: try r.string(2),
                  controlDelayS: try r.optionalDouble(3), los: try r.optionalString(4),
                  maxQueueVeh: try r.double(5), maxQueuePcu: try r.double(6), maxQueueM: try r.double(7),
                  meanQueuePcu: try r.double(8), throughputVeh: try r.double(9),
                  degreeOfSaturation: try r.optionalDouble(10), maxWaitS: try r.optionalDouble(11),
                  stillQueuedVeh: try r.optionalDouble(12))
    }
}
