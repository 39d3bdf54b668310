import ArgumentParser
import Foundation
import NgaTuResults
import NgaTuRunner

/// `ngatu merge OUT SHARD_DIR... [--quiet]`
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard folders of `ngatu run --shard K/N` into the results of the whole run.",
        discussion: """
            OUT gets the same files, byte for byte, as `ngatu run` without --shard writes (with \
            SOURCE_DATE_EPOCH fixing the times): every statistic is computed once over all runs. \
            Every shard 1/N … N/N must be given once, all written by this version from the same \
            scenario files with the same options; otherwise nothing is written. OUT is replaced \
            as a whole, only when it holds nothing but earlier results.
            """)

    @Argument(help: ArgumentHelp("The results folder to write.", valueName: "out"))
    var out: String

    @Argument(help: ArgumentHelp("The shard folders (any order).", valueName: "shard-dir"))
    var shards: [String] = []

    @Flag(help: "Print nothing on success.")
    var quiet = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard folders to merge after the output folder") }
    }

    func run() throws {
        do {
            let outcome = try ShardMerger(shards: shards, output: ResultDirectory(path: out)).merge { staging, tables, fit in
                try ReportFile.write(staging, tables, fit: fit)
            }
            if !quiet {
                print("ngatu: merged \(shards.count) shard\(shards.count == 1 ? "" : "s"), \(outcome.runs) run\(outcome.runs == 1 ? "" : "s"): results in \(out)")
            }
        } catch {
            throw CLIFailure(error, command: "merge")
        }
    }
}
