/// Fixed-time control: a plan of phases with greens and intergreens repeated every cycle, phase
/// 0's green starting at `offset` (s from time 0, modulo the cycle).
public struct FixedTimeController: SignalController {
    public struct Plan: Sendable, Equatable {
        public var cycle: Double
        public var offset: Double
        public var greens: [Double]
        public var intergreens: [Double]
        public init(cycle: Double, offset: Double, greens: [Double], intergreens: [Double]) {
            self.cycle = cycle; self.offset = offset; self.greens = greens; self.intergreens = intergreens
        }
        /// The map's plan of a program.
        public init(_ p: SignalProgram) {
            self.init(cycle: p.cycle, offset: p.offset, greens: p.phases.map(\.green),
                      intergreens: p.phases.map(\.intergreen))
        }
    }

    public let plan: Plan
    /// Start of each phase's green within the cycle.
    private let starts: [Double]
    /// No minimum of its own beyond the core's floor: the plan times every green itself. (A
    /// minimum equal to the plan's greens would let the first, truncated green of a junction
    /// with an offset push every later phase back for good, undoing the offset.)
    public var minGreen: Double { 0 }
    public var detectorDistance: Double { 0 }
    /// The plan reads the clock only.
    public var observesTraffic: Bool { false }

    public init(plan: Plan) {
        self.plan = plan
        var s: [Double] = [], t = 0.0
        for i in 0..<plan.greens.count { s.append(t); t += plan.greens[i] + plan.intergreens[i] }
        starts = s
    }

    public mutating func decide(_ o: SignalObservation) -> SignalDecision {
        let n = plan.greens.count
        guard n > 1 else { return o.currentPhase == 0 ? .hold(until: o.now + plan.cycle) : .switchTo(phase: 0) }
        var pos = (o.now - plan.offset).truncatingRemainder(dividingBy: plan.cycle)
        if pos < 0 { pos += plan.cycle }
        let cycleStart = o.now - pos
        // Tolerate float noise at a boundary: within 1 ms counts as the boundary.
        for k in 0..<n {
            let gs = starts[k], ge = starts[k] + plan.greens[k]
            if pos >= gs - 0.001 && pos < ge - 0.001 {
                if o.currentPhase == k { return .hold(until: cycleStart + ge) }
                return .switchTo(phase: k)
            }
        }
        // In an intergreen after phase k: the next phase is due at its start.
        var k = n - 1
        while k >= 0 && pos < starts[k] + plan.greens[k] - 0.001 { k -= 1 }
        let next = (k + 1) % n
        if o.currentPhase == k && k >= 0 { return .switchTo(phase: next) }
        let due = next == 0 ? cycleStart + plan.cycle : cycleStart + starts[next]
        return .hold(until: due)
    }
}
