import Foundation
import Testing
import NgaTuControllers
import NgaTuCore
import NgaTuFormats
import Stochastics

/// On the 30/4 corridor scenario, the green wave lowers stops per vehicle in the coordinated
/// (inbound) direction against the map's fixed-time plans: paired by replication (same seed).
@Suite struct CorridorGreenWaveTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func greenWaveLowersInboundStopsOnThe304Corridor() throws {
        let doc = try ScenarioReader.read(file: Self.repository.appendingPathComponent("scenarios/corridor-30-4.yaml").path)
        let spec = doc.spec
        let net = try NetworkBuilder.build(doc.map.spec)
        let setup = try SimulationSetup(network: net, model: spec.model, classes: spec.vehicles, demand: spec.demand,
                                        incidents: spec.events,
                                        timing: RunTiming(duration: spec.duration, warmup: spec.warmup))
        let wave = try #require(spec.strategies.first { $0.controller == "green-wave" })
        guard case .list(let corridorIDs)? = wave.params.first(where: { $0.key == "corridor" })?.value else {
            Issue.record("the green-wave strategy names its corridor"); return
        }
        let corridor = corridorIDs.map { Int(net.junctionIndexByID[$0]!) }
        // The coordinated direction: flows that travel at least two links of the corridor in the
        // listed order (a link: a segment from corridor junction k straight into junction k + 1).
        let inboundFlows = Set(setup.flows.indices.filter { f in
            let links = setup.flows[f].route.filter { s in
                guard let a = corridor.firstIndex(of: Int(net.segmentFrom[Int(s)])),
                      let b = corridor.firstIndex(of: Int(net.segmentTo[Int(s)])) else { return false }
                return b == a + 1
            }
            return links.count >= 2
        })
        #expect(inboundFlows.count >= 3)
        let corridorRate = inboundFlows.reduce(0.0) { $0 + setup.flows[$1].rate * 3600 }
        func controllers(_ s: StrategySpec) throws -> [any SignalController] {
            try ControllerRegistry.controllers(strategy: s.controller, params: s.params, paramsPath: .root,
                                               controllerPath: .root, setup: setup, controlled: net.signalisedJunctions).controllers
        }
        let fixed = try #require(spec.strategies.first { $0.controller == "fixed-time" })
        var options = SimulationOptions()
        options.recordTrips = true
        var stopsFixed: [Double] = [], stopsWave: [Double] = []
        for r in 1...spec.replications {
            for (s, into) in [(fixed, 0), (wave, 1)] {
                var sim = Simulation(setup: setup, seed: SeedRule.runSeed(scenarioSeed: spec.seed, replication: r),
                                     controllers: try controllers(s), options: options)
                let trips = sim.run().trips.filter { inboundFlows.contains($0.flow) }
                let mean = Double(trips.reduce(0) { $0 + $1.stops }) / Double(max(trips.count, 1))
                if into == 0 { stopsFixed.append(mean) } else { stopsWave.append(mean) }
            }
        }
        let d = PairedDifference(stopsWave, stopsFixed)
        print("corridor 30/4: \(inboundFlows.count) flows, \(corridorRate) veh/h along ≥ 2 links; inbound stops per vehicle: fixed \(SampleSummary(stopsFixed).mean), green wave \(SampleSummary(stopsWave).mean), difference \(d.summary.mean) [\(d.summary.ciLow!), \(d.summary.ciHigh!)]")
        #expect(d.summary.ciHigh! < 0)
    }
}
