import SQLiteStore

/// Errors of the results database beyond SQLite's own.
public enum ResultStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A resume found results of another scenario (or another sweep) at the partial path.
    case incompatibleResume(String)
    /// The file is not a results database of this version.
    case notAResultsDatabase(String)
    /// A run record holds a row of another run.
    case mismatchedRecord(String)
    /// A sweep key would clash with a column of the tables.
    case invalidSweepKey(String)
    /// `create` found a file already at the path.
    case alreadyExists(String)
    /// `open` found no file at the path.
    case missing(String)

    public var description: String {
        switch self {
        case .incompatibleResume(let m): "cannot resume: \(m)"
        case .notAResultsDatabase(let m): "not a Ngã Tư results database: \(m)"
        case .mismatchedRecord(let m): "run record mixes runs: \(m)"
        case .invalidSweepKey(let m): "invalid sweep key: \(m)"
        case .alreadyExists(let path): "a file already exists at \(path)"
        case .missing(let path): "no results database at \(path)"
        }
    }
}

/// `results.sqlite`: every results table plus the metadata, in SQLite.
///
/// Schema (version 1, `PRAGMA user_version = 1`): one table per `ResultRow` type, named by its
/// `tableName`, with the columns `strategy TEXT, <one REAL column per sweep key>, <trailing
/// columns>` (NOT NULL unless optional) and a UNIQUE constraint on strategy, sweep and the
/// row type's `keyColumns`; plus the metadata tables (see `MetaSchema`). Rows are read back in
/// `RowOrder`.
///
/// Writes are transactions: `insert(_:)` stores one finished run atomically, so after a crash
/// `completedRuns()` lists exactly the runs that are completely stored.
///
/// Not thread-safe: use from one task (e.g. inside the runner's collecting actor).
public final class ResultStore {
    public static let schemaVersion = 1

    /// Every row type, in the order tables are created.
    static let rowTables: [any ResultRow.Type] = [
        RunRow.self, ComparisonRow.self, JunctionRow.self, TimeSeriesRow.self, JunctionRunRow.self,
        SignalTimingRow.self, SignalPhaseRow.self, ControllerInputRow.self, WarningRow.self,
        JunctionQueueRow.self, SensitivityRow.self, MovementRow.self, MovementRunRow.self, RoadRow.self, RoadRunRow.self,
        SegmentQueueRow.self, DifferenceRow.self,
    ]

    let database: SQLiteDatabase
    /// The SWEEP columns of every table.
    public let sweepKeys: [String]
    private var insertStatements: [String: SQLiteStatement] = [:]
    /// The metadata as last read or written: `rows(_:)` needs it for every table, and reading
    /// it is five queries. Cleared by every write to the metadata.
    private var cachedMeta: RunMeta?
    /// Each result table's stored columns (they never change once the table exists).
    private var storedColumns: [String: Set<String>] = [:]
    /// Rows of a table as last read, until the table is written again: `finish` reads the
    /// per-run tables for the aggregates and again for the files.
    private var cachedRows: [String: Any] = [:]
    /// Each table's rows as reading them back would give them, kept while every row of the
    /// table was written through this store since the table was empty (a run's store, created
    /// fresh): `finish` then needs no read of the per-run tables from SQLite, which cost about
    /// as much as writing them. A table is absent when its rows are not all known (a resumed
    /// or merged database, `INSERT OR IGNORE`, a cell SQLite might store otherwise, a failed
    /// transaction): it is then read from the database.
    private var writtenRows: [String: Any] = [:]
    /// The map geometry as this store last wrote it, in the form reading it back gives (see
    /// `MapGeometrySchema.asStored`): the roads' shapes are text in the file, and parsing them
    /// back was most of loading the full Ninh Kiều map's results. Nil when not known.
    var writtenMap: MapGeometrySchema.Geometry?
    /// How far this store's writes have followed the canonical sequence (see `CanonicalStage`),
    /// or nil once they left it: then the published file is rebuilt by `copy(to:)`.
    var canonicalStage: CanonicalStage?
    /// The strategies and sweep points with a run stored (canonical writes only).
    private var storedGroups: Set<String> = []

    private init(database: SQLiteDatabase, sweepKeys: [String]) {
        self.database = database; self.sweepKeys = sweepKeys
    }

    public var path: String { database.path }

    // MARK: Opening

    /// Creates a new results database at `path` with the tables for `meta.sweep.keys` and
    /// stores `meta`. Fails if a file is already there.
    public static func create(at path: String, meta: RunMeta) throws -> ResultStore {
        try validate(sweepKeys: meta.sweep.keys)
        if try fileExists(path) {
            throw ResultStoreError.alreadyExists(path)
        }
        let schema = try canonicalSchema(sweepKeys: meta.sweep.keys)
        let db = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        let store = ResultStore(database: db, sweepKeys: meta.sweep.keys)
        try db.transaction {
            for entry in schema { try db.execute(entry.sql) }
            for table in rowTables { store.writtenRows[table.tableName] = noRows(table) }
            try MetaSchema.write(meta, to: db)
            try db.execute("PRAGMA user_version = \(schemaVersion)")
        }
        store.canonicalStage = meta.finishedAt == nil ? .created : nil
        return store
    }

