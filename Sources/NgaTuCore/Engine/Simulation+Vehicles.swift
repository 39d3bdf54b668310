/// Vehicles: generation at boundaries, free-flow travel, queues at stop lines, discharge at
/// saturation headways, storage and spillback.
extension Simulation {
    // MARK: Demand

    /// Schedules the next vehicle of `flow` after time `t`: Poisson arrivals by thinning at
    /// the profile's peak rate, or uniform headways of 1/rate(t). `SimulationSetup.departures`
    /// (Demand/Departures.swift) makes the same draws from the same streams without simulating,
    /// for the SUMO/UXsim export: change both together (DeparturesTests compares them).
    mutating func scheduleNextVehicle(flow f: Int, after t: SimTime, first: Bool = false) {
        let rate = flowRate[f]
        guard rate > 0 else { return }
        var time = seconds(t)
        let end = setup.timing.duration
        switch setup.arrivals {
        case .poisson:
            let peak = rate * maxProfile
            while true {
                time += rngs[f].exponential(mean: 1 / peak)
                if time > end { return }
                if rngs[f].uniform() * peak <= rate * setup.profileFactor(at: time) { break }
            }
        case .uniform:
            var r = rate * setup.profileFactor(at: time)
            while r <= 0 {   // no demand now: look again 10 s later
                time += 10
                if time > end { return }
                r = rate * setup.profileFactor(at: time)
            }
            // The first vehicle comes at a random phase of the headway, so that replications
            // see every phase of the arrivals against the signal cycle.
            time += first ? rngs[f].uniform() / r : 1 / r
            if time > end { return }
        }
        push(.generate, at: micros(time), target: Int32(f))
    }

    mutating func newSlot() -> Int {
        if let s = freeSlots.popLast() { return Int(s) }
        if vehicleSlots == vState.count { growVehicleColumns() }
        vehicleSlots += 1
        return vehicleSlots - 1
    }

    /// Doubles the vehicle columns (from `initialVehicleSlots` at the first vehicle), new slots
    /// free and linked nowhere: the one list of the vehicle columns and what a free slot holds.
    mutating func growVehicleColumns() {
        let n = max(2 * vState.count, Simulation.initialVehicleSlots)
        vState = memory.grow(vState, to: n, filling: .free); vClass = memory.grow(vClass, to: n, filling: 0)
        vMilli = memory.grow(vMilli, to: n, filling: 0); vFlow = memory.grow(vFlow, to: n, filling: 0)
        vSerial = memory.grow(vSerial, to: n, filling: 0)
        vRouteBase = memory.grow(vRouteBase, to: n, filling: 0); vRouteEnd = memory.grow(vRouteEnd, to: n, filling: 0)
        vStep = memory.grow(vStep, to: n, filling: 0)
        vSegment = memory.grow(vSegment, to: n, filling: -1); vNext = memory.grow(vNext, to: n, filling: -1)
        vDepart = memory.grow(vDepart, to: n, filling: 0); vArrival = memory.grow(vArrival, to: n, filling: 0)
        vFreeFlowSum = memory.grow(vFreeFlowSum, to: n, filling: 0)
        vStops = memory.grow(vStops, to: n, filling: 0)
    }

    mutating func generateVehicle(flow f: Int) {
        let c = setup.flows[f].classWeights.count > 1 ? rngs[f].categorical(setup.flows[f].classWeights) : 0
        let v = newSlot()
        vClass[v] = UInt8(c); vMilli[v] = classMilli[c]; vFlow[v] = Int32(f)
        vSerial[v] = serial; serial &+= 1
        vRouteBase[v] = flowRouteBase[f]; vRouteEnd[v] = flowRouteEnd[f]; vStep[v] = 0
        vDepart[v] = now; vFreeFlowSum[v] = 0; vStops[v] = 0; vNext[v] = -1; vSegment[v] = -1
        if rerouteShare > 0 && isInformed(v) { vRouteBase[v] = flowInformedBase[f]; vRouteEnd[v] = flowInformedEnd[f] }
        counters.generated += 1
        let first = Int(routeSeg[Int(vRouteBase[v])])
        if now >= warmupTime { approach.arrived(first, milli: vMilli[v]) }
        if entryCount[first] == 0 && hasSpace(first, vMilli[v]) {
            integrate()
            onSegments += 1
            vState[v] = .onSegment
            enterSegment(v, first)
            lastProgress = now
        } else {
            vState[v] = .waiting
            waiting += 1
            appendEntry(v, first)
        }
        scheduleNextVehicle(flow: f, after: now)
    }

