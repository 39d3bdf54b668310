/// Signals: the core's side of the controller protocol. Controllers only name phases; the
/// core enforces the minimum green, the yellow and all-red of every change, and the start-up
/// lost time and green extension of each movement's discharge window.
extension Simulation {
    mutating func scheduleAsk(_ p: Int, at t: SimTime) {
        askVersion[p] &+= 1
        push(.controllerAsk, at: t, target: Int32(p), version: askVersion[p])
    }

    /// Asks program `p`'s controller and carries out its decision (the contract is on
    /// `SignalController`): only at the start, at a green start or when a hold expires.
    mutating func askController(_ p: Int) {
        precondition(sigStage[p] == .green || sigStage[p] == .initial, "a controller is never asked during an intergreen")
        fillObservation(p)
        let decision = controllers[p].decide(observation)
        switch decision {
        case .hold(let until):
            var t = until.isFinite ? micros(until) : endTime + 1
            if t <= now { t = now + 100_000 }
            scheduleAsk(p, at: t)
        case .switchTo(let q):
            let phases = Int(phaseBase[p + 1] - phaseBase[p])
            guard q >= 0 && q < phases && q != Int(sigPhase[p]) else {
                // A bug in the controller: reported, never retried (its junction stays as it is).
                if controllerFault == nil {
                    controllerFault = ControllerFault(time: seconds(now), junctionID: net.junctionIDs[Int(net.programs[p].junction)],
                                                      phase: q, currentPhase: Int(sigPhase[p]), phaseCount: phases)
                }
                return
            }
            if sigStage[p] == .initial {
                startGreen(p, q)
            } else if now < greenStart[p] + minGreen[p] {
                scheduleAsk(p, at: greenStart[p] + minGreen[p])
            } else {
                beginYellow(p, next: q)
            }
        }
    }

    /// Ends the green of the current phase: movements not continuing into `next` may discharge
    /// for the green extension, then yellow and all-red run their course.
    mutating func beginYellow(_ p: Int, next q: Int) {
        let cur = Int(sigPhase[p])
        let f = Int(phaseBase[p]) + cur, g = Int(phaseBase[p]) + q
        let next = Int(phaseMovementStart[g])..<Int(phaseMovementStart[g + 1])
        for e in Int(phaseMovementStart[f])..<Int(phaseMovementStart[f + 1]) {
            let m32 = phaseMovements[e]
            var continues = false
            for x in next where phaseMovements[x] == m32 { continues = true; break }
            if continues { continue }
            let m = Int(m32)
            openUntil[m] = now + greenExtension
            accumulateOpen(m, from: openFrom[m], to: openUntil[m])
        }
        addGreen(p, phase: cur, until: now)
        sigStage[p] = .yellow
        sigNext[p] = Int32(q)
        logSignal(p, phase: cur, stage: .yellow)
        stageVersion[p] &+= 1
        push(.signalStage, at: now + phaseYellow[f], target: Int32(p), version: stageVersion[p])
    }

    mutating func advanceStage(_ p: Int) {
        let f = Int(phaseBase[p]) + Int(sigPhase[p])
        if sigStage[p] == .yellow && phaseHasAllRed[f] {
            sigStage[p] = .allRed
            logSignal(p, phase: Int(sigPhase[p]), stage: .allRed)
            stageVersion[p] &+= 1
            push(.signalStage, at: now + phaseAllRed[f], target: Int32(p), version: stageVersion[p])
        } else {
            startGreen(p, Int(sigNext[p]))
        }
    }

    mutating func startGreen(_ p: Int, _ q: Int) {
        let f = Int(phaseBase[p]) + q
        for e in Int(phaseMovementStart[f])..<Int(phaseMovementStart[f + 1]) {
            let m = Int(phaseMovements[e])
            if openUntil[m] != .max {
                openFrom[m] = now + startupLost
                openUntil[m] = .max
                scheduleWake(Int(net.movementFrom[m]), at: openFrom[m])
            }
            permitted[m] = phasePermitted[e]
            greenEntry[m] = Int32(e)
        }
        sigPhase[p] = Int32(q)
        sigStage[p] = .green
        greenStart[p] = now
        logSignal(p, phase: q, stage: .green)
        if now >= warmupTime && now < endTime {
            phaseStarts[p][q] += 1
            phaseChanges[p] += 1
        }
        scheduleAsk(p, at: now)
    }

