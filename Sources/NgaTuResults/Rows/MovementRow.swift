import SQLiteStore

/// One row of `movements.csv`: one turning movement (approach → exit) of a signalised junction,
/// for one strategy at one sweep point, the mean over replications (see `MovementRoadAggregator`);
/// `max_wait_s` is the maximum over replications.
public struct MovementRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var junction: String
    public var approach: String
    /// `left`, `through`, `right` or `uturn`.
    public var turn: String
    /// The segment the movement leads into.
    public var toRoad: String
    /// Vehicles that reached the stop line for this movement, per hour of the measured window.
    public var demandVehH: Double
    /// Vehicles released across the stop line, per hour of the measured window.
    public var throughputVehH: Double
    /// Control delay (s/veh), as in `junctions.csv`: the wait at the stop line of the vehicles
    /// released in the measured window and of those still queued at its end (their wait so
    /// far); nil when none was released or queued.
    public var controlDelayS: Double?
    public var los: String?
    public var maxQueueVeh: Double
    /// Demand PCU over the movement's capacity (saturation flow × its effective green).
    public var degreeOfSaturation: Double?
    public var maxWaitS: Double?
    /// Vehicles still queued at the stop line at the end of the run (mean over replications),
    /// counted in `controlDelayS`; nil in results written before the column existed.
    public var stillQueuedVeh: Double?

    public init(strategy: String, sweep: SweepPoint, junction: String, approach: String, turn: String, toRoad: String,
                demandVehH: Double, throughputVehH: Double, controlDelayS: Double?, los: String?,
                maxQueueVeh: Double, degreeOfSaturation: Double?, maxWaitS: Double?, stillQueuedVeh: Double? = nil) {
        self.strategy = strategy; self.sweep = sweep; self.junction = junction; self.approach = approach
        self.turn = turn; self.toRoad = toRoad; self.demandVehH = demandVehH; self.throughputVehH = throughputVehH
        self.controlDelayS = controlDelayS; self.los = los; self.maxQueueVeh = maxQueueVeh
        self.degreeOfSaturation = degreeOfSaturation; self.maxWaitS = maxWaitS; self.stillQueuedVeh = stillQueuedVeh
    }

    public static let tableName = "movements"
    static let keyNames: [Column] = [Column("junction", .text), Column("approach", .text), Column("turn", .text), Column("to_road", .text)]
    static let measureColumns: [Column] = [
        Column("demand_veh_h", .real), Column("throughput_veh_h", .real),
        Column("control_delay_s", .real, optional: true), Column("los", .text, optional: true),
        Column("max_queue_veh", .real), Column("degree_of_saturation", .real, optional: true),
        Column("max_wait_s", .real, optional: true), Column("still_queued_veh", .real, optional: true),
    ]
    public static let trailingColumns = keyNames + measureColumns
    public static let keyColumns = ["junction", "approach", "turn", "to_road"]

    var keyCells: [Cell] { [.text(junction), .text(approach), .text(turn), .text(toRoad)] }
    var measureCells: [Cell] {
        [demandVehH.cell, throughputVehH.cell, controlDelayS.cell, los.cell, maxQueueVeh.cell,
         degreeOfSaturation.cell, maxWaitS.cell, stillQueuedVeh.cell]
    }
    public var trailingCells: [Cell] { keyCells + measureCells }

    init(strategy: String, sweep: SweepPoint, reading r: CellReader, from i: Int) throws {
        self.init(strategy: strategy, sweep: sweep, junction: try r.string(i), approach: try r.string(i + 1),
                  turn: try r.string(i + 2), toRoad: try r.string(i + 3),
                  demandVehH: try r.double(i + 4), throughputVehH: try r.double(i + 5),
                  controlDelayS: try r.optionalDouble(i + 6), los: try r.optionalString(i + 7),
                  maxQueueVeh: try r.double(i + 8), degreeOfSaturation: try r.optionalDouble(i + 9),
                  maxWaitS: try r.optionalDouble(i + 10), stillQueuedVeh: try r.optionalDouble(i + 11))
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        try self.init(strategy: strategy, sweep: sweep, reading: try CellReader(Self.self, cells), from: 0)
    }
}

/// The measures of one movement in one run (table `movement_runs`): what `movements.csv` averages.
public struct MovementRunRow: ResultRow, Hashable {
    public var replication: Int
    public var movement: MovementRow
    public var strategy: String { movement.strategy }
    public var sweep: SweepPoint { movement.sweep }

    public init(replication: Int, movement: MovementRow) { self.replication = replication; self.movement = movement }

    public static let tableName = "movement_runs"
    public static let trailingColumns = [Column("replication", .integer)] + MovementRow.trailingColumns
    public static let keyColumns = ["replication"] + MovementRow.keyColumns
    public var trailingCells: [Cell] { [replication.cell] + movement.trailingCells }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(replication: try r.int(0), movement: try MovementRow(strategy: strategy, sweep: sweep, reading: r, from: 1))
    }
}
