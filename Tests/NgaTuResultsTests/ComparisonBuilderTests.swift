import Testing
@testable import NgaTuResults

@Suite struct ComparisonBuilderTests {
    let builder = ComparisonBuilder(strategies: ["fixed", "webster"], baseline: "fixed",
                                    sweepPoints: [Fixture.unit])

    func row(_ rows: [ComparisonRow], _ strategy: String, _ measure: RunMeasure) -> ComparisonRow {
        rows.first { $0.strategy == strategy && $0.measure == measure }!
    }

    @Test func constantDifferenceIsExactWithZeroSpread() {
        let base = [30.0, 32, 31, 29, 33], other = [25.0, 27, 26, 24, 28]
        let runs = base.enumerated().map { Fixture.run("fixed", $0 + 1, delay: $1) }
            + other.enumerated().map { Fixture.run("webster", $0 + 1, delay: $1) }
        let rows = builder.build(from: runs)
        let w = row(rows, "webster", .meanDelayS)
        #expect(w.n == 5 && w.mean == 26)
        #expect(w.diffVsBaseline == -5)
        #expect(w.diffCI95Low == -5 && w.diffCI95High == -5)
        // Zero-variance rule: identical non-zero differences → p = 0.
        #expect(w.pValue == 0)
        // Identical values of a measure (throughput 400 in both) → difference 0, p = 1.
        let t = row(rows, "webster", .throughputVehH)
        #expect(t.diffVsBaseline == 0 && t.pValue == 1 && t.sd == 0)

        let f = row(rows, "fixed", .meanDelayS)
        #expect(f.mean == 31)
        #expect(abs(f.sd! - 1.5811388300841898) < 1e-12)
        #expect(abs(f.ci95Low! - 29.036756838522443) < 1e-9)
        #expect(abs(f.ci95High! - 32.96324316147756) < 1e-9)
        #expect(f.diffVsBaseline == nil && f.diffCI95Low == nil && f.diffCI95High == nil && f.pValue == nil)
    }

    @Test func varyingDifferencesMatchHandComputedPairedTTest() {
        // differences −3, −6, −2, −4, −3: mean −3.6, sd 1.516575, t = −5.307910 (dof 4),
        // p = 0.0060547 (scipy.stats.ttest_rel), interval −3.6 ± 2.776445 × 0.678233.
        let base = [30.0, 32, 31, 29, 33], other = [27.0, 26, 29, 25, 30]
        // Runs given out of order: the pairing is by replication, not by position.
        let runs = other.enumerated().reversed().map { Fixture.run("webster", $0 + 1, delay: $1) }
            + base.enumerated().map { Fixture.run("fixed", $0 + 1, delay: $1) }
        let w = row(builder.build(from: runs), "webster", .meanDelayS)
        #expect(abs(w.diffVsBaseline! - -3.6) < 1e-12)
        #expect(abs(w.diffCI95Low! - -5.483076688348438) < 1e-9)
        #expect(abs(w.diffCI95High! - -1.716923311651562) < 1e-9)
        #expect(abs(w.pValue! - 0.006054734461189969) < 1e-9)
    }

    @Test func oneReplicationHasNoIntervalsButADifference() {
        let rows = builder.build(from: [Fixture.run("fixed", 1, delay: 30), Fixture.run("webster", 1, delay: 26)])
        let w = row(rows, "webster", .meanDelayS)
        #expect(w.n == 1 && w.mean == 26 && w.sd == nil && w.ci95Low == nil && w.ci95High == nil)
        #expect(w.diffVsBaseline == -4 && w.diffCI95Low == nil && w.diffCI95High == nil && w.pValue == nil)
        let csv = CSVWriter(sweepKeys: ["demand_scale"]).csv(rows)
        #expect(!csv.lowercased().contains("nan"))
        #expect(csv.contains("webster,1,mean_delay_s,1,26,,,,-4,,,\n"))
    }

    @Test func missingValuesArePairedOnlyWhereBothExist() {
        // Replication 2 of webster finished no vehicle: its mean delay is missing.
        let runs = [Fixture.run("fixed", 1, delay: 30), Fixture.run("fixed", 2, delay: 32),
                    Fixture.run("fixed", 3, delay: 31),
                    Fixture.run("webster", 1, delay: 28), Fixture.run("webster", 2, delay: nil, finished: 0),
                    Fixture.run("webster", 3, delay: 27)]
        let w = row(builder.build(from: runs), "webster", .meanDelayS)
        #expect(w.n == 2 && w.mean == 27.5)
        #expect(w.diffVsBaseline == -3) // (−2 + −4) / 2
    }

    @Test func rowOrderIsScenarioOrderWhateverTheInputOrder() {
        let sweep = Sweep(product: [("demand_scale", [1.2, 0.8])])
        let b = ComparisonBuilder(strategies: ["fixed", "webster"], baseline: "fixed", sweepPoints: sweep.points)
        var runs: [RunRow] = []
        for s in ["webster", "fixed"] { for p in sweep.points { for r in [2, 1] {
            runs.append(Fixture.run(s, r, delay: 30, sweep: p))
        } } }
        let rows = b.build(from: runs)
        #expect(rows.count == 2 * 2 * RunMeasure.allCases.count)
        let n = RunMeasure.allCases.count
        #expect(rows.map(\.strategy) == Array(repeating: "fixed", count: 2 * n) + Array(repeating: "webster", count: 2 * n))
        #expect(rows.prefix(n).allSatisfy { $0.sweep[Sweep.demandScaleKey] == 1.2 })
        #expect(rows.prefix(n).map(\.measure) == RunMeasure.allCases)
        #expect(b.build(from: runs.reversed()) == rows)
    }
}

@Suite struct JunctionAggregatorTests {
    @Test func averagesOverReplicationsAndRecomputesLOS() {
        let records = (1...3).map { Fixture.record("fixed", $0) }
        let rows = JunctionAggregator(strategies: ["fixed"], sweepPoints: [Fixture.unit])
            .aggregate(records.reversed().flatMap(\.junctions))
        #expect(rows.map(\.approach) == ["N", "E"])
        #expect(rows[0].controlDelayS == 22 && rows[0].los == "C" && rows[0].maxQueueM == 29.4)
        #expect(rows[1].controlDelayS == nil && rows[1].los == nil && rows[1].degreeOfSaturation == nil)
        // The longest wait is the maximum over replications (70, 80, 90 s), not their mean.
        #expect(rows[0].maxWaitS == 90 && rows[1].maxWaitS == 0)
    }

    @Test func levelOfServiceThresholds() {
        let los = { JunctionAggregator.signalisedLevelOfService(controlDelayS: $0, degreeOfSaturation: 0.5) }
        #expect([5, 10, 10.01, 20, 35, 55, 80, 80.5].map(los) == ["A", "A", "B", "B", "C", "D", "E", "F"])
        #expect(JunctionAggregator.signalisedLevelOfService(controlDelayS: 5, degreeOfSaturation: 1.05) == "F")
    }
}
