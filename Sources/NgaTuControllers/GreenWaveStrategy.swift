public import NgaTuCore

/// `green-wave`: fixed-time coordination of the junctions of a corridor.
///
/// All corridor junctions share one cycle (`cycle`, default the largest cycle of their plans);
/// each keeps its phase splits scaled to it (greens × (C − Σ intergreens) / Σ greens). The
/// coordinated phase of a junction is the first phase serving the corridor's through movement
/// (from the route segment arriving from the previous junction into the one leaving towards
/// the next). Distances are the lengths of the shortest routes (`Router`) between consecutive
/// junctions; travel times are distance / `speed`, or, when the scenario gives no speed, the
/// free-flow times of those routes (the roads' own speeds, which is how vehicles travel in the
/// model). The coordinated green of junction k starts at t_k (mod C), anchored at the first
/// listed junction (t_0 = 0):
/// - `inbound` (first listed → last): t_k = time(first → k);
/// - `outbound` (last → first): t_k = −d(k → first) / speed, measured along the outbound routes;
/// - `both`: the circular midpoint of the two (each direction loses half their difference); for
///   equal distances this is the classical simultaneous (0) or alternate (C/2) system.
/// Junctions of the strategy not in the corridor keep the map's plan.
public enum GreenWaveStrategy: SignalStrategy {
    public static let name = "green-wave"
    public static let summary = "Fixed-time coordination of a corridor: common cycle, offsets from distance / speed."
    public static let plainWords = PlainWords(vi: "phối hợp làn sóng xanh dọc tuyến", en: "coordinated green wave along a corridor")
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("corridor", unit: "junction ids", default: "required", "signalised junctions in order along the corridor"),
        ParameterDoc("speed", unit: "km/h", default: "the roads' free-flow speeds", "progression speed"),
        ParameterDoc("direction", unit: "", default: "inbound", "inbound (first → last), outbound (last → first) or both"),
        ParameterDoc("cycle", unit: "s", default: "largest corridor cycle", "common cycle"),
    ]

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let net = context.network
        guard let (ids, listPath) = try params.list("corridor") else {
            throw SpecError(params.path.key("corridor"), "green-wave needs a corridor: a list of junction ids in order")
        }
        guard ids.count >= 2 else { throw SpecError(listPath, "a corridor needs at least two junctions") }
        var corridor: [Int] = []
        for (k, id) in ids.enumerated() {
            guard let j32 = net.junctionIndexByID[id] else { throw SpecError(listPath.index(k), "unknown junction \"\(id)\"") }
            let j = Int(j32)
            guard net.programOfJunction[j] >= 0 else { throw SpecError(listPath.index(k), "junction \"\(id)\" is not signalised") }
            guard context.controlled.contains(j) else {
                throw SpecError(listPath.index(k), "junction \"\(id)\" is not controlled by this strategy")
            }
            guard !corridor.contains(j) else { throw SpecError(listPath.index(k), "junction \"\(id)\" is listed twice") }
            corridor.append(j)
        }
        let speed = try params.kmhIfGiven("speed", absent: "free-flow speeds of the corridor's roads", min: 1, max: 150)
        let direction = try params.choice("direction", default: "inbound", from: ["inbound", "outbound", "both"])
        let programs = corridor.map { net.programs[Int(net.programOfJunction[$0])] }
        let largest = programs.map(\.cycle).max() ?? 60
        let cycle = try params.seconds("cycle", default: largest, min: 10, max: 600)

        // Scaled plans.
        var plans: [FixedTimeController.Plan] = []
        for (k, p) in programs.enumerated() {
            let inter = p.phases.map(\.intergreen)
            let sumI = inter.reduce(0, +), sumG = p.phases.reduce(0) { $0 + $1.green }
            let scale = (cycle - sumI) / max(sumG, 1e-9)
            let greens = p.phases.map { $0.green * scale }
            if greens.contains(where: { $0 < context.setup.model.minGreenFloor - 1e-9 }) {
                throw SpecError(params.path.key("cycle"), "a cycle of \(formatNumber(cycle)) s leaves junction \"\(ids[k])\" "
                                + "a green shorter than \(formatNumber(context.setup.model.minGreenFloor)) s")
            }
            plans.append(FixedTimeController.Plan(cycle: cycle, offset: 0, greens: greens, intergreens: inter))
        }

        /// Travel time along a route: at the progression speed, or at the roads' free-flow speeds.
        func travelTime(_ route: [Int32]) -> Double {
            if let kmh = speed { return route.reduce(0) { $0 + net.segmentLength[Int($1)] } / (kmh / 3.6) }
            return route.reduce(0) { $0 + net.freeFlowTime(Int($1)) }
        }
        func arrivals(_ order: [Int]) throws(SpecError) -> (times: [Double], phases: [Int]) {
            // `order` indexes `corridor`; returns per corridor index the time from order[0] and the phase.
            var times = [Double](repeating: 0, count: corridor.count), phases = times.map { _ in 0 }
            var routes: [[Int32]] = []
            for i in 0..<(order.count - 1) {
                let a = corridor[order[i]], b = corridor[order[i + 1]]
                guard let r = Router(network: net).route(from: a, to: b) else {
                    throw SpecError(listPath.index(order[i + 1]), "no route from \"\(ids[order[i]])\" to \"\(ids[order[i + 1]])\"")
                }
                routes.append(r)
            }
            var time = 0.0
            for i in 0..<order.count {
                if i > 0 { time += travelTime(routes[i - 1]) }
                times[order[i]] = time
                let into = i > 0 ? routes[i - 1].last.map(Int.init) : nil
                let outOf = i + 1 < order.count ? routes[i].first.map(Int.init) : nil
                guard let q = coordinatedPhase(net, junction: corridor[order[i]], into: into, outOf: outOf) else {
                    throw SpecError(listPath.index(order[i]), "no phase of \"\(ids[order[i]])\" serves the corridor's through movement")
                }
                phases[order[i]] = q
            }
            return (times, phases)
        }

        let n = corridor.count
        var offsets = [Double](repeating: 0, count: n)
        func offset(_ k: Int, time t: Double, phase q: Int) -> Double {
            let start = (0..<q).reduce(0.0) { $0 + plans[k].greens[$1] + plans[k].intergreens[$1] }
            return positiveMod(t - start, cycle)
        }
        var inbound: (times: [Double], phases: [Int])?, outbound: (times: [Double], phases: [Int])?
        if direction != "outbound" { inbound = try arrivals(Array(0..<n)) }
        if direction != "inbound" {
            let o = try arrivals(Array((0..<n).reversed()))
            // Anchor at the first listed junction: t_k = −d(k → first) / speed.
            outbound = (o.times.map { $0 - o.times[0] }, o.phases)
        }
        for k in 0..<n {
            let a = inbound.map { offset(k, time: $0.times[k], phase: $0.phases[k]) }
            let b = outbound.map { offset(k, time: $0.times[k], phase: $0.phases[k]) }
            switch (a, b) {
            case let (a?, b?):
                var diff = positiveMod(b - a, cycle)
                if diff > cycle / 2 { diff -= cycle }
                offsets[k] = positiveMod(a + diff / 2, cycle)
            case let (a?, nil): offsets[k] = a
            case let (nil, b?): offsets[k] = b
            default: break
            }
        }

        var out = StrategyControllers()
        for (k, j) in corridor.enumerated() {
            var plan = plans[k]
            plan.offset = offsets[k]
            out.controllers[j] = FixedTimeController(plan: plan)
            let id = ids[k]
            if let i = inbound {
                out.inputs.append((id, "inbound_time", i.times[k], "travel time from \(ids[0]) (s)"))
                out.inputs.append((id, "inbound_phase", Double(i.phases[k]), "coordinated phase, inbound"))
            }
            if let o = outbound {
                out.inputs.append((id, "outbound_time", o.times[k], "−travel time to \(ids[0]) (s)"))
                out.inputs.append((id, "outbound_phase", Double(o.phases[k]), "coordinated phase, outbound"))
            }
            out.inputs.append((id, "offset", offsets[k], "start of phase 0's green in the cycle (s)"))
            out.inputs.append((id, "cycle", cycle, "common cycle (s)"))
        }
        return out
    }

    /// The first phase (program order) serving the through movement from `into` to `outOf`
    /// at junction `j`; with one end missing, a movement from/into the other end (through
    /// preferred).
    static func coordinatedPhase(_ net: Network, junction j: Int, into: Int?, outOf: Int?) -> Int? {
        let program = net.programs[Int(net.programOfJunction[j])]
        var candidates: [Int] = []
        for m32 in program.movements {
            let m = Int(m32)
            let from = Int(net.movementFrom[m]), to = Int(net.movementTo[m])
            if let a = into, from != a { continue }
            if let b = outOf, to != b { continue }
            candidates.append(m)
        }
        candidates.sort { (net.movementTurn[$0] == .through ? 0 : 1, $0) < (net.movementTurn[$1] == .through ? 0 : 1, $1) }
        for m in candidates {
            if let q = program.phases.firstIndex(where: { $0.movements.contains(Int32(m)) }) { return q }
        }
        return nil
    }
}

func positiveMod(_ x: Double, _ m: Double) -> Double {
    let r = x.truncatingRemainder(dividingBy: m)
    return r < 0 ? r + m : r
}
