import SQLiteStore

/// One unit of work of a sharded plan: a run (strategy, sweep point by position in
/// `run_meta`, replication), a rerun of it for the sensitivity check, or the fit to counts;
/// with the shard that does it (from 1) and its expected cost.
public struct ShardRun: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A run of the comparison.
        case run
        /// The run again with one estimated parameter at another value (`sensitivity:`).
        case sensitivity(parameter: String, value: Double)
        /// The fit to counts of a calibrated scenario (`calibration:`): the baseline at demand
        /// ×1 over every replication (strategy: the baseline, point 0, replication 0).
        case calibration
    }

    public var strategy: String
    /// Position of the run's sweep point in `run_meta_sweep_points`.
    public var point: Int
    public var replication: Int
    public var shard: Int
    /// Expected cost (simulated seconds × vehicles per second): what the split balances.
    public var cost: Double
    public var kind: Kind

    public init(strategy: String, point: Int, replication: Int, shard: Int, cost: Double, kind: Kind = .run) {
        self.strategy = strategy; self.point = point; self.replication = replication
        self.shard = shard; self.cost = cost; self.kind = kind
    }
}

/// What makes a results database a shard (`ngatu run --shard K/N`): which part it is and the
/// whole split, so that `ngatu merge` can tell a missing, duplicated or foreign shard from the
/// databases alone. Only shard databases hold these tables:
///
/// ```sql
/// shard (shard, shards, plan_hash, build)                        -- exactly one row
/// shard_plan (position, strategy, point, replication, shard, cost, kind, parameter, value)
///                                        -- every unit of the plan; kind run, sensitivity or calibration
/// shard_sensitivity (position, parameter, value, base)           -- the blocks of sensitivity.csv
/// shard_sensitivity_runs (strategy, SWEEP, parameter, value, <runs columns>)  -- its reruns
/// shard_calibration_file (counts)                                 -- with the fit to counts:
/// shard_calibration (position, site, from_time, to_time, interval_s, line, observed, simulated, geh, note)
/// ```
public struct ShardInfo: Sendable, Equatable {
    /// This shard, from 1.
    public var index: Int
    /// Shards in the split.
    public var count: Int
    /// Fingerprint of the split (`plan`, `count`): shards of one split carry the same.
    public var planHash: String
    /// Every unit of the whole plan in plan order, with its shard.
    public var plan: [ShardRun]
    /// The build of ngatu that ran the shard (`BuildIdentity`, the SHA-256 of its executable):
    /// shards merge only with the build that wrote them.
    public var build: String
    /// The blocks of the sensitivity check (empty without one), in the order `SensitivityTable` takes them.
    public var sensitivity: [SensitivityBlock]

    public init(index: Int, count: Int, planHash: String, plan: [ShardRun], build: String,
                sensitivity: [SensitivityBlock] = []) {
        self.index = index; self.count = count; self.planHash = planHash; self.plan = plan; self.build = build
        self.sensitivity = sensitivity
    }

    /// The runs of the comparison in shard `k`, in plan order.
    public func runs(of k: Int) -> [ShardRun] { plan.filter { $0.shard == k && $0.kind == .run } }

    /// The sensitivity reruns of shard `k`, in plan order.
    public func reruns(of k: Int) -> [ShardRun] {
        plan.filter { r in
            guard case .sensitivity = r.kind else { return false }
            return r.shard == k
        }
    }

    /// The shard that computes the fit to counts; nil without one.
    public var calibrationShard: Int? { plan.first { $0.kind == .calibration }?.shard }
}

