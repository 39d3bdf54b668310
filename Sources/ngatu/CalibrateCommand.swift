import ArgumentParser
import Foundation
import NgaTuCalibration
import NgaTuRunner

/// `ngatu calibrate SCENARIO.yaml --counts COUNTS.csv --out NEW.yaml`
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a scenario's flows (and profile) to traffic counts; write the calibrated scenario.",
        discussion: """
            COUNTS.csv has rows site,from,to,count[,class]; a site is a movement junction:approach:turn \
            (j10:SW:left) or a road segment id (30-4-3~r). Writes NEW.yaml (the scenario with its demand \
            replaced and `calibration:` naming the counts), NEW.flows.csv and NEW.calibration.csv \
            (observed, simulated and GEH per site and interval). Counts no flow can reach, or more \
            than a movement can serve, are reported with their line.
            """)

    @Argument(help: "The scenario file (.yaml) whose demand is the prior.")
    var scenario: String

    @Option(help: ArgumentHelp("The counts file (CSV: site,from,to,count[,class]).", valueName: "file"))
    var counts: String

    @Option(help: ArgumentHelp("The calibrated scenario to write (.yaml).", valueName: "file"))
    var out: String

    @Option(help: "Replications per simulation instead of the scenario's `replications:`.")
    var replications: Int?

    @Option(help: "Runs simulated at the same time (default: every core).")
    var jobs: Int?

    @Option(help: "Most fit-and-simulate rounds (default 4); they stop when the mean GEH no longer falls.")
    var rounds: Int = 4

    @Flag(help: "Show no progress.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be from 1 to 1024, got \(jobs)") }
        if let replications, replications < 1 || replications > 1000 { throw ValidationError("--replications must be from 1 to 1000, got \(replications)") }
        if rounds < 1 || rounds > 50 { throw ValidationError("--rounds must be from 1 to 50, got \(rounds)") }
    }

    func run() throws {
        let started = Date()
        let quiet = self.quiet
        let job = CalibrationJob(scenario: scenario, counts: counts, out: out, replications: replications,
                                 jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, rounds: rounds,
                                 progress: { line in if !quiet { StandardError.write("ngatu calibrate: \(line)\n") } })
        let result: Calibration
        do { result = try job.run() } catch { throw CLIFailure(error, command: "calibrate") }
        for note in result.notes { StandardError.write("warning: \(note)\n") }
        print("ngatu calibrate: \(result.summary.text)")
        print("ngatu calibrate: the scenario's own demand gave \(result.priorSummary.text)")
        print("ngatu calibrate: wrote \(out), \(job.flowsPath) and \(job.tablePath) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