    @inline(__always) mutating func logSignal(_ p: Int, phase: Int, stage: SignalStage) {
        if options.recordSignals {
            signalLog.append(SignalLogEntry(time: seconds(now), program: p, phase: phase, stage: stage))
        }
    }

    /// Adds the green of phase `k` of program `p` that fell in the measured window.
    mutating func addGreen(_ p: Int, phase k: Int, until t: SimTime) {
        let a = max(greenStart[p], warmupTime), b = min(t, endTime)
        if b > a { phaseGreen[p][k] += b - a }
    }

    /// Adds a movement's discharge window [a, b) clipped to the measured window, weighted by
    /// its approach's capacity factor when the window closes (incidents change it rarely).
    mutating func accumulateOpen(_ m: Int, from a: SimTime, to b: SimTime) {
        let lo = max(a, warmupTime), hi = min(b, endTime)
        if hi > lo { openCapacitySeconds[m] += seconds(hi - lo) * capacityFactor[Int(net.movementFrom[m])] }
    }

    /// The time the vehicles queued at movement `m`'s stop line have waited there so far, summed
    /// (one walk of its queue; the observations and the RL rewards read it).
    @inline(__always) func queuedWait(_ m: Int) -> SimTime {
        var total: SimTime = 0
        var v = Int(qHead[m])
        while v >= 0 { total += max(0, now - vArrival[v]); v = Int(vNext[v]) }
        return total
    }

    /// Refills `observation` for program `p` in place (no allocation once it has held the
    /// largest junction); only the clock and phase for controllers that observe nothing else.
    mutating func fillObservation(_ p: Int, traffic: Bool = false) {
        observation.now = seconds(now)
        observation.currentPhase = Int(sigPhase[p])
        if sigStage[p] == .initial {
            observation.greenElapsed = 0
            observation.earliestSwitch = observation.now
        } else {
            observation.greenElapsed = seconds(now - greenStart[p])
            observation.earliestSwitch = seconds(greenStart[p] + minGreen[p])
        }
        guard observesTraffic[p] || traffic else { return }
        let program = net.programs[p]
        let n = program.movements.count
        observation.resize(n)
        for k in 0..<n {
            let m = Int(program.movements[k])
            let to = Int(net.movementTo[m]), from = Int(net.movementFrom[m])
            observation.queuedVehicles[k] = Int(qCount[m])
            observation.queuedPCU[k] = Double(qMilli[m]) / 1000
            observation.approachingVehicles[k] = 0
            observation.approachingPCU[k] = 0
            observation.secondsSinceDetection[k] = .infinity
            observation.downstreamPCU[k] = Double(occupancyMilli[to]) / 1000
            observation.downstreamStoragePCU[k] = Double(storageMilli[to]) / 1000
            observation.saturationFlow[k] = setup.saturationFlow[from] * capacityFactor[from]
            observation.departedVehicles[k] = departedCount[m]
            observation.departedPCU[k] = Double(departedMilli[m]) / 1000
        }
        if traffic || observesQueueWaits[p] {
            for k in 0..<n { observation.queueWaitS[k] = seconds(queuedWait(Int(program.movements[k]))) }
        }
        let distance = controllers[p].detectorDistance
        guard distance > 0 else { return }
        let j = Int(program.junction)
        for a in Int(net.approachStart[j])..<Int(net.approachStart[j + 1]) {
            let s = Int(net.approachSegments[a])
            let window = min(micros(distance / net.segmentSpeed[s]), freeFlow[s])
            var lastPass = lastArrival[s] - window
            var v = Int(transitHead[s])
            while v >= 0 && vArrival[v] - now <= window {
                // A vehicle whose trip ends on this segment turns off before the stop line:
                // the detectors do not see it.
                let mv = Int(routeMov[Int(vRouteBase[v] + vStep[v])])
                if mv >= 0 {
                    let k = Int(movementLocal[mv])
                    if k >= 0 {
                        observation.approachingVehicles[k] += 1
                        observation.approachingPCU[k] += Double(vMilli[v]) / 1000
                    }
                    lastPass = vArrival[v] - window
                }
                v = Int(vNext[v])
            }
            let since = lastPass > .min / 4 ? seconds(now - lastPass) : .infinity
            for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) {
                let k = Int(movementLocal[m])
                if k >= 0 { observation.secondsSinceDetection[k] = since }
            }
        }
    }
}