    @inline(__always) func hasSpace(_ s: Int, _ milli: Int32) -> Bool {
        closedCount[s] == 0 && (occupancyMilli[s] + Int64(milli) <= storageMilli[s] || occupancyMilli[s] == 0)
    }

    mutating func appendEntry(_ v: Int, _ s: Int) {
        vNext[v] = -1
        if entryTail[s] >= 0 { vNext[Int(entryTail[s])] = Int32(v) } else { entryHead[s] = Int32(v) }
        entryTail[s] = Int32(v)
        entryCount[s] += 1
    }

    /// Lets vehicles waiting at the boundary onto entry segment `s` while it has space.
    mutating func admitWaiting(_ s: Int) {
        while entryHead[s] >= 0 {
            let v = Int(entryHead[s])
            guard hasSpace(s, vMilli[v]) else { return }
            entryHead[s] = vNext[v]
            if entryHead[s] < 0 { entryTail[s] = -1 }
            entryCount[s] -= 1
            waiting -= 1
            if vDepart[v] >= warmupTime { latentDelay += now - vDepart[v] }
            integrate()
            onSegments += 1
            vState[v] = .onSegment
            enterSegment(v, s)
            lastProgress = now
        }
    }

    /// Puts vehicle `v` on segment `s` at `now`: it reaches the stop line after the free-flow time.
    /// Every vehicle on a segment has the same free-flow time, so they arrive in the order they
    /// entered: only the head of the segment's transit list has an arrival event pending, and
    /// each arrival schedules the next. The queue holds one event per busy segment, not one per
    /// vehicle in transit.
    @inline(__always) mutating func enterSegment(_ v: Int, _ s: Int) {
        occupancyMilli[s] += Int64(vMilli[v])
        vSegment[v] = Int32(s)
        let arrival = now + freeFlow[s]
        vArrival[v] = arrival
        vFreeFlowSum[v] += freeFlow[s]
        vNext[v] = -1
        if transitTail[s] >= 0 {
            vNext[Int(transitTail[s])] = Int32(v)
        } else {
            transitHead[s] = Int32(v)
            push(.arrive, at: arrival, target: Int32(s))
        }
        transitTail[s] = Int32(v)
    }

    /// The head vehicle of segment `s` reaches the stop line: it leaves the map where its route
    /// ends, or joins the queue of the movement its route takes next; the next vehicle's arrival is
    /// scheduled.
    mutating func vehicleArrives(atSegment s: Int) {
        let v = Int(transitHead[s])
        transitHead[s] = vNext[v]
        if transitHead[s] < 0 { transitTail[s] = -1 } else { push(.arrive, at: vArrival[Int(transitHead[s])], target: Int32(s)) }
        lastArrival[s] = now
        let m = Int(routeMov[Int(vRouteBase[v] + vStep[v])])
        // The route ends on this segment: at a boundary exit, or at a junction that is a
        // trip end (the vehicle turns off before the stop line, into a side street).
        if m < 0 { leaveMap(v, from: s); return }
        enqueue(v, m)
        serve(s)
    }

    @inline(__always) mutating func enqueue(_ v: Int, _ m: Int) {
        vNext[v] = -1
        if qTail[m] >= 0 { vNext[Int(qTail[m])] = Int32(v) } else { qHead[m] = Int32(v) }
        qTail[m] = Int32(v)
        qCount[m] += 1
        qMilli[m] += Int64(vMilli[v])
        totalQueueMilli += Int64(vMilli[v])
        approach.queueChanged(Int(net.movementFrom[m]), count: 1, milli: Int64(vMilli[v]), now: now, warmup: warmupTime)
        if now >= warmupTime { movementSums.queued(m, milli: vMilli[v], queue: qCount[m]) }
    }

