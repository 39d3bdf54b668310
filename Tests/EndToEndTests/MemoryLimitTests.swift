import Foundation
import Testing

/// Bounded memory and honest limits (issue 14): a run that cannot fit is refused before
/// anything is simulated, saying what to reduce; an entry that cannot take its demand is
/// named in a warning; a long run shows its progress.
@Suite struct MemoryLimitTests {
    func scenario(_ cli: CLI, _ name: String, duration: String, warmup: String, rate: String,
                  extra: String = "") throws -> String {
        try FileManager.default.copyItem(atPath: CLI.fixture("good/crossroads.yaml"), toPath: cli.path("crossroads.yaml").path)
        let text = """
            scenario: \(name)
            map: crossroads.yaml
            duration: \(duration)
            warmup: \(warmup)
            seed: 3
            demand:
              flows:
                - {from: bn, to: bs, rate: \(rate)}
            \(extra)
            """
        try text.write(to: cli.path("\(name).yaml"), atomically: true, encoding: .utf8)
        return "\(name).yaml"
    }

    /// A year at 100,000 veh/h (legal values) could hold 876 million vehicles: refused at once
    /// with what to reduce, nothing written.
    @Test func aRunThatCannotFitIsRefusedBeforeSimulating() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let file = try scenario(cli, "year", duration: "8760 h", warmup: "1 h", rate: "100000 veh/h")
        let r = try cli.run(["run", file, "--jobs", "2"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("ngatu run: this scenario could need about "), "\(r.stderr)")
        #expect(r.stderr.contains("shorten `duration` or lower the demand (up to 876.0 million vehicles per run)"), "\(r.stderr)")
        #expect(try cli.entries() == ["crossroads.yaml", "year.yaml"], "nothing written")
    }

    /// `--jobs` has an upper bound like every override.
    @Test func jobsAboveTheLimitAreRefused() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "1000000"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--jobs must be from 1 to 1024, got 1000000"), "\(r.stderr)")
    }

    /// `export-sumo --replication` obeys the same limits as `replications:`.
    @Test func exportReplicationObeysTheFilesLimits() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["export-sumo", CLI.fixture("good/sweep.yaml"), "--out", "x", "--replication", "9223372036854775807"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--replication must be from 1 to 100000, got 9223372036854775807"), "\(r.stderr)")
        #expect(try cli.entries().isEmpty)
    }

    /// `import-osm --bbox` must lie on the globe.
    @Test(arguments: ["-1000,2,3,4", "10,-181,11,105", "10,105,91,106", "1,2,3"])
    func bboxOffTheGlobeIsRefused(_ box: String) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["import-osm", CLI.fixture("osm/dual-carriageway.osm"), "--out", "m.yaml", "--bbox=\(box)"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("ngatu import-osm: --bbox expects south,west,north,east in degrees"), "\(r.stderr)")
        #expect(try cli.entries().isEmpty)
    }

    /// 10,000 veh/h into one lane: almost nobody measured finishes, and the warning names the entry.
    @Test func anEntryThatCannotTakeItsDemandIsNamed() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let file = try scenario(cli, "flood", duration: "15 min", warmup: "5 min", rate: "10000 veh/h")
        let r = try cli.run(["run", file, "--out", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        let runs = try cli.csv("out/runs.csv").rows
        #expect(Int(runs.first?["vehicles_finished"] ?? "") ?? 0 < 100)
        #expect(Int(runs.first?["vehicles_waiting"] ?? "") ?? 0 > 1000)
        let warning = r.stderr.split(separator: "\n").first { $0.contains("warning:") }.map(String.init) ?? ""
        #expect(warning.range(of: #"warning: fixed \S+ replication 1 at 900 s: entry bn onto \S+: \d+ vehicles still waiting to enter at the end, of about 2500 that arrived there"#,
                              options: .regularExpression) != nil, "\(r.stderr)")
        #expect(r.stdout.contains("1 run, 1 warning: results in out"), "\(r.stdout)")
    }

    /// A run of a simulated week shows how far it has got before it finishes (progress lines
    /// asked every poll by the test hook instead of every 10 s).
    @Test func aLongRunShowsItsProgress() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let file = try scenario(cli, "week", duration: "168 h", warmup: "1 h", rate: "600 veh/h")
        let r = try cli.run(["run", file, "--out", "out"], environment: ["NGATU_PROGRESS_INTERVAL": "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("in progress: ") }
        #expect(!lines.isEmpty, "\(r.stderr)")
        #expect(lines.first.map { $0.range(of: #"^ngatu: 0/1 runs done; in progress: \d+% of the simulated time"#, options: .regularExpression) != nil } == true)
    }
}
