/// Samples during the run and the measures at its end.
extension Simulation {
    mutating func takeSample() {
        integrate()
        let dDist = distanceMetres - lastSampleDistance
        let dTime = vehicleSeconds - lastSampleVehicleSeconds
        lastSampleDistance = distanceMetres; lastSampleVehicleSeconds = vehicleSeconds
        var w = waiting, on = onSegments
        if options.audit { (w, on) = recount() }
        var perJunction: [Double] = []
        perJunction.reserveCapacity(net.programs.count)
        for p in net.programs {
            let j = Int(p.junction)
            var milli: Int64 = 0
            for a in Int(net.approachStart[j])..<Int(net.approachStart[j + 1]) { milli += approach.queueMilli[Int(net.approachSegments[a])] }
            perJunction.append(Double(milli) / 1000)
        }
        var sample = TimeSample(time: seconds(now), vehiclesInNetwork: onSegments,
                                meanSpeedKmh: dTime > 0 ? dDist / dTime * 3.6 : 0,
                                queuedPCU: Double(totalQueueMilli) / 1000, junctionQueuedPCU: perJunction,
                                generated: counters.generated, waiting: w, onSegments: on,
                                finished: counters.finished)
        // One array per sample (not per event), only when asked for: the queue at every stop
        // line, for the playback.
        if options.recordSegmentQueues {
            sample.segmentQueuedPCU = (0..<net.segmentCount).map { Float(approach.queueMilli[$0]) / 1000 }
        }
        samples.append(sample)
        checkGridlock()
    }

    /// Counts vehicles by walking every list: the conservation check's independent count.
    func recount() -> (waiting: Int, onSegments: Int) {
        var w = 0, on = 0
        for s in 0..<net.segmentCount {
            var v = Int(entryHead[s]); while v >= 0 { w += 1; v = Int(vNext[v]) }
            v = Int(transitHead[s]); while v >= 0 { on += 1; v = Int(vNext[v]) }
        }
        for m in 0..<net.movementCount {
            var v = Int(qHead[m]); while v >= 0 { on += 1; v = Int(vNext[v]) }
        }
        return (w, on)
    }

