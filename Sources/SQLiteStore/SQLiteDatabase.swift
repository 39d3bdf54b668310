import CSQLite

/// One connection to an SQLite database file.
///
/// A small safe wrapper: every failing call throws an `SQLiteError` carrying SQLite's message.
/// Not thread-safe: use a connection from one task at a time (wrap it in an actor to share it).
public final class SQLiteDatabase {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Read and write; the file is created when missing.
        case readWriteCreate
        /// Read and write an existing file.
        case readWrite
        /// Read only.
        case readOnly
    }

    let handle: OpaquePointer
    /// The file path the connection was opened with.
    public let path: String

    /// Opens (or creates) the database at `path`. Foreign keys are switched on and a busy
    /// timeout of `busyTimeoutMS` waits for other connections' locks.
    public init(path: String, mode: Mode = .readWriteCreate, busyTimeoutMS: Int32 = 5000) throws {
        var flags: Int32
        switch mode {
        case .readWriteCreate: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags = SQLITE_OPEN_READWRITE
        case .readOnly: flags = SQLITE_OPEN_READONLY
        }
        flags |= SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(message): \(path)")
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMS)
        handle = db
        self.path = path
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        // Statements are finalised by their own deinit; close_v2 defers until they are.
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that return no rows of interest.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// Compiles one SQL statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// Runs `sql` once with `values` bound to its parameters `?1, ?2, …`.
    public func run(_ sql: String, _ values: [any SQLiteBindable] = []) throws {
        let statement = try prepare(sql)
        try statement.bind(values)
        try statement.run()
    }

    /// All rows of a query, each as its cells in column order.
    public func query(_ sql: String, _ values: [any SQLiteBindable] = []) throws -> [[SQLiteValue]] {
        let statement = try prepare(sql)
        try statement.bind(values)
        var rows: [[SQLiteValue]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.value(at: $0) })
        }
        return rows
    }

    /// Runs `body` inside one transaction (`BEGIN IMMEDIATE`): committed when it returns,
    /// rolled back when it throws (the error is rethrown). Not reentrant.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // A failed COMMIT may already have rolled back; ignore a second error here.
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// True while a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The rowid of the most recent successful INSERT.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Rows inserted, updated or deleted by every statement since the connection opened.
    public var totalChanges: Int64 { sqlite3_total_changes64(handle) }

    /// Writes a compacted copy of the database to `path` (`VACUUM INTO`), which must not exist.
    public func vacuum(into path: String) throws {
        try run("VACUUM INTO ?1", [path])
    }

    /// True when a table (or view) of that name exists.
    public func tableExists(_ name: String) throws -> Bool {
        try !query("SELECT 1 FROM sqlite_master WHERE name = ?1 AND type IN ('table', 'view')", [name]).isEmpty
    }

    /// Column names of a table, in order.
    public func columns(of table: String) throws -> [String] {
        try query("SELECT name FROM pragma_table_info(?1) ORDER BY cid", [table]).compactMap {
            if case .text(let s) = $0[0] { return s } else { return nil }
        }
    }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func error(_ rc: Int32, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: rc, message: lastErrorMessage, sql: sql)
    }

    /// Quotes an identifier (table or column name) for SQL text: `"name"` with inner quotes doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        var quoted = "\""
        for c in name {
            if c == "\"" { quoted += "\"\"" } else { quoted.append(c) }
        }
        return quoted + "\""
    }
}
