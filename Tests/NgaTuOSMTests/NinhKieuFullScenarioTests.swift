import Foundation
import Testing
import NgaTuCore
import NgaTuFormats

/// `scenarios/ninh-kieu-full-am-peak.yaml`: the flagship's through flows on the full network,
/// unsignalised junctions yielding, run for its whole 90 minutes under the map's fixed plans.
@Suite struct NinhKieuFullScenarioTests {
    @Test func thePeakRunsWithoutGridlockUnderFixedTime() throws {
        let path = CanThoMapTests.repo.appendingPathComponent("scenarios/ninh-kieu-full-am-peak.yaml").path
        let doc = try ScenarioReader.read(file: path)
        #expect(doc.spec.model.priorityJunctions == .yield)
        let net = try NetworkBuilder.build(doc.map.spec)
        let setup = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles, demand: doc.spec.demand,
                                        incidents: doc.spec.events,
                                        timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        var sim = Simulation(setup: setup, seed: doc.spec.seed, controllers: net.programs.map { FixedTimeController(plan: .init($0)) })
        let r = sim.run()
        // No gridlock (nothing moving for 5 minutes with vehicles waiting), nobody left at an
        // entry, and about 12,200 vehicles demanded of which about 10,850 finished (seed 2026).
        #expect(r.warnings.isEmpty, "gridlock: \(r.warnings)")
        #expect(r.summary.vehiclesWaiting == 0)
        #expect(r.summary.vehiclesFinished > 10_000)
        #expect(Double(r.summary.vehiclesFinished) > 0.85 * Double(r.summary.vehiclesFinished + r.summary.vehiclesUnfinished))
    }
}