    /// Every table of a new database, as `create` makes them, in name order (the order the
    /// published copy always had, which `sqlite3 .dump` follows). Their UNIQUE constraints are
    /// SQLite's own indexes; there is no other index.
    static func canonicalSchema(sweepKeys: [String]) throws -> [SchemaEntry] {
        let tables = rowTables.map { ($0.tableName, createSQL($0, sweepKeys: sweepKeys)) }
            + MetaSchema.tables.map { ($0.name, $0.sql) } + MapGeometrySchema.tableSQL.map { ($0.name, $0.sql) }
        return tables.sorted { $0.0 < $1.0 }.map { SchemaEntry(type: "table", name: $0.0, sql: $0.1) }
    }

    /// The tables and indexes of the database attached as `name` to `db` (not SQLite's own),
    /// ordered as `canonicalSchema`.
    static func schema(of db: SQLiteDatabase, in name: String) throws -> [SchemaEntry] {
        try db.query("""
            SELECT type, name, sql FROM \(SQLiteDatabase.quoteIdentifier(name)).sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'index')
            ORDER BY type DESC, name
            """).compactMap { row in
            guard case .text(let type) = row[0], case .text(let name) = row[1], case .text(let sql) = row[2] else { return nil }
            return SchemaEntry(type: type, name: name, sql: sql)
        }
    }

    struct SchemaEntry: Equatable {
        var type: String, name: String, sql: String
    }

    /// Opens an existing results database (e.g. for `ngatu report`).
    public static func open(at path: String, readOnly: Bool = true) throws -> ResultStore {
        guard try fileExists(path) else {
            throw ResultStoreError.missing(path)
        }
        let db = try SQLiteDatabase(path: path, mode: readOnly ? .readOnly : .readWrite)
        let version = try db.query("PRAGMA user_version").first?.first
        guard version == .integer(Int64(schemaVersion)), try db.tableExists("run_meta") else {
            let found: String
            switch version {
            case .integer(let n) where n != 0: found = "schema version \(n); this ngatu reads version \(schemaVersion)"
            default: found = "it holds no ngatu run metadata"
            }
            throw ResultStoreError.notAResultsDatabase("\(path): \(found)")
        }
        let meta = try MetaSchema.read(from: db)
        return ResultStore(database: db, sweepKeys: meta.sweep.keys)
    }

    /// For a run that may resume: opens the database at `path` when it exists and was made for
    /// the same scenario (same `scenarioHash` and sweep keys), replacing its metadata by `meta`
    /// but keeping the original `startedAt`; otherwise creates it. Throws
    /// `ResultStoreError.incompatibleResume` when the stored scenario differs.
    public static func openForResume(at path: String, meta: RunMeta) throws -> ResultStore {
        guard try fileExists(path) else { return try create(at: path, meta: meta) }
        let store = try open(at: path, readOnly: false)
        let stored = try store.meta()
        guard stored.scenarioHash == meta.scenarioHash else {
            throw ResultStoreError.incompatibleResume(
                "\(path) holds results of scenario \(stored.scenarioID) with hash \(stored.scenarioHash), not \(meta.scenarioHash)")
        }
        guard stored.sweep.keys == meta.sweep.keys else {
            throw ResultStoreError.incompatibleResume("\(path) was swept over \(stored.sweep.keys), not \(meta.sweep.keys)")
        }
        store.canonicalStage = nil
        var updated = meta
        updated.startedAt = stored.startedAt
        try store.database.transaction { try MetaSchema.write(updated, to: store.database) }
        store.cachedMeta = nil
        return store
    }

    // MARK: Writing

    /// Stores one finished run (its runs row, junction rows, time series, timing, controller
    /// inputs and warnings) in one transaction. Throws, storing nothing, when the run is
    /// already stored or a row belongs to another run.
    public func insert(_ record: RunRecord) throws {
        if let m = record.mismatch() { throw ResultStoreError.mismatchedRecord(m) }
        // In the order of `runTables`: `copy(to:)` writes a run's rows in that order too.
        let group = Self.groupKey(record.key.strategy, record.key.sweep)
        var newInputs: Int64 = 0
        try transaction {
            try insertRows([record.run])
            try insertRows(record.junctions)
            try insertRows(record.timeSeries)
            try insertRows(record.signalTiming)
            try insertRows(record.signalPhases)
            let before = database.totalChanges
            try insertRows(record.controllerInputs, orIgnore: true)
            newInputs = database.totalChanges - before
            try insertRows(record.warnings)
            try insertRows(record.junctionQueues)
            try insertRows(record.movements)
            try insertRows(record.roads)
            try insertRows(record.segmentQueues)
        }
        // The canonical file has a strategy and sweep point's controller inputs with its first
        // run: a later run adding some leaves the sequence.
        advance(to: .runs, leaving: newInputs > 0 && storedGroups.contains(group))
        if canonicalStage != nil { storedGroups.insert(group) }
    }

