public import NgaTuCore
public import NgaTuFormats
import Stochastics

/// The linear model of counts from flows, and its fit.
///
/// Every flow follows its route (the simulator's own: shortest free-flow time, or `via`). A
/// count of vehicles passing a site in [a, b] is, per flow whose route passes the site τ
/// seconds (free-flow time) after its start, the flow's departures in [a − τ, b − τ]. The
/// departures of flow f at time t are r_f × m_k × p(t) in period k, where p is the scenario's
/// profile, r_f the flow's rate (the `rate` of the file) and m_k a multiplier per period;
/// periods are cut at every interval edge of the counts. With one count interval only the rates
/// are fitted (the profile stays); with several, rates and multipliers alternately, each by
/// non-negative least squares weighted by 1 / count (Poisson variances) with the scenario's
/// values as a prior of relative weight `priorWeight`.
public struct DemandFit: Sendable {
    public struct Entry: Sendable { var flow: Int; var period: Int; var weight: Double }
    /// Period edges in seconds: 0, every count interval's ends, the duration.
    public let edges: [Double]
    public let fitsProfile: Bool
    public let priorRates: [Double]
    /// Flows whose rate may change: a flow of rate 0 whose route takes a movement no phase
    /// serves stays at 0 (the scenario could not run it).
    public let adjustable: [Bool]
    /// Per observation: the flows and periods whose departures it counts, with the hours of
    /// profile-weighted departures (∫ p dt / 3600) that pass.
    let incidence: [[Entry]]
    let base: DemandSpec
    let duration: Double
    let profileIntegral: [Double]
    let setup: SimulationSetup

    public init(setup: SimulationSetup, demand: DemandSpec, observations: [CountObservation], duration: Double) {
        self.setup = setup; base = demand; self.duration = duration
        let network = setup.network
        var cuts = Set<Double>([0, duration])
        for o in observations { cuts.insert(o.from); cuts.insert(o.to) }
        edges = cuts.sorted()
        fitsProfile = Set(observations.map { [$0.from, $0.to] }).count > 1
        priorRates = demand.flows.map(\.rate)
        let served = network.servedMovements()
        adjustable = zip(demand.flows, setup.flows).map { spec, f in
            spec.rate > 0 || network.firstUnservedMovement(on: f.route, served: served) == nil
        }
        let cutsSorted = edges
        func integral(_ a: Double, _ b: Double) -> Double { b > a ? setup.meanProfileFactor(from: a, to: b) * (b - a) : 0 }
        profileIntegral = (0..<(cutsSorted.count - 1)).map { k in integral(cutsSorted[k], cutsSorted[k + 1]) }
        var inc: [[Entry]] = []
        for o in observations {
            var entries: [Entry] = []
            for (f, flow) in setup.flows.enumerated() {
                var elapsed = 0.0
                for (i, s32) in flow.route.enumerated() {
                    let s = Int(s32)
                    elapsed += network.freeFlowTime(s)
                    let passes: Bool
                    switch o.place {
                    case .segment(let t): passes = s == t
                    case .movement(let ms):
                        if i + 1 < flow.route.count, let m = network.movement(from: s, to: Int(flow.route[i + 1])) {
                            passes = ms.contains(m)
                        } else { passes = false }
                    }
                    guard passes else { continue }
                    let a = o.from - elapsed, b = o.to - elapsed
                    for k in 0..<(cutsSorted.count - 1) {
                        let lo = max(a, cutsSorted[k]), hi = min(b, cutsSorted[k + 1])
                        let w = integral(lo, hi) / 3600
                        if w > 0 { entries.append(Entry(flow: f, period: k, weight: w)) }
                    }
                }
            }
            inc.append(entries)
        }
        incidence = inc
    }

    /// Whether any flow of the scenario passes the observation's site in time to be counted.
    public func reaches(_ i: Int) -> Bool { !incidence[i].isEmpty }

    /// Counts the model predicts for rates and period multipliers.
    public func predict(rates: [Double], multipliers: [Double]) -> [Double] {
        incidence.map { $0.reduce(0) { $0 + rates[$1.flow] * multipliers[$1.period] * $1.weight } }
    }

