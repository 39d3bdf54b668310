import Foundation
import Testing
@testable import NgaTuCore

@Suite struct NetworkBuilderTests {
    @Test func crossroadsApproachesAndTurns() throws {
        let net = try NetworkBuilder.build(TestNetworks.crossroads())
        #expect(net.segmentCount == 8)
        let c = Int(net.junctionIndexByID["c"]!)
        let names = (Int(net.approachStart[c])..<Int(net.approachStart[c + 1])).map {
            net.approachName[Int(net.approachSegments[$0])]
        }
        #expect(Set(names) == ["N", "E", "S", "W"])
        // From the north (southbound): east is a left turn, west a right turn, south through.
        let fromN = Int(net.segmentIndexByID["r-n"]!)
        var turns: [String: Turn] = [:]
        for m in Int(net.movementStart[fromN])..<Int(net.movementStart[fromN + 1]) {
            turns[net.segmentIDs[Int(net.movementTo[m])]] = net.movementTurn[m]
        }
        #expect(turns == ["r-e~r": .left, "r-w~r": .right, "r-s~r": .through])
    }

    @Test func twoPhasePlanMakesOpposingLeftsPermitted() throws {
        let net = try NetworkBuilder.build(TestNetworks.crossroads())
        let phase = net.programs[0].phases[0]
        #expect(phase.movements.count == 6)
        let lefts = zip(phase.movements, phase.permitted).filter { net.movementTurn[Int($0.0)] == .left }
        #expect(lefts.count == 2 && lefts.allSatisfy { $0.1 })
        let others = zip(phase.movements, phase.permitted).filter { net.movementTurn[Int($0.0)] != .left }
        #expect(others.allSatisfy { !$0.1 })
    }

