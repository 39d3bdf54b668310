/// What one simulation run measured. Trips count when they depart in [warmup, duration);
/// junction measures cover the same window.
public struct RunResult: Sendable {
    public var summary: TripSummary
    /// One per approach of every signalised junction, in junction then approach order.
    public var approaches: [ApproachResult]
    public var timeSeries: [TimeSample]
    /// One per signalised junction.
    public var signalTimings: [SignalTiming]
    public var warnings: [GridlockWarning]
    public var counters: RunCounters
    /// Per-trip records, only when `SimulationOptions.recordTrips` is set.
    public var trips: [TripRecord]
    /// Entries where most of the demand was still waiting to enter at the end.
    public var entryBacklogs: [EntryBacklog] = []
    /// One per movement of every signalised junction, in junction, approach, movement order.
    public var movements: [MovementResult] = []
    /// One per directed segment, in segment order.
    public var roads: [RoadResult] = []
    /// Length of the measured window, warm-up to the end (s): the hours of per-hour rates.
    public var measuredSeconds: Double = 0
}

/// A turning movement of a signalised junction over the measured window.
public struct MovementResult: Sendable, Equatable {
    public var junction: Int
    /// Index into the network's movement columns (from, to, turn).
    public var movement: Int
    /// Vehicles that reached the stop line for this movement.
    public var arrivals: Int
    /// Vehicles released across the stop line.
    public var throughput: Int
    /// Control delay (s/veh), as `ApproachResult.controlDelay`: the mean wait at the stop line of
    /// the vehicles released in the window and of those still queued at its end (their wait so far).
    public var controlDelay: Double
    public var levelOfService: LevelOfService
    public var maxQueueVehicles: Int
    /// Arrived PCU over capacity (the approach's saturation flow × this movement's effective green).
    public var degreeOfSaturation: Double
    /// Longest single wait at the stop line (s), vehicles still queued at the end included.
    public var maxWait: Double
    /// Vehicles still queued at the stop line at the end of the run (counted in `controlDelay`).
    public var stillQueued: Int = 0
}

/// A directed segment over the measured window.
public struct RoadResult: Sendable, Equatable {
    public var segment: Int
    /// Vehicles that left the segment (into the next one or off the map).
    public var left: Int
    /// Their mean time from entering the segment to leaving it (s), stop-line wait included.
    public var meanTravelTime: Double
    public var freeFlowTime: Double
    public var maxQueueVehicles: Int
    public var maxQueueMetres: Double
}

/// An entry that could not take its demand: at the end of the run `waiting` vehicles were still
/// waiting to enter segment `segment`, at least half of the `expected` that arrived there. The
/// run's trips then measure a queue outside the map, not the junctions (a warning).
public struct EntryBacklog: Sendable, Equatable {
    public var segment: Int
    public var waiting: Int
    public var expected: Double
}

public struct TripSummary: Sendable, Equatable {
    public var vehiclesFinished = 0
    /// Measured vehicles that had not arrived at the end: on the map or waiting to enter
    /// (formats.md: both count as unfinished).
    public var vehiclesUnfinished = 0
    /// Of the unfinished, those still waiting to enter at the end.
    public var vehiclesWaiting = 0
    public var meanTravelTime = 0.0
    public var meanDelay = 0.0
    public var meanStops = 0.0
    /// Delay of every measured vehicle (veh·h). A finished trip: its time from its desired
    /// departure to its arrival minus the free-flow time of the shortest route between its ends
    /// on the unobstructed network (so a `via` route or a detour is delay, unlike `meanDelay`).
    /// An unfinished trip on the map: its time so far minus the free-flow time of the distance
    /// covered (never below 0). A vehicle still waiting to enter: its whole wait.
    public var totalDelayVehH = 0.0
    /// Finished plus unfinished measured vehicles: every vehicle that wanted to travel.
    public var vehiclesDemanded: Int { vehiclesFinished + vehiclesUnfinished }
    /// `totalDelayVehH` per demanded vehicle (s); 0 when none was demanded. Unlike
    /// `meanDelay` (finished trips only) it cannot fall because a strategy finishes fewer trips.
    public var meanDelayAll: Double { vehiclesDemanded > 0 ? totalDelayVehH * 3600 / Double(vehiclesDemanded) : 0 }
    /// Of `totalDelayVehH`, the time measured vehicles spent waiting to enter the map (veh·h):
    /// demand the map could not take.
    public var latentDelayVehH = 0.0
    /// Longest single wait at one stop line (s): of vehicles released in the measured window and
    /// of those still queued at the end (their wait so far).
    public var maxWait = 0.0
    /// Delay weighted by PCU (s per PCU).
    public var meanDelayPCU = 0.0
    /// Measured trips finished per hour of the measured period.
    public var throughputVehH = 0.0
}

