import Foundation
import Testing
@testable import NgaTuCore

/// `model.priority_junctions: yield`: who yields to whom at a priority crossroads, and the
/// minor road's capacity against a Poisson major stream.
@Suite struct PriorityJunctionTests {
    /// A priority crossroads: E–W at 50 km/h (the major road), N–S at 30 km/h.
    static func map() -> MapSpec {
        var m = TestNetworks.crossroads(arm: 300, lanes: 1, plan: false, control: .priority)
        for i in m.roads.indices where m.roads[i].id == "r-e" || m.roads[i].id == "r-w" { m.roads[i].speedKmh = 50 }
        for i in m.roads.indices where m.roads[i].id == "r-n" || m.roads[i].id == "r-s" { m.roads[i].speedKmh = 30 }
        return m
    }

    /// Movement from approach road `a` (into the centre) out along road `b`.
    static func movement(_ net: Network, _ a: String, _ b: String) -> Int32 {
        let from = Int(net.segmentIndexByID[a]!), to = Int(net.segmentIndexByID[b + "~r"]!)
        return Int32(net.movement(from: from, to: to)!)
    }

    static func yields(_ net: Network, _ m: Int32) -> Set<Int32> {
        Set(net.yieldMovements[Int(net.yieldStart[Int(m)])..<Int(net.yieldStart[Int(m) + 1])])
    }

    @Test func minorRoadsYieldToTheMajorRoadAndLeftTurnsToTheirOwnClass() throws {
        let net = try NetworkBuilder.build(Self.map())
        func mv(_ a: String, _ b: String) -> Int32 { Self.movement(net, a, b) }
        // Through from the minor road crosses both major directions and their left turns.
        let nThrough = Self.yields(net, mv("r-n", "r-s"))
        #expect(nThrough.isSuperset(of: [mv("r-e", "r-w"), mv("r-w", "r-e")]))
        #expect(!nThrough.contains(mv("r-s", "r-n")))          // the other minor road: no
        // A minor right turn (N → W) merges into the westbound major stream only.
        #expect(Self.yields(net, mv("r-n", "r-w")) == [mv("r-e", "r-w")])
        // A major left turn (W → N) yields to the opposing major through, not to a minor road.
        let wLeft = Self.yields(net, mv("r-w", "r-n"))
        #expect(wLeft.contains(mv("r-e", "r-w")))
        #expect(!wLeft.contains(mv("r-n", "r-s")) && !wLeft.contains(mv("r-s", "r-n")))
        // Major throughs and rights yield to nobody.
        for m in [mv("r-e", "r-w"), mv("r-w", "r-e"), mv("r-e", "r-n"), mv("r-w", "r-s")] {
            #expect(Self.yields(net, m).isEmpty)
        }
        // No two movements wait for each other.
        for a in 0..<Int32(net.movementCount) {
            for b in Self.yields(net, a) { #expect(!Self.yields(net, b).contains(a)) }
        }
    }

    /// The minor through movement discharges only when no major vehicle crossed in the last
    /// critical gap t_c and none arrives in the next: a gap G of the Poisson major stream (rate
    /// q, both directions) passes floor((G − 2 t_c)/h) + 1 minor vehicles when G ≥ 2 t_c, so the
    /// capacity is q·e^(−2 q t_c) / (1 − e^(−q h)), h the minor saturation headway.
    @Test(arguments: [400.0, 800.0])
    func minorCapacityFollowsTheGapFormula(majorVehH: Double) throws {
        let net = try NetworkBuilder.build(Self.map())
        var model = ModelParameters()
        model.priorityJunctions = .yield
        let duration = 4 * 3600.0
        let flows = [FlowSpec(from: "e", to: "w", rate: majorVehH / 2), FlowSpec(from: "w", to: "e", rate: majorVehH / 2),
                     FlowSpec(from: "n", to: "s", rate: 3000)]
        let setup = try SimulationSetup(network: net, model: model, classes: [VehicleClass(name: "car", share: 1, pcu: 1)],
                                        demand: DemandSpec(arrivals: .poisson, flows: flows),
                                        timing: RunTiming(duration: duration, warmup: 0))
        var options = SimulationOptions()
        options.audit = true
        var sim = Simulation(setup: setup, seed: 11, controllers: [], options: options)
        let result = sim.run()
        // Every vehicle accounted for at every sample, the saturated minor road's queue included.
        for t in result.timeSeries {
            #expect(t.generated == t.waiting + t.onSegments + t.finished, "at t=\(t.time)")
            #expect(t.onSegments == t.vehiclesInNetwork)
        }
        #expect(result.timeSeries.last!.waiting > 0)
        let minor = Int(Self.movement(net, "r-n", "r-s"))
        let measured = Double(sim.departedCount[minor]) / duration * 3600
        let q = majorVehH / 3600, tc = model.criticalGap, h = 2.0
        let expected = q * exp(-2 * q * tc) / (1 - exp(-q * h)) * 3600
        #expect(abs(measured - expected) / expected < 0.05, "measured \(measured) veh/h, formula \(expected)")
        // Merging instead, the minor road runs at its saturation flow.
        var merge = Simulation(setup: try SimulationSetup(network: net, classes: [VehicleClass(name: "car", share: 1, pcu: 1)],
                                                          demand: DemandSpec(arrivals: .poisson, flows: flows),
                                                          timing: RunTiming(duration: duration, warmup: 0)),
                               seed: 11, controllers: [])
        _ = merge.run()
        #expect(abs(Double(merge.departedCount[minor]) / duration * 3600 - 1800) < 20)
    }
}