    /// The per-run tables in the order `insert(_:)` writes a run's rows.
    static let runTables: [any ResultRow.Type] = [
        RunRow.self, JunctionRunRow.self, TimeSeriesRow.self, SignalTimingRow.self, SignalPhaseRow.self,
        ControllerInputRow.self, WarningRow.self, JunctionQueueRow.self, MovementRunRow.self, RoadRunRow.self,
        SegmentQueueRow.self,
    ]

    private static func groupKey(_ strategy: String, _ point: SweepPoint) -> String {
        strategy + "\u{0}" + point.values.map { String($0.bitPattern) }.joined(separator: ",") + "\u{0}" + (point.variant ?? "")
    }

    /// The canonical sequence of writes, in this order. Two files written by it from the same
    /// rows are the same file byte for byte, whatever order the runs finished in: `copy(to:)`
    /// writes it, and a store whose own writes followed it (`isCanonicalFile`) is published as
    /// it is. Every stage is one transaction.
    enum CanonicalStage: Int, Comparable {
        /// `create`: the schema (`canonicalSchema`), the metadata without `finished_at`.
        case created
        /// The map's geometry, incidents and background (skipped when there is none).
        case map
        /// One transaction per run, the runs in key order (strategy, sweep values,
        /// replication), a run's rows table by table in `runTables` order; a strategy and
        /// sweep point's controller inputs with its first run.
        case runs
        /// The sensitivity table (skipped when empty).
        case sensitivity
        /// `comparison`, `junctions` and `differences` (skipped when all are empty).
        case aggregates
        /// `movements` and `roads` (skipped when both are empty).
        case movementAggregates
        /// `finished_at` (skipped while there is none).
        case finished

        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// Records a write of `stage`: the store leaves the canonical sequence when the stage comes
    /// out of order (only runs repeat) or `leaving` is true.
    func advance(to stage: CanonicalStage, leaving: Bool = false) {
        guard let current = canonicalStage else { return }
        canonicalStage = leaving || stage < current || stage == current && stage != .runs ? nil : stage
    }

    /// True when the canonical sequence writes nothing for `stage`: the store follows it, has
    /// not reached the stage (so the stage's tables are empty) and has nothing to write.
    private func skips(_ stage: CanonicalStage, empty: Bool) -> Bool {
        guard empty, let current = canonicalStage else { return false }
        return current < stage
    }

    /// True when this store's file is the canonical file of its contents, what `copy(to:)`
    /// would write byte for byte: made by `create`, every write in the canonical sequence, the
    /// runs stored in key order. Then the file itself can be published instead of a copy.
    public var isCanonicalFile: Bool {
        guard canonicalStage != nil else { return false }
        let keyOrder = (["strategy"] + sweepKeys + ["replication"]).map(SQLiteDatabase.quoteIdentifier).joined(separator: ", ")
        guard let rowids = try? database.query("SELECT rowid FROM runs ORDER BY \(keyOrder)") else { return false }
        return rowids.enumerated().allSatisfy { i, row in row.first == .integer(Int64(i + 1)) }
    }

    /// Inserts rows of one table in one transaction. `orIgnore`: a row whose key is already
    /// stored is skipped instead of failing.
    public func insert<R: ResultRow>(_ rows: [R], orIgnore: Bool = false) throws {
        canonicalStage = nil
        try transaction { try insertRows(rows, orIgnore: orIgnore) }
    }

    /// A transaction of the row tables: when it fails (rolled back), the rows kept in memory
    /// are forgotten, since some of them were never stored.
    func transaction(_ body: () throws -> Void) throws {
        do { try database.transaction(body) } catch {
            writtenRows.removeAll()
            canonicalStage = nil
            throw error
        }
    }

    /// True when the rows of `table` are kept as written (tests).
    func keepsWrittenRows(of table: String) -> Bool { writtenRows[table] != nil }

    /// Forgets the rows kept in memory (rows were written to the tables by plain SQL).
    func forgetWrittenRows() { writtenRows.removeAll(); cachedRows.removeAll(); writtenMap = nil; canonicalStage = nil }

    /// Replaces the aggregate tables (`comparison`, `junctions`, `differences`) in one
    /// transaction; a database made before `differences` existed gains it.
    public func replaceAggregates(comparison: [ComparisonRow], junctions: [JunctionRow], differences: [DifferenceRow] = []) throws {
        if skips(.aggregates, empty: comparison.isEmpty && junctions.isEmpty && differences.isEmpty) { return }
        advance(to: .aggregates)
        try transaction {
            if try !database.tableExists(DifferenceRow.tableName) {
                try database.execute(Self.createSQL(DifferenceRow.self, sweepKeys: sweepKeys))
                storedColumns[DifferenceRow.tableName] = nil
            }
            try database.execute("DELETE FROM comparison; DELETE FROM junctions; DELETE FROM \(DifferenceRow.tableName)")
            writtenRows[ComparisonRow.tableName] = [ComparisonRow]()
            writtenRows[JunctionRow.tableName] = [JunctionRow]()
            writtenRows[DifferenceRow.tableName] = [DifferenceRow]()
            try insertRows(comparison)
            try insertRows(junctions)
            try insertRows(differences)
        }
    }

