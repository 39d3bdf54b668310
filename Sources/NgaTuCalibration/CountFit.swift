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
    public static func rows(document: ScenarioDocument, network: Network, replications: Int,
                            jobs: Int) throws(RunnerError) -> (rows: [CalibrationRow], counts: String)? {
        let spec = document.spec
        let counts: CountsFile
        do {
            guard let read = try CountsReader.read(calibrationOf: document, network: network) else { return nil }
            counts = read
        } catch { throw .input(error) }
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
        return (rows, path)
    }
}