enum ShardSchema {
    static func write(_ info: ShardInfo, to db: SQLiteDatabase) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS shard (
              shard INTEGER NOT NULL, shards INTEGER NOT NULL, plan_hash TEXT NOT NULL, build TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shard_plan (
              position INTEGER PRIMARY KEY, strategy TEXT NOT NULL, point INTEGER NOT NULL,
              replication INTEGER NOT NULL, shard INTEGER NOT NULL, cost REAL NOT NULL,
              kind TEXT NOT NULL, parameter TEXT, value REAL);
            CREATE TABLE IF NOT EXISTS shard_sensitivity (
              position INTEGER PRIMARY KEY, parameter TEXT NOT NULL, value REAL NOT NULL, base INTEGER NOT NULL);
            DELETE FROM shard; DELETE FROM shard_plan; DELETE FROM shard_sensitivity;
            """)
        try db.run("INSERT INTO shard VALUES (?1, ?2, ?3, ?4)", [info.index, info.count, info.planHash, info.build])
        let row = try db.prepare("INSERT INTO shard_plan VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        for (i, r) in info.plan.enumerated() {
            let kind: (String, SQLiteValue, SQLiteValue)
            switch r.kind {
            case .run: kind = ("run", .null, .null)
            case .sensitivity(let p, let v): kind = ("sensitivity", .text(p), .real(v))
            case .calibration: kind = ("calibration", .null, .null)
            }
            try row.bind([i, r.strategy, r.point, r.replication, r.shard, r.cost, kind.0, kind.1, kind.2])
            try row.run()
        }
        let block = try db.prepare("INSERT INTO shard_sensitivity VALUES (?1, ?2, ?3, ?4)")
        for (i, b) in info.sensitivity.enumerated() {
            try block.bind([i, b.parameter, b.value, b.isBase ? 1 : 0]); try block.run()
        }
    }

    static func read(from db: SQLiteDatabase) throws -> ShardInfo? {
        guard try db.tableExists("shard"), try db.tableExists("shard_plan") else { return nil }
        // A shard written before builds and units were recorded reads as of an unrecorded
        // build (which no merge accepts) holding runs only.
        let build = try db.columns(of: "shard").contains("build") ? "build" : "''"
        let s = try db.prepare("SELECT shard, shards, plan_hash, \(build) FROM shard")
        guard try s.step(), let index = s.int(0), let count = s.int(1), let hash = s.string(2), let made = s.string(3) else {
            throw ResultStoreError.notAResultsDatabase("\(db.path): its shard table is empty")
        }
        let kinds = try db.columns(of: "shard_plan").contains("kind") ? "kind, parameter, value" : "'run', NULL, NULL"
        var plan: [ShardRun] = []
        let p = try db.prepare("SELECT strategy, point, replication, shard, cost, \(kinds) FROM shard_plan ORDER BY position")
        while try p.step() {
            guard let strategy = p.string(0), let point = p.int(1), let r = p.int(2), let k = p.int(3), let cost = p.double(4),
                  let kindName = p.string(5) else {
                throw ResultDecodingError(table: "shard_plan", column: "*", found: Cell(p.value(at: 0)))
            }
            let kind: ShardRun.Kind
            switch kindName {
            case "run": kind = .run
            case "calibration": kind = .calibration
            case "sensitivity":
                guard let parameter = p.string(6), let value = p.double(7) else {
                    throw ResultDecodingError(table: "shard_plan", column: "parameter", found: Cell(p.value(at: 6)))
                }
                kind = .sensitivity(parameter: parameter, value: value)
            default: throw ResultDecodingError(table: "shard_plan", column: "kind", found: .text(kindName))
            }
            plan.append(ShardRun(strategy: strategy, point: point, replication: r, shard: k, cost: cost, kind: kind))
        }
        var blocks: [SensitivityBlock] = []
        if try db.tableExists("shard_sensitivity") {
            let b = try db.prepare("SELECT parameter, value, base FROM shard_sensitivity ORDER BY position")
            while try b.step() {
                guard let parameter = b.string(0), let value = b.double(1), let base = b.int(2) else {
                    throw ResultDecodingError(table: "shard_sensitivity", column: "*", found: Cell(b.value(at: 0)))
                }
                blocks.append(SensitivityBlock(parameter: parameter, value: value, isBase: base != 0))
            }
        }
        return ShardInfo(index: index, count: count, planHash: hash, plan: plan, build: made, sensitivity: blocks)
    }

    static func writeCalibration(_ fit: CalibrationFit, to db: SQLiteDatabase) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS shard_calibration_file (counts TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shard_calibration (
              position INTEGER PRIMARY KEY, site TEXT NOT NULL, from_time TEXT NOT NULL, to_time TEXT NOT NULL,
              interval_s REAL NOT NULL, line INTEGER NOT NULL, observed REAL NOT NULL, simulated REAL NOT NULL,
              geh REAL NOT NULL, note TEXT NOT NULL);
            DELETE FROM shard_calibration_file; DELETE FROM shard_calibration;
            """)
        try db.run("INSERT INTO shard_calibration_file VALUES (?1)", [fit.counts])
        let row = try db.prepare("INSERT INTO shard_calibration VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        for (i, r) in fit.rows.enumerated() {
            try row.bind([i, r.site, r.from, r.to, r.intervalS, r.line, r.observed, r.simulated, r.geh, r.note])
            try row.run()
        }
    }

    static func readCalibration(from db: SQLiteDatabase) throws -> CalibrationFit? {
        guard try db.tableExists("shard_calibration_file"), try db.tableExists("shard_calibration") else { return nil }
        let f = try db.prepare("SELECT counts FROM shard_calibration_file")
        guard try f.step(), let counts = f.string(0) else { return nil }
        var rows: [CalibrationRow] = []
        let r = try db.prepare("""
            SELECT site, from_time, to_time, interval_s, line, observed, simulated, geh, note FROM shard_calibration ORDER BY position
            """)
        while try r.step() {
            guard let site = r.string(0), let from = r.string(1), let to = r.string(2), let interval = r.double(3),
                  let line = r.int(4), let observed = r.double(5), let simulated = r.double(6), let geh = r.double(7),
                  let note = r.string(8) else {
                throw ResultDecodingError(table: "shard_calibration", column: "*", found: Cell(r.value(at: 0)))
            }
            rows.append(CalibrationRow(site: site, from: from, to: to, intervalS: interval, line: line, observed: observed,
                                       simulated: simulated, geh: geh, note: note))
        }
        return CalibrationFit(rows: rows, counts: counts)
    }
}

