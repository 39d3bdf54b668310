/// One combination of sweep values, e.g. `demand_scale = 1.2`.
///
/// Sweep values are numbers. Equality and hashing compare keys and values exactly (values are
/// stored and read back bit-for-bit, so a point read from the database equals the point written).
public struct SweepPoint: Hashable, Sendable, CustomStringConvertible {
    /// Sweep keys in column order.
    public let keys: [String]
    /// One value per key.
    public let values: [Double]

    public init(keys: [String], values: [Double]) {
        precondition(keys.count == values.count, "one value per sweep key")
        precondition(Set(keys).count == keys.count, "sweep keys must be distinct")
        self.keys = keys
        self.values = values
    }

    /// A point from (key, value) pairs in column order.
    public init(_ pairs: [(String, Double)]) {
        self.init(keys: pairs.map(\.0), values: pairs.map(\.1))
    }

    /// The point of a scenario without a sweep: `demand_scale = 1` (or the given scale).
    public static func demandScale(_ scale: Double = 1) -> SweepPoint {
        SweepPoint(keys: [Sweep.demandScaleKey], values: [scale])
    }

    /// The value of `key`, nil when the point has no such key.
    public subscript(key: String) -> Double? {
        keys.firstIndex(of: key).map { values[$0] }
    }

    public var description: String {
        zip(keys, values).map { "\($0)=\(NumberFormat.format($1))" }.joined(separator: ", ")
    }
}

/// The sweep of a scenario: its keys (the SWEEP columns of every table) and its points in run
/// order (the order rows are written in).
///
/// Column order: the scenario's sweep keys in the scenario's order; when the scenario does not
/// sweep `demand_scale` it is put first, with every point at 1 (formats.md: the column is always
/// there).
public struct Sweep: Sendable, Equatable {
    public static let demandScaleKey = "demand_scale"

    public let keys: [String]
    public let points: [SweepPoint]

    /// A sweep from explicit keys and points. `demand_scale` is added first (value 1 in every
    /// point) when `keys` lacks it; every point must have exactly `keys` (in any order).
    public init(keys: [String], points: [SweepPoint]) {
        precondition(Set(keys).count == keys.count, "sweep keys must be distinct")
        let addScale = !keys.contains(Sweep.demandScaleKey)
        let allKeys = addScale ? [Sweep.demandScaleKey] + keys : keys
        self.keys = allKeys
        self.points = points.map { p in
            precondition(Set(p.keys) == Set(keys) || (addScale && Set(p.keys) == Set(allKeys)),
                         "sweep point \(p) does not have the keys \(keys)")
            return SweepPoint(keys: allKeys, values: allKeys.map { p[$0] ?? 1 })
        }
    }

    /// Every combination of `values`, in the scenario's order with the first key varying
    /// slowest (as nested loops over the keys in order).
    public init(product values: [(key: String, values: [Double])]) {
        var points: [[Double]] = [[]]
        for (_, vs) in values {
            points = points.flatMap { prefix in vs.map { prefix + [$0] } }
        }
        let keys = values.map(\.key)
        self.init(keys: keys, points: points.map { SweepPoint(keys: keys, values: $0) })
    }

    /// No sweep: one point, `demand_scale = 1`.
    public static let none = Sweep(keys: [demandScaleKey], points: [.demandScale(1)])

    /// The point the report's single-point sections and `export-sumo` use by default: demand
    /// scale 1 (the middle of several), else the middle point by demand scale; nil when there
    /// are no points.
    public static func referencePoint(_ points: [SweepPoint]) -> SweepPoint? {
        let ones = points.filter { $0[demandScaleKey] == 1 }
        if !ones.isEmpty { return ones[(ones.count - 1) / 2] }
        let byScale = points.enumerated().sorted { a, b in
            let x = a.element[demandScaleKey] ?? 1, y = b.element[demandScaleKey] ?? 1
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        return byScale.isEmpty ? nil : byScale[(byScale.count - 1) / 2]
    }

    /// The index of `referencePoint` in run order (0 when there are no points).
    public var referenceIndex: Int {
        Sweep.referencePoint(points).flatMap { index(of: $0) } ?? 0
    }

    /// The position of `point` in run order, nil when it is not one of the points.
    public func index(of point: SweepPoint) -> Int? { points.firstIndex(of: point) }
}
