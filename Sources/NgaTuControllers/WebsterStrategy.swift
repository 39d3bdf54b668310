import Foundation
import NgaTuCore

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
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("min_cycle", unit: "s", default: "30", "shortest cycle"),
        ParameterDoc("max_cycle", unit: "s", default: "150", "longest cycle (used when Y ≥ 0.95)"),
        ParameterDoc("min_green", unit: "s", default: "5", "shortest displayed green of a phase"),
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

    /// The permitted (gap-acceptance) saturation flow of a movement that yields in a phase:
    /// an HCM-style split of the phase's effective green g into the part g_q while the
    /// opposing queue (built up over the opposing red) clears and the unsaturated rest
    /// g_u = g − g_q, in which the turn uses gaps in the opposing stream.
    public struct PermittedFlow: Sendable, Equatable {
        /// Opposing flow during the unsaturated green (veh/s), the routed demand.
        public var qOpposing: Double
        /// Opposing queue clearance from the start of effective green (s), ≤ g.
        public var gQueue: Double
        /// Critical headway in the opposing stream (s) and follow-up headway of the turners (s/veh).
        public var criticalHeadway: Double
        public var followUp: Double
        /// Harders' gap-acceptance capacity of an endless unsaturated green (veh/s), for reference.
        public var gapCapacity: Double
        /// Turners per cycle: max(those passing in g_u, sneakers).
        public var perCycle: Double
        /// Equivalent saturation flow over the whole effective green (PCU/h).
        public var saturation: Double
    }

    /// Turners per cycle that the floor grants (sneakers), vehicles. The core has no real
    /// sneakers (a permitted movement's window closes with its opposing one, at yellow + e),
    /// so this only keeps y finite when the opposing flow leaves no usable gaps.
    public static let sneakersPerCycle = 1.0

    /// Permitted saturation flow (see `PermittedFlow`), with
    /// - the gap rule of the core (`gapReady`): a turner goes only a critical gap t_c after the
    ///   last opposing vehicle crossed and when no opposing vehicle arrives within t_c, so it
    ///   needs an opposing headway of at least T = 2 t_c (the lag and the lead); followers go
    ///   one saturation headway of their own approach apart, t_f = 3600 / s_turn × PCU per
    ///   turning vehicle. The opposing stream is Poisson with the routed demand q (veh/s: gaps
    ///   are between vehicles, whatever their PCU).
    /// - g_q = min(g, q_a r / (s_a − q_a)) for the opposing approach a (PCU/s of its movements
    ///   that go in the phase and do not yield, its saturation flow s_a, its red r = C − g_a);
    ///   the largest over the opposing approaches; the window left is W = g − g_q.
    /// - turners in the window, which opens with the last queued opposing vehicle crossing:
    ///   n_W = Σ_{j ≥ 0, t_c + j t_f ≤ W} e^{−q (T + j t_f)} (1 + q (W − t_c − j t_f)),
    ///   exact for that rule (the j-th follower of a gap starting at a needs no arrival in
    ///   (a, a + T + j t_f) and a + t_c + j t_f ≤ W; gaps start at 0 and at rate q after).
    ///   As W → ∞, n_W / W tends to Harders' c = q e^{−q T} / (1 − e^{−q t_f}), reported as
    ///   `gapCapacity`; for a finite green Harders × W overestimates (+20% at W = 15 s).
    ///   With q = 0: n_W = W / t_f.
    /// - per cycle n = max(n_W, `sneakersPerCycle`); s_perm = 3600 n PCU_turn / g (PCU/h).
    public static func permittedFlow(qOpposing: Double, opposingQueue: [(q: Double, s: Double, red: Double)],
                                     green g: Double, criticalGap tc: Double, followUp tf: Double,
                                     pcuPerVehicle: Double) -> PermittedFlow {
        var gq = 0.0
        for a in opposingQueue {
            let clear = a.s > a.q ? a.q * a.red / (a.s - a.q) : .infinity
            gq = max(gq, min(g, clear))
        }
        let gu = max(0, g - gq)
        let T = 2 * tc
        let q = qOpposing
        let c = q > 1e-12 ? q * exp(-q * T) / (1 - exp(-q * tf)) : 1 / tf
        var nW = 0.0
        if q > 1e-12 {
            var j = 0.0
            while tc + j * tf <= gu {
                nW += exp(-q * (T + j * tf)) * (1 + q * (gu - tc - j * tf))
                j += 1
            }
        } else {
            nW = gu / tf
        }
        let n = max(nW, sneakersPerCycle)
        let sat = g > 0 ? 3600 * n * pcuPerVehicle / g : 0
        return PermittedFlow(qOpposing: qOpposing, gQueue: gq, criticalHeadway: T, followUp: tf, gapCapacity: c,
                             perCycle: n, saturation: sat)
    }

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let minCycle = try params.seconds("min_cycle", default: 30, min: 10)
        let maxCycle = try params.seconds("max_cycle", default: 150, min: 10, max: 600)
        try params.require("max_cycle", maxCycle, atLeast: minCycle, lowerKey: "min_cycle", unit: "s")
        let minGreen = try params.minGreen(default: 5)
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

    /// `flows: detectors`: per junction a controller that starts with the map's plan and
    /// re-plans every period from the stop-line counts of the period just ended.
    static func countedPlans(_ context: StrategyContext, period: Double, minCycle: Double, maxCycle: Double,
                             minGreen: Double) -> StrategyControllers {
        let setup = context.setup
        let count = setup.network.movementCount
        var out = StrategyControllers()
        for jc in context.junctions {
            let program = jc.program
            let intergreens = program.phases.map(\.intergreen)
            out.controllers[jc.junction] = CountedWebsterController(period: period, first: FixedTimeController.Plan(program)) {
                vehicles, pcu in
                var flow = [Double](repeating: 0, count: count), veh = flow
                for (k, m) in program.movements.enumerated() { flow[Int(m)] = pcu[k]; veh[Int(m)] = vehicles[k] }
                let t = junctionPlan(jc, setup: setup, flow: flow, veh: veh, minCycle: minCycle, maxCycle: maxCycle,
                                     minGreen: minGreen).timing
                return FixedTimeController.Plan(cycle: t.cycle, offset: program.offset, greens: t.greens, intergreens: intergreens)
            }
        }
        return out
    }

    /// "07:30" for 27,000 s (hours may pass 24 in runs longer than a day).
    static func clock(_ t: Double) -> String {
        let minutes = Int((t / 60).rounded())
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// Webster's plan for one junction and one demand, with what went into it.
    struct JunctionPlan {
        var timing: Timing
        var permitted: [(phase: Int, m: Int, p: PermittedFlow, y: Double)]
        var iterations: Int
        var hasPermitted: Bool
    }

    static func junctionPlan(_ jc: JunctionContext, setup: SimulationSetup, flow: [Double], veh: [Double],
                             minCycle: Double, maxCycle: Double, minGreen: Double) -> JunctionPlan {
        let net = setup.network
        let model = setup.model
        let program = jc.program
        let phases = program.phases
        let intergreens = phases.map(\.intergreen)
        let hasPermitted = phases.contains { p in zip(p.movements, p.permitted).contains { m, yields in yields && flow[Int(m)] > 0 } }
        // Flow ratios at a given cycle and effective greens; permitted movements depend on them.
        func ratios(cycle C: Double, greens g: [Double]) -> (y: [Double], permitted: [(phase: Int, m: Int, p: PermittedFlow, y: Double)]) {
            var y: [Double] = []
            var perm: [(Int, Int, PermittedFlow, Double)] = []
            for (i, phase) in phases.enumerated() {
                var byApproach: [Int: Double] = [:]
                var yPerm = 0.0
                for (k, m32) in phase.movements.enumerated() {
                    let m = Int(m32)
                    byApproach[Int(net.movementFrom[m]), default: 0] += flow[m]
                    guard phase.permitted[k], flow[m] > 0 else { continue }
                    var qo = 0.0
                    var queues: [(q: Double, s: Double, red: Double)] = []
                    var seen = Set<Int>()
                    for o32 in phase.opposing[k] {
                        let o = Int(o32)
                        qo += veh[o] / 3600
                        let a = Int(net.movementFrom[o])
                        guard seen.insert(a).inserted else { continue }
                        var qa = 0.0
                        for (k2, m2) in phase.movements.enumerated() where !phase.permitted[k2] && Int(net.movementFrom[Int(m2)]) == a {
                            qa += flow[Int(m2)] / 3600
                        }
                        let ga = phases.indices.filter { phases[$0].movements.contains(o32) }.reduce(0) { $0 + g[$1] }
                        queues.append((qa, setup.saturationFlow[a] / 3600, max(0, C - ga)))
                    }
                    let s = Int(net.movementFrom[m])
                    let pcuPerVeh = veh[m] > 0 ? flow[m] / veh[m] : 1
                    let tf = setup.saturationFlow[s] > 0 ? 3600 / setup.saturationFlow[s] * pcuPerVeh : 2
                    let p = permittedFlow(qOpposing: qo, opposingQueue: queues, green: g[i], criticalGap: model.criticalGap,
                                          followUp: tf, pcuPerVehicle: pcuPerVeh)
                    let ym = p.saturation > 0 ? flow[m] / p.saturation : 0
                    perm.append((i, m, p, ym))
                    yPerm = max(yPerm, ym)
                }
                let r = byApproach.map { s, q in setup.saturationFlow[s] > 0 ? q / setup.saturationFlow[s] : 0 }
                y.append(max(r.max() ?? 0, yPerm))
            }
            return (y, perm)
        }
        func effective(_ t: Timing) -> [Double] { t.greens.map { $0 - model.startupLostTime + model.greenExtension } }
        func plan(_ y: [Double]) -> Timing {
            timing(y: y, intergreens: intergreens, startupLost: model.startupLostTime, greenExtension: model.greenExtension,
                   minCycle: minCycle, maxCycle: maxCycle, minGreen: minGreen)
        }
        // Fixed point: start from the map's plan, damped (the permitted y falls as the cycle
        // grows). n_W steps where another follower fits the window, so the map can jump over
        // its fixed point: after 10 half steps the step shrinks as 1/k (successive averages),
        // which settles between the two sides of a jump. Stops when the plan moves < 0.01 s.
        var C = program.cycle
        var g = phases.map { $0.green - model.startupLostTime + model.greenExtension }
        var r = ratios(cycle: C, greens: g)
        var t = plan(r.y)
        var iterations = 0
        if hasPermitted {
            while iterations < 300 {
                iterations += 1
                let newG = effective(t)
                let step = iterations <= 10 ? 0.5 : 1 / Double(iterations - 8)
                C += step * (t.cycle - C)
                g = zip(g, newG).map { $0 + step * ($1 - $0) }
                r = ratios(cycle: C, greens: g)
                t = plan(r.y)
                if abs(t.cycle - C) < 0.01 && zip(effective(t), g).allSatisfy({ abs($0 - $1) < 0.01 }) { break }
            }
            // Report the permitted flows at the plan's own cycle and greens when that is
            // where the iteration settled (always but at a jump).
            let own = ratios(cycle: t.cycle, greens: effective(t))
            let again = plan(own.y)
            if abs(again.cycle - t.cycle) < 0.01 { r = own; t = again }
        }
        return JunctionPlan(timing: t, permitted: r.permitted, iterations: iterations, hasPermitted: hasPermitted)
    }

    /// The inputs of a plan, for `run_meta` (keys end in `@HH:MM` for time-of-day plans).
    static func report(_ plan: JunctionPlan, junction jc: JunctionContext, network net: Network, at: String,
                       into inputs: inout [(junction: String, key: String, value: Double, note: String)]) {
        let phases = jc.program.phases
        let t = plan.timing
        let id = jc.junctionID
        for (i, phase) in phases.enumerated() {
            inputs.append((id, "y[\(i)]\(at)", t.y[i], "critical flow ratio of phase \(phase.name)"))
        }
        for (i, m, p, ym) in plan.permitted {
            let what = "\(phases[i].name) \(net.approachName[Int(net.movementFrom[m])]):\(net.movementTurn[m].rawValue)"
            let key = "[\(i):\(net.approachName[Int(net.movementFrom[m])]):\(net.movementTurn[m].rawValue)]"
            inputs.append((id, "q_opp\(key)\(at)", p.qOpposing * 3600, "opposing flow of permitted \(what) (veh/h)"))
            inputs.append((id, "g_q\(key)\(at)", p.gQueue, "opposing queue clearance of permitted \(what) (s of effective green)"))
            inputs.append((id, "gap_cap\(key)\(at)", p.gapCapacity * 3600,
                           "Harders capacity of permitted \(what) in an endless unsaturated green, T = 2 t_c, t_f = \(formatNumber((p.followUp * 1000).rounded() / 1000)) s (veh/h)"))
            inputs.append((id, "per_cycle\(key)\(at)", p.perCycle, "turners per cycle of permitted \(what) (veh, ≥ 1 sneaker)"))
            inputs.append((id, "s_perm\(key)\(at)", p.saturation, "permitted saturation flow of \(what) (PCU/h of effective green)"))
            inputs.append((id, "y_perm\(key)\(at)", ym, "flow ratio of permitted \(what)"))
        }
        inputs.append((id, "Y\(at)", t.Y, "sum of critical flow ratios"))
        inputs.append((id, "L\(at)", t.L, "lost time per cycle (s)"))
        inputs.append((id, "C0\(at)", t.C0, "optimal cycle, clamped (s)"))
        if plan.hasPermitted {
            inputs.append((id, "iterations\(at)", Double(plan.iterations), "fixed-point iterations on the cycle (permitted flows depend on it; 300: settled across a step of the turners per cycle)"))
        }
        for (i, phase) in phases.enumerated() {
            inputs.append((id, "green[\(i)]\(at)", t.greens[i], "displayed green of phase \(phase.name) (s)"))
        }
        inputs.append((id, "cycle\(at)", t.cycle, "cycle of the plan (s)"))
    }
}
