import Testing
import NgaTuCore
@testable import NgaTuControllers

/// Each controller as a state machine on scripted observations. Two phases over four
/// movements: phase 0 = movements 0, 1 (N, S); phase 1 = movements 2, 3 (E, W).
@Suite struct StateMachineTests {
    static let twoPhases = [[0, 1], [2, 3]]

    func obs(now: Double, phase: Int, elapsed: Double, queued: [Int] = [0, 0, 0, 0], approaching: [Int] = [0, 0, 0, 0],
             since: [Double] = [.infinity, .infinity, .infinity, .infinity], downstream: [Double] = [0, 0, 0, 0],
             minGreen: Double = 7) -> SignalObservation {
        Fixture.observation(n: 4, now: now, phase: phase, elapsed: elapsed, queued: queued, approaching: approaching,
                            since: since, downstream: downstream, minGreen: minGreen)
    }

    // MARK: Actuated

    @Test func actuatedStartsWithTheFirstPhaseWithDemand() {
        var c = ActuatedController(phases: Self.twoPhases)
        #expect(c.decide(obs(now: 0, phase: -1, elapsed: 0, approaching: [0, 0, 0, 2])) == .switchTo(phase: 1))
        #expect(c.decide(obs(now: 0, phase: -1, elapsed: 0)) == .switchTo(phase: 0))
    }

    @Test func actuatedHoldsMinGreenEvenWithoutCalls() {
        var c = ActuatedController(phases: Self.twoPhases, minGreen: 7, maxGreen: 20, gap: 3)
        // Green began at 100; at 102 nothing calls, phase 1 waits: hold to 107.
        #expect(c.decide(obs(now: 102, phase: 0, elapsed: 2, queued: [0, 0, 4, 0])) == .hold(until: 107))
    }

    @Test func actuatedExtendsOnCallsAndGapsOut() {
        var c = ActuatedController(phases: Self.twoPhases, minGreen: 7, maxGreen: 20, gap: 3)
        // Detection 1 s ago on movement 0: extended until it is 3 s old (110 + 2).
        #expect(c.decide(obs(now: 110, phase: 0, elapsed: 10, queued: [0, 0, 4, 0], since: [1, 1, 9, 9])) == .hold(until: 112))
        // A standing queue on a green movement is a call: re-checked a second later.
        #expect(c.decide(obs(now: 110, phase: 0, elapsed: 10, queued: [3, 0, 4, 0], since: [5, 5, 9, 9])) == .hold(until: 111))
        // No call for 3 s (gap-out) and phase 1 waits: switch.
        #expect(c.decide(obs(now: 112, phase: 0, elapsed: 12, queued: [0, 0, 4, 0], since: [3, 3, 9, 9])) == .switchTo(phase: 1))
    }

    @Test func actuatedMaxesOut() {
        var c = ActuatedController(phases: Self.twoPhases, minGreen: 7, maxGreen: 20, gap: 3)
        // A call 0.5 s old at 118 would extend to 120.5, but max-out is at 120.
        #expect(c.decide(obs(now: 118, phase: 0, elapsed: 18, queued: [0, 0, 4, 0], since: [0.5, 0.5, 9, 9])) == .hold(until: 120))
        // At max green with calls still coming and phase 1 waiting: switch.
        #expect(c.decide(obs(now: 120, phase: 0, elapsed: 20, queued: [5, 0, 4, 0], since: [0.2, 0.2, 9, 9])) == .switchTo(phase: 1))
    }

    @Test func actuatedRestsInGreenWithoutOtherDemand() {
        var c = ActuatedController(phases: Self.twoPhases, minGreen: 7, maxGreen: 20, gap: 3)
        #expect(c.decide(obs(now: 112, phase: 0, elapsed: 12)) == .hold(until: 113))
        // Max-out with no conflicting demand: still rests.
        #expect(c.decide(obs(now: 125, phase: 0, elapsed: 25, queued: [2, 0, 0, 0])) == .hold(until: 126))
    }

    @Test func actuatedSkipsPhasesWithoutDemand() {
        var c = ActuatedController(phases: [[0], [1], [2], [3]], minGreen: 7, maxGreen: 20, gap: 3)
        // Phase 0 gaps out; phases 1 and 2 are empty, phase 3 has an approaching vehicle.
        #expect(c.decide(obs(now: 110, phase: 0, elapsed: 10, approaching: [0, 0, 0, 1])) == .switchTo(phase: 3))
        // From phase 3 the order wraps round: phase 1 before phase 2.
        #expect(c.decide(obs(now: 110, phase: 3, elapsed: 10, queued: [0, 1, 1, 0])) == .switchTo(phase: 1))
    }

    // MARK: Max-pressure

