import Foundation
import NgaTuCore

/// Webster's plan for one junction and one demand, the plans over time (time of day, from
/// counts) and the inputs reported for them.
extension WebsterStrategy {
    /// `flows: detectors`: per junction a controller that starts with the map's plan and
    /// re-plans every period from the arrivals its detectors counted over the period just
    /// ended (stop-line crossings plus queue growth, `CountedWebsterController`).
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
        // The phases that serve each movement (a movement that crosses nothing runs in several).
        var servedIn: [Int: [Int]] = [:]
        for (i, phase) in phases.enumerated() { for m in phase.movements { servedIn[Int(m), default: []].append(i) } }
        func ratios(cycle C: Double, greens g: [Double]) -> (y: [Double], permitted: [(phase: Int, m: Int, p: PermittedFlow, y: Double)]) {
            var perm: [(Int, Int, PermittedFlow, Double)] = []
            // Flow of each approach by the phases that serve its movements, and the permitted
            // flow ratios of each movement, before they become the phases' critical ratios.
            var byApproach: [ApproachPhases: Double] = [:]
            var capacityOf: [Int: Double] = [:]
            for (i, phase) in phases.enumerated() {
                for (k, m32) in phase.movements.enumerated() {
                    let m = Int(m32)
                    let serving = servedIn[m] ?? [i]
                    if serving.first == i { byApproach[ApproachPhases(approach: Int(net.movementFrom[m]), phases: serving), default: 0] += flow[m] }
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
                    capacityOf[m, default: 0] += p.saturation * g[i]
                }
            }
            var needs: [(phases: [Int], y: Double)] = byApproach.map { key, q in
                (key.phases, setup.saturationFlow[key.approach] > 0 ? q / setup.saturationFlow[key.approach] : 0)
            }
            // A permitted movement: its flow over what its phases pass per cycle (PCU·s/h), the
            // permitted turners of each phase where it yields plus the approach's saturation flow
            // over the greens where it is protected; y = q Σ g / capacity, q / s_perm in one phase.
            for (m, permittedCapacity) in capacityOf {
                let serving = servedIn[m] ?? []
                let s = setup.saturationFlow[Int(net.movementFrom[m])]
                var capacity = permittedCapacity
                for i in serving where !phases[i].permitted[phases[i].movements.firstIndex(of: Int32(m))!] { capacity += s * g[i] }
                let green = serving.reduce(0) { $0 + g[$1] }
                needs.append((serving, capacity > 0 ? flow[m] * green / capacity : 0))
            }
            return (criticalRatios(needs, phaseCount: phases.count), perm)
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

    /// An approach and the phases that serve some of its movements (ascending).
    struct ApproachPhases: Hashable { var approach: Int; var phases: [Int] }

    /// Critical flow ratios y_i of the phases from what the movements need: each need is a flow
    /// ratio y and the phases that serve it (a movement that runs in several phases, or the
    /// movements of an approach served in the same phases, counted once), met when the y_i of
    /// its phases add up to at least y (their effective greens, g_i = (C0 − L) y_i / Y, then
    /// add up to at least (C0 − L) y / Y). Needs of one phase first: y_i = the largest of them;
    /// then those of several phases, fewest phases first, largest y first: a shortfall goes to
    /// the phase among them with the smallest y_i so far (the textbook's overlap: a through in
    /// phases 1 and 2, the opposite through in phase 1 only, gives phase 2 the difference),
    /// on a tie the one that the most needs of several phases still to come share, then the
    /// lowest index.
    /// Without overlaps this is the textbook y_i = the largest flow ratio of the phase.
    public static func criticalRatios(_ needs: [(phases: [Int], y: Double)], phaseCount: Int) -> [Double] {
        var y = [Double](repeating: 0, count: phaseCount)
        let ordered = needs.filter { !$0.phases.isEmpty }
            .sorted { a, b in
                if a.phases.count != b.phases.count { return a.phases.count < b.phases.count }
                if a.y != b.y { return a.y > b.y }
                return a.phases.lexicographicallyPrecedes(b.phases)
            }
        for (n, need) in ordered.enumerated() {
            let shortfall = need.y - need.phases.reduce(0) { $0 + y[$1] }
            guard shortfall > 1e-12 else { continue }
            if need.phases.count == 1 { y[need.phases[0]] += shortfall; continue }
            let later = ordered[(n + 1)...].filter { $0.phases.count > 1 }
            let best = need.phases.max { a, b in
                if y[a] != y[b] { return y[a] > y[b] }
                let ca = later.filter { $0.phases.contains(a) }.count, cb = later.filter { $0.phases.contains(b) }.count
                return ca != cb ? ca < cb : a > b
            }!
            y[best] += shortfall
        }
        return y
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
