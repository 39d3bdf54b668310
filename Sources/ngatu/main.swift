import ArgumentParser
import Foundation
import NgaTuRunner

// The `ngatu` command line (formats.md, "Command line"). Exit codes: 0 success, 1 invalid
// input or a failure while running (one clean line on stderr), 2 usage. Every error is caught
// here: never a stack trace.

let command: any ParsableCommand
do {
    command = try Ngatu.parseAsRoot()
} catch {
    let message = Ngatu.fullMessage(for: error)
    if Ngatu.exitCode(for: error) == .success {
        print(message)
        exit(0)
    }
    StandardError.write(message + "\n")
    exit(2)
}

do {
    var running = command
    try running.run()
} catch let failure as CLIFailure {
    StandardError.write(failure.message + "\n")
    exit(failure.code)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    // `--help`, `-h` and `help` parse into the parser's own help command, whose run throws
    // the help text as a clean exit: print it.
    if Ngatu.exitCode(for: error) == .success {
        let message = Ngatu.fullMessage(for: error)
        if !message.isEmpty { print(message) }
        exit(0)
    }
    StandardError.write("ngatu: error: \(error)\n")
    exit(1)
}
