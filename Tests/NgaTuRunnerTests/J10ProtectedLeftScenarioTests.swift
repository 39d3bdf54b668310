import Foundation
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// `scenarios/j10-protected-left.yaml`, the planner's question in one file: four variants
/// (today's plan or a protected left at J10, dry or with the Mậu Thân flood) × fixed time and
/// actuated. One replication of the shipped file (the README's figures are from all five).
@Suite struct J10ProtectedLeftScenarioTests {
    @Test func theProtectedLeftCutsTheHungVuongLeftTurnDelayInBothWorlds() throws {
        let file = CorridorGreenWaveTests.repository.appendingPathComponent("scenarios/j10-protected-left.yaml").path
        let (document, hash) = try InputFiles.loadScenario(file)
        let plan = try ScenarioPlan(document: document, options: PlanOptions(replications: 1))
        #expect(plan.spec.variants.map(\.name) == ["today", "protected-left", "flood", "protected-left-flood"])
        #expect(plan.spec.start == Double(22_500))  // 06:15
        #expect(plan.jobs.count == 2 * 4)
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let table = try VariantTests.table(scratch.path("out/movements.csv"))
        let h = table[0]
        let col = { (name: String) in h.firstIndex(of: name)! }
        func leftDelay(_ strategy: String, _ variant: String) throws -> Double {
            let row = try #require(table.first {
                $0[col("strategy")] == strategy && $0[col("variant")] == variant
                    && $0[col("junction")] == "j10-cmt8-nguyen-trai" && $0[col("approach")] == "SW" && $0[col("turn")] == "left"
            })
            return Double(row[col("control_delay_s")])!
        }
        // Under fixed time the left from Hùng Vương waits at LOS F on today's plan and far less
        // with its own phase, dry or flooded.
        #expect(try leftDelay("fixed", "today") > 60)
        #expect(try leftDelay("fixed", "protected-left") < 40)
        let flood = try leftDelay("fixed", "flood")
        #expect(try leftDelay("fixed", "protected-left-flood") < flood - 30)
        // The flood adds network delay whatever the plan at J10 (paired with fixed × today).
        let comparison = try VariantTests.table(scratch.path("out/comparison.csv"))
        let c = comparison[0]
        let flooded = try #require(comparison.first {
            $0[c.firstIndex(of: "strategy")!] == "fixed" && $0[c.firstIndex(of: "variant")!] == "flood"
                && $0[c.firstIndex(of: "measure")!] == "mean_delay_all_s"
        })
        #expect(Double(flooded[c.firstIndex(of: "diff_vs_baseline")!])! > 5)
    }
}
