import ArgumentParser
import Foundation
import NgaTuCore
import NgaTuResults
import NgaTuRunner

// The `ngatu` command line (formats.md, "Command line"). Exit codes: 0 success, 1 invalid
// input or a failure while running (one clean line on stderr), 2 usage. Every error is caught
// here: never a stack trace.

/// A clean exit the parser throws (`--version`, and `--help`, `-h` or `help`, which parse into
/// the parser's own help command whose run throws the text): its text on stdout, exit 0.
func exitIfClean(_ error: any Error) {
    guard Ngatu.exitCode(for: error) == .success else { return }
    let message = Ngatu.fullMessage(for: error)
    if !message.isEmpty { print(message) }
    exit(0)
}

let command: any ParsableCommand
do {
    command = try Ngatu.parseAsRoot()
} catch {
    exitIfClean(error)
    StandardError.write(Echo.lines(Ngatu.fullMessage(for: error)) + "\n")
    exit(2)
}

do {
    var running = command
    try running.run()
} catch let failure as CLIFailure {
    // Whatever the input held: control characters escaped, every line of bounded length.
    StandardError.write(Echo.lines(failure.message) + "\n")
    exit(failure.code)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    exitIfClean(error)
    StandardError.write(Echo.line("ngatu: error: \(FailureText.describe(error))") + "\n")
    exit(1)
}
