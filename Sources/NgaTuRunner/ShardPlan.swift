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

/// The split of a plan's work into `count` shards, balanced by expected cost and the same on
/// every machine for the same plan (no clock, no randomness, no thread order).
///
/// The units are the runs of `plan.jobs`, then, with a sensitivity check, every job again for
/// each value it reruns (`ScenarioPlan.sensitivityBlocks`, block by block), then, for a
/// calibrated scenario, the fit to counts as one unit. A run's expected cost is its simulated
/// duration times the vehicles per second its sweep point generates (demand scale, variant
/// and demand profile included; a rerun's at its own plan's point): the simulation's work
/// grows with the vehicles it moves. The fit's cost is given by its caller. Units are taken
/// from the most costly down (ties in plan order) and each goes to the shard with the least
/// cost so far (ties to the lowest shard): the longest-processing-time rule, within 4/3 of the
/// best possible largest shard. Equal costs deal the units out in turn.
public struct ShardPlan: Sendable {
    /// A unit of work.
    public enum Unit: Sendable, Equatable {
        case run(RunJob)
        /// The job rerun by the plan of `plan.sensitivity[variant]`.
        case rerun(variant: Int, RunJob)
        /// The fit to counts.
        case calibration
    }

    public let count: Int
    /// Every unit, in plan order (the runs of `plan.jobs` first, by position).
    public let units: [Unit]
    /// The shard (from 1) of each unit, by position.
    public let assignment: [Int]
    /// The expected cost of each unit, by position.
    public let costs: [Double]
    /// Every unit with its shard, as stored in each shard's database.
    public let runs: [ShardRun]
    /// The blocks of the sensitivity check (empty without one).
    public let sensitivity: [SensitivityBlock]

    /// `calibrationCost`: the expected cost of the fit to counts when the shards compute one.
    public init(plan: ScenarioPlan, count shards: Int, calibrationCost: Double? = nil) {
        let jobs = plan.jobs
        let duration = plan.spec.duration
        func pointCosts(_ p: ScenarioPlan) -> [Double] {
            p.points.map { p in
                duration * p.setup.flows.reduce(0) { $0 + $1.rate } * p.setup.meanProfileFactor(from: 0, to: duration)
            }
        }
        let main = pointCosts(plan)
        var units = jobs.map { Unit.run($0) }
        var costs = jobs.map { main[$0.point] }
        let blocks = plan.sensitivityBlocks
        for case let (_, variant?) in blocks {
            let cost = pointCosts(plan.sensitivity[variant].plan)
            for job in jobs {
                units.append(.rerun(variant: variant, job))
                costs.append(cost[job.point])
            }
        }
        if let calibrationCost {
            units.append(.calibration)
            costs.append(calibrationCost)
        }
        let order = units.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        var load = [Double](repeating: 0, count: shards)
        var assignment = [Int](repeating: 0, count: units.count)
        for j in order {
            var best = 0
            for k in 1..<max(1, shards) where load[k] < load[best] { best = k }
            load[best] += costs[j]
            assignment[j] = best + 1
        }
        count = shards
        self.units = units
        self.costs = costs
        self.assignment = assignment
        sensitivity = blocks.map(\.block)
        runs = units.indices.map { i in
            switch units[i] {
            case .run(let job):
                ShardRun(strategy: plan.strategies[job.strategy].name, point: job.point,
                         replication: job.replication, shard: assignment[i], cost: costs[i])
            case .rerun(let variant, let job):
                ShardRun(strategy: plan.strategies[job.strategy].name, point: job.point, replication: job.replication,
                         shard: assignment[i], cost: costs[i],
                         kind: .sensitivity(parameter: plan.sensitivity[variant].parameter, value: plan.sensitivity[variant].value))
            case .calibration:
                ShardRun(strategy: plan.baseline, point: 0, replication: 0, shard: assignment[i], cost: costs[i], kind: .calibration)
            }
        }
    }

    /// The runs of shard `k` (from 1), in plan order.
    public func jobs(of k: Int, in plan: ScenarioPlan) -> [RunJob] {
        zip(units, assignment).compactMap { unit, shard -> RunJob? in
            guard shard == k, case .run(let job) = unit else { return nil }
            return job
        }
    }

    /// The sensitivity reruns of shard `k`, in plan order: the variant (in `plan.sensitivity`) and job.
    public func reruns(of k: Int) -> [(variant: Int, job: RunJob)] {
        zip(units, assignment).compactMap { unit, shard -> (variant: Int, job: RunJob)? in
            guard shard == k, case .rerun(let v, let job) = unit else { return nil }
            return (v, job)
        }
    }

    /// The shard that computes the fit to counts; nil without one.
    public var calibrationShard: Int? {
        zip(units, assignment).first { $0.0 == .calibration }?.1
    }

    /// Total expected cost of shard `k`.
    public func cost(of k: Int) -> Double {
        zip(costs, assignment).filter { $0.1 == k }.reduce(0) { $0 + $1.0 }
    }

    /// What shard `k` stores about the split, run by `build`.
    public func info(shard k: Int, build: String) -> ShardInfo {
        ShardInfo(index: k, count: count, planHash: Self.hash(runs, count: count, sensitivity: sensitivity),
                  plan: runs, build: build, sensitivity: sensitivity)
    }

    /// SHA-256 of the shard count, every unit's key and shard, one line each, and the blocks
    /// of the sensitivity check: equal for shards of one split, different when the plan, its
    /// options or the count differ.
    public static func hash(_ runs: [ShardRun], count: Int, sensitivity: [SensitivityBlock] = []) -> String {
        var sha = SHA256()
        sha.update(Array("shards \(count)\n".utf8))
        for r in runs {
            var line = "\(r.strategy)\t\(r.point)\t\(r.replication)\t\(r.shard)"
            switch r.kind {
            case .run: break
            case .sensitivity(let p, let v): line += "\tsensitivity\t\(p)\t\(v)"
            case .calibration: line += "\tcalibration"
            }
            sha.update(Array((line + "\n").utf8))
        }
        for b in sensitivity { sha.update(Array("block\t\(b.parameter)\t\(b.value)\t\(b.isBase)\n".utf8)) }
        return sha.hexDigest()
    }
}
