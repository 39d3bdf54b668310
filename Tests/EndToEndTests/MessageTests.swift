import Foundation
import Testing

/// Every failure is one line for a person (issue 14): no type dumps, no raw control
/// characters, no flood of quoted input, no echo of a file that is not ours to show, and a
/// path that is not a regular file refused at once.
@Suite struct MessageTests {
    static let scenario = CLI.fixture("good/one-replication.yaml")

    /// The test scenario with `change` applied to its text, written into the scratch folder
    /// beside a copy of its map.
    func scenario(_ cli: CLI, _ name: String, _ change: (String) -> String) throws -> String {
        let text = try String(contentsOfFile: Self.scenario, encoding: .utf8)
        try change(text).write(to: cli.path(name), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: CLI.fixture("good/crossroads.yaml"), toPath: cli.path("crossroads.yaml").path)
        return name
    }

    func expectOneCleanLine(_ r: CLI.Output, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasSuffix("\n") && r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr.prefix(300))",
                sourceLocation: sourceLocation)
        #expect(r.stderr.contains(fragment), "\(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        for dump in ["Domain=", "Optional(", "SQLiteValue", "(null)"] {
            #expect(!r.stderr.contains(dump), "\(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        }
        let control = r.stderr.unicodeScalars.dropLast().filter { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
        #expect(control.isEmpty, "no raw control character: \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
    }

    /// An escape sequence in an id (which would retitle the terminal) comes back escaped.
    @Test func controlCharactersAreEscaped() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let file = try scenario(cli, "s.yaml") {
            $0.replacingOccurrences(of: "scenario: e2e-one-replication", with: "scenario: \"a\\e]0;PWNED\\a\"")
        }
        for command in ["validate", "run"] {
            let r = try cli.run([command, file])
            expectOneCleanLine(r, #"got "a\e]0;PWNED\x07""#)
        }
        // A hostile file name is escaped too.
        let named = try cli.run(["validate", "x\u{1B}]0;PWNED\u{07}.yaml"])
        expectOneCleanLine(named, #"x\e]0;PWNED\x07.yaml:1:1: no such file"#)
    }

    /// A 1 MB id gives a short line quoting its first 40 characters.
    @Test func quotedInputIsCutToAnExcerpt() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let file = try scenario(cli, "s.yaml") {
            $0.replacingOccurrences(of: "e2e-one-replication", with: String(repeating: "X", count: 1_000_000))
        }
        let r = try cli.run(["validate", file])
        expectOneCleanLine(r, "got \"\(String(repeating: "X", count: 40))…\"")
        #expect(r.stderr.utf8.count < 300)
    }

    /// Ids are at most 64 characters: a longer one is refused by `validate`, not by the file
    /// system later; 64 characters run.
    @Test func idsHaveAMaximumLength() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let long = try scenario(cli, "long.yaml") {
            $0.replacingOccurrences(of: "e2e-one-replication", with: String(repeating: "a", count: 300))
        }
        expectOneCleanLine(try cli.run(["validate", long]), "long.yaml:4:11: scenario: a scenario id may be at most 64 characters long, got 300")
        let text = try String(contentsOf: cli.path(long), encoding: .utf8)
        try text.replacingOccurrences(of: String(repeating: "a", count: 300), with: String(repeating: "a", count: 64))
            .write(to: cli.path("ok.yaml"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["validate", "ok.yaml"]).status == 0)
        let run = try cli.run(["run", "ok.yaml", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(cli.exists("results/" + String(repeating: "a", count: 64) + "/runs.csv"))
    }

    /// `map:` naming a FIFO, a device or a folder is refused at once (a FIFO would block a
    /// read for ever: the command is killed after 20 s if it hangs, and the test fails).
    @Test(arguments: ["pipe", "/dev/zero", "folder"])
    func mapThatIsNotARegularFileIsRefused(_ target: String) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        #expect(mkfifo(cli.path("pipe").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: cli.path("folder"), withIntermediateDirectories: false)
        let file = try scenario(cli, "s.yaml") { $0.replacingOccurrences(of: "map: crossroads.yaml", with: "map: \(target)") }
        for command in ["validate", "run"] {
            let running = try cli.start([command, file])
            let deadline = Date(timeIntervalSinceNow: 20)
            while running.process.isRunning, Date() < deadline { usleep(10_000) }
            let hung = running.process.isRunning
            if hung { kill(running.pid, SIGKILL) }
            #expect(!hung, "\(command) waited on \(target)")
            let what = target == "pipe" ? "is a pipe (FIFO)" : target == "folder" ? "is a directory" : "is a device"
            expectOneCleanLine(running.finish(), "s.yaml:7:6: map: cannot read map file \"\(target)\": \(what)")
        }
    }

    /// `map: /etc/passwd` says it is not a map without quoting the file.
    @Test func aFileThatIsNotAMapIsNotEchoed() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let first = try String(contentsOfFile: "/etc/passwd", encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        let file = try scenario(cli, "s.yaml") { $0.replacingOccurrences(of: "map: crossroads.yaml", with: "map: /etc/passwd") }
        let r = try cli.run(["validate", file])
        expectOneCleanLine(r, "/etc/passwd:1:1: expected a map file")
        #expect(!r.stderr.contains(String(first.prefix(8))), "\(r.stderr)")
    }

    /// A results database that is damaged, empty or not ngatu's is named in words.
    @Test func damagedResultsAreDescribedInWords() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try FileManager.default.createDirectory(at: cli.path("r"), withIntermediateDirectories: false)
        for content in ["hello\n", "SQLite format 3\u{0}garbage"] {
            try Data(content.utf8).write(to: cli.path("r/results.sqlite"))
            expectOneCleanLine(try cli.run(["report", "r"]), "ngatu report: the results database is damaged or is not a results database")
        }
        try FileManager.default.removeItem(at: cli.path("r/results.sqlite"))
        expectOneCleanLine(try cli.run(["report", "r"]), "ngatu report: no results database at")
    }
}
