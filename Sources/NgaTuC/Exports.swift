import Foundation
import NgaTuControllers
import NgaTuCore
import NgaTuRunner
import NgaTuResults

// The functions of ngatu.h (Sources/CNgaTu/include). Only C types cross: numbers, C strings,
// pointers to caller-owned arrays and opaque handles (retained Swift objects).

private let versionString = CString(NgaTuVersion.current)

@_cdecl("ngatu_version")
public func cVersion() -> UnsafePointer<CChar> { UnsafePointer(versionString.pointer) }

@_cdecl("ngatu_last_error")
public func cLastError() -> UnsafePointer<CChar> { LastError.current }

// MARK: Scenarios

@_cdecl("ngatu_scenario_open")
public func cScenarioOpen(_ path: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guard let path, let out else { return CInterface.fail(2, "ngatu_scenario_open: path and out must not be NULL") }
    out.pointee = nil
    return CInterface.call { () throws(RunnerError) in
        let h = try ScenarioHandle(path: String(cString: path))
        out.pointee = OpaquePointer(Unmanaged.passRetained(h).toOpaque())
    }
}

@_cdecl("ngatu_scenario_free")
public func cScenarioFree(_ p: OpaquePointer?) {
    if let p { Unmanaged<ScenarioHandle>.fromOpaque(UnsafeRawPointer(p)).release() }
}

@_cdecl("ngatu_scenario_strategy_count")
public func cStrategyCount(_ p: OpaquePointer?) -> Int32 { Int32(CInterface.scenario(p)?.strategyNames.count ?? -1) }

@_cdecl("ngatu_scenario_strategy_name")
public func cStrategyName(_ p: OpaquePointer?, _ i: Int32) -> UnsafePointer<CChar>? {
    guard let h = CInterface.scenario(p), h.strategyNames.indices.contains(Int(i)) else { return nil }
    return UnsafePointer(h.strategyNames[Int(i)].pointer)
}

@_cdecl("ngatu_scenario_baseline")
public func cBaseline(_ p: OpaquePointer?) -> UnsafePointer<CChar>? {
    CInterface.scenario(p).map { UnsafePointer($0.baseline.pointer) }
}

@_cdecl("ngatu_scenario_point_count")
public func cPointCount(_ p: OpaquePointer?) -> Int32 { Int32(CInterface.scenario(p)?.plan.points.count ?? -1) }

@_cdecl("ngatu_scenario_replications")
public func cReplications(_ p: OpaquePointer?) -> Int32 { Int32(CInterface.scenario(p)?.plan.replications ?? -1) }

@_cdecl("ngatu_scenario_duration")
public func cScenarioDuration(_ p: OpaquePointer?) -> Double { CInterface.scenario(p)?.plan.spec.duration ?? .nan }

@_cdecl("ngatu_scenario_controlled_count")
public func cControlledCount(_ p: OpaquePointer?) -> Int32 { Int32(CInterface.scenario(p)?.controlledIDs.count ?? -1) }

@_cdecl("ngatu_scenario_controlled_id")
public func cControlledID(_ p: OpaquePointer?, _ i: Int32) -> UnsafePointer<CChar>? {
    guard let h = CInterface.scenario(p), h.controlledIDs.indices.contains(Int(i)) else { return nil }
    return UnsafePointer(h.controlledIDs[Int(i)].pointer)
}

// MARK: Runs

