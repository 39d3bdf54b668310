import NgaTuControllers
public import NgaTuCore
import NgaTuFormats
public import NgaTuResults

/// One run of a scenario driven from outside, a step at a time: the stepping API under the C
/// interface and the Python package.
///
/// The run is the plan's: a strategy, a sweep point (variant and swept values) and a
/// replication, on that replication's seed. Junctions named `external` get an
/// `ExternalController` whose phase is set between steps; every other junction keeps the
/// strategy's controller (fixed time where the strategy controls nothing). The core enforces
/// minimum green, yellow and all-red for external junctions as for any other. Same plan, same
/// job and same requests at the same times: the same trajectory.
public final class SteppedRun {
    public let plan: ScenarioPlan
    public let job: RunJob
    public let seed: UInt64
    /// Name of the run in its results (`strategy` column).
    public let name: String
    /// Signal program index of each external junction, in the order of `externalJunctions`.
    public let externalPrograms: [Int]
    /// Junction ids of the external junctions (the order used by `observe` and `setPhase`).
    public let externalJunctions: [String]
    /// Per external junction: its static facts (phases as local movement indices, turns, …).
    public let contexts: [JunctionContext]
    /// Per external junction and local movement: max-pressure's downstream weight
    /// (`ExternalJunction.downstreamWeights`).
    public let downstreamWeights: [[Double]]
    /// Per external junction: where its movement rows start among all external junctions'
    /// rows (`writeObservations`); the last entry is the total.
    public let rowStart: [Int]
    let controllers: [ExternalController]
    let controllerNames: [String]
    var simulation: Simulation
    /// The run's rows once closed.
    public private(set) var record: RunRecord?

    /// Opens run `replication` (from 1) of `strategy` (default: the baseline) at sweep point
    /// `point` (index into `plan.points`). `external` lists the junctions decided from outside
    /// (nil: every junction the plan controls); `minGreen` is their controller's minimum
    /// green (default 7 s, the strategies' `MinimumGreen.seconds`; the core's floor applies too) and `detectorDistance` how far upstream their
    /// observation counts approaching vehicles.
    public init(plan: ScenarioPlan, strategy: String? = nil, point: Int = 0, replication: Int = 1,
                external: [String]? = nil, minGreen: Double = 7, detectorDistance: Double = 50,
                name: String? = nil, options: SimulationOptions = SimulationOptions()) throws(RunnerError) {
        let strategyName = strategy ?? plan.baseline
        guard let s = plan.strategies.firstIndex(where: { $0.name == strategyName }) else {
            throw .usage("the scenario has no strategy \"\(strategyName)\" (strategies: \(plan.strategies.map(\.name).joined(separator: ", ")))")
        }
        guard plan.points.indices.contains(point) else {
            throw .usage("sweep point \(point) does not exist (the scenario has \(plan.points.count), from 0)")
        }
        // Any replication of the seed rule, also past the scenario's count: training runs
        // many episodes, each replication r on the run seed `seed + r − 1`.
        guard replication >= 1 && replication <= ScenarioReader.maxReplications else {
            throw .usage("replication must be from 1 to \(ScenarioReader.maxReplications), got \(replication)")
        }
        guard minGreen.isFinite && minGreen >= 0, detectorDistance.isFinite && detectorDistance >= 0 else {
            throw .usage("min_green and detector_distance must be finite and not negative")
        }
        self.plan = plan
        job = RunJob(strategy: s, point: point, replication: replication)
        seed = plan.seed(ofReplication: replication)
        let setup = plan.points[point].setup
        let network = setup.network
        let ids = external ?? plan.controlled.map { network.junctionIDs[$0] }
        var programs: [Int] = []
        for id in ids {
            guard let j = network.junctionIndexByID[id] else { throw .usage("unknown junction \"\(id)\" (not in map \(network.id))") }
            let p = Int(network.programOfJunction[Int(j)])
            guard p >= 0 else { throw .usage("junction \"\(id)\" is not signalised") }
            guard !programs.contains(p) else { throw .usage("junction \"\(id)\" is named twice") }
            programs.append(p)
        }
        externalPrograms = programs
        externalJunctions = ids
        let junctions = ExternalStrategy.junctions(StrategyContext(setup: setup, controlled: programs.map { Int(network.programs[$0].junction) }))
        contexts = junctions.map(\.context)
        downstreamWeights = junctions.map(\.downstreamWeights)
        var start = [0]
        for c in contexts { start.append(start.last! + c.turns.count) }
        rowStart = start
        self.name = name ?? (programs.isEmpty ? strategyName : ExternalStrategy.name)

        var strategyValue = plan.strategies[s]
        if s < plan.points[point].params.count { strategyValue.params = plan.points[point].params[s] }
        var made = try ScenarioPlan.controllers(strategyValue, setup: setup, controlled: plan.controlled,
                                                scenario: plan.document.sourceMap, map: plan.document.map.sourceMap).controllers
        var names = plan.controllerNames(for: strategyValue)
        var own: [ExternalController] = []
        for (k, p) in programs.enumerated() {
            let c = ExternalController(phaseCount: contexts[k].phaseMovements.count, minGreen: minGreen,
                                       detectorDistance: detectorDistance)
            made[p] = c
            names[p] = ExternalStrategy.name
            own.append(c)
        }
        controllers = own
        controllerNames = names
        simulation = Simulation(setup: setup, seed: seed, controllers: made, options: options)
    }

