import Testing
@testable import NgaTuCore

/// Route choice around capacity cuts (`model.reroute_share`): the informed share of vehicles
/// routes around a cut segment, costed at its free-flow time / factor, from the cut's start to
/// its end; without the option a cut only slows its stop line.
@Suite struct CapacityRerouteTests {
    /// No signals: w → a → b → e (ab 400 m), and the parallel way a → c → b (720 m).
    static func parallelMap() -> MapSpec {
        let o: (Double, Double) -> LatLon = { TestNetworks.offset(north: $0, east: $1) }
        let js = [
            JunctionSpec(id: "w", at: o(0, -300), control: .boundary),
            JunctionSpec(id: "a", at: o(0, 0), control: .none),
            JunctionSpec(id: "b", at: o(0, 400), control: .none),
            JunctionSpec(id: "c", at: o(300, 200), control: .none),
            JunctionSpec(id: "e", at: o(0, 700), control: .boundary),
        ]
        let roads = [
            RoadSpec(id: "wa", from: "w", to: "a", lengthM: 300),
            RoadSpec(id: "ab", from: "a", to: "b", lengthM: 400),
            RoadSpec(id: "ac", from: "a", to: "c", lengthM: 360),
            RoadSpec(id: "cb", from: "c", to: "b", lengthM: 360),
            RoadSpec(id: "be", from: "b", to: "e", lengthM: 300),
        ]
        return MapSpec(id: "parallel", title: "Parallel", junctions: js, roads: roads)
    }

    /// One run: w → e at `rate` veh/h, ab at `factor` of its capacity from 10 to 30 min.
    static func run(share: Double, factor: Double = 0.3, rate: Double = 300, arrivals: ArrivalProcess = .uniform,
                    warmup: Double = 300, seed: UInt64 = 5) throws -> (result: RunResult, net: Network, restored: Bool) {
        let net = try NetworkBuilder.build(parallelMap())
        var model = ModelParameters()
        model.rerouteShare = share
        let setup = try SimulationSetup(network: net, model: model, classes: [VehicleClass(name: "car", share: 1, pcu: 1)],
                                        demand: DemandSpec(arrivals: arrivals, flows: [FlowSpec(from: "w", to: "e", rate: rate)]),
                                        incidents: [IncidentSpec(kind: .capacity, road: "ab", from: 600, to: 1800, factor: factor)],
                                        timing: RunTiming(duration: 3600, warmup: warmup))
        var options = SimulationOptions()
        options.audit = true
        var sim = Simulation(setup: setup, seed: seed, controllers: TestNetworks.fixedControllers(net), options: options)
        let r = sim.run()
        return (r, net, sim.flowInformedBase == sim.flowRouteBase && sim.flowInformedEnd == sim.flowRouteEnd)
    }

    static func left(_ r: RunResult, _ net: Network, _ id: String) -> Int {
        let s = Int(net.segmentIndexByID[id]!)
        return r.roads.first { $0.segment == s }?.left ?? 0
    }

    /// Every sample: vehicles generated = finished + waiting + on the map, the last two counted
    /// by walking every list (`options.audit`).
    static func conserved(_ r: RunResult) -> Bool {
        !r.timeSeries.isEmpty && r.timeSeries.allSatisfy { $0.generated == $0.finished + $0.waiting + $0.onSegments }
    }

    @Test("a cut with reroute moves the flow to the parallel road while it lasts; without, nothing moves")
    func cutMovesFlowToTheParallelRoad() throws {
        let (fixed, net, _) = try Self.run(share: 0)
        let (informed, _, restored) = try Self.run(share: 1)
        let acFixed = Self.left(fixed, net, "ac"), acInformed = Self.left(informed, net, "ac")
        let abFixed = Self.left(fixed, net, "ab"), abInformed = Self.left(informed, net, "ab")
        print("ab/ac left: no reroute \(abFixed)/\(acFixed), reroute \(abInformed)/\(acInformed)")
        #expect(acFixed == 0)
        // 300 veh/h for the 20 minutes of the cut: 100 departures, and the one or two on wa at
        // its start (27 s of free flow) turn off at a too.
        #expect(acInformed >= 100 && acInformed <= 103, "\(acInformed) took the parallel road")
        #expect(abFixed - abInformed == acInformed)
        #expect(Self.left(informed, net, "cb") == acInformed)
        #expect(informed.summary.vehiclesFinished == fixed.summary.vehiclesFinished)
        #expect(Self.conserved(fixed) && Self.conserved(informed))
        #expect(restored)
        // The detour is 320 m longer (28.8 s at 40 km/h): counted as delay, against the
        // unobstructed shortest route.
        #expect(informed.summary.meanDelayAll > fixed.summary.meanDelayAll)
    }

