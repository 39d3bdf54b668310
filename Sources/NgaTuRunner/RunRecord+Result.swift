import NgaTuCore
import NgaTuResults

extension RunRecord {
    /// The rows of one finished run, from what the simulation measured.
    ///
    /// Means over zero vehicles become missing values, never zero or NaN: a run where no
    /// measured vehicle finished has empty `mean_*` cells; an approach nobody was released from
    /// or queued at by the end has no control delay and no level of service; a degree of
    /// saturation without capacity (the approach never had green) is missing.
    init(result: RunResult, key: RunKey, seed: UInt64, network: Network, controllerNames: [String],
         inputs: [ControllerInputRow], longWait: LongWait? = nil) {
        let s = result.summary
        let finished = s.vehiclesFinished > 0
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        let run = RunRow(
            strategy: key.strategy, sweep: key.sweep, replication: key.replication,
            seed: Int(truncatingIfNeeded: seed),
            vehiclesFinished: s.vehiclesFinished, vehiclesUnfinished: s.vehiclesUnfinished,
            vehiclesWaiting: s.vehiclesWaiting,
            meanTravelTimeS: finished ? finite(s.meanTravelTime) : nil,
            meanDelayS: finished ? finite(s.meanDelay) : nil,
            meanStops: finished ? finite(s.meanStops) : nil,
            totalDelayVehH: finite(s.totalDelayVehH) ?? 0,
            meanDelayPcuS: finished ? finite(s.meanDelayPCU) : nil,
            throughputVehH: finite(s.throughputVehH) ?? 0,
            vehiclesDemanded: s.vehiclesDemanded,
            meanDelayAllS: s.vehiclesDemanded > 0 ? finite(s.meanDelayAll) : nil,
            latentDelayVehH: finite(s.latentDelayVehH) ?? 0, maxWaitS: finite(s.maxWait) ?? 0)

        let junctions = result.approaches.map { a in
            let released = a.throughput + a.stillQueued > 0
            return JunctionRunRow(
                strategy: key.strategy, sweep: key.sweep, replication: key.replication,
                junction: network.junctionIDs[a.junction], approach: a.approach,
                controlDelayS: released ? finite(a.controlDelay) : nil,
                los: released ? a.levelOfService.rawValue : nil,
                maxQueueVeh: Double(a.maxQueueVehicles), maxQueuePcu: finite(a.maxQueuePCU) ?? 0,
                maxQueueM: finite(a.maxQueueMetres) ?? 0, meanQueuePcu: finite(a.meanQueuePCU) ?? 0,
                throughputVeh: Double(a.throughput), degreeOfSaturation: finite(a.degreeOfSaturation),
                maxWaitS: finite(a.maxWait) ?? 0, stillQueuedVeh: Double(a.stillQueued))
        }

        let series = result.timeSeries.map { t in
            TimeSeriesRow(strategy: key.strategy, sweep: key.sweep, replication: key.replication, timeS: t.time,
                          vehiclesInNetwork: t.vehiclesInNetwork,
                          meanSpeedKmh: t.vehiclesInNetwork == 0 && t.meanSpeedKmh == 0 ? nil : finite(t.meanSpeedKmh),
                          queuedPcu: finite(t.queuedPCU) ?? 0)
        }

        var timing: [SignalTimingRow] = []
        var phases: [SignalPhaseRow] = []
        for (p, t) in result.signalTimings.enumerated() {
            let junction = network.junctionIDs[t.junction]
            let program = network.programs[Int(network.programOfJunction[t.junction])]
            timing.append(SignalTimingRow(
                strategy: key.strategy, sweep: key.sweep, replication: key.replication, junction: junction,
                controller: p < controllerNames.count ? controllerNames[p] : "",
                meanCycleS: t.meanCycle > 0 ? finite(t.meanCycle) : nil,
                phaseChangesPerHour: finite(t.phaseChangesPerHour) ?? 0,
                greenShares: t.greenShares.map { finite($0) ?? 0 }))
            for (k, share) in t.greenShares.enumerated() {
                let green = k < t.meanGreens.count ? t.meanGreens[k] : 0
                phases.append(SignalPhaseRow(
                    strategy: key.strategy, sweep: key.sweep, replication: key.replication, junction: junction,
                    phase: k + 1, name: k < program.phases.count ? program.phases[k].name : "",
                    greenShare: finite(share) ?? 0, meanGreenS: green > 0 ? finite(green) : nil))
            }
        }

        var warnings = result.warnings.map { w in
            WarningRow(strategy: key.strategy, sweep: key.sweep, replication: key.replication, timeS: w.time,
                       kind: "gridlock", junctions: w.junctions, message: GridlockText.message(w))
        }
        if let longWait, let w = longWait.warning(result.approaches, network: network, key: key) { warnings.append(w) }
        for b in result.entryBacklogs {
            let junction = network.junctionIDs[Int(network.segmentFrom[b.segment])]
            warnings.append(WarningRow(strategy: key.strategy, sweep: key.sweep, replication: key.replication,
                                       timeS: result.timeSeries.last?.time ?? 0, kind: "entry-backlog", junctions: [junction],
                                       message: GridlockText.message(b, junction: junction, segment: network.segmentIDs[b.segment])))
        }

        var queues: [JunctionQueueRow] = []
        for t in result.timeSeries {
            for (p, q) in t.junctionQueuedPCU.enumerated() {
                queues.append(JunctionQueueRow(strategy: key.strategy, sweep: key.sweep, replication: key.replication,
                                               timeS: t.time, junction: network.junctionIDs[Int(network.programs[p].junction)],
                                               queuedPcu: finite(q) ?? 0))
            }
        }

        self.init(run: run, junctions: junctions, timeSeries: series, signalTiming: timing,
                  signalPhases: phases, controllerInputs: inputs, warnings: warnings, junctionQueues: queues)
        let hours = result.measuredSeconds / 3600
        func perHour(_ n: Int) -> Double { hours > 0 ? Double(n) / hours : 0 }
        movements = result.movements.map { mv in
            let m = mv.movement, from = Int(network.movementFrom[m]), released = mv.throughput + mv.stillQueued > 0
            return MovementRunRow(replication: key.replication, movement: MovementRow(
                strategy: key.strategy, sweep: key.sweep, junction: network.junctionIDs[mv.junction],
                approach: network.approachName[from], turn: network.movementTurn[m].rawValue,
                toRoad: network.segmentIDs[Int(network.movementTo[m])],
                demandVehH: perHour(mv.arrivals), throughputVehH: perHour(mv.throughput),
                controlDelayS: released ? finite(mv.controlDelay) : nil, los: released ? mv.levelOfService.rawValue : nil,
                maxQueueVeh: Double(mv.maxQueueVehicles), degreeOfSaturation: finite(mv.degreeOfSaturation),
                maxWaitS: finite(mv.maxWait) ?? 0, stillQueuedVeh: Double(mv.stillQueued)))
        }
        // The first replication's queues at every segment, for the report's playback (kept by
        // the run only when asked for: `SimulationOptions.recordSegmentQueues`).
        if key.replication == 1, let first = result.timeSeries.first, first.segmentQueuedPCU.count == network.segmentCount {
            let step = result.timeSeries.count > 1 ? result.timeSeries[1].time - first.time : 0
            segmentQueues = (0..<network.segmentCount).map { s in
                SegmentQueueRow(strategy: key.strategy, sweep: key.sweep, replication: key.replication,
                                segment: network.segmentIDs[s], firstS: first.time, stepS: step,
                                queuedPcu: result.timeSeries.map { s < $0.segmentQueuedPCU.count ? Double($0.segmentQueuedPCU[s]) : 0 })
            }
        }
        roads = result.roads.map { r in
            let length = network.segmentLength[r.segment]
            let travel = r.left > 0 ? finite(r.meanTravelTime) : nil
            return RoadRunRow(replication: key.replication, road: RoadRow(
                strategy: key.strategy, sweep: key.sweep, segment: network.segmentIDs[r.segment],
                from: network.junctionIDs[Int(network.segmentFrom[r.segment])],
                to: network.junctionIDs[Int(network.segmentTo[r.segment])],
                flowVehH: perHour(r.left), meanSpeedKmh: travel.flatMap { $0 > 0 ? finite(length / $0 * 3.6) : nil },
                meanTravelTimeS: travel, freeFlowTimeS: finite(r.freeFlowTime) ?? 0,
                maxQueueVeh: Double(r.maxQueueVehicles), maxQueueM: finite(r.maxQueueMetres) ?? 0))
        }
    }
}

