import SQLiteStore

/// The metadata tables of `results.sqlite`:
///
/// ```sql
/// run_meta (scenario, scenario_hash, title, question, language, map, map_attribution,
///           seed, seeds, replications, software_version, started_at, finished_at,
///           baseline, sweep_keys)                      -- exactly one row
/// run_meta_strategies (position, strategy, controller) -- scenario order
/// run_meta_parameters (strategy, position, key, value) -- controller parameters as text
/// run_meta_sweep_points (point, key, value)            -- sweep points in run order
/// run_meta_properties (position, key, value)           -- anything else, as text
/// ```
/// `seeds` and `sweep_keys` are lists joined by `;`.
enum MetaSchema {
    /// The metadata tables: name and `CREATE TABLE` statement (as `sqlite_master` keeps it).
    static let tables: [(name: String, sql: String)] = [
        ("run_meta", """
            CREATE TABLE run_meta (
              scenario TEXT NOT NULL, scenario_hash TEXT NOT NULL, title TEXT NOT NULL,
              question TEXT, language TEXT NOT NULL, map TEXT, map_attribution TEXT NOT NULL,
              seed INTEGER NOT NULL, seeds TEXT NOT NULL, replications INTEGER NOT NULL,
              software_version TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
              baseline TEXT NOT NULL, sweep_keys TEXT NOT NULL)
            """),
        ("run_meta_strategies", """
            CREATE TABLE run_meta_strategies (
              position INTEGER PRIMARY KEY, strategy TEXT NOT NULL UNIQUE, controller TEXT NOT NULL)
            """),
        ("run_meta_parameters", """
            CREATE TABLE run_meta_parameters (
              strategy TEXT NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
              PRIMARY KEY (strategy, position))
            """),
        ("run_meta_sweep_points", """
            CREATE TABLE run_meta_sweep_points (
              point INTEGER NOT NULL, key TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (point, key))
            """),
        ("run_meta_properties", """
            CREATE TABLE run_meta_properties (
              position INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT NOT NULL)
            """),
    ]

    static func create(in db: SQLiteDatabase) throws {
        for table in tables { try db.execute(table.sql) }
    }

    /// Replaces the stored metadata (inside the caller's transaction).
    static func write(_ m: RunMeta, to db: SQLiteDatabase) throws {
        try db.execute("""
            DELETE FROM run_meta; DELETE FROM run_meta_strategies; DELETE FROM run_meta_parameters;
            DELETE FROM run_meta_sweep_points; DELETE FROM run_meta_properties;
            """)
        try db.run("""
            INSERT INTO run_meta VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """, [m.scenarioID, m.scenarioHash, m.title, m.question, m.language, m.mapID, m.mapAttribution,
                  m.seed, m.seeds.map(String.init).joined(separator: ";"), m.replications,
                  m.softwareVersion, m.startedAt, m.finishedAt, m.baseline,
                  m.sweep.keys.joined(separator: ";")])
        let strategy = try db.prepare("INSERT INTO run_meta_strategies VALUES (?1, ?2, ?3)")
        let parameter = try db.prepare("INSERT INTO run_meta_parameters VALUES (?1, ?2, ?3, ?4)")
        for (i, s) in m.strategies.enumerated() {
            try strategy.bind([i, s.name, s.controller]); try strategy.run()
            for (j, p) in s.parameters.enumerated() {
                try parameter.bind([s.name, j, p.key, p.value]); try parameter.run()
            }
        }
        let point = try db.prepare("INSERT INTO run_meta_sweep_points VALUES (?1, ?2, ?3)")
        for (i, p) in m.sweep.points.enumerated() {
            for (k, v) in zip(p.keys, p.values) { try point.bind([i, k, v]); try point.run() }
        }
        let property = try db.prepare("INSERT INTO run_meta_properties VALUES (?1, ?2, ?3)")
        for (i, p) in m.properties.enumerated() { try property.bind([i, p.key, p.value]); try property.run() }
    }

    static func read(from db: SQLiteDatabase) throws -> RunMeta {
        let s = try db.prepare("""
            SELECT scenario, scenario_hash, title, question, language, map, map_attribution, seed, seeds,
                   replications, software_version, started_at, finished_at, baseline, sweep_keys FROM run_meta
            """)
        guard try s.step() else { throw ResultStoreError.notAResultsDatabase("run_meta is empty") }
        func text(_ i: Int) throws -> String {
            guard let t = s.string(i) else { throw ResultStoreError.notAResultsDatabase("run_meta column \(s.columnName(i)) is empty") }
            return t
        }
        let sweepKeys = try text(14).split(separator: ";").map(String.init)

        var strategies: [StrategyMeta] = []
        let st = try db.prepare("SELECT strategy, controller FROM run_meta_strategies ORDER BY position")
        let pa = try db.prepare("SELECT key, value FROM run_meta_parameters WHERE strategy = ?1 ORDER BY position")
        while try st.step() {
            let name = st.string(0) ?? "", controller = st.string(1) ?? ""
            var params: [MetaEntry] = []
            try pa.bind([name])
            while try pa.step() { params.append(MetaEntry(pa.string(0) ?? "", pa.string(1) ?? "")) }
            strategies.append(StrategyMeta(name: name, controller: controller, parameters: params))
        }

        var pointValues: [Int: [String: Double]] = [:]
        let sp = try db.prepare("SELECT point, key, value FROM run_meta_sweep_points ORDER BY point")
        while try sp.step() { pointValues[sp.int(0) ?? 0, default: [:]][sp.string(1) ?? ""] = sp.double(2) }
        var points: [SweepPoint] = []
        for i in pointValues.keys.sorted() {
            let values = pointValues[i]!
            guard Set(values.keys) == Set(sweepKeys) else {
                throw ResultStoreError.notAResultsDatabase("sweep point \(i) has keys \(values.keys.sorted())")
            }
            points.append(SweepPoint(keys: sweepKeys, values: sweepKeys.map { values[$0]! }))
        }

        var properties: [MetaEntry] = []
        let pr = try db.prepare("SELECT key, value FROM run_meta_properties ORDER BY position")
        while try pr.step() { properties.append(MetaEntry(pr.string(0) ?? "", pr.string(1) ?? "")) }
        // A point's `variant` value is the variant's position: its name comes from `variants`.
        if sweepKeys.contains(Sweep.variantKey) {
            let names = properties.first { $0.key == "variants" }?.value.split(separator: ";").map(String.init) ?? []
            points = try points.map { p in
                guard let x = p[Sweep.variantKey], let i = Int(exactly: x), names.indices.contains(i) else {
                    throw ResultStoreError.notAResultsDatabase("sweep point \(p) names no variant of \(names)")
                }
                return p.inVariant(i, named: names[i])
            }
        }

        return RunMeta(
            scenarioID: try text(0), scenarioHash: try text(1), title: try text(2), question: s.string(3),
            language: try text(4), mapID: s.string(5), mapAttribution: try text(6), seed: s.int(7) ?? 0,
            seeds: try text(8).split(separator: ";").compactMap { Int($0) }, replications: s.int(9) ?? 0,
            softwareVersion: try text(10), startedAt: try text(11), finishedAt: s.string(12),
            strategies: strategies, baseline: try text(13),
            sweep: Sweep(keys: sweepKeys, points: points), properties: properties)
    }
}
