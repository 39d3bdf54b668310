import Foundation
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
        #expect(made.parameters.map(\.key) == ["min_cycle", "max_cycle", "min_green", "period", "flows"])
        #expect(made.parameters.map(\.value) == ["30 s", "150 s", "7 s", "none (one plan)", "demand"])
    }

    @Test func websterOverlapPhaseCountsAMovementOnce() throws {
        // Three phases: N and S together, N alone (N's movements run in both), E-W. One lane,
        // 1800 PCU/h, cars: N→S 900 veh/h needs y = 0.5 from phases 0 and 1 together, S→N 360
        // needs 0.2 from phase 0, E→W 360 needs 0.2 from phase 2. By hand: y = [0.2, 0.3, 0.2]
        // (phase 1 adds what N needs beyond phase 0), Y = 0.7, L = 3 × (2 + 5 − 2) = 15 s,
        // C0 = (1.5·15 + 5) / 0.3 = 91.67 s, greens (91.67 − 15) × y / 0.7 = 21.90, 32.86, 21.90 s.
        // Counting N's flow in both phases (y = [0.5, 0.5, 0.2], Y = 1.2) ran the longest cycle.
        var map = Fixture.crossroads()
        map.signals[0].phases = [PhaseSpec(name: "N-S", green: 25, allow: ["N", "S"]),
                                 PhaseSpec(name: "N", green: 10, allow: ["N"]),
                                 PhaseSpec(name: "E-W", green: 25, allow: ["E", "W"])]
        map.signals[0].cycle = 75
        let net = try NetworkBuilder.build(map)
        let demand = DemandSpec(flows: [FlowSpec(from: "n", to: "s", rate: 900), FlowSpec(from: "s", to: "n", rate: 360),
                                        FlowSpec(from: "e", to: "w", rate: 360)])
        let setup = try SimulationSetup(network: net, classes: Fixture.cars, demand: demand, timing: RunTiming(duration: 3600))
        let made = try Fixture.controllers("webster", setup: setup)
        let inputs = Dictionary(uniqueKeysWithValues: made.inputs.map { ($0.key, $0.value) })
        #expect(close(inputs["y[0]"]!, 0.2) && close(inputs["y[1]"]!, 0.3) && close(inputs["y[2]"]!, 0.2))
        #expect(close(inputs["Y"]!, 0.7) && close(inputs["L"]!, 15) && close(inputs["C0"]!, 27.5 / 0.3))
        let g = (27.5 / 0.3 - 15) / 0.7
        #expect(close(inputs["green[0]"]!, g * 0.2) && close(inputs["green[1]"]!, g * 0.3) && close(inputs["green[2]"]!, g * 0.2))
        #expect(abs(inputs["green[0]"]! - 21.905) < 0.001 && abs(inputs["green[1]"]! - 32.857) < 0.001)
        // N gets 0.5 of the effective green, its need: x = 0.5 × C0 / (C0 − L) on both N and S's paths.
        #expect(close((inputs["green[0]"]! + inputs["green[1]"]!) / (inputs["cycle"]! - 15), 0.5 / 0.7))
    }

    @Test func websterCriticalRatiosOfOverlaps() {
        // No overlap: the largest need of each phase.
        #expect(WebsterStrategy.criticalRatios([([0], 0.3), ([0], 0.1), ([1], 0.2)], phaseCount: 2) == [0.3, 0.2])
        // A need met already by its phases adds nothing (a right in every phase, 0.25 < 0.3 + 0.2).
        #expect(WebsterStrategy.criticalRatios([([0], 0.3), ([1], 0.2), ([0, 1], 0.25)], phaseCount: 2) == [0.3, 0.2])
        // J8's kind: phases 0, 1, 2 of 0.2, 0.25, 0.1; a through in 1 and 2 needing 0.6 gives
        // phase 2 (the smaller) 0.25 more; a right in all three needing 0.5 is then met (0.8).
        let y = WebsterStrategy.criticalRatios([([0], 0.2), ([1], 0.25), ([2], 0.1), ([1, 2], 0.6), ([0, 1, 2], 0.5)], phaseCount: 3)
        #expect(close(y[0], 0.2) && close(y[1], 0.25) && close(y[2], 0.35))
        // A phase nobody needs alone gets the shortfall of the need it shares.
        #expect(WebsterStrategy.criticalRatios([([0], 0.4), ([0, 1], 0.5)], phaseCount: 2).map { ($0 * 1e9).rounded() / 1e9 } == [0.4, 0.1])
    }

    @Test func websterTimeOfDayPlans() throws {
        // The textbook demand (y = 0.3 and 0.2 at factor 1) under a profile rising linearly from
        // 0.5 at 0 h to 1.0 at 2 h: means 0.625 over the first hour and 0.875 over the second,
        // so `period: 1 h` gives the plans of y = (0.1875, 0.125) and (0.2625, 0.175).
        let net = try NetworkBuilder.build(Fixture.crossroads())
        let demand = DemandSpec(flows: [FlowSpec(from: "n", to: "s", rate: 540), FlowSpec(from: "s", to: "n", rate: 400),
                                        FlowSpec(from: "e", to: "w", rate: 360)],
                                profile: [(0, 0.5), (7200, 1.0)])
        let setup = try SimulationSetup(network: net, classes: Fixture.cars, demand: demand, timing: RunTiming(duration: 7200))
        let made = try Fixture.controllers("webster", Fixture.params([("period", .number(3600))]), setup: setup)
        let tod = try #require(made.controllers[0] as? TimeOfDayController)
        #expect(tod.starts == [0, 3600])
        let early = WebsterStrategy.timing(y: [0.1875, 0.125], intergreens: [5, 5])
        let late = WebsterStrategy.timing(y: [0.2625, 0.175], intergreens: [5, 5])
        #expect(close(tod.plans[0].plan.cycle, early.cycle, 1e-6) && close(tod.plans[1].plan.cycle, late.cycle, 1e-6))
        #expect(close(tod.plans[1].plan.greens[0], late.greens[0], 1e-6) && close(tod.plans[1].plan.greens[1], late.greens[1], 1e-6))
        #expect(late.cycle > early.cycle + 5)   // 33.1 s → 46.5 s: the busier hour gets the longer cycle
        let inputs = Dictionary(uniqueKeysWithValues: made.inputs.map { ($0.key, $0.value) })
        #expect(close(inputs["cycle@00:00"]!, early.cycle, 1e-6) && close(inputs["cycle@01:00"]!, late.cycle, 1e-6))
        #expect(close(inputs["Y@01:00"]!, 0.4375, 1e-9) && inputs["cycle"] == nil)
    }

    @Test func countedWebsterReplansFromStopLineCounts() {
        // Map plan 60 s; every 900 s the arrivals of the period (crossed + queue growth) become
        // Webster's flows: 135, 100 and 90 PCU in 900 s are 540, 400 and 360 PCU/h: y = 0.3 and
        // 0.2, the 40 s plan.
        var seen: [[Double]] = []
        var c = CountedWebsterController(period: 900, first: .init(cycle: 60, offset: 10, greens: [25, 25], intergreens: [5, 5])) {
            _, pcu in
            seen.append(pcu)
            let t = WebsterStrategy.timing(y: [max(pcu[0], pcu[1]) / 1800, pcu[2] / 1800], intergreens: [5, 5])
            return .init(cycle: t.cycle, offset: 0, greens: t.greens, intergreens: [5, 5])
        }
        var o = SignalObservation()
        o.departedVehicles = [0, 0, 0]; o.departedPCU = [0, 0, 0]
        o.queuedVehicles = [0, 0, 0]; o.queuedPCU = [0, 0, 0]
        o.now = 890; o.currentPhase = 1
        #expect(c.decide(o) == .hold(until: 900))      // the map's plan holds phase 1 until 905: cut at 900
        #expect(seen.isEmpty && c.history.count == 1)
        o.now = 900; o.departedVehicles = [135, 100, 90]; o.departedPCU = [135, 100, 90]
        _ = c.decide(o)
        #expect(seen == [[540, 400, 360]])
        #expect(c.history.count == 2 && abs(c.history[1].cycle - 40) < 1e-9 && c.nextReplan == 1800)
        // The next re-plan counts only what arrived since 900 s: 45 crossed, and the queue grew by 5.
        o.now = 1800; o.departedVehicles = [135 + 45, 100, 90]; o.departedPCU = [135 + 45, 100, 90]
        o.queuedVehicles = [5, 0, 0]; o.queuedPCU = [5, 0, 0]
        _ = c.decide(o)
        #expect(seen.last == [200, 0, 0] && c.nextReplan == 2700)
    }

    @Test func countedWebsterInARun() throws {
        // The textbook crossroads with uniform arrivals: after the first 15 min of the map's 60 s
        // plan, the counts give Webster's 40 s plan (y = 0.3 and 0.2).
        let net = try NetworkBuilder.build(Fixture.crossroads())
        let demand = DemandSpec(arrivals: .uniform, flows: [FlowSpec(from: "n", to: "s", rate: 540), FlowSpec(from: "s", to: "n", rate: 400),
                                                           FlowSpec(from: "e", to: "w", rate: 360)])
        let setup = try SimulationSetup(network: net, classes: Fixture.cars, demand: demand,
                                        timing: RunTiming(duration: 7200, warmup: 1800))
        let made = try Fixture.controllers("webster", Fixture.params([("period", .number(900)), ("flows", .text("detectors"))]), setup: setup)
        #expect(made.controllers[0] is CountedWebsterController)
        var sim = Simulation(setup: setup, seed: 3, controllers: made.controllers)
        let cycle = sim.run().signalTimings[0].meanCycle
        #expect(abs(cycle - 40) < 2, "mean cycle \(cycle) s")
        // Without a period there is nothing to re-plan on.
        #expect(throws: SpecError.self) {
            try Fixture.controllers("webster", Fixture.params([("flows", .text("detectors"))]), setup: setup)
        }
    }

    @Test func timeOfDayControllerChangesPlanAtItsStart() {
        // Plan A: 40 s cycle, 15 + 5 + 15 + 5; plan B from 100 s: 80 s cycle, 35 + 5 + 35 + 5.
        let a = FixedTimeController(plan: .init(cycle: 40, offset: 0, greens: [15, 15], intergreens: [5, 5]))
        let b = FixedTimeController(plan: .init(cycle: 80, offset: 0, greens: [35, 35], intergreens: [5, 5]))
        var c = TimeOfDayController(starts: [0, 100], plans: [a, b])
        var o = SignalObservation()
        o.now = 80; o.currentPhase = 0
        #expect(c.decide(o) == .hold(until: 95))           // plan A: phase 0 green from 80 to 95
        o.now = 90; o.currentPhase = 1
        #expect(c.decide(o) == .switchTo(phase: 0))        // A has phase 0 due (80–95)
        o.now = 96; o.currentPhase = 0
        #expect(c.decide(o) == .switchTo(phase: 1))        // A's intergreen after phase 0 (95–100)
        o.now = 100; o.currentPhase = 0
        // B at 100 s: position 20 in its cycle, phase 0 green until 35: keep it, until 115.
        #expect(c.decide(o) == .hold(until: 115))
        o.now = 100; o.currentPhase = 1
        #expect(c.decide(o) == .switchTo(phase: 0))
        // A hold of plan A that runs past 100 s is cut at 100 s, when plan B takes over.
        let long = FixedTimeController(plan: .init(cycle: 200, offset: 0, greens: [120, 70], intergreens: [5, 5]))
        var d = TimeOfDayController(starts: [0, 100], plans: [long, b])
        o.now = 10; o.currentPhase = 0
        #expect(d.decide(o) == .hold(until: 100))
    }

    @Test func websterPermittedSaturationFlow() {
        // Opposing through 400 veh/h (cars): q = 1/9 veh/s; t_c = 4 s, T = 8 s, t_f = 2 s (1800 PCU/h).
        // C = 40 s, g = 18 s: opposing red 22 s, queue clears in (1/9)·22 / (0.5 − 1/9) = 6.285714 s;
        // window W = 11.714286 s; turners n_W = Σ_j e^{−q(8 + 2j)} (1 + q(W − 4 − 2j)), j = 0…3
        // (4 + 2·4 > W): 0.411112 × 1.857143 + 0.329193 × 1.634921 + 0.263597 × 1.412698
        // + 0.211072 × 1.190476 = 0.763494 + 0.538204 + 0.372383 + 0.251276 = 1.925358 veh per cycle;
        // s_perm = 3600 × 1.925358 / 18 = 385.072 PCU/h. Harders (endless green):
        // c = q e^{−8q} / (1 − e^{−2q}) = 0.111111 × 0.411112 / 0.199262 = 0.229241 veh/s.
        let p = WebsterStrategy.permittedFlow(qOpposing: 400.0 / 3600, opposingQueue: [(400.0 / 3600, 0.5, 22)], green: 18,
                                              criticalGap: 4, followUp: 2, pcuPerVehicle: 1)
        #expect(close(p.criticalHeadway, 8) && close(p.gQueue, 6.285714, 1e-6) && close(p.gapCapacity, 0.229241, 1e-6))
        #expect(close(p.perCycle, 1.925358, 1e-6) && close(p.saturation, 385.072, 1e-3))
        // Motorcycles (0.3 PCU, t_f = 0.6 s): the same gaps pass more, lighter vehicles: 13 terms,
        // n_W = 5.611195 veh; s_perm = 3600 × 5.611195 × 0.3 / 18 = 336.672 PCU/h.
        let moto = WebsterStrategy.permittedFlow(qOpposing: 400.0 / 3600, opposingQueue: [(400.0 / 3600, 0.5, 22)], green: 18,
                                                 criticalGap: 4, followUp: 0.6, pcuPerVehicle: 0.3)
        #expect(close(moto.perCycle, 5.611195, 1e-6) && close(moto.saturation, 336.672, 1e-3))
        // No opposing flow: the whole green at the follow-up headway, 18 / 2 = 9 veh, 1800 PCU/h.
        let free = WebsterStrategy.permittedFlow(qOpposing: 0, opposingQueue: [(0, 0.5, 22)], green: 18,
                                                 criticalGap: 4, followUp: 2, pcuPerVehicle: 1)
        #expect(close(free.gQueue, 0) && close(free.perCycle, 9) && close(free.saturation, 1800))
        // Opposing queue never clears (q ≥ s): only the sneaker floor, 1 veh per cycle: 3600/18 = 200 PCU/h.
        let blocked = WebsterStrategy.permittedFlow(qOpposing: 0.6, opposingQueue: [(0.6, 0.5, 22)], green: 18,
                                                    criticalGap: 4, followUp: 2, pcuPerVehicle: 1)
        #expect(close(blocked.gQueue, 18) && close(blocked.perCycle, 1) && close(blocked.saturation, 200))
    }

    @Test func websterPermittedLeftFromRoutedDemand() throws {
        // The textbook demand plus a permitted left N→E of 100 veh/h that yields to S→N (400 veh/h).
        // N-S then needs y = max((540 + 100)/1800, 100 / s_perm) and the plan is the fixed point:
        // the reported s_perm is the permitted flow of the plan's own cycle and greens.
        let net = try NetworkBuilder.build(Fixture.crossroads())
        let demand = DemandSpec(flows: [FlowSpec(from: "n", to: "s", rate: 540), FlowSpec(from: "s", to: "n", rate: 400),
                                        FlowSpec(from: "e", to: "w", rate: 360), FlowSpec(from: "n", to: "e", rate: 100)])
        let setup = try SimulationSetup(network: net, classes: Fixture.cars, demand: demand, timing: RunTiming(duration: 3600))
        let made = try Fixture.controllers("webster", setup: setup)
        let inputs = Dictionary(uniqueKeysWithValues: made.inputs.map { ($0.key, $0.value) })
        let sPerm = try #require(inputs["s_perm[0:N:left]"])
        #expect(close(inputs["q_opp[0:N:left]"]!, 400))
        let cycle = inputs["cycle"]!, g0 = inputs["green[0]"]!, g1 = inputs["green[1]"]!
        #expect(close(cycle, g0 + g1 + 10, 1e-9))
        // By hand at the plan's cycle and greens (l1 = e, so effective = displayed).
        let q = 1.0 / 9
        let w = g0 - q * (cycle - g0) / (0.5 - q)
        let nW = stride(from: 0.0, through: 20, by: 1).filter { 4 + 2 * $0 <= w }
            .reduce(0) { $0 + exp(-q * (8 + 2 * $1)) * (1 + q * (w - 4 - 2 * $1)) }
        let n = max(nW, 1)
        #expect(close(sPerm, 3600 * n / g0, 1e-6))
        #expect(close(inputs["y_perm[0:N:left]"]!, 100 / sPerm, 1e-9))
        #expect(close(inputs["y[0]"]!, max(640.0 / 1800, 100 / sPerm), 1e-9) && close(inputs["y[1]"]!, 0.2))
        // Y and the cycle follow Webster from those y (a fixed point within 0.1 s).
        let t = WebsterStrategy.timing(y: [inputs["y[0]"]!, 0.2], intergreens: [5, 5])
        #expect(close(t.cycle, cycle, 1e-9) && close(t.greens[0], g0, 1e-9))
        // Without the left the textbook plan is 40 s; the left needs more: y[0] > 0.3, cycle > 40.
        #expect(inputs["y[0]"]! > 0.3 && cycle > 40)
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
