import Testing
@testable import NgaTuCore

/// `SimulationSetup.departures(runSeed:)`: the vehicles a run generates, listed without running
/// it (the SUMO/UXsim export gives every engine these).
@Suite struct DeparturesTests {
    /// A congested 3×3 grid (spillback, vehicles waiting to enter), the Cần Thơ mix (class
    /// draws), under a profile (thinning) and both arrival processes.
    @Test(arguments: [ArrivalProcess.poisson, .uniform])
    func departuresAreTheSimulationsVehicles(arrivals: ArrivalProcess) throws {
        let map = SyntheticMaps.grid(rows: 3, cols: 3)
        let demand = DemandSpec(arrivals: arrivals, flows: SyntheticMaps.gridDemand(rows: 3, cols: 3, rate: 2400),
                                profile: [(0, 0.6), (1200, 1.5), (2400, 0.8)])
        let setup = try SimulationSetup(network: try NetworkBuilder.build(map), demand: demand,
                                        timing: RunTiming(duration: 3600, warmup: 600))
        let seed: UInt64 = 11
        let deps = setup.departures(runSeed: seed)
        var options = SimulationOptions()
        options.recordTrips = true
        var sim = Simulation(setup: setup, seed: seed, controllers: TestNetworks.fixedControllers(setup.network),
                             options: options)
        let result = sim.run()
        // Every vehicle generated, in order of time; times on the engine's microsecond clock.
        #expect(deps.count == result.counters.generated)
        #expect(zip(deps, deps.dropFirst()).allSatisfy { ($0.time, $0.flow) <= ($1.time, $1.flow) })
        #expect(deps.allSatisfy { ($0.time * 1e6).rounded() / 1e6 == $0.time && $0.time <= 3600 })
        // Every flow, every class of the mix drawn.
        #expect(Set(deps.map(\.flow)) == Set(setup.flows.indices))
        #expect(Set(deps.map(\.vehicleClass)).count == setup.classes.count)
        // The measured ones are the run's demanded vehicles (finished, on the map, waiting).
        let measured = deps.filter { $0.time >= 600 && $0.time < 3600 }
        let s = result.summary
        #expect(s.vehiclesWaiting > 0 && s.vehiclesUnfinished > s.vehiclesWaiting)
        #expect(measured.count == s.vehiclesFinished + s.vehiclesUnfinished)
        // Each finished trip is one of the list's vehicles: same departure, flow and class.
        var pool = Dictionary(grouping: measured, by: { $0 }).mapValues(\.count)
        for t in result.trips {
            let d = Departure(time: t.depart, flow: t.flow, vehicleClass: t.vehicleClass)
            #expect(pool[d, default: 0] > 0, "trip of flow \(t.flow) at \(t.depart) s is not in the list")
            pool[d, default: 0] -= 1
        }
        // Another seed draws other vehicles; the same seed the same ones.
        #expect(setup.departures(runSeed: seed + 1) != deps)
        #expect(setup.departures(runSeed: seed) == deps)
    }
}
