public import Foundation
import NgaTuControllers
public import NgaTuCore
public import NgaTuFormats
public import NgaTuRunner

/// Simulated counts at the sites and intervals of a survey: the mean over the replications
/// of the vehicles released across a movement's stop line (or leaving a segment) in each
/// interval, under the scenario's baseline strategy at demand ×1.
///
/// The core measures its window [warm-up, duration]; a count interval [a, b] is measured by
/// a run with warm-up a and duration b. Nothing before b depends on the duration (arrivals
/// are drawn per flow in time order, the profile's peak is the whole profile's), so that run
/// is the full run cut at b: one run per distinct interval and replication, all in parallel.
public struct CountSimulator: Sendable {
    public let spec: ScenarioSpec
    public let network: Network
    public let sourceMap: SourceMap
    public let replications: Int
    public let jobs: Int
    let strategy: StrategySpec
    let controlled: [Int]

    public init(document: ScenarioDocument, network: Network, replications: Int? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        spec = document.spec; self.network = network; sourceMap = document.sourceMap
        self.replications = replications ?? document.spec.replications
        self.jobs = max(1, jobs)
        let s = document.spec
        strategy = s.strategies.first { $0.name == s.baseline } ?? s.strategies[0]
        if let ids = s.controlledJunctions {
            controlled = ids.compactMap { network.junctionIndexByID[$0].map(Int.init) }.sorted()
        } else {
            controlled = network.signalisedJunctions
        }
    }

    /// What one simulation gave at the observations.
    public struct Result: Sendable {
        /// Mean over replications, per observation.
        public var counts: [Double]
        /// Per observation at a movement: about how many vehicles per hour the movement could
        /// serve in that interval (arrivals ÷ degree of saturation, mean over replications); nil
        /// at segments or without arrivals.
        public var capacityVehH: [Double?]
    }

    /// The routed setup of `demand` over the whole run (routes, profile).
    public func setup(_ demand: DemandSpec, from: Double = -1, to: Double = -1) throws(RunnerError) -> SimulationSetup {
        let timing = RunTiming(duration: to > 0 ? to : spec.duration, warmup: from >= 0 ? from : spec.warmup,
                               sampleInterval: spec.sampleInterval)
        do {
            return try SimulationSetup(network: network, model: spec.model, classes: spec.vehicles, demand: demand,
                                       incidents: spec.events, timing: timing)
        } catch {
            throw .input(sourceMap.inputError(for: error))
        }
    }

    public func simulate(_ demand: DemandSpec, observations: [CountObservation]) throws(RunnerError) -> Result {
        struct Window: Hashable { var from: Double; var to: Double }
        var windows: [Window] = []
        for o in observations where !windows.contains(Window(from: o.from, to: o.to)) { windows.append(Window(from: o.from, to: o.to)) }
        var built: [SimulationSetup] = []
        for w in windows { built.append(try setup(demand, from: w.from, to: w.to)) }
        let setups = built
        let tasks = windows.indices.flatMap { w in (1...replications).map { (w, $0) } }
        let paramsPath = SpecPath.root.key("strategies").index(spec.strategies.firstIndex { $0.name == strategy.name } ?? 0)
        // Per task: movement releases, movement capacities (veh) and segment departures.
        final class Box: @unchecked Sendable {
            var out: [(moves: [Int], cap: [Double], segs: [Int])?]
            var failure: RunnerError?
            var cursor = 0
            let lock = NSLock()
            init(_ n: Int) { out = Array(repeating: nil, count: n) }
        }
        let box = Box(tasks.count)
        let nm = network.movementCount, ns = network.segmentCount
        let work: @Sendable (Int) -> Void = { (t: Int) in
            let (w, r) = tasks[t]
            let made: [any SignalController]
            do throws(SpecError) {
                made = try ControllerRegistry.controllers(strategy: strategy.controller, params: strategy.params,
                                                          paramsPath: paramsPath.key("params"), controllerPath: paramsPath.key("controller"),
                                                          setup: setups[w], controlled: controlled).controllers
            } catch {
                box.lock.lock(); box.failure = .input(sourceMap.inputError(for: error)); box.lock.unlock()
                return
            }
            var simulation = Simulation(setup: setups[w], seed: SeedRule.runSeed(scenarioSeed: spec.seed, replication: r),
                                        controllers: made)
            let result = simulation.run()
            var moves = [Int](repeating: 0, count: nm), cap = [Double](repeating: 0, count: nm)
            var segs = [Int](repeating: 0, count: ns)
            for m in result.movements {
                moves[m.movement] = m.throughput
                if m.degreeOfSaturation > 0, m.degreeOfSaturation.isFinite { cap[m.movement] = Double(m.arrivals) / m.degreeOfSaturation }
            }
            for s in result.roads { segs[s.segment] = s.left }
            box.lock.lock(); box.out[t] = (moves, cap, segs); box.lock.unlock()
        }
        if jobs == 1 {
            for t in tasks.indices { work(t) }
        } else {
            DispatchQueue.concurrentPerform(iterations: min(jobs, tasks.count)) { _ in
                while true {
                    box.lock.lock(); let t = box.cursor; box.cursor += 1; box.lock.unlock()
                    if t >= tasks.count { return }
                    work(t)
                }
            }
        }
        if let failure = box.failure { throw failure }
        var counts: [Double] = [], capacity: [Double?] = []
        for o in observations {
            let w = windows.firstIndex(of: Window(from: o.from, to: o.to))!
            var sum = 0.0, capSum = 0.0, capN = 0
            for (t, task) in tasks.enumerated() where task.0 == w {
                let out = box.out[t]!
                switch o.place {
                case .movement(let ms):
                    sum += Double(ms.map { out.moves[$0] }.reduce(0, +))
                    let c = ms.map { out.cap[$0] }.reduce(0, +)
                    if c > 0 { capSum += c; capN += 1 }
                case .segment(let s):
                    sum += Double(out.segs[s])
                }
            }
            counts.append(sum / Double(replications))
            capacity.append(capN > 0 ? capSum / Double(capN) * 3600 / (o.to - o.from) : nil)
        }
        return Result(counts: counts, capacityVehH: capacity)
    }
}