    /// Replaces `movements` and `roads` (the means over replications) in one transaction; a
    /// database made before the tables existed gains them.
    public func replaceMovementAggregates(movements: [MovementRow], roads: [RoadRow]) throws {
        if skips(.movementAggregates, empty: movements.isEmpty && roads.isEmpty) { return }
        advance(to: .movementAggregates)
        try transaction {
            for table in [MovementRow.self, RoadRow.self] as [any ResultRow.Type] where try !database.tableExists(table.tableName) {
                try database.execute(Self.createSQL(table, sweepKeys: sweepKeys))
                storedColumns[table.tableName] = nil
            }
            try database.execute("DELETE FROM \(MovementRow.tableName); DELETE FROM \(RoadRow.tableName)")
            writtenRows[MovementRow.tableName] = [MovementRow]()
            writtenRows[RoadRow.tableName] = [RoadRow]()
            try insertRows(movements)
            try insertRows(roads)
        }
    }

    /// Rows of a table added after version 1: none when the database predates it.
    func rowsIfPresent<R: ResultRow>(_ type: R.Type) throws -> [R] {
        try database.tableExists(R.tableName) ? rows(type) : []
    }

    /// Replaces the sensitivity table (rows in the order given: they are read back in it), in
    /// one transaction; a database made before the table existed gains it.
    public func replaceSensitivity(_ rows: [SensitivityRow]) throws {
        if skips(.sensitivity, empty: rows.isEmpty) { return }
        advance(to: .sensitivity)
        try transaction {
            if try !database.tableExists(SensitivityRow.tableName) {
                try database.execute(Self.createSQL(SensitivityRow.self, sweepKeys: sweepKeys))
                storedColumns[SensitivityRow.tableName] = nil
            }
            try database.execute("DELETE FROM \(SensitivityRow.tableName)")
            writtenRows[SensitivityRow.tableName] = [SensitivityRow]()
            try insertRows(rows)
        }
    }

    /// True when the sensitivity rows are stored (a resumed run does not rerun them).
    public func hasSensitivity() throws -> Bool {
        guard try database.tableExists(SensitivityRow.tableName) else { return false }
        return try !database.query("SELECT 1 FROM \(SensitivityRow.tableName) LIMIT 1").isEmpty
    }

    /// Records the end time of the run.
    public func setFinishedAt(_ time: String?) throws {
        if skips(.finished, empty: time == nil) { return }
        advance(to: .finished, leaving: time == nil)
        cachedMeta = nil
        do { try database.run("UPDATE run_meta SET finished_at = ?1", [time]) } catch {
            canonicalStage = nil
            throw error
        }
    }

