import Foundation
import NgaTuResults
import Testing
@testable import NgaTuRunner

@Suite struct ScenarioRunnerTests {
    @Test func resultsDatabaseHoldsEveryTableAndTheMeta() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Scratch.sweep(replications: 2))
        let out = ResultDirectory(path: scratch.path("out"))
        var extra: [String] = []
        let outcome = try ScenarioRunner(plan: plan, output: out, scenarioHash: hash, options: RunOptions(jobs: 2))
            .run { dir, tables in
                extra.append(dir.lastPathComponent)
                try Data("\(tables.runs.count)".utf8).write(to: dir.appendingPathComponent("extra.txt"))
            }
        #expect(outcome.runs == 8 && outcome.resumed == 0 && outcome.warnings == 0)
        #expect(extra.count == 1)
        #expect(try String(contentsOfFile: scratch.path("out/extra.txt"), encoding: .utf8) == "8")

        let store = try ResultStore.open(at: scratch.path("out/results.sqlite"))
        let tables = try store.loadTables()
        let meta = tables.meta
        #expect(meta.scenarioHash == hash)
        #expect(meta.seeds == [40, 41])
        #expect(meta.finishedAt != nil)
        #expect(meta.startedAt <= meta.finishedAt!)
        #expect(tables.runs.count == 8)
        #expect(tables.junctionRuns.count == 8 * 4)
        #expect(tables.junctions.count == 2 * 2 * 4)
        #expect(tables.comparison.count == 2 * 2 * RunMeasure.allCases.count)
        #expect(tables.signalTiming.count == 8 && tables.signalPhases.count == 16)
        #expect(tables.timeSeries.count == 8 * 6)
        // One signalised junction: one queue row per sample, equal to the network's queue there
        // (every queue of this map is at that junction).
        #expect(tables.junctionQueues.count == 8 * 6)
        for (q, t) in zip(tables.junctionQueues, tables.timeSeries) {
            #expect(q.timeS == t.timeS && q.replication == t.replication && abs(q.queuedPcu - t.queuedPcu) < 1e-9)
        }
        #expect(tables.warnings.isEmpty)

        // The CSV files say what the database says.
        let csv = try String(contentsOfFile: scratch.path("out/runs.csv"), encoding: .utf8)
        #expect(csv == CSVWriter(sweepKeys: meta.sweep.keys).csv(tables.runs))
        // The paired differences of two identical strategies are 0.
        for row in tables.comparison where row.strategy == "again" {
            #expect(row.diffVsBaseline == 0)
        }
    }

    @Test func resumeRefusesResultsOfOtherFiles() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Scratch.sweep())
        let out = ResultDirectory(path: scratch.path("out"))
        let stale = plan.meta(scenarioHash: String(repeating: "0", count: 64), startedAt: "2026-01-01T00:00:00Z")
        _ = try out.openPartialStore(meta: stale, resume: false)
        do {
            _ = try ScenarioRunner(plan: plan, output: out, scenarioHash: hash, options: RunOptions(jobs: 1, resume: true)).run()
            Issue.record("resumed results of other files")
        } catch {
            guard case .cannotResume = error else { Issue.record("\(error)"); return }
        }
        #expect(out.hasPartialResults, "kept for the user to decide")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }

    @Test func resumeSkipsStoredRunsAndGivesTheSameFiles() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Scratch.sweep())
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("whole")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let cut = ResultDirectory(path: scratch.path("cut"))
        let meta = plan.meta(scenarioHash: hash, startedAt: "2026-01-01T00:00:00Z")
        let store = try cut.openPartialStore(meta: meta, resume: false)
        for job in plan.jobs.suffix(3) { try store.insert(try plan.execute(job)) }
        let outcome = try ScenarioRunner(plan: plan, output: cut, scenarioHash: hash, options: RunOptions(jobs: 2, resume: true)).run()
        #expect(outcome.resumed == 3 && outcome.runs == 8)
        for f in ["runs.csv", "comparison.csv", "junctions.csv", "timeseries.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: scratch.path("whole/\(f)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: scratch.path("cut/\(f)")))
            #expect(a == b, "\(f)")
        }
    }

    @Test func gridlockGoesToTheWarningsTable() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        try scratch.write("short.yaml", Scratch.map.replacingOccurrences(of: "{id: bn, at: [10.0336, 105.7700]", with: "{id: bn, at: [10.0305, 105.7700]"))
        let (plan, hash) = try scratch.plan("""
            scenario: runner-gridlock
            map: short.yaml
            duration: 12 min
            demand:
              flows:
                - {from: bn, to: bs, rate: 900 veh/h}
            events:
              - {kind: closure, road: rs, from: 0 s, to: 12 min}
            """)
        let lines = Lines()
        let outcome = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                                         options: RunOptions(jobs: 1, progress: .quiet), stderr: lines.append).run()
        // Gridlock, the vehicles held at the closed exit for longer than 300 s, and the entry
        // backed up behind them.
        #expect(outcome.warnings == 3)
        let warnings = try ResultStore.open(at: scratch.path("out/results.sqlite")).loadTables().warnings
        #expect(Set(warnings.map(\.kind)) == ["gridlock", "long-wait", "entry-backlog"])
        #expect(warnings.first { $0.kind == "gridlock" }?.junctions == ["c"])
        #expect(lines.text.contains("ngatu: warning: fixed [demand_scale=1] replication 1 at "))
        #expect(lines.text.contains("gridlock at c"))
        let long = try #require(warnings.first { $0.kind == "long-wait" })
        #expect(long.junctions == ["c"] && long.timeS == 720)
        let waited = try #require(Int(long.message.split(separator: " ")[3]))
        #expect(long.message.hasPrefix("a vehicle waited ") && long.message.contains("s at the stop line of c N (more than 300 s)"))
        #expect(waited > 600 && waited < 720, "\(long.message)")
        #expect(lines.text.contains("ngatu: warning: fixed [demand_scale=1] replication 1: a vehicle waited "))

        // The threshold is the scenario's: above the longest wait, no such warning.
        let (patient, _) = try scratch.plan(try String(contentsOfFile: scratch.path("scenario.yaml"), encoding: .utf8)
                                            + "\nmax_wait_warning: 12 min\n", name: "patient.yaml")
        let record = try patient.execute(patient.jobs[0])
        #expect(record.warnings.map(\.kind) == ["gridlock", "entry-backlog"])
        #expect(patient.meta(scenarioHash: "x", startedAt: "t").property("max_wait_warning_s") == "720")
    }

    @Test func progressLinesAndClock() {
        let lines = Lines()
        let p = ProgressReporter(style: .lines, total: 3, alreadyDone: 1, write: lines.append)
        p.runFinished("a")
        p.note("hello")
        #expect(lines.text.hasPrefix("ngatu: run 2/3 done: a (0:00 elapsed, ~0:00 left)\nngatu: hello\n"))
        let quiet = Lines()
        let q = ProgressReporter(style: .quiet, total: 3, alreadyDone: 0, write: quiet.append)
        q.runFinished("a"); q.note("n"); q.finish()
        #expect(quiet.text.isEmpty)
        #expect(ProgressReporter.clock(0) == "0:00" && ProgressReporter.clock(75) == "1:15" && ProgressReporter.clock(3725) == "1:02:05")
    }
}

/// Collects what a runner writes to stderr.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
    @Sendable func append(_ s: String) { lock.lock(); parts.append(s); lock.unlock() }
}
