import SQLiteStore

/// One run of a sharded plan: its key (strategy, sweep point by position in `run_meta`,
/// replication), the shard that runs it (from 1) and its expected cost.
public struct ShardRun: Sendable, Equatable {
    public var strategy: String
    /// Position of the run's sweep point in `run_meta_sweep_points`.
    public var point: Int
    public var replication: Int
    public var shard: Int
    /// Expected cost (simulated seconds × vehicles per second): what the split balances.
    public var cost: Double

    public init(strategy: String, point: Int, replication: Int, shard: Int, cost: Double) {
        self.strategy = strategy; self.point = point; self.replication = replication
        self.shard = shard; self.cost = cost
    }
}

/// What makes a results database a shard (`ngatu run --shard K/N`): which part it is and the
/// whole split, so that `ngatu merge` can tell a missing, duplicated or foreign shard from the
/// databases alone. Only shard databases hold these tables:
///
/// ```sql
/// shard (shard, shards, plan_hash, build)                        -- exactly one row
/// shard_plan (position, strategy, point, replication, shard, cost) -- every run of the plan
/// ```
public struct ShardInfo: Sendable, Equatable {
    /// This shard, from 1.
    public var index: Int
    /// Shards in the split.
    public var count: Int
    /// Fingerprint of the split (`plan`, `count`): shards of one split carry the same.
    public var planHash: String
    /// Every run of the whole plan in plan order, with its shard.
    public var plan: [ShardRun]
    /// The build of ngatu that ran the shard (`BuildIdentity`, the SHA-256 of its executable):
    /// shards merge only with the build that wrote them.
    public var build: String

    public init(index: Int, count: Int, planHash: String, plan: [ShardRun], build: String) {
        self.index = index; self.count = count; self.planHash = planHash; self.plan = plan; self.build = build
    }

    /// The runs of shard `k`, in plan order.
    public func runs(of k: Int) -> [ShardRun] { plan.filter { $0.shard == k } }
}

enum ShardSchema {
    static func write(_ info: ShardInfo, to db: SQLiteDatabase) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS shard (
              shard INTEGER NOT NULL, shards INTEGER NOT NULL, plan_hash TEXT NOT NULL, build TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shard_plan (
              position INTEGER PRIMARY KEY, strategy TEXT NOT NULL, point INTEGER NOT NULL,
              replication INTEGER NOT NULL, shard INTEGER NOT NULL, cost REAL NOT NULL);
            DELETE FROM shard; DELETE FROM shard_plan;
            """)
        try db.run("INSERT INTO shard VALUES (?1, ?2, ?3, ?4)", [info.index, info.count, info.planHash, info.build])
        let row = try db.prepare("INSERT INTO shard_plan VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for (i, r) in info.plan.enumerated() {
            try row.bind([i, r.strategy, r.point, r.replication, r.shard, r.cost]); try row.run()
        }
    }

    static func read(from db: SQLiteDatabase) throws -> ShardInfo? {
        guard try db.tableExists("shard"), try db.tableExists("shard_plan") else { return nil }
        // A shard written before builds were recorded reads as of an unknown build.
        let build = try db.columns(of: "shard").contains("build") ? "build" : "''"
        let s = try db.prepare("SELECT shard, shards, plan_hash, \(build) FROM shard")
        guard try s.step(), let index = s.int(0), let count = s.int(1), let hash = s.string(2), let made = s.string(3) else {
            throw ResultStoreError.notAResultsDatabase("\(db.path): its shard table is empty")
        }
        var plan: [ShardRun] = []
        let p = try db.prepare("SELECT strategy, point, replication, shard, cost FROM shard_plan ORDER BY position")
        while try p.step() {
            guard let strategy = p.string(0), let point = p.int(1), let r = p.int(2), let k = p.int(3), let cost = p.double(4) else {
                throw ResultDecodingError(table: "shard_plan", column: "*", found: Cell(p.value(at: 0)))
            }
            plan.append(ShardRun(strategy: strategy, point: point, replication: r, shard: k, cost: cost))
        }
        return ShardInfo(index: index, count: count, planHash: hash, plan: plan, build: made)
    }
}

extension ResultStore {
    /// Marks this database as shard `info.index` of a split (replacing any mark), in one transaction.
    public func writeShard(_ info: ShardInfo) throws {
        try database.transaction { try ShardSchema.write(info, to: database) }
    }

    /// The shard this database is, or nil when it holds the results of a whole plan.
    public func shard() throws -> ShardInfo? { try ShardSchema.read(from: database) }
}
