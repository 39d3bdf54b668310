import ArgumentParser
import NgaTuRunner

/// The root command: only subcommands.
struct Ngatu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ngatu",
        abstract: "Ngã Tư: compare traffic signal strategies on a map, by simulation.",
        version: NgaTuVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, ReportCommand.self,
                      ImportOSMCommand.self, ExportSUMOCommand.self, CalibrateCommand.self, ImportSUMOCommand.self,
                      MergeCommand.self])

    func run() throws {
        throw CLIFailure(code: 2, message: Ngatu.helpMessage())
    }
}

/// A failure the command line reports as one message and an exit code.
struct CLIFailure: Error {
    var code: Int32
    var message: String

    init(code: Int32, message: String) { self.code = code; self.message = message }

    /// Exit 1 for invalid input and failures while running, 2 for options that do not fit.
    init(_ error: RunnerError, command: String) {
        switch error {
        case .input(let e): self.init(code: 1, message: e.description)
        case .usage(let m): self.init(code: 2, message: "ngatu \(command): \(m)")
        case .cannotResume, .output, .controllerFault: self.init(code: 1, message: "ngatu \(command): \(error)")
        }
    }
}