/// Words for a gridlock warning, shared by the warnings table and stderr.
enum GridlockText {
    static func message(_ b: EntryBacklog, junction: String, segment: String) -> String {
        "entry \(junction) onto \(segment): \(b.waiting) vehicles still waiting to enter at the end, of about "
            + "\(Int(b.expected.rounded())) that arrived there; the demand is far above what the road takes, so "
            + "its trips are mostly unfinished (vehicles_waiting)"
    }

    static func message(_ w: GridlockWarning) -> String {
        let at = w.junctions.isEmpty ? "" : " at \(w.junctions.joined(separator: ", "))"
        return "gridlock\(at): vehicles waiting and nothing moved for \(Int(w.stalledFor.rounded())) s"
    }
}

/// A vehicle held at one stop line longer than the scenario's `max_wait_warning`: one warning
/// row per run, at its end, naming the signalised approaches, the longest wait first.
struct LongWait {
    var thresholdS: Double
    /// End of the run (s): the row's time, since the wait may still be going on.
    var endS: Double

    func warning(_ approaches: [ApproachResult], network: Network, key: RunKey) -> WarningRow? {
        let over = approaches.filter { $0.maxWait > thresholdS }
            .enumerated().sorted { ($1.element.maxWait, $0.offset) < ($0.element.maxWait, $1.offset) }.map(\.element)
        guard let worst = over.first else { return nil }
        var junctions: [String] = []
        for a in over where !junctions.contains(network.junctionIDs[a.junction]) { junctions.append(network.junctionIDs[a.junction]) }
        let places = over.map { "\(network.junctionIDs[$0.junction]) \($0.approach)" }
        let more = places.count > 1 ? "; also at \(places.dropFirst().prefix(5).joined(separator: ", "))\(places.count > 6 ? ", …" : "")" : ""
        return WarningRow(strategy: key.strategy, sweep: key.sweep, replication: key.replication, timeS: endS,
                          kind: "long-wait", junctions: junctions,
                          message: "a vehicle waited \(Int(worst.maxWait.rounded())) s at the stop line of \(places[0]) (more than \(NumberFormat.format(thresholdS)) s)\(more)")
    }
}
