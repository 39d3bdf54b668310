import Foundation
import Testing

/// `ngatu validate` and the usage exit codes.
@Suite struct CommandLineTests {
    @Test func goodFilesAreOK() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let files = ["good/crossroads.yaml", "good/sweep.yaml", "good/one-replication.yaml", "good/gridlock.yaml"].map(CLI.fixture)
        let r = try cli.run(["validate"] + files)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == files.map { "ok: \($0)\n" }.joined())
        #expect(r.stderr.isEmpty)
    }

    /// Bad files, the file and line the message must name, and a fragment of it. The last
    /// five are found only by building the network, the routes or the controllers.
    static let badCases: [(file: String, place: String, fragment: String)] = [
        ("bad/map-syntax-colon.yaml", "bad/map-syntax-colon.yaml:11:", "YAML syntax error"),
        ("bad/map-unknown-key.yaml", "bad/map-unknown-key.yaml:12:", "did you mean `length`?"),
        ("bad/map-plan-sum.yaml", "bad/map-plan-sum.yaml:11:", "add up to 85 s"),
        ("bad/scen-unknown-key.yaml", "bad/scen-unknown-key.yaml:4:", "unknown key `warmpu`"),
        ("bad/scen-flow-same-junction.yaml", "bad/scen-flow-same-junction.yaml:6:", "two different junctions"),
        ("bad/scen-param-bad-unit.yaml", "bad/scen-param-bad-unit.yaml:11:", "strategies[2].params.gap"),
        ("bad/scen-map-has-error.yaml", "bad/map-unknown-key.yaml:12:", "did you mean `length`?"),
        ("bad/map-crossing-phase.yaml", "bad/map-crossing-phase.yaml:19:", "crossing movements"),
        ("bad/scen-unknown-controller.yaml", "bad/scen-unknown-controller.yaml:7:", "strategies[1].controller: unknown controller \"fixed-tiem\""),
        ("bad/scen-fixed-time-param.yaml", "bad/scen-fixed-time-param.yaml:8:", "strategies[0].params.cycle: unknown parameter"),
        ("bad/map-road-no-length.yaml", "bad/map-road-no-length.yaml:8:", "roads[1].length: the road has no length: \"c\" and \"bs\" are at the same place"),
        ("bad/scen-unserved-movement.yaml", "bad/scen-unserved-movement.yaml:8:",
         "demand.flows[1]: the route from \"be\" to \"bw\" takes movement E:through (East Road → West Road) at junction \"c\" (Test Cross), which no phase of its signal plan serves"),
    ]

    @Test(arguments: badCases.indices)
    func badFileExitsOneWithItsLine(_ i: Int) throws {
        let c = Self.badCases[i]
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["validate", CLI.fixture(c.file)])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(r.stderr)")
        #expect(r.stderr.contains(c.place), "\(r.stderr)")
        #expect(r.stderr.contains(c.fragment), "\(r.stderr)")
    }

    @Test func validateStopsAtTheFirstInvalidFile() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let good = CLI.fixture("good/sweep.yaml")
        let r = try cli.run(["validate", good, CLI.fixture("bad/map-plan-sum.yaml"), good])
        #expect(r.status == 1)
        #expect(r.stdout == "ok: \(good)\n")
        let missing = try cli.run(["validate", "no-such-file.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("no-such-file.yaml:1:1:"))
    }

    @Test(arguments: [
        [String](), ["run"], ["run", "x.yaml", "--jobs", "0"], ["run", "x.yaml", "--replications", "0"],
        ["validate"], ["frobnicate"], ["report", "out", "--lang", "fr"],
        ["import-osm", "a.osm", "--out", "a.yaml", "--bbox", "1,2"], ["export-sumo", "s.yaml"],
        ["merge"], ["merge", "out"], ["run", "x.yaml", "--shard", "3/2"],
    ])
    func usageExitsTwo(_ args: [String]) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(args)
        #expect(r.status == 2, "\(args): \(r.stderr)")
        #expect(!r.stderr.isEmpty)
        #expect(try cli.entries().isEmpty)
    }

    /// Help goes to standard output with exit 0, for the root and every subcommand, however
    /// it is asked for.
    @Test(arguments: [
        ["--help"], ["-h"], ["help"], ["help", "run"], ["run", "--help"], ["validate", "-h"],
        ["export-sumo", "--help"], ["--version"], ["merge", "--help"],
    ])
    func helpPrintsToStandardOutput(_ args: [String]) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        #expect(r.stderr.isEmpty, "\(args): \(r.stderr)")
        if args == ["--version"] {
            #expect(r.stdout.hasPrefix("0."), "\(r.stdout)")
        } else {
            #expect(r.stdout.contains("USAGE: ngatu"), "\(args): \(r.stdout)")
        }
        if args.contains("run") { #expect(r.stdout.contains("--jobs"), "\(r.stdout)") }
        #expect(try cli.entries().isEmpty)
    }

    /// `run` refuses a flow through a movement no phase serves, as `validate` does, before
    /// anything is written; the adaptive strategy of the scenario does not change that.
    @Test func runRefusesAnUnservedMovement() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture("bad/scen-unserved-movement.yaml"), "--out", "out", "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix(CLI.fixture("bad/scen-unserved-movement.yaml") + ":8:"), "\(r.stderr)")
        #expect(r.stderr.contains("E:through (East Road → West Road) at junction \"c\""), "\(r.stderr)")
        #expect(try cli.entries().isEmpty)
    }

    @Test func unknownStrategyOptionIsUsage() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--strategy", "webster"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--strategy webster"))
        #expect(try cli.entries().isEmpty)
    }

    @Test func exportSUMOWritesPlainXML() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["export-sumo", CLI.fixture("good/sweep.yaml"), "--out", "sumo", "--flows"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("sumo").path)
        for ext in [".nod.xml", ".edg.xml", ".con.xml", ".tll.xml", ".rou.xml", ".sumocfg"] {
            #expect(files.contains { $0.hasSuffix(ext) }, "\(ext) in \(files)")
        }
        // The sweep point at demand ×1 by default (700 veh/h: a Poisson period of exp(0.19444444)),
        // another by --sweep-index (×0.5); an index past the sweep is an error.
        let rou = try String(contentsOf: cli.path("sumo/e2e-sweep.rou.xml"), encoding: .utf8)
        #expect(rou.contains("exp(0.19444444)") && r.stdout.contains("sweep point 1: demand_scale = 1"), "\(r.stdout)")
        #expect(try cli.run(["export-sumo", CLI.fixture("good/sweep.yaml"), "--out", "half", "--sweep-index", "0", "--flows"]).status == 0)
        #expect(try String(contentsOf: cli.path("half/e2e-sweep.rou.xml"), encoding: .utf8).contains("exp(0.09722222)"))
        // Replications are numbered as in runs.csv: 2 is seed + 1 (the fixture's seed is 7).
        #expect(try cli.run(["export-sumo", CLI.fixture("good/sweep.yaml"), "--out", "rep2", "--replication", "2"]).status == 0)
        #expect(try String(contentsOf: cli.path("rep2/e2e-sweep.sumocfg"), encoding: .utf8).contains("<seed value=\"8\"/>"))
        #expect(try String(contentsOf: cli.path("sumo/e2e-sweep.sumocfg"), encoding: .utf8).contains("<seed value=\"7\"/>"))
        // By default ngatu's own vehicles, no flows.
        let own = try String(contentsOf: cli.path("rep2/e2e-sweep.rou.xml"), encoding: .utf8)
        #expect(own.contains("<vehicle id=\"f0.0\"") && !own.contains("<flow "))
        let past = try cli.run(["export-sumo", CLI.fixture("good/sweep.yaml"), "--out", "past", "--sweep-index", "2"])
        #expect(past.status == 1 && past.stderr.contains("out of range") && !cli.exists("past"))
        let bad = try cli.run(["export-sumo", CLI.fixture("bad/scen-unknown-key.yaml"), "--out", "bad"])
        #expect(bad.status == 1 && !cli.exists("bad"))
    }

    /// `--out` is replaced as a whole, so a directory of other files is refused, not deleted;
    /// earlier output of the same command is replaced.
    @Test func outputNeverReplacesOtherFiles() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try FileManager.default.createDirectory(at: cli.path("mine"), withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: cli.path("mine/notes.txt"))
        let scenario = CLI.fixture("good/one-replication.yaml")
        for args in [["export-sumo", scenario, "--out", "mine"], ["run", scenario, "--out", "mine", "--quiet"],
                     ["export-sumo", scenario, "--out", "."]] {
            let r = try cli.run(args)
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("would be replaced as a whole"), "\(r.stderr)")
            #expect(try cli.bytes("mine/notes.txt") == Data("keep me".utf8))
        }
        // Earlier output is replaced.
        for args in [["export-sumo", scenario, "--out", "sumo"], ["run", scenario, "--out", "res", "--quiet"]] {
            #expect(try cli.run(args).status == 0)
            let again = try cli.run(args)
            #expect(again.status == 0, "\(args): \(again.stderr)")
        }
    }
}

/// The whole bad-input corpus of the formats module through the built CLI: every file gives
/// exit 1 and one message with a line number, and none crashes.
@Suite struct BadInputCorpusTests {
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NgaTuFormatsTests/Fixtures/bad")
    }

    @Test func everyBadFileExitsOneWithALineNumber() throws {
        // map-is-scenario.yaml is bad only when read as a map; `validate` reads it as the valid
        // scenario it is.
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".yaml") && $0 != "map-is-scenario.yaml" }.sorted()
        #expect(files.count >= 30)
        let cli = try CLI(); defer { cli.cleanUp() }
        for name in files {
            let path = Self.corpus.appendingPathComponent(name).path
            let r = try cli.run(["validate", path])
            #expect(r.status == 1, "\(name): exit \(r.status)")
            #expect(r.stdout.isEmpty, "\(name)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(name): one line, got \(r.stderr)")
            // FILE:LINE:COLUMN: … (FILE may be the map a scenario names, when the error is there).
            #expect(r.stderr.range(of: #"^[^:]+\.yaml:\d+:\d+: "#, options: .regularExpression) != nil, "\(name): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"), "\(name)")
        }
    }
}
