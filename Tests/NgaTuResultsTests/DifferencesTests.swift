import Foundation
import Testing
@testable import NgaTuResults

/// `differences.csv`: every strategy against the baseline, paired by replication, with a verdict.
/// Three replications on the same seeds, the figures computed here by hand.
@Suite struct DifferencesTests {
    /// t(0.975, 2 degrees of freedom), from tables: the 95% two-sided quantile for 3 pairs.
    static let t2 = 4.302652729911275

    /// fixed 40, 50, 60 s/veh. actuated 37, 48, 56: differences −3, −2, −4, clearly better.
    /// webster 41, 49, 62: 1, −1, 2, no clear difference. sotl 45, 55, 66: 5, 5, 6, worse.
    static let delays: [(String, [Double])] = [
        ("fixed", [40, 50, 60]), ("actuated", [37, 48, 56]), ("webster", [41, 49, 62]), ("sotl", [45, 55, 66]),
    ]

    static var runs: [RunRow] {
        delays.flatMap { s, values in values.enumerated().map { Fixture.run(s, $0.offset + 1, delay: $0.element) } }
    }

    static let builder = ComparisonBuilder(strategies: delays.map(\.0), baseline: "fixed", sweepPoints: [Fixture.unit])

    /// Mean and the half-width of the 95% t interval of three numbers, by hand.
    static func byHand(_ d: [Double]) -> (mean: Double, low: Double, high: Double) {
        let mean = d.reduce(0, +) / 3
        let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        let half = t2 * sd / 3.0.squareRoot()
        return (mean, mean - half, mean + half)
    }

    /// The CSV's cells by column name, for the row of `strategy` on `measure`.
    static func csvRow(_ csv: String, _ strategy: String, _ measure: String) -> [String: String]? {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        guard let line = lines.dropFirst().first(where: { $0[0] == strategy && $0[header.firstIndex(of: "measure")!] == measure }) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(header, line))
    }

    @Test func csvHoldsThePairedDifferenceIntervalAndVerdictComputedByHand() throws {
        let differences = Self.builder.buildWithDifferences(from: Self.runs).differences
        let csv = CSVWriter(sweepKeys: ["demand_scale"]).csv(differences)
        #expect(csv.hasPrefix("strategy,demand_scale,measure,baseline,n_pairs,mean,baseline_mean,diff_vs_baseline,diff_ci95_low,diff_ci95_high,verdict\n"))
        let base = Self.delays[0].1
        for (strategy, values) in Self.delays.dropFirst() {
            let d = zip(values, base).map { $0 - $1 }
            let expected = Self.byHand(d)
            let row = try #require(Self.csvRow(csv, strategy, "mean_delay_s"))
            #expect(row["baseline"] == "fixed" && row["n_pairs"] == "3" && row["baseline_mean"] == "50")
            #expect(abs(Double(row["mean"]!)! - values.reduce(0, +) / 3) < 1e-12)
            #expect(abs(Double(row["diff_vs_baseline"]!)! - expected.mean) < 1e-12, "\(strategy)")
            #expect(abs(Double(row["diff_ci95_low"]!)! - expected.low) < 1e-9, "\(strategy)")
            #expect(abs(Double(row["diff_ci95_high"]!)! - expected.high) < 1e-9, "\(strategy)")
        }
        // Known numbers: actuated −3 s/veh [−5.484, −0.516]; sotl +5.333 [3.899, 6.768].
        let a = try #require(Self.csvRow(csv, "actuated", "mean_delay_s"))
        #expect(abs(Double(a["diff_ci95_low"]!)! - -5.484138) < 1e-6 && abs(Double(a["diff_ci95_high"]!)! - -0.515862) < 1e-6)
        #expect(a["verdict"] == "better")
        #expect(Self.csvRow(csv, "webster", "mean_delay_s")?["verdict"] == "no clear difference")
        #expect(Self.csvRow(csv, "sotl", "mean_delay_s")?["verdict"] == "worse")
        // No row for the baseline against itself; a measure equal in every run reads "no clear
        // difference" with the interval [0, 0].
        #expect(Self.csvRow(csv, "fixed", "mean_delay_s") == nil)
        let waiting = try #require(Self.csvRow(csv, "sotl", "vehicles_waiting"))
        #expect(waiting["diff_vs_baseline"] == "0" && waiting["diff_ci95_low"] == "0" && waiting["verdict"] == "no clear difference")
        // Only the four measures, in file order, per strategy.
        #expect(differences.map(\.measure) == Array(repeating: DifferenceRow.measures, count: 3).flatMap { $0 })
    }

    /// The mistake the table prevents: actuated's and fixed's own 95% intervals overlap almost
    /// entirely, yet the paired interval of their difference excludes 0.
    @Test func overlappingUnpairedIntervalsButAClearPairedDifference() throws {
        let (comparison, differences) = Self.builder.buildWithDifferences(from: Self.runs)
        let fixed = try #require(comparison.first { $0.strategy == "fixed" && $0.measure == .meanDelayS })
        let actuated = try #require(comparison.first { $0.strategy == "actuated" && $0.measure == .meanDelayS })
        // fixed 50 [25.2, 74.8], actuated 47 [23.3, 70.7]: the intervals overlap.
        #expect(fixed.ci95Low! < actuated.ci95High! && actuated.ci95Low! < fixed.ci95High!)
        #expect(abs(fixed.ci95Low! - (50 - Self.t2 * 10 / 3.0.squareRoot())) < 1e-9)
        let d = try #require(differences.first { $0.strategy == "actuated" && $0.measure == .meanDelayS })
        #expect(d.diffCI95High! < 0 && d.verdict == .better)
        // The same figures as comparison.csv's paired difference: one computation.
        #expect(d.diff == actuated.diffVsBaseline && d.diffCI95Low == actuated.diffCI95Low && d.diffCI95High == actuated.diffCI95High)
    }

    @Test func onePairHasNoIntervalAndNoVerdictEitherWay() {
        let runs = [Fixture.run("fixed", 1, delay: 30), Fixture.run("actuated", 1, delay: 20)]
        let d = Self.builder.buildWithDifferences(from: runs).differences.first { $0.measure == .meanDelayS }!
        #expect(d.diff == -10 && d.diffCI95Low == nil && d.verdict == .noClearDifference)
        #expect(CSVWriter(sweepKeys: ["demand_scale"]).csv([d]).contains(",fixed,1,20,30,-10,,,no clear difference\n"))
    }

    @Test func storedTableReadsBackAndOldResultsGetItFromTheRuns() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let meta = Fixture.meta(strategies: Self.delays.map(\.0))
        let store = try ResultStore.create(at: root.appendingPathComponent("r.sqlite").path, meta: meta)
        try store.insert(Self.runs)
        let (comparison, differences) = ComparisonBuilder(meta: meta).buildWithDifferences(from: Self.runs)
        try store.replaceAggregates(comparison: comparison, junctions: [], differences: differences)
        let again = try ResultStore.open(at: root.appendingPathComponent("r.sqlite").path).loadTables()
        #expect(again.differences == differences)
        #expect(again.differences.count == 12)
        // Tables without the rows (results from before the table) compute them from the runs.
        var old = again
        old.differences = []
        #expect(old.withDifferences().differences == differences)
    }
}
