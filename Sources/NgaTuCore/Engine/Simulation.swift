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
    /// Keep the queue at every segment's stop line at each sample (`TimeSample.segmentQueuedPCU`,
    /// the report's playback, which shows one replication): an array of the segment count per
    /// sample, so off unless asked for.
    public var recordSegmentQueues = false
    /// Told the simulated time at every sample, for progress within a long run.
    public var progress: RunProgress?
    public init() {}
}

/// A signal stage change: at `time` (s), program `program` entered `stage` (green, yellow or
/// all-red) of phase `phase`.
public struct SignalLogEntry: Sendable, Equatable {
    public var time: Double
    public var program: Int
    public var phase: Int
    public var stage: SignalStage
}

/// A movement's part in the shared leftmost lane of an approach without a left-turn bay.
enum LaneRole: UInt8 {
    /// Not in a shared lane (every movement of an approach with a bay).
    case apart
    /// A left turn or U-turn: its head vehicle, held at the stop line, holds up the lane.
    case holds
    /// Through traffic (and right turners on a one-lane approach): the vehicles that arrived
    /// after a held left turner are behind it in its lane.
    case heldBehind
}

/// One run of the event-driven queue model (traffic-engineering.md) on a `SimulationSetup`.
///
/// All mutable state lives here in flat arrays indexed by segment, movement and vehicle slot;
/// vehicles are linked into one list at a time (in transit on a segment, queued at a stop line,
/// or waiting at a boundary) through `vNext`, so nothing is allocated per event. The state
/// written per event is in `Column`s, memory the run owns: a run is one value that cannot be
/// copied (its copies would share the columns).
public struct Simulation: ~Copyable {
    /// Owns the columns' memory (freed with the run).
    let memory = ColumnMemory()
    let setup: SimulationSetup
    let net: Network
    let options: SimulationOptions
    var queue = EventQueue()
    var sequence: UInt64 = 0
    /// An event is being handled and its handler has not pushed yet: the first push takes the
    /// handled event's place in the count of pending events (the peak is counted as when the
    /// event stayed queued until then).
    var handling = false
    /// Sampling interval (µs, 0 for none): each sample schedules the next.
    let sampleStep: SimTime
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
    let occupancyMilli: Column<Int64>
    let transitHead: Column<Int32>, transitTail: Column<Int32>
    let entryHead: Column<Int32>, entryTail: Column<Int32>, entryCount: Column<Int32>
    let entryPending: Column<Bool>
    /// End of the discharge slot of the approach's last vehicle.
    let slotEnd: Column<SimTime>
    let wakeAt: Column<SimTime>
    let wakeVersion: Column<UInt32>
    /// A feeder found this segment full: wake the feeders when space frees.
    let blocked: Column<Bool>
    let capacityFactor: Column<Double>
    let closedCount: Column<Int32>
    /// Microseconds of discharge per milli-PCU at full capacity.
    let usPerMilliPCU: [Double]
    /// Discharge headway (µs) per segment and vehicle class at the segment's current capacity
    /// (`s * classMilli.count + class`): computed when the capacity changes, not per vehicle.
    let headways: Column<SimTime>
    let lastArrival: Column<SimTime>

