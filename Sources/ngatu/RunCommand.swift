import ArgumentParser
import Foundation
import NgaTuCalibration
import NgaTuReport
import NgaTuResults
import NgaTuRunner

/// `ngatu run SCENARIO.yaml [--out DIR] [--jobs N] [--replications N] [--strategy NAME]... [--sensitivity] [--shard K/N] [--resume] [--quiet]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: every strategy at every sweep point, each replication on the same seeds.",
        discussion: """
            Results go to results/<scenario id>/ (or --out): runs.csv, comparison.csv, junctions.csv, \
            timeseries.csv, results.sqlite and report.html. An interrupted run can be continued \
            with --resume: the runs already stored are skipped. With --shard K/N only the K-th of N \
            parts of the runs is run and its folder (default results/<scenario id>-shard-K-of-N/) holds \
            only results.sqlite with the raw runs; `ngatu merge` makes the results of the whole run from all N.
            """)

    @Argument(help: "The scenario file (.yaml).")
    var scenario: String

    @Option(help: ArgumentHelp("Results directory (default: results/<scenario id>/ in the current directory).", valueName: "dir"))
    var out: String?

    @Option(help: "Runs simulated at the same time (default: every core).")
    var jobs: Int?

    @Option(help: "Replications to run instead of the scenario's `replications:`.")
    var replications: Int?

    @Option(name: .customLong("strategy"), help: ArgumentHelp("Run only this strategy (repeatable); the baseline always runs.", valueName: "name"))
    var strategies: [String] = []

    @Flag(help: "Also rerun the comparison at low and high values of the estimated parameters (critical gap, saturation flow, start-up lost time, motorcycle PCU) when the scenario has no `sensitivity:` of its own; writes sensitivity.csv.")
    var sensitivity = false

    @Option(help: ArgumentHelp("Run only the K-th of N parts of the runs (balanced by expected cost) and write a shard folder for `ngatu merge`.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Continue an interrupted run of the same scenario, skipping the runs already stored.")
    var resume = false

    @Flag(help: "Show no progress (warnings and errors are still shown).")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be from 1 to 1024, got \(jobs)") }
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications)") }
        if let shard, ShardSelection(shard) == nil {
            throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N ≤ \(ShardSelection.maxCount), e.g. 2/8; got \(shard)")
        }
    }

    func run() throws {
        do { try execute() } catch { throw CLIFailure(error, command: "run") }
    }

    /// This command again with `--resume` (the same scenario, folder, replications and strategies), quoted
    /// for a POSIX shell where needed.
    private func resumeCommand(directory: String) -> String {
        var words = ["ngatu", "run", scenario, "--out", directory]
        if let replications { words += ["--replications", String(replications)] }
        for s in strategies { words += ["--strategy", s] }
        if sensitivity { words.append("--sensitivity") }
        if let shard { words += ["--shard", shard] }
        words.append("--resume")
        return words.map(Self.shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./=:,+@%".unicodeScalars.contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func execute() throws(RunnerError) {
        let (document, hash) = try InputFiles.loadScenario(scenario)
        let plan = try ScenarioPlan(document: document,
                                    options: PlanOptions(replications: replications, strategies: strategies, sensitivity: sensitivity))
        let selection = shard.flatMap(ShardSelection.init)
        let directory = out ?? "results/\(document.spec.id)" + (selection.map { "-shard-\($0.index)-of-\($0.count)" } ?? "")
        var options = RunOptions(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, resume: resume,
                                 progress: quiet ? .quiet : .automatic)
        if let k = ProcessInfo.processInfo.environment["NGATU_STOP_AFTER_RUNS"].flatMap({ Int($0) }), k > 0 {
            options.stopAfterRuns = k
        }
        if let s = ProcessInfo.processInfo.environment["NGATU_PROGRESS_INTERVAL"].flatMap({ Double($0) }), s >= 0 {
            options.progressInterval = s
        }
        // Refused before anything is written or allocated when it cannot fit in memory.
        if let refusal = RunSize(plan: plan, runs: plan.jobs.count).refusal(jobs: options.jobs) {
            throw .output(refusal)
        }
        // A scenario calibrated to counts (`calibration:`): its counts against the simulation.
        // A whole run computes the fit first; in shards it is one unit of the split, computed
        // by the shard that gets it (every shard reads the counts file and prices the unit).
        let fit: CalibrationFit?
        if selection != nil {
            fit = nil
            let network = plan.network, replications = plan.replications, jobs = options.jobs
            if let cost = try CountFit.cost(document: document, network: network, replications: replications) {
                options.calibration = ShardCalibration(cost: cost) { () throws(RunnerError) -> CalibrationFit in
                    guard let fit = try CountFit.fit(document: document, network: network, replications: replications, jobs: jobs) else {
                        throw .output("the fit to counts found no counts file")
                    }
                    return fit
                }
            }
        } else {
            fit = try CountFit.fit(document: document, network: plan.network, replications: plan.replications, jobs: options.jobs)
        }
        options.shard = selection
        let stored = StoredRuns()
        options.stored = stored
        InterruptHandler.install(stored: stored, resumeCommand: resumeCommand(directory: directory))
        let runner = ScenarioRunner(plan: plan, output: ResultDirectory(path: directory), scenarioHash: hash, options: options)
        let outcome = try runner.run { staging, tables in try ReportFile.write(staging, tables, fit: fit) }
        if !quiet, let selection {
            let resumed = outcome.resumed > 0 ? " (\(outcome.resumed) resumed)" : ""
            let reruns = outcome.reruns > 0 ? ", \(outcome.reruns) rerun\(outcome.reruns == 1 ? "" : "s") of the sensitivity check" : ""
            let fit = outcome.fit ? ", the fit to counts" : ""
            print("ngatu: shard \(selection): \(outcome.runs) run\(outcome.runs == 1 ? "" : "s")\(resumed)\(reruns)\(fit): raw runs in \(directory) (merge every shard with ngatu merge)")
        } else if !quiet {
            let resumed = outcome.resumed > 0 ? " (\(outcome.resumed) resumed)" : ""
            let warned = outcome.warnings > 0 ? ", \(outcome.warnings) warning\(outcome.warnings == 1 ? "" : "s")" : ""
            print("ngatu: \(outcome.runs) run\(outcome.runs == 1 ? "" : "s")\(resumed)\(warned): results in \(directory)")
        }
    }
}
