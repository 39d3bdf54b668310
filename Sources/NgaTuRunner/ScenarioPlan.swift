import Foundation
import NgaTuControllers
public import NgaTuCore
public import NgaTuFormats
public import NgaTuResults

/// Command-line choices that narrow or widen a scenario (`--replications`, `--strategy`).
public struct PlanOptions: Sendable {
    /// Overrides the scenario's `replications:` when set.
    public var replications: Int?
    /// Strategy names to run; empty means every strategy. The baseline is always run.
    public var strategies: [String]
    /// `--sensitivity`: check the default set of estimates (`Sensitivity.estimates`) when the
    /// scenario names no `sensitivity:` parameters.
    public var sensitivity: Bool

    public init(replications: Int? = nil, strategies: [String] = [], sensitivity: Bool = false) {
        self.replications = replications; self.strategies = strategies; self.sensitivity = sensitivity
    }
}

/// A scenario checked from end to end and expanded into runs: strategies × sweep points ×
/// replications.
///
/// Making a plan does all the validation a run needs before anything is written: the network
/// is built from the map, one `SimulationSetup` is built per sweep point (routes, incidents)
/// and every strategy makes its controllers once at every sweep point. Each core `SpecError`
/// is placed in the file it is about: map paths in the map file, scenario paths in the
/// scenario file.
///
/// Replication `r` (counted from 1) runs with the core's `SeedRule.runSeed` (`seed + r − 1`)
/// for every strategy (common random numbers), so paired differences between strategies
/// compare like with like.
public struct ScenarioPlan: Sendable {
    /// A strategy as run: its position in the scenario file and its resolved parameters.
    public struct Strategy: Sendable {
        public var name: String
        public var controller: String
        public var params: [StrategyParam]
        /// Index in the scenario's `strategies:` list (for error paths).
        public var fileIndex: Int
        /// Parameters as the controller read them, defaults included.
        public var resolved: [MetaEntry]
    }

    /// One sweep point with the simulation setup shared by all its runs.
    public struct Point: Sendable {
        public var sweep: SweepPoint
        public var setup: SimulationSetup
        /// Per strategy (plan order): the controller inputs it reported at this point.
        public var inputs: [[ControllerInputRow]]
        /// Per strategy (plan order): its parameters at this point (a sweep may change them).
        public var params: [[StrategyParam]] = []
    }

    public let document: ScenarioDocument
    public let network: Network
    /// Signalised junction indices the strategies control, ascending.
    public let controlled: [Int]
    public let strategies: [Strategy]
    public let baseline: String
    public let sweep: Sweep
    public let points: [Point]
    public let replications: Int
    public let seed: UInt64
    /// The same plan with one estimated parameter at another value, per parameter and value
    /// in file order (empty without a sensitivity check); every variant runs the same jobs on
    /// the same seeds.
    public let sensitivity: [SensitivityVariant]

    public var spec: ScenarioSpec { document.spec }

