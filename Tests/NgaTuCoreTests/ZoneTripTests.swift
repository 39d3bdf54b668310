import Testing
@testable import NgaTuCore

/// Trips that start or end at a junction inside the map (the side streets of its zone): they
/// join a road after the junction's stop line and leave one before it, so a trip crosses only
/// the signals between its ends.
@Suite struct ZoneTripTests {
    func run(_ map: MapSpec, _ flows: [FlowSpec], duration: Double = 3600, warmup: Double = 0,
             arrivals: ArrivalProcess = .uniform, audit: Bool = false) throws -> RunResult {
        let net = try NetworkBuilder.build(map)
        let setup = try SimulationSetup(network: net, demand: DemandSpec(arrivals: arrivals, flows: flows),
                                        timing: RunTiming(duration: duration, warmup: warmup, sampleInterval: 30))
        var options = SimulationOptions()
        options.recordTrips = true
        options.audit = audit
        var sim = Simulation(setup: setup, seed: 3, controllers: TestNetworks.fixedControllers(net), options: options)
        return sim.run()
    }

    /// On the crossroads, trips into the centre and out of it cross no signal (zero delay, to
    /// the microsecond), and only the through trips are served by the north approach.
    @Test func tripsEndingOrStartingAtTheCentreCrossNoSignal() throws {
        let map = TestNetworks.crossroads(arm: 300, lanes: 1, green: 25)
        let r = try run(map, [FlowSpec(from: "n", to: "c", rate: 600),   // flow 0: ends before the stop line
                              FlowSpec(from: "c", to: "s", rate: 600),   // flow 1: starts after it
                              FlowSpec(from: "n", to: "s", rate: 300)])  // flow 2: crosses the signal
        let byFlow = Dictionary(grouping: r.trips, by: \.flow)
        #expect(byFlow[0]!.count > 550 && byFlow[1]!.count > 550 && byFlow[2]!.count > 270)
        #expect(byFlow[0]!.allSatisfy { abs($0.delay) < 1e-6 })
        #expect(byFlow[1]!.allSatisfy { abs($0.delay) < 1e-6 })
        let through = byFlow[2]!.map(\.delay).reduce(0, +) / Double(byFlow[2]!.count)
        #expect(through > 5, "the through trips wait at the red: \(through) s")
        // Free-flow time of a 300 m arm at 40 km/h is 27 s.
        let travel = byFlow[0]!.map { $0.arrive - $0.depart }
        #expect(travel.allSatisfy { abs($0 - 27) < 1e-3 })
        let north = r.approaches.first { $0.approach == "N" }!
        // The north approach releases only the through trips (those still on the south arm at
        // the end have been released but not finished).
        #expect(north.throughput >= byFlow[2]!.count && north.throughput <= byFlow[2]!.count + 5,
                "released \(north.throughput), through trips finished \(byFlow[2]!.count)")
    }

    /// A busy grid with trips between inner junctions, and between them and the boundaries:
    /// every vehicle is accounted for at every sample, and a trip between neighbours is one
    /// road at free flow whatever the queues at both ends.
    @Test func innerTripsOnABusyGridConserveVehicles() throws {
        let map = TestNetworks.grid(rows: 3, cols: 3, spacing: 150, lanes: 1)
        var flows = SyntheticMaps.gridDemand(rows: 3, cols: 3, rate: 500)
        let neighbours = flows.count
        flows.append(FlowSpec(from: "j0-0", to: "j0-1", rate: 300))
        flows.append(FlowSpec(from: "j1-1", to: "j2-2", rate: 300))
        flows.append(FlowSpec(from: "bw1", to: "j1-2", rate: 300))
        flows.append(FlowSpec(from: "j2-0", to: "bn2", rate: 300))
        let r = try run(map, flows, duration: 3600, warmup: 300, arrivals: .poisson, audit: true)
        for s in r.timeSeries {
            #expect(s.generated == s.waiting + s.onSegments + s.finished, "at t=\(s.time)")
        }
        let byFlow = Dictionary(grouping: r.trips, by: \.flow)
        for f in neighbours..<flows.count { #expect((byFlow[f]?.count ?? 0) > 200, "flow \(f)") }
        #expect(byFlow[neighbours]!.allSatisfy { abs($0.delay) < 1e-6 })
        #expect(byFlow[neighbours + 1]!.map(\.delay).max()! > 0, "j1-1 → j2-2 crosses one signal")
        #expect(r.counters.finished > 6500, "the demand is about 7,600 veh/h")
    }

    @Test func aFlowMustEndElsewhere() throws {
        let net = try NetworkBuilder.build(TestNetworks.crossroads())
        #expect(throws: SpecError.self) {
            _ = try SimulationSetup(network: net, demand: DemandSpec(arrivals: .poisson, flows: [FlowSpec(from: "c", to: "c", rate: 100)]),
                                    timing: RunTiming(duration: 600, warmup: 0))
        }
    }
}
