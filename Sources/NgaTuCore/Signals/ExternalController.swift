/// A controller whose decisions come from outside the simulator: a phase requested between
/// steps (an RL agent, an operator) or a function asked at each decision point (a policy
/// written in another language). It can only name phases, as a built-in controller: the core
/// enforces the minimum green, the yellow and the all-red. A class, so that the party that
/// steps the run can change its request while the run holds it.
public final class ExternalController: SignalController {
    public let minGreen: Double
    public let detectorDistance: Double
    /// Phases of the junction.
    public let phaseCount: Int
    /// The phase wanted next (−1: none yet, the first phase is taken at the start). A request
    /// equal to the current phase keeps it.
    public var requestedPhase = -1
    /// When set, asked at each decision point instead of reading `requestedPhase`. Set it
    /// before the simulation is built: the core reads `observesTraffic` once, at its start.
    public var decider: ((SignalObservation) -> SignalDecision)?
    /// A decider sees what a stepping host sees, the queues' waiting time included; a
    /// requested phase needs only the clock and the phase, so the core does not fill the
    /// per-movement fields at each of its decision points (most of a stepped run's cost).
    public var observesTraffic: Bool { decider != nil }
    public var observesQueueWaits: Bool { decider != nil }

    public init(phaseCount: Int, minGreen: Double, detectorDistance: Double) {
        self.phaseCount = phaseCount; self.minGreen = minGreen; self.detectorDistance = detectorDistance
    }

    public func decide(_ o: SignalObservation) -> SignalDecision {
        if let decider {
            // A decision naming no valid phase holds instead of faulting: an outside policy's
            // mistake must not stop the junction for the rest of the run.
            let d = decider(o)
            if case .switchTo(let q) = d, q < 0 || q >= phaseCount || q == o.currentPhase {
                return o.currentPhase < 0 ? .switchTo(phase: 0) : .hold(until: o.now + 1)
            }
            return d
        }
        let q = requestedPhase
        if o.currentPhase < 0 { return .switchTo(phase: q >= 0 && q < phaseCount ? q : 0) }
        if q >= 0 && q < phaseCount && q != o.currentPhase { return .switchTo(phase: q) }
        return .hold(until: .infinity)
    }
}
