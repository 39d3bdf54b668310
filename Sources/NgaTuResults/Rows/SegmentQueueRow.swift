import SQLiteStore

/// The queue at every directed segment's stop line over one run, at the run's samples: table
/// `segment_queues` of results.sqlite, one row per segment of the first replication of every
/// strategy and sweep point (one real trajectory, not a mean that smooths every queue away),
/// for the report's animated playback. The samples are `first_s + k × step_s`; `queued_pcu`
/// holds them as numbers in the CSV format separated by spaces (a row per sample and segment
/// would be 70 times the rows of `timeseries` on the flagship map).
public struct SegmentQueueRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    public var segment: String
    public var firstS: Double
    public var stepS: Double
    /// Queued PCU at each sample, rounded to 0.1.
    public var queuedPcu: [Double]

    public init(strategy: String, sweep: SweepPoint, replication: Int, segment: String, firstS: Double, stepS: Double,
                queuedPcu: [Double]) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication; self.segment = segment
        self.firstS = firstS; self.stepS = stepS; self.queuedPcu = queuedPcu
    }

    public static let tableName = "segment_queues"
    public static let trailingColumns: [Column] = [
        Column("replication", .integer), Column("segment", .text), Column("first_s", .real), Column("step_s", .real),
        Column("queued_pcu", .text),
    ]
    public static let keyColumns = ["replication", "segment"]

    public var trailingCells: [Cell] {
        [replication.cell, .text(segment), firstS.cell, stepS.cell,
         .text(queuedPcu.map { NumberFormat.format(($0 * 10).rounded() / 10) }.joined(separator: " "))]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        let text = try r.string(4)
        var values: [Double] = []
        for part in text.split(separator: " ") {
            guard let v = Double(part), v.isFinite else {
                throw ResultDecodingError(table: Self.tableName, column: "queued_pcu", found: .text(String(part)))
            }
            values.append(v)
        }
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), segment: try r.string(1),
                  firstS: try r.double(2), stepS: try r.double(3), queuedPcu: values)
    }
}
