import Testing
@testable import NgaTuCore

/// An event on a segment id touches that direction only; `direction: both` adds the reverse.
@Suite struct IncidentDirectionTests {
    static let cars = [VehicleClass(name: "car", share: 1, pcu: 1)]

    func setup(_ map: MapSpec, _ incidents: [IncidentSpec], flows: [FlowSpec] = []) throws -> SimulationSetup {
        try SimulationSetup(network: NetworkBuilder.build(map), classes: Self.cars,
                            demand: DemandSpec(arrivals: .uniform, flows: flows), incidents: incidents,
                            timing: RunTiming(duration: 3600, warmup: 300))
    }

    func segments(_ s: SimulationSetup) -> [String] { s.incidents[0].segments.map { s.network.segmentIDs[Int($0)] } }

    @Test func segmentIDIsOneDirectionBothAddsTheReverse() throws {
        let map = TestNetworks.crossroads()
        let one = try setup(map, [IncidentSpec(kind: .capacity, road: "r-n", from: 0, to: 600, factor: 0.5)])
        #expect(segments(one) == ["r-n"])
        let both = try setup(map, [IncidentSpec(kind: .closure, road: "r-n", from: 0, to: 600, direction: .both)])
        #expect(segments(both) == ["r-n", "r-n~r"])
        let reverse = try setup(map, [IncidentSpec(kind: .closure, road: "r-n~r", from: 0, to: 600, direction: .both)])
        #expect(segments(reverse) == ["r-n~r", "r-n"])
    }

    @Test func bothOnAOnewayRoadIsRefused() throws {
        var map = TestNetworks.crossroads()
        map.roads[0].oneway = true
        map.roads[0].lanesBackward = 0
        #expect(throws: SpecError.self) {
            try setup(map, [IncidentSpec(kind: .closure, road: "r-n", from: 0, to: 600, direction: .both)])
        }
        do {
            _ = try setup(map, [IncidentSpec(kind: .closure, road: "r-n", from: 0, to: 600, direction: .both)])
        } catch let error as SpecError {
            #expect(error.path.description == "events[0].direction")
            #expect(error.message.contains("oneway"))
        } catch { Issue.record("\(error)") }
    }

    /// Halving the capacity of the southbound segment (from n into c) loads its approach and
    /// leaves the northbound traffic exactly as it was.
    @Test func oneDirectionLeavesTheOtherAsItWas() throws {
        let map = TestNetworks.crossroads()
        let flows = [FlowSpec(from: "n", to: "s", rate: 500), FlowSpec(from: "s", to: "n", rate: 500)]
        func approaches(_ incidents: [IncidentSpec]) throws -> (n: ApproachResult, s: ApproachResult) {
            let st = try setup(map, incidents, flows: flows)
            var sim = Simulation(setup: st, seed: 3, controllers: TestNetworks.fixedControllers(st.network))
            let r = sim.run()
            return (r.approaches.first { $0.approach == "N" }!, r.approaches.first { $0.approach == "S" }!)
        }
        let base = try approaches([])
        let flooded = try approaches([IncidentSpec(kind: .capacity, road: "r-n", from: 0, to: 3600, factor: 0.5)])
        #expect(flooded.n.controlDelay > 3 * base.n.controlDelay)
        #expect(flooded.s.controlDelay == base.s.controlDelay)
        #expect(flooded.s.throughput == base.s.throughput)
    }
}