    @Test func crossingMovementsInOnePhaseAreRejected() {
        var map = TestNetworks.crossroads()
        map.signals[0].phases[0].allow = ["N", "E"]
        #expect {
            try NetworkBuilder.build(map)
        } throws: { error in
            let e = error as! SpecError
            return e.path.description == "signals.c.phases[0].allow" && e.message.contains("crossing movements")
        }
    }

    @Test func protectedLeftConflictsWithOpposingThrough() {
        var map = TestNetworks.crossroads()
        map.signals[0].phases[0].allow = ["N:left!", "S:through"]
        #expect(throws: SpecError.self) { try NetworkBuilder.build(map) }
        map.signals[0].phases[0].allow = ["N:left", "S:through"]
        #expect(throws: Never.self) { try NetworkBuilder.build(map) }
    }

    @Test func planTimesMustAddUpToTheCycle() {
        var map = TestNetworks.crossroads()
        map.signals[0].cycle = 70
        #expect {
            try NetworkBuilder.build(map)
        } throws: { ($0 as! SpecError).path.description == "signals.c.cycle" }
    }

    @Test func unknownApproachIsNamed() {
        var map = TestNetworks.crossroads()
        map.signals[0].phases[1].allow = ["E", "X"]
        #expect {
            try NetworkBuilder.build(map)
        } throws: { error in
            let e = error as! SpecError
            return e.path.description == "signals.c.phases[1].allow[1]" && e.message.contains("no approach \"X\"")
        }
    }

    @Test func defaultPlanPairsOppositeApproaches() throws {
        let net = try NetworkBuilder.build(TestNetworks.crossroads(plan: false))
        let p = net.programs[0]
        #expect(p.isDefault && p.phases.count == 2 && p.cycle == 60)
        #expect(p.phases.allSatisfy { $0.green == 25 })
    }

    /// Legs N, S, NE and SW: N+S pair up, but NE and SW cross each other's movements, so they get
    /// a phase each. The default plan still runs 60 s: three greens of (60 − 3 × 5) / 3 = 15 s.
    @Test func defaultPlanWithFallbackPhasesKeepsSixtySeconds() throws {
        let o: (Double, Double) -> LatLon = { TestNetworks.offset(north: $0, east: $1) }
        var js = [JunctionSpec(id: "x", at: o(0, 0), control: .signal)]
        var roads: [RoadSpec] = []
        for (k, degrees) in [90.0, 270.0, 45.0, 225.0].enumerated() {
            let r = degrees * .pi / 180
            js.append(JunctionSpec(id: "b\(k)", at: o(300 * sin(r), 300 * cos(r)), control: .boundary))
            roads.append(RoadSpec(id: "r\(k)", from: "b\(k)", to: "x"))
        }
        let p = try NetworkBuilder.build(MapSpec(id: "skew", junctions: js, roads: roads)).programs[0]
        #expect(p.phases.map(\.name) == ["NE", "SW", "N+S"])
        #expect(p.cycle == 60 && p.phases.allSatisfy { $0.green == 15 })
    }

    @Test func unreachableBoundaryIsRejected() {
        var map = TestNetworks.crossroads()
        map.junctions.append(JunctionSpec(id: "x", at: TestNetworks.offset(north: 900, east: 900), control: .boundary))
        map.junctions.append(JunctionSpec(id: "y", at: TestNetworks.offset(north: 950, east: 900), control: .none))
        map.roads.append(RoadSpec(id: "r-x", from: "x", to: "y", oneway: true))
        #expect {
            try NetworkBuilder.build(map)
        } throws: { ($0 as! SpecError).message.contains("cannot reach") }
    }

    @Test func routerFindsShortestRouteAndAvoidsClosures() throws {
        let net = try NetworkBuilder.build(TestNetworks.grid(rows: 2, cols: 2))
        let router = Router(network: net)
        let route = try #require(router.route(from: Int(net.junctionIndexByID["bw0"]!), to: Int(net.junctionIndexByID["be0"]!)))
        #expect(route.map { net.segmentIDs[Int($0)] } == ["hw0", "h0-0", "he0"])
        var closed = Array(repeating: false, count: net.segmentCount)
        closed[Int(net.segmentIndexByID["h0-0"]!)] = true
        let detour = try #require(router.route(from: Int(net.junctionIndexByID["bw0"]!), to: Int(net.junctionIndexByID["be0"]!), closed: closed))
        #expect(detour.count == 5)
        #expect(!detour.contains(net.segmentIndexByID["h0-0"]!))
    }

    /// A turn onto another road sharper than 150° is a U-turn movement, and `banned: [N:uturn]`
    /// removes it; an unknown approach in such a ban is an error.
    @Test func bannedUTurnOntoAnotherRoad() throws {
        let o: (Double, Double) -> LatLon = { TestNetworks.offset(north: $0, east: $1) }
        func map(_ banned: [String]) -> MapSpec {
            MapSpec(id: "sharp", junctions: [
                JunctionSpec(id: "n", at: o(300, 0), control: .boundary),
                JunctionSpec(id: "x", at: o(0, 0), control: .priority, banned: banned),
                JunctionSpec(id: "nne", at: o(300, 40), control: .boundary),
                JunctionSpec(id: "s", at: o(-300, 0), control: .boundary),
                JunctionSpec(id: "e", at: o(0, 300), control: .boundary),
            ], roads: [
                RoadSpec(id: "a", from: "n", to: "x", oneway: true),
                RoadSpec(id: "b", from: "x", to: "nne", oneway: true),
                RoadSpec(id: "c", from: "x", to: "s", oneway: true),
                RoadSpec(id: "d", from: "e", to: "x", oneway: true),
            ])
        }
        let open = try NetworkBuilder.build(map([]))
        let a = Int(open.segmentIndexByID["a"]!), b = Int(open.segmentIndexByID["b"]!), c = Int(open.segmentIndexByID["c"]!)
        #expect(open.movement(from: a, to: b).map { open.movementTurn[$0] } == .uturn)
        let banned = try NetworkBuilder.build(map(["N:uturn"]))
        #expect(banned.movement(from: a, to: b) == nil)
        #expect(banned.movement(from: a, to: c) != nil)
        let bad = Result { () throws(SpecError) in try NetworkBuilder.build(map(["Q:uturn"])) }
        guard case .failure(let e) = bad else { Issue.record("an unknown approach must be an error"); return }
        #expect(e.message.contains("has no approach \"Q\""), "\(e.message)")
    }
}
