public import Foundation
public import NgaTuCore
public import NgaTuFormats
public import NgaTuResults
public import NgaTuRunner

/// The counts of a scenario's `calibration:` file against its simulation, for a results
/// directory (`ngatu run` writes them to `calibration.csv`; the report shows them as "fit to
/// counts"): the baseline strategy at demand ×1, the scenario's seeds and replications, as
/// `ngatu calibrate` simulates.
public enum CountFit {
    /// Nil when the scenario names no counts file; an input error when the file is bad.
    public static func fit(document: ScenarioDocument, network: Network, replications: Int,
                           jobs: Int) throws(RunnerError) -> CalibrationFit? {
        let spec = document.spec
        guard let counts = try read(document, network) else { return nil }
        let path = counts.file
        let simulator = CountSimulator(document: document, network: network, replications: replications, jobs: jobs)
        let observations = counts.observations
        var demand = spec.demand
        demand.scale = 1
        let sim = try simulator.simulate(demand, observations: observations)
        let fit = DemandFit(setup: try simulator.setup(demand), demand: demand, observations: observations, duration: spec.duration)
        let notes = Calibrator.notes(observations: observations, fit: fit, simulated: sim, file: counts.file, spec: spec)
        let rows = observations.enumerated().map { i, o in
            CalibrationRow(site: o.site, from: CountsReader.describe(o.from, spec), to: CountsReader.describe(o.to, spec),
                           intervalS: o.to - o.from, line: o.line, observed: o.count, simulated: sim.counts[i],
                           geh: FitMeasures.geh(simulated: sim.counts[i], observed: o.count, seconds: o.to - o.from),
                           note: notes.first { $0.line == o.line }?.kind.rawValue ?? "")
        }
        return CalibrationFit(rows: rows, counts: path)
    }

    /// The expected cost of `fit` as one unit of a sharded plan (`ShardPlan`: simulated
    /// seconds × vehicles per second): per replication, one run up to the end of each distinct
    /// count interval at demand ×1. Nil when the scenario names no counts file; an input error
    /// when the file is bad (every shard reads it, so every shard finds a bad file).
    public static func cost(document: ScenarioDocument, network: Network, replications: Int) throws(RunnerError) -> Double? {
        guard let counts = try read(document, network) else { return nil }
        var demand = document.spec.demand
        demand.scale = 1
        let setup = try CountSimulator(document: document, network: network, replications: replications, jobs: 1).setup(demand)
        let rate = setup.flows.reduce(0) { $0 + $1.rate }
        var ends: [Double] = []
        var seen: [[Double]] = []
        for o in counts.observations where !seen.contains([o.from, o.to]) {
            seen.append([o.from, o.to])
            ends.append(o.to)
        }
        return Double(replications) * ends.reduce(0) { $0 + $1 * rate * setup.meanProfileFactor(from: 0, to: $1) }
    }

    private static func read(_ document: ScenarioDocument, _ network: Network) throws(RunnerError) -> CountsFile? {
        do { return try CountsReader.read(calibrationOf: document, network: network) } catch { throw .input(error) }
    }
}
