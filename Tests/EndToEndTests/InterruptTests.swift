import Foundation
import Testing

/// SIGINT and SIGTERM say what is kept and how to resume, with the conventional status; and
/// command-line overrides obey the scenario file's limits before anything is allocated.
@Suite struct InterruptTests {
    @Test(arguments: [(SIGTERM, Int32(143), "terminated"), (SIGINT, Int32(130), "interrupted")])
    func signalPrintsTheResumeHint(_ signal: Int32, _ status: Int32, _ word: String) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let running = try cli.start(["run", CLI.fixture("good/sweep.yaml"), "--out", "out", "--jobs", "1", "--replications", "100"])
        let deadline = Date(timeIntervalSinceNow: 30)
        while Date() < deadline, !((try? String(contentsOf: running.err, encoding: .utf8)) ?? "").contains("run 2/") {
            usleep(20_000)
        }
        kill(running.pid, signal)
        let r = running.finish()
        #expect(r.status == status)
        let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.range(of: "^ngatu: \(word): \\d+ of 400 runs are kept in .*out\\.partial; continue them with: ngatu run .*sweep\\.yaml --out out --replications 100 --resume",
                           options: .regularExpression) != nil, "\(last)")
        #expect(!cli.exists("out"))
        let resumed = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--out", "out", "--replications", "100", "--resume", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try cli.csv("out/runs.csv").rows.count == 400)
    }

    @Test func replicationsAboveTheFilesLimitAreRefusedAtOnce() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let started = Date()
        let r = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--replications", "1000000000"])
        #expect(r.status == 2)
        #expect(r.stderr == "ngatu run: --replications must be from 1 to 100000, got 1000000000\n")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try cli.entries().isEmpty)
    }
}

/// A run stopped between creating its partial database and its first commit leaves a database
/// without run metadata: `--resume` runs every run instead of refusing it as "not a results
/// database" (found by `scripts/fuzz_inputs.py --mode signal`).
@Suite struct BlankPartialTests {
    @Test func resumeAfterAStopDuringCreationRunsEverything() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try FileManager.default.createDirectory(at: cli.path("out.partial"), withIntermediateDirectories: true)
        try Data("ngatu run pid 99999\n".utf8).write(to: cli.path("out.partial/ngatu.lock"))
        try Data().write(to: cli.path("out.partial/results.sqlite"))
        let r = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--out", "out", "--resume"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no unfinished results in"), "\(r.stderr)")
        #expect(try cli.csv("out/runs.csv").rows.count == 12)
        #expect(!cli.exists("out.partial"))
    }
}
