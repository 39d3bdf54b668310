import NgaTuCore

/// Small shared readings of an observation by phase, used by the adaptive strategies.
enum PhaseDemand {
    /// Vehicles waiting or approaching on the movements of `phase` that are not also green in
    /// `current` (those are not waiting for this phase).
    static func vehicles(_ o: SignalObservation, phase: [Int], current: [Int]) -> Int {
        var n = 0
        for k in phase where !current.contains(k) { n += o.queuedVehicles[k] + o.approachingVehicles[k] }
        return n
    }

    /// PCU waiting or approaching on the movements of `phase` that are not also green in
    /// `current`.
    static func pcu(_ o: SignalObservation, phase: [Int], current: [Int]) -> Double {
        var n = 0.0
        for k in phase where !current.contains(k) { n += o.queuedPCU[k] + o.approachingPCU[k] }
        return n
    }

    /// Queued PCU on the movements of `phase`.
    static func queuedPCU(_ o: SignalObservation, phase: [Int]) -> Double {
        phase.reduce(0) { $0 + o.queuedPCU[$1] }
    }

    /// Index of the largest value; ties keep `current` (when it is among the best), then the
    /// lowest index.
    static func best(_ values: [Double], current: Int) -> Int {
        guard let m = values.max() else { return 0 }
        if current >= 0 && current < values.count && values[current] >= m - 1e-9 { return current }
        return values.indices.first { values[$0] >= m - 1e-9 } ?? 0
    }
}

extension StrategyContext {
    /// The static facts of each controlled junction.
    var junctions: [JunctionContext] { controlled.map { JunctionContext(network: network, junction: $0) } }
}

/// The one default minimum green of every strategy that has a `min_green` (Webster's
/// shortest displayed green, and the shortest green of actuated, max-pressure, SOTL and
/// longest-queue-first): 7 s. No source for Cần Thơ gives one (FACTS.md, traffic-engineering.md),
/// so it is an estimate, the same for all so that no strategy wins by a shorter minimum.
public enum MinimumGreen {
    public static let seconds = 7.0
    static let doc = ParameterDoc("min_green", unit: "s", default: "7", "shortest green of a phase")
}

extension ControllerParameters {
    /// `min_green` (s), default `MinimumGreen.seconds`: at least the core's floor is enforced
    /// anyway; must be positive.
    mutating func minGreen() throws(SpecError) -> Double {
        try seconds("min_green", default: MinimumGreen.seconds, min: 1)
    }

    /// Throws when an upper bound read with its default ends up below its lower bound.
    func require(_ key: String, _ value: Double, atLeast lower: Double, lowerKey: String, unit: String) throws(SpecError) {
        guard value >= lower else {
            throw SpecError(path.key(key), "\(key) (\(formatNumber(value)) \(unit)) must be at least \(lowerKey) (\(formatNumber(lower)) \(unit))")
        }
    }
}
