public import Foundation
public import NgaTuCore
public import NgaTuFormats
public import NgaTuRunner

/// A count the calibration could not fit, with its line in the counts file.
public struct CountNote: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case unreachable = "unreachable", overCapacity = "over-capacity" }
    public var kind: Kind
    public var file: String
    public var line: Int
    public var site: String
    public var message: String
    public var description: String { "\(file):\(line): site \(site): \(message)" }
}

/// What `ngatu calibrate` found.
public struct Calibration: Sendable {
    /// The fitted demand (rates rounded as written).
    public var demand: DemandSpec
    public var observations: [CountObservation]
    /// Simulated counts with the fitted demand (mean over replications), per observation.
    public var simulated: [Double]
    /// Simulated counts with the scenario's own demand.
    public var priorSimulated: [Double]
    public var summary: FitSummary
    public var priorSummary: FitSummary
    /// Summaries of the simulation after each fit, in order (the kept one is the best).
    public var rounds: [FitSummary]
    public var notes: [CountNote]
    /// Whether the profile was fitted too (the counts have several intervals).
    public var fitsProfile: Bool
}

/// Fits a scenario's flows (and profile) to counts, then corrects by simulation.
///
/// 1. `DemandFit` solves the linear model (route × site incidence, NNLS with the scenario's
///    flows as the prior).
/// 2. The fitted demand is simulated (`CountSimulator`: the baseline strategy, the scenario's
///    seeds and replications). Queues and spillback make the simulated counts differ from the
///    model's; the targets of the next fit are moved by the difference (target + observed −
///    simulated), and fitting and simulating repeat while the mean GEH falls, at most
///    `rounds` times. The best simulated fit is kept.
public struct Calibrator {
    public var document: ScenarioDocument
    public var network: Network
    public var counts: CountsFile
    public var simulator: CountSimulator
    public var rounds: Int
    public var priorWeight: Double
    /// Told each step's summary (progress on stderr).
    public var progress: (@Sendable (String) -> Void)?

    public init(document: ScenarioDocument, network: Network, counts: CountsFile, replications: Int? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, rounds: Int = 4, priorWeight: Double = 0.02) {
        self.document = document; self.network = network; self.counts = counts
        simulator = CountSimulator(document: document, network: network, replications: replications, jobs: jobs)
        self.rounds = max(1, rounds); self.priorWeight = priorWeight
    }

    public func run() throws(RunnerError) -> Calibration {
        let spec = document.spec
        let observations = counts.observations
        let observed = observations.map(\.count)
        let seconds = observations.map { $0.to - $0.from }
        let setup = try simulator.setup(spec.demand)
        let fit = DemandFit(setup: setup, demand: spec.demand, observations: observations, duration: spec.duration)

        let prior = try simulator.simulate(spec.demand, observations: observations)
        let priorSummary = FitSummary(observed: observed, simulated: prior.counts, seconds: seconds)
        progress?("scenario's own demand: \(priorSummary.text)")

        var targets = observed
        var best: (demand: DemandSpec, sim: CountSimulator.Result, summary: FitSummary)?
        var summaries: [FitSummary] = []
        for round in 1...rounds {
            let (rates, multipliers) = fit.solve(targets: targets, priorWeight: priorWeight)
            let demand = fit.demand(rates: rates, multipliers: multipliers)
            let sim = try simulator.simulate(demand, observations: observations)
            let summary = FitSummary(observed: observed, simulated: sim.counts, seconds: seconds)
            summaries.append(summary)
            progress?("fit \(round) of at most \(rounds): \(summary.text)")
            let improved = best.map { summary.meanGEH < $0.summary.meanGEH } ?? true
            if improved { best = (demand, sim, summary) } else { break }
            for i in targets.indices where fit.reaches(i) { targets[i] = max(0, targets[i] + observed[i] - sim.counts[i]) }
        }
        let kept = best!
        let notes = Self.notes(observations: observations, fit: fit, simulated: kept.sim, file: counts.file, spec: spec)
        return Calibration(demand: kept.demand, observations: observations, simulated: kept.sim.counts,
                           priorSimulated: prior.counts, summary: kept.summary, priorSummary: priorSummary,
                           rounds: summaries, notes: notes, fitsProfile: fit.fitsProfile)
    }

    /// Counts that cannot be fitted: a count above 0 at a site no flow passes in time
    /// (`unreachable`), and one left at GEH ≥ 5 above what its movement serves in the
    /// simulation (`over-capacity`).
    static func notes(observations: [CountObservation], fit: DemandFit, simulated: CountSimulator.Result,
                      file: String, spec: ScenarioSpec) -> [CountNote] {
        var notes: [CountNote] = []
        for (i, o) in observations.enumerated() {
            let period = "\(CountsReader.describe(o.from, spec))–\(CountsReader.describe(o.to, spec))"
            if !fit.reaches(i) {
                if o.count > 0 {
                    notes.append(CountNote(kind: .unreachable, file: file, line: o.line, site: o.site,
                                           message: "no flow of the scenario passes this site in \(period), so no demand can reproduce its count of \(formatNumber(o.count)) (add a flow whose route takes it, even at rate 0)"))
                }
                continue
            }
            let hours = (o.to - o.from) / 3600
            let g = FitMeasures.geh(simulated: simulated.counts[i], observed: o.count, seconds: o.to - o.from)
            if g >= FitMeasures.gehLimit, let cap = simulated.capacityVehH[i], o.count / hours > cap {
                notes.append(CountNote(kind: .overCapacity, file: file, line: o.line, site: o.site,
                                       message: "\(Int((o.count / hours).rounded())) veh/h counted in \(period), more than the movement can serve in the simulation (about \(Int(cap.rounded())) veh/h with its green); it stays under-counted (GEH \(String(format: "%.1f", g)))"))
            }
        }
        return notes
    }
}
