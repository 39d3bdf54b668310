/// Every table of a set of results, with its metadata: what `results.sqlite` holds and what the
/// report is built from.
public struct ResultTables: Sendable, Equatable {
    public var meta: RunMeta
    public var runs: [RunRow]
    public var comparison: [ComparisonRow]
    public var junctions: [JunctionRow]
    public var junctionRuns: [JunctionRunRow]
    public var timeSeries: [TimeSeriesRow]
    public var signalTiming: [SignalTimingRow]
    public var signalPhases: [SignalPhaseRow]
    public var controllerInputs: [ControllerInputRow]
    public var warnings: [WarningRow]
    /// Queued PCU per signalised junction at every sample (empty when the results predate it).
    public var junctionQueues: [JunctionQueueRow]
    /// The map as run and the scenario's incidents, in file order (for the report's map and
    /// timeline; empty when the results predate them).
    public var mapJunctions: [MapJunctionRow]
    public var mapRoads: [MapRoadRow]
    public var incidents: [IncidentRow]
    /// The map's background streets (polylines drawn under the map; empty when none).
    public var mapBackground: [[MapCoordinate]]
    /// The comparison rerun at other values of estimated parameters (empty when the scenario
    /// asked for none), in the order stored: parameter, value, strategy, sweep point, measure.
    public var sensitivity: [SensitivityRow]
    /// `movements.csv` and `roads.csv` and their per-run rows (empty when the results predate them).
    public var movements: [MovementRow]
    public var movementRuns: [MovementRunRow]
    public var roads: [RoadRow]
    public var roadRuns: [RoadRunRow]
    /// Queues at every segment over the first replication (empty when the results predate them).
    public var segmentQueues: [SegmentQueueRow]
    /// `differences.csv`: each strategy against the baseline, paired by replication, on the
    /// measures of `DifferenceRow.measures` (empty when the results predate it: see
    /// `withDifferences()`).
    public var differences: [DifferenceRow]

    public init(meta: RunMeta, runs: [RunRow] = [], comparison: [ComparisonRow] = [],
                junctions: [JunctionRow] = [], junctionRuns: [JunctionRunRow] = [],
                timeSeries: [TimeSeriesRow] = [], signalTiming: [SignalTimingRow] = [],
                signalPhases: [SignalPhaseRow] = [], controllerInputs: [ControllerInputRow] = [],
                warnings: [WarningRow] = [], junctionQueues: [JunctionQueueRow] = [], mapJunctions: [MapJunctionRow] = [],
                mapRoads: [MapRoadRow] = [], incidents: [IncidentRow] = [], mapBackground: [[MapCoordinate]] = [], sensitivity: [SensitivityRow] = [],
                movements: [MovementRow] = [], movementRuns: [MovementRunRow] = [],
                roads: [RoadRow] = [], roadRuns: [RoadRunRow] = [], segmentQueues: [SegmentQueueRow] = [],
                differences: [DifferenceRow] = []) {
        self.meta = meta; self.runs = runs; self.comparison = comparison; self.junctions = junctions
        self.junctionRuns = junctionRuns; self.timeSeries = timeSeries; self.signalTiming = signalTiming
        self.signalPhases = signalPhases; self.controllerInputs = controllerInputs; self.warnings = warnings
        self.junctionQueues = junctionQueues
        self.mapJunctions = mapJunctions; self.mapRoads = mapRoads; self.incidents = incidents
        self.mapBackground = mapBackground
        self.sensitivity = sensitivity
        self.movements = movements; self.movementRuns = movementRuns; self.roads = roads; self.roadRuns = roadRuns
        self.segmentQueues = segmentQueues
        self.differences = differences
    }

    /// The tables with `differences` computed from `runs` when it is empty (results written
    /// before the table existed, or tables built without it), as a run computes it.
    public func withDifferences() -> ResultTables {
        guard differences.isEmpty, !runs.isEmpty else { return self }
        var t = self
        t.differences = ComparisonBuilder(meta: meta).buildWithDifferences(from: runs).differences
        return t
    }

    /// The tables in the canonical row order (see `RowOrder`), independent of the order in
    /// which parallel runs finished.
    public func canonicallyOrdered() -> ResultTables {
        let order = RowOrder(meta: meta)
        var t = self
        t.runs = order.sorted(runs) { [Double($0.replication)] }
        t.comparison = order.sorted(comparison) { [Double(RunMeasure.allCases.firstIndex(of: $0.measure)!)] }
        t.junctions = order.sorted(junctions) { _ in [] }
        t.junctionRuns = order.sorted(junctionRuns) { [Double($0.replication)] }
        t.timeSeries = order.sorted(timeSeries) { [Double($0.replication), $0.timeS] }
        t.signalTiming = order.sorted(signalTiming) { [Double($0.replication)] }
        t.signalPhases = order.sorted(signalPhases) { [Double($0.replication)] }
        t.controllerInputs = order.sorted(controllerInputs) { _ in [] }
        t.warnings = order.sorted(warnings) { [Double($0.replication), $0.timeS] }
        t.junctionQueues = order.sorted(junctionQueues) { [Double($0.replication), $0.timeS] }
        t.movements = order.sorted(movements) { _ in [] }
        t.movementRuns = order.sorted(movementRuns) { [Double($0.replication)] }
        t.roads = order.sorted(roads) { _ in [] }
        t.roadRuns = order.sorted(roadRuns) { [Double($0.replication)] }
        t.segmentQueues = order.sorted(segmentQueues) { [Double($0.replication)] }
        t.differences = order.sorted(differences) { [Double(DifferenceRow.measures.firstIndex(of: $0.measure) ?? DifferenceRow.measures.count)] }
        return t
    }
}

