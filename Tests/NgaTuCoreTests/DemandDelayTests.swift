import Testing
@testable import NgaTuCore

/// Delay per demanded vehicle (`TripSummary.totalDelayVehH`, `meanDelayAll`): detours, waiting
/// to enter and vehicles held at a stop line all count.
@Suite struct DemandDelayTests {
    /// No signals: w → a → b → e, with a longer way round a → c → b.
    func detourMap() -> MapSpec {
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
        return MapSpec(id: "detour", title: "Detour", junctions: js, roads: roads)
    }

    func run(_ map: MapSpec, flows: [FlowSpec], events: [IncidentSpec] = [], arrivals: ArrivalProcess = .uniform,
             profile: [(time: Double, factor: Double)] = [], duration: Double = 3600) throws -> (RunResult, Network) {
        let net = try NetworkBuilder.build(map)
        let setup = try SimulationSetup(network: net, demand: DemandSpec(arrivals: arrivals, flows: flows, profile: profile),
                                        incidents: events, timing: RunTiming(duration: duration, warmup: 300))
        var sim = Simulation(setup: setup, seed: 5, controllers: TestNetworks.fixedControllers(net))
        return (sim.run(), net)
    }

    @Test("a closure that forces a detour raises delay per demanded vehicle by at least the extra free-flow time")
    func detourIsDelay() throws {
        // Demand stops 10 min before the end, so every measured trip finishes: a trip still on
        // its way at the end counts only the distance it has covered.
        let flow = [FlowSpec(from: "w", to: "e", rate: 300)]
        let stop: [(time: Double, factor: Double)] = [(3000, 1), (3001, 0)]
        let (open, net) = try run(detourMap(), flows: flow, profile: stop)
        let (closed, _) = try run(detourMap(), flows: flow, events: [IncidentSpec(kind: .closure, road: "ab", from: 0, to: 3600)],
                                  profile: stop)
        let seg = { (id: String) in Int(net.segmentIndexByID[id]!) }
        let extra = net.freeFlowTime(seg("ac")) + net.freeFlowTime(seg("cb")) - net.freeFlowTime(seg("ab"))
        #expect(abs(extra - 28.8) < 1e-9)   // (720 − 400) m at 40 km/h
        #expect(open.summary.vehiclesUnfinished == 0 && closed.summary.vehiclesUnfinished == 0)
        #expect(closed.summary.vehiclesFinished > 200)
        let rise = closed.summary.meanDelayAll - open.summary.meanDelayAll
        print("detour: mean delay per demanded vehicle \(open.summary.meanDelayAll) → \(closed.summary.meanDelayAll) s (+\(rise), extra free flow \(extra)); finished-trip delay on the route travelled \(open.summary.meanDelay) → \(closed.summary.meanDelay) s")
        #expect(rise >= extra)
        #expect(rise < extra + 3)
        // The delay on the route travelled does not see the detour: why it is not the headline.
        #expect(abs(closed.summary.meanDelay - open.summary.meanDelay) < 3)

        // A `via` route the long way round is delay too, against the shortest route.
        let via = [FlowSpec(from: "w", to: "e", rate: 300, via: ["wa", "ac", "cb", "be"])]
        let (long, _) = try run(detourMap(), flows: via, profile: stop)
        #expect(long.summary.meanDelayAll - open.summary.meanDelayAll >= extra)
    }

    @Test("the shortest route of each origin–destination pair is found once, on the unobstructed network")
    func shortestRoutesPerPair() throws {
        let net = try NetworkBuilder.build(detourMap())
        let flows = [FlowSpec(from: "w", to: "e", rate: 300, via: ["wa", "ac", "cb", "be"]), FlowSpec(from: "w", to: "e", rate: 100)]
        let setup = try SimulationSetup(network: net, demand: DemandSpec(flows: flows),
                                        incidents: [IncidentSpec(kind: .closure, road: "ab", from: 0, to: 3600)],
                                        timing: RunTiming(duration: 3600))
        let direct = ["wa", "ab", "be"].map { net.segmentIndexByID[$0]! }
        #expect(setup.shortestRoutes == [direct, direct])
        #expect(setup.flows[1].route == direct)
    }

    @Test("mean delay per demanded vehicle × vehicles demanded = total delay; waiting to enter is latent delay")
    func accountingOfAnOversaturatedCrossroads() throws {
        // W → E at 4000 veh/h (about 1800 PCU/h) against 750 PCU/h of capacity: queues reach the boundary.
        let (r, _) = try run(TestNetworks.crossroads(), flows: [FlowSpec(from: "w", to: "e", rate: 4000),
                                                                 FlowSpec(from: "n", to: "s", rate: 300)],
                             arrivals: .poisson)
        let s = r.summary
        #expect(s.vehiclesDemanded == s.vehiclesFinished + s.vehiclesUnfinished)
        #expect(s.vehiclesWaiting > 100)
        #expect(abs(s.meanDelayAll * Double(s.vehiclesDemanded) - s.totalDelayVehH * 3600) <= 1e-9 * s.totalDelayVehH * 3600)
        #expect(s.latentDelayVehH > 0 && s.latentDelayVehH < s.totalDelayVehH)
        // Vehicles that never entered make the per-demanded-vehicle delay exceed the finished trips'.
        #expect(s.meanDelayAll > s.meanDelay)
        print("oversaturated: demanded \(s.vehiclesDemanded), waiting \(s.vehiclesWaiting), mean delay finished \(s.meanDelay) s, per demanded \(s.meanDelayAll) s, latent \(s.latentDelayVehH) veh·h of \(s.totalDelayVehH), longest wait \(s.maxWait) s")
    }

    @Test("the longest wait at a stop line: within a cycle when undersaturated, the whole hold when a vehicle is never released")
    func longestWait() throws {
        // Cycle 60 s, 25 s of green each way: a lone vehicle waits at most the 35 s red and a little.
        let (light, net) = try run(TestNetworks.crossroads(), flows: [FlowSpec(from: "w", to: "e", rate: 200)])
        let w = try #require(light.approaches.first { net.junctionIDs[$0.junction] == "c" && net.approachName[$0.segment] == "W" })
        #expect(w.maxWait > 20 && w.maxWait <= 60)
        #expect(light.summary.maxWait == light.approaches.map(\.maxWait).max())

        // The exit c → e is closed all along and there is no way round: the first vehicles wait
        // at the stop line until the end, and that wait counts though none was released.
        let (held, _) = try run(TestNetworks.crossroads(), flows: [FlowSpec(from: "w", to: "e", rate: 200)],
                                events: [IncidentSpec(kind: .closure, road: "r-e~r", from: 0, to: 3600)])
        #expect(held.summary.vehiclesFinished == 0)
        #expect(held.summary.maxWait > 3500)
        let hw = try #require(held.approaches.first { net.approachName[$0.segment] == "W" })
        #expect(hw.maxWait == held.summary.maxWait && hw.throughput == 0)
    }
}
