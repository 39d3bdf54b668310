import Dispatch
import Foundation
import NgaTuRunner

/// SIGINT (Ctrl-C) and SIGTERM during `ngatu run`: say what is kept and how to continue, then
/// exit with the conventional status (128 + the signal: 130, 143). The runs already committed
/// to `DIR.partial/results.sqlite` are safe whatever the main thread was doing (SQLite rolls
/// back a transaction cut short), so the handler exits at once rather than waiting for a long
/// run to end.
enum InterruptHandler {
    /// Kept alive for the process's life.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func install(stored: StoredRuns, resumeCommand: String) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let s = stored.snapshot
                var text = isatty(STDERR_FILENO) != 0 ? "\r\u{1B}[K" : ""
                text += "ngatu: \(sig == SIGINT ? "interrupted" : "terminated"): "
                if let directory = s.directory, s.done > 0 {
                    text += "\(s.done) of \(s.total) run\(s.total == 1 ? "" : "s") are kept in \(directory); "
                        + "continue them with: \(resumeCommand) (a run without --resume starts afresh)\n"
                } else {
                    text += "no run was finished, nothing is kept\n"
                }
                StandardError.writeLastAndExit(text, status: 128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