    /// Writes the canonical file of this database's contents to `path` (which must not exist):
    /// the same bytes whatever order the runs were stored in. The partial database holds runs
    /// in the order they finished (which depends on `--jobs`, a resume, a merge of shards), so
    /// the file is written afresh by the canonical sequence (`CanonicalStage`): the schema and
    /// metadata as `create` writes them, the map, then each run in key order (strategy, sweep
    /// values, replication) in its own transaction, its rows in their stored order, then the
    /// sensitivity table, the aggregates and the finish time, each as the store's own methods
    /// write them. Rows are copied by SQL from the attached database, each record as it is
    /// stored. A store that followed that sequence itself (`isCanonicalFile`) already is this
    /// file. Only `run_meta`'s start and finish times can then differ between two runs.
    ///
    /// A database whose tables are not those of `create` (a shard's, or one written by an older
    /// version) is copied table by table instead (`copyTableByTable`).
    public func copy(to path: String) throws {
        if try Self.fileExists(path) { throw ResultStoreError.alreadyExists(path) }
        let schema = try Self.canonicalSchema(sweepKeys: sweepKeys)
        guard try Self.schema(of: database, in: "main") == schema else {
            try copyTableByTable(to: path)
            return
        }
        var meta = try MetaSchema.read(from: database)
        let finishedAt = meta.finishedAt
        meta.finishedAt = nil
        let target = try ResultStore.create(at: path, meta: meta)
        let db = target.database
        try db.run("ATTACH DATABASE ?1 AS source", [database.path])
        defer { try? db.execute("DETACH DATABASE source") }
        func q(_ s: String) -> String { SQLiteDatabase.quoteIdentifier(s) }
        func hasRows(_ table: String) throws -> Bool {
            try !db.query("SELECT 1 FROM source.\(q(table)) LIMIT 1").isEmpty
        }
        func copyAll(_ table: String) throws {
            try db.execute("INSERT INTO main.\(q(table)) SELECT * FROM source.\(q(table)) ORDER BY rowid")
        }
        // The map, as `writeMapGeometry` writes it.
        if try MapGeometrySchema.tables.contains(where: hasRows) {
            try db.transaction {
                try MapGeometrySchema.create(in: db)
                try db.execute("DELETE FROM map_junctions; DELETE FROM map_roads; DELETE FROM incidents; DELETE FROM map_background")
                for table in ["map_background", "map_junctions", "map_roads", "incidents"] { try copyAll(table) }
            }
        }
        // The runs in key order, each as `insert(_:)` writes it.
        let keyColumns = ["strategy"] + sweepKeys
        let keyOrder = (keyColumns + ["replication"]).map(q).joined(separator: ", ")
        let runs = try db.query("SELECT \(keyOrder) FROM source.runs ORDER BY \(keyOrder)")
        let groupMatch = keyColumns.enumerated().map { "\(q($1)) = ?\($0 + 1)" }.joined(separator: " AND ")
        let runMatch = groupMatch + " AND \(q("replication")) = ?\(keyColumns.count + 1)"
        let statements = try Self.runTables.map { table -> SQLiteStatement in
            let name = q(table.tableName)
            return table == ControllerInputRow.self
                ? try db.prepare("INSERT OR IGNORE INTO main.\(name) SELECT * FROM source.\(name) WHERE \(groupMatch) ORDER BY rowid")
                : try db.prepare("INSERT INTO main.\(name) SELECT * FROM source.\(name) WHERE \(runMatch) ORDER BY rowid")
        }
        var previousGroup: [SQLiteValue]?
        for run in runs {
            let group = Array(run.dropLast())
            let firstOfGroup = group != previousGroup
            previousGroup = group
            try db.transaction {
                for (table, statement) in zip(Self.runTables, statements) {
                    let isInputs = table == ControllerInputRow.self
                    if isInputs && !firstOfGroup { continue }
                    statement.rewind()
                    for (i, value) in (isInputs ? group : run).enumerated() { try statement.bind(value, at: Int32(i + 1)) }
                    try statement.run()
                }
            }
        }
        for statement in statements { statement.reset() }
        // Sensitivity, aggregates and finish time, as `replaceSensitivity`,
        // `replaceAggregates`, `replaceMovementAggregates` and `setFinishedAt` write them.
        for tables in [[SensitivityRow.tableName], [ComparisonRow.tableName, JunctionRow.tableName, DifferenceRow.tableName],
                       [MovementRow.tableName, RoadRow.tableName]] where try tables.contains(where: hasRows) {
            try db.transaction {
                try db.execute(tables.map { "DELETE FROM \($0);" }.joined(separator: " "))
                for table in tables { try copyAll(table) }
            }
        }
        if let finishedAt { try db.run("UPDATE run_meta SET finished_at = ?1", [finishedAt]) }
    }

    /// The copy of a database whose tables are not those `create` makes: a compact copy, tables
    /// and indexes created in name order, the rows of the per-run tables in run key order
    /// (strategy, sweep values, replication) and within a run in their stored order, numbered
    /// 1, 2, … in that order, whatever order they were stored in.
    ///
    /// Each table is filled by `INSERT INTO t SELECT * FROM source.t`, which SQLite runs as its
    /// transfer (the way `VACUUM` copies): records copied as they are, then each UNIQUE index
    /// in its key order. A per-run table whose stored rows are not already in key order,
    /// numbered 1, 2, … (runs that finished out of order), is first put in that order in a
    /// temporary table of the same definition and transferred from there, so both ways give
    /// the same file.
    func copyTableByTable(to path: String) throws {
        if try Self.fileExists(path) { throw ResultStoreError.alreadyExists(path) }
        let target = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        try target.run("ATTACH DATABASE ?1 AS source", [database.path])
        let schema = try target.query("""
            SELECT type, name, sql FROM source.sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'index')
            ORDER BY type DESC, name
            """)
        let keyOrder = (["strategy"] + sweepKeys + ["replication"]).map(SQLiteDatabase.quoteIdentifier).joined(separator: ", ")
        let runsInKeyOrder = try Self.runsStoredInKeyOrder(target, keyOrder: keyOrder)
        let staging = "ngatu_copy_staging"
        try target.transaction {
            for entry in schema {
                guard case .text(let type) = entry[0], case .text(let name) = entry[1], case .text(let sql) = entry[2] else { continue }
                try target.execute(sql)
                guard type == "table" else { continue }
                let q = SQLiteDatabase.quoteIdentifier(name)
                let columns = try target.query("SELECT name FROM pragma_table_info(?1, 'source') ORDER BY cid", [name])
                    .compactMap { row -> String? in if case .text(let c) = row[0] { return c } else { return nil } }
                // A run's rows keep their stored order (junctions as the simulator lists them);
                // runs come in key order instead of the order they finished.
                // `controller_inputs` keeps the rows of the first run stored per strategy and
                // sweep point: ordered by those, not by which run finished first.
                let perRun = columns.contains("replication") || name == ControllerInputRow.tableName
                let prefix = "CREATE TABLE \(name) ("
                if perRun, try !runsInKeyOrder || !Self.numberedFromOne(target, table: q) {
                    let order = (["strategy"] + sweepKeys + ["replication"]).filter(columns.contains)
                        .map(SQLiteDatabase.quoteIdentifier) + ["rowid"]
                    let sorted = "SELECT * FROM source.\(q) ORDER BY " + order.joined(separator: ", ")
                    guard sql.hasPrefix(prefix) else {
                        // Not a table this code made: inserted row by row in key order.
                        try target.execute("INSERT INTO main.\(q) " + sorted)
                        continue
                    }
                    try target.execute("CREATE TEMP TABLE \(staging) (" + sql.dropFirst(prefix.count))
                    try target.execute("INSERT INTO temp.\(staging) " + sorted)
                    try target.execute("INSERT INTO main.\(q) SELECT * FROM temp.\(staging)")
                    try target.execute("DROP TABLE temp.\(staging)")
                } else {
                    try target.execute("INSERT INTO main.\(q) SELECT * FROM source.\(q)")
                }
            }
            if case .integer(let version) = try target.query("PRAGMA source.user_version").first?.first {
                try target.execute("PRAGMA main.user_version = \(version)")
            }
        }
        try target.execute("DETACH DATABASE source")
    }

