import Foundation
import Testing
@testable import NgaTuCalibration
import NgaTuCore
import NgaTuFormats
import NgaTuRunner
import Stochastics

@Suite("Calibration to counts") struct CalibrationTests {
    /// The core's window [a, b] of a run cut at b equals the counts in [a, b] of the full run:
    /// counts of consecutive intervals add up to the count of their union.
    @Test func intervalsAddUp() throws {
        let g = try GridCase()
        defer { g.cleanUp() }
        try g.write("truth.yaml", GridCase.scenario(GridCase.truth, profile: GridCase.trueProfile))
        let truth = try g.document("truth.yaml")
        try g.write("c.csv", "site,from,to,count\nh0-0,5 min,20 min,1\nh0-0,20 min,35 min,1\nh0-0~r,5 min,35 min,1\n"
                    + "v0-1,5 min,20 min,1\nv0-1,20 min,35 min,1\n")
        let file = try CountsReader.read(file: g.path("c.csv"), scenario: truth.spec, network: g.network)
        let sim = try CountSimulator(document: truth, network: g.network, jobs: 2).simulate(truth.spec.demand, observations: file.observations)
        try g.write("d.csv", "site,from,to,count\nh0-0,5 min,35 min,1\nv0-1,5 min,35 min,1\n")
        let whole = try CountsReader.read(file: g.path("d.csv"), scenario: truth.spec, network: g.network)
        let w = try CountSimulator(document: truth, network: g.network, jobs: 1).simulate(truth.spec.demand, observations: whole.observations)
        #expect(sim.counts[0] + sim.counts[1] == w.counts[0])
        #expect(sim.counts[3] + sim.counts[4] == w.counts[1])
        #expect(w.counts[0] > 50)
    }