extension ResultStore {
    /// Marks this database as shard `info.index` of a split (replacing any mark), in one transaction.
    public func writeShard(_ info: ShardInfo) throws {
        canonicalStage = nil
        try database.transaction { try ShardSchema.write(info, to: database) }
    }

    /// The shard this database is, or nil when it holds the results of a whole plan.
    public func shard() throws -> ShardInfo? { try ShardSchema.read(from: database) }

    /// Stores the fit to counts this shard computed (replacing any), in one transaction.
    public func writeCalibration(_ fit: CalibrationFit) throws {
        canonicalStage = nil
        try database.transaction { try ShardSchema.writeCalibration(fit, to: database) }
    }

    /// The fit to counts a shard stored, or nil.
    public func calibration() throws -> CalibrationFit? { try ShardSchema.readCalibration(from: database) }

    /// Stores one rerun of the sensitivity check (its own transaction, so that `--resume`
    /// keeps it); the table is made with the first.
    public func insert(_ rerun: SensitivityRunRow) throws {
        canonicalStage = nil
        try database.transaction {
            if try !database.tableExists(SensitivityRunRow.tableName) {
                try database.execute(Self.createSQL(SensitivityRunRow.self, sweepKeys: sweepKeys))
            }
        }
        try insert([rerun])
    }

    /// The sensitivity reruns stored (none when the table is absent).
    public func sensitivityReruns() throws -> [SensitivityRunRow] { try rowsIfPresent(SensitivityRunRow.self) }
}
