import Foundation
import Testing

/// `ngatu run --shard K/N` and `ngatu merge` (issue 21): the merged shards are the results of
/// one plain run, file for file; merge refuses what would not make them.
@Suite struct ShardTests {
    static let scenario = CLI.fixture("good/shards.yaml")
    static let fixed = ["SOURCE_DATE_EPOCH": "1764547200"]
    /// Every file a plain run of the fixture publishes.
    static let files = csvFiles + ["results.sqlite", "report.html", "roads.geojson", "junctions.geojson"]

    /// Runs every shard of an N-way split (in the scratch folder `prefix-K`) and merges them,
    /// given in reverse order, into `out`.
    static func runShards(_ cli: CLI, _ n: Int, prefix: String, out: String, scenario: String = scenario) throws {
        for k in 1...n {
            let r = try cli.run(["run", scenario, "--shard", "\(k)/\(n)", "--out", "\(prefix)-\(k)", "--jobs", "1", "--quiet"],
                                environment: fixed)
            #expect(r.status == 0, "shard \(k)/\(n): \(r.stderr)")
            #expect(try cli.entries().contains("\(prefix)-\(k)"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("\(prefix)-\(k)").path) == ["results.sqlite"])
        }
        let m = try cli.run(["merge", out] + (1...n).reversed().map { "\(prefix)-\($0)" }, environment: fixed)
        #expect(m.status == 0, "merge of \(n): \(m.stderr)")
        #expect(m.stdout.contains("merged \(n) shard"), "\(m.stdout)")
    }

    /// Strategies × variants × sweep × replications (3 × 2 × 3 × 2 = 36 runs): for N = 1, 2, 3
    /// and 7 (shards hold runs of several strategies, variants and sweep points; 7 does not divide 36) the
    /// merged folder holds exactly the plain run's files, every byte the same.
    @Test func mergedShardsAreThePlainRunByteForByte() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let plain = try cli.run(["run", Self.scenario, "--out", "plain", "--jobs", "2", "--quiet"], environment: Self.fixed)
        #expect(plain.status == 0, "\(plain.stderr)")
        let expected = try FileManager.default.contentsOfDirectory(atPath: cli.path("plain").path).sorted()
        #expect(expected == Self.files.sorted())
        #expect(try cli.csv("plain/runs.csv").rows.count == 36)
        for n in [1, 2, 3, 7] {
            try Self.runShards(cli, n, prefix: "n\(n)", out: "merged\(n)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("merged\(n)").path).sorted() == expected)
            for f in expected {
                #expect(try cli.bytes("merged\(n)/\(f)") == cli.bytes("plain/\(f)"), "N = \(n): \(f) differs")
            }
            #expect(!cli.exists("merged\(n).partial"))
        }
    }

