import SQLiteStore

/// A cell of a result table, as a CSV cell or an SQLite value holds it: the results' own type,
/// so that SQLite stays behind `ResultStore` (nothing of SQLiteStore is in this module's API).
public enum Cell: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

extension Cell {
    init(_ value: SQLiteValue) {
        switch value {
        case .null: self = .null
        case .integer(let n): self = .integer(n)
        case .real(let x): self = .real(x)
        case .text(let t): self = .text(t)
        }
    }

    var sqliteValue: SQLiteValue {
        switch self {
        case .null: .null
        case .integer(let n): .integer(n)
        case .real(let x): .real(x)
        case .text(let t): .text(t)
        }
    }
}

/// Swift values as cells; NaN is a missing cell (SQLite would store NULL silently).
protocol CellConvertible { var cell: Cell { get } }
extension Int: CellConvertible { var cell: Cell { .integer(Int64(self)) } }
extension Int64: CellConvertible { var cell: Cell { .integer(self) } }
extension Double: CellConvertible { var cell: Cell { isNaN ? .null : .real(self) } }
extension String: CellConvertible { var cell: Cell { .text(self) } }
extension Optional: CellConvertible where Wrapped: CellConvertible { var cell: Cell { self?.cell ?? .null } }

/// The storage class of a result column (the same in CSV and SQLite).
public enum ColumnType: String, Sendable {
    case text = "TEXT"
    case integer = "INTEGER"
    case real = "REAL"
}

/// A column after the SWEEP columns of a table.
public struct Column: Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    /// True when a cell may be missing (an empty CSV cell, SQL NULL).
    public var optional: Bool

    public init(_ name: String, _ type: ColumnType, optional: Bool = false) {
        self.name = name; self.type = type; self.optional = optional
    }
}

/// A row of a results table. Every table starts `strategy, SWEEP`, then its own columns.
///
/// The CSV writer and the SQLite store both work from this description, so a CSV file and the
/// database table of the same name always have the same columns in the same order.
public protocol ResultRow: Sendable, Equatable {
    /// File stem and table name, e.g. `runs`.
    static var tableName: String { get }
    /// Columns after `strategy` and the SWEEP columns, in order.
    static var trailingColumns: [Column] { get }
    /// Trailing columns that, with `strategy` and SWEEP, identify a row (a UNIQUE constraint).
    /// Empty: rows need not be unique.
    static var keyColumns: [String] { get }

    var strategy: String { get }
    var sweep: SweepPoint { get }
    /// Cells of the trailing columns, in order.
    var trailingCells: [Cell] { get }

    /// Rebuilds a row from its strategy, sweep point and trailing cells.
    init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws
}

extension ResultRow {
    /// Every column name of the table for the given SWEEP keys, in order.
    public static func columnNames(sweepKeys: [String]) -> [String] {
        ["strategy"] + sweepKeys + trailingColumns.map(\.name)
    }

    /// Every cell of the row for the given SWEEP keys: a key the point lacks is a missing cell;
    /// `variant` holds the variant's name.
    public func cells(sweepKeys: [String]) -> [Cell] {
        [.text(strategy)] + sweepKeys.map { sweep.cell(of: $0) } + trailingCells
    }
}

/// A cell that does not hold what its column needs (reading a damaged or foreign database).
public struct ResultDecodingError: Error, Sendable, CustomStringConvertible {
    public var table: String
    public var column: String
    public var found: Cell

    public var description: String {
        let value: String
        switch found {
        case .null: value = "nothing"
        case .integer(let n): value = String(n)
        case .real(let x): value = String(x)
        case .text(let t): value = "text \"\(t.prefix(40))\(t.count > 40 ? "…" : "")\""
        }
        return "results table \(table), column \(column): unexpected value (\(value)); the database is damaged or not ngatu's"
    }
}

/// Typed reads of trailing cells, used by the rows' decoders.
struct CellReader {
    let table: String
    let columns: [Column]
    let cells: [Cell]

    init<R: ResultRow>(_ row: R.Type, _ cells: [Cell]) throws {
        table = R.tableName
        columns = R.trailingColumns
        self.cells = cells
        guard cells.count == columns.count else {
            throw ResultDecodingError(table: table, column: "*", found: .text("\(cells.count) cells for \(columns.count) columns"))
        }
    }

    private func fail(_ i: Int) -> ResultDecodingError {
        ResultDecodingError(table: table, column: columns[i].name, found: cells[i])
    }

    func optionalDouble(_ i: Int) throws -> Double? {
        switch cells[i] {
        case .null: return nil
        case .real(let d): return d
        case .integer(let n): return Double(n)
        case .text: throw fail(i)
        }
    }

    func double(_ i: Int) throws -> Double {
        guard let d = try optionalDouble(i) else { throw fail(i) }
        return d
    }

    func optionalInt(_ i: Int) throws -> Int? {
        switch cells[i] {
        case .null: return nil
        case .integer(let n): return Int(n)
        case .real(let d) where d == d.rounded() && abs(d) < 9.0e15: return Int(d)
        default: throw fail(i)
        }
    }

    func int(_ i: Int) throws -> Int {
        guard let n = try optionalInt(i) else { throw fail(i) }
        return n
    }

    func optionalString(_ i: Int) throws -> String? {
        switch cells[i] {
        case .null: return nil
        case .text(let s): return s
        default: throw fail(i)
        }
    }

    func string(_ i: Int) throws -> String {
        guard let s = try optionalString(i) else { throw fail(i) }
        return s
    }
}
