import HeapModule
import Stochastics

/// Options that change what a run records, not what it simulates.
public struct SimulationOptions: Sendable {
    /// Keep a record of every measured trip (tests; costs memory).
    public var recordTrips = false
    /// Recount vehicles from the queues at every sample (conservation tests).
    public var audit = false
    /// A stretch with vehicles waiting and nothing moving this long (s) is reported as gridlock.
    public var gridlockAfter: Double = 300
    /// Record every signal stage change in `Simulation.signalLog` (safety tests).
    public var recordSignals = false
    public init() {}
}

/// A signal stage change: at `time` (s), program `program` entered `stage` (0 green, 1 yellow,
/// 2 all-red) of phase `phase`.
public struct SignalLogEntry: Sendable, Equatable {
    public var time: Double
    public var program: Int
    public var phase: Int
    public var stage: Int
}

/// One run of the event-driven queue model (traffic-engineering.md) on a `SimulationSetup`.
///
/// All mutable state lives here in flat arrays indexed by segment, movement and vehicle slot;
/// vehicles are linked into one list at a time (in transit on a segment, queued at a stop line,
/// or waiting at a boundary) through `vNext`, so nothing is allocated per event.
public struct Simulation {
    let setup: SimulationSetup
    let net: Network
    let options: SimulationOptions
    var heap = Heap<Event>()
    var sequence: UInt64 = 0
    var now: SimTime = 0
    let endTime: SimTime
    let warmupTime: SimTime
    let startupLost: SimTime
    let greenExtension: SimTime
    let criticalGap: SimTime
    let stopThreshold: SimTime

    // MARK: Segments
    let freeFlow: [SimTime]
    let storageMilli: [Int64]
    var occupancyMilli: [Int64]
    var transitHead: [Int32], transitTail: [Int32]
    var entryHead: [Int32], entryTail: [Int32], entryCount: [Int32]
    var entryPending: [Bool]
    /// End of the discharge slot of the approach's last vehicle.
    var slotEnd: [SimTime]
    var wakeAt: [SimTime]
    var wakeVersion: [UInt32]
    /// A feeder found this segment full: wake the feeders when space frees.
    var blocked: [Bool]
    var capacityFactor: [Double]
    var closedCount: [Int32]
    /// Microseconds of discharge per milli-PCU at full capacity.
    let usPerMilliPCU: [Double]
    /// Discharge headway (µs) per segment and vehicle class at the segment's current capacity
    /// (`s * classMilli.count + class`): computed when the capacity changes, not per vehicle.
    var headways: [SimTime]
    var lastArrival: [SimTime]

    // MARK: Movements
    var qHead: [Int32], qTail: [Int32], qCount: [Int32]
    var qMilli: [Int64]
    var openFrom: [SimTime], openUntil: [SimTime]
    var permitted: [Bool]
    var opposing: [[Int32]]
    var lastRelease: [SimTime]
    /// Index of each movement in its junction's program (observation order), −1 if unsignalised.
    let movementLocal: [Int32]
    /// Discharge-window seconds in the measured window, weighted by the capacity factor.
    var openCapacitySeconds: [Double]

    // MARK: Vehicles (slots are reused)
    var vState: [UInt8] = []        // 0 free, 1 waiting at a boundary, 2 on a segment
    var vClass: [UInt8] = []
    var vMilli: [Int32] = []
    var vFlow: [Int32] = []
    var vSerial: [Int32] = []
    var vRouteBase: [Int32] = [], vRouteEnd: [Int32] = [], vStep: [Int32] = []
    var vSegment: [Int32] = []
    var vNext: [Int32] = []
    var vDepart: [SimTime] = [], vArrival: [SimTime] = [], vFreeFlowSum: [SimTime] = []
    var vStops: [UInt16] = []
    var freeSlots: [Int32] = []

    // MARK: Routes (flat; a vehicle holds a range)
    var routeSeg: [Int32] = []
    /// Movement taken at the end of each route segment (−1 at the last).
    var routeMov: [Int32] = []
    var flowRouteBase: [Int32], flowRouteEnd: [Int32]

