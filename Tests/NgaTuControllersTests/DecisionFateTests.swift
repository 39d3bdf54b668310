import Testing
import NgaTuCore
@testable import NgaTuControllers

/// What becomes of a controller's decision (the contract on `SignalController`): a switch is
/// carried out at once or, before `earliestSwitch`, never asked for by a correct strategy; a
/// switch naming no valid phase is a fault the run reports.
@Suite struct DecisionFateTests {
    /// Records every decision of the controller it wraps (a class: the run holds a copy of the
    /// wrapper, the test keeps the log).
    final class Log { var entries: [(now: Double, earliest: Double, decision: SignalDecision, kappa: [Double])] = [] }

    struct Recording: SignalController {
        var inner: SOTLController
        let log: Log
        var minGreen: Double { inner.minGreen }
        var detectorDistance: Double { inner.detectorDistance }
        mutating func decide(_ o: SignalObservation) -> SignalDecision {
            let d = inner.decide(o)
            log.entries.append((o.now, o.earliestSwitch, d, inner.kappa))
            return d
        }
    }

    /// SOTL with `min_green` 2 s under a core floor of 10 s: it is told the floor through
    /// `earliestSwitch`, so every switch it asks for happens at once (a yellow at that very
    /// time) and no κ is reset by a switch that did not happen.
    @Test func sotlBelowTheCoreFloorKeepsAConsistentState() throws {
        var model = ModelParameters()
        model.minGreenFloor = 10
        let net = try NetworkBuilder.build(Fixture.crossroads())
        let demand = DemandSpec(arrivals: .poisson, flows: [
            FlowSpec(from: "n", to: "s", rate: 500), FlowSpec(from: "e", to: "w", rate: 500),
            FlowSpec(from: "s", to: "n", rate: 300), FlowSpec(from: "w", to: "e", rate: 300),
        ])
        let setup = try SimulationSetup(network: net, model: model, classes: Fixture.cars, demand: demand,
                                        timing: RunTiming(duration: 1800))
        let log = Log()
        let sotl = SOTLController(phases: JunctionContext(network: net, junction: net.signalisedJunctions[0]).phaseMovements,
                                  threshold: 10, distance: 50, minGreen: 2, platoonDistance: 25, platoonMax: 0)
        var options = SimulationOptions()
        options.recordSignals = true
        var sim = Simulation(setup: setup, seed: SeedRule.runSeed(scenarioSeed: 3, replication: 1),
                             controllers: [Recording(inner: sotl, log: log)], options: options)
        _ = sim.run()
        let fault = sim.controllerFault
        #expect(fault == nil)
        let signalLog = sim.signalLog
        let yellows = Set(signalLog.filter { $0.stage == .yellow }.map(\.time))
        let switches = log.entries.filter { if case .switchTo = $0.decision { true } else { false } }
        #expect(switches.count > 20, "SOTL changed phase \(switches.count) times")
        var early = 0
        for (k, e) in log.entries.enumerated() {
            guard case .switchTo(let q) = e.decision else { continue }
            // Every switch but the first (from the all-red start) is carried out at once...
            if k > 0 { #expect(yellows.contains(e.now), "switch to \(q) at \(e.now) did not start a yellow") }
            // ...never before the floor...
            #expect(e.now >= e.earliest - 1e-6)
            // ...and the κ it reset is the one of the phase that gets the green.
            #expect(e.kappa[q] == 0)
        }
        // Held by the floor with a κ over the threshold: SOTL alone (min_green 2 s) would have switched.
        for e in log.entries where e.now < e.earliest - 1e-6 && e.kappa.contains(where: { $0 >= 10 }) {
            if case .hold = e.decision { early += 1 }
        }
        #expect(early > 0, "the floor held SOTL back at least once")
        #expect(yellows.count == switches.count - 1, "every yellow comes from a switch SOTL asked for")
    }

    /// Before `earliestSwitch`, SOTL with κ over the threshold holds and keeps its κ.
    @Test func sotlKeepsKappaUntilTheCoreAllowsAChange() {
        var c = SOTLController(phases: StateMachineTests.twoPhases, threshold: 10, distance: 50, minGreen: 2,
                               platoonDistance: 25, platoonMax: 0)
        for t in 0...9 {
            let o = Fixture.observation(n: 4, now: Double(t), phase: 0, elapsed: Double(t), queued: [0, 0, 5, 0], minGreen: 10)
            #expect(c.decide(o) == .hold(until: Double(t) + 1), "t = \(t)")
        }
        #expect(c.kappa[1] == 45)
        let o = Fixture.observation(n: 4, now: 10, phase: 0, elapsed: 10, queued: [0, 0, 5, 0], minGreen: 10)
        #expect(c.decide(o) == .switchTo(phase: 1))
        #expect(c.kappa[1] == 0)
    }

    /// A controller that names a phase the junction does not have, or the phase already green.
    struct Broken: SignalController {
        let wrong: Int
        var minGreen: Double { 5 }
        var detectorDistance: Double { 0 }
        var observesTraffic: Bool { false }
        mutating func decide(_ o: SignalObservation) -> SignalDecision {
            o.currentPhase < 0 ? .switchTo(phase: 0) : (o.now < 30 ? .hold(until: 30) : .switchTo(phase: wrong))
        }
    }

    @Test func aPhaseOutOfRangeIsAFaultTheRunReports() throws {
        let net = try NetworkBuilder.build(Fixture.crossroads())
        let setup = try SimulationSetup(network: net, classes: Fixture.cars,
                                        demand: DemandSpec(arrivals: .poisson, flows: [FlowSpec(from: "n", to: "s", rate: 300)]),
                                        timing: RunTiming(duration: 600))
        for wrong in [2, -1, 0] {
            var sim = Simulation(setup: setup, seed: 1, controllers: [Broken(wrong: wrong)])
            _ = sim.run()
            let reported = sim.controllerFault
            let fault = try #require(reported, "phase \(wrong)")
            #expect(fault.time == 30 && fault.junctionID == "c" && fault.phase == wrong)
            #expect(fault.currentPhase == 0 && fault.phaseCount == 2)
            #expect(fault.description.contains("junction c"))
        }
    }
}
