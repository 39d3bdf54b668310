/// Stepping: a run advanced a step at a time from outside (an RL environment, another
/// program through the C interface) instead of `run()` in one go. The same events are handled
/// in the same order: a run stepped to any sequence of times and then finished gives the same
/// result as `run()`, as long as nothing is changed between steps.
extension Simulation {
    /// Simulation time reached (s).
    public var time: Double { seconds(now) }
    /// End of the run (s).
    public var duration: Double { seconds(endTime) }

    /// Handles every event up to time `t` (s, clipped to the duration) and stops the clock at
    /// `t`; a time before the current one does nothing, the current time handles what was
    /// scheduled for now (a controller asked again). The first call starts the run.
    public mutating func advance(to t: Double) {
        if !begun { begin() }
        let limit = min(micros(t), endTime)
        guard limit >= now else { return }
        handleEvents(through: limit)
        now = max(now, limit)
    }

    /// Runs what is left of a stepped run and returns what was measured. Call once.
    public mutating func finishStepped() -> RunResult {
        if !begun { begin() }
        handleEvents(through: endTime)
        now = endTime
        return finish()
    }

    /// What program `p`'s controller would see now, with every per-movement field filled
    /// (whatever the controller itself reads). The arrays are the run's reused buffers:
    /// copy what must outlive the next call.
    public mutating func observation(ofProgram p: Int) -> SignalObservation {
        fillObservation(p, traffic: true)
        return observation
    }

    /// Writes program `p`'s observation flat, in `ObservationLayout`: the numbers of
    /// `observation(ofProgram:)` and `signalState(ofProgram:)`, computed straight into the
    /// caller's memory (a stepping host observes every junction at every step, so this skips
    /// `SignalObservation`'s arrays; the detector walk is `fillObservation`'s, and
    /// SteppedRunTests checks that both give the same numbers).
    public mutating func writeObservation(ofProgram p: Int, state: UnsafeMutablePointer<Double>,
                                          rows: UnsafeMutablePointer<Double>) {
        let t = seconds(now), stage = sigStage[p]
        let initial = stage == .initial
        let earliest = initial ? t : seconds(greenStart[p] + minGreen[p])
        state[0] = t
        state[1] = Double(sigPhase[p])
        state[2] = Double(stage.rawValue)
        state[3] = initial ? 0 : seconds(now - greenStart[p])
        state[4] = earliest
        state[5] = (initial || (stage == .green && t >= earliest - 1e-9)) ? 1 : 0
        let f = ObservationLayout.fieldCount
        let movements = net.programs[p].movements
        for k in 0..<movements.count {
            let m = Int(movements[k])
            let to = Int(net.movementTo[m]), from = Int(net.movementFrom[m])
            let row = rows + k * f
            row[0] = Double(qCount[m]); row[1] = Double(qMilli[m]) / 1000
            row[2] = 0; row[3] = 0; row[4] = .infinity
            row[5] = Double(occupancyMilli[to]) / 1000; row[6] = Double(storageMilli[to]) / 1000
            row[7] = setup.saturationFlow[from] * capacityFactor[from]
            row[8] = Double(departedCount[m]); row[9] = Double(departedMilli[m]) / 1000
            row[10] = seconds(queuedWait(m))
        }
        let distance = controllers[p].detectorDistance
        guard distance > 0 else { return }
        let j = Int(net.programs[p].junction)
        for a in Int(net.approachStart[j])..<Int(net.approachStart[j + 1]) {
            let s = Int(net.approachSegments[a])
            let window = min(micros(distance / net.segmentSpeed[s]), freeFlow[s])
            var lastPass = lastArrival[s] - window
            var v = Int(transitHead[s])
            while v >= 0 && vArrival[v] - now <= window {
                let mv = Int(routeMov[Int(vRouteBase[v] + vStep[v])])
                if mv >= 0 {
                    let k = Int(movementLocal[mv])
                    if k >= 0 {
                        rows[k * f + 2] += 1
                        rows[k * f + 3] += Double(vMilli[v]) / 1000
                    }
                    lastPass = vArrival[v] - window
                }
                v = Int(vNext[v])
            }
            let since = lastPass > .min / 4 ? seconds(now - lastPass) : .infinity
            for m in Int(net.movementStart[s])..<Int(net.movementStart[s + 1]) {
                let k = Int(movementLocal[m])
                if k >= 0 { rows[k * f + 4] = since }
            }
        }
    }

    /// The stage of program `p` (green, yellow, all-red, or the all-red before its first green)
    /// and the time (s) its current green began.
    public func signalState(ofProgram p: Int) -> (phase: Int, stage: SignalStage, greenStart: Double) {
        (Int(sigPhase[p]), sigStage[p], seconds(greenStart[p]))
    }

    /// Per local movement of program `p`: vehicles queued at its stop line and the seconds
    /// they have waited there so far, summed (the waiting time RL rewards are made of).
    public func queueWaits(ofProgram p: Int) -> [Double] {
        let program = net.programs[p]
        return program.movements.map { seconds(queuedWait(Int($0))) }
    }

    /// Asks program `p`'s controller again now, when it could be asked (during a green or
    /// before the first one; during an intergreen it is asked at the next green's start
    /// anyway). An external controller whose wish changed between steps is heard at once;
    /// the core still defers a switch to `earliestSwitch`.
    public mutating func askAgain(program p: Int) {
        guard begun, sigStage[p] == .green || sigStage[p] == .initial else { return }
        scheduleAsk(p, at: now)
    }
}

/// The flat form of an observation taken from outside (`Simulation.writeObservation`, the C
/// interface): per junction `stateCount` scalars (time, phase, stage, green elapsed, earliest
/// switch, 1 when a change asked now starts now), per movement `fieldCount` fields in
/// `SignalObservation`'s order (queued vehicles and PCU, approaching vehicles and PCU, seconds
/// since detection, downstream PCU and storage, saturation flow, departed vehicles and PCU,
/// queue wait).
public enum ObservationLayout {
    public static let stateCount = 6
    public static let fieldCount = 11
}