    /// The discharge server of approach `s`. Each vehicle takes a discharge slot of one
    /// saturation headway h = 3600/s × PCU on its approach and crosses the stop line in the
    /// middle of it: not before it arrives, not before the approach's previous slot has ended,
    /// and crossing inside its movement's window [green + l1, yellow + e]. So n vehicles
    /// queued at the red cross at green + l1 + (k − ½)h, k = 1…n: the discrete form of the
    /// fluid discharge behind Webster's and HCM's formulas; a green passes round(g/h) vehicles,
    /// which is s·g on average over the fractions of a headway.
    /// The earliest-arrived vehicle that may cross now goes (downstream space, a gap for
    /// permitted turns); otherwise the server looks again when the next one could. On red, a
    /// vehicle whose class may turn right on red there goes the same way, in a gap in the
    /// movements that have green and enter or cross its path.
    ///
    /// On an approach without a left-turn bay (`sharedLanes[s] > 0`) a left turner held at the
    /// stop line (red, no gap, or its exit full) holds up its lane: the through vehicles (and
    /// right turners on one lane) that arrived after it wait on one lane, and on n ≥ 2 lanes
    /// discharge at (n − 1)/n of the approach's rate (their headway × n/(n − 1)).
    mutating func serve(_ s: Int) {
        // A map with approaches without a left-turn bay runs the server's copy that looks at
        // them, out of line; every other map the loop as it was (make bench-check counts it).
        if anySharedLane { serveWithSharedLanes(s); return }
        serveQueues(s, shared: false)
    }

    @inline(never) mutating func serveWithSharedLanes(_ s: Int) { serveQueues(s, shared: true) }