    /// True when the source table's rows are numbered 1, 2, … with no gap (as a table only ever
    /// appended to is): a transfer keeps the numbers, so they must be those a fresh insert in
    /// stored order would give.
    private static func numberedFromOne(_ db: SQLiteDatabase, table q: String) throws -> Bool {
        let row = try db.query("SELECT count(*), coalesce(max(rowid), 0) FROM source.\(q)").first
        return row?.first == row?.last
    }

    /// True when the source's runs were stored in key order (strategy, sweep values,
    /// replication, as `copy` orders them): then every per-run table is in that order too,
    /// since `insert(_:)` stores all of a run's rows in one transaction, run after run.
    private static func runsStoredInKeyOrder(_ db: SQLiteDatabase, keyOrder: String) throws -> Bool {
        guard try !db.query("SELECT 1 FROM source.sqlite_master WHERE type = 'table' AND name = 'runs'").isEmpty else { return false }
        let rowids = try db.query("SELECT rowid FROM source.runs ORDER BY \(keyOrder)").map { row -> Int64 in
            if case .integer(let n) = row[0] { return n } else { return -1 }
        }
        return zip(rowids, rowids.dropFirst()).allSatisfy { $0 < $1 } && !rowids.contains(-1)
    }

    private func insertRows<R: ResultRow>(_ rows: [R], orIgnore: Bool = false) throws {
        cachedRows[R.tableName] = nil
        guard !rows.isEmpty else { return }
        // Taken out while rows are added (one owner, no copy); put back only when all went in.
        var kept = orIgnore ? nil : writtenRows.removeValue(forKey: R.tableName) as? [R]
        if orIgnore { writtenRows[R.tableName] = nil }
        let variants = sweepKeys.contains(Sweep.variantKey) ? try meta().variantNames : []
        let columns = R.columnNames(sweepKeys: sweepKeys)
        // Rows go in `perStatement` at a time, by one statement of that many rows (about 256
        // parameters: preparing a longer statement costs more than it saves), the rest one by
        // one: running a statement cost SQLite more than inserting its row (grid of `make
        // compare`: 11,600 instructions a row of `junction_queues` one by one, 4,600 by 42).
        // The same rows in the same order, so the same table.
        let perStatement = max(1, min(64, 256 / columns.count))
        var used: [SQLiteStatement] = []
        var start = 0
        while start < rows.count {
            let n = rows.count - start >= perStatement ? perStatement : 1
            // Rows of one run (or one strategy and sweep point) share the statement's first
            // parameters for strategy and sweep values: bound once, not once a row (a text
            // bind cost SQLite more than the rest of a row's numbers).
            let first = rows[start]
            let shared = n > 1 && rows[(start + 1)..<(start + n)].allSatisfy { $0.strategy == first.strategy && $0.sweep == first.sweep }
            let statement = try insertStatement(R.tableName, columns: columns, rows: n, orIgnore: orIgnore, shared: shared)
            if !used.contains(where: { $0 === statement }) { used.append(statement) }
            statement.rewind()
            // Bound cell by cell: no array of cells or of boxed values per row.
            var i: Int32 = 0
            if shared {
                i += 1
                try statement.bind(.text(first.strategy), at: i)
                for key in sweepKeys {
                    i += 1
                    try statement.bind(first.sweep.cell(of: key).sqliteValue, at: i)
                }
            }
            for row in rows[start..<(start + n)] {
                if !shared {
                    i += 1
                    try statement.bind(.text(row.strategy), at: i)
                    for key in sweepKeys {
                        i += 1
                        try statement.bind(row.sweep.cell(of: key).sqliteValue, at: i)
                    }
                }
                let cells = row.trailingCells
                for cell in cells {
                    i += 1
                    try statement.bind(cell.sqliteValue, at: i)
                }
                if kept != nil {
                    if let back = readBack(row, cells: cells, variants: variants) { kept!.append(back) } else { kept = nil }
                }
            }
            try statement.run()
            start += n
        }
        for statement in used { statement.reset() }
        if let kept { writtenRows[R.tableName] = kept }
    }

