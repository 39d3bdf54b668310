import Foundation
import Testing

/// `ngatu calibrate` from the command line, then `ngatu run` and `ngatu report` of the
/// calibrated scenario: the results hold `calibration.csv` and the report its "fit to counts".
@Suite struct CalibrateCommandTests {
    static let scenario = """
        # Question: does the crossroads carry the counted traffic?
        scenario: e2e-calibrate
        map: crossroads.yaml
        duration: 30 min
        warmup: 5 min
        replications: 2
        seed: 3
        demand:
          flows:
            - {from: bn, to: bs, rate: 300}
            - {from: bw, to: be, rate: 300}
        strategies:
          - {name: fixed, controller: fixed-time}

        """

    @Test func calibrateRunReport() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try FileManager.default.copyItem(atPath: CLI.fixture("good/crossroads.yaml"), toPath: cli.directory.appendingPathComponent("crossroads.yaml").path)
        try Data(Self.scenario.utf8).write(to: cli.directory.appendingPathComponent("s.yaml"))
        try Data("site,from,to,count\nc:N:through,5 min,15 min,80\nc:N:through,15 min,25 min,120\nrw~r,5 min,25 min,90\nc:S:left,5 min,25 min,10\n".utf8)
            .write(to: cli.directory.appendingPathComponent("counts.csv"))
        let bad = try cli.run(["calibrate", "s.yaml", "--counts", "s.yaml", "--out", "new.yaml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("s.yaml:2:1: the header must be `site,from,to,count`"), "\(bad.stderr)")
        let cal = try cli.run(["calibrate", "s.yaml", "--counts", "counts.csv", "--out", "new.yaml", "--quiet"])
        #expect(cal.status == 0, "\(cal.stderr)")
        #expect(cal.stderr.contains("warning: counts.csv:5: site c:S:left: no flow of the scenario passes this site"))
        #expect(cal.stdout.hasPrefix("ngatu calibrate: 75% of 4 counts with GEH < 5"), "\(cal.stdout)")

        let run = try cli.run(["run", "new.yaml", "--out", "out", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try String(contentsOf: cli.directory.appendingPathComponent("out/calibration.csv"), encoding: .utf8)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[1] == "site,from,to,interval_s,line,observed,simulated,geh,note")
        #expect(lines[2].hasPrefix("c:N:through,5 min,15 min,600,2,80,"))
        #expect(lines[5].hasSuffix(",unreachable"))
        let html = try String(contentsOf: cli.directory.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("Fit to counts") && html.contains("Khớp với số liệu đếm xe"))
        #expect(html.contains("Criterion not met") && html.contains("y = x"))
        // `ngatu report` rebuilds the page with the section from the results' calibration.csv.
        try FileManager.default.removeItem(at: cli.directory.appendingPathComponent("out/report.html"))
        let report = try cli.run(["report", "out", "--lang", "en"])
        #expect(report.status == 0, "\(report.stderr)")
        let again = try String(contentsOf: cli.directory.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(again.contains("Fit to counts"))

        // `validate` reads the counts the calibrated scenario names, as `run` does.
        #expect(try cli.run(["validate", "new.yaml"]).status == 0)
        try Data("site,from,to,count\nc:N:through,5 min,15 min,-8\n".utf8).write(to: cli.directory.appendingPathComponent("counts.csv"))
        let bad2 = try cli.run(["validate", "new.yaml"])
        #expect(bad2.status == 1 && bad2.stderr.hasPrefix("counts.csv:2:26: a count cannot be negative"), "\(bad2.stderr)")
        try FileManager.default.removeItem(at: cli.directory.appendingPathComponent("counts.csv"))
        let missing = try cli.run(["run", "new.yaml", "--out", "out2", "--quiet"])
        #expect(missing.status == 1 && missing.stderr.contains(": calibration: cannot read counts file \"counts.csv\": no such file"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("out2").path))
    }
}
