import Testing
@testable import NgaTuCore

/// A closure's detour never takes a turn that no phase of the junction's plan serves: such a
/// route would hold its vehicles at the red for the rest of the run.
@Suite struct UnservedDetourTests {
    static let cars = [VehicleClass(name: "car", share: 1, pcu: 1)]

    /// Row 1 of a 3×2 grid, west to east; h1-0 closed from 10 min. The detour leaves j1-0 to the
    /// north or the south (equally long); j1-0's plan serves only the other of the two turns.
    @Test func detourAvoidsTheUnservedTurn() throws {
        var map = SyntheticMaps.grid(rows: 3, cols: 2, spacing: 200, lanes: 1)
        let plain = try NetworkBuilder.build(map)
        let closedSegment = Int(plain.segmentIndexByID["h1-0"]!)
        var closed = [Bool](repeating: false, count: plain.segmentCount)
        closed[closedSegment] = true
        let hw1 = Int(plain.segmentIndexByID["hw1"]!)
        let free = Router(network: plain).route(continuingOn: hw1, to: Int(plain.junctionIndexByID["be1"]!), closed: closed)!
        let preferred = plain.movementTurn[plain.movement(from: hw1, to: Int(free[1]))!]
        #expect(preferred == .left || preferred == .right)
        let other: Turn = preferred == .left ? .right : .left
        map.signals = [SignalPlanSpec(junction: "j1-0", cycle: 60, yellow: 3, allRed: 2, phases: [
            PhaseSpec(name: "W-E", green: 25, allow: ["W:through", "W:\(other.rawValue)", "E"]),
            PhaseSpec(name: "N-S", green: 25, allow: ["N", "S"]),
        ])]
        let net = try NetworkBuilder.build(map)
        #expect(net.servedMovements()[net.movement(from: hw1, to: Int(free[1]))!] == false)
        let setup = try SimulationSetup(network: net, classes: Self.cars,
                                        demand: DemandSpec(arrivals: .uniform, flows: [FlowSpec(from: "bw1", to: "be1", rate: 300)]),
                                        incidents: [IncidentSpec(kind: .closure, road: "h1-0", from: 600, to: 2400)],
                                        timing: RunTiming(duration: 2400, warmup: 300))
        var sim = Simulation(setup: setup, seed: 3, controllers: net.programs.map { FixedTimeController(plan: .init($0)) })
        let r = sim.run()
        // 300 veh/h over the 35 measured minutes: about 175 trips, nearly all through the
        // served detour (the last few still on their way at the end).
        #expect(r.summary.vehiclesFinished > 150, "\(r.summary.vehiclesFinished) finished")
        #expect(r.summary.vehiclesUnfinished < 15, "\(r.summary.vehiclesUnfinished) unfinished")
    }
}
