import ArgumentParser

/// `ngatu import-osm FILE.osm --out maps/NAME.yaml [--bbox S,W,N,E]` (not yet implemented).
struct ImportOSMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-osm",
        abstract: "Make a map file from OpenStreetMap XML (not yet implemented).")

    @Argument(help: "OpenStreetMap XML file.")
    var file: String

    @Option(help: ArgumentHelp("Map file to write.", valueName: "maps/NAME.yaml"))
    var out: String

    @Option(help: ArgumentHelp("Bounding box: south,west,north,east.", valueName: "S,W,N,E"))
    var bbox: String?

    func run() throws {
        throw CLIFailure(code: 2, message: "ngatu import-osm: not yet implemented")
    }
}

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