    /// Counts from a known demand; a prior wrong by ×2 in level and shape is calibrated to
    /// GEH < 5 at ≥ 85 % of the counts and its total demand within 10 % of the truth; counts
    /// withheld from the fit are reproduced better than by the prior.
    @Test func recoversKnownDemand() throws {
        let g = try GridCase()
        defer { g.cleanUp() }
        try g.write("truth.yaml", GridCase.scenario(GridCase.truth, profile: GridCase.trueProfile))
        try g.write("prior.yaml", GridCase.scenario(GridCase.prior, profile: nil))
        let truth = try g.document("truth.yaml")
        let prior = try g.document("prior.yaml")
        let sites = try g.sites(of: truth)
        #expect(sites.count >= 20)
        // Every third site is withheld: the fit never sees it.
        let fitted = sites.enumerated().filter { $0.offset % 3 != 2 }.map(\.element)
        let withheld = sites.enumerated().filter { $0.offset % 3 == 2 }.map(\.element)
        try g.write("fit.csv", try g.counts(sites: fitted, truth: truth))
        try g.write("check.csv", try g.counts(sites: withheld, truth: truth))

        let job = CalibrationJob(scenario: g.path("prior.yaml"), counts: g.path("fit.csv"), out: g.path("calibrated.yaml"), jobs: 2)
        let result = try job.run()
        #expect(result.fitsProfile)
        #expect(result.notes.isEmpty)
        #expect(result.priorSummary.shareGEHBelow5 < 0.5)
        #expect(result.summary.shareGEHBelow5 >= 0.85, "\(result.summary.text)")
        #expect((result.summary.rSquared ?? 0) > 0.9)

        // Demand of the counted window (5–35 min), per OD and in total: the fitted flows × profile
        // against the truth's.
        let calibrated = try ScenarioReader.read(file: g.path("calibrated.yaml"))
        func vehicles(_ d: ScenarioDocument) throws -> [Double] {
            let setup = try SimulationSetup(network: g.network, demand: d.spec.demand, timing: RunTiming(duration: d.spec.duration))
            return d.spec.demand.flows.map { $0.rate * setup.meanProfileFactor(from: 300, to: 2100) * 1800 / 3600 }
        }
        let trueOD = try vehicles(truth), fittedOD = try vehicles(calibrated)
        let trueTotal = trueOD.reduce(0, +), priorTotal = try vehicles(prior).reduce(0, +), fittedTotal = fittedOD.reduce(0, +)
        #expect(abs(priorTotal / trueTotal - 1) > 0.5)
        #expect(abs(fittedTotal / trueTotal - 1) < 0.10, "calibrated \(fittedTotal) vs true \(trueTotal)")
        let odErrors = zip(fittedOD, trueOD).map { abs($0 / $1 - 1) }
        #expect(odErrors.allSatisfy { $0 < 0.10 }, "OD errors \(odErrors)")
        #expect(calibrated.spec.calibrationCounts == g.path("fit.csv"))

        // The withheld counts: the calibrated demand against the prior's.
        let check = try CountsReader.read(file: g.path("check.csv"), scenario: truth.spec, network: g.network)
        let seconds = check.observations.map { $0.to - $0.from }, observed = check.observations.map(\.count)
        let sim = CountSimulator(document: calibrated, network: g.network, jobs: 2)
        let after = FitSummary(observed: observed, simulated: try sim.simulate(calibrated.spec.demand, observations: check.observations).counts, seconds: seconds)
        let before = FitSummary(observed: observed, simulated: try sim.simulate(prior.spec.demand, observations: check.observations).counts, seconds: seconds)
        #expect(after.meanGEH < before.meanGEH / 2, "withheld: calibrated \(after.text); prior \(before.text)")
        #expect(after.shareGEHBelow5 > before.shareGEHBelow5)
        print("grid calibration: prior \(result.priorSummary.text); calibrated \(result.summary.text); total \(fittedTotal) vs true \(trueTotal) (prior \(priorTotal)); withheld: calibrated \(after.text); prior \(before.text)")

        // calibration.csv: one row per count, with the simulated mean and GEH.
        let table = try String(contentsOfFile: job.tablePath, encoding: .utf8).split(separator: "\n")
        #expect(table[1] == Substring(CalibratedScenario.csvHeader))
        #expect(table.count == 2 + result.observations.count)
    }

    /// A count on a movement no flow takes is reported with its line; the others still fit.
    @Test func unreachableCountIsReported() throws {
        let g = try GridCase()
        defer { g.cleanUp() }
        try g.write("truth.yaml", GridCase.scenario(Array(GridCase.truth.prefix(4)), profile: nil))
        let truth = try g.document("truth.yaml")
        // j0-0's approach from the north turning left: none of the four east–west flows does.
        let north = g.network.approachName[Int(g.network.segmentIndexByID["vn0"]!)]
        let counts = try g.counts(sites: try g.sites(of: truth), truth: truth) + "j0-0:\(north):left,5 min,20 min,40\n"
        try g.write("counts.csv", counts)
        let lines = counts.split(separator: "\n").count
        let result = try CalibrationJob(scenario: g.path("truth.yaml"), counts: g.path("counts.csv"), out: g.path("new.yaml"), jobs: 2, rounds: 1).run()
        #expect(result.notes.count == 1)
        #expect(result.notes.first?.kind == .unreachable)
        #expect(result.notes.first?.line == lines)
        #expect(result.notes.first?.description.hasPrefix("\(g.path("counts.csv")):\(lines): site j0-0:\(north):left: no flow") == true)
        let row = try String(contentsOfFile: g.path("new.calibration.csv"), encoding: .utf8).split(separator: "\n").last!
        #expect(row.hasPrefix("j0-0:\(north):left,5 min,20 min,\(lines),40,0.0,"))
        #expect(row.hasSuffix(",unreachable"))
    }