    @Test("when the cut ends, new departures take their own route again")
    func endOfTheCutRestoresRoutes() throws {
        // Measured from 2000 s, 200 s after the cut ends: nobody takes the parallel road.
        let (r, net, restored) = try Self.run(share: 1, warmup: 2000)
        #expect(Self.left(r, net, "ac") == 0)
        #expect(Self.left(r, net, "ab") > 100)
        #expect(restored)
    }

    @Test("a share of the vehicles is informed: deterministic, about that share, the same vehicles whatever else runs")
    func informedShare() throws {
        let (half, net, _) = try Self.run(share: 0.5)
        let (again, _, _) = try Self.run(share: 0.5)
        #expect(half.summary == again.summary && half.roads == again.roads)
        let ac = Self.left(half, net, "ac")
        print("share 0.5: \(ac) of about 101 took the parallel road")
        #expect(ac >= 35 && ac <= 65)
        #expect(Self.conserved(half))
        // Another seed draws other vehicles.
        let (other, _, _) = try Self.run(share: 0.5, seed: 6)
        #expect(other.roads != half.roads)
    }

    @Test("a cut the parallel road does not beat keeps the route (factor 0.8: 500 m-equivalent < 720 m)")
    func mildCutKeepsTheRoute() throws {
        let (r, net, _) = try Self.run(share: 1, factor: 0.8)
        #expect(Self.left(r, net, "ac") == 0)
    }

    @Test("vehicles queued at the stop line when the cut starts change queue; every vehicle is conserved")
    func queuedVehiclesMoveAndAreConserved() throws {
        // 1,700 veh/h against 1,800 PCU/h: queues at a when the cut starts.
        let (r, net, _) = try Self.run(share: 1, rate: 1700, arrivals: .poisson)
        #expect(Self.conserved(r))
        #expect(r.warnings.isEmpty)
        #expect(Self.left(r, net, "ac") > 400)
    }

    /// A grid whose shorter detour needs a turn j1-0's plan does not serve (as
    /// `UnservedDetourTests` for closures): informed vehicles take the served one.
    @Test func informedDetourAvoidsTheUnservedTurn() throws {
        var map = SyntheticMaps.grid(rows: 3, cols: 2, spacing: 200, lanes: 1)
        let plain = try NetworkBuilder.build(map)
        var closed = [Bool](repeating: false, count: plain.segmentCount)
        closed[Int(plain.segmentIndexByID["h1-0"]!)] = true
        let hw1 = Int(plain.segmentIndexByID["hw1"]!)
        let free = Router(network: plain).route(continuingOn: hw1, to: Int(plain.junctionIndexByID["be1"]!), closed: closed)!
        let preferred = plain.movementTurn[plain.movement(from: hw1, to: Int(free[1]))!]
        let other: Turn = preferred == .left ? .right : .left
        map.signals = [SignalPlanSpec(junction: "j1-0", cycle: 60, yellow: 3, allRed: 2, phases: [
            PhaseSpec(name: "W-E", green: 25, allow: ["W:through", "W:\(other.rawValue)", "E"]),
            PhaseSpec(name: "N-S", green: 25, allow: ["N", "S"]),
        ])]
        let net = try NetworkBuilder.build(map)
        var model = ModelParameters()
        model.rerouteShare = 1
        let setup = try SimulationSetup(network: net, model: model, classes: [VehicleClass(name: "car", share: 1, pcu: 1)],
                                        demand: DemandSpec(arrivals: .uniform, flows: [FlowSpec(from: "bw1", to: "be1", rate: 300)]),
                                        incidents: [IncidentSpec(kind: .capacity, road: "h1-0", from: 600, to: 2400, factor: 0.05)],
                                        timing: RunTiming(duration: 2400, warmup: 300))
        var sim = Simulation(setup: setup, seed: 3, controllers: TestNetworks.fixedControllers(net))
        let r = sim.run()
        let h10 = Int(net.segmentIndexByID["h1-0"]!)
        #expect(r.summary.vehiclesFinished > 150, "\(r.summary.vehiclesFinished) finished")
        #expect(r.summary.vehiclesUnfinished < 15, "\(r.summary.vehiclesUnfinished) unfinished")
        // Only those that left before the cut (300–600 s, about 25) crossed h1-0.
        #expect((r.roads.first { $0.segment == h10 }?.left ?? 0) < 30)
    }
}
