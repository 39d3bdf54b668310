/// The plug-in protocol for signal timing strategies.
///
/// A controller is a state machine: the core hands it an observation and it answers with a
/// decision: hold the current phase and ask again at a time, or go to another phase. The core
/// alone enforces safety: the minimum green, yellow and all-red between phases, and phases that
/// were checked conflict-free when the network was built. A controller can only name phases.
///
/// What becomes of a decision (the whole contract; nothing is dropped):
/// - The core asks at the start, at every green start and when a hold expires, never during a
///   yellow or all-red (so a controller is never asked while an intergreen runs).
/// - `hold(until:)` is kept; a time not after now asks again 0.1 s later.
/// - `switchTo` at or after `SignalObservation.earliestSwitch` starts the change at once.
///   Before it the core keeps the green and asks again at `earliestSwitch`: a controller that
///   keeps state (counters, a plan position) reads `earliestSwitch` before deciding to switch,
///   so that it never believes in a change that did not happen.
/// - `switchTo` naming the current phase or no phase of the junction is a programming error:
///   the core stops asking that controller (its junction keeps its state) and records a
///   `ControllerFault` that the run reports (`Simulation.controllerFault`).
public protocol SignalController {
    /// Shortest green this controller wants (s); the core enforces at least its own floor.
    var minGreen: Double { get }
    /// Distance upstream of the stop line where this controller's detectors sit (m); the
    /// observation counts approaching vehicles within it. 0 when the controller has none.
    var detectorDistance: Double { get }
    /// False when `decide` reads only the clock and the phase (`now`, `currentPhase`,
    /// `greenElapsed`): the core then leaves the per-movement fields as they are (another
    /// junction's) instead of refilling them at every call. True unless a controller says so.
    var observesTraffic: Bool { get }
    /// True when `decide` reads `SignalObservation.queueWaitS` (walking the queues costs a
    /// step per queued vehicle): false unless a controller says so.
    var observesQueueWaits: Bool { get }
    /// Called at the start of the run, at every green start, and whenever a hold expires.
    mutating func decide(_ observation: SignalObservation) -> SignalDecision
}

extension SignalController {
    public var observesTraffic: Bool { true }
    public var observesQueueWaits: Bool { false }
}

/// A decision the core could not carry out because it names no valid phase: a bug in the
/// controller, reported by the run rather than retried.
public struct ControllerFault: Sendable, Equatable, CustomStringConvertible {
    /// Simulation time (s) of the decision.
    public var time: Double
    /// The junction whose controller decided.
    public var junctionID: String
    /// The phase it named, the phase then green (−1 before the first green), and the number of
    /// phases of the junction.
    public var phase: Int
    public var currentPhase: Int
    public var phaseCount: Int

    public var description: String {
        let why = phase == currentPhase ? "the phase already green" : "no phase of the junction (it has \(phaseCount))"
        return "the controller of junction \(junctionID) asked at t = \(time) s to switch to phase \(phase), \(why)"
    }
}

/// A controller's answer.
public enum SignalDecision: Sendable, Equatable {
    /// Keep the current phase (or the all-red start state); ask again at this time (s).
    case hold(until: Double)
    /// End the current green (through yellow and all-red) and give green to this phase.
    case switchTo(phase: Int)
}

/// What a controller sees of its junction, indexed by the junction's movements in the order of
/// `SignalProgram.movements` ("local" indices). The core refills one instance in place.
public struct SignalObservation: Sendable {
    /// Simulation time (s).
    public var now: Double = 0
    /// Phase with green (or in its yellow/all-red), −1 before the first green.
    public var currentPhase: Int = -1
    /// Seconds since the current phase's green began.
    public var greenElapsed: Double = 0
    /// Earliest time (s) at which a `switchTo` starts the change: the current green's start
    /// plus the larger of the controller's `minGreen` and the model's floor (`now` before the
    /// first green). The core's rule, given so that no controller repeats it.
    public var earliestSwitch: Double = 0
    /// Per movement: vehicles and PCU queued at the stop line.
    public var queuedVehicles: [Int] = []
    public var queuedPCU: [Double] = []
    /// Per movement: vehicles approaching within `detectorDistance`, not yet at the queue.
    public var approachingVehicles: [Int] = []
    public var approachingPCU: [Double] = []
    /// Per movement: seconds since a vehicle last passed the detector of its approach
    /// (`.infinity` when none has).
    public var secondsSinceDetection: [Double] = []
    /// Per movement: PCU on the downstream segment and what it can store.
    public var downstreamPCU: [Double] = []
    public var downstreamStoragePCU: [Double] = []
    /// Per movement: saturation flow of its approach (PCU/h), after capacity incidents.
    public var saturationFlow: [Double] = []
    /// Per movement: vehicles and PCU that crossed its stop line since time 0 (stop-line
    /// counts; trips that join after the stop line are not counted).
    public var departedVehicles: [Int] = []
    public var departedPCU: [Double] = []
    /// Per movement: seconds the vehicles queued at its stop line have waited there so far,
    /// summed (the waiting time of RL rewards). Filled for controllers that read it
    /// (`observesQueueWaits`) and for observations taken from outside (stepping); otherwise
    /// left as they are, as the other fields for a controller that observes no traffic.
    public var queueWaitS: [Double] = []

    public init() {}

    /// Sizes every per-movement field to `n`, keeping the storage: junctions differ in their
    /// movement count, and new arrays at each controller call cost more than the decision.
    mutating func resize(_ n: Int) {
        if queuedVehicles.count == n { return }
        @inline(__always) func fit<T>(_ a: inout [T], _ value: T) {
            if a.count > n { a.removeLast(a.count - n) } else { a.append(contentsOf: repeatElement(value, count: n - a.count)) }
        }
        fit(&queuedVehicles, 0); fit(&queuedPCU, 0)
        fit(&approachingVehicles, 0); fit(&approachingPCU, 0)
        fit(&secondsSinceDetection, .infinity)
        fit(&downstreamPCU, 0); fit(&downstreamStoragePCU, 0)
        fit(&saturationFlow, 0)
        fit(&departedVehicles, 0); fit(&departedPCU, 0)
        fit(&queueWaitS, 0)
    }
}

/// Static facts about one signalised junction that a controller is built from.
public struct JunctionContext: Sendable {
    public var junction: Int
    public var junctionID: String
    public var program: SignalProgram
    /// Phases as local movement indices.
    public var phaseMovements: [[Int]]
    /// Per local movement: turn, approach name, incoming and outgoing segment.
    public var turns: [Turn]
    public var approachNames: [String]
    public var fromSegments: [Int]
    public var toSegments: [Int]

    public init(network: Network, junction j: Int) {
        let p = network.programs[Int(network.programOfJunction[j])]
        junction = j
        junctionID = network.junctionIDs[j]
        program = p
        var local: [Int32: Int] = [:]
        for (k, m) in p.movements.enumerated() { local[m] = k }
        phaseMovements = p.phases.map { $0.movements.map { local[$0]! } }
        turns = p.movements.map { network.movementTurn[Int($0)] }
        approachNames = p.movements.map { network.approachName[Int(network.movementFrom[Int($0)])] }
        fromSegments = p.movements.map { Int(network.movementFrom[Int($0)]) }
        toSegments = p.movements.map { Int(network.movementTo[Int($0)]) }
    }
}
