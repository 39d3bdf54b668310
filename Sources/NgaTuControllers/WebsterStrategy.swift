import NgaTuCore

/// `webster`: a fixed-time plan per junction from Webster's (1958) optimal cycle, with the
/// routed demand of the scenario (traffic-engineering.md).
///
/// - y of an approach in a phase = Σ of the PCU/h of its movements in that phase / the
///   approach's saturation flow (PCU/h, shared by its movements); y_i = the largest over the
///   phase's approaches; Y = Σ y_i.
/// - L = Σ over phases of (l1 + yellow + all_red − e), l1 and e from the model.
/// - C0 = (1.5 L + 5) / (1 − Y), clamped to [`min_cycle`, `max_cycle`] (`max_cycle` when
///   Y ≥ 0.95); effective greens g_i = (C0 − L) y_i / Y (equal shares when Y = 0); displayed
///   greens G_i = g_i + l1 − e, raised to `min_green` where shorter (the cycle then grows).
/// - The map's phases, intergreens and offset are kept.
public enum WebsterStrategy: SignalStrategy {
    public static let name = "webster"
    public static let summary = "Fixed time with Webster's optimal cycle and splits from the routed demand."
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("min_cycle", unit: "s", default: "30", "shortest cycle"),
        ParameterDoc("max_cycle", unit: "s", default: "150", "longest cycle (used when Y ≥ 0.95)"),
        ParameterDoc("min_green", unit: "s", default: "5", "shortest displayed green of a phase"),
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
                              minCycle: Double = 30, maxCycle: Double = 150, minGreen: Double = 5) -> Timing {
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
        let minGreen = try params.minGreen(default: 5)
        let setup = context.setup
        let flow = setup.movementDemand().pcu
        var out = StrategyControllers()
        for jc in context.junctions {
            let program = jc.program
            var y: [Double] = []
            for phase in program.phases {
                var byApproach: [Int: Double] = [:]
                for m32 in phase.movements {
                    let m = Int(m32)
                    byApproach[Int(setup.network.movementFrom[m]), default: 0] += flow[m]
                }
                let ratios = byApproach.map { s, q in setup.saturationFlow[s] > 0 ? q / setup.saturationFlow[s] : 0 }
                y.append(ratios.max() ?? 0)
            }
            let t = timing(y: y, intergreens: program.phases.map(\.intergreen), startupLost: setup.model.startupLostTime,
                           greenExtension: setup.model.greenExtension, minCycle: minCycle, maxCycle: maxCycle, minGreen: minGreen)
            let plan = FixedTimeController.Plan(cycle: t.cycle, offset: program.offset, greens: t.greens,
                                                intergreens: program.phases.map(\.intergreen))
            out.controllers[jc.junction] = FixedTimeController(plan: plan)
            let id = jc.junctionID
            for (i, phase) in program.phases.enumerated() {
                out.inputs.append((id, "y[\(i)]", t.y[i], "critical flow ratio of phase \(phase.name)"))
            }
            out.inputs.append((id, "Y", t.Y, "sum of critical flow ratios"))
            out.inputs.append((id, "L", t.L, "lost time per cycle (s)"))
            out.inputs.append((id, "C0", t.C0, "optimal cycle, clamped (s)"))
            for (i, phase) in program.phases.enumerated() {
                out.inputs.append((id, "green[\(i)]", t.greens[i], "displayed green of phase \(phase.name) (s)"))
            }
            out.inputs.append((id, "cycle", t.cycle, "cycle of the plan (s)"))
        }
        return out
    }
}
