import Foundation
import Testing
@testable import NgaTuRunner

/// The split of `--shard K/N` (issue 21): every run in exactly one shard, the same split every
/// time, shards balanced by expected cost (duration × demand), not by count.
@Suite struct ShardPlanTests {
    @Test func everyRunOnceBalancedByCost() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        // Demand scales 0.5, 1 and 2: runs of the last cost four times those of the first.
        let (plan, _) = try scratch.plan(Scratch.sweep(replications: 3).replacingOccurrences(of: "[0.5, 1.0]", with: "[0.5, 1.0, 2.0]"))
        let jobs = plan.jobs
        #expect(jobs.count == 18)
        // 1,100 veh/h for 6 min: 110 vehicles expected at scale 1.
        let split1 = ShardPlan(plan: plan, count: 1)
        #expect(abs(split1.costs.min()! - 0.5 * 110) < 1e-9, "\(split1.costs)")
        #expect(abs(split1.costs.max()! - 2 * 110) < 1e-9)
        for n in [1, 2, 3, 4, 7, 18, 25] {
            let split = ShardPlan(plan: plan, count: n)
            #expect(split.assignment.count == jobs.count)
            #expect(split.assignment.allSatisfy { (1...n).contains($0) })
            let union = (1...n).flatMap { split.jobs(of: $0, in: plan) }
            #expect(union.count == jobs.count && Set(union) == Set(jobs), "N = \(n)")
            // Longest-processing-time: no shard exceeds the lightest by more than one run's cost.
            let loads = (1...n).map { split.cost(of: $0) }
            #expect(loads.max()! - loads.min()! <= split.costs.max()! + 1e-9, "N = \(n): \(loads)")
            // The same split on every call, and a fingerprint that tells splits apart.
            let again = ShardPlan(plan: plan, count: n)
            #expect(again.assignment == split.assignment)
            #expect(split.info(shard: 1, build: "b").planHash == again.info(shard: 1, build: "b").planHash)
            if n > 1 { #expect(split.info(shard: 1, build: "b").planHash != ShardPlan(plan: plan, count: n - 1).info(shard: 1, build: "b").planHash) }
        }
        // By cost, not by count: 18 runs of 2,310 expected vehicles in 4 shards; the heavy runs
        // (220) are spread first, so every shard gets a share of each demand scale.
        let four = ShardPlan(plan: plan, count: 4)
        let loads = (1...4).map { four.cost(of: $0) }
        #expect(loads.max()! - loads.min()! <= 55 + 1e-9, "\(loads)")
        for k in 1...4 {
            #expect(Set(four.jobs(of: k, in: plan).map(\.point)).count >= 2, "shard \(k)")
        }
    }

    /// With a sensitivity check and a fit to counts, the reruns (each job again per value
    /// other than the scenario's own) and the fit are units of the split too, each in exactly
    /// one shard, balanced with the runs.
    @Test func rerunsAndTheFitAreUnits() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        // Critical gap 2, 4 (the own value: not rerun) and 6 s: two reruns of the 6 jobs.
        let (plan, _) = try scratch.plan(SensitivityTests.scenario("sensitivity:\n  model.critical_gap: [2 s, 4 s, 6 s]"))
        let jobs = plan.jobs
        #expect(jobs.count == 6)
        #expect(plan.sensitivityBlocks.map(\.block.value) == [4, 2, 6])
        #expect(plan.sensitivityBlocks.map(\.variant) == [nil, 0, 2])
        for n in [1, 2, 3, 5] {
            let split = ShardPlan(plan: plan, count: n, calibrationCost: 1_000)
            #expect(split.units.count == 6 + 12 + 1)
            let runs = (1...n).flatMap { split.jobs(of: $0, in: plan) }
            #expect(runs.count == 6 && Set(runs) == Set(jobs))
            let reruns = (1...n).flatMap { split.reruns(of: $0) }
            #expect(reruns.count == 12 && Set(reruns.map { "\($0.variant) \($0.job)" }).count == 12)
            #expect(Set(reruns.map(\.variant)) == [0, 2])
            #expect(split.calibrationShard.map { (1...n).contains($0) } == true)
            let loads = (1...n).map { split.cost(of: $0) }
            #expect(loads.max()! - loads.min()! <= split.costs.max()! + 1e-9, "N = \(n): \(loads)")
            // What a shard stores tells the same: its reruns and where the fit is.
            let info = split.info(shard: 1, build: "b")
            #expect(info.reruns(of: 1).count == split.reruns(of: 1).count)
            #expect(info.calibrationShard == split.calibrationShard)
            #expect(info.sensitivity.map(\.isBase) == [true, false, false])
        }
        // The fit is the costliest unit here: it goes first, to shard 1.
        #expect(ShardPlan(plan: plan, count: 3, calibrationCost: 1_000).calibrationShard == 1)
        // Without a fit there is no such unit.
        #expect(ShardPlan(plan: plan, count: 2).calibrationShard == nil)
    }

    @Test func shardSelectionReadsKOverN() {
        #expect(ShardSelection("2/8") == ShardSelection(index: 2, count: 8))
        #expect(ShardSelection("1/1") == ShardSelection(index: 1, count: 1))
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3", " 1/2", "1/100001", "１/２"] {
            #expect(ShardSelection(bad) == nil, "\(bad)")
        }
    }
}