    @inline(__always) mutating func serveQueues(_ s: Int, shared: Bool) {
        let lanes = shared ? SimTime(sharedLanes[s]) : 0
        while true {
            var best = -1
            var bestArrival = SimTime.max
            var retry = SimTime.max
            var bestHalf: SimTime = 0
            // Arrival of the earliest held left turner of a shared lane (.max: none).
            let heldSince = lanes > 0 ? leftTurnerHeld(s) : .max
            for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) {
                let h = Int(qHead[m])
                if h < 0 { continue }
                // Behind a held left turner in one lane: looked at again when it goes (its retry).
                if lanes == 1 && vArrival[h] > heldSince && laneRole[m] == .heldBehind { continue }
                // The phase entry whose opposing movements the head must find a gap in, or −1.
                var gapEntry = -1
                let t: SimTime, half: SimTime
                if openFrom[m] == .max || now >= openUntil[m] {
                    // Red: only a vehicle whose class may turn right on red here goes, in a gap.
                    guard rorEntry[m] >= 0 && rightOnRed[m &* classMilli.count &+ Int(vClass[h])] else { continue }
                    half = (lanes > 1 ? sharedHeadway(s, h, m, lanes: lanes, heldSince: heldSince) : headway(s, h)) / 2
                    t = max(vArrival[h], slotEnd[s] + half)
                    gapEntry = Int(rorEntry[m])
                } else {
                    half = (lanes > 1 ? sharedHeadway(s, h, m, lanes: lanes, heldSince: heldSince) : headway(s, h)) / 2
                    t = max(vArrival[h], slotEnd[s] + half, openFrom[m] + half)
                    if t > openUntil[m] {
                        // Past the green: a class that may turn right on red goes on red.
                        if rorEntry[m] >= 0 && rightOnRed[m &* classMilli.count &+ Int(vClass[h])] { retry = min(retry, t) }
                        continue
                    }
                    if permitted[m] { gapEntry = Int(greenEntry[m]) }
                }
                if t > now { retry = min(retry, t); continue }
                let to = Int(net.movementTo[m])
                if !hasSpace(to, vMilli[h]) { blocked[to] = true; continue }
                if gapEntry >= 0 {
                    let ready = shared ? gapReadyShared(entry: gapEntry, exit: to) : gapReady(entry: gapEntry, exit: to)
                    if ready > now { retry = min(retry, ready); continue }
                }
                if vArrival[h] < bestArrival { bestArrival = vArrival[h]; best = m; bestHalf = half }
            }
            if best >= 0 {
                release(best)
                slotEnd[s] = now + bestHalf
                continue
            }
            if retry != .max { scheduleWake(s, at: retry) }
            return
        }
    }

    /// The headway of vehicle `h` of movement `m` on approach `s`: on n ≥ 2 lanes, behind a left
    /// turner held since `heldSince` in the shared lane, the through vehicles go on n − 1 lanes.
    @inline(__always) func sharedHeadway(_ s: Int, _ h: Int, _ m: Int, lanes: SimTime, heldSince: SimTime) -> SimTime {
        let hw = headway(s, h)
        return vArrival[h] > heldSince && laneRole[m] == .heldBehind ? hw * lanes / (lanes - 1) : hw
    }

    /// The arrival time of the earliest left turner (or U-turner) at the head of its queue on
    /// shared-lane approach `s` that has reached the stop line and may not cross now for reasons
    /// of its own: its discharge window is not open (red), its exit is full, or it has no gap in
    /// the opposing flow. `.max` when none is held. (Waiting for the approach's previous slot
    /// is not being held.)
    @inline(__always) func leftTurnerHeld(_ s: Int) -> SimTime {
        var since = SimTime.max
        for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) where laneRole[m] == .holds {
            let h = Int(qHead[m])
            if h < 0 || vArrival[h] > now || vArrival[h] >= since { continue }
            let half = headway(s, h) / 2
            let to = Int(net.movementTo[m])
            let held: Bool
            if openFrom[m] == .max || now >= openUntil[m] || now < openFrom[m] + half
                || max(now, openFrom[m] + half) > openUntil[m] || !hasSpace(to, vMilli[h]) {
                held = true
            } else {
                held = permitted[m] && greenEntry[m] >= 0 && gapReadyShared(entry: Int(greenEntry[m]), exit: to) > now
            }
            if held { since = vArrival[h] }
        }
        return since
    }

    /// On a one-lane approach without a left-turn bay, the arrival time of the earliest left
    /// turner (or U-turner) queued there: the through vehicles behind it cannot move before it
    /// has gone, so they offer no opposing flow (two such left turners facing each other both
    /// go, as on the street, instead of waiting for each other's through traffic). `.max` on
    /// every other approach.
    @inline(__always) func firstQueuedLeftOfOneLane(_ s: Int) -> SimTime {
        guard sharedLanes[s] == 1 else { return .max }
        var first = SimTime.max
        for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) where laneRole[m] == .holds {
            let h = Int(qHead[m])
            if h >= 0 && vArrival[h] < first { first = vArrival[h] }
        }
        return first
    }

    /// Discharge headway of vehicle `v` on approach `s` in µs, after capacity incidents.
    @inline(__always) func headway(_ s: Int, _ v: Int) -> SimTime {
        headways[s * classMilli.count + Int(vClass[v])]
    }

    /// Recomputes the headways of approach `s` for every vehicle class (at the start and when
    /// an incident changes its capacity factor).
    mutating func updateHeadways(_ s: Int) {
        for (c, milli) in classMilli.enumerated() {
            headways[s * classMilli.count + c] = max(2, SimTime((Double(milli) * usPerMilliPCU[s] / capacityFactor[s]).rounded()))
        }
    }

    /// When a movement yielding to the opposing movements of phase entry `e` (a permitted turn's
    /// `greenEntry`, a right turn on red's `rorEntry`) and entering segment `exit` may next go:
    /// after those that have their green have cleared their queues, the last of their vehicles is
    /// a critical gap away, and none is about to arrive. An opposing queue whose head cannot
    /// move, its exit being full (or closed), offers no conflicting flow: it holds the turn only
    /// when it enters the turn's own exit, where its head has the priority for the space. The
    /// vehicles arriving behind such a queue stop behind it, so they do not hold the turn either.
    /// Inlined: as a call from `serve` it took a copy of the whole simulation state.
    @inline(__always) func gapReady(entry e: Int, exit: Int) -> SimTime {
        var ready = now
        for i in Int(opposingStart[e])..<Int(opposingStart[e + 1]) {
            let o32 = opposingMovements[i]
            let o = Int(o32)
            guard now >= openFrom[o] && now < openUntil[o] else { continue }
            ready = max(ready, lastRelease[o] + criticalGap)
            if qCount[o] > 0 {
                let oExit = Int(net.movementTo[o])
                if oExit != exit && !hasSpace(oExit, vMilli[Int(qHead[o])]) { continue }
                ready = max(ready, now + 1_000_000)
            }
            let os = Int(net.movementFrom[o])
            let h = Int(transitHead[os])
            if h >= 0 && vArrival[h] - now < criticalGap && routeMov[Int(vRouteBase[h] + vStep[h])] == o32 {
                ready = max(ready, vArrival[h] + 1)
            }
        }
        return ready
    }

    /// `gapReady` on a map with approaches without a left-turn bay (`anySharedLane`): the
    /// opposing vehicles stuck behind a left turner in one shared lane offer no flow either. A
    /// copy, so that every other map runs `gapReady` as it was, inlined (a call copies the whole
    /// simulation state: make bench-check measured +3% instructions when it was not inlined).
    @inline(__always) func gapReadyShared(entry e: Int, exit: Int) -> SimTime {
        var ready = now
        for i in Int(opposingStart[e])..<Int(opposingStart[e + 1]) {
            let o32 = opposingMovements[i]
            let o = Int(o32)
            guard now >= openFrom[o] && now < openUntil[o] else { continue }
            ready = max(ready, lastRelease[o] + criticalGap)
            let os = Int(net.movementFrom[o])
            let stuckAfter = laneRole[o] == .heldBehind ? firstQueuedLeftOfOneLane(os) : .max
            if qCount[o] > 0 {
                let oExit = Int(net.movementTo[o])
                if oExit != exit && !hasSpace(oExit, vMilli[Int(qHead[o])]) { continue }
                if vArrival[Int(qHead[o])] > stuckAfter { continue }
                ready = max(ready, now + 1_000_000)
            }
            let h = Int(transitHead[os])
            if h >= 0 && stuckAfter == .max && vArrival[h] - now < criticalGap && routeMov[Int(vRouteBase[h] + vStep[h])] == o32 {
                ready = max(ready, vArrival[h] + 1)
            }
        }
        return ready
    }

    /// The head vehicle of movement `m` crosses the stop line now and enters its next segment.
    mutating func release(_ m: Int) {
        let v = Int(qHead[m])
        qHead[m] = vNext[v]
        if qHead[m] < 0 { qTail[m] = -1 }
        qCount[m] -= 1
        qMilli[m] -= Int64(vMilli[v])
        totalQueueMilli -= Int64(vMilli[v])
        let s = Int(net.movementFrom[m])
        approach.queueChanged(s, count: -1, milli: -Int64(vMilli[v]), now: now, warmup: warmupTime)
        let wait = now - vArrival[v]
        if wait >= stopThreshold { vStops[v] &+= 1 }
        if now >= warmupTime {
            approach.released(s, wait: wait)
            movementSums.released(m, wait: wait)
            movementSums.leftSegment(s, after: now - (vArrival[v] - freeFlow[s]))
        }
        lastRelease[m] = now
        departedCount[m] += 1
        departedMilli[m] += Int64(vMilli[v])
        lastProgress = now
        occupancyMilli[s] -= Int64(vMilli[v])
        distanceMetres += net.segmentLength[s]
        spaceFreed(s)
        vStep[v] += 1
        let next = Int(net.movementTo[m])
        if now >= warmupTime { approach.arrived(next, milli: vMilli[v]) }
        enterSegment(v, next)
    }

    /// Segment `s` has more room: wake the approaches that were blocked by it and the boundary
    /// queue in front of it.
    @inline(__always) mutating func spaceFreed(_ s: Int) {
        if blocked[s] {
            blocked[s] = false
            for f in Int(net.feederStart[s])..<Int(net.feederStart[s + 1]) {
                let a = Int(net.feederSegments[f])
                if approach.queueCount[a] > 0 { scheduleWake(a, at: now) }
            }
        }
        if entryCount[s] > 0 && !entryPending[s] {
            entryPending[s] = true
            push(.entry, at: now, target: Int32(s))
        }
    }

    /// Vehicle `v` reaches the end of segment `s`, the last of its route, and leaves the map.
    mutating func leaveMap(_ v: Int, from s: Int) {
        if now >= warmupTime { movementSums.leftSegment(s, after: now - (vArrival[v] - freeFlow[s])) }
        occupancyMilli[s] -= Int64(vMilli[v])
        distanceMetres += net.segmentLength[s]
        spaceFreed(s)
        integrate()
        onSegments -= 1
        counters.finished += 1
        lastProgress = now
        if vDepart[v] >= warmupTime && vDepart[v] < endTime {
            let travel = now - vDepart[v]
            let delay = travel - vFreeFlowSum[v]
            trips.finished(travel: travel, delay: delay, demandDelay: travel - flowShortestFreeFlow[Int(vFlow[v])],
                           stops: Int(vStops[v]), milli: vMilli[v])
            if options.recordTrips {
                tripLog.append(TripRecord(serial: Int(vSerial[v]), flow: Int(vFlow[v]), vehicleClass: Int(vClass[v]),
                                          depart: seconds(vDepart[v]), arrive: seconds(now),
                                          delay: seconds(delay), stops: Int(vStops[v])))
            }
        }
        vState[v] = .free
        freeSlots.append(Int32(v))
    }

    /// Adds vehicle-time on segments up to now (for the mean speed).
    @inline(__always) mutating func integrate() {
        vehicleSeconds += Double(onSegments) * seconds(now - lastIntegration)
        lastIntegration = now
        if onSegments > counters.peakVehiclesInNetwork { counters.peakVehiclesInNetwork = onSegments }
    }
}
