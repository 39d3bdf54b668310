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
         .text(Self.samplesText(queuedPcu))]
    }

    /// The samples as the `queued_pcu` text: `sampleText` of each, separated by spaces, written
    /// into one buffer.
    static func samplesText(_ samples: [Double]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 4)
        for (i, x) in samples.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: " ")) }
            appendSample(x, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A sample as the table holds it: `NumberFormat.format` of the sample rounded to 0.1.
    /// Tenths below 10¹² are written from their integer (`12.3`, `-4`, `0`), which is what
    /// the formatter prints for them (the shortest text that reads back as the same number),
    /// without it: a run's segment queues are tens of thousands of samples.
    /// The samples as `samples(samplesText(xs))` reads them back, nil when a sample is
    /// written otherwise than from its integer number of tenths: each is its tenths over 10
    /// (the text `whole.digit` or `whole` parses back to exactly that), -0 as 0.
    static func storedSamples(_ xs: [Double]) -> [Double]? {
        var out = xs
        for (i, x) in xs.enumerated() {
            let r = (x * 10).rounded()
            guard r.magnitude < 1e13 else { return nil }
            out[i] = r == 0 ? 0 : r / 10
        }
        return out
    }

    static func sampleText(_ x: Double) -> String {
        var bytes: [UInt8] = []
        appendSample(x, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendSample(_ x: Double, to bytes: inout [UInt8]) {
        let r = (x * 10).rounded()
        guard r.magnitude < 1e13 else { bytes += NumberFormat.format(r / 10).utf8; return }
        let k = Int64(r), a = k.magnitude
        if k < 0 { bytes.append(UInt8(ascii: "-")) }
        // The whole part's digits, most significant first.
        var whole = a / 10, digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat { buffer[count] = UInt8(ascii: "0") + UInt8(whole % 10); whole /= 10; count += 1 } while whole != 0
            for j in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[j]) }
        }
        if a % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(a % 10))
        }
    }

    /// The samples of a `queued_pcu` text, nil when one is not a finite number. A plain
    /// decimal (`12.3`, `-4`; at most 15 digits) is its digits as an integer over a power of
    /// ten, one correctly rounded division (so the same number as `Double(text)` reads); any
    /// other text is read by `Double`.
    static func samples(_ text: String) -> [Double]? {
        let pow10: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
        var values: [Double] = []
        let bytes = text.utf8
        var i = bytes.startIndex
        while i != bytes.endIndex {
            if bytes[i] == UInt8(ascii: " ") { i = bytes.index(after: i); continue }
            let start = i
            var negative = false, digits = 0, decimals = 0, mantissa: UInt64 = 0, point = false, plain = true
            if bytes[i] == UInt8(ascii: "-") { negative = true; i = bytes.index(after: i) }
            while i != bytes.endIndex, bytes[i] != UInt8(ascii: " ") {
                let b = bytes[i]
                if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                    mantissa = mantissa &* 10 &+ UInt64(b - UInt8(ascii: "0"))
                    digits += 1
                    if point { decimals += 1 }
                } else if b == UInt8(ascii: "."), !point {
                    point = true
                } else {
                    plain = false
                }
                i = bytes.index(after: i)
            }
            // "5.", ".5", "-" and the like go to `Double` too.
            if plain, digits > 0, digits <= 15, !(point && decimals == 0),
               !(point && bytes[bytes.index(before: i)] == UInt8(ascii: ".")),
               bytes[negative ? bytes.index(after: start) : start] != UInt8(ascii: ".") {
                let v = Double(mantissa) / pow10[decimals]
                values.append(negative ? -v : v)
            } else {
                guard let v = Double(text[start..<i]), v.isFinite else { return nil }
                values.append(v)
            }
        }
        return values
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        let text = try r.string(4)
        guard let values = Self.samples(text) else {
            // The first text that is not a number, as the error shows it.
            let part = text.split(separator: " ").first { Double($0).map { !$0.isFinite } ?? true } ?? Substring(text)
            throw ResultDecodingError(table: Self.tableName, column: "queued_pcu", found: .text(String(part)))
        }
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), segment: try r.string(1),
                  firstS: try r.double(2), stepS: try r.double(3), queuedPcu: values)
    }
}
