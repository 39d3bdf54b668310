import Foundation
import Testing

/// Nothing ngatu did not write is ever deleted or overwritten: every refused or failed command
/// leaves the user's files byte for byte as they were (issue 14's attacks, one test each).
@Suite struct OutputSafetyTests {
    static let osm = CLI.fixture("osm/dual-carriageway.osm")
    static let scenario = CLI.fixture("good/one-replication.yaml")
    static let mine = Data("the user's own words\n".utf8)

    func write(_ cli: CLI, _ name: String, _ data: Data = mine) throws {
        try FileManager.default.createDirectory(at: cli.path(name).deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: cli.path(name))
    }

    func expectOneLineRefusal(_ r: CLI.Output, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(fragment), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Domain=") && !r.stderr.contains("Optional("), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    /// A failed import leaves the map it would have replaced (one import-osm wrote before; a
    /// user's own file it never replaces, see ImportOSMTests); a good one replaces it.
    @Test func failedImportKeepsTheExistingFile() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let first = try cli.run(["import-osm", Self.osm, "--out", "keep.yaml"])
        #expect(first.status == 0, "\(first.stderr)")
        let earlier = try cli.bytes("keep.yaml")
        try Data("<osm><node id=\"1\" lat=\"x\"".utf8).write(to: cli.path("broken.osm"))
        let r = try cli.run(["import-osm", "broken.osm", "--out", "keep.yaml"])
        #expect(r.status == 1)
        #expect(try cli.bytes("keep.yaml") == earlier)
        let missing = try cli.run(["import-osm", "nothing.osm", "--out", "keep.yaml"])
        #expect(missing.status == 1)
        #expect(try cli.bytes("keep.yaml") == earlier)
        #expect(try cli.entries() == ["broken.osm", "keep.yaml"], "no temporary file left")

        let good = try cli.run(["import-osm", Self.osm, "--out", "keep.yaml"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try cli.run(["validate", "keep.yaml"]).status == 0)
        #expect(try cli.entries() == ["broken.osm", "keep.yaml"])
    }

    /// A folder, a FIFO, a symbolic link to a folder and a missing folder are refused as
    /// output files, and stay as they were; a link to a file is followed and stays a link.
    @Test func importRefusesTargetsThatAreNotFiles() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try write(cli, "d2/sub/data.txt")
        let folder = try cli.run(["import-osm", Self.osm, "--out", "d2"])
        expectOneLineRefusal(folder, "d2: it is a folder, not a file")
        #expect(try cli.bytes("d2/sub/data.txt") == Self.mine)

        #expect(mkfifo(cli.path("pipe").path, 0o644) == 0)
        let fifo = try cli.run(["import-osm", Self.osm, "--out", "pipe"])
        expectOneLineRefusal(fifo, "pipe: it is a FIFO (named pipe), not a file")
        var st = stat()
        #expect(lstat(cli.path("pipe").path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still there")

        try FileManager.default.createSymbolicLink(atPath: cli.path("link-to-d2").path, withDestinationPath: "d2")
        let link = try cli.run(["import-osm", Self.osm, "--out", "link-to-d2"])
        expectOneLineRefusal(link, "it is a symbolic link to a folder")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cli.path("link-to-d2").path) == "d2")

        let nowhere = try cli.run(["import-osm", Self.osm, "--out", "no/such/map.yaml"])
        expectOneLineRefusal(nowhere, "its folder no/such does not exist")