    /// Checks `document` and expands it; throws `RunnerError.input` (placed in a file) or
    /// `RunnerError.usage` (an option that does not fit the scenario).
    public init(document: ScenarioDocument, options: PlanOptions = PlanOptions()) throws(RunnerError) {
        self.document = document
        let spec = document.spec
        let scenarioMap = document.sourceMap
        let mapSource = document.map.sourceMap

        let network: Network
        do { network = try NetworkBuilder.build(document.map.spec) } catch {
            throw .input(mapSource.inputError(for: error))
        }
        self.network = network

        if let ids = spec.controlledJunctions {
            var out: [Int] = []
            for (i, id) in ids.enumerated() {
                let path = SpecPath.root.key("junctions").index(i)
                guard let j = network.junctionIndexByID[id] else {
                    throw .input(scenarioMap.inputError(at: path, "unknown junction \"\(Echo.excerpt(id))\" (not in map \(network.id))"))
                }
                guard network.programOfJunction[Int(j)] >= 0 else {
                    throw .input(scenarioMap.inputError(at: path, "junction \"\(id)\" is not signalised"))
                }
                out.append(Int(j))
            }
            controlled = out.sorted()
        } else {
            controlled = network.signalisedJunctions
        }

        // Strategies: all, or those named by --strategy (in file order), always with the baseline.
        let names = spec.strategies.map(\.name)
        for name in options.strategies where !names.contains(name) {
            throw .usage("--strategy \(name): the scenario has no strategy of that name (strategies: \(names.joined(separator: ", ")))")
        }
        var chosen: [Strategy] = []
        for (i, s) in spec.strategies.enumerated()
        where options.strategies.isEmpty || options.strategies.contains(s.name) || s.name == spec.baseline {
            chosen.append(Strategy(name: s.name, controller: s.controller, params: s.params, fileIndex: i, resolved: []))
        }
        baseline = spec.baseline

        // The override obeys the file's limits, checked before anything is allocated.
        if let r = options.replications, r < 1 || r > ScenarioReader.maxReplications {
            throw .usage("--replications must be from 1 to \(ScenarioReader.maxReplications), got \(r)")
        }
        if let r = options.replications, spec.seed > UInt64(Int64.max) - UInt64(r - 1) {
            throw .usage("--replications \(r): seed \(spec.seed) + \(r - 1) would pass the largest seed, \(Int64.max)")
        }
        replications = options.replications ?? spec.replications
        seed = spec.seed

        sweep = spec.expandedSweep

        // A variant that changes plans or roads runs on its own network (same ids, same order).
        var variantNetworks: [String: Network] = [:]
        for (i, v) in spec.variants.enumerated() where v.changesMap {
            do { variantNetworks[v.name] = try NetworkBuilder.build(v.applied(to: document.map.spec)) } catch {
                // A fault of the variant's own plan or road is placed at it in the scenario file;
                // anything else is the map's.
                let own = SpecPath([.key("variants"), .index(i)] + error.path.components)
                var p: SpecPath? = own
                while let q = p, q.components.count > 2, !scenarioMap.contains(q) { p = q.parent }
                if let q = p, q.components.count > 2 {
                    throw .input(scenarioMap.inputError(at: own, "variant \"\(v.name)\": \(error.message)"))
                }
                throw .input(mapSource.inputError(for: SpecError(error.path, "in variant \"\(v.name)\": \(error.message)")))
            }
        }

        var points: [Point] = []
        for point in sweep.points {
            let at = spec.spec(at: point, map: document.map.spec)
            let pointNetwork = spec.variant(at: point).flatMap { variantNetworks[$0.name] } ?? network
            let setup: SimulationSetup
            do {
                setup = try SimulationSetup(
                    network: pointNetwork, model: at.model, classes: at.vehicles, demand: at.demand,
                    incidents: at.events,
                    timing: RunTiming(duration: spec.duration, warmup: spec.warmup, sampleInterval: spec.sampleInterval))
            } catch {
                throw .input(Self.place(error, scenario: scenarioMap, map: mapSource))
            }
            var inputs: [[ControllerInputRow]] = []
            var params: [[StrategyParam]] = []
            for k in chosen.indices {
                var strategy = chosen[k]
                strategy.params = at.strategies[strategy.fileIndex].params
                params.append(strategy.params)
                let made = try Self.controllers(strategy, setup: setup, controlled: controlled,
                                                scenario: scenarioMap, map: mapSource)
                if chosen[k].resolved.isEmpty {
                    chosen[k].resolved = made.parameters.map { MetaEntry($0.key, $0.value) }
                }
                inputs.append(made.inputs.map {
                    ControllerInputRow(strategy: chosen[k].name, sweep: point, junction: $0.junction,
                                       key: $0.key, value: $0.value, note: $0.note.isEmpty ? nil : $0.note)
                })
            }
            points.append(Point(sweep: point, setup: setup, inputs: inputs, params: params))
        }
        strategies = chosen
        self.points = points

        // Variants are planned (and so checked) in full before anything runs.
        let parameters = spec.sensitivity.isEmpty && options.sensitivity ? Sensitivity.estimates(classes: spec.vehicles) : spec.sensitivity
        var variants: [SensitivityVariant] = []
        var variantOptions = options
        variantOptions.sensitivity = false
        for p in parameters {
            for value in p.values {
                var variant = document
                variant.spec = Sensitivity.applying(p.key, value, to: spec)
                variants.append(SensitivityVariant(parameter: p.key, value: value,
                                                   plan: try ScenarioPlan(document: variant, options: variantOptions)))
            }
        }
        sensitivity = variants
    }