    // MARK: Movements
    let qHead: Column<Int32>, qTail: Column<Int32>, qCount: Column<Int32>
    let qMilli: Column<Int64>
    let openFrom: Column<SimTime>, openUntil: Column<SimTime>
    let permitted: Column<Bool>
    /// The phase entry (index into `phaseMovements`) that last gave each movement its green,
    /// whose opposing movements a permitted movement yields to; −1 before its first green.
    let greenEntry: Column<Int32>
    let lastRelease: Column<SimTime>
    /// Vehicles and PCU (milli) that crossed each movement's stop line since time 0: the
    /// stop-line counts controllers may read.
    let departedCount: Column<Int>
    let departedMilli: Column<Int64>
    /// Per movement: the entry of `opposingStart` holding the movements a right turn on red
    /// yields to, −1 where no class may turn on red; and per movement × class
    /// (`m * classMilli.count + class`) whether that class may.
    let rorEntry: [Int32]
    let rightOnRed: [Bool]
    /// Index of each movement in its junction's program (observation order), −1 if unsignalised.
    let movementLocal: [Int32]
    /// Approaches without a left-turn bay (`left_bay: false`, README "Approaches without a
    /// left-turn bay"): per segment its lane count when its left turners or U-turners share the
    /// leftmost lane with the through traffic, 0 elsewhere (every segment of a map without the
    /// key); per movement its part in that lane: `LaneRole`.
    let sharedLanes: [Int32]
    let laneRole: [LaneRole]
    /// Some approach has no left-turn bay (false: the server and the gap test skip the arrays).
    let anySharedLane: Bool
    /// Discharge-window seconds in the measured window, weighted by the capacity factor.
    let openCapacitySeconds: Column<Double>

    // MARK: Vehicles (slots are reused; the columns grow by doubling when all are in use)
    // A vehicle column is declared here, empty, and sized in one place: `growVehicleColumns`.
    /// Slots handed out so far (the columns' length is their capacity).
    var vehicleSlots = 0
    var vState = Column<VehicleState>.empty
    var vClass = Column<UInt8>.empty
    var vMilli = Column<Int32>.empty
    var vFlow = Column<Int32>.empty
    var vSerial = Column<Int32>.empty
    var vRouteBase = Column<Int32>.empty, vRouteEnd = Column<Int32>.empty, vStep = Column<Int32>.empty
    var vSegment = Column<Int32>.empty
    var vNext = Column<Int32>.empty
    var vDepart = Column<SimTime>.empty, vArrival = Column<SimTime>.empty, vFreeFlowSum = Column<SimTime>.empty
    var vStops = Column<UInt16>.empty
    var freeSlots: [Int32] = []

    // MARK: Routes (flat; a vehicle holds a range)
    var routeSeg: [Int32] = []
    /// Movement taken at the end of each route segment (−1 at the last).
    var routeMov: [Int32] = []
    var flowRouteBase: [Int32], flowRouteEnd: [Int32]
    /// Per flow: free-flow time (µs) of the shortest route between its ends on the
    /// unobstructed network, what a trip's delay counts against.
    let flowShortestFreeFlow: [SimTime]

    // MARK: Route choice around capacity cuts (`model.reroute_share`; read only when routes change)
    /// Share of vehicles informed of capacity cuts; 0 leaves every route as without the option.
    let rerouteShare: Double
    /// The run seed: who is informed is drawn from it, the flow and the departure time.
    let rerouteSeed: UInt64
    /// Per segment: capacity events with a factor below 1 in force.
    var cutCount: [Int32]
    /// Per flow: the route its informed vehicles take (its own route while no cut is on it).
    var flowInformedBase: [Int32], flowInformedEnd: [Int32]

    // MARK: Demand
    var rngs: [RandomStream]
    /// Per flow: vehicles per second before the profile (read per vehicle without copying the
    /// flow and its arrays).
    let flowRate: [Double]
    let classMilli: [Int32]
    let maxProfile: Double

    // MARK: Signals (indexed by program)
    var controllers: [any SignalController]
    /// Every program's phases, flat, read at each stage change without copying a phase (and
    /// its arrays): phase q of program p is f = `phaseBase[p] + q`; its movements are entries
    /// `phaseMovementStart[f] ..< phaseMovementStart[f + 1]` of `phaseMovements` and
    /// `phasePermitted`; entry e yields to `opposingMovements[opposingStart[e] ..< opposingStart[e + 1]]`.
    let phaseBase: [Int32]
    let phaseMovementStart: [Int32], phaseMovements: [Int32], phasePermitted: [Bool]
    let opposingStart: [Int32], opposingMovements: [Int32]
    let phaseYellow: [SimTime], phaseAllRed: [SimTime], phaseHasAllRed: [Bool]
    /// Per program: its controller reads the per-movement observation (read once at the start).
    let observesTraffic: [Bool]
    /// Per program: its controller reads the queues' waiting time (`SignalObservation.queueWaitS`).
    let observesQueueWaits: [Bool]
    var sigPhase: [Int32], sigNext: [Int32], sigStage: [SignalStage]
    var greenStart: [SimTime]
    var askVersion: [UInt32], stageVersion: [UInt32]
    var minGreen: [SimTime]
    var observation = SignalObservation()
    var phaseGreen: [[SimTime]], phaseStarts: [[Int]]
    var phaseChanges: [Int]
    /// Signal stage changes, when `options.recordSignals` is set.
    public internal(set) var signalLog: [SignalLogEntry] = []
    /// The first decision a controller made that names no valid phase (a bug in it); its
    /// junction is no longer asked. Nil in a correct run; the runner reports it as an error.
    public internal(set) var controllerFault: ControllerFault?

