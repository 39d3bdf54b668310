import Foundation
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// `differences.csv` of a real run: every strategy against the baseline at every sweep point,
/// paired by replication, the figures recomputed here from `runs.csv` by hand.
@Suite struct DifferencesFileTests {
    static let scenario = """
        scenario: paired
        map: crossroads.yaml
        duration: 6 min
        warmup: 1 min
        replications: 3
        seed: 40
        demand:
          flows:
            - {from: bn, to: bs, rate: 700 veh/h}
            - {from: be, to: bw, rate: 600 veh/h}
        strategies:
          - {name: act, controller: actuated, params: {min_green: 7 s, max_green: 40 s}}
          - {name: fixed, controller: fixed-time}
          - {name: mp, controller: max-pressure}
        baseline: fixed
        sweep:
          demand_scale: [0.8, 1.2]
        """

    /// The file at `path` split as `MovementRoadTests.table` splits a CSV text.
    static func table(_ path: String) throws -> (header: [String], rows: [[String]]) {
        MovementRoadTests.table(try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func everyStrategyAgainstTheBaselineAtEveryPointMatchesTheRunsByHand() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Self.scenario)
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let runs = try Self.table(scratch.path("out/runs.csv"))
        let diffs = try Self.table(scratch.path("out/differences.csv"))
        #expect(diffs.header == ["strategy", "demand_scale", "measure", "baseline", "n_pairs", "mean", "baseline_mean",
                                 "diff_vs_baseline", "diff_ci95_low", "diff_ci95_high", "verdict"])
        // act and mp (not the baseline, first in the file but compared with `baseline: fixed`)
        // × 2 demand levels × 4 measures.
        #expect(diffs.rows.count == 2 * 2 * 4)
        #expect(diffs.rows.allSatisfy { $0[3] == "fixed" && $0[4] == "3" })
        #expect(diffs.rows.map(\.[0]) == Array(repeating: "act", count: 8) + Array(repeating: "mp", count: 8))
        let col = { (name: String) in runs.header.firstIndex(of: name)! }
        for row in diffs.rows {
            let (strategy, scale, measure) = (row[0], row[1], row[2])
            func values(_ s: String) -> [Double] {
                runs.rows.filter { $0[0] == s && $0[1] == scale }.sorted { Int($0[col("replication")])! < Int($1[col("replication")])! }
                    .map { Double($0[col(measure)])! }
            }
            let d = zip(values(strategy), values("fixed")).map { $0 - $1 }
            #expect(d.count == 3)
            let mean = d.reduce(0, +) / 3
            let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
            let half = 4.302652729911275 * sd / 3.0.squareRoot()
            let scaleOf = max(1, abs(mean))
            #expect(abs(Double(row[7])! - mean) <= 1e-9 * scaleOf, "\(row)")
            #expect(abs(Double(row[8])! - (mean - half)) <= 1e-8 * max(scaleOf, half), "\(row)")
            #expect(abs(Double(row[9])! - (mean + half)) <= 1e-8 * max(scaleOf, half), "\(row)")
            let verdict = mean + half < 0 ? "better" : mean - half > 0 ? "worse" : "no clear difference"
            #expect(row[10] == verdict, "\(row)")
        }
        // The same rows in results.sqlite's `differences` table.
        let stored = try ResultStore.open(at: scratch.path("out/results.sqlite")).loadTables().differences
        #expect(CSVWriter(sweepKeys: ["demand_scale"]).csv(stored) == (try String(contentsOfFile: scratch.path("out/differences.csv"), encoding: .utf8)))
    }
}