    @Test func maxPressureChoosesTheLargestPressure() {
        let c = MaxPressureController(phases: Self.twoPhases, downstreamWeight: [1, 1, 1, 1])
        // Pressures: 1800·(5 + 5) = 18000 against 1800·(3 + 3) = 10800.
        #expect(c.pressures(obs(now: 0, phase: 0, elapsed: 10, queued: [5, 5, 3, 3])) == [18000, 10800])
        // Full downstream segments on phase 0: 1800·(10 − 20) < 10800.
        var d = c
        #expect(d.decide(obs(now: 50, phase: 0, elapsed: 10, queued: [5, 5, 3, 3], downstream: [10, 10, 0, 0])) == .switchTo(phase: 1))
        #expect(d.decide(obs(now: 50, phase: 1, elapsed: 10, queued: [5, 5, 3, 3])) == .switchTo(phase: 0))
        // Movements add only their positive part: the empty movement 1 with 50 PCU downstream
        // does not pull phase 0 below phase 1 (7200 against 5400).
        #expect(c.pressures(obs(now: 0, phase: 0, elapsed: 10, queued: [4, 0, 3, 0], downstream: [0, 50, 0, 0])) == [7200, 5400])
    }

    @Test func maxPressureRespectsMinGreenAndInterval() {
        var c = MaxPressureController(phases: Self.twoPhases, downstreamWeight: [0.5, 0.5, 0.5, 0.5], interval: 5, minGreen: 7)
        #expect(c.decide(obs(now: 103, phase: 1, elapsed: 3, queued: [9, 9, 0, 0])) == .hold(until: 107))
        #expect(c.decide(obs(now: 108, phase: 1, elapsed: 8, queued: [0, 0, 1, 0])) == .hold(until: 113))
    }

    @Test func maxPressureTiesKeepTheCurrentPhaseThenTheLowestIndex() {
        var c = MaxPressureController(phases: [[0], [1], [2], [3]], downstreamWeight: [1, 1, 1, 1])
        #expect(c.decide(obs(now: 50, phase: 2, elapsed: 10, queued: [1, 4, 4, 4])) == .hold(until: 55))
        #expect(c.decide(obs(now: 50, phase: 0, elapsed: 10, queued: [1, 4, 4, 4])) == .switchTo(phase: 1))
        #expect(c.decide(obs(now: 0, phase: -1, elapsed: 0)) == .switchTo(phase: 0))
    }

    // MARK: Longest queue first

    @Test func longestQueueFirstServesTheLongestQueue() {
        var c = LongestQueueFirstController(phases: Self.twoPhases, interval: 5, minGreen: 7)
        #expect(c.decide(obs(now: 104, phase: 0, elapsed: 4, queued: [1, 1, 4, 0])) == .hold(until: 107))
        #expect(c.decide(obs(now: 107, phase: 0, elapsed: 7, queued: [1, 1, 4, 0])) == .switchTo(phase: 1))
        #expect(c.decide(obs(now: 107, phase: 0, elapsed: 7, queued: [2, 1, 3, 0])) == .hold(until: 112))
        #expect(c.decide(obs(now: 0, phase: -1, elapsed: 0, queued: [0, 0, 1, 0])) == .switchTo(phase: 1))
    }

    // MARK: SOTL

    /// Runs a SOTL controller second by second on phase 0's green with `waiting` vehicles on
    /// phase 1 and `onGreen` queued on phase 0, each of `pcu` PCU; returns when it switched.
    func sotlSwitchTime(threshold: Double, minGreen: Double, waiting: Int, onGreen: Int = 0, pcu: Double = 1,
                        limit: Int = 100) -> Int? {
        var c = SOTLController(phases: Self.twoPhases, threshold: threshold, distance: 50, minGreen: minGreen,
                               platoonDistance: 25, platoonMax: 5)
        for t in 0...limit {
            var o = obs(now: Double(t), phase: 0, elapsed: Double(t), queued: [onGreen, 0, waiting, 0], minGreen: minGreen)
            o.queuedPCU = o.queuedVehicles.map { Double($0) * pcu }
            switch c.decide(o) {
            case .switchTo(let q): #expect(q == 1); #expect(c.kappa[1] == 0); return t
            case .hold(let until): #expect(until == Double(t) + 1)
            }
        }
        return nil
    }

    @Test func sotlSwitchesWhenKappaReachesTheThreshold() {
        // κ grows by 5 per second: 40 at t = 8.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 5) == 8)
        // With min green 12, κ = 60 ≥ 40 waits for t = 12.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 12, waiting: 5) == 12)
        // 2 vehicles: κ = 40 at t = 20.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 2) == 20)
        // Nobody waiting: never.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 0) == nil)
        // κ counts PCU: 5 motorcycles of 0.3 PCU add 1.5 per second: 39 at t = 26, 40.5 at t = 27
        // (counting vehicles would have switched at t = 8, as for 5 cars).
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 5, pcu: 0.3) == 27)
        // 2 buses of 2 PCU: 4 per second, 40 at t = 10.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 2, pcu: 2) == 10)
    }

    @Test func sotlProtectsShortPlatoonsOnly() {
        // 3 vehicles about to cross on green (≤ platoon_max 5): held for the whole run.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 5, onGreen: 3) == nil)
        // 8 on green: a long platoon may be cut, the switch comes at the threshold.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 5, onGreen: 8) == 8)
        // The platoon is measured in PCU too: 8 motorcycles (2.4 PCU ≤ 5) are protected, 20 (6 PCU)
        // may be cut when 5 motorcycles' κ reaches the threshold at t = 27.
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 5, onGreen: 8, pcu: 0.3) == nil)
        #expect(sotlSwitchTime(threshold: 40, minGreen: 7, waiting: 5, onGreen: 20, pcu: 0.3) == 27)
    }
}