    // MARK: Measures
    var counters = RunCounters()
    var waiting = 0
    var onSegments = 0
    var trips = TripAccumulator()
    /// Time measured vehicles spent waiting to enter, summed when they enter (µs).
    var latentDelay: SimTime = 0
    var approach: ApproachAccumulator
    var movementSums: MovementAccumulator
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
    /// The first events are scheduled (`begin` ran): stepping starts the run on its first call.
    var begun = false

    /// A run of `setup` with the run seed `seed` (`SeedRule.runSeed` of a replication), with one
    /// controller per signal program (`setup.network.programs` order).
    public init(setup: SimulationSetup, seed: UInt64,
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
        sampleStep = micros(setup.timing.sampleInterval)
        let network = setup.network
        let ns = network.segmentCount, nm = network.movementCount
        freeFlow = (0..<ns).map { micros(network.freeFlowTime($0)) }
        storageMilli = setup.storagePCU.map { Int64(($0 * 1000).rounded(.down)) }
        let memory = self.memory
        occupancyMilli = memory.column(repeating: 0, count: ns)
        transitHead = memory.column(repeating: -1, count: ns); transitTail = memory.column(repeating: -1, count: ns)
        entryHead = memory.column(repeating: -1, count: ns); entryTail = memory.column(repeating: -1, count: ns)
        entryCount = memory.column(repeating: 0, count: ns)
        entryPending = memory.column(repeating: false, count: ns)
        slotEnd = memory.column(repeating: .min / 2, count: ns)
        wakeAt = memory.column(repeating: .max, count: ns)
        wakeVersion = memory.column(repeating: 0, count: ns)
        blocked = memory.column(repeating: false, count: ns)
        capacityFactor = memory.column(repeating: 1, count: ns)
        closedCount = memory.column(repeating: 0, count: ns)
        usPerMilliPCU = setup.saturationFlow.map { 3.6e6 / $0 }
        lastArrival = memory.column(repeating: .min / 2, count: ns)

        qHead = memory.column(repeating: -1, count: nm); qTail = memory.column(repeating: -1, count: nm)
        qCount = memory.column(repeating: 0, count: nm)
        qMilli = memory.column(repeating: 0, count: nm)
        openFrom = memory.column(repeating: 0, count: nm); openUntil = memory.column(repeating: .max, count: nm)
        permitted = memory.column(repeating: false, count: nm)
        greenEntry = memory.column(repeating: -1, count: nm)
        lastRelease = memory.column(repeating: .min / 2, count: nm)
        departedCount = memory.column(repeating: 0, count: nm)
        departedMilli = memory.column(repeating: 0, count: nm)
        openCapacitySeconds = memory.column(repeating: 0, count: nm)
        var local = [Int32](repeating: -1, count: nm)
        for p in network.programs {
            for (k, m) in p.movements.enumerated() {
                local[Int(m)] = Int32(k)
                openFrom[Int(m)] = .max; openUntil[Int(m)] = .min   // red until the first green
            }
        }
        movementLocal = local
        var shared = [Int32](repeating: 0, count: ns)
        var roles = [LaneRole](repeating: .apart, count: nm)
        for s in 0..<ns where !network.segmentLeftBay[s] {
            let movements = Int(network.movementStart[s])..<Int(network.movementStart[s + 1])
            let lanes = network.segmentLanes[s]
            guard movements.contains(where: { network.movementTurn[$0] == .left || network.movementTurn[$0] == .uturn })
            else { continue }
            shared[s] = lanes
            for m in movements {
                switch network.movementTurn[m] {
                case .left, .uturn: roles[m] = .holds
                case .through: roles[m] = .heldBehind
                case .right: roles[m] = lanes == 1 ? .heldBehind : .apart
                }
            }
        }
        sharedLanes = shared; laneRole = roles
        anySharedLane = shared.contains { $0 > 0 }

        // Flows' routes and random streams (one stream per flow: common random numbers).
        flowRouteBase = []; flowRouteEnd = []
        rngs = []
        for (f, flow) in setup.flows.enumerated() {
            rngs.append(SeedRule.stream(runSeed: seed, purpose: .flow(f)))
            flowRouteBase.append(Int32(routeSeg.count))
            Simulation.appendRoute(flow.route, network: network, seg: &routeSeg, mov: &routeMov)
            flowRouteEnd.append(Int32(routeSeg.count))
        }
        flowInformedBase = flowRouteBase; flowInformedEnd = flowRouteEnd
        rerouteShare = model.rerouteShare
        rerouteSeed = seed
        cutCount = Array(repeating: 0, count: ns)
        flowShortestFreeFlow = setup.shortestRoutes.map { $0.reduce(0) { $0 + micros(network.freeFlowTime(Int($1))) } }
        flowRate = setup.flows.map(\.rate)
        classMilli = setup.classes.map { Int32(($0.pcu * 1000).rounded()) }
        headways = memory.column(repeating: 0, count: ns * classMilli.count)
        maxProfile = max(setup.profile.map(\.factor).max() ?? 1, 1e-9)

        self.controllers = controllers
        var base: [Int32] = [], movementStart: [Int32] = [0], movements: [Int32] = [], permits: [Bool] = []
        var oppStart: [Int32] = [0], opps: [Int32] = []
        var yellow: [SimTime] = [], allRed: [SimTime] = [], hasAllRed: [Bool] = []
        for program in network.programs {
            base.append(Int32(yellow.count))
            for phase in program.phases {
                for (k, m) in phase.movements.enumerated() {
                    movements.append(m); permits.append(phase.permitted[k])
                    opps.append(contentsOf: phase.opposing[k]); oppStart.append(Int32(opps.count))
                }
                movementStart.append(Int32(movements.count))
                yellow.append(micros(phase.yellow)); allRed.append(micros(phase.allRed)); hasAllRed.append(phase.allRed > 0)
            }
        }
        base.append(Int32(yellow.count))
        if model.priorityJunctions == .yield {
            // A movement that yields at a priority junction is permitted for good, its opposing
            // movements an entry after the programs' (read by `gapReady` like a phase's).
            for m in 0..<nm where network.yieldStart[m] < network.yieldStart[m + 1] {
                permitted[m] = true
                greenEntry[m] = Int32(oppStart.count - 1)
                opps.append(contentsOf: network.yieldMovements[Int(network.yieldStart[m])..<Int(network.yieldStart[m + 1])])
                oppStart.append(Int32(opps.count))
            }
        }
        // Right turns on red: an entry each after the programs' (and the yields'); class names
        // the scenario does not define have no vehicles and allow nothing.
        var ror = [Int32](repeating: -1, count: nm)
        var rorClasses = [Bool](repeating: false, count: nm * setup.classes.count)
        for (k, m32) in network.rightOnRedMovements.enumerated() {
            let m = Int(m32)
            for (c, vc) in setup.classes.enumerated() where network.rightOnRedClasses[k].contains(vc.name) {
                rorClasses[m * setup.classes.count + c] = true
            }
            ror[m] = Int32(oppStart.count - 1)
            opps.append(contentsOf: network.rightOnRedConflicts[Int(network.rightOnRedStart[k])..<Int(network.rightOnRedStart[k + 1])])
            oppStart.append(Int32(opps.count))
        }
        rorEntry = ror; rightOnRed = rorClasses
        phaseBase = base; phaseMovementStart = movementStart; phaseMovements = movements; phasePermitted = permits
        opposingStart = oppStart; opposingMovements = opps
        phaseYellow = yellow; phaseAllRed = allRed; phaseHasAllRed = hasAllRed
        observesTraffic = controllers.map(\.observesTraffic)
        observesQueueWaits = controllers.map(\.observesQueueWaits)
        let np = network.programs.count
        sigPhase = Array(repeating: -1, count: np); sigNext = sigPhase
        sigStage = Array(repeating: .initial, count: np)
        greenStart = Array(repeating: 0, count: np)
        askVersion = Array(repeating: 0, count: np); stageVersion = askVersion
        minGreen = controllers.map { micros(max(model.minGreenFloor, $0.minGreen)) }
        phaseGreen = network.programs.map { Array(repeating: 0, count: $0.phases.count) }
        phaseStarts = network.programs.map { Array(repeating: 0, count: $0.phases.count) }
        phaseChanges = Array(repeating: 0, count: np)
        approach = ApproachAccumulator(segments: ns, memory: memory)
        movementSums = MovementAccumulator(movements: nm, segments: ns, memory: memory)
        for s in 0..<ns { updateHeadways(s) }
    }

