import Foundation
import NgaTuCore

/// How progress is shown on stderr.
public enum ProgressStyle: Sendable {
    /// A bar redrawn in place (stderr is a terminal).
    case bar
    /// One plain line per finished run (stderr is a file or a pipe).
    case lines
    /// Nothing but warnings (`--quiet`).
    case quiet

    /// `.bar` when stderr is a terminal, else `.lines`.
    public static var automatic: ProgressStyle { isatty(STDERR_FILENO) != 0 ? .bar : .lines }
}

/// Writes progress and warnings to stderr. Used from the collecting thread only.
///
/// The estimate of the time left is the wall-clock time per run finished by this process (a
/// rate that already includes the parallel jobs) times the runs left.
final class ProgressReporter {
    let style: ProgressStyle
    let total: Int
    private(set) var done: Int
    /// Runs already done when this process started (a resume): not part of the rate.
    private let initial: Int
    private let startTime = Date()
    private var barShown = false
    private let write: (String) -> Void
    /// Shares done of the runs in progress (0…1 each), from the last tick.
    private var running: [Double] = []
    /// Seconds between progress lines within long runs (style `.lines`).
    private let lineInterval: Double
    private var lastLine = Date()

    init(style: ProgressStyle, total: Int, alreadyDone: Int, lineInterval: Double = 10,
         write: @escaping (String) -> Void) {
        self.style = style; self.total = total; self.done = alreadyDone; self.initial = alreadyDone
        self.lineInterval = lineInterval; self.write = write
    }

    /// A note (e.g. "resuming"), not shown when quiet.
    func note(_ text: String) {
        guard style != .quiet else { return }
        clearBar()
        write("ngatu: \(Echo.line(text))\n")
        redraw()
    }

    /// A warning, shown even when quiet.
    func warning(_ text: String) {
        clearBar()
        write("ngatu: warning: \(Echo.line(text))\n")
        redraw()
    }

    /// Shows the bar before the first run finishes.
    func start() { redraw() }

    /// Shows how far the runs in progress have got: the bar is redrawn with them; as lines, one
    /// line every `lineInterval` seconds without a finished run, so a long run is never silent.
    func tick(running shares: [Double] = []) {
        running = shares
        switch style {
        case .quiet: break
        case .bar: redraw()
        case .lines:
            guard !shares.isEmpty, Date().timeIntervalSince(lastLine) >= lineInterval else { return }
            write("ngatu: \(done)/\(total) runs done; in progress: \(Self.shares(shares)) of the simulated time (\(timing))\n")
            lastLine = Date()
        }
    }

    static func shares(_ s: [Double]) -> String {
        s.map { "\(Int(($0 * 100).rounded(.down)))%" }.joined(separator: ", ")
    }

    func runFinished(_ description: String) {
        done += 1
        switch style {
        case .quiet: break
        case .lines:
            write("ngatu: run \(done)/\(total) done: \(description) (\(timing))\n")
            lastLine = Date()
        case .bar: redraw()
        }
    }

    /// Ends the bar's line.
    func finish() {
        if barShown { write("\n"); barShown = false }
    }

    private var elapsed: Double { Date().timeIntervalSince(startTime) }

    private var timing: String {
        let e = elapsed
        var s = "\(Self.clock(e)) elapsed"
        let ran = done - initial
        if ran > 0, done < total {
            s += ", ~\(Self.clock(e / Double(ran) * Double(total - done))) left"
        }
        return s
    }

    private func redraw() {
        guard style == .bar else { return }
        let width = 24
        let filled = total > 0 ? min(width, width * done / total) : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let inProgress = running.isEmpty ? "" : " (in progress: \(Self.shares(running)))"
        write("\r\u{1B}[K[\(bar)] \(done)/\(total) runs\(inProgress), \(timing)")
        barShown = true
    }

    private func clearBar() {
        if barShown { write("\r\u{1B}[K"); barShown = false }
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let t = max(0, Int(seconds.rounded()))
        let h = t / 3600, m = (t % 3600) / 60, s = t % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