    /// Merge refuses a missing shard (named), a shard given twice, a shard of changed scenario
    /// files, of another version, of another split, and a whole run's results: exit 1, one
    /// clear line, and nothing written.
    @Test func mergeRefusesWhatIsNotOneSplit() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        // A copy of the scenario and its map, so that the scenario can be changed.
        let fixtures = URL(fileURLWithPath: Self.scenario).deletingLastPathComponent()
        for f in ["shards.yaml", "crossroads.yaml"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(f), to: cli.path(f))
        }
        let scenario = cli.path("shards.yaml").path
        for k in 1...3 {
            let r = try cli.run(["run", scenario, "--shard", "\(k)/3", "--out", "s\(k)", "--quiet"], environment: Self.fixed)
            #expect(r.status == 0, "\(r.stderr)")
        }
        func refused(_ args: [String], _ says: [String]) throws {
            let before = try cli.entries()
            let r = try cli.run(["merge", "out"] + args, environment: Self.fixed)
            #expect(r.status == 1, "\(args): exit \(r.status)")
            for s in says { #expect(r.stderr.contains(s), "\(args): \(r.stderr)") }
            #expect(r.stderr.hasPrefix("ngatu merge: ") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(try cli.entries() == before, "\(args): something was written")
        }
        try refused(["s1", "s3"], ["shard 2/3 (12 runs) is missing", "--shard 2/3"])
        try refused(["s1"], ["shards 2/3", "3/3", "are missing"])
        try refused(["s1", "s2", "s3", "s2"], ["shard 2/3 is given twice: s2 and s2"])
        try FileManager.default.copyItem(at: cli.path("s2"), to: cli.path("s2-copy"))
        try refused(["s1", "s2", "s3", "s2-copy"], ["shard 2/3 is given twice: s2 and s2-copy"])
        try refused(["s1", "s2", "nowhere"], ["nowhere: no such shard folder"])

        // Another split: shard 2 of 2 with the shards of 3.
        #expect(try cli.run(["run", scenario, "--shard", "2/2", "--out", "half2", "--quiet"], environment: Self.fixed).status == 0)
        try refused(["s1", "half2", "s3"], ["half2 (shard 2/2) is of another split than s1 (shard 1/3)"])
        // Same count, other options (--replications 1).
        #expect(try cli.run(["run", scenario, "--shard", "2/3", "--replications", "1", "--out", "r1", "--quiet"], environment: Self.fixed).status == 0)
        try refused(["s1", "r1", "s3"], ["r1 (shard 2/3) is of another split than s1"])

        // Another version: the shard's software_version changed in place ("0.1.0" occurs once).
        try FileManager.default.copyItem(at: cli.path("s3"), to: cli.path("old3"))
        var bytes = [UInt8](try cli.bytes("old3/results.sqlite"))
        let version = [UInt8](String(try cli.run(["--version"]).stdout.split(separator: "\n").first ?? "").utf8)
        let at = (0...(bytes.count - version.count)).filter { Array(bytes[$0..<$0 + version.count]) == version }
        #expect(at.count == 1, "the version text occurs \(at.count) times")
        if let i = at.first, version.count >= 1 {
            bytes[i + version.count - 1] = version.last! == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
            try Data(bytes).write(to: cli.path("old3/results.sqlite"))
            try refused(["s1", "s2", "old3"], ["old3 was written by ngatu", "rerun that shard with this version"])
        }

        // Another build (every build reports 0.1.0): the shard records the SHA-256 of the
        // executable that ran it, which is `sha256sum` of the ngatu file; one digit changed in
        // place stands for a shard of another build.
        let build = try Self.sha256sum(CLI.binary.path)
        #expect(build.count == 64, "sha256sum: \(build)")
        try FileManager.default.copyItem(at: cli.path("s3"), to: cli.path("other3"))
        var shard = [UInt8](try cli.bytes("other3/results.sqlite"))
        let digits = [UInt8](build.utf8)
        let found = (0...(shard.count - digits.count)).filter { Array(shard[$0..<$0 + digits.count]) == digits }
        #expect(found.count == 1, "the shard holds its build \(found.count) times")
        if let i = found.first {
            shard[i] = shard[i] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            try Data(shard).write(to: cli.path("other3/results.sqlite"))
            let other = String(decoding: shard[i..<i + 12], as: UTF8.self)
            try refused(["s1", "s2", "other3"], ["other3 was written by another build of ngatu (build \(other)…), this merge is build \(build.prefix(12))…",
                                                 "rerun that shard with this executable"])
        }

        // A changed scenario: shard 2 rerun after an edit of the file.
        try Data((try String(contentsOfFile: scenario, encoding: .utf8) + "# edited\n").utf8).write(to: URL(fileURLWithPath: scenario))
        #expect(try cli.run(["run", scenario, "--shard", "2/3", "--out", "edited2", "--quiet"], environment: Self.fixed).status == 0)
        try refused(["s1", "edited2", "s3"], ["edited2 is a shard of other scenario or map files than s1"])

        // A whole run's results are not a shard; the output must not be a shard.
        #expect(try cli.run(["run", scenario, "--out", "whole", "--quiet"], environment: Self.fixed).status == 0)
        try refused(["s1", "whole", "s3"], ["whole holds the results of a whole run, not a shard"])
        let r = try cli.run(["merge", "s1", "s1", "s2", "s3"])
        #expect(r.status == 1 && r.stderr.contains("s1 is one of the shards to merge and the output folder"), "\(r.stderr)")
    }

    /// `sha256sum FILE`'s digest.
    static func sha256sum(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(String(decoding: out, as: UTF8.self).prefix { $0 != " " })
    }

    /// A shard killed after two of its runs keeps them; `--resume` runs the rest (and only
    /// with the same --shard), and the merge is still the plain run byte for byte.
    @Test func aKilledShardResumes() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        #expect(try cli.run(["run", Self.scenario, "--out", "plain", "--quiet"], environment: Self.fixed).status == 0)
        var env = Self.fixed
        env["NGATU_STOP_AFTER_RUNS"] = "2"
        let killed = try cli.run(["run", Self.scenario, "--shard", "1/2", "--out", "s1", "--jobs", "1", "--quiet"], environment: env)
        #expect(killed.status == 3)
        #expect(!cli.exists("s1") && cli.exists("s1.partial/results.sqlite"))
        let early = try cli.run(["merge", "out", "s1", "s2"])
        #expect(early.status == 1 && early.stderr.contains("s1: no such shard folder (") && early.stderr.contains("--resume"), "\(early.stderr)")

        let wrong = try cli.run(["run", Self.scenario, "--shard", "2/2", "--out", "s1", "--resume", "--quiet"], environment: Self.fixed)
        #expect(wrong.status == 1 && wrong.stderr.contains("holds shard 1/2, not shard 2/2"), "\(wrong.stderr)")
        let whole = try cli.run(["run", Self.scenario, "--out", "s1", "--resume", "--quiet"], environment: Self.fixed)
        #expect(whole.status == 1 && whole.stderr.contains("holds shard 1/2 of a split run"), "\(whole.stderr)")

        // A shard is resumed only by the build that began it (its digest changed in place).
        let kept = try cli.bytes("s1.partial/results.sqlite")
        var bytes = [UInt8](kept)
        let digits = [UInt8](try Self.sha256sum(CLI.binary.path).utf8)
        if let i = (0...(bytes.count - digits.count)).first(where: { Array(bytes[$0..<$0 + digits.count]) == digits }) {
            bytes[i] = bytes[i] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            try Data(bytes).write(to: cli.path("s1.partial/results.sqlite"))
            let other = try cli.run(["run", Self.scenario, "--shard", "1/2", "--out", "s1", "--resume", "--quiet"], environment: Self.fixed)
            #expect(other.status == 1 && other.stderr.contains("holds shard 1/2 begun by another build of ngatu"), "\(other.stderr)")
            try kept.write(to: cli.path("s1.partial/results.sqlite"))
        } else {
            Issue.record("the partial shard does not hold its build")
        }

        let resumed = try cli.run(["run", Self.scenario, "--shard", "1/2", "--out", "s1", "--resume"], environment: Self.fixed)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming: 2 of 18 runs already done"), "\(resumed.stderr)")
        #expect(resumed.stdout.contains("shard 1/2: 18 runs (2 resumed)"), "\(resumed.stdout)")
        #expect(try cli.run(["run", Self.scenario, "--shard", "2/2", "--out", "s2", "--quiet"], environment: Self.fixed).status == 0)
        let m = try cli.run(["merge", "merged", "s1", "s2"], environment: Self.fixed)
        #expect(m.status == 0, "\(m.stderr)")
        for f in Self.files {
            #expect(try cli.bytes("merged/\(f)") == cli.bytes("plain/\(f)"), "\(f) differs")
        }
    }

    /// Bad `--shard` values are usage errors.
    @Test func shardOptionIsChecked() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "1/2/3", "1/100001"] {
            let r = try cli.run(["run", Self.scenario, "--shard", bad, "--out", "x", "--quiet"])
            #expect(r.status == 2 && r.stderr.contains("--shard must be K/N"), "\(bad): \(r.stderr)")
        }
        #expect(!cli.exists("x") && !cli.exists("x.partial"))
    }

    /// A scenario with a sensitivity check (critical gap 2, 4 and 6 s, 4 s its own, and a
    /// start-up lost time of 1 s: three reruns of its 8 runs) and a fit to counts, on a map with
    /// background streets: the reruns and the fit are units of the split, and for N = 1, 2 and
    /// 3 the merged folder is the plain run's byte for byte, `sensitivity.csv`,
    /// `calibration.csv` and the report's background included.
    @Test func sensitivityAndCalibrationAreSharded() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let scenario = CLI.fixture("good/shard-checks.yaml")
        let plain = try cli.run(["run", scenario, "--out", "plain", "--jobs", "2", "--quiet"], environment: Self.fixed)
        #expect(plain.status == 0, "\(plain.stderr)")
        let expected = try FileManager.default.contentsOfDirectory(atPath: cli.path("plain").path).sorted()
        #expect(expected == (Self.files + ["sensitivity.csv", "calibration.csv"]).sorted())
        #expect(try cli.csv("plain/runs.csv").rows.count == 8)
        // The map's background streets are in the plain run's report (and so in the merged one).
        #expect(try String(contentsOf: cli.path("plain/report.html"), encoding: .utf8).contains("class=\"bg-streets\""))
        // Five blocks (2, 4, 6 s; 1 s and the own 2 s), each the whole comparison.
        #expect(try cli.csv("plain/sensitivity.csv").rows.count == 5 * cli.csv("plain/comparison.csv").rows.count)
        // A comment naming the counts file, the header and the three counts.
        #expect(try String(contentsOf: cli.path("plain/calibration.csv"), encoding: .utf8).split(separator: "\n").count == 5)
        for n in [1, 2, 3] {
            try Self.runShards(cli, n, prefix: "n\(n)", out: "merged\(n)", scenario: scenario)
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("merged\(n)").path).sorted() == expected)
            for f in expected {
                #expect(try cli.bytes("merged\(n)/\(f)") == cli.bytes("plain/\(f)"), "N = \(n): \(f) differs")
            }
        }
        // Results holding calibration.csv are ngatu's own: a merge (and a run) replaces them.
        let again = try cli.run(["merge", "merged1", "n1-1"], environment: Self.fixed)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try cli.bytes("merged1/calibration.csv") == cli.bytes("plain/calibration.csv"))
        let rerun = try cli.run(["run", scenario, "--out", "plain", "--quiet"], environment: Self.fixed)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        // What a shard did: its runs, reruns and the fit when the split gives it the fit.
        let one = try cli.run(["run", scenario, "--shard", "1/1", "--out", "one"], environment: Self.fixed)
        #expect(one.stdout.contains("shard 1/1: 8 runs, 24 reruns of the sensitivity check, the fit to counts: raw runs in one"), "\(one.stdout)")
        // A missing shard is named with its runs and reruns.
        let m = try cli.run(["merge", "out", "n3-1", "n3-3"], environment: Self.fixed)
        #expect(m.status == 1 && m.stderr.contains("shard 2/3 (") && m.stderr.contains("is missing"), "\(m.stderr)")
    }
}
