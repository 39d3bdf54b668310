import Foundation

/// How far a run has got in simulated time, read by another thread to show progress within a
/// long run. The simulation writes it once per sample, so its cost is nil on the hot path.
public final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var reached = 0.0
    /// The run's simulated duration (s).
    public let duration: Double

    public init(duration: Double) { self.duration = duration }

    func reach(_ seconds: Double) {
        lock.lock(); reached = seconds; lock.unlock()
    }

    /// Simulated seconds done so far.
    public var simulated: Double {
        lock.lock(); defer { lock.unlock() }
        return reached
    }

    /// Share of the run done, 0…1.
    public var fraction: Double { duration > 0 ? min(1, simulated / duration) : 0 }
}
