import Foundation
import Testing

/// The one seed rule end to end: what `run` writes in runs.csv is what `export-sumo` gives SUMO.
@Suite struct SeedRuleTests {
    /// `export-sumo --replication 2` writes the run seed runs.csv shows for replication 2: in
    /// full in the export's `.ngatu.json` (`run_seed`) and the files' header comment, and as
    /// SUMO's `<seed>` modulo 2³¹ − 1 (a seed past 2³² shows both).
    @Test func exportSUMOWritesTheSeedOfRunsCSV() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try FileManager.default.copyItem(atPath: CLI.fixture("good/crossroads.yaml"), toPath: cli.path("crossroads.yaml").path)
        let text = try String(contentsOfFile: CLI.fixture("good/sweep.yaml"), encoding: .utf8)
        #expect(text.contains("seed: 7\n"))
        try Data(text.replacingOccurrences(of: "seed: 7\n", with: "seed: 6442450941\n").utf8).write(to: cli.path("seeded.yaml"))

        let run = try cli.run(["run", "seeded.yaml", "--out", "res", "--replications", "2", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let seeds = Set(try cli.csv("res/runs.csv").rows.filter { $0["replication"] == "2" }.map { $0["seed"]! })
        #expect(seeds == ["6442450942"], "every strategy and sweep point of replication 2 runs on seed + 1")

        let export = try cli.run(["export-sumo", "seeded.yaml", "--out", "sumo", "--replication", "2"])
        #expect(export.status == 0, "\(export.stderr)")
        let json = try JSONSerialization.jsonObject(with: cli.bytes("sumo/e2e-sweep.ngatu.json")) as? [String: Any]
        #expect((json?["run_seed"] as? Int) == 6442450942)
        // 6442450942 = 3 × (2³¹ − 1) + 1.
        #expect((json?["seed"] as? Int) == 1)
        let config = try String(contentsOf: cli.path("sumo/e2e-sweep.sumocfg"), encoding: .utf8)
        #expect(config.contains("<seed value=\"1\"/>"), "\(config)")
        let routes = try String(contentsOf: cli.path("sumo/e2e-sweep.rou.xml"), encoding: .utf8)
        #expect(routes.contains("seed 6442450942."))
    }
}
