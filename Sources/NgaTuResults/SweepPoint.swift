/// One combination of sweep values, e.g. `demand_scale = 1.2`.
///
/// Sweep values are numbers. Equality and hashing compare keys and values exactly (values are
/// stored and read back bit-for-bit, so a point read from the database equals the point written).
public struct SweepPoint: Hashable, Sendable, CustomStringConvertible {
    /// Sweep keys in column order.
    public let keys: [String]
    /// One value per key.
    public let values: [Double]
    /// The variant's name when the scenario has `variants:` (key `variant`, whose value is the
    /// variant's position in the file): the `variant` column holds the name.
    public let variant: String?

    public init(keys: [String], values: [Double], variant: String? = nil) {
        precondition(keys.count == values.count, "one value per sweep key")
        precondition(Set(keys).count == keys.count, "sweep keys must be distinct")
        self.keys = keys
        self.values = values
        self.variant = keys.contains(Sweep.variantKey) ? variant : nil
    }

    /// The same point in another variant (position `index`, name `name`); the point itself
    /// when it has no `variant` key.
    public func inVariant(_ index: Int, named name: String) -> SweepPoint {
        guard let k = keys.firstIndex(of: Sweep.variantKey) else { return self }
        var v = values
        v[k] = Double(index)
        return SweepPoint(keys: keys, values: v, variant: name)
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

    /// The point's cell in the column `key`: the name for `variant`, else the number.
    public func cell(of key: String) -> Cell {
        if key == Sweep.variantKey, let variant { return .text(variant) }
        return self[key].map(Cell.real) ?? .null
    }

    public var description: String {
        zip(keys, values).map { k, v in k == Sweep.variantKey ? "\(k)=\(variant ?? NumberFormat.format(v))" : "\(k)=\(NumberFormat.format(v))" }
            .joined(separator: ", ")
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
    /// The first SWEEP column of a scenario with `variants:` (text: the variant's name).
    public static let variantKey = "variant"

    public let keys: [String]
    public let points: [SweepPoint]

    /// A sweep from explicit keys and points. `demand_scale` is added first (value 1 in every
    /// point) when `keys` lacks it; every point must have exactly `keys` (in any order).
    public init(keys: [String], points: [SweepPoint]) {
        precondition(Set(keys).count == keys.count, "sweep keys must be distinct")
        let addScale = !keys.contains(Sweep.demandScaleKey)
        // `variant` stays the first column; `demand_scale` comes next.
        let allKeys = !addScale ? keys : keys.first == Sweep.variantKey
            ? [Sweep.variantKey, Sweep.demandScaleKey] + keys.dropFirst() : [Sweep.demandScaleKey] + keys
        self.keys = allKeys
        self.points = points.map { p in
            precondition(Set(p.keys) == Set(keys) || (addScale && Set(p.keys) == Set(allKeys)),
                         "sweep point \(p) does not have the keys \(keys)")
            return SweepPoint(keys: allKeys, values: allKeys.map { p[$0] ?? 1 }, variant: p.variant)
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
    /// are no points. With variants, only the points of `baselineVariant` (its position in the
    /// file) are candidates, so the headline and the single-point sections speak of the world
    /// every other pair is compared with, not of whichever variant sits in the middle.
    public static func referencePoint(_ points: [SweepPoint], baselineVariant: Int? = nil) -> SweepPoint? {
        var points = points
        if let v = baselineVariant {
            let own = points.filter { $0[variantKey].map { Int($0) == v } ?? true }
            if !own.isEmpty { points = own }
        }
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
