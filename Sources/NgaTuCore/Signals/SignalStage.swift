/// Where a signal program is: the stage of its current phase, or the all-red start before the
/// first green. One byte per program (stored as its raw value in the run's arrays).
public enum SignalStage: UInt8, Sendable, Equatable {
    case green = 0, yellow = 1, allRed = 2
    /// All-red before the controller's first decision.
    case initial = 3
}