    // MARK: Demand
    var rngs: [RandomStream]
    /// Per flow: vehicles per second before the profile (read per vehicle without copying the
    /// flow and its arrays).
    let flowRate: [Double]
    let classMilli: [Int32]
    let maxProfile: Double

    // MARK: Signals (indexed by program)
    var controllers: [any SignalController]
    /// Per program: its controller reads the per-movement observation (read once at the start).
    let observesTraffic: [Bool]
    var sigPhase: [Int32], sigNext: [Int32], sigStage: [UInt8]   // stage: 0 green, 1 yellow, 2 all-red, 3 initial
    var greenStart: [SimTime]
    var askVersion: [UInt32], stageVersion: [UInt32]
    var minGreen: [SimTime]
    var observation = SignalObservation()
    var phaseGreen: [[SimTime]], phaseStarts: [[Int]]
    var phaseChanges: [Int]
    /// Signal stage changes, when `options.recordSignals` is set.
    public internal(set) var signalLog: [SignalLogEntry] = []

    // MARK: Measures
    var counters = RunCounters()
    var waiting = 0
    var onSegments = 0
    var trips = TripAccumulator()
    var approach: ApproachAccumulator
    var tripLog: [TripRecord] = []
    var samples: [TimeSample] = []
    var warnings: [GridlockWarning] = []
    var distanceMetres = 0.0
    var vehicleSeconds = 0.0
    var lastIntegration: SimTime = 0
    var lastSampleDistance = 0.0, lastSampleVehicleSeconds = 0.0
    var lastProgress: SimTime = 0
    var inGridlock = false
    var totalQueueMilli: Int64 = 0
    var serial: Int32 = 0

    /// A run of `setup` for one replication, with one controller per signal program
    /// (`setup.network.programs` order).
    public init(setup: SimulationSetup, seed: UInt64, replication: Int,
                controllers: [any SignalController], options: SimulationOptions = SimulationOptions()) {
        precondition(controllers.count == setup.network.programs.count, "one controller per signal program")
        self.setup = setup
        net = setup.network
        self.options = options
        let model = setup.model
        endTime = micros(setup.timing.duration)
        warmupTime = micros(setup.timing.warmup)
        startupLost = micros(model.startupLostTime)
        greenExtension = micros(model.greenExtension)
        criticalGap = micros(model.criticalGap)
        stopThreshold = micros(model.stopThreshold)
        let network = setup.network
        let ns = network.segmentCount, nm = network.movementCount
        freeFlow = (0..<ns).map { micros(network.freeFlowTime($0)) }
        storageMilli = setup.storagePCU.map { Int64(($0 * 1000).rounded(.down)) }
        occupancyMilli = Array(repeating: 0, count: ns)
        transitHead = Array(repeating: -1, count: ns); transitTail = transitHead
        entryHead = transitHead; entryTail = transitHead; entryCount = Array(repeating: 0, count: ns)
        entryPending = Array(repeating: false, count: ns)
        slotEnd = Array(repeating: .min / 2, count: ns)
        wakeAt = Array(repeating: .max, count: ns)
        wakeVersion = Array(repeating: 0, count: ns)
        blocked = Array(repeating: false, count: ns)
        capacityFactor = Array(repeating: 1, count: ns)
        closedCount = Array(repeating: 0, count: ns)
        usPerMilliPCU = setup.saturationFlow.map { 3.6e6 / $0 }
        lastArrival = Array(repeating: .min / 2, count: ns)

        qHead = Array(repeating: -1, count: nm); qTail = qHead; qCount = Array(repeating: 0, count: nm)
        qMilli = Array(repeating: 0, count: nm)
        openFrom = Array(repeating: 0, count: nm); openUntil = Array(repeating: .max, count: nm)
        permitted = Array(repeating: false, count: nm)
        opposing = Array(repeating: [], count: nm)
        lastRelease = Array(repeating: .min / 2, count: nm)
        openCapacitySeconds = Array(repeating: 0, count: nm)
        var local = [Int32](repeating: -1, count: nm)
        for p in network.programs {
            for (k, m) in p.movements.enumerated() {
                local[Int(m)] = Int32(k)
                openFrom[Int(m)] = .max; openUntil[Int(m)] = .min   // red until the first green
            }
        }
        movementLocal = local

        // Flows' routes and random streams (one stream per flow: common random numbers).
        flowRouteBase = []; flowRouteEnd = []
        rngs = []
        for (f, flow) in setup.flows.enumerated() {
            rngs.append(RandomStream(seed: seed, replication: UInt64(replication), purpose: UInt64(f) + 1))
            flowRouteBase.append(Int32(routeSeg.count))
            Simulation.appendRoute(flow.route, network: network, seg: &routeSeg, mov: &routeMov)
            flowRouteEnd.append(Int32(routeSeg.count))
        }
        flowRate = setup.flows.map(\.rate)
        classMilli = setup.classes.map { Int32(($0.pcu * 1000).rounded()) }
        headways = Array(repeating: 0, count: ns * classMilli.count)
        maxProfile = max(setup.profile.map(\.factor).max() ?? 1, 1e-9)

        self.controllers = controllers
        observesTraffic = controllers.map(\.observesTraffic)
        let np = network.programs.count
        sigPhase = Array(repeating: -1, count: np); sigNext = sigPhase
        sigStage = Array(repeating: 3, count: np)
        greenStart = Array(repeating: 0, count: np)
        askVersion = Array(repeating: 0, count: np); stageVersion = askVersion
        minGreen = controllers.map { micros(max(model.minGreenFloor, $0.minGreen)) }
        phaseGreen = network.programs.map { Array(repeating: 0, count: $0.phases.count) }
        phaseStarts = network.programs.map { Array(repeating: 0, count: $0.phases.count) }
        phaseChanges = Array(repeating: 0, count: np)
        approach = ApproachAccumulator(segments: ns)
        for s in 0..<ns { updateHeadways(s) }
    }

