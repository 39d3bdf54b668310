/// An error reported by SQLite: its result code and its own message, plus the statement that
/// failed when there was one.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite's (extended) result code, e.g. 19 for a constraint violation.
    public var code: Int32
    /// SQLite's message (`sqlite3_errmsg`), or a description of a misuse of this wrapper.
    public var message: String
    /// The SQL text involved, when known.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code; self.message = message; self.sql = sql
    }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (in: \(sql))" }
        return "SQLite error \(code): \(message)"
    }
}
