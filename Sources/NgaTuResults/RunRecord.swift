/// Everything one finished run produces. `ResultStore.insert(_:)` stores it in one transaction,
/// so a run is either completely stored or not at all.
public struct RunRecord: Sendable, Equatable {
    public var run: RunRow
    public var junctions: [JunctionRunRow]
    public var timeSeries: [TimeSeriesRow]
    public var signalTiming: [SignalTimingRow]
    public var signalPhases: [SignalPhaseRow]
    /// Stored with "insert or ignore": every replication of a sweep point may repeat them (they
    /// depend on the demand, not on the seed); the first run stored keeps its rows and their
    /// order, so the table does not depend on which run finished first.
    public var controllerInputs: [ControllerInputRow]
    public var warnings: [WarningRow]
    /// Queued PCU per signalised junction at every sample.
    public var junctionQueues: [JunctionQueueRow]
    /// Turning movements of the signalised junctions and directed segments, in this run.
    public var movements: [MovementRunRow] = []
    public var roads: [RoadRunRow] = []
    /// Queues at every segment over the run (the first replication only; see `SegmentQueueRow`).
    public var segmentQueues: [SegmentQueueRow] = []

    public init(run: RunRow, junctions: [JunctionRunRow] = [], timeSeries: [TimeSeriesRow] = [],
                signalTiming: [SignalTimingRow] = [], signalPhases: [SignalPhaseRow] = [],
                controllerInputs: [ControllerInputRow] = [], warnings: [WarningRow] = [],
                junctionQueues: [JunctionQueueRow] = []) {
        self.run = run; self.junctions = junctions; self.timeSeries = timeSeries
        self.signalTiming = signalTiming; self.signalPhases = signalPhases
        self.controllerInputs = controllerInputs; self.warnings = warnings; self.junctionQueues = junctionQueues
    }

    public var key: RunKey { run.key }

    /// The first row that belongs to another run, described, or nil when all match.
    func mismatch() -> String? {
        let k = key
        func check(_ s: String, _ p: SweepPoint, _ r: Int?, _ table: String) -> String? {
            (s == k.strategy && p == k.sweep && (r == nil || r == k.replication))
                ? nil : "a \(table) row of \(s) [\(p)] replication \(r.map(String.init) ?? "-") in the record of \(k)"
        }
        for x in junctions { if let m = check(x.strategy, x.sweep, x.replication, "junction_runs") { return m } }
        for x in timeSeries { if let m = check(x.strategy, x.sweep, x.replication, "timeseries") { return m } }
        for x in signalTiming { if let m = check(x.strategy, x.sweep, x.replication, "signal_timing") { return m } }
        for x in signalPhases { if let m = check(x.strategy, x.sweep, x.replication, "signal_phases") { return m } }
        for x in controllerInputs { if let m = check(x.strategy, x.sweep, nil, "controller_inputs") { return m } }
        for x in warnings { if let m = check(x.strategy, x.sweep, x.replication, "warnings") { return m } }
        for x in junctionQueues { if let m = check(x.strategy, x.sweep, x.replication, "junction_queues") { return m } }
        for x in movements { if let m = check(x.strategy, x.sweep, x.replication, "movement_runs") { return m } }
        for x in roads { if let m = check(x.strategy, x.sweep, x.replication, "road_runs") { return m } }
        for x in segmentQueues { if let m = check(x.strategy, x.sweep, x.replication, "segment_queues") { return m } }
        return nil
    }
}