    /// Places a core error: paths into the map's own sections go to the map file, everything
    /// else to the scenario file.
    static func place(_ error: SpecError, scenario: SourceMap, map: SourceMap) -> InputError {
        if case .key(let first)? = error.path.components.first, ["roads", "signals"].contains(first),
           !scenario.contains(error.path) {
            return map.inputError(for: error)
        }
        return scenario.inputError(for: error)
    }

    static func controllers(_ s: Strategy, setup: SimulationSetup, controlled: [Int], scenario: SourceMap, map: SourceMap)
        throws(RunnerError) -> (controllers: [any SignalController],
                                inputs: [(junction: String, key: String, value: Double, note: String)],
                                parameters: [(key: String, value: String)]) {
        let base = SpecPath.root.key("strategies").index(s.fileIndex)
        do {
            return try ControllerRegistry.controllers(
                strategy: s.controller, params: s.params, paramsPath: base.key("params"),
                controllerPath: base.key("controller"), setup: setup, controlled: controlled)
        } catch {
            throw .input(place(error, scenario: scenario, map: map))
        }
    }

    // MARK: Runs

    /// Every run in execution order: sweep point, then replication, then strategy, so that the
    /// runs finished early already pair up by replication.
    public var jobs: [RunJob] {
        var out: [RunJob] = []
        for p in points.indices {
            for r in 1...replications {
                for s in strategies.indices { out.append(RunJob(strategy: s, point: p, replication: r)) }
            }
        }
        return out
    }

    /// The run seed of replication `r` (from 1): the one seed rule, `SeedRule.runSeed`.
    public func seed(ofReplication r: Int) -> UInt64 { SeedRule.runSeed(scenarioSeed: seed, replication: r) }

    /// The key a run is stored under.
    public func key(of job: RunJob) -> RunKey {
        RunKey(strategy: strategies[job.strategy].name, sweep: points[job.point].sweep, replication: job.replication)
    }

    /// Runs one job from scratch (fresh controllers, own random streams) and returns its rows.
    /// With `playback`, the first replication also keeps every segment's queue at each sample
    /// (the report's playback, `segment_queues`); the other replications never do.
    public func execute(_ job: RunJob, options: SimulationOptions = SimulationOptions(),
                        playback: Bool = true) throws(RunnerError) -> RunRecord {
        var options = options
        if playback && job.replication == 1 { options.recordSegmentQueues = true }
        let point = points[job.point]
        var strategy = strategies[job.strategy]
        if job.strategy < point.params.count { strategy.params = point.params[job.strategy] }
        let made = try Self.controllers(strategy, setup: point.setup, controlled: controlled,
                                        scenario: document.sourceMap, map: document.map.sourceMap)
        let runSeed = seed(ofReplication: job.replication)
        var simulation = Simulation(setup: point.setup, seed: runSeed,
                                    controllers: made.controllers, options: options)
        let result = simulation.run()
        if let fault = simulation.controllerFault { throw .controllerFault(fault, strategy: strategy.name) }
        return RunRecord(result: result, key: key(of: job), seed: runSeed, network: network,
                         controllerNames: controllerNames(for: strategy), inputs: point.inputs[job.strategy],
                         longWait: LongWait(thresholdS: document.spec.maxWaitWarning, endS: document.spec.duration))
    }

    /// Controller kind per signal program: the strategy's for controlled junctions, `fixed-time`
    /// for the others.
    func controllerNames(for strategy: Strategy) -> [String] {
        network.programs.map { controlled.contains(Int($0.junction)) ? strategy.controller : FixedTimeStrategy.name }
    }
}

/// One run of a plan: indices of its strategy and sweep point, and its replication (from 1).
public struct RunJob: Sendable, Hashable {
    public var strategy: Int
    public var point: Int
    public var replication: Int
    public init(strategy: Int, point: Int, replication: Int) {
        self.strategy = strategy; self.point = point; self.replication = replication
    }
}

/// A scenario plan rerun with one estimated parameter at another value (`sensitivity:`).
public struct SensitivityVariant: Sendable {
    /// Key path of the parameter, e.g. `model.critical_gap`.
    public var parameter: String
    public var value: Double
    public var plan: ScenarioPlan
}
