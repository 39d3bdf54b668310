import Foundation
import Testing
import NgaTuCore
import NgaTuFormats
import NgaTuRunner
import NgaTuSUMO

/// The cross-validation cases of bench/compare: exported for SUMO and UXsim, and run in our
/// simulator (fixed-time plans) for the figures beside them. Runs only when
/// `NGATU_COMPARE_DIR` is set (bench/compare/compare.sh sets it); each case goes to
/// `$NGATU_COMPARE_DIR/<case>/` with `ngatu-result.json`.
///
/// `NGATU_COMPARE_CASES` (comma-separated, default all): isolated-junction, grid-10x10,
/// grid-10x10-cars, grid-10x10-cars-shared, ninh-kieu.
/// `NGATU_COMPARE_REPLICATIONS` (default 1): replications of our simulator per case.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["NGATU_COMPARE_DIR"] != nil))
struct CompareCases {
    struct Case {
        var name: String
        var setup: SimulationSetup
        var seed: UInt64
        var export: (URL) throws -> [String]
    }

    static func cases() throws -> [Case] {
        let root = SUMOExporterTests.root
        var out: [Case] = []
        // The isolated crossroads, fixed-time, undersaturated (x = 0.67 / 0.40).
        let iso = try ScenarioReader.read(file: root.appendingPathComponent("scenarios/isolated-junction.yaml").path)
        out.append(Case(name: "isolated-junction", setup: try setup(iso, scale: 1), seed: iso.spec.seed) { dir in
            try SUMOExporter.export(scenario: iso, sweepIndex: 0, to: dir)
        })
        // The benchmark grid of ngatu-bench: 10×10 signalised, 800 veh/h, one hour, 10 min warm-up.
        let grid = SyntheticMaps.grid(rows: 10, cols: 10)
        let demand = DemandSpec(arrivals: .poisson, flows: SyntheticMaps.gridDemand(rows: 10, cols: 10, rate: 800))
        let timing = RunTiming(duration: 3600, warmup: 600)
        out.append(Case(name: "grid-10x10",
                        setup: try SimulationSetup(network: try NetworkBuilder.build(grid), demand: demand, timing: timing),
                        seed: 1) { dir in
            try SUMOExporter.export(map: grid, demand: demand, timing: timing, seed: 1, name: "grid-10x10", to: dir)
        })
        // The congested grid of cars (issue 19): the same grid, cars only, 565 veh/h per end-to-end
        // flow (24,012 veh/h), one hour measured from the start.
        let cars = try ScenarioReader.read(file: root.appendingPathComponent("bench/compare/grid-10x10-cars.yaml").path)
        out.append(Case(name: "grid-10x10-cars", setup: try setup(cars, scale: 1), seed: cars.spec.seed) { dir in
            try SUMOExporter.export(scenario: cars, sweepIndex: 0, to: dir)
        })
        // The same grid of cars without left-turn bays (`left_bay: false` on every road; not in
        // compare.sh's default CASES): the left turners share the leftmost lane, here and in SUMO.
        let shared = try ScenarioReader.read(file: root.appendingPathComponent("bench/compare/grid-10x10-cars-shared.yaml").path)
        out.append(Case(name: "grid-10x10-cars-shared", setup: try setup(shared, scale: 1), seed: shared.spec.seed) { dir in
            try SUMOExporter.export(scenario: shared, sweepIndex: 0, to: dir)
        })
        // Ninh Kiều, the flagship scenario's demand at scale 1 (skipped, with a message, while
        // the map does not build).
        do {
            let nk = try ScenarioReader.read(file: root.appendingPathComponent("scenarios/ninh-kieu-am-peak.yaml").path)
            let index = nk.spec.expandedSweep.referenceIndex
            out.append(Case(name: "ninh-kieu", setup: try setup(nk, scale: 1), seed: nk.spec.seed) { dir in
                try SUMOExporter.export(scenario: nk, sweepIndex: index, to: dir)
            })
        } catch {
            print("compare: ninh-kieu skipped: \(error)")
        }
        return out
    }

    static func setup(_ doc: ScenarioDocument, scale: Double) throws -> SimulationSetup {
        var demand = doc.spec.demand
        demand.scale = scale
        return try SimulationSetup(network: try NetworkBuilder.build(doc.map.spec), model: doc.spec.model,
                                   classes: doc.spec.vehicles, demand: demand,
                                   timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
    }

    @Test func exportAndRunOurSimulator() throws {
        let env = ProcessInfo.processInfo.environment
        let base = URL(fileURLWithPath: env["NGATU_COMPARE_DIR"]!)
        let wanted = env["NGATU_COMPARE_CASES"].map { Set($0.split(separator: ",").map(String.init)) }
        let reps = max(1, Int(env["NGATU_COMPARE_REPLICATIONS"] ?? "") ?? 1)
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        for c in try Self.cases() where wanted?.contains(c.name) ?? true {
            let dir = base.appendingPathComponent(c.name)
            let files = try c.export(dir)
            #expect(!files.isEmpty)
            var runs: [[String: Any]] = []
            var approaches: [[String: Any]] = [], flows: [[String: Any]] = []
            for r in 0..<reps {
                let controllers: [any SignalController] = c.setup.network.programs.map { FixedTimeController(plan: .init($0)) }
                let t0 = DispatchTime.now().uptimeNanoseconds
                var options = SimulationOptions()
                options.recordTrips = r == 0
                var sim = Simulation(setup: c.setup, seed: SeedRule.runSeed(scenarioSeed: c.seed, replication: r + 1), controllers: controllers,
                                     options: options)
                let result = sim.run()
                let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                let s = result.summary
                runs.append(["replication": r, "wall_s": wall, "vehicles_finished": s.vehiclesFinished,
                             "vehicles_unfinished": s.vehiclesUnfinished, "vehicles_waiting": s.vehiclesWaiting,
                             "mean_travel_time_s": s.meanTravelTime, "mean_delay_s": s.meanDelay,
                             "generated": result.counters.generated, "events": result.counters.events])
                if r == 0 {
                    // Per flow, measured trips finished and their mean delay (approaches.py).
                    var byFlow: [Int: (n: Int, delay: Double)] = [:]
                    for t in result.trips { byFlow[t.flow, default: (0, 0)].n += 1; byFlow[t.flow, default: (0, 0)].delay += t.delay }
                    flows = byFlow.keys.sorted().map { ["id": "f\($0)", "finished": byFlow[$0]!.n,
                                                         "mean_delay_s": byFlow[$0]!.delay / Double(byFlow[$0]!.n)] }
                    // Per signalised approach, vehicles discharged in [warm-up, duration): for
                    // bench/compare/approaches.py against SUMO's edgeData.
                    approaches = result.approaches.map {
                        ["segment": c.setup.network.segmentIDs[$0.segment], "throughput": $0.throughput,
                         "arrivals": $0.arrivals, "control_delay_s": $0.controlDelay]
                    }
                }
            }
            let json: [String: Any] = ["engine": "ngatu", "case": c.name, "build": build, "seed": Int(c.seed),
                                       "controller": "fixed-time", "runs": runs, "approaches": approaches,
                                       "flows": flows]
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: dir.appendingPathComponent("ngatu-result.json"))
        }
    }
}