@_cdecl("ngatu_sim_open")
public func cSimOpen(_ scenario: OpaquePointer?, _ strategy: UnsafePointer<CChar>?, _ point: Int32, _ replication: Int32,
                     _ external: UnsafePointer<CChar>?, _ minGreen: Double, _ detectorDistance: Double,
                     _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guard let h = CInterface.scenario(scenario), let out else {
        return CInterface.fail(2, "ngatu_sim_open: scenario and out must not be NULL")
    }
    out.pointee = nil
    let ids: [String]? = external.map {
        String(cString: $0).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    return CInterface.call { () throws(RunnerError) in
        let run = try SteppedRun(plan: h.plan, strategy: strategy.map { String(cString: $0) }, point: Int(point),
                                 replication: Int(replication), external: ids, minGreen: minGreen,
                                 detectorDistance: detectorDistance)
        out.pointee = OpaquePointer(Unmanaged.passRetained(SimHandle(run: run)).toOpaque())
    }
}

@_cdecl("ngatu_sim_free")
public func cSimFree(_ p: OpaquePointer?) {
    if let p { Unmanaged<SimHandle>.fromOpaque(UnsafeRawPointer(p)).release() }
}

@_cdecl("ngatu_sim_time")
public func cSimTime(_ p: OpaquePointer?) -> Double { CInterface.sim(p)?.run.time ?? .nan }

@_cdecl("ngatu_sim_duration")
public func cSimDuration(_ p: OpaquePointer?) -> Double { CInterface.sim(p)?.run.duration ?? .nan }

@_cdecl("ngatu_sim_advance_to")
public func cAdvanceTo(_ p: OpaquePointer?, _ t: Double) -> Int32 {
    guard let h = CInterface.sim(p) else { return CInterface.fail(2, "ngatu_sim_advance_to: NULL run") }
    return CInterface.call { () throws(RunnerError) in try h.run.advance(to: t) }
}

@_cdecl("ngatu_sim_advance_by")
public func cAdvanceBy(_ p: OpaquePointer?, _ dt: Double) -> Int32 {
    guard let h = CInterface.sim(p) else { return CInterface.fail(2, "ngatu_sim_advance_by: NULL run") }
    return CInterface.call { () throws(RunnerError) in try h.run.advance(by: dt) }
}

/// Runs share nothing mutable, so distinct handles step on distinct threads.
@_cdecl("ngatu_sims_advance_by")
public func cSimsAdvanceBy(_ sims: UnsafePointer<OpaquePointer?>?, _ n: Int32, _ dt: Double, _ threads: Int32) -> Int32 {
    guard n >= 0, n == 0 || sims != nil else { return CInterface.fail(2, "ngatu_sims_advance_by: NULL array") }
    let handles = (0..<Int(n)).map { CInterface.sim(sims![$0]) }
    guard let all = Optional(handles.compactMap { $0 }), all.count == handles.count else {
        return CInterface.fail(2, "ngatu_sims_advance_by: NULL run in the array")
    }
    guard Set(all.map { ObjectIdentifier($0) }).count == all.count else {
        return CInterface.fail(2, "ngatu_sims_advance_by: the same run twice in the array")
    }
    guard dt.isFinite && dt >= 0 else { return CInterface.fail(2, "ngatu_sims_advance_by: a step must be finite and not negative, got \(dt)") }
    if let closed = all.firstIndex(where: { $0.run.isClosed }) { return CInterface.fail(3, "ngatu_sims_advance_by: run \(closed) is closed") }
    let workers = max(1, min(all.count, threads > 0 ? Int(threads) : ProcessInfo.processInfo.activeProcessorCount))
    if workers == 1 {
        for h in all { try? h.run.advance(by: dt) }
    } else {
        let box = UncheckedBox(all)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < box.value.count { try? box.value[i].run.advance(by: dt); i += workers }
        }
    }
    return 0
}

