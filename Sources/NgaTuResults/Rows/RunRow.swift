import SQLiteStore

/// The measures of one run, in the column order of `runs.csv`: the rows of `comparison.csv`.
public enum RunMeasure: String, CaseIterable, Sendable {
    case vehiclesFinished = "vehicles_finished"
    case vehiclesUnfinished = "vehicles_unfinished"
    case vehiclesWaiting = "vehicles_waiting"
    case meanTravelTimeS = "mean_travel_time_s"
    case meanDelayS = "mean_delay_s"
    case meanStops = "mean_stops"
    case totalDelayVehH = "total_delay_veh_h"
    case meanDelayPcuS = "mean_delay_pcu_s"
    case throughputVehH = "throughput_veh_h"
    case vehiclesDemanded = "vehicles_demanded"
    case meanDelayAllS = "mean_delay_all_s"
    case latentDelayVehH = "latent_delay_veh_h"
    case maxWaitS = "max_wait_s"
}

/// One row of `runs.csv`: one strategy at one sweep point in one replication.
public struct RunRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    public var seed: Int
    /// Measured vehicles (departed after the warm-up) that reached their destination.
    public var vehiclesFinished: Int
    /// Measured vehicles still on the map at the end of the run.
    public var vehiclesUnfinished: Int
    /// Measured vehicles still waiting to enter at the end of the run.
    public var vehiclesWaiting: Int
    /// Means over finished vehicles: nil when none finished. `meanDelayS` is travel time minus
    /// the free-flow time of the route travelled, finished trips only: a strategy that finishes
    /// fewer trips can lower it; `meanDelayAllS` cannot be lowered that way.
    public var meanTravelTimeS: Double?
    public var meanDelayS: Double?
    public var meanStops: Double?
    /// Delay of every measured vehicle, finished or not, in vehicle-hours, against the shortest
    /// route between its ends on the unobstructed network (`TripSummary.totalDelayVehH`).
    public var totalDelayVehH: Double
    public var meanDelayPcuS: Double?
    public var throughputVehH: Double
    /// Finished + unfinished measured vehicles.
    public var vehiclesDemanded: Int
    /// `totalDelayVehH` × 3600 / `vehiclesDemanded`: delay per demanded vehicle (s); nil when
    /// no vehicle was demanded. The headline measure.
    public var meanDelayAllS: Double?
    /// Of the total delay, the time spent waiting to enter the map (veh·h); nil in results
    /// written before the column existed.
    public var latentDelayVehH: Double?
    /// Longest single wait at one stop line (s); nil in results written before the column existed.
    public var maxWaitS: Double?

    public init(strategy: String, sweep: SweepPoint, replication: Int, seed: Int,
                vehiclesFinished: Int, vehiclesUnfinished: Int, vehiclesWaiting: Int,
                meanTravelTimeS: Double?, meanDelayS: Double?, meanStops: Double?,
                totalDelayVehH: Double, meanDelayPcuS: Double?, throughputVehH: Double,
                vehiclesDemanded: Int? = nil, meanDelayAllS: Double?? = nil,
                latentDelayVehH: Double? = nil, maxWaitS: Double? = nil) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication; self.seed = seed
        self.vehiclesFinished = vehiclesFinished; self.vehiclesUnfinished = vehiclesUnfinished
        self.vehiclesWaiting = vehiclesWaiting; self.meanTravelTimeS = meanTravelTimeS
        self.meanDelayS = meanDelayS; self.meanStops = meanStops; self.totalDelayVehH = totalDelayVehH
        self.meanDelayPcuS = meanDelayPcuS; self.throughputVehH = throughputVehH
        let demanded = vehiclesDemanded ?? (vehiclesFinished + vehiclesUnfinished)
        self.vehiclesDemanded = demanded
        self.meanDelayAllS = meanDelayAllS ?? (demanded > 0 ? totalDelayVehH * 3600 / Double(demanded) : nil)
        self.latentDelayVehH = latentDelayVehH; self.maxWaitS = maxWaitS
    }

    /// The run's value of a measure; nil when it is missing.
    public func value(of measure: RunMeasure) -> Double? {
        switch measure {
        case .vehiclesFinished: Double(vehiclesFinished)
        case .vehiclesUnfinished: Double(vehiclesUnfinished)
        case .vehiclesWaiting: Double(vehiclesWaiting)
        case .meanTravelTimeS: meanTravelTimeS
        case .meanDelayS: meanDelayS
        case .meanStops: meanStops
        case .totalDelayVehH: totalDelayVehH
        case .meanDelayPcuS: meanDelayPcuS
        case .throughputVehH: throughputVehH
        case .vehiclesDemanded: Double(vehiclesDemanded)
        case .meanDelayAllS: meanDelayAllS
        case .latentDelayVehH: latentDelayVehH
        case .maxWaitS: maxWaitS
        }
    }

    /// Identifies the run for resuming.
    public var key: RunKey { RunKey(strategy: strategy, sweep: sweep, replication: replication) }

    public static let tableName = "runs"
    public static let trailingColumns: [Column] = [
        Column("replication", .integer), Column("seed", .integer),
        Column("vehicles_finished", .integer), Column("vehicles_unfinished", .integer),
        Column("vehicles_waiting", .integer),
        Column("mean_travel_time_s", .real, optional: true), Column("mean_delay_s", .real, optional: true),
        Column("mean_stops", .real, optional: true), Column("total_delay_veh_h", .real),
        Column("mean_delay_pcu_s", .real, optional: true), Column("throughput_veh_h", .real),
        // Added after version 1 (formats.md, "Additions"): optional so that older results read.
        Column("vehicles_demanded", .integer, optional: true), Column("mean_delay_all_s", .real, optional: true),
        Column("latent_delay_veh_h", .real, optional: true), Column("max_wait_s", .real, optional: true),
    ]
    public static let keyColumns = ["replication"]

    public var trailingCells: [Cell] {
        [replication.cell, seed.cell, vehiclesFinished.cell,
         vehiclesUnfinished.cell, vehiclesWaiting.cell, meanTravelTimeS.cell,
         meanDelayS.cell, meanStops.cell, totalDelayVehH.cell,
         meanDelayPcuS.cell, throughputVehH.cell, vehiclesDemanded.cell,
         meanDelayAllS.cell, latentDelayVehH.cell, maxWaitS.cell]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), seed: try r.int(1),
                  vehiclesFinished: try r.int(2), vehiclesUnfinished: try r.int(3),
                  vehiclesWaiting: try r.int(4), meanTravelTimeS: try r.optionalDouble(5),
                  meanDelayS: try r.optionalDouble(6), meanStops: try r.optionalDouble(7),
                  totalDelayVehH: try r.double(8), meanDelayPcuS: try r.optionalDouble(9),
                  throughputVehH: try r.double(10), vehiclesDemanded: try r.optionalInt(11),
                  meanDelayAllS: .some(try r.optionalDouble(12)),
                  latentDelayVehH: try r.optionalDouble(13), maxWaitS: try r.optionalDouble(14))
    }
}

/// One run of a scenario: strategy, sweep point and replication.
public struct RunKey: Hashable, Sendable, CustomStringConvertible {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int

    public init(strategy: String, sweep: SweepPoint, replication: Int) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication
    }

    public var description: String { "\(strategy) [\(sweep)] replication \(replication)" }
}
