import Testing
import NgaTuCore
@testable import NgaTuControllers

/// Webster's plans and green-wave offsets against hand-computed values.
@Suite struct PlanTests {
    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol }

    @Test func websterTextbookExample() {
        // y = 0.3 and 0.2, L = 2 × (2 + 5 − 2) = 10 s: C0 = (1.5·10 + 5) / (1 − 0.5) = 40 s,
        // effective greens (40 − 10)·0.3/0.5 = 18 s and 12 s; displayed = effective (l1 = e).
        let t = WebsterStrategy.timing(y: [0.3, 0.2], intergreens: [5, 5])
        #expect(close(t.Y, 0.5) && close(t.L, 10) && close(t.C0, 40) && close(t.cycle, 40))
        #expect(close(t.greens[0], 18) && close(t.greens[1], 12))
    }

    @Test func websterClampsAndMinGreen() {
        // C0 = 20 / 0.8 = 25 → 30 s; greens (30 − 10)/2 = 10 s each.
        let low = WebsterStrategy.timing(y: [0.1, 0.1], intergreens: [5, 5])
        #expect(close(low.C0, 30) && close(low.greens[0], 10) && close(low.greens[1], 10))
        // Y ≥ 0.95: 150 s; greens 140 × 0.6/0.96 = 87.5 s and 52.5 s.
        let high = WebsterStrategy.timing(y: [0.6, 0.36], intergreens: [5, 5])
        #expect(close(high.C0, 150) && close(high.greens[0], 87.5) && close(high.greens[1], 52.5))
        // l1 = 3, e = 2: L = 2 × 6 = 12; C0 = 23/0.5 = 46; g = 34·0.3/0.5 = 20.4, G = g + 1.
        let lost = WebsterStrategy.timing(y: [0.3, 0.2], intergreens: [5, 5], startupLost: 3, greenExtension: 2)
        #expect(close(lost.L, 12) && close(lost.C0, 46) && close(lost.greens[0], 21.4) && close(lost.greens[1], 14.6))
        #expect(close(lost.cycle, 46))
        // A tiny y gets min green 5 s, and the cycle grows: g = 20·0.02/0.2 = 2 → 5.
        let small = WebsterStrategy.timing(y: [0.18, 0.02], intergreens: [5, 5], minGreen: 5)
        #expect(close(small.C0, 30) && close(small.greens[0], 18) && close(small.greens[1], 5) && close(small.cycle, 33))
    }

    @Test func websterFromRoutedDemand() throws {
        // One lane, 1800 PCU/h: N→S 540 and S→N 400 veh/h (cars) give y = 0.3 for N-S; E→W
        // 360 veh/h gives 0.2 for E-W: the textbook plan, 40 s with 18 s and 12 s.
        let net = try NetworkBuilder.build(Fixture.crossroads())
        let demand = DemandSpec(flows: [FlowSpec(from: "n", to: "s", rate: 540), FlowSpec(from: "s", to: "n", rate: 400),
                                        FlowSpec(from: "e", to: "w", rate: 360)])
        let setup = try SimulationSetup(network: net, classes: Fixture.cars, demand: demand, timing: RunTiming(duration: 3600))
        let made = try Fixture.controllers("webster", setup: setup)
        let inputs = Dictionary(uniqueKeysWithValues: made.inputs.map { ($0.key, $0.value) })
        #expect(close(inputs["y[0]"]!, 0.3) && close(inputs["y[1]"]!, 0.2) && close(inputs["Y"]!, 0.5))
        #expect(close(inputs["L"]!, 10) && close(inputs["C0"]!, 40))
        #expect(close(inputs["green[0]"]!, 18) && close(inputs["green[1]"]!, 12))
        let plan = try #require(made.controllers[0] as? FixedTimeController).plan
        #expect(close(plan.cycle, 40) && plan.greens.count == 2 && close(plan.greens[0], 18) && plan.intergreens == [5, 5])
        #expect(made.parameters.map(\.key) == ["min_cycle", "max_cycle", "min_green"])
        #expect(made.parameters.map(\.value) == ["30 s", "150 s", "5 s"])
    }

    /// Corridor a0 —300 m— a1 —500 m— a2, cycles 60, 80, 60 s (phases cross, arterial):
    /// common cycle 80 s, greens 35 s, the arterial phase starts 40 s into the cycle.
    func corridorOffsets(_ direction: String) throws -> (offsets: [Double], plans: [FixedTimeController.Plan]) {
        let net = try NetworkBuilder.build(Fixture.arterial(gaps: [300, 500], cycles: [60, 80, 60]))
        let setup = try SimulationSetup(network: net, classes: Fixture.cars, demand: DemandSpec(), timing: RunTiming(duration: 600))
        let made = try Fixture.controllers("green-wave", Fixture.params([
            ("corridor", .list(["a0", "a1", "a2"])), ("speed", .number(36)), ("direction", .text(direction))]), setup: setup)
        let plans = try ["a0", "a1", "a2"].map { id in
            let p = Int(net.programOfJunction[Int(net.junctionIndexByID[id]!)])
            return try #require(made.controllers[p] as? FixedTimeController).plan
        }
        return (plans.map(\.offset), plans)
    }

    @Test func greenWaveInbound() throws {
        // 10 m/s: arrivals 0, 30, 80 s; offsets (t − 40) mod 80 = 40, 70, 40.
        let (offsets, plans) = try corridorOffsets("inbound")
        #expect(zip(offsets, [40.0, 70, 40]).allSatisfy { close($0, $1, 1e-6) })
        for p in plans { #expect(close(p.cycle, 80) && close(p.greens[0], 35) && close(p.greens[1], 35)) }
    }

    @Test func greenWaveOutboundAndBoth() throws {
        // Outbound anchored at a0: −0, −30, −80 s → offsets 40, 10, 40.
        let (outbound, _) = try corridorOffsets("outbound")
        #expect(zip(outbound, [40.0, 10, 40]).allSatisfy { close($0, $1, 1e-6) })
        // Both: circular midpoints of (40, 40), (70, 10), (40, 40) = 40, 0, 40.
        let (both, _) = try corridorOffsets("both")
        #expect(zip(both, [40.0, 0, 40]).allSatisfy { close(positiveModTest($0, 80), $1, 1e-6) })
    }

    func positiveModTest(_ x: Double, _ m: Double) -> Double { let r = x.truncatingRemainder(dividingBy: m); return r < 0 ? r + m : r }
}