        // A link to a map import-osm wrote is followed; a link to a user's file is refused.
        try write(cli, "user.yaml")
        try FileManager.default.createSymbolicLink(atPath: cli.path("link-user.yaml").path, withDestinationPath: "user.yaml")
        let users = try cli.run(["import-osm", Self.osm, "--out", "link-user.yaml"])
        #expect(users.status == 1 && users.stderr.contains("was not written by ngatu import-osm"), "\(users.stderr)")
        #expect(try cli.bytes("user.yaml") == Self.mine)
        #expect(try cli.run(["import-osm", Self.osm, "--out", "real.yaml"]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.yaml").path, withDestinationPath: "real.yaml")
        let followed = try cli.run(["import-osm", Self.osm, "--out", "link.yaml"])
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cli.path("link.yaml").path) == "real.yaml")
        #expect(try String(contentsOf: cli.path("real.yaml"), encoding: .utf8).contains("© OpenStreetMap contributors"))
        #expect(try cli.entries() == ["d2", "link-to-d2", "link-user.yaml", "link.yaml", "pipe", "real.yaml", "user.yaml"])
    }

    /// A results folder holding anything but a run's own files is refused, `.` included.
    @Test func runKeepsEveryFileItDidNotWrite() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        // Earlier results with a thesis beside them.
        #expect(try cli.run(["run", Self.scenario, "--out", "proj", "--quiet"]).status == 0)
        try write(cli, "proj/src/thesis.tex")
        let nested = try cli.run(["run", Self.scenario, "--out", "proj", "--quiet"])
        expectOneLineRefusal(nested, "proj holds src, which ngatu did not write; it would be replaced as a whole")
        #expect(try cli.bytes("proj/src/thesis.tex") == Self.mine)

        // runs.csv alone (no results database with run metadata) is not a mark of ours.
        try write(cli, "fake/runs.csv")
        expectOneLineRefusal(try cli.run(["run", Self.scenario, "--out", "fake", "--quiet"]), "holds no results.sqlite")
        try write(cli, "fake2/results.sqlite")
        expectOneLineRefusal(try cli.run(["run", Self.scenario, "--out", "fake2", "--quiet"]), "holds a results.sqlite that ngatu did not write")
        #expect(try cli.bytes("fake2/results.sqlite") == Self.mine)

        // `--out .` where `.` holds results.sqlite and thesis.tex.
        let here = cli.path("here")
        #expect(try cli.run(["run", Self.scenario, "--out", "here", "--quiet"]).status == 0)
        try write(cli, "here/thesis.tex")
        let sub = try CLI(directory: here)
        let dot = try sub.run(["run", Self.scenario, "--out", ".", "--quiet"])
        expectOneLineRefusal(dot, "is the current folder or holds it")
        #expect(try cli.bytes("here/thesis.tex") == Self.mine)
        #expect(FileManager.default.fileExists(atPath: here.appendingPathComponent("results.sqlite").path))

        // Earlier results alone are replaced.
        #expect(try cli.run(["run", Self.scenario, "--out", "here2", "--quiet"]).status == 0)
        let again = try cli.run(["run", Self.scenario, "--out", "here2", "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// `DIR.partial` is ours only with our mark: a user's `foo.partial/` survives `--out foo`.
    @Test func usersPartialFolderSurvives() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try write(cli, "foo.partial/notes.txt")
        let r = try cli.run(["run", Self.scenario, "--out", "foo", "--quiet"])
        expectOneLineRefusal(r, "foo.partial holds notes.txt, which ngatu did not write")
        #expect(try cli.bytes("foo.partial/notes.txt") == Self.mine)
        #expect(!cli.exists("foo"))
        // A results.sqlite that is not ours carries no mark either.
        try write(cli, "bar.partial/results.sqlite")
        expectOneLineRefusal(try cli.run(["run", Self.scenario, "--out", "bar", "--quiet"]), "bar.partial carries no mark of a ngatu run")
        #expect(try cli.bytes("bar.partial/results.sqlite") == Self.mine)
        // With --resume too.
        expectOneLineRefusal(try cli.run(["run", Self.scenario, "--out", "foo", "--resume", "--quiet"]), "foo.partial holds notes.txt")
        #expect(try cli.bytes("foo.partial/notes.txt") == Self.mine)
    }

    /// An export folder with the user's file beside an earlier export is refused.
    @Test func exportKeepsFilesBesideAnEarlierExport() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        #expect(try cli.run(["export-sumo", Self.scenario, "--out", "sumo"]).status == 0)
        try write(cli, "sumo/thesis.tex")
        let r = try cli.run(["export-sumo", Self.scenario, "--out", "sumo"])
        expectOneLineRefusal(r, "sumo holds thesis.tex, which ngatu did not write")
        #expect(try cli.bytes("sumo/thesis.tex") == Self.mine)
        try FileManager.default.createSymbolicLink(atPath: cli.path("link").path, withDestinationPath: "sumo")
        expectOneLineRefusal(try cli.run(["export-sumo", Self.scenario, "--out", "link"]), "link is a symbolic link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cli.path("link").path) == "sumo")
    }

    /// Two runs on one folder: one complete result and one clear refusal, at once; the lock
    /// a killed run left does not block `--resume`.
    @Test func oneWriterPerResultsFolder() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let args = ["run", CLI.fixture("good/sweep.yaml"), "--out", "out", "--jobs", "1", "--replications", "40", "--quiet"]
        let first = try cli.start(args)
        let lock = cli.path("out.partial/ngatu.lock")
        let deadline = Date(timeIntervalSinceNow: 30)
        while !FileManager.default.fileExists(atPath: lock.path) && Date() < deadline { usleep(10_000) }
        usleep(100_000)
        let started = Date()
        let second = try cli.run(args)
        #expect(Date().timeIntervalSince(started) < 5, "refused at once")
        let a = first.finish()
        #expect(a.status == 0, "\(a.stderr)")
        expectOneLineRefusal(second, "out is being written by another ngatu run (pid \(first.pid))")
        #expect(try cli.csv("out/runs.csv").rows.count == 2 * 2 * 40)
        #expect(!cli.exists("out.partial"))

        // A run killed mid-way leaves its lock file; --resume takes it over.
        let cut = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--out", "cut", "--quiet"],
                              environment: ["NGATU_STOP_AFTER_RUNS": "3"])
        #expect(cut.status == 3)
        #expect(cli.exists("cut.partial/ngatu.lock"))
        let resumed = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--out", "cut", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("12 runs (3 resumed)"))
    }
}
