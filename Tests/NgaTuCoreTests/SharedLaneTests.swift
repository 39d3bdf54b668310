import Testing
@testable import NgaTuCore

/// Approaches without a left-turn bay (`left_bay: false`): a left turner held at the stop line
/// holds up the through vehicles behind it in its lane (README, "Approaches without a left-turn
/// bay"). Hand calculations on one signalised crossroads.
@Suite struct SharedLaneTests {
    static let cars = [VehicleClass(name: "car", share: 1, pcu: 1)]

    /// The crossroads of `TestNetworks` with 600 m arms: cycle 60 s, N–S green 0–25 s, E–W
    /// 30–55 s (yellow 3 s, all-red 2 s); the north approach without a bay when `shared`.
    func crossroads(lanes: Int, shared: Bool, sharedSouth: Bool = false) -> MapSpec {
        var map = TestNetworks.crossroads(arm: 600, lanes: lanes, green: 25)
        for i in map.roads.indices where map.roads[i].id == "r-n" { map.roads[i].leftBayForward = !shared }
        for i in map.roads.indices where map.roads[i].id == "r-s" { map.roads[i].leftBayForward = !sharedSouth }
        return map
    }

    func run(_ map: MapSpec, flows: [FlowSpec], warmup: Double = 900) throws -> (RunResult, Network) {
        let net = try NetworkBuilder.build(map)
        let setup = try SimulationSetup(network: net, classes: Self.cars, demand: DemandSpec(arrivals: .uniform, flows: flows),
                                        timing: RunTiming(duration: 3600, warmup: warmup))
        var sim = Simulation(setup: setup, seed: 3, controllers: TestNetworks.fixedControllers(net))
        return (sim.run(), net)
    }

    func throughput(_ r: RunResult, _ net: Network, from: String, to: String) -> Int {
        let m = net.movement(from: Int(net.segmentIndexByID[from]!), to: Int(net.segmentIndexByID[to]!))!
        return r.movements.first { $0.movement == m }!.throughput
    }

    /// North: 5000 veh/h through (always queued) and 20 veh/h turning left (n → e); south: 5000
    /// veh/h through, so the opposing queue never clears in the green and no left turner ever
    /// finds a gap. The window of a green is [0 + l1, 25 + e) = 25 s and the k-th queued vehicle
    /// crosses at l1 + (k − ½)h, so a window passes the k with (k − ½)h < 25: 25 at h = 1 s
    /// (two lanes), 12 at h = 2 s (one lane). Measured: 45 cycles (warm-up 900 s of 3600 s;
    /// the first left turner reaches the stop line before 240 s and the through vehicles
    /// queued ahead of it are gone well before 900 s).
    /// - Bay (default): the through discharges on every lane: 45 × 25 = 1125 on two lanes,
    ///   45 × 12 = 540 on one.
    /// - No bay, two lanes: behind the held left turner the through runs on one lane: h = 2 s,
    ///   45 × 12 = 540. One lane: nothing passes it: 0.
    @Test func heldLeftTurnerHoldsUpTheThroughTraffic() throws {
        let flows = [FlowSpec(from: "n", to: "s", rate: 5000), FlowSpec(from: "n", to: "e", rate: 20),
                     FlowSpec(from: "s", to: "n", rate: 5000)]
        for (lanes, bay, noBay) in [(2, 1125, 540), (1, 540, 0)] {
            let (a, net) = try run(crossroads(lanes: lanes, shared: false), flows: flows)
            let (b, _) = try run(crossroads(lanes: lanes, shared: true), flows: flows)
            #expect(throughput(a, net, from: "r-n", to: "r-s~r") == bay, "\(lanes) lanes with a bay")
            #expect(throughput(b, net, from: "r-n", to: "r-s~r") == noBay, "\(lanes) lanes without a bay")
            // The left turners never find a gap either way; the opposing through is unchanged.
            #expect(throughput(a, net, from: "r-n", to: "r-e~r") == 0 && throughput(b, net, from: "r-n", to: "r-e~r") == 0)
            #expect(throughput(a, net, from: "r-s", to: "r-n~r") == throughput(b, net, from: "r-s", to: "r-n~r"))
        }
    }

    /// Without opposing traffic a left turner is never held on green, and it leaves with the
    /// through vehicles in order of arrival: the attribute changes nothing.
    @Test func noOpposingFlowNoDifference() throws {
        let flows = [FlowSpec(from: "n", to: "s", rate: 500), FlowSpec(from: "n", to: "e", rate: 150)]
        for lanes in [1, 2] {
            let (a, _) = try run(crossroads(lanes: lanes, shared: false), flows: flows)
            let (b, _) = try run(crossroads(lanes: lanes, shared: true), flows: flows)
            #expect(a.summary == b.summary)
            #expect(a.approaches == b.approaches)
        }
    }

    /// Two one-lane approaches without a bay facing each other, each with left turners: the
    /// through vehicles held behind a left turner offer it no opposing flow, so both left
    /// turners go (as on the street) instead of each waiting for the other's through traffic.
    @Test func opposedSharedLanesDoNotLockEachOther() throws {
        let flows = [FlowSpec(from: "n", to: "s", rate: 300), FlowSpec(from: "n", to: "e", rate: 60),
                     FlowSpec(from: "s", to: "n", rate: 300), FlowSpec(from: "s", to: "w", rate: 60)]
        let (r, net) = try run(crossroads(lanes: 1, shared: true, sharedSouth: true), flows: flows, warmup: 300)
        // 55 measured cycles; every vehicle that arrives is served (x ≈ 0.7 on each approach).
        let north = throughput(r, net, from: "r-n", to: "r-s~r") + throughput(r, net, from: "r-n", to: "r-e~r")
        let south = throughput(r, net, from: "r-s", to: "r-n~r") + throughput(r, net, from: "r-s", to: "r-w~r")
        #expect(abs(Double(north) - 360 * 3300 / 3600) < 20 && abs(Double(south) - 360 * 3300 / 3600) < 20)
        #expect(r.warnings.isEmpty)
    }
}
