import Foundation
import NgaTuFormats
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// `sensitivity:` reruns the comparison at other values of an estimated parameter, on the same
/// seeds: variants planned up front, rows per value with the scenario's own value among them.
@Suite struct SensitivityTests {
    /// A permitted left from the north (to the east) against 500 veh/h of oncoming through
    /// traffic: its wait depends on the critical gap.
    static func scenario(_ sensitivity: String, replications: Int = 3) -> String {
        """
        scenario: sens
        map: crossroads.yaml
        duration: 20 min
        warmup: 2 min
        replications: \(replications)
        seed: 5
        demand:
          flows:
            - {from: bn, to: be, rate: 200 veh/h}
            - {from: bs, to: bn, rate: 500 veh/h}
            - {from: be, to: bw, rate: 300 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
          - {name: actuated, controller: actuated}
        \(sensitivity)
        """
    }

    @Test func variantsArePlannedWithTheirValues() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, _) = try scratch.plan(Self.scenario("sensitivity:\n  model.critical_gap: [2 s, 6 s]\n  vehicles.motorbike.pcu: [0.25]"))
        #expect(plan.sensitivity.map(\.parameter) == ["model.critical_gap", "model.critical_gap", "vehicles.motorbike.pcu"])
        #expect(plan.sensitivity.map(\.value) == [2, 6, 0.25])
        #expect(plan.sensitivity.map { $0.plan.points[0].setup.model.criticalGap } == [2, 6, 4])
        #expect(plan.sensitivity[2].plan.points[0].setup.classes.first { $0.name == "motorbike" }?.pcu == 0.25)
        #expect(plan.sensitivity.allSatisfy { $0.plan.sensitivity.isEmpty && $0.plan.jobs == plan.jobs })
        // `estimates` (or --sensitivity without a block) is the default set: 4 parameters × 2 values.
        let (estimates, _) = try scratch.plan(Self.scenario("sensitivity: estimates"))
        #expect(estimates.sensitivity.map(\.parameter) == ["model.critical_gap", "model.critical_gap", "model.saturation_flow",
                                                           "model.saturation_flow", "model.startup_lost_time", "model.startup_lost_time",
                                                           "vehicles.motorbike.pcu", "vehicles.motorbike.pcu"])
        #expect(estimates.sensitivity.map(\.value) == [2, 6, 1600, 2000, 1, 3, 0.2, 0.4])
        let (flag, _) = try scratch.plan(Self.scenario(""), options: PlanOptions(sensitivity: true))
        #expect(flag.sensitivity.map(\.value) == estimates.sensitivity.map(\.value))
        let (none, _) = try scratch.plan(Self.scenario(""))
        #expect(none.sensitivity.isEmpty)
    }

    @Test func badParametersAreRefusedWithTheirLine() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        for (text, line, fragment) in [
            ("sensitivity:\n  model.critical_gp: [2 s]", 16, "did you mean `model.critical_gap`?"),
            ("sensitivity:\n  vehicles.scooter.pcu: [0.2]", 16, "unknown key `vehicles.scooter.pcu`"),
            ("sensitivity:\n  model.critical_gap: [2 furlongs]", 16, "unknown unit \"furlongs\""),
            ("sensitivity:\n  model.critical_gap: []", 16, "at least one value"),
            ("sensitivity: everything", 15, "expected one of estimates"),
        ] {
            do {
                _ = try scratch.plan(Self.scenario(text))
                Issue.record("accepted: \(text)")
            } catch {
                guard case .input(let e) = error as? RunnerError else { Issue.record("\(error)"); continue }
                #expect(e.line == line, "\(e.description)")
                #expect(e.description.contains(fragment), "\(e.description)")
            }
        }
    }

    /// The check's rows: the scenario's own value repeats comparison.csv; a longer critical
    /// gap makes the permitted left wait longer, so delay per demanded vehicle grows with it;
    /// the file is the same whatever --jobs.
    @Test func rowsPerValueWithNumbers() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Self.scenario("sensitivity:\n  model.critical_gap: [6 s, 2 s]"))
        var files: [String] = []
        for jobs in [1, 3] {
            let out = ResultDirectory(path: scratch.path("out\(jobs)"))
            let outcome = try ScenarioRunner(plan: plan, output: out, scenarioHash: hash, options: RunOptions(jobs: jobs)).run()
            let tables = outcome.tables
            // 3 values × 2 strategies × 1 point × every measure.
            #expect(tables.sensitivity.count == 3 * 2 * RunMeasure.allCases.count)
            #expect(tables.sensitivity.map(\.value).uniqued() == [2, 4, 6])
            let base = tables.sensitivity.filter(\.isBase)
            #expect(base.map(\.comparison) == tables.comparison)
            func delay(_ gap: Double, _ s: String) -> Double {
                tables.sensitivity.first { $0.value == gap && $0.strategy == s && $0.comparison.measure == .meanDelayAllS }!.comparison.mean!
            }
            #expect(delay(2, "fixed") < delay(4, "fixed") && delay(4, "fixed") < delay(6, "fixed"),
                    "\(delay(2, "fixed")) \(delay(4, "fixed")) \(delay(6, "fixed"))")
            #expect(delay(6, "fixed") - delay(2, "fixed") > 1)
            files.append(try String(contentsOfFile: scratch.path("out\(jobs)/sensitivity.csv"), encoding: .utf8))
        }
        #expect(files[0] == files[1])
        #expect(files[0].hasPrefix("strategy,demand_scale,parameter,value,base,measure,n,mean,sd,ci95_low,ci95_high,diff_vs_baseline,diff_ci95_low,diff_ci95_high,p_value,base_best,diff_vs_base_best,diff_vs_base_best_ci95_low,diff_vs_base_best_ci95_high\nfixed,1,model.critical_gap,2,0,vehicles_finished,3,"))
        // Without a check there is no file.
        let (plain, plainHash) = try scratch.plan(Self.scenario(""))
        _ = try ScenarioRunner(plan: plain, output: ResultDirectory(path: scratch.path("plain")), scenarioHash: plainHash,
                               options: RunOptions(jobs: 1)).run()
        #expect(!FileManager.default.fileExists(atPath: scratch.path("plain/sensitivity.csv")))
    }
}