    /// The prepared statement inserting `rows` rows into `table` (kept for the next call).
    /// `shared`: every row takes its strategy and sweep values from parameters 1, 2, …
    /// (bound once), its other cells from the parameters after them.
    private func insertStatement(_ table: String, columns: [String], rows: Int, orIgnore: Bool, shared: Bool = false) throws -> SQLiteStatement {
        let verb = orIgnore ? "INSERT OR IGNORE" : "INSERT"
        let key = "\(verb) \(table) \(rows)\(shared ? " shared" : "")"
        if let cached = insertStatements[key] { return cached }
        // The text built in bytes (a 64-row statement is some 2,000 pieces).
        var sql = TextBytes(capacity: 64 + columns.count * (24 + rows * 6))
        sql.append("\(verb) INTO \(table) (\(columns.map(SQLiteDatabase.quoteIdentifier).joined(separator: ", "))) VALUES ")
        let leading = 1 + sweepKeys.count
        var parameter = shared ? leading : 0
        for r in 0..<rows {
            sql.append(r == 0 ? "(" : ", (")
            for c in 0..<columns.count {
                sql.append(c == 0 ? "?" : ", ?")
                if shared && c < leading {
                    sql.append(integer: c + 1)
                } else {
                    parameter += 1
                    sql.append(integer: parameter)
                }
            }
            sql.append(byte: UInt8(ascii: ")"))
        }
        let statement = try database.prepare(sql.string)
        insertStatements[key] = statement
        return statement
    }

    /// `row` as `rows(_:)` would read it back from its table, or nil when that is not certain
    /// (then the table is read from the database): SQLite stores a REAL `-0.0` as 0, an
    /// integer in a REAL column as a real, NaN as NULL, and text up to a NUL character.
    private func readBack<R: ResultRow>(_ row: R, cells: [Cell], variants: [String]) -> R? {
        let point = row.sweep
        guard point.keys == sweepKeys, !row.strategy.utf8.contains(0) else { return nil }
        for (key, value) in zip(point.keys, point.values) {
            if key == Sweep.variantKey {
                guard let name = point.variant, let i = variants.firstIndex(of: name), Double(i) == value else { return nil }
            } else if value.isNaN || value == 0 && value.sign == .minus {
                return nil
            }
        }
        let columns = R.trailingColumns
        guard cells.count == columns.count else { return nil }
        var stored = cells
        for (i, column) in columns.enumerated() {
            switch (column.type, cells[i]) {
            case (_, .null):
                guard column.optional else { return nil }
            case (.real, .real(let x)):
                if x.isNaN {
                    guard column.optional else { return nil }
                    stored[i] = .null
                } else if x == 0 {
                    stored[i] = .real(0)
                }
            case (.real, .integer(let n)):
                stored[i] = .real(Double(n))
            case (.integer, .integer):
                break
            case (.text, .text(let t)):
                guard !t.utf8.contains(0) else { return nil }
            default:
                return nil
            }
        }
        // Segment queues: the samples as their text reads back, without writing and parsing it.
        if R.self == SegmentQueueRow.self, let q = row as? SegmentQueueRow, let samples = SegmentQueueRow.storedSamples(q.queuedPcu),
           case .integer(let replication) = stored[0], case .text(let segment) = stored[1],
           case .real(let first) = stored[2], case .real(let step) = stored[3] {
            return SegmentQueueRow(strategy: row.strategy, sweep: point, replication: Int(replication), segment: segment,
                                   firstS: first, stepS: step, queuedPcu: samples) as? R
        }
        return try? R(strategy: row.strategy, sweep: point, trailingCells: stored)
    }

    // MARK: Reading

    public func meta() throws -> RunMeta {
        if let cachedMeta { return cachedMeta }
        let m = try MetaSchema.read(from: database)
        cachedMeta = m
        return m
    }

