import SQLiteStore

/// One row of `roads.csv`: one directed segment, for one strategy at one sweep point, the mean
/// over replications (see `MovementRoadAggregator`).
public struct RoadRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    /// The segment id (`d304-1`, `d304-1~r`) and the junctions it runs between.
    public var segment: String
    public var from: String
    public var to: String
    /// Vehicles that entered the segment, per hour of the measured window.
    public var flowVehH: Double
    /// Length over the mean travel time; nil when no vehicle left the segment.
    public var meanSpeedKmh: Double?
    /// Mean time from entering the segment to leaving it (stop-line wait included).
    public var meanTravelTimeS: Double?
    public var freeFlowTimeS: Double
    public var maxQueueVeh: Double
    public var maxQueueM: Double

    public init(strategy: String, sweep: SweepPoint, segment: String, from: String, to: String, flowVehH: Double,
                meanSpeedKmh: Double?, meanTravelTimeS: Double?, freeFlowTimeS: Double, maxQueueVeh: Double, maxQueueM: Double) {
        self.strategy = strategy; self.sweep = sweep; self.segment = segment; self.from = from; self.to = to
        self.flowVehH = flowVehH; self.meanSpeedKmh = meanSpeedKmh; self.meanTravelTimeS = meanTravelTimeS
        self.freeFlowTimeS = freeFlowTimeS; self.maxQueueVeh = maxQueueVeh; self.maxQueueM = maxQueueM
    }

    public static let tableName = "roads"
    public static let trailingColumns: [Column] = [
        Column("segment", .text), Column("from", .text), Column("to", .text),
        Column("flow_veh_h", .real), Column("mean_speed_kmh", .real, optional: true),
        Column("mean_travel_time_s", .real, optional: true), Column("free_flow_time_s", .real),
        Column("max_queue_veh", .real), Column("max_queue_m", .real),
    ]
    public static let keyColumns = ["segment"]

    public var trailingCells: [Cell] {
        [.text(segment), .text(from), .text(to), flowVehH.cell, meanSpeedKmh.cell, meanTravelTimeS.cell,
         freeFlowTimeS.cell, maxQueueVeh.cell, maxQueueM.cell]
    }

    init(strategy: String, sweep: SweepPoint, reading r: CellReader, from i: Int) throws {
        self.init(strategy: strategy, sweep: sweep, segment: try r.string(i), from: try r.string(i + 1), to: try r.string(i + 2),
                  flowVehH: try r.double(i + 3), meanSpeedKmh: try r.optionalDouble(i + 4),
                  meanTravelTimeS: try r.optionalDouble(i + 5), freeFlowTimeS: try r.double(i + 6),
                  maxQueueVeh: try r.double(i + 7), maxQueueM: try r.double(i + 8))
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        try self.init(strategy: strategy, sweep: sweep, reading: try CellReader(Self.self, cells), from: 0)
    }
}

/// The measures of one segment in one run (table `road_runs`): what `roads.csv` averages.
public struct RoadRunRow: ResultRow, Hashable {
    public var replication: Int
    public var road: RoadRow
    public var strategy: String { road.strategy }
    public var sweep: SweepPoint { road.sweep }

    public init(replication: Int, road: RoadRow) { self.replication = replication; self.road = road }

    public static let tableName = "road_runs"
    public static let trailingColumns = [Column("replication", .integer)] + RoadRow.trailingColumns
    public static let keyColumns = ["replication", "segment"]
    public var trailingCells: [Cell] { [replication.cell] + road.trailingCells }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(replication: try r.int(0), road: try RoadRow(strategy: strategy, sweep: sweep, reading: r, from: 1))
    }
}
