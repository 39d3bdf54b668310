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
    /// `observation(ofProgram:)` and `signalState(ofProgram:)` without copying their arrays
    /// (a stepping host observes every junction at every step).
    public mutating func writeObservation(ofProgram p: Int, state: UnsafeMutablePointer<Double>,
                                          rows: UnsafeMutablePointer<Double>) {
        fillObservation(p, traffic: true)
        let stage = sigStage[p]
        let t = observation.now, earliest = observation.earliestSwitch
        state[0] = t
        state[1] = Double(observation.currentPhase)
        state[2] = Double(stage.rawValue)
        state[3] = observation.greenElapsed
        state[4] = earliest
        state[5] = (stage == .initial || (stage == .green && t >= earliest - 1e-9)) ? 1 : 0
        let f = ObservationLayout.fieldCount
        for m in 0..<observation.queuedVehicles.count {
            let row = rows + m * f
            row[0] = Double(observation.queuedVehicles[m]); row[1] = observation.queuedPCU[m]
            row[2] = Double(observation.approachingVehicles[m]); row[3] = observation.approachingPCU[m]
            row[4] = observation.secondsSinceDetection[m]
            row[5] = observation.downstreamPCU[m]; row[6] = observation.downstreamStoragePCU[m]
            row[7] = observation.saturationFlow[m]
            row[8] = Double(observation.departedVehicles[m]); row[9] = observation.departedPCU[m]
            row[10] = observation.queueWaitS[m]
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
        return program.movements.map { m32 in
            var total: SimTime = 0
            var v = Int(qHead[Int(m32)])
            while v >= 0 { total += max(0, now - vArrival[v]); v = Int(vNext[v]) }
            return seconds(total)
        }
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
