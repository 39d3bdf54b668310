import ArgumentParser
import Foundation
import NgaTuCore
import NgaTuFormats
import NgaTuResults
import NgaTuRunner
import NgaTuSUMO

/// `ngatu export-sumo SCENARIO.yaml --out DIR`: the scenario's network, fixed-time plans and
/// demand as SUMO plain XML with a .netccfg and a .sumocfg. The scenario is checked as a run
/// would check it; files go to a staging directory renamed into place, so a failure leaves
/// nothing half-written.
struct ExportSUMOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-sumo",
        abstract: "Write the scenario's network and demand as SUMO plain XML.",
        discussion: """
            Then: netconvert -c DIR/NAME.netccfg && sumo -c DIR/NAME.sumocfg. One sweep point \
            (by default the one at demand ×1, else the middle one) and one replication's seed \
            are exported; incidents and adaptive strategies are not (the files say so). The \
            demand is every vehicle ngatu generates for that seed (<vehicle> with its departure), \
            so SUMO runs exactly ngatu's vehicles; --flows writes SUMO flows at the same rates \
            instead (SUMO draws its own departures).
            """)

    @Argument(help: "The scenario file (.yaml).")
    var scenario: String

    @Option(help: ArgumentHelp("Directory to write.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Sweep point to export, counted from 0 in the order of runs.csv (default: the one at demand ×1, else the middle one).", valueName: "n"))
    var sweepIndex: Int?

    @Option(help: ArgumentHelp("Replication whose seed SUMO gets, numbered as in runs.csv (1: the scenario's seed, n: seed + n − 1).", valueName: "n"))
    var replication: Int = 1

    @Flag(help: "Write SUMO <flow>s at ngatu's rates (SUMO draws its own departures) instead of ngatu's vehicles.")
    var flows = false

    func validate() throws {
        if let i = sweepIndex, i < 0 { throw ValidationError("--sweep-index must be 0 or more") }
        // The same limit as a scenario's `replications:` (and `run --replications`).
        if replication < 1 || replication > ScenarioReader.maxReplications {
            throw ValidationError("--replication must be from 1 to \(ScenarioReader.maxReplications), got \(replication)")
        }
    }

    func run() throws {
        let document: ScenarioDocument
        do {
            _ = try InputFiles.validate(scenario)
            document = try InputFiles.loadScenario(scenario).document
        } catch {
            throw CLIFailure(error, command: "export-sumo")
        }
        let seed = document.spec.seed
        if seed > UInt64(Int64.max) - UInt64(replication - 1) {
            throw CLIFailure(code: 2, message: "ngatu export-sumo: --replication \(replication): seed \(seed) + \(replication - 1) would pass the largest seed, \(Int64.max)")
        }
        let target = URL(fileURLWithPath: out).standardizedFileURL
        let fm = FileManager.default
        // The folder is replaced as a whole: only an earlier export (or nothing) may be.
        if let refusal = ReplaceableDirectory.refusal(target.path, what: "SUMO export folder", owner: SUMOExporter.foreignEntry) {
            throw CLIFailure(code: 1, message: "ngatu export-sumo: \(refusal)")
        }
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).staging-\(getpid())")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            let sweep = document.spec.expandedSweep
            let index = sweepIndex ?? sweep.referenceIndex
            var options = SUMOExporter.Options()
            options.departures = flows ? .flows : .vehicles
            let files = try SUMOExporter.export(scenario: document, sweepIndex: index, replication: replication, to: staging,
                                                options: options)
            if sweep.points.count > 1 {
                let point = sweep.points[index]
                print("ngatu export-sumo: sweep point \(index): "
                      + zip(point.keys, point.values).map { "\($0) = \(formatNumber($1))" }.joined(separator: ", "))
            }
            // The earlier export is renamed aside, the new one in, then the old one deleted.
            let old = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
            let hadOld = ReplaceableDirectory.exists(target.path)
            if hadOld { try fm.moveItem(at: target, to: old) }
            do { try fm.moveItem(at: staging, to: target) } catch {
                if hadOld { try? fm.moveItem(at: old, to: target) }
                throw error
            }
            if hadOld { try? fm.removeItem(at: old) }
            print("ngatu export-sumo: wrote \(files.count) files to \(out): \(files.joined(separator: ", "))")
        } catch {
            try? fm.removeItem(at: staging)
            throw CLIFailure(code: 1, message: "ngatu export-sumo: cannot write \(out): \(FailureText.describe(error))")
        }
    }
}
