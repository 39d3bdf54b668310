import Foundation
public import NgaTuCore

/// `webster`: a fixed-time plan per junction from Webster's (1958) optimal cycle, with the
/// routed demand of the scenario (traffic-engineering.md).
///
/// - y of an approach in a phase = Σ of the PCU/h of its movements in that phase / the
///   approach's saturation flow (PCU/h, shared by its movements); y_i = the largest over the
///   phase's approaches; Y = Σ y_i.
/// - A movement that is permitted in a phase (yields to opposing traffic) also gets its own
///   y = q / s_perm with the permitted saturation flow of `permittedFlow` (gap acceptance in
///   the opposing stream after its queue has cleared, as HCM and the textbooks do); the
///   phase's y_i takes the largest of these too. s_perm depends on the cycle and greens, so
///   the plan is a damped fixed point started from the map's plan (reported with the
///   permitted flows among the controller inputs).
/// - L = Σ over phases of (l1 + yellow + all_red − e), l1 and e from the model.
/// - C0 = (1.5 L + 5) / (1 − Y), clamped to [`min_cycle`, `max_cycle`] (`max_cycle` when
///   Y ≥ 0.95); effective greens g_i = (C0 − L) y_i / Y (equal shares when Y = 0); displayed
///   greens G_i = g_i + l1 − e, raised to `min_green` where shorter (the cycle then grows).
/// - The map's phases, intergreens and offset are kept.
/// - With `period` > 0, one plan per period from time 0 (time-of-day plans, as controllers keep
///   a peak and an off-peak plan), each from the demand profile's mean over its period; one
///   plan from the measured period's demand otherwise.
/// - With `flows: detectors` (and a period), the plans come from stop-line counts during the
///   run instead (`CountedWebsterController`): what an adaptive system knows, not the demand.
public enum WebsterStrategy: SignalStrategy {
    public static let name = "webster"
    public static let summary = "Fixed time with Webster's optimal cycle and splits from the routed demand."
    public static let plainWords = PlainWords(vi: "chu kỳ cố định tính theo công thức Webster từ nhu cầu", en: "fixed-time plans computed by Webster's method from the demand")
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("min_cycle", unit: "s", default: "30", "shortest cycle"),
        ParameterDoc("max_cycle", unit: "s", default: "150", "longest cycle (used when Y ≥ 0.95)"),
        MinimumGreen.doc,
        ParameterDoc("period", unit: "s", default: "none",
                     "a plan per period from time 0 (time-of-day plans, or re-plans from counts); none: one plan for the run"),
        ParameterDoc("flows", unit: "", default: "demand",
                     "demand: plans from the scenario's routed demand (its profile's mean over each period); detectors: re-plan every period from the stop-line counts of the period before, the map's plan first"),
    ]

    /// The result of Webster's method for one junction.
    public struct Timing: Sendable, Equatable {
        public var y: [Double]
        public var Y: Double
        public var L: Double
        /// Optimal cycle after clamping (s).
        public var C0: Double
        /// Displayed greens (s).
        public var greens: [Double]
        /// The plan's cycle: greens plus intergreens (C0 unless `min_green` raised a green).
        public var cycle: Double
    }

    /// Webster's method for critical flow ratios `y` and phases' intergreens.
    public static func timing(y: [Double], intergreens: [Double], startupLost l1: Double = 2, greenExtension e: Double = 2,
                              minCycle: Double = 30, maxCycle: Double = 150, minGreen: Double = MinimumGreen.seconds) -> Timing {
        let Y = y.reduce(0, +)
        let L = intergreens.reduce(0) { $0 + l1 + $1 - e }
        var c0 = Y >= 0.95 ? maxCycle : (1.5 * L + 5) / (1 - Y)
        c0 = min(max(c0, minCycle), maxCycle)
        let n = Double(max(y.count, 1))
        let effective = y.map { Y > 0 ? (c0 - L) * $0 / Y : (c0 - L) / n }
        let greens = effective.map { max($0 + l1 - e, minGreen) }
        let cycle = greens.reduce(0, +) + intergreens.reduce(0, +)
        return Timing(y: y, Y: Y, L: L, C0: c0, greens: greens, cycle: cycle)
    }

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let minCycle = try params.seconds("min_cycle", default: 30, min: 10)
        let maxCycle = try params.seconds("max_cycle", default: 150, min: 10, max: 600)
        try params.require("max_cycle", maxCycle, atLeast: minCycle, lowerKey: "min_cycle", unit: "s")
        let minGreen = try params.minGreen()
        let period = try params.secondsIfGiven("period", absent: "none (one plan)") ?? 0
        if period > 0 && period < maxCycle {
            throw SpecError(params.path.key("period"), "period (\(formatNumber(period)) s) must be 0 (one plan for the run) or at least max_cycle (\(formatNumber(maxCycle)) s)")
        }
        let source = try params.choice("flows", default: "demand", from: ["demand", "detectors"])
        let setup = context.setup
        if source == "detectors" {
            guard period > 0 else {
                throw SpecError(params.path.key("flows"), "flows: detectors re-plans from counts every period: give one too (e.g. period: 15 min)")
            }
            return countedPlans(context, period: period, minCycle: minCycle, maxCycle: maxCycle, minGreen: minGreen)
        }
        let duration = setup.timing.duration
        // One plan from the measured period's demand, or one per period from time 0, each
        // from the demand profile's mean over its period.
        let windows: [(start: Double, end: Double)] = period > 0
            ? stride(from: 0, to: duration, by: period).map { ($0, min($0 + period, duration)) }
            : [(setup.timing.warmup, duration)]
        let demands = windows.map { setup.movementDemand(from: $0.start, to: $0.end) }
        var out = StrategyControllers()
        for jc in context.junctions {
            var plans: [FixedTimeController] = []
            for (w, demand) in zip(windows, demands) {
                let at = period > 0 ? "@" + clock(w.start) : ""
                let p = junctionPlan(jc, setup: setup, flow: demand.pcu, veh: demand.vehicles,
                                     minCycle: minCycle, maxCycle: maxCycle, minGreen: minGreen)
                plans.append(FixedTimeController(plan: FixedTimeController.Plan(
                    cycle: p.timing.cycle, offset: jc.program.offset, greens: p.timing.greens,
                    intergreens: jc.program.phases.map(\.intergreen))))
                report(p, junction: jc, network: setup.network, at: at, into: &out.inputs)
            }
            out.controllers[jc.junction] = plans.count == 1 ? plans[0]
                : TimeOfDayController(starts: windows.map(\.start), plans: plans)
        }
        return out
    }
}