    /// Vehicle slots allocated at the start; the columns double when they are all in use.
    static let initialVehicleSlots = 256

    static func appendRoute(_ route: [Int32], network: Network, seg: inout [Int32], mov: inout [Int32]) {
        for (k, s) in route.enumerated() {
            seg.append(s)
            mov.append(k + 1 < route.count ? Int32(network.movement(from: Int(s), to: Int(route[k + 1])) ?? -1) : -1)
        }
    }

    // MARK: Scheduling

    @inline(__always) mutating func push(_ kind: EventKind, at time: SimTime, target: Int32, version: UInt32 = 0) {
        sequence &+= 1
        let e = Event(time: time, order: UInt64(kind.rawValue) << 56 | sequence, target: target, version: version)
        queue.insert(e)
        if handling {
            handling = false
        } else if queue.count > counters.peakPendingEvents {
            // Only an insert that is not the handled event's replacement grows the queue: the
            // peak is tracked here, not per event.
            counters.peakPendingEvents = queue.count
        }
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
        begin()
        handleEvents(through: endTime)
        now = endTime
        return finish()
    }

    /// Schedules the run's first events: incidents, the controllers' first asks, the first
    /// vehicle of every flow and the first sample. Called once, by `run` or the first step.
    mutating func begin() {
        begun = true
        for (i, inc) in setup.incidents.enumerated() {
            push(.incidentStart, at: micros(inc.from), target: Int32(i))
            push(.incidentEnd, at: micros(inc.to), target: Int32(i))
        }
        for p in 0..<net.programs.count { scheduleAsk(p, at: 0) }
        for f in 0..<setup.flows.count { scheduleNextVehicle(flow: f, after: 0, first: true) }
        // One sample pending at a time, not all of them: a smaller queue.
        if sampleStep > 0 && sampleStep <= endTime { push(.sample, at: sampleStep, target: 0) }
    }

    /// Handles every event at or before `limit` (at most `endTime`) in (time, order) order.
    /// The first later event goes back to the queue when `limit` is before the end, so a run
    /// stepped to several limits handles exactly the events of one uninterrupted run.
    mutating func handleEvents(through limit: SimTime) {
        while let e = queue.popMin() {
            if e.time > limit {
                if limit < endTime { queue.insert(e) }
                break
            }
            handling = true
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
            case .sample:
                takeSample()
                options.progress?.reach(seconds(now))
                if now + sampleStep <= endTime { push(.sample, at: now + sampleStep, target: 0) }
            }
            handling = false
        }
    }
}
