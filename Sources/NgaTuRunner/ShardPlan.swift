public import NgaTuResults

/// `--shard K/N`: the K-th (from 1) of N parts of a plan's runs.
public struct ShardSelection: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// The most parts a plan is split into.
    public static let maxCount = 100_000

    public init(index: Int, count: Int) { self.index = index; self.count = count }

    /// Reads `K/N` with 1 ≤ K ≤ N ≤ `maxCount`; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= Self.maxCount, k >= 1, k <= n else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }
}

/// The split of a plan's runs into `count` shards, balanced by expected cost and the same on
/// every machine for the same plan (no clock, no randomness, no thread order).
///
/// A run's expected cost is its simulated duration times the vehicles per second its sweep
/// point generates (demand scale, variant and demand profile included): the simulation's work
/// grows with the vehicles it moves. Runs are taken from the most costly down (ties in plan
/// order) and each goes to the shard with the least cost so far (ties to the lowest shard):
/// the longest-processing-time rule, within 4/3 of the best possible largest shard. Equal
/// costs deal the runs out in turn.
public struct ShardPlan: Sendable {
    public let count: Int
    /// The shard (from 1) of each job of `plan.jobs`, by position.
    public let assignment: [Int]
    /// The expected cost of each job of `plan.jobs`, by position.
    public let costs: [Double]
    /// Every run with its shard, as stored in each shard's database.
    public let runs: [ShardRun]

    public init(plan: ScenarioPlan, count shards: Int) {
        let jobs = plan.jobs
        let duration = plan.spec.duration
        let pointCost = plan.points.map { p in
            duration * p.setup.flows.reduce(0) { $0 + $1.rate } * p.setup.meanProfileFactor(from: 0, to: duration)
        }
        let costs = jobs.map { pointCost[$0.point] }
        let order = jobs.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        var load = [Double](repeating: 0, count: shards)
        var assignment = [Int](repeating: 0, count: jobs.count)
        for j in order {
            var best = 0
            for k in 1..<max(1, shards) where load[k] < load[best] { best = k }
            load[best] += costs[j]
            assignment[j] = best + 1
        }
        count = shards
        self.costs = costs
        self.assignment = assignment
        runs = jobs.indices.map { i in
            ShardRun(strategy: plan.strategies[jobs[i].strategy].name, point: jobs[i].point,
                     replication: jobs[i].replication, shard: assignment[i], cost: costs[i])
        }
    }

    /// The jobs of shard `k` (from 1), in plan order.
    public func jobs(of k: Int, in plan: ScenarioPlan) -> [RunJob] {
        zip(plan.jobs, assignment).filter { $0.1 == k }.map(\.0)
    }

    /// Total expected cost of shard `k`.
    public func cost(of k: Int) -> Double {
        zip(costs, assignment).filter { $0.1 == k }.reduce(0) { $0 + $1.0 }
    }

    /// What shard `k` stores about the split, run by `build`.
    public func info(shard k: Int, build: String) -> ShardInfo {
        ShardInfo(index: k, count: count, planHash: Self.hash(runs, count: count), plan: runs, build: build)
    }

    /// SHA-256 of the shard count and every run's key and shard, one line each: equal for
    /// shards of one split, different when the plan, its options or the count differ.
    public static func hash(_ runs: [ShardRun], count: Int) -> String {
        var sha = SHA256()
        sha.update(Array("shards \(count)\n".utf8))
        for r in runs { sha.update(Array("\(r.strategy)\t\(r.point)\t\(r.replication)\t\(r.shard)\n".utf8)) }
        return sha.hexDigest()
    }
}
