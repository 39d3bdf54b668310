import Foundation
import NgaTuFormats
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// `variants:` (formats.md additions): every strategy runs on every variant at every sweep
/// point and replication on the same seeds; the baseline is a (strategy, variant) pair; the
/// `variant` column comes first among SWEEP columns only when the scenario has variants.
@Suite struct VariantTests {
    static func scenario(variants: String, sweep: String = "  demand_scale: [0.5, 1.0]", extra: String = "") -> String {
        """
        scenario: variants
        map: crossroads.yaml
        duration: 6 min
        warmup: 1 min
        replications: 2
        seed: 40
        demand:
          flows:
            - {from: bn, to: bs, rate: 700 veh/h}
            - {from: be, to: bw, rate: 400 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
          - {name: act, controller: actuated, params: {min_green: 7 s, max_green: 40 s}}
        sweep:
        \(sweep)
        variants:
        \(variants)
        \(extra)
        """
    }

    static func table(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func twoVariantsAndTwoKeysRunEveryCombinationOnceOnTheSameSeeds() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Self.scenario(variants: """
              - name: today
              - name: long-ns
                signals:
                  c: {cycle: 60 s, phases: [{green: 35 s, allow: [N, S]}, {green: 15 s, allow: [E, W]}]}
                roads: {rn: {lanes: 2}}
                model: {critical_gap: 5 s}
            """, sweep: """
              demand_scale: [0.8, 1.0]
              model.saturation_flow: [1600, 2000 veh/h]
            """))
        #expect(plan.sweep.keys == ["variant", "demand_scale", "model.saturation_flow"])
        // 2 strategies × 2 variants × 4 sweep points × 2 replications, each planned once.
        #expect(plan.jobs.count == 32)
        #expect(Set(plan.jobs.map { plan.key(of: $0) }).count == 32)
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let runs = try Self.table(scratch.path("out/runs.csv"))
        #expect(Array(runs[0].prefix(6)) == ["strategy", "variant", "demand_scale", "model.saturation_flow", "replication", "seed"])
        let rows = runs.dropFirst()
        #expect(rows.count == 32)
        #expect(Set(rows.map { $0[0...4].joined(separator: ",") }).count == 32)
        #expect(Set(rows.map { $0[1] }) == ["today", "long-ns"])
        // The same seed for a replication in every variant, strategy and sweep point.
        for r in rows { #expect(r[5] == String(40 + Int(r[4])! - 1)) }
        // The variant's plan gives N-S (the heavier flow) more green: fixed time delays less.
        let delay = runs[0].firstIndex(of: "total_delay_veh_h")!
        func total(_ variant: String) -> Double {
            rows.filter { $0[0] == "fixed" && $0[1] == variant }.map { Double($0[delay])! }.reduce(0, +)
        }
        #expect(total("long-ns") < total("today"))
        // Every result file has the same SWEEP columns, `variant` first.
        for file in ["comparison.csv", "junctions.csv", "movements.csv", "roads.csv", "timeseries.csv"] {
            let header = try Self.table(scratch.path("out/" + file))[0]
            #expect(Array(header.prefix(4)) == ["strategy", "variant", "demand_scale", "model.saturation_flow"], "\(file)")
        }
        // The database reads back the same points, names included.
        let tables = try ResultStore.open(at: scratch.path("out/results.sqlite")).loadTables()
        #expect(tables.runs.count == 32)
        #expect(Set(tables.runs.compactMap(\.sweep.variant)) == ["today", "long-ns"])
        #expect(tables.meta.variantNames == ["today", "long-ns"])
    }

