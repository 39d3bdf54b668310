import ArgumentParser

/// `ngatu export-sumo SCENARIO.yaml --out DIR` (not yet implemented).
struct ExportSUMOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-sumo",
        abstract: "Write the scenario's network and demand as SUMO plain XML (not yet implemented).")

    @Argument(help: "The scenario file (.yaml).")
    var scenario: String

    @Option(help: ArgumentHelp("Directory to write.", valueName: "dir"))
    var out: String

    func run() throws {
        throw CLIFailure(code: 2, message: "ngatu export-sumo: not yet implemented")
    }
}
