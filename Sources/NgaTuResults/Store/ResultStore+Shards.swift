import SQLiteStore

extension ResultStore {
    /// The per-run tables: every row table with a `replication` column (a table added later
    /// is merged too), in the order they are created.
    static var perRunTables: [any ResultRow.Type] {
        rowTables.filter { $0.trailingColumns.contains { $0.name == "replication" } }
    }

    /// Copies the raw per-run rows of the shard databases at `paths` into this (empty, same
    /// metadata) database, in one transaction, so that it holds what a single run of the whole
    /// plan stores, and so that `copy(to:)` then writes the same bytes as after that run:
    ///
    /// - the map, incident and background tables (`MapGeometrySchema.tables`) from the first
    ///   shard (every shard stores the same);
    /// - the tables with a `replication` column shard after shard, each in its stored order:
    ///   `copy(to:)` puts runs in key order and keeps a run's rows in their stored order;
    /// - `controller_inputs` (one set per strategy and sweep point, stored with its first run,
    ///   a set's rows in stored order) by strategy and sweep values, the order `copy(to:)`
    ///   gives them (whether it sorts or, runs being stored in key order, keeps rowid order).
    ///
    /// The caller checks beforehand that the shards are of one plan and that each run is
    /// stored exactly once.
    public func appendShards(_ paths: [String]) throws {
        forgetWrittenRows()
        let inputs = ControllerInputRow.tableName
        let inputColumns = try database.columns(of: inputs).map(SQLiteDatabase.quoteIdentifier).joined(separator: ", ")
        // The shards' controller inputs wait in a temporary table (not part of the file) until
        // every shard is read: SQLite attaches only a few databases at once.
        try database.execute("""
            DROP TABLE IF EXISTS temp.shard_inputs;
            CREATE TEMP TABLE shard_inputs AS SELECT 0 AS shard_no, 0 AS stored, \(inputColumns) FROM main.\(inputs) LIMIT 0;
            """)
        for (i, path) in paths.enumerated() {
            try database.run("ATTACH DATABASE ?1 AS shard", [path])
            do {
                try database.transaction {
                    if i == 0 {
                        for table in MapGeometrySchema.tables { try copyRows(table) }
                    }
                    for table in Self.perRunTables { try copyRows(table.tableName) }
                    try database.run("""
                        INSERT INTO temp.shard_inputs SELECT ?1, rowid, \(inputColumns) FROM shard.\(inputs) ORDER BY rowid
                        """, [i])
                }
            } catch {
                try? database.execute("DETACH DATABASE shard")
                throw error
            }
            try database.execute("DETACH DATABASE shard")
        }
        let keyOrder = (["strategy"] + sweepKeys).map(SQLiteDatabase.quoteIdentifier).joined(separator: ", ")
        try database.execute("""
            INSERT OR IGNORE INTO main.\(inputs) (\(inputColumns)) SELECT \(inputColumns)
            FROM temp.shard_inputs ORDER BY \(keyOrder), shard_no, stored
            """)
        try database.execute("DROP TABLE temp.shard_inputs")
    }

    /// Appends every row of `table` in the attached shard, in its stored order, column by
    /// column name (this database's columns).
    private func copyRows(_ table: String) throws {
        let columns = try database.columns(of: table).map(SQLiteDatabase.quoteIdentifier).joined(separator: ", ")
        let q = SQLiteDatabase.quoteIdentifier(table)
        try database.execute("INSERT INTO main.\(q) (\(columns)) SELECT \(columns) FROM shard.\(q) ORDER BY rowid")
    }

    /// The runs stored, as keys (the shard check compares them with the plan).
    public func storedRunKeys() throws -> [RunKey] { try rows(RunRow.self).map(\.key) }
}