    /// Rates and multipliers that reproduce `targets` (counts per observation) best.
    public func solve(targets: [Double], priorWeight: Double = 0.02, rounds: Int = 40) -> (rates: [Double], multipliers: [Double]) {
        let rows = incidence.indices.filter { !incidence[$0].isEmpty }
        let weights = rows.map { 1 / max(targets[$0], 10) }
        let periods = edges.count - 1
        var rates = priorRates
        var multipliers = [Double](repeating: 1, count: periods)
        let columns = priorRates.indices.filter { adjustable[$0] }
        func ridge(_ a: [Double], rows n: Int, columns c: Int, prior: [Double]) -> [Double] {
            var diag = [Double](repeating: 0, count: c)
            for i in 0..<n { for j in 0..<c { diag[j] += weights[i] * a[i * c + j] * a[i * c + j] } }
            let top = diag.max() ?? 0
            return diag.map { priorWeight * max($0, 1e-9 * top) }
        }
        for round in 0..<(fitsProfile ? rounds : 1) {
            // Rates with the multipliers fixed.
            var a = [Double](repeating: 0, count: rows.count * columns.count)
            let col = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
            for (i, r) in rows.enumerated() {
                for e in incidence[r] { if let j = col[e.flow] { a[i * columns.count + j] += multipliers[e.period] * e.weight } }
            }
            let prior = columns.map { priorRates[$0] }
            let x = NonNegativeLeastSquares(rows: rows.count, columns: columns.count, a: a, weights: weights,
                                            targets: rows.map { targets[$0] }, prior: prior,
                                            priorWeights: ridge(a, rows: rows.count, columns: columns.count, prior: prior))
                .solve(start: columns.map { rates[$0] })
            for (j, f) in columns.enumerated() { rates[f] = x[j] }
            guard fitsProfile else { break }
            // Multipliers with the rates fixed.
            var b = [Double](repeating: 0, count: rows.count * periods)
            for (i, r) in rows.enumerated() {
                for e in incidence[r] { b[i * periods + e.period] += rates[e.flow] * e.weight }
            }
            let ones = [Double](repeating: 1, count: periods)
            multipliers = NonNegativeLeastSquares(rows: rows.count, columns: periods, a: b, weights: weights,
                                                  targets: rows.map { targets[$0] }, prior: ones,
                                                  priorWeights: ridge(b, rows: rows.count, columns: periods, prior: ones))
                .solve(start: multipliers)
            _ = round
        }
        // Rates in the file's sense: the new profile has the old one's mean.
        let old = profileIntegral.reduce(0, +)
        let new = zip(multipliers, profileIntegral).map { $0 * $1 }.reduce(0, +)
        if fitsProfile, old > 0, new > 0 {
            let k = new / old
            multipliers = multipliers.map { $0 / k }
            rates = rates.map { $0 * k }
        }
        return (rates, multipliers)
    }

    /// The scenario's demand with these rates (rounded to 1 veh/h) and, when the profile is
    /// fitted, a profile that is the old one times each period's multiplier (a step at each
    /// interval edge, written as two breakpoints 1 s apart; factors rounded to 0.001).
    public func demand(rates: [Double], multipliers: [Double]) -> DemandSpec {
        var d = base
        for i in d.flows.indices { d.flows[i].rate = adjustable[i] ? rates[i].rounded() : priorRates[i] }
        guard fitsProfile else { return d }
        var points: [(time: Double, factor: Double)] = []
        func add(_ t: Double, _ k: Int) {
            let f = ((multipliers[k] * setup.profileFactor(at: t)) * 1000).rounded() / 1000
            if let last = points.last, t <= last.time { return }
            points.append((t, f))
        }
        for k in 0..<(edges.count - 1) {
            let a = edges[k], b = edges[k + 1]
            add(a, k)
            for p in base.profile where p.time > a && p.time < b - 1 { add(p.time, k) }
            if b - 1 > a { add(b - 1, k) }
        }
        d.profile = points
        return d
    }
}
