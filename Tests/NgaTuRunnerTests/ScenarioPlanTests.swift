import Foundation
import NgaTuCore
import NgaTuFormats
import NgaTuResults
import Testing
import NgaTuControllers
@testable import NgaTuRunner

@Suite struct ScenarioPlanTests {
    @Test func expandsStrategiesSweepAndReplications() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Scratch.sweep(replications: 3))
        #expect(plan.strategies.map(\.name) == ["fixed", "again"])
        #expect(plan.sweep.keys == ["demand_scale"])
        #expect(plan.points.map { $0.sweep[Sweep.demandScaleKey] } == [0.5, 1.0])
        let jobs = plan.jobs
        #expect(jobs.count == 2 * 2 * 3)
        #expect(Set(jobs).count == jobs.count)
        #expect(Set(jobs.map(plan.key(of:))).count == jobs.count)
        // Sweep point, then replication, then strategy.
        #expect(jobs.prefix(4) == [RunJob(strategy: 0, point: 0, replication: 1), RunJob(strategy: 1, point: 0, replication: 1),
                                   RunJob(strategy: 0, point: 0, replication: 2), RunJob(strategy: 1, point: 0, replication: 2)])
        #expect((1...3).map(plan.seed(ofReplication:)) == [40, 41, 42])
        // The setup of each point carries its demand scale.
        let half = plan.points[0].setup.flows.map(\.rate), full = plan.points[1].setup.flows.map(\.rate)
        #expect(zip(half, full).allSatisfy { abs($0 * 2 - $1) < 1e-15 })
        #expect(abs(full[0] - 600.0 / 3600) < 1e-15)
        #expect(plan.controlled == plan.network.signalisedJunctions)
        #expect(plan.controlled.map { plan.network.junctionIDs[$0] } == ["c"])
    }

    @Test func sameSeedSameRunForEveryStrategy() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Scratch.sweep(replications: 2))
        let a = try plan.execute(RunJob(strategy: 0, point: 1, replication: 2))
        let b = try plan.execute(RunJob(strategy: 1, point: 1, replication: 2))
        let c = try plan.execute(RunJob(strategy: 0, point: 1, replication: 1))
        #expect(a.run.seed == 41 && b.run.seed == 41 && c.run.seed == 40)
        var renamed = b.run
        renamed.strategy = a.run.strategy
        #expect(renamed == a.run, "common random numbers: same controllers, same seed, same run")
        #expect(c.run != a.run)
        #expect(a.run.vehiclesFinished > 0)
        #expect(a.junctions.count == 4)
        #expect(a.signalTiming.map(\.controller) == ["fixed-time"])
        #expect(a.signalPhases.map(\.name) == ["N-S", "E-W"])
        #expect(a.timeSeries.map(\.timeS) == [60, 120, 180, 240, 300, 360])
    }

    /// Every segment's queue at each sample is kept only where the playback uses it: the first
    /// replication of the main runs (not the others, not the sensitivity reruns), and the
    /// measures do not depend on it.
    @Test func segmentQueuesOnlyForThePlayback() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Scratch.sweep(replications: 2))
        let first = try plan.execute(RunJob(strategy: 0, point: 1, replication: 1))
        let second = try plan.execute(RunJob(strategy: 0, point: 1, replication: 2))
        let quiet = try plan.execute(RunJob(strategy: 0, point: 1, replication: 1), playback: false)
        #expect(first.segmentQueues.count == plan.network.segmentCount)
        #expect(first.segmentQueues.allSatisfy { $0.queuedPcu.count == first.timeSeries.count })
        #expect(first.segmentQueues.contains { $0.queuedPcu.contains { $0 > 0 } })
        #expect(second.segmentQueues.isEmpty && quiet.segmentQueues.isEmpty)
        var same = quiet
        same.segmentQueues = first.segmentQueues
        #expect(same == first)
    }

    @Test func strategyOptionKeepsTheBaselineAndFileOrder() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let text = Scratch.sweep().replacingOccurrences(of: "  - {name: again, controller: fixed-time}", with: """
              - {name: again, controller: fixed-time}
              - {name: third, controller: fixed-time}
            baseline: again
            """)
        let (plan, _) = try scratch.plan(text, options: PlanOptions(replications: 5, strategies: ["third"]))
        #expect(plan.strategies.map(\.name) == ["again", "third"])
        #expect(plan.strategies.map(\.fileIndex) == [1, 2])
        #expect(plan.baseline == "again")
        #expect(plan.replications == 5)
        #expect(plan.jobs.count == 2 * 2 * 5)
        #expect(throws: RunnerError.self) { try scratch.plan(text, options: PlanOptions(strategies: ["webster"])) }
        do {
            _ = try scratch.plan(text, options: PlanOptions(strategies: ["webster"]))
        } catch {
            guard case .usage(let m) = error as? RunnerError else { Issue.record("\(error)"); return }
            #expect(m.contains("--strategy webster"))
        }
    }

    @Test func controlledJunctionsFromTheScenario() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Scratch.sweep(extra: "junctions: [c]"))
        #expect(plan.controlled == [Int(plan.network.junctionIndexByID["c"]!)])
    }

    /// Errors the core finds are placed in the file they are about.
    @Test func coreErrorsArePlacedInTheRightFile() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let text = Scratch.sweep().replacingOccurrences(of: "- {from: be, to: bw, rate: 500 veh/h}",
                                                        with: "- {from: bn, to: bw, rate: 500, via: [rn, re]}")
        do {
            _ = try scratch.plan(text)
            Issue.record("a route from rn into re has no movement")
        } catch {
            guard case .input(let e) = error as? RunnerError else { Issue.record("\(error)"); return }
            #expect(e.file == scratch.path("scenario.yaml"))
            #expect(e.line == 10)
            #expect(e.path?.description.hasPrefix("demand.flows[1].via") == true)
        }
        let scenarioMap = SourceMap(file: "s.yaml"), mapMap = SourceMap(file: "m.yaml")
        let inMap = ScenarioPlan.place(SpecError(SpecPath.root.key("signals").key("c").key("cycle"), "x"),
                                       scenario: scenarioMap, map: mapMap)
        #expect(inMap.file == "m.yaml")
        let inScenario = ScenarioPlan.place(SpecError(SpecPath.root.key("strategies").index(1).key("params"), "x"),
                                            scenario: scenarioMap, map: mapMap)
        #expect(inScenario.file == "s.yaml")
    }

    /// A plan marked `estimate: true` in the map, or a junction left to the default plan, makes
    /// the fixed plans "estimated" for the report.
    @Test func estimatedPlansAreRecorded() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        try scratch.write("crossroads.yaml", Scratch.map.replacingOccurrences(of: "    all_red: 2 s\n", with: "    all_red: 2 s\n    estimate: true\n"))
        let (marked, hash) = try scratch.plan(Scratch.sweep())
        #expect(marked.document.map.spec.signals.map(\.estimate) == [true])
        #expect(marked.meta(scenarioHash: hash, startedAt: "x").property("fixed_plans") == "estimated")
        let noPlan = Scratch.map.components(separatedBy: "signals:")[0]
        try scratch.write("crossroads.yaml", noPlan)
        let (defaulted, hash2) = try scratch.plan(Scratch.sweep())
        #expect(defaulted.network.programs.map(\.isDefault) == [true])
        #expect(defaulted.meta(scenarioHash: hash2, startedAt: "x").property("fixed_plans") == "estimated")
    }

    @Test func metaRecordsSeedsFilesAndStrategies() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Scratch.sweep(replications: 3))
        let meta = plan.meta(scenarioHash: hash, startedAt: "2026-01-01T00:00:00Z")
        #expect(meta.scenarioID == "runner-sweep")
        #expect(meta.seed == 40 && meta.seeds == [40, 41, 42] && meta.replications == 3)
        #expect(meta.softwareVersion == NgaTuVersion.current)
        #expect(meta.strategyNames == ["fixed", "again"])
        #expect(meta.strategies.map(\.controller) == ["fixed-time", "fixed-time"])
        #expect(meta.baseline == "fixed")
        #expect(meta.mapID == "runner-crossroads" && meta.mapAttribution == "hand-made test data, CC0")
        #expect(meta.property("duration_s") == "360" && meta.property("warmup_s") == "60")
        #expect(meta.property("controlled_junctions") == "c")
        // The report's words for each controller kind come from the registry.
        #expect(meta.property("words_vi.fixed-time") == FixedTimeStrategy.plainWords.vi)
        #expect(meta.property("words_en.fixed-time") == FixedTimeStrategy.plainWords.en)
        #expect(meta.property("fixed_plans") == "given")
        let scenarioBytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path("scenario.yaml")))
        let mapBytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path("crossroads.yaml")))
        #expect(hash == ScenarioHash.of(scenario: Array(scenarioBytes), map: Array(mapBytes)))
    }
}
