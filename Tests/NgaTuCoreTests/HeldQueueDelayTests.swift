import Testing
import NgaTuCore

/// Control delay and level of service count the vehicles still queued at a stop line at the
/// end of the run (their wait so far), so a strategy that holds an approach's queue for good
/// cannot show a good letter there (HCM: the control delay of the vehicles that arrived in the
/// analysis period).
@Suite struct HeldQueueDelayTests {
    /// The crossroads' fixed plan until `holdFrom` (s), then N-S green for good: the E-W
    /// approaches are never served again.
    struct HoldingController: SignalController {
        var plan: FixedTimeController
        let holdFrom: Double
        var minGreen: Double { 0 }
        var detectorDistance: Double { 0 }
        var observesTraffic: Bool { false }
        mutating func decide(_ o: SignalObservation) -> SignalDecision {
            guard o.now >= holdFrom else { return plan.decide(o) }
            return o.currentPhase == 0 ? .hold(until: o.now + 3600) : .switchTo(phase: 0)
        }
    }

    @Test("an approach held from 1,200 s: its delay counts the held vehicles' waits and its letter is F")
    func heldApproachCountsInControlDelay() throws {
        // 800 m arms store 114 cars: every held vehicle is at the stop line, none at the edge.
        let net = try NetworkBuilder.build(TestNetworks.crossroads(arm: 800))
        let headway = 30.0, end = 3600.0
        // Flow 0 is the held one, E → W, a vehicle every 30 s; N → S keeps its green.
        let demand = DemandSpec(arrivals: .uniform, flows: [FlowSpec(from: "e", to: "w", rate: 3600 / headway),
                                                            FlowSpec(from: "n", to: "s", rate: 300)])
        let setup = try SimulationSetup(network: net, classes: ValidationTests.cars, demand: demand,
                                        timing: RunTiming(duration: end, warmup: 0))
        var options = SimulationOptions()
        options.recordTrips = true
        let plan = FixedTimeController(plan: .init(net.programs[0]))
        var sim = Simulation(setup: setup, seed: 7, controllers: [HoldingController(plan: plan, holdFrom: 1200)],
                             options: options)
        let r = sim.run()

        let e = try #require(r.approaches.first { net.segmentFrom[$0.segment] == net.junctionIndexByID["e"]! })
        // Released E → W vehicles: their trips, each delayed by its wait at the stop line only
        // (free-flow entry and exit, nothing waits to enter), all finished by the end.
        let served = r.trips.filter { $0.flow == 0 }
        #expect(served.count == e.throughput && served.count > 0)
        let servedWait = served.reduce(0) { $0 + $1.delay }
        let releasedOnly = servedWait / Double(served.count)
        // The definition before: released vehicles only, a good letter.
        #expect(releasedOnly < 20)
        #expect(LevelOfService(controlDelay: releasedOnly, volumeToCapacity: e.degreeOfSaturation) <= .B)

        // The held ones: departures every 30 s after the last served one, at the stop line
        // a free-flow time later, still there at the end (those still driving are not queued).
        let freeFlow = 800.0 / (40 / 3.6)
        let lastServed = try #require(served.map(\.depart).max())
        var heldCount = 0, heldWait = 0.0
        var k = 1
        while lastServed + Double(k) * headway + freeFlow <= end {
            heldCount += 1; heldWait += end - (lastServed + Double(k) * headway + freeFlow); k += 1
        }
        #expect(heldCount > 70 && r.summary.vehiclesWaiting == 0)
        #expect(e.stillQueued == heldCount)
        let expected = (servedWait + heldWait) / Double(served.count + heldCount)
        print("held approach: released only \(releasedOnly) s; with \(heldCount) still queued (\(heldWait) s of waits) \(e.controlDelay) s, expected \(expected) s")
        #expect(abs(e.controlDelay - expected) < 1e-3)
        #expect(e.levelOfService == .F && e.degreeOfSaturation < 1)
        // The longest wait is the first held vehicle's, still going on.
        #expect(abs(e.maxWait - (end - (lastServed + headway + freeFlow))) < 1e-3)

        // The movement E → W carries the same vehicles.
        let m = try #require(r.movements.first { net.movementFrom[$0.movement] == e.segment && $0.throughput > 0 })
        #expect(m.stillQueued == heldCount && abs(m.controlDelay - expected) < 1e-3 && m.levelOfService == .F)
        // N → S is served throughout: at most the few vehicles of the last red are queued.
        let n = try #require(r.approaches.first { net.segmentFrom[$0.segment] == net.junctionIndexByID["n"]! })
        #expect(n.stillQueued == 0 && n.levelOfService <= .B)
    }

    @Test("an approach never served at all has a control delay from its held vehicles alone")
    func neverServedApproach() throws {
        let net = try NetworkBuilder.build(TestNetworks.crossroads(arm: 800))
        let demand = DemandSpec(arrivals: .uniform, flows: [FlowSpec(from: "e", to: "w", rate: 120)])
        let setup = try SimulationSetup(network: net, classes: ValidationTests.cars, demand: demand,
                                        timing: RunTiming(duration: 1800, warmup: 0))
        let plan = FixedTimeController(plan: .init(net.programs[0]))
        var sim = Simulation(setup: setup, seed: 3, controllers: [HoldingController(plan: plan, holdFrom: 0)])
        let r = sim.run()
        let e = try #require(r.approaches.first { net.segmentFrom[$0.segment] == net.junctionIndexByID["e"]! })
        #expect(e.throughput == 0 && e.stillQueued > 50)
        #expect(e.controlDelay > 600 && e.levelOfService == .F)
    }
}