    @Test func anUnchangedVariantDiffersFromTheBaselineByExactlyZero() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Self.scenario(variants: """
              - name: today
              - name: closed-w
                roads: {rw: {closed: true}}
              - name: same
            """))
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let table = try Self.table(scratch.path("out/comparison.csv"))
        let h = table[0]
        let col = { (name: String) in h.firstIndex(of: name)! }
        let rows = table.dropFirst()
        // Baseline pair (fixed, today): its own difference columns are empty.
        let base = rows.filter { $0[col("strategy")] == "fixed" && $0[col("variant")] == "today" }
        #expect(!base.isEmpty && base.allSatisfy { $0[col("diff_vs_baseline")].isEmpty })
        // (fixed, same) is the scenario as written: every paired difference is exactly 0.
        let same = rows.filter { $0[col("strategy")] == "fixed" && $0[col("variant")] == "same" && !$0[col("mean")].isEmpty }
        #expect(same.count > 10)
        for r in same {
            #expect(Double(r[col("diff_vs_baseline")]) == 0, "\(r)")
            #expect(r[col("p_value")] == "1", "\(r)")
        }
        // Every other pair is compared with (fixed, today): the closure changes the delay.
        let measure = col("measure")
        let closed = rows.first { $0[col("strategy")] == "fixed" && $0[col("variant")] == "closed-w" && $0[measure] == "total_delay_veh_h" }!
        #expect(Double(closed[col("diff_vs_baseline")])! != 0)
        let act = rows.first { $0[col("strategy")] == "act" && $0[col("variant")] == "same" && $0[measure] == "total_delay_veh_h" }!
        #expect(!act[col("diff_vs_baseline")].isEmpty)
    }

    @Test func baselineVariantNamesThePairCompared() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Self.scenario(variants: """
              - name: busy
                demand_scale: 1.5
              - name: today
            """, extra: "baseline_variant: today"))
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 1)).run()
        let table = try Self.table(scratch.path("out/comparison.csv"))
        let h = table[0]
        let col = { (name: String) in h.firstIndex(of: name)! }
        let delay = table.dropFirst().filter { $0[col("measure")] == "total_delay_veh_h" && $0[col("strategy")] == "fixed" }
        #expect(delay.filter { $0[col("variant")] == "today" }.allSatisfy { $0[col("diff_vs_baseline")].isEmpty })
        // Half again the demand delays more than the baseline variant at each demand scale.
        for r in delay where r[col("variant")] == "busy" { #expect(Double(r[col("diff_vs_baseline")])! > 0) }
    }

    @Test("a variant's error points at its key path",
          arguments: [
            ("  - name: a\n  - name: a", 18, 11, "duplicate variant name \"a\""),
            ("  - name: a\n    signals: {bn: {phases: [{green: 10 s, allow: [N]}]}}", 18, 15, "its control is boundary"),
            ("  - name: a\n    roads: {rx: {lanes: 2}}", 18, 13, "unknown road \"rx\""),
            ("  - name: a\n    model: {cycle: 3}", 18, 13, "unknown key"),
            ("  - name: a\n    colour: red", 18, 5, "colour"),
          ])
    func refused(_ variants: String, _ line: Int, _ column: Int, _ fragment: String) throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let file = try scratch.write("s.yaml", Self.scenario(variants: variants))
        do {
            _ = try InputFiles.loadScenario(file)
            Issue.record("accepted: \(variants)")
        } catch {
            guard case .input(let e) = error else { Issue.record("\(error)"); return }
            #expect(e.line == line && e.column == column, "\(e)")
            #expect(e.message.contains(fragment), "\(e)")
        }
    }

    @Test func aBaselineVariantThatNamesNoVariantIsRefused() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let file = try scratch.write("s.yaml", Self.scenario(variants: "  - name: today", extra: "baseline_variant: tody"))
        do {
            _ = try InputFiles.loadScenario(file)
            Issue.record("accepted")
        } catch {
            guard case .input(let e) = error else { Issue.record("\(error)"); return }
            #expect(e.line == 18 && e.column == 19, "\(e)")
            #expect(e.message.contains("did you mean `today`?"), "\(e)")
        }
    }

    /// SHA-256 of every CSV file of `AnyKeySweepTests`' two-key sweep (2 replications), as
    /// written by main before variants existed (`ngatu run` of the same file, 283267a): a
    /// scenario without variants must not change by one byte (files added since, such as
    /// `differences.csv`, aside); junctions.csv and movements.csv changed when their control
    /// delay came to count the vehicles still queued at the end (`still_queued_veh`).
    static let before: [String: String] = [
        "comparison.csv": "249e2cbcd906ceb30f52220d5485d145d12770d23f8e0c3acf384d28516ce5cf",
        "junctions.csv": "59c38bc4cd7b02c72458fd094b9cb41bbebacbeeeaf3d29f690a1c13161dbf13",
        "movements.csv": "1af3d93b88a45cc1eeaedf93a9f2a95887e98bd4b07cbb34781c4b9dcd00326e",
        "roads.csv": "c2b58b18e4d9241f805e8340c44ba32a2b44e40d7a7fc624bf839460df1ad822",
        "runs.csv": "294f204175836abc7345dfbefcdf13b2dcf3b0524ab86de7aa230d6f807c24c4",
        "timeseries.csv": "b2d14e2e8775a7012e8734e429c93e7c30730983d8b84beb7d89c7018c68eb43",
    ]

    @Test func aScenarioWithoutVariantsWritesTheSameBytesAsBefore() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(AnyKeySweepTests.scenario("""
              model.saturation_flow: [1500, 2100 veh/h]
              strategies.act.params.gap: [2 s, 0.1 min]
            """))
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out")).filter { $0.hasSuffix(".csv") }.sorted()
        var found: [String: String] = [:]
        for f in files {
            var sha = SHA256()
            sha.update(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/" + f)))))
            found[f] = sha.hexDigest()
        }
        // differences.csv came later (a new file): every file that was there is unchanged.
        #expect(found.filter { $0.key != "differences.csv" } == Self.before)
        #expect(found["differences.csv"] != nil)
    }
}
