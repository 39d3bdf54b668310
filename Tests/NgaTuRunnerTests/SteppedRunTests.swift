import Foundation
import NgaTuCore
import NgaTuResults
import Testing
@testable import NgaTuControllers
@testable import NgaTuRunner

/// The stepping API: a run driven from outside, a step at a time.
@Suite struct SteppedRunTests {
    static let scenario = """
        scenario: stepped
        map: crossroads.yaml
        duration: 20 min
        warmup: 2 min
        replications: 2
        seed: 11
        demand:
          flows:
            - {from: bn, to: bs, rate: 700 veh/h}
            - {from: bs, to: bn, rate: 500 veh/h}
            - {from: be, to: bw, rate: 300 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
          - {name: mp, controller: max-pressure}
        """

    /// Without external junctions, stepping to any times and closing gives the rows of the
    /// uninterrupted run, byte for byte.
    @Test func steppingWithoutExternalJunctionsIsTheUninterruptedRun() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Self.scenario)
        for (s, name) in ["fixed", "mp"].enumerated() {
            let whole = try plan.execute(RunJob(strategy: s, point: 0, replication: 2))
            let run = try SteppedRun(plan: plan, strategy: name, replication: 2, external: [])
            var rng = SplitMix64(7)
            while run.time < run.duration { try run.advance(by: Double(rng.next() % 9000) / 1000) }
            #expect(try run.close() == whole, "\(name)")
            // Stepping exactly onto event times and to the same time twice changes nothing either.
            let again = try SteppedRun(plan: plan, strategy: name, replication: 2, external: [])
            for t in stride(from: 0.0, through: 1200, by: 5) { try again.advance(to: t); try again.advance(to: t) }
            #expect(try again.close() == whole)
        }
    }

    /// Same seed and same requests at the same times: the same observations and rows.
    @Test func sameActionsSameTrajectory() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Self.scenario)
        func episode(_ seed: UInt64) throws -> ([Double], RunRecord) {
            let run = try SteppedRun(plan: plan)
            var rng = SplitMix64(seed)
            var trace: [Double] = []
            while run.time < run.duration {
                try run.setPhase(0, Int(rng.next() % 2))
                try run.advance(by: 5)
                let o = try run.observe(0)
                trace += [Double(o.currentPhase), o.greenElapsed] + o.queuedPCU + o.approachingPCU + (try run.queueWaits(0))
                // The flat form (C interface, Python) holds the same numbers, queue waits included.
                #expect(o.queueWaitS == (try run.queueWaits(0)))
                let n = o.queuedPCU.count, f = ObservationLayout.fieldCount
                var state = [Double](repeating: .nan, count: ObservationLayout.stateCount)
                var rows = [Double](repeating: .nan, count: n * f)
                try state.withUnsafeMutableBufferPointer { s in
                    try rows.withUnsafeMutableBufferPointer { r in try run.writeObservations(state: s.baseAddress!, rows: r.baseAddress!) }
                }
                #expect(state[0] == o.now && state[1] == Double(o.currentPhase) && state[3] == o.greenElapsed && state[4] == o.earliestSwitch)
                #expect((0..<n).map { rows[$0 * f + 1] } == o.queuedPCU && (0..<n).map { rows[$0 * f + 3] } == o.approachingPCU)
                #expect((0..<n).map { rows[$0 * f + 10] } == o.queueWaitS && (0..<n).map { rows[$0 * f + 5] } == o.downstreamPCU)
                #expect((0..<n).map { rows[$0 * f + 0] } == o.queuedVehicles.map(Double.init) && (0..<n).map { rows[$0 * f + 2] } == o.approachingVehicles.map(Double.init))
                #expect((0..<n).map { rows[$0 * f + 4] } == o.secondsSinceDetection && (0..<n).map { rows[$0 * f + 6] } == o.downstreamStoragePCU)
                #expect((0..<n).map { rows[$0 * f + 7] } == o.saturationFlow && (0..<n).map { rows[$0 * f + 8] } == o.departedVehicles.map(Double.init))
                #expect((0..<n).map { rows[$0 * f + 9] } == o.departedPCU)
            }
            return (trace, try run.close())
        }
        let (a, ra) = try episode(3), (b, rb) = try episode(3), (c, _) = try episode(4)
        #expect(a == b && ra == rb)
        #expect(a != c)
        #expect(ra.run.strategy == "external" && ra.run.vehiclesFinished > 300)
    }

    /// Whatever an external controller asks and whenever, every green lasts at least the
    /// minimum green and every change runs the plan's full yellow (3 s) and all-red (2 s).
    @Test func externalRequestsCannotShortenMinGreenOrSkipYellow() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Self.scenario)
        for seed in 1...20 as ClosedRange<UInt64> {
            var options = SimulationOptions()
            options.recordSignals = true
            let minGreen = [0.0, 3, 7, 12][Int(seed % 4)]
            let run = try SteppedRun(plan: plan, minGreen: minGreen, options: options)
            var rng = SplitMix64(seed)
            while run.time < run.duration {
                try run.setPhase(0, Int(rng.next() % 2))
                try run.advance(by: Double(rng.next() % 4000) / 1000)
            }
            try run.close()
            let log = run.signalLog
            #expect(log.count > 20)
            let floor = max(minGreen, 5)   // the core's min_green_floor
            for (a, b) in zip(log, log.dropFirst()) {
                switch a.stage {
                case .green: #expect(b.stage == .yellow && b.time - a.time >= floor - 1e-9, "seed \(seed): \(a) → \(b)")
                case .yellow: #expect(b.stage == .allRed && abs(b.time - a.time - 3) < 1e-9, "seed \(seed)")
                case .allRed: #expect(b.stage == .green && abs(b.time - a.time - 2) < 1e-9 && b.phase != a.phase, "seed \(seed)")
                case .initial: break
                }
            }
        }
    }

    /// Max-pressure written outside the core (here a Swift closure registered as a policy, as
    /// the C interface registers a Python function) gives the built-in's rows exactly.
    @Test func anExternalPolicyReproducesTheBuiltInStrategy() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        ExternalPolicies.register("swift-max-pressure") { j in
            var c = MaxPressureController(phases: j.context.phaseMovements, downstreamWeight: j.downstreamWeights)
            return { o in c.decide(o) }
        }
        defer { ExternalPolicies.remove("swift-max-pressure") }
        let (plan, _) = try scratch.plan(Self.scenario + """

              - {name: py, controller: external, params: {policy: swift-max-pressure, detector_distance: 0}}
            """)
        for r in 1...2 {
            var builtIn = try plan.execute(RunJob(strategy: 1, point: 0, replication: r))
            var outside = try plan.execute(RunJob(strategy: 2, point: 0, replication: r))
            builtIn.run.strategy = "x"; outside.run.strategy = "x"
            #expect(builtIn.run == outside.run)
            #expect(builtIn.junctions.map(\.controlDelayS) == outside.junctions.map(\.controlDelayS))
            #expect(outside.run.vehiclesFinished > 300)
        }
        // Without the policy the scenario is refused at the policy's name.
        ExternalPolicies.remove("swift-max-pressure")
        #expect(throws: RunnerError.self) { try scratch.plan(Self.scenario + "\n  - {name: py, controller: external, params: {policy: nope}}\n") }
    }

    @Test func mistakesAreErrorsNotCrashes() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Self.scenario)
        #expect(throws: RunnerError.self) { try SteppedRun(plan: plan, strategy: "nope") }
        #expect(throws: RunnerError.self) { try SteppedRun(plan: plan, replication: 0) }
        #expect(try SteppedRun(plan: plan, replication: 3).seed == 13)
        #expect(throws: RunnerError.self) { try SteppedRun(plan: plan, point: 1) }
        #expect(throws: RunnerError.self) { try SteppedRun(plan: plan, external: ["bn"]) }
        #expect(throws: RunnerError.self) { try SteppedRun(plan: plan, external: ["zz"]) }
        let run = try SteppedRun(plan: plan)
        #expect(run.externalJunctions == ["c"])
        #expect(throws: RunnerError.self) { try run.setPhase(0, 2) }
        #expect(throws: RunnerError.self) { try run.setPhase(1, 0) }
        #expect(throws: RunnerError.self) { try run.advance(by: -1) }
        try run.close()
        #expect(throws: RunnerError.self) { try run.advance(by: 1) }
        #expect(throws: RunnerError.self) { try run.observe(0) }
    }
}

/// SplitMix64, the tests' seeded generator.
struct SplitMix64 {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
