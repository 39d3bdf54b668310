import CSQLite

/// A compiled SQL statement with typed parameter binds and column reads.
///
/// Parameters are numbered from 1 (`?1`, `?2`, …); columns from 0, as in SQLite's C API.
public final class SQLiteStatement {
    private let handle: OpaquePointer
    /// The connection is kept alive as long as its statements.
    private let database: SQLiteDatabase
    public let sql: String

    init(database: SQLiteDatabase, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw database.error(rc, sql: sql)
        }
        self.handle = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding

    /// Binds one value to parameter `index` (1-based).
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
        case .real(let d): rc = sqlite3_bind_double(handle, index, d)
        case .text(var s):
            // The UTF-8 bytes in place, up to the first NUL (where SQLite's own C-string length
            // would stop): no C string is made and freed per bind (half the cost of a text).
            rc = s.withUTF8 { bytes in
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                guard let base = bytes.baseAddress, length > 0 else {
                    return sqlite3_bind_text(handle, index, "", 0, ngatu_sqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: length) {
                    sqlite3_bind_text(handle, index, $0, Int32(length), ngatu_sqlite_transient())
                }
            }
        }
        guard rc == SQLITE_OK else { throw database.error(rc, sql: sql) }
    }

    /// Binds any bindable Swift value (Int, Int64, Double, String, or an optional of one).
    public func bind(_ value: some SQLiteBindable, at index: Int32) throws {
        try bind(value.sqliteValue, at: index)
    }

    /// Resets the statement and binds `values` to parameters 1, 2, … in order.
    public func bind(_ values: [any SQLiteBindable]) throws {
        reset()
        guard values.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "statement has \(sqlite3_bind_parameter_count(handle)) parameters, \(values.count) values given",
                              sql: sql)
        }
        for (i, v) in values.enumerated() { try bind(v.sqliteValue, at: Int32(i + 1)) }
    }

    // MARK: Stepping

    /// Advances to the next row: true when a row is available, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, sql: sql)
        }
    }

    /// Steps until done, for statements that return no rows (INSERT, UPDATE, DDL).
    public func run() throws {
        while try step() {}
    }

    /// Makes the statement ready to run again, keeping the bound values (for a caller that
    /// binds every parameter anew).
    public func rewind() {
        sqlite3_reset(handle)
    }

    /// Makes the statement ready to run again; bound values are cleared too.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Reading columns of the current row

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// The cell as an integer, nil when NULL.
    public func int64(_ index: Int) -> Int64? {
        isNull(index) ? nil : sqlite3_column_int64(handle, Int32(index))
    }

    public func int(_ index: Int) -> Int? { int64(index).map { Int($0) } }

    /// The cell as a double, nil when NULL.
    public func double(_ index: Int) -> Double? {
        isNull(index) ? nil : sqlite3_column_double(handle, Int32(index))
    }

    /// The cell as text, nil when NULL.
    public func string(_ index: Int) -> String? {
        guard !isNull(index), let p = sqlite3_column_text(handle, Int32(index)) else { return nil }
        return String(cString: p)
    }

    /// The cell with its storage class.
    public func value(at index: Int) -> SQLiteValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, Int32(index)))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, Int32(index)))
        case SQLITE_NULL: return .null
        default: return string(index).map { .text($0) } ?? .null
        }
    }
}