    /// A count far above what its movement can serve stays under-counted and is reported with
    /// its line as over capacity; the counts around it still fit.
    @Test func overCapacityCountIsReported() throws {
        let g = try GridCase()
        defer { g.cleanUp() }
        try g.write("truth.yaml", GridCase.scenario(Array(GridCase.truth.prefix(4)), profile: nil))
        let truth = try g.document("truth.yaml")
        let west = g.network.approachName[Int(g.network.segmentIndexByID["hw0"]!)]
        let site = "j0-0:\(west):through"
        var lines = try g.counts(sites: try g.sites(of: truth), truth: truth).split(separator: "\n").map(String.init)
        let k = try #require(lines.firstIndex { $0.hasPrefix("\(site),5 min,20 min,") })
        lines[k] = "\(site),5 min,20 min,1500"   // 6,000 veh/h into one approach of a 2-lane grid
        try g.write("counts.csv", lines.joined(separator: "\n") + "\n")
        let result = try CalibrationJob(scenario: g.path("truth.yaml"), counts: g.path("counts.csv"), out: g.path("new.yaml"), jobs: 2, rounds: 2).run()
        let note = try #require(result.notes.first { $0.kind == .overCapacity })
        #expect(note.line == k + 1)
        #expect(note.description.hasPrefix("\(g.path("counts.csv")):\(k + 1): site \(site): 6000 veh/h counted in 5 min–20 min, more than the movement can serve"), "\(note)")
        #expect(result.notes.count == 1)
        let i = try #require(result.observations.firstIndex { $0.line == k + 1 })
        #expect(result.simulated[i] < 1000)
    }

    /// A file not written by `ngatu calibrate` is never replaced, nor the input scenario.
    @Test func refusesFilesNotOurs() throws {
        let g = try GridCase()
        defer { g.cleanUp() }
        try g.write("s.yaml", GridCase.scenario(GridCase.truth, profile: nil))
        try g.write("c.csv", "site,from,to,count\nh0-0,5 min,20 min,100\n")
        try g.write("mine.yaml", "# my notes\n")
        #expect(throws: RunnerError.self) { try CalibrationJob(scenario: g.path("s.yaml"), counts: g.path("c.csv"), out: g.path("mine.yaml")).run() }
        #expect(try String(contentsOfFile: g.path("mine.yaml"), encoding: .utf8) == "# my notes\n")
        #expect(throws: RunnerError.self) { try CalibrationJob(scenario: g.path("s.yaml"), counts: g.path("c.csv"), out: g.path("s.yaml")).run() }
        #expect(!FileManager.default.fileExists(atPath: g.path("mine.flows.csv")))
    }

    @Test func gehAndSummary() {
        // DMRB examples: 100 vs 150 veh/h → GEH 4.47; hourly from a 15-minute count.
        #expect(abs(FitMeasures.geh(simulated: 150, observed: 100, seconds: 3600) - 4.4721) < 1e-4)
        #expect(abs(FitMeasures.geh(simulated: 37.5, observed: 25, seconds: 900) - 4.4721) < 1e-4)
        let s = FitSummary(observed: [100, 200, 300, 400], simulated: [100, 210, 290, 520], seconds: [3600, 3600, 3600, 3600])
        #expect(s.shareGEHBelow5 == 0.75)
        #expect(!s.meetsCriterion)
        #expect(abs(s.rSquared! - (1 - 14_600.0 / 50_000)) < 1e-12)
        #expect(s.totalSimulated == 1120)
    }

    @Test func nnlsKeepsNonNegativeAndFits() {
        // x1 + x2 = 10, x1 − x2 = 14 → x1 = 12, x2 = −2: clamped x2 = 0, x1 ≈ 12.
        let p = NonNegativeLeastSquares(rows: 2, columns: 2, a: [1, 1, 1, -1], weights: [1, 1], targets: [10, 14],
                                        prior: [0, 0], priorWeights: [1e-9, 1e-9])
        let x = p.solve()
        #expect(x[1] == 0)
        #expect(abs(x[0] - 12) < 1e-6)
    }
}