/// The learning environments' step: requests, advance and sumo-rl's observations and rewards
/// of many runs in one call, so that no per-junction work is left to the caller.
@_cdecl("ngatu_sims_step_encoded")
public func cSimsStepEncoded(_ sims: UnsafePointer<OpaquePointer?>?, _ n: Int32, _ phases: UnsafePointer<Int32>?,
                             _ dt: Double, _ end: Double, _ threads: Int32, _ reward: Int32, _ width: Int32,
                             _ obs: UnsafeMutablePointer<Float>?, _ rewards: UnsafeMutablePointer<Double>?,
                             _ times: UnsafeMutablePointer<Double>?) -> Int32 {
    let name = "ngatu_sims_step_encoded"
    guard n >= 0, n == 0 || (sims != nil && obs != nil) else { return CInterface.fail(2, "\(name): NULL array") }
    var all: [SimHandle] = []
    all.reserveCapacity(Int(n))
    for i in 0..<Int(n) {
        guard let h = CInterface.sim(sims![i]) else { return CInterface.fail(2, "\(name): NULL run in the array") }
        all.append(h)
    }
    if all.count > 1, Set(all.map { ObjectIdentifier($0) }).count != all.count {
        return CInterface.fail(2, "\(name): the same run twice in the array")
    }
    guard let kind = SimHandle.Reward(rawValue: reward) else {
        return CInterface.fail(2, "\(name): reward must be 0 (diff-waiting-time), 1 (queue) or 2 (pressure), got \(reward)")
    }
    guard !dt.isNaN, dt >= 0, !end.isNaN else { return CInterface.fail(2, "\(name): dt must be a number not below 0 and end a number") }
    // Everything is checked before any run moves: a refused call changes nothing.
    var junctionStart = [0]
    for (i, h) in all.enumerated() {
        if h.run.isClosed { return CInterface.fail(3, "\(name): run \(i) is closed") }
        guard Int(width) >= h.observationSize else {
            return CInterface.fail(2, "\(name): width \(width) is less than run \(i)'s observation size \(h.observationSize)")
        }
        let base = junctionStart.last!
        if let phases {
            for k in 0..<h.phaseCounts.count where phases[base + k] >= h.phaseCounts[k] {
                return CInterface.fail(2, "\(name): junction \(h.run.externalJunctions[k]) has phases 0 to \(h.phaseCounts[k] - 1), not \(phases[base + k])")
            }
        }
        junctionStart.append(base + h.phaseCounts.count)
    }
    guard let obs, !all.isEmpty else { return 0 }
    let w = Int(width)
    let box = UncheckedBox((all, junctionStart, phases, obs, rewards, times))
    @Sendable func step(_ i: Int) -> RunnerError? {
        let (all, start, phases, obs, rewards, times) = box.value
        let h = all[i], base = start[i]
        do throws(RunnerError) {
            if let phases {
                for k in 0..<h.phaseCounts.count where phases[base + k] >= 0 { try h.run.setPhase(k, Int(phases[base + k])) }
            }
            if dt > 0 { try h.run.advance(to: min(end, h.run.time + dt)) }
            try h.encode(reward: kind, width: w, obs: obs + base * w, rewards: rewards.map { $0 + base })
            times?[i] = h.run.time
            return nil
        } catch { return error }
    }
    let workers = max(1, min(all.count, threads > 0 ? Int(threads) : ProcessInfo.processInfo.activeProcessorCount))
    if workers == 1 {
        for i in 0..<all.count { if let e = step(i) { return CInterface.fail(e) } }
        return 0
    }
    let failures = UncheckedBox(UnsafeMutablePointer<RunnerError?>.allocate(capacity: workers))
    failures.value.initialize(repeating: nil, count: workers)
    defer { failures.value.deinitialize(count: workers); failures.value.deallocate() }
    let count = all.count
    DispatchQueue.concurrentPerform(iterations: workers) { wk in
        var i = wk
        while i < count {
            if let e = step(i), failures.value[wk] == nil { failures.value[wk] = e }
            i += workers
        }
    }
    for wk in 0..<workers { if let e = failures.value[wk] { return CInterface.fail(e) } }
    return 0
}

/// Handles passed to worker threads, each touched by one thread only.
private struct UncheckedBox<T>: @unchecked Sendable { let value: T; init(_ v: T) { value = v } }

@_cdecl("ngatu_sim_junction_count")
public func cJunctionCount(_ p: OpaquePointer?) -> Int32 { Int32(CInterface.sim(p)?.junctionIDs.count ?? -1) }

@_cdecl("ngatu_sim_junction_id")
public func cJunctionID(_ p: OpaquePointer?, _ k: Int32) -> UnsafePointer<CChar>? {
    guard let h = CInterface.sim(p), h.junctionIDs.indices.contains(Int(k)) else { return nil }
    return UnsafePointer(h.junctionIDs[Int(k)].pointer)
}

@_cdecl("ngatu_sim_phase_count")
public func cPhaseCount(_ p: OpaquePointer?, _ k: Int32) -> Int32 {
    guard let h = CInterface.sim(p), h.run.contexts.indices.contains(Int(k)) else { return -1 }
    return Int32(h.run.contexts[Int(k)].phaseMovements.count)
}

@_cdecl("ngatu_sim_movement_count")
public func cMovementCount(_ p: OpaquePointer?, _ k: Int32) -> Int32 {
    guard let h = CInterface.sim(p), h.run.contexts.indices.contains(Int(k)) else { return -1 }
    return Int32(h.run.contexts[Int(k)].turns.count)
}

@_cdecl("ngatu_sim_phase_info")
public func cPhaseInfo(_ p: OpaquePointer?, _ k: Int32, _ mask: UnsafeMutablePointer<UInt8>?,
                       _ intergreen: UnsafeMutablePointer<Double>?) -> Int32 {
    guard let h = CInterface.sim(p), h.run.contexts.indices.contains(Int(k)) else {
        return CInterface.fail(2, "ngatu_sim_phase_info: no external junction \(k)")
    }
    let c = h.run.contexts[Int(k)]
    let n = c.turns.count
    if let mask {
        for (q, ms) in c.phaseMovements.enumerated() {
            for m in 0..<n { mask[q * n + m] = 0 }
            for m in ms { mask[q * n + m] = 1 }
        }
    }
    if let intergreen {
        for (q, phase) in c.program.phases.enumerated() { intergreen[q] = phase.yellow + phase.allRed }
    }
    return 0
}

