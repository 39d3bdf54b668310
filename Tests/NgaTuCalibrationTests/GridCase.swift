import Foundation
import NgaTuCalibration
import NgaTuCore
import NgaTuFormats
import NgaTuRunner

/// A 2 × 2 signalised grid with a known demand: the truth counts are made from, and a prior
/// wrong by a factor of two in level and in shape.
struct GridCase {
    let directory: URL
    let network: Network

    /// The true origin–destination flows (veh/h at profile factor 1).
    static let truth: [(String, String, Double)] = [
        ("bw0", "be0", 400), ("be0", "bw0", 300), ("bw1", "be1", 250), ("be1", "bw1", 350),
        ("bn0", "bs0", 300), ("bs0", "bn0", 200), ("bn1", "bs1", 350), ("bs1", "bn1", 250),
        ("bw0", "bs1", 150), ("bn0", "be1", 120), ("bs0", "be0", 100), ("be1", "bn0", 140),
    ]
    /// The true profile peaks in the middle; the prior's is flat.
    static let trueProfile = "[[0 min, 0.7], [20 min, 1.3], [40 min, 0.8]]"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ngatu-calibration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let map = SyntheticMaps.grid(rows: 2, cols: 2)
        network = try NetworkBuilder.build(map)
        try write("grid.yaml", MapWriter.yaml(map))
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A scenario with `flows` (from, to, rate) and `profile`.
    static func scenario(_ flows: [(String, String, Double)], profile: String?) -> String {
        var text = """
            # Question: a grid whose demand is calibrated to counts.
            scenario: grid-calibration
            map: grid.yaml
            duration: 40 min
            warmup: 5 min
            replications: 3
            seed: 7
            demand:
              flows:

            """
        for f in flows { text += "    - {from: \(f.0), to: \(f.1), rate: \(formatNumber(f.2))}\n" }
        if let profile { text += "  profile: \(profile)\n" }
        text += "strategies:\n  - {name: fixed, controller: fixed-time}\n"
        return text
    }

    /// The prior: every flow × 2 × (1.5 or 0.6, alternately), flat profile.
    static var prior: [(String, String, Double)] {
        truth.enumerated().map { i, f in (f.0, f.1, (2 * f.2 * (i % 2 == 0 ? 1.5 : 0.6)).rounded()) }
    }

    func document(_ name: String) throws -> ScenarioDocument { try ScenarioReader.read(file: path(name)) }

    /// Every movement of every junction that some true flow takes, as `j:approach:turn`.
    func sites(of document: ScenarioDocument) throws -> [String] {
        let setup = try SimulationSetup(network: network, demand: document.spec.demand,
                                        timing: RunTiming(duration: document.spec.duration))
        var out: [String] = []
        for f in setup.flows {
            for (a, b) in zip(f.route, f.route.dropFirst()) {
                guard let m = network.movement(from: Int(a), to: Int(b)) else { continue }
                let j = network.junctionIDs[Int(network.segmentTo[Int(a)])]
                let site = "\(j):\(network.approachName[Int(a)]):\(network.movementTurn[m].rawValue)"
                if !out.contains(site) { out.append(site) }
            }
        }
        return out
    }

    /// Counts at `sites` in two 15-minute intervals, simulated from the true scenario with its
    /// seeds (mean over its replications, rounded to whole vehicles).
    func counts(sites: [String], truth: ScenarioDocument) throws -> String {
        var text = "site,from,to,count\n"
        var rows: [(String, String, String)] = []
        for s in sites { rows.append((s, "5 min", "20 min")); rows.append((s, "20 min", "35 min")) }
        for r in rows { text += "\(r.0),\(r.1),\(r.2),0\n" }
        let probe = try write("probe.csv", text)
        let file = try CountsReader.read(file: probe, scenario: truth.spec, network: network)
        let sim = try CountSimulator(document: truth, network: network, jobs: 2).simulate(truth.spec.demand, observations: file.observations)
        var out = "site,from,to,count\n"
        for (r, c) in zip(rows, sim.counts) { out += "\(r.0),\(r.1),\(r.2),\(Int(c.rounded()))\n" }
        return out
    }
}
