public import NgaTuCore

/// Fixed-time plans by time of day, as signal controllers keep them (a morning-peak plan, an
/// off-peak plan, …): plan k runs from `starts[k]` until `starts[k + 1]`. At a change the new
/// plan takes over at once: the signal goes (through yellow and all-red) to the phase the new
/// plan has due, or keeps its green when that phase is already green.
public struct TimeOfDayController: SignalController {
    /// Start of each plan (s from time 0), ascending; the first is 0.
    public let starts: [Double]
    public private(set) var plans: [FixedTimeController]

    public init(starts: [Double], plans: [FixedTimeController]) {
        precondition(!plans.isEmpty && starts.count == plans.count && starts.first == 0)
        self.starts = starts
        self.plans = plans
    }

    public var minGreen: Double { 0 }
    public var detectorDistance: Double { 0 }
    /// The plans read the clock only.
    public var observesTraffic: Bool { false }

    /// The plan in force at time `t` (s); a change within 1 ms counts as made.
    public func planIndex(at t: Double) -> Int {
        var k = 0
        while k + 1 < starts.count && starts[k + 1] <= t + 0.001 { k += 1 }
        return k
    }

    public mutating func decide(_ o: SignalObservation) -> SignalDecision {
        let k = planIndex(at: o.now)
        let d = plans[k].decide(o)
        // Ask again when the next plan starts.
        if case .hold(let until) = d, k + 1 < starts.count, until > starts[k + 1] {
            return .hold(until: starts[k + 1])
        }
        return d
    }
}