public struct ApproachResult: Sendable, Equatable {
    public var junction: Int
    public var segment: Int
    public var approach: String
    /// Control delay (s/veh): the mean wait at the stop line of the vehicles released in the
    /// measured window (their whole wait) and of those still queued at its end (their wait so
    /// far, a lower bound of theirs), so that a queue held to the end counts (HCM: the delay of
    /// every vehicle that arrived in the analysis period). The wait of a vehicle counts from its
    /// arrival at the stop line at free-flow speed (in the queue model, joining the queue), so
    /// it is its delay at this junction; 0 when no vehicle was released or queued.
    public var controlDelay: Double
    public var levelOfService: LevelOfService
    public var maxQueueVehicles: Int
    public var maxQueuePCU: Double
    public var maxQueueMetres: Double
    public var meanQueuePCU: Double
    /// Vehicles released into the junction in the window.
    public var throughput: Int
    /// Demand PCU over capacity (saturation flow × effective green, after incidents); demand
    /// counts the vehicles that entered the approach's segment or queued at the boundary for it.
    public var degreeOfSaturation: Double
    /// Vehicles of that demand.
    public var arrivals: Int
    /// Longest single wait at the stop line (s), as `TripSummary.maxWait`, for this approach.
    public var maxWait: Double = 0
    /// Vehicles still queued at the stop line at the end of the run: those of `controlDelay`
    /// that are not in `throughput`.
    public var stillQueued: Int = 0
}

public struct TimeSample: Sendable, Equatable {
    public var time: Double
    public var vehiclesInNetwork: Int
    public var meanSpeedKmh: Double
    public var queuedPCU: Double
    /// Queued PCU at each signalised junction (all its approaches), in signal-program order
    /// (the order of `Network.programs`, which is that of `Network.signalisedJunctions`).
    public var junctionQueuedPCU: [Double]
    /// Queued PCU at every segment's stop line, in segment order (the report's playback).
    public var segmentQueuedPCU: [Float] = []
    // Conservation bookkeeping: generated = waiting + onSegments + finished.
    public var generated: Int
    public var waiting: Int
    public var onSegments: Int
    public var finished: Int
}

public struct SignalTiming: Sendable, Equatable {
    public var junction: Int
    /// Mean time between successive starts of the most-served phase (s); 0 if none repeated.
    public var meanCycle: Double
    /// Share of the window's green time per phase (sums to 1 when any green was given).
    public var greenShares: [Double]
    /// Mean green per phase start (s).
    public var meanGreens: [Double]
    public var phaseChangesPerHour: Double
}

public struct GridlockWarning: Sendable, Equatable {
    public var time: Double
    public var stalledFor: Double
    public var junctions: [String]
}

public struct RunCounters: Sendable, Equatable {
    public var generated = 0
    public var finished = 0
    public var events = 0
    public var peakVehiclesInNetwork = 0
    /// The most events pending in the heap at once (the bench's bare loop holds as many).
    public var peakPendingEvents = 0
}

public struct TripRecord: Sendable, Equatable, Hashable {
    public var serial: Int
    public var flow: Int
    public var vehicleClass: Int
    public var depart: Double
    public var arrive: Double
    public var delay: Double
    public var stops: Int
}

/// HCM level of service of a signalised junction or approach by control delay.
public enum LevelOfService: String, Sendable, CaseIterable, Comparable {
    case A, B, C, D, E, F

    /// A ≤ 10, B ≤ 20, C ≤ 35, D ≤ 55, E ≤ 80, F > 80 s/veh; F also when v/c > 1.
    public init(controlDelay d: Double, volumeToCapacity x: Double = 0) {
        if x > 1 || d > 80 { self = .F }
        else if d > 55 { self = .E }
        else if d > 35 { self = .D }
        else if d > 20 { self = .C }
        else if d > 10 { self = .B }
        else { self = .A }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
