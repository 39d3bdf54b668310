import Testing
@testable import Stochastics

@Suite struct RandomStreamTests {
    @Test func sameTripleSameNumbers() {
        let a = RandomStream(seed: RandomStream.mix(2026, 3, 7))
        let b = RandomStream(seed: RandomStream.mix(2026, 3, 7))
        for _ in 0..<100 { #expect(a.uniform() == b.uniform()) }
    }

    @Test func differentPurposeDiffers() {
        let a = RandomStream(seed: RandomStream.mix(2026, 0, 1))
        let b = RandomStream(seed: RandomStream.mix(2026, 0, 2))
        let xs = (0..<10).map { _ in a.uniform() }
        let ys = (0..<10).map { _ in b.uniform() }
        #expect(xs != ys)
    }

    @Test func exponentialMeanIsRight() {
        let r = RandomStream(seed: RandomStream.mix(1, 0, 0))
        let n = 200_000
        var sum = 0.0
        for _ in 0..<n { sum += r.exponential(mean: 4) }
        #expect(abs(sum / Double(n) - 4) < 0.05)
    }

    @Test func categoricalFollowsWeights() {
        let r = RandomStream(seed: RandomStream.mix(9, 0, 0))
        var counts = [0, 0, 0]
        for _ in 0..<100_000 { counts[r.categorical([0.85, 0.1, 0.05])] += 1 }
        #expect(abs(Double(counts[0]) / 100_000 - 0.85) < 0.01)
        #expect(abs(Double(counts[2]) / 100_000 - 0.05) < 0.005)
    }
}

@Suite struct StatisticsTests {
    @Test func summaryMatchesHandComputation() {
        // mean 5, sd sqrt(2.5)=1.5811, t(0.975, 4)=2.7764 → half width 1.9632
        let s = SampleSummary([3, 4, 5, 6, 7])
        #expect(s.mean == 5)
        #expect(abs(s.sd! - 1.58114) < 1e-4)
        #expect(abs(s.ciLow! - 3.03676) < 1e-3)
        #expect(abs(s.ciHigh! - 6.96324) < 1e-3)
    }

    @Test func singleObservationHasNoInterval() {
        let s = SampleSummary([42])
        #expect(s.mean == 42 && s.sd == nil && s.ciLow == nil)
    }

    @Test func pairedTTestKnownValue() {
        // differences 1,2,3,4,5: mean 3, sd 1.5811, t = 4.2426, dof 4 → p = 0.01324
        let p = PairedDifference([11, 12, 13, 14, 15], [10, 10, 10, 10, 10])
        #expect(abs(p.summary.mean - 3) < 1e-12)
        #expect(abs(p.pValue! - 0.01324) < 1e-4)
    }
}

@Suite struct PairedDifferenceRuleTests {
    @Test func constantDifferencesFollowTheZeroVarianceRule() {
        let d = PairedDifference([25, 27, 26, 24, 28], [30, 32, 31, 29, 33])
        #expect(d.summary.mean == -5 && d.summary.sd == 0)
        #expect(d.summary.ciLow == -5 && d.summary.ciHigh == -5)
        #expect(d.pValue == 0)
        #expect(PairedDifference([3, 4], [3, 4]).pValue == 1)
    }

    @Test func onePairHasNoIntervalNorPValue() {
        let d = PairedDifference([26], [30])
        #expect(d.summary.mean == -4 && d.summary.ciLow == nil && d.pValue == nil)
    }
}