    /// Simulation time reached (s) and the run's end (s).
    public var time: Double { simulation.time }
    public var duration: Double { simulation.duration }
    public var isClosed: Bool { record != nil }
    /// The simulation setup of the run's sweep point (network, storage, saturation flows).
    public var setup: SimulationSetup { plan.points[job.point].setup }
    /// Signal stage changes so far, when the options asked for them (`recordSignals`).
    public var signalLog: [SignalLogEntry] { simulation.signalLog }

    /// Advances to time `t` (s, clipped to the duration); earlier times do nothing.
    public func advance(to t: Double) throws(RunnerError) {
        guard record == nil else { throw .usage("the run is closed") }
        guard !t.isNaN else { throw .usage("time must be a number") }
        simulation.advance(to: t)
    }

    /// Advances by `dt` seconds.
    public func advance(by dt: Double) throws(RunnerError) {
        guard dt.isFinite && dt >= 0 else { throw .usage("a step must be finite and not negative, got \(dt)") }
        try advance(to: time + dt)
    }

    /// What external junction `k` sees now (a copy).
    public func observe(_ k: Int) throws(RunnerError) -> SignalObservation {
        try check(k)
        return simulation.observation(ofProgram: externalPrograms[k])
    }

    /// Stage of external junction `k`: phase (−1 before the first green), stage, green start (s).
    public func signalState(_ k: Int) throws(RunnerError) -> (phase: Int, stage: SignalStage, greenStart: Double) {
        try check(k)
        return simulation.signalState(ofProgram: externalPrograms[k])
    }

    /// Writes every external junction's observation flat (`Simulation.writeObservation`):
    /// junction k's scalars at `state + k * ObservationLayout.stateCount`, its movement rows
    /// from `rows + rowStart[k] * ObservationLayout.fieldCount`.
    public func writeObservations(state: UnsafeMutablePointer<Double>, rows: UnsafeMutablePointer<Double>) throws(RunnerError) {
        guard record == nil else { throw .usage("the run is closed") }
        for (k, p) in externalPrograms.enumerated() {
            simulation.writeObservation(ofProgram: p, state: state + k * ObservationLayout.stateCount,
                                        rows: rows + rowStart[k] * ObservationLayout.fieldCount)
        }
    }

    /// Writes external junction `k`'s observation flat (`Simulation.writeObservation`).
    public func writeObservation(_ k: Int, state: UnsafeMutablePointer<Double>, rows: UnsafeMutablePointer<Double>) throws(RunnerError) {
        try check(k)
        simulation.writeObservation(ofProgram: externalPrograms[k], state: state, rows: rows)
    }

    /// Per local movement of external junction `k`: seconds its queued vehicles have waited, summed.
    public func queueWaits(_ k: Int) throws(RunnerError) -> [Double] {
        try check(k)
        return simulation.queueWaits(ofProgram: externalPrograms[k])
    }

    /// The phase external junction `k` should show next. The change starts as soon as the
    /// core allows it (after the minimum green; then yellow and all-red run their course);
    /// the current phase keeps the green.
    public func setPhase(_ k: Int, _ phase: Int) throws(RunnerError) {
        try check(k)
        let n = contexts[k].phaseMovements.count
        guard phase >= 0 && phase < n else {
            throw .usage("junction \(externalJunctions[k]) has phases 0 to \(n - 1), not \(phase)")
        }
        guard controllers[k].requestedPhase != phase else { return }
        controllers[k].requestedPhase = phase
        simulation.askAgain(program: externalPrograms[k])
    }

    /// Runs the rest of the run (external junctions keep their last request) and returns its
    /// rows, as `ScenarioPlan.execute` would for a built-in strategy. Closing again returns them again.
    @discardableResult
    public func close() throws(RunnerError) -> RunRecord {
        if let record { return record }
        let result = simulation.finishStepped()
        if let fault = simulation.controllerFault { throw .controllerFault(fault, strategy: name) }
        let point = plan.points[job.point]
        let made = RunRecord(result: result, key: RunKey(strategy: name, sweep: point.sweep, replication: job.replication),
                             seed: seed, network: plan.network, controllerNames: controllerNames,
                             inputs: name == plan.strategies[job.strategy].name ? point.inputs[job.strategy] : [],
                             longWait: LongWait(thresholdS: plan.document.spec.maxWaitWarning, endS: plan.document.spec.duration))
        record = made
        return made
    }

    private func check(_ k: Int) throws(RunnerError) {
        guard record == nil else { throw .usage("the run is closed") }
        guard externalPrograms.indices.contains(k) else {
            throw .usage("external junction \(k) does not exist (the run has \(externalPrograms.count), from 0)")
        }
    }
}