    /// Every row of one table, in `RowOrder` of the stored metadata.
    public func rows<R: ResultRow>(_ type: R.Type) throws -> [R] {
        if let cached = cachedRows[R.tableName] as? [R] { return cached }
        if let written = writtenRows[R.tableName] as? [R] {
            let sorted = RowOrder(meta: try meta()).sorted(written) { _ in [] }
            cachedRows[R.tableName] = sorted
            return sorted
        }
        let columns = R.columnNames(sweepKeys: sweepKeys)
        // Columns added after a database was written read as missing (NULL): older results
        // still open, and their rows say the value is unknown rather than zero.
        let stored: Set<String>
        if let known = storedColumns[R.tableName] { stored = known } else {
            stored = Set(try database.columns(of: R.tableName))
            if !stored.isEmpty { storedColumns[R.tableName] = stored }
        }
        let select = columns.map { stored.contains($0) ? SQLiteDatabase.quoteIdentifier($0) : "NULL" }
        let statement = try database.prepare(
            "SELECT \(select.joined(separator: ", ")) FROM \(R.tableName) ORDER BY rowid")
        let k = sweepKeys.count
        let variants = sweepKeys.contains(Sweep.variantKey) ? try meta().variantNames : []
        var rows: [R] = []
        // Consecutive rows mostly share their sweep point: made once per run of equal values.
        var lastPoint: SweepPoint?
        while try statement.step() {
            guard let strategy = statement.string(0) else {
                throw ResultDecodingError(table: R.tableName, column: "strategy", found: Cell(statement.value(at: 0)))
            }
            var values: [Double] = []
            var variant: String?
            for i in 0..<k {
                if sweepKeys[i] == Sweep.variantKey {
                    guard let name = statement.string(1 + i), let position = variants.firstIndex(of: name) else {
                        throw ResultDecodingError(table: R.tableName, column: sweepKeys[i], found: Cell(statement.value(at: 1 + i)))
                    }
                    variant = name
                    values.append(Double(position))
                    continue
                }
                guard let v = statement.double(1 + i) else {
                    throw ResultDecodingError(table: R.tableName, column: sweepKeys[i], found: Cell(statement.value(at: 1 + i)))
                }
                values.append(v)
            }
            let trailing = (1 + k..<columns.count).map { Cell(statement.value(at: $0)) }
            let point: SweepPoint
            if let lastPoint, lastPoint.values == values, lastPoint.variant == variant { point = lastPoint } else {
                point = SweepPoint(keys: sweepKeys, values: values, variant: variant)
                lastPoint = point
            }
            rows.append(try R(strategy: strategy, sweep: point, trailingCells: trailing))
        }
        let sorted = RowOrder(meta: try meta()).sorted(rows) { _ in [] }
        cachedRows[R.tableName] = sorted
        return sorted
    }

    /// Every table and the metadata, canonically ordered: all a report needs.
    public func loadTables() throws -> ResultTables {
        let map = try mapGeometry()
        return ResultTables(
            meta: try meta(), runs: try rows(RunRow.self), comparison: try rows(ComparisonRow.self),
            junctions: try rows(JunctionRow.self), junctionRuns: try rows(JunctionRunRow.self),
            timeSeries: try rows(TimeSeriesRow.self), signalTiming: try rows(SignalTimingRow.self),
            signalPhases: try rows(SignalPhaseRow.self), controllerInputs: try rows(ControllerInputRow.self),
            warnings: try rows(WarningRow.self),
            // Results written before the table existed read as having no junction queues.
            junctionQueues: try database.tableExists(JunctionQueueRow.tableName) ? rows(JunctionQueueRow.self) : [],
            mapJunctions: map.junctions, mapRoads: map.roads, incidents: map.incidents,
            mapBackground: try mapBackground(),
            sensitivity: try database.tableExists(SensitivityRow.tableName) ? rows(SensitivityRow.self) : [],
            movements: try rowsIfPresent(MovementRow.self), movementRuns: try rowsIfPresent(MovementRunRow.self),
            roads: try rowsIfPresent(RoadRow.self), roadRuns: try rowsIfPresent(RoadRunRow.self),
            segmentQueues: try rowsIfPresent(SegmentQueueRow.self),
            differences: try rowsIfPresent(DifferenceRow.self)
        ).canonicallyOrdered().withDifferences()
    }

    /// The runs completely stored: what a resumed run skips.
    public func completedRuns() throws -> Set<RunKey> {
        Set(try rows(RunRow.self).map(\.key))
    }

    // MARK: Schema

    /// An empty list of `table`'s rows (a table just created holds none).
    private static func noRows<R: ResultRow>(_ table: R.Type) -> Any { [R]() }

    static func createSQL(_ table: any ResultRow.Type, sweepKeys: [String]) -> String {
        func q(_ s: String) -> String { SQLiteDatabase.quoteIdentifier(s) }
        var defs = ["\(q("strategy")) TEXT NOT NULL"]
        defs += sweepKeys.map { "\(q($0)) \($0 == Sweep.variantKey ? "TEXT" : "REAL") NOT NULL" }
        defs += table.trailingColumns.map { "\(q($0.name)) \($0.type.rawValue)\($0.optional ? "" : " NOT NULL")" }
        if !table.keyColumns.isEmpty {
            defs.append("UNIQUE (" + (["strategy"] + sweepKeys + table.keyColumns).map(q).joined(separator: ", ") + ")")
        }
        return "CREATE TABLE \(table.tableName) (\n  " + defs.joined(separator: ",\n  ") + "\n)"
    }

    static func validate(sweepKeys: [String]) throws {
        guard sweepKeys.contains(Sweep.demandScaleKey) else {
            throw ResultStoreError.invalidSweepKey("demand_scale missing from \(sweepKeys)")
        }
        var reserved: Set<String> = ["strategy"]
        for t in rowTables { reserved.formUnion(t.trailingColumns.map(\.name)) }
        for key in sweepKeys {
            if reserved.contains(key) { throw ResultStoreError.invalidSweepKey("\(key) is also a column name") }
            if key.isEmpty || key.contains(";") { throw ResultStoreError.invalidSweepKey("'\(key)'") }
        }
    }

    static func fileExists(_ path: String) throws -> Bool {
        FileProbe.exists(path)
    }
}