/// The row order of every table: strategies in the scenario's order, then sweep points in run
/// order, then the table's own keys (replication, time, measure in `runs.csv` column order);
/// rows equal in all of these keep their given order (a stable sort), e.g. junctions in the
/// order the simulator reports them.
///
/// Strategies or sweep points the metadata does not list come after the listed ones, by name
/// and by value respectively, so the order never depends on arrival order.
public struct RowOrder: Sendable {
    public var strategies: [String]
    public var sweepPoints: [SweepPoint]

    public init(strategies: [String], sweepPoints: [SweepPoint]) {
        self.strategies = strategies; self.sweepPoints = sweepPoints
    }

    public init(meta: RunMeta) { self.init(strategies: meta.strategyNames, sweepPoints: meta.sweep.points) }

    /// Rank of each strategy name among `names`: listed ones first.
    func strategyRanks(_ names: some Sequence<String>) -> [String: Int] {
        var ranks: [String: Int] = [:]
        for (i, s) in strategies.enumerated() where ranks[s] == nil { ranks[s] = i }
        let extra = Set(names).subtracting(ranks.keys).sorted()
        for (i, s) in extra.enumerated() { ranks[s] = strategies.count + i }
        return ranks
    }

    /// Rank of each sweep point among `points`: listed ones first.
    func sweepRanks(_ points: some Sequence<SweepPoint>) -> [SweepPoint: Int] {
        var ranks: [SweepPoint: Int] = [:]
        for (i, p) in sweepPoints.enumerated() where ranks[p] == nil { ranks[p] = i }
        let extra = Set(points).subtracting(ranks.keys).sorted { a, b in
            a.values.lexicographicallyPrecedes(b.values) || (a.values == b.values && a.keys.lexicographicallyPrecedes(b.keys))
        }
        for (i, p) in extra.enumerated() { ranks[p] = sweepPoints.count + i }
        return ranks
    }

    /// `rows` sorted by (strategy, sweep point, `tail(row)`), stable.
    ///
    /// Rows come mostly grouped by run and often already in order (read back in that order):
    /// a row's ranks are looked up only when its strategy or sweep point differs from the
    /// previous row's, and rows already in order are returned as they are.
    public func sorted<R: ResultRow>(_ rows: [R], by tail: (R) -> [Double]) -> [R] {
        guard rows.count > 1 else { return rows }
        guard let ranks = listedRanks(rows) else { return sortedWithUnlisted(rows, by: tail) }
        let tails = rows.map(tail)
        func precedes(_ a: Int, _ b: Int) -> Bool {
            if ranks[a].strategy != ranks[b].strategy { return ranks[a].strategy < ranks[b].strategy }
            if ranks[a].point != ranks[b].point { return ranks[a].point < ranks[b].point }
            if tails[a] != tails[b] { return tails[a].lexicographicallyPrecedes(tails[b]) }
            return a < b
        }
        if (1..<rows.count).allSatisfy({ precedes($0 - 1, $0) }) { return rows }
        return rows.indices.sorted(by: precedes).map { rows[$0] }
    }

    /// Each row's (strategy rank, sweep point rank), or nil when a row's strategy or point is
    /// not listed (those are ranked by name and value among themselves: `sortedWithUnlisted`).
    private func listedRanks<R: ResultRow>(_ rows: [R]) -> [(strategy: Int, point: Int)]? {
        var strategyIndex: [String: Int] = [:], pointIndex: [SweepPoint: Int] = [:]
        for (i, s) in strategies.enumerated() where strategyIndex[s] == nil { strategyIndex[s] = i }
        for (i, p) in sweepPoints.enumerated() where pointIndex[p] == nil { pointIndex[p] = i }
        var out: [(strategy: Int, point: Int)] = []
        out.reserveCapacity(rows.count)
        var lastStrategy: String?, lastPoint: SweepPoint?
        var sr = 0, pr = 0
        for row in rows {
            if lastStrategy != row.strategy {
                guard let r = strategyIndex[row.strategy] else { return nil }
                sr = r; lastStrategy = row.strategy
            }
            if lastPoint != row.sweep {
                guard let r = pointIndex[row.sweep] else { return nil }
                pr = r; lastPoint = row.sweep
            }
            out.append((sr, pr))
        }
        return out
    }

    /// The general case: strategies and sweep points the metadata does not list come after the
    /// listed ones, by name and by value.
    private func sortedWithUnlisted<R: ResultRow>(_ rows: [R], by tail: (R) -> [Double]) -> [R] {
        let sr = strategyRanks(rows.map(\.strategy))
        let pr = sweepRanks(rows.map(\.sweep))
        let keyed = rows.enumerated().map { (i, row) in
            (key: [Double(sr[row.strategy]!), Double(pr[row.sweep]!)] + tail(row), index: i, row: row)
        }
        return keyed.sorted { a, b in
            if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
            return a.index < b.index
        }.map(\.row)
    }
}
