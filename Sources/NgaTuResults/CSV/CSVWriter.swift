public import Foundation
import SQLiteStore

/// Writes result tables as CSV: a header row, UTF-8 without byte-order mark, `.` as decimal
/// point, fields separated by `,`, each line ended by `\n` (LF).
///
/// Quoting follows RFC 4180: a field is enclosed in double quotes when it contains a comma, a
/// double quote, CR or LF, and a double quote inside it is doubled. Numbers follow
/// `NumberFormat`; a missing value is an empty cell. Rows are written in the order given (see
/// `ResultTables.canonicallyOrdered()`), so equal inputs give byte-identical files.
public struct CSVWriter: Sendable {
    /// The SWEEP columns, in order.
    public var sweepKeys: [String]
    /// The clock time of time 0 (seconds after midnight) when the scenario gives `start:`;
    /// `timeseries.csv` then ends with a `clock` column. Nil: the file is as in version 1.
    public var clockStart: Double?

    public init(sweepKeys: [String], clockStart: Double? = nil) {
        self.sweepKeys = sweepKeys; self.clockStart = clockStart
    }

    /// The four CSV files of formats.md, in the order they are written.
    public static let fileNames = ["runs.csv", "comparison.csv", "junctions.csv", "timeseries.csv"]
    /// Written besides them when the scenario asks for a sensitivity check.
    public static let sensitivityFileName = "sensitivity.csv"

    /// Turning movements and roads (formats.md additions), written with the four files.
    public static let movementsFileName = "movements.csv"
    public static let roadsFileName = "roads.csv"
    /// Each strategy against the baseline, paired by replication, with a verdict word.
    public static let differencesFileName = "differences.csv"

    /// The whole file text of a table.
    public func csv<R: ResultRow>(_ rows: [R]) -> String { csvText(rows).string }

    /// The file's text in bytes: each cell appended as bytes (a `String` append of every cell
    /// and comma was most of the files' cost), the same text.
    func csvText<R: ResultRow>(_ rows: [R]) -> TextBytes {
        var out = TextBytes(capacity: 64 + rows.count * 96)
        appendHeader(R.columnNames(sweepKeys: sweepKeys), to: &out)
        for row in rows {
            append(row, to: &out)
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out
    }

    func appendHeader(_ names: [String], to out: inout TextBytes) {
        for (i, name) in names.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: ",")) }
            Self.appendField(name, to: &out)
        }
        out.append(byte: UInt8(ascii: "\n"))
    }

    /// Appends a row's cells, separated by commas (no array of texts per row).
    func append<R: ResultRow>(_ row: R, to out: inout TextBytes) {
        Self.appendField(row.strategy, to: &out)
        for key in sweepKeys {
            out.append(byte: UInt8(ascii: ","))
            Self.append(row.sweep.cell(of: key), to: &out)
        }
        for cell in row.trailingCells {
            out.append(byte: UInt8(ascii: ","))
            Self.append(cell, to: &out)
        }
    }

    /// Writes one table to `url` (created or replaced) and flushes it to disk.
    public func write<R: ResultRow>(_ rows: [R], to url: URL) throws {
        try DurableFile.write(csvText(rows).bytes, to: url.path)
    }

    /// Writes `runs.csv`, `comparison.csv`, `junctions.csv`, `timeseries.csv`, `movements.csv`,
    /// `roads.csv` and `differences.csv` into `directory`, and `sensitivity.csv` when there are
    /// sensitivity rows.
    public func writeAll(_ tables: ResultTables, into directory: URL) throws {
        try write(tables.runs, to: directory.appendingPathComponent("runs.csv"))
        try write(tables.comparison, to: directory.appendingPathComponent("comparison.csv"))
        try write(tables.junctions, to: directory.appendingPathComponent("junctions.csv"))
        try DurableFile.write(timeSeriesText(tables.timeSeries).bytes,
                              to: directory.appendingPathComponent("timeseries.csv").path)
        try write(tables.movements, to: directory.appendingPathComponent(Self.movementsFileName))
        try write(tables.roads, to: directory.appendingPathComponent(Self.roadsFileName))
        try write(tables.differences, to: directory.appendingPathComponent(Self.differencesFileName))
        if !tables.sensitivity.isEmpty {
            try write(tables.sensitivity, to: directory.appendingPathComponent(Self.sensitivityFileName))
        }
    }

    /// `timeseries.csv`: the table, plus a last `clock` column (`06:20`) when `clockStart` is set.
    public func timeSeriesCSV(_ rows: [TimeSeriesRow]) -> String { timeSeriesText(rows).string }

    func timeSeriesText(_ rows: [TimeSeriesRow]) -> TextBytes {
        guard let start = clockStart else { return csvText(rows) }
        var out = TextBytes(capacity: 64 + rows.count * 96)
        appendHeader(TimeSeriesRow.columnNames(sweepKeys: sweepKeys) + ["clock"], to: &out)
        for row in rows {
            append(row, to: &out)
            out.append(byte: UInt8(ascii: ","))
            out.append(ClockText.format(row.timeS, start: start))
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out
    }

    /// One cell as CSV text.
    public static func cell(_ value: Cell) -> String {
        switch value {
        case .null: ""
        case .integer(let n): String(n)
        case .real(let d): NumberFormat.format(d)
        case .text(let s): field(s)
        }
    }

    /// A text field, quoted when RFC 4180 requires it.
    public static func field(_ s: String) -> String {
        var out = TextBytes()
        appendField(s, to: &out)
        return out.string
    }

    /// `cell(value)` appended.
    static func append(_ value: Cell, to out: inout TextBytes) {
        switch value {
        case .null: break
        case .integer(let n): out.append(integer: Int(n))
        case .real(let d): out.append(number: d)
        case .text(let s): appendField(s, to: &out)
        }
    }

    /// `field(s)` appended: the bytes as they are, or in quotes with each quote doubled.
    static func appendField(_ s: String, to out: inout TextBytes) {
        var s = s
        s.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
                || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            guard needsQuotes else { out.bytes.append(contentsOf: utf8); return }
            out.append(byte: UInt8(ascii: "\""))
            for b in utf8 {
                if b == UInt8(ascii: "\"") { out.append(byte: b) }
                out.append(byte: b)
            }
            out.append(byte: UInt8(ascii: "\""))
        }
    }
}