    /// Nothing has moved for `gridlockAfter` seconds while vehicles wait: say so once per episode,
    /// naming the junctions whose queues are held by full segments downstream.
    mutating func checkGridlock() {
        let stalled = seconds(now - lastProgress)
        let anyWaiting = totalQueueMilli > 0 || waiting > 0
        if anyWaiting && stalled >= options.gridlockAfter {
            if !inGridlock {
                inGridlock = true
                var names: [String] = []
                for s in 0..<net.segmentCount where approach.queueCount[s] > 0 {
                    var held = false
                    for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) where qCount[m] > 0 {
                        let to = Int(net.movementTo[m])
                        if closedCount[to] > 0 || occupancyMilli[to] + Int64(vMilli[Int(qHead[m])]) > storageMilli[to] { held = true }
                    }
                    let id = net.junctionIDs[Int(net.segmentTo[s])]
                    if held && !names.contains(id) { names.append(id) }
                }
                warnings.append(GridlockWarning(time: seconds(now), stalledFor: stalled, junctions: names.sorted()))
            }
        } else if !anyWaiting || stalled < options.gridlockAfter {
            inGridlock = false
        }
    }

    /// Entries still holding at least 100 waiting vehicles and half of the vehicles that
    /// arrived there (the demand integrated over the profile, minute by minute).
    func entryBacklogs() -> [EntryBacklog] {
        var expected = [Double](repeating: 0, count: net.segmentCount)
        var demandSeconds = 0.0
        let duration = setup.timing.duration
        var t = 0.0
        while t < duration { let dt = min(60, duration - t); demandSeconds += setup.profileFactor(at: t) * dt; t += 60 }
        for f in setup.flows where !f.route.isEmpty { expected[Int(f.route[0])] += f.rate * demandSeconds }
        var out: [EntryBacklog] = []
        for s in 0..<net.segmentCount where entryCount[s] >= 100 && Double(entryCount[s]) >= 0.5 * expected[s] {
            out.append(EntryBacklog(segment: s, waiting: Int(entryCount[s]), expected: expected[s]))
        }
        return out
    }

    mutating func finish() -> RunResult {
        integrate()
        // Close the greens and discharge windows still running.
        for p in 0..<net.programs.count where sigStage[p] == .green {
            addGreen(p, phase: Int(sigPhase[p]), until: endTime)
        }
        for m in 0..<net.movementCount where openUntil[m] == .max && openFrom[m] != .max {
            accumulateOpen(m, from: openFrom[m], to: endTime)
        }
        for s in 0..<net.segmentCount {
            approach.queueChanged(s, count: 0, milli: 0, now: endTime, warmup: warmupTime)
        }
        var summary = TripSummary()
        let measuredHours = seconds(endTime - warmupTime) / 3600
        var unfinishedDelay: SimTime = 0
        var latent = latentDelay
        for v in 0..<vehicleSlots where vState[v] != .free && vDepart[v] >= warmupTime && vDepart[v] < endTime {
            summary.vehiclesUnfinished += 1
            if vState[v] == .waiting {
                summary.vehiclesWaiting += 1
                unfinishedDelay += endTime - vDepart[v]
                latent += endTime - vDepart[v]
            } else {
                // Free-flow time of the distance covered: of the segments entered, less what is
                // left of the current one.
                let covered = vFreeFlowSum[v] - max(0, vArrival[v] - endTime)
                unfinishedDelay += max(0, (endTime - vDepart[v]) - covered)
            }
        }
        // Vehicles still queued at a stop line at the end have waited there so far: their waits
        // count in the control delay of their approach and movement (HCM's control delay of the
        // vehicles that arrived in the analysis period, cut at its end: a lower bound of theirs)
        // and in the longest wait. One pass over the queues, here and not per event.
        let maxWait = approach.maxWait
        var heldCount = [Int32](repeating: 0, count: net.segmentCount)
        var heldWait = [SimTime](repeating: 0, count: net.segmentCount)
        var movementHeldCount = [Int32](repeating: 0, count: net.movementCount)
        var movementHeldWait = [SimTime](repeating: 0, count: net.movementCount)
        for m in 0..<net.movementCount {
            let s = Int(net.movementFrom[m])
            var v = Int(qHead[m])
            while v >= 0 {
                let wait = endTime - vArrival[v]
                if wait > maxWait[s] { maxWait[s] = wait }
                if wait > movementSums.maxWait[m] { movementSums.maxWait[m] = wait }
                movementHeldCount[m] += 1; movementHeldWait[m] += wait
                v = Int(vNext[v])
            }
            heldCount[s] += movementHeldCount[m]; heldWait[s] += movementHeldWait[m]
        }
        for s in 0..<net.segmentCount { summary.maxWait = max(summary.maxWait, seconds(maxWait[s])) }
        summary.latentDelayVehH = seconds(latent) / 3600
        summary.vehiclesFinished = trips.count
        if trips.count > 0 {
            let n = Double(trips.count)
            summary.meanTravelTime = seconds(trips.travel) / n
            summary.meanDelay = seconds(trips.delay) / n
            summary.meanStops = Double(trips.stops) / n
            summary.meanDelayPCU = trips.pcu > 0 ? trips.delayPCU / trips.pcu : 0
        }
        summary.totalDelayVehH = seconds(trips.demandDelay + unfinishedDelay) / 3600
        summary.throughputVehH = measuredHours > 0 ? Double(trips.count) / measuredHours : 0

        var approaches: [ApproachResult] = []
        let windowMicros = Double(endTime - warmupTime)
        for j in net.signalisedJunctions {
            for a in Int(net.approachStart[j])..<Int(net.approachStart[j + 1]) {
                let s = Int(net.approachSegments[a])
                let released = Int(approach.releases[s])
                let counted = released + Int(heldCount[s])
                let delay = counted > 0 ? seconds(approach.waitSum[s] + heldWait[s]) / Double(counted) : 0
                var green = 0.0
                for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) { green = max(green, openCapacitySeconds[m]) }
                let capacityPCU = setup.saturationFlow[s] * green / 3600
                let x = capacityPCU > 0 ? Double(approach.arrivalsMilli[s]) / 1000 / capacityPCU
                    : (approach.arrivals[s] > 0 ? .infinity : 0)
                let maxPCU = Double(approach.maxQueueMilli[s]) / 1000
                approaches.append(ApproachResult(
                    junction: j, segment: s, approach: net.approachName[s], controlDelay: delay,
                    levelOfService: LevelOfService(controlDelay: delay, volumeToCapacity: x),
                    maxQueueVehicles: Int(approach.maxQueueVehicles[s]), maxQueuePCU: maxPCU,
                    maxQueueMetres: maxPCU * setup.model.jamSpacing / setup.effectiveLanes[s],
                    meanQueuePCU: windowMicros > 0 ? approach.queueIntegral[s] / 1000 / windowMicros : 0,
                    throughput: released, degreeOfSaturation: x, arrivals: Int(approach.arrivals[s]),
                    maxWait: seconds(maxWait[s]), stillQueued: Int(heldCount[s])))
            }
        }

        var movements: [MovementResult] = []
        for j in net.signalisedJunctions {
            for a in Int(net.approachStart[j])..<Int(net.approachStart[j + 1]) {
                let s = Int(net.approachSegments[a])
                for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) {
                    let released = Int(movementSums.releases[m])
                    let counted = released + Int(movementHeldCount[m])
                    let delay = counted > 0 ? seconds(movementSums.waitSum[m] + movementHeldWait[m]) / Double(counted) : 0
                    let capacityPCU = setup.saturationFlow[s] * openCapacitySeconds[m] / 3600
                    let arrivals = Int(movementSums.arrivals[m])
                    let x = capacityPCU > 0 ? Double(movementSums.arrivalsMilli[m]) / 1000 / capacityPCU
                        : (arrivals > 0 ? .infinity : 0)
                    movements.append(MovementResult(
                        junction: j, movement: m, arrivals: arrivals, throughput: released, controlDelay: delay,
                        levelOfService: LevelOfService(controlDelay: delay, volumeToCapacity: x),
                        maxQueueVehicles: Int(movementSums.maxQueue[m]), degreeOfSaturation: x,
                        maxWait: seconds(movementSums.maxWait[m]), stillQueued: Int(movementHeldCount[m])))
                }
            }
        }
        var roads: [RoadResult] = []
        roads.reserveCapacity(net.segmentCount)
        for s in 0..<net.segmentCount {
            let left = Int(movementSums.left[s])
            let maxPCU = Double(approach.maxQueueMilli[s]) / 1000
            roads.append(RoadResult(
                segment: s, left: left, meanTravelTime: left > 0 ? seconds(movementSums.travelSum[s]) / Double(left) : 0,
                freeFlowTime: seconds(freeFlow[s]), maxQueueVehicles: Int(approach.maxQueueVehicles[s]),
                maxQueueMetres: maxPCU * setup.model.jamSpacing / setup.effectiveLanes[s]))
        }

        var timings: [SignalTiming] = []
        for (p, program) in net.programs.enumerated() {
            let greens = phaseGreen[p].map { seconds($0) }
            let total = greens.reduce(0, +)
            let starts = phaseStarts[p]
            let maxStarts = starts.max() ?? 0
            timings.append(SignalTiming(
                junction: Int(program.junction),
                meanCycle: maxStarts > 0 ? seconds(endTime - warmupTime) / Double(maxStarts) : 0,
                greenShares: greens.map { total > 0 ? $0 / total : 0 },
                meanGreens: zip(greens, starts).map { $1 > 0 ? $0 / Double($1) : 0 },
                phaseChangesPerHour: measuredHours > 0 ? Double(phaseChanges[p]) / measuredHours : 0))
        }
        var result = RunResult(summary: summary, approaches: approaches, timeSeries: samples, signalTimings: timings,
                               warnings: warnings, counters: counters, trips: tripLog, entryBacklogs: entryBacklogs())
        result.movements = movements
        result.roads = roads
        result.measuredSeconds = seconds(endTime - warmupTime)
        return result
    }
}
