import Stochastics

/// Computes `junctions.csv` from the per-run junction rows: one row per strategy × sweep point ×
/// junction × approach, each measure the mean over the replications that have a value of it
/// (GSL's running mean, in replication order: the mean of equal values is that value exactly),
/// except `max_wait_s`, the maximum over replications (the longest any vehicle waited);
/// `still_queued_veh` is the mean of the replications that have it (results written before the
/// column existed have none).
///
/// The level of service is recomputed from the mean control delay and mean degree of
/// saturation by `levelOfService` (default: `signalisedLevelOfService`), not averaged.
/// Rows come in `RowOrder`; within one strategy and sweep point, junctions and approaches keep
/// the order in which the lowest replication reported them.
public struct JunctionAggregator: Sendable {
    public var strategies: [String]
    public var sweepPoints: [SweepPoint]
    public var levelOfService: @Sendable (_ controlDelayS: Double?, _ degreeOfSaturation: Double?) -> String?

    public init(strategies: [String], sweepPoints: [SweepPoint],
                levelOfService: @escaping @Sendable (Double?, Double?) -> String? = JunctionAggregator.signalisedLevelOfService) {
        self.strategies = strategies; self.sweepPoints = sweepPoints; self.levelOfService = levelOfService
    }

    public init(meta: RunMeta) { self.init(strategies: meta.strategyNames, sweepPoints: meta.sweep.points) }

    /// Level of service of a signalised junction or approach (traffic-engineering.md, after
    /// HCM): by control delay in s/veh A ≤ 10, B ≤ 20, C ≤ 35, D ≤ 55, E ≤ 80, F > 80; F also
    /// when the degree of saturation exceeds 1. Nil without a delay.
    @Sendable public static func signalisedLevelOfService(controlDelayS: Double?, degreeOfSaturation: Double?) -> String? {
        guard let d = controlDelayS, d.isFinite else { return nil }
        if let x = degreeOfSaturation, x > 1 { return "F" }
        switch d {
        case ...10: return "A"
        case ...20: return "B"
        case ...35: return "C"
        case ...55: return "D"
        case ...80: return "E"
        default: return "F"
        }
    }

    public func aggregate(_ rows: [JunctionRunRow]) -> [JunctionRow] {
        let order = RowOrder(strategies: strategies, sweepPoints: sweepPoints)
        let sorted = order.sorted(rows) { [Double($0.replication)] }
        struct Key: Hashable { var strategy: String; var sweep: SweepPoint; var junction: String; var approach: String }
        var keys: [Key] = []
        var groups: [Key: [JunctionRunRow]] = [:]
        for r in sorted {
            let k = Key(strategy: r.strategy, sweep: r.sweep, junction: r.junction, approach: r.approach)
            if groups[k] == nil { keys.append(k) }
            groups[k, default: []].append(r)
        }
        return keys.map { k in
            let g = groups[k]!
            func mean(_ f: (JunctionRunRow) -> Double?) -> Double? {
                let xs = g.compactMap(f).filter(\.isFinite)
                return xs.isEmpty ? nil : SampleSummary(xs).mean
            }
            let delay = mean(\.controlDelayS)
            let dos = mean(\.degreeOfSaturation)
            return JunctionRow(
                strategy: k.strategy, sweep: k.sweep, junction: k.junction, approach: k.approach,
                controlDelayS: delay, los: levelOfService(delay, dos),
                maxQueueVeh: mean(\.maxQueueVeh) ?? 0, maxQueuePcu: mean(\.maxQueuePcu) ?? 0,
                maxQueueM: mean(\.maxQueueM) ?? 0, meanQueuePcu: mean(\.meanQueuePcu) ?? 0,
                throughputVeh: mean(\.throughputVeh) ?? 0, degreeOfSaturation: dos,
                maxWaitS: g.compactMap(\.maxWaitS).filter(\.isFinite).max(),
                stillQueuedVeh: mean(\.stillQueuedVeh))
        }
    }
}
