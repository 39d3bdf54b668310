import Stochastics

/// Computes `movements.csv` and `roads.csv` from their per-run rows, as `JunctionAggregator`
/// does `junctions.csv`: each measure the mean over the replications that have a value of it
/// (GSL's running mean, in replication order), `max_wait_s` the maximum; the level of service
/// recomputed from the mean delay and degree of saturation. Rows in `RowOrder`, then in the
/// order the lowest replication reported them.
public struct MovementRoadAggregator: Sendable {
    public var order: RowOrder

    public init(meta: RunMeta) { order = RowOrder(meta: meta) }

    /// A strategy and sweep point.
    struct Place: Hashable { var strategy: String; var sweep: SweepPoint }

    /// Rows grouped by strategy, sweep point and `key`, in order of first appearance.
    ///
    /// Sorted, the rows of one strategy and sweep point come together: the pair is compared
    /// with the previous row's (and looked up only when it changes), and `key` within it holds
    /// the rest, so no row hashes its sweep point (most of the grouping's cost). The same
    /// groups in the same order as one key of all three.
    func groups<R: ResultRow, K: Hashable>(_ rows: [R], replication: (R) -> Int, key: (R) -> K) -> [[R]] {
        var places: [Place: Int] = [:]
        var inner: [[K: Int]] = []
        var groups: [[R]] = []
        var current = -1
        var last: R?
        for r in order.sorted(rows, by: { [Double(replication($0))] }) {
            if current < 0 || last!.strategy != r.strategy || last!.sweep != r.sweep {
                let place = Place(strategy: r.strategy, sweep: r.sweep)
                if let known = places[place] { current = known } else {
                    current = inner.count
                    places[place] = current
                    inner.append([:])
                }
            }
            last = r
            let k = key(r)
            if let g = inner[current][k] { groups[g].append(r) } else {
                inner[current][k] = groups.count
                groups.append([r])
            }
        }
        return groups
    }

    static func mean<R>(_ g: [R], _ f: (R) -> Double?) -> Double? {
        let xs = g.compactMap(f).filter(\.isFinite)
        return xs.isEmpty ? nil : SampleSummary(xs).mean
    }

    public func movements(_ rows: [MovementRunRow]) -> [MovementRow] {
        struct Key: Hashable { var junction, approach, turn, to: String }
        return groups(rows, replication: \.replication) {
            Key(junction: $0.movement.junction, approach: $0.movement.approach, turn: $0.movement.turn, to: $0.movement.toRoad)
        }.map { g in
            let ms = g.map(\.movement)
            var row = ms[0]
            let delay = Self.mean(ms, \.controlDelayS), dos = Self.mean(ms, \.degreeOfSaturation)
            row.demandVehH = Self.mean(ms, \.demandVehH) ?? 0
            row.throughputVehH = Self.mean(ms, \.throughputVehH) ?? 0
            row.controlDelayS = delay
            row.los = JunctionAggregator.signalisedLevelOfService(controlDelayS: delay, degreeOfSaturation: dos)
            row.maxQueueVeh = Self.mean(ms, \.maxQueueVeh) ?? 0
            row.degreeOfSaturation = dos
            row.maxWaitS = ms.compactMap(\.maxWaitS).filter(\.isFinite).max()
            row.stillQueuedVeh = Self.mean(ms, \.stillQueuedVeh)
            return row
        }
    }

    public func roads(_ rows: [RoadRunRow]) -> [RoadRow] {
        return groups(rows, replication: \.replication) { $0.road.segment }.map { g in
            let rs = g.map(\.road)
            var row = rs[0]
            row.flowVehH = Self.mean(rs, \.flowVehH) ?? 0
            row.meanSpeedKmh = Self.mean(rs, \.meanSpeedKmh)
            row.meanTravelTimeS = Self.mean(rs, \.meanTravelTimeS)
            row.maxQueueVeh = Self.mean(rs, \.maxQueueVeh) ?? 0
            row.maxQueueM = Self.mean(rs, \.maxQueueM) ?? 0
            return row
        }
    }
}