/// The check compares strategies paired by replication: every value reruns the main runs' jobs
/// on their seeds, and `diff_vs_base_best` is the paired difference from the scenario value's
/// best strategy, the same as computed by hand from a plain run of the scenario at that value.
@Suite struct PairedSensitivityTests {
    @Test func rerunsUseTheMainSeedsAndTheDifferenceFromTheBestIsPaired() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let text = SensitivityTests.scenario("sensitivity:\n  model.critical_gap: [6 s]")
        let (plan, hash) = try scratch.plan(text)
        #expect(plan.sensitivity.count == 1)
        let variant = plan.sensitivity[0].plan
        #expect(variant.jobs == plan.jobs && variant.seed == plan.seed)
        #expect((1...3).map(variant.seed(ofReplication:)) == (1...3).map(plan.seed(ofReplication:)))
        let tables = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                                        options: RunOptions(jobs: 2)).run().tables
        // The same scenario with the critical gap at 6 s, run plainly: the rerun's runs.
        let (plain, plainHash) = try scratch.plan(text.replacingOccurrences(of: "sensitivity:\n  model.critical_gap: [6 s]", with: "model:\n  critical_gap: 6 s"),
                                                  name: "gap6.yaml")
        let runs = try ScenarioRunner(plan: plain, output: ResultDirectory(path: scratch.path("gap6")), scenarioHash: plainHash,
                                      options: RunOptions(jobs: 2)).run().tables.runs
        // actuated is the only strategy besides the baseline: the best at 4 s. fixed's row at
        // 6 s carries fixed − actuated, paired by replication over the rerun's runs.
        let row = try #require(tables.sensitivity.first { $0.value == 6 && $0.strategy == "fixed" && $0.comparison.measure == .meanDelayAllS })
        let versus = try #require(row.versusBaseBest)
        #expect(versus.strategy == "actuated")
        func delays(_ s: String) -> [Double] { runs.filter { $0.strategy == s }.sorted { $0.replication < $1.replication }.map { $0.meanDelayAllS! } }
        let d = zip(delays("fixed"), delays("actuated")).map { $0 - $1 }
        #expect(d.count == 3)
        let mean = d.reduce(0, +) / 3
        let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        let half = 4.302652729911275 * sd / 3.0.squareRoot()
        // (GSL's t quantile against the constant from tables: equal to ~1e-11 relative.)
        #expect(abs(versus.diff - mean) < 1e-9 && abs(versus.low! - (mean - half)) < 1e-7 && abs(versus.high! - (mean + half)) < 1e-7,
                "\(versus) against \(mean) ± \(half)")
        // The best itself, and measures other than the delays, carry none.
        #expect(tables.sensitivity.filter { $0.strategy == "actuated" }.allSatisfy { $0.versusBaseBest == nil })
        #expect(tables.sensitivity.filter { $0.comparison.measure == .throughputVehH }.allSatisfy { $0.versusBaseBest == nil })
        // Read back from results.sqlite unchanged.
        #expect(try ResultStore.open(at: scratch.path("out/results.sqlite")).loadTables().sensitivity == tables.sensitivity)
    }
}

extension Array where Element: Equatable {
    func uniqued() -> [Element] { reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
}