@_cdecl("ngatu_sim_movement_info")
public func cMovementInfo(_ p: OpaquePointer?, _ k: Int32, _ weight: UnsafeMutablePointer<Double>?,
                          _ approach: UnsafeMutablePointer<Int32>?, _ storage: UnsafeMutablePointer<Double>?,
                          _ exit: UnsafeMutablePointer<Int32>?) -> Int32 {
    guard let h = CInterface.sim(p), h.run.contexts.indices.contains(Int(k)) else {
        return CInterface.fail(2, "ngatu_sim_movement_info: no external junction \(k)")
    }
    let c = h.run.contexts[Int(k)]
    var seen: [Int] = [], exits: [Int] = []
    for m in 0..<c.turns.count {
        let to = c.toSegments[m]
        if !exits.contains(to) { exits.append(to) }
        exit?[m] = Int32(exits.firstIndex(of: to)!)
        weight?[m] = h.run.downstreamWeights[Int(k)][m]
        let from = c.fromSegments[m]
        if !seen.contains(from) { seen.append(from) }
        approach?[m] = Int32(seen.firstIndex(of: from)!)
        storage?[m] = h.run.setup.storagePCU[from]
    }
    return 0
}

@_cdecl("ngatu_sim_observe")
public func cObserve(_ p: OpaquePointer?, _ k: Int32, _ state: UnsafeMutablePointer<Double>?,
                     _ movements: UnsafeMutablePointer<Double>?) -> Int32 {
    guard let h = CInterface.sim(p), let state, let movements else {
        return CInterface.fail(2, "ngatu_sim_observe: NULL run or array")
    }
    return CInterface.call { () throws(RunnerError) in try h.observe(Int(k), state: state, movements: movements) }
}

@_cdecl("ngatu_sim_observe_all")
public func cObserveAll(_ p: OpaquePointer?, _ state: UnsafeMutablePointer<Double>?,
                        _ movements: UnsafeMutablePointer<Double>?) -> Int32 {
    guard let h = CInterface.sim(p), let state, let movements else {
        return CInterface.fail(2, "ngatu_sim_observe_all: NULL run or array")
    }
    return CInterface.call { () throws(RunnerError) in try h.run.writeObservations(state: state, rows: movements) }
}

@_cdecl("ngatu_sim_set_phase")
public func cSetPhase(_ p: OpaquePointer?, _ k: Int32, _ phase: Int32) -> Int32 {
    guard let h = CInterface.sim(p) else { return CInterface.fail(2, "ngatu_sim_set_phase: NULL run") }
    return CInterface.call { () throws(RunnerError) in try h.run.setPhase(Int(k), Int(phase)) }
}

@_cdecl("ngatu_sim_set_phases")
public func cSetPhases(_ p: OpaquePointer?, _ phases: UnsafePointer<Int32>?) -> Int32 {
    guard let h = CInterface.sim(p), let phases else { return CInterface.fail(2, "ngatu_sim_set_phases: NULL run or array") }
    return CInterface.call { () throws(RunnerError) in
        for k in 0..<h.junctionIDs.count where phases[k] >= 0 { try h.run.setPhase(k, Int(phases[k])) }
    }
}

@_cdecl("ngatu_sim_close")
public func cClose(_ p: OpaquePointer?) -> Int32 {
    guard let h = CInterface.sim(p) else { return CInterface.fail(2, "ngatu_sim_close: NULL run") }
    return CInterface.call { () throws(RunnerError) in try h.run.close() }
}

@_cdecl("ngatu_sim_result")
public func cResult(_ p: OpaquePointer?, _ column: UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<Double>?) -> Int32 {
    guard let h = CInterface.sim(p), let column, let value else { return CInterface.fail(2, "ngatu_sim_result: NULL argument") }
    guard let record = h.run.record else { return CInterface.fail(3, "ngatu_sim_result: the run is not closed yet") }
    let name = String(cString: column)
    guard let i = RunRow.trailingColumns.firstIndex(where: { $0.name == name }) else {
        let names = RunRow.trailingColumns.map(\.name).joined(separator: ", ")
        return CInterface.fail(2, "ngatu_sim_result: no column \"\(name)\" (runs.csv has \(names))")
    }
    switch record.run.trailingCells[i] {
    case .integer(let n): value.pointee = Double(n)
    case .real(let x): value.pointee = x
    default: value.pointee = .nan
    }
    return 0
}