    static func appendRoute(_ route: [Int32], network: Network, seg: inout [Int32], mov: inout [Int32]) {
        for (k, s) in route.enumerated() {
            seg.append(s)
            mov.append(k + 1 < route.count ? Int32(network.movement(from: Int(s), to: Int(route[k + 1])) ?? -1) : -1)
        }
    }

    // MARK: Scheduling

    @inline(__always) mutating func push(_ kind: EventKind, at time: SimTime, target: Int32, version: UInt32 = 0) {
        sequence &+= 1
        heap.insert(Event(time: time, order: UInt64(kind.rawValue) << 56 | sequence, target: target, version: version))
    }

    /// Asks the discharge server of approach `s` to look at its queues at `t` (deduplicated).
    @inline(__always) mutating func scheduleWake(_ s: Int, at t: SimTime) {
        if t < wakeAt[s] {
            wakeAt[s] = t
            wakeVersion[s] &+= 1
            push(.serve, at: t, target: Int32(s), version: wakeVersion[s])
        }
    }

    // MARK: The event loop

    /// Runs to the end of the duration and returns what was measured.
    public mutating func run() -> RunResult {
        for (i, inc) in setup.incidents.enumerated() {
            push(.incidentStart, at: micros(inc.from), target: Int32(i))
            push(.incidentEnd, at: micros(inc.to), target: Int32(i))
        }
        for p in 0..<net.programs.count { scheduleAsk(p, at: 0) }
        for f in 0..<setup.flows.count { scheduleNextVehicle(flow: f, after: 0, first: true) }
        let step = micros(setup.timing.sampleInterval)
        if step > 0 {
            var t = step
            while t <= endTime { push(.sample, at: t, target: 0); t += step }
        }
        while let e = heap.popMin() {
            if e.time > endTime { break }
            now = e.time
            counters.events += 1
            let target = Int(e.target)
            switch e.kind {
            case .arrive: vehicleArrives(atSegment: target)
            case .serve:
                if e.version == wakeVersion[target] { wakeAt[target] = .max; serve(target) }
            case .generate: generateVehicle(flow: target)
            case .controllerAsk: if e.version == askVersion[target] { askController(target) }
            case .signalStage: if e.version == stageVersion[target] { advanceStage(target) }
            case .entry: entryPending[target] = false; admitWaiting(target)
            case .incidentStart: startIncident(target)
            case .incidentEnd: endIncident(target)
            case .sample: takeSample()
            }
        }
        now = endTime
        return finish()
    }
}
