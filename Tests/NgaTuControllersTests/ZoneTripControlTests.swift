import Testing
import NgaTuCore
@testable import NgaTuControllers

/// Trips that end at a junction leave before its stop line, and trips that start there join
/// after it: no controller may react to them.
@Suite struct ZoneTripControlTests {
    /// Every registered strategy but green-wave (it needs a corridor of two junctions or more).
    @Test(arguments: ControllerRegistry.strategies.map { $0.name }.filter { $0 != GreenWaveStrategy.name })
    func adaptiveSignalsIgnoreTripsThatNeverReachTheStopLine(strategy: String) throws {
        let net = try NetworkBuilder.build(Fixture.crossroads(green: 25))
        let east = [FlowSpec(from: "w", to: "e", rate: 600), FlowSpec(from: "e", to: "w", rate: 600)]
        // The same east–west flows (same random streams: they come first), plus trips on the
        // north and south arms that end or start at the centre.
        let zone = [FlowSpec(from: "n", to: "c", rate: 900), FlowSpec(from: "c", to: "s", rate: 900),
                    FlowSpec(from: "s", to: "c", rate: 900)]
        func timings(_ flows: [FlowSpec]) throws -> ([SignalTiming], Int) {
            let setup = try SimulationSetup(network: net, demand: DemandSpec(arrivals: .poisson, flows: flows),
                                            timing: RunTiming(duration: 1800, warmup: 0))
            var sim = Simulation(setup: setup, seed: 5, controllers: try Fixture.controllers(strategy, setup: setup).controllers)
            let r = sim.run()
            return (r.signalTimings, r.counters.finished)
        }
        let (alone, finishedAlone) = try timings(east)
        let (withZones, finishedWith) = try timings(east + zone)
        #expect(finishedWith > finishedAlone + 1000)
        #expect(alone == withZones, "\(strategy) reacted to trips that never reach the stop line")
    }
}
