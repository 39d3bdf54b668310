import ArgumentParser
import NgaTuCore
import NgaTuRunner

/// `ngatu validate FILE.yaml...`: maps or scenarios, checked as far as a run would check them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check map and scenario files; prints \"ok: FILE\" for each valid file.",
        discussion: """
            A map is read and its network built (approaches, conflicts, reachability). A scenario \
            is read with its map, its routes and events are resolved and every strategy makes its \
            controllers. Stops at the first invalid file with FILE:LINE:COL: path: message (exit 1).
            """)

    @Argument(help: "Map or scenario files (.yaml).")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one map or scenario file") }
    }

    func run() throws {
        for file in files {
            do {
                try InputFiles.validate(file)
                print("ok: \(Echo.line(file))")
            } catch {
                throw CLIFailure(error, command: "validate")
            }
        }
    }
}
