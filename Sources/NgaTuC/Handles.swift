import Foundation
import NgaTuCore
import NgaTuRunner
import NgaTuResults

/// A scenario opened through the C interface: its plan, and its names as C strings that live
/// as long as the handle.
final class ScenarioHandle {
    let plan: ScenarioPlan
    let hash: String
    let path: String
    let strategyNames: [CString]
    let baseline: CString
    let controlledIDs: [CString]

    init(path: String) throws(RunnerError) {
        let (document, hash) = try InputFiles.loadScenario(path)
        let plan = try ScenarioPlan(document: document)
        self.plan = plan
        self.hash = hash
        self.path = path
        strategyNames = plan.strategies.map { CString($0.name) }
        baseline = CString(plan.baseline)
        controlledIDs = plan.controlled.map { CString(plan.network.junctionIDs[$0]) }
    }
}

/// A run opened through the C interface.
final class SimHandle {
    let run: SteppedRun
    let junctionIDs: [CString]
    /// Per external junction: where its rows start in `ngatu_sim_observe_all`'s movement array.
    let rowStart: [Int]

    init(run: SteppedRun) {
        self.run = run
        junctionIDs = run.externalJunctions.map { CString($0) }
        var start = [0]
        for c in run.contexts { start.append(start.last! + c.turns.count) }
        rowStart = start
    }

    /// Writes junction `k`'s observation: the scalars and its movement rows.
    func observe(_ k: Int, state: UnsafeMutablePointer<Double>, movements: UnsafeMutablePointer<Double>) throws(RunnerError) {
        let o = try run.observe(k)
        let s = try run.signalState(k)
        state[0] = o.now
        state[1] = Double(o.currentPhase)
        state[2] = Double(s.stage.rawValue)
        state[3] = s.stage == .initial ? 0 : o.greenElapsed
        state[4] = o.earliestSwitch
        state[5] = (s.stage == .initial || (s.stage == .green && o.now >= o.earliestSwitch - 1e-9)) ? 1 : 0
        let waits = try run.queueWaits(k)
        let f = CInterface.fieldCount
        for m in 0..<o.queuedVehicles.count {
            let row = movements + m * f
            row[0] = Double(o.queuedVehicles[m]); row[1] = o.queuedPCU[m]
            row[2] = Double(o.approachingVehicles[m]); row[3] = o.approachingPCU[m]
            row[4] = o.secondsSinceDetection[m]
            row[5] = o.downstreamPCU[m]; row[6] = o.downstreamStoragePCU[m]
            row[7] = o.saturationFlow[m]
            row[8] = Double(o.departedVehicles[m]); row[9] = o.departedPCU[m]
            row[10] = waits[m]
        }
    }
}

/// A NUL-terminated copy of a string, freed with its owner (never changed: safe to share).
final class CString: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<CChar>
    init(_ s: String) { pointer = strdup(s) }
    deinit { free(pointer) }
}

enum CInterface {
    static let stateCount = 6
    static let fieldCount = 11

    static func scenario(_ p: OpaquePointer?) -> ScenarioHandle? {
        p.map { Unmanaged<ScenarioHandle>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
    }

    static func sim(_ p: OpaquePointer?) -> SimHandle? {
        p.map { Unmanaged<SimHandle>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
    }

    /// The status of an error, with its message kept for `ngatu_last_error`.
    static func fail(_ error: RunnerError) -> Int32 {
        LastError.set(error.description)
        switch error {
        case .input: return 1
        case .usage: return 2
        case .cannotResume, .output: return 4
        case .controllerFault: return 5
        }
    }

    static func fail(_ status: Int32, _ message: String) -> Int32 {
        LastError.set(message)
        return status
    }

    /// Runs `body`, turning a thrown `RunnerError` into its status; a closed run is status 3.
    static func call(_ body: () throws(RunnerError) -> Void) -> Int32 {
        do { try body(); return 0 } catch {
            if case .usage(let m) = error, m == "the run is closed" { return fail(3, m) }
            return fail(error)
        }
    }
}

/// The last failure's message, per thread (a C caller reads it after the failing call).
enum LastError {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k) { free($0) }
        return k
    }()
    nonisolated(unsafe) private static let empty: UnsafeMutablePointer<CChar> = strdup("")

    static func set(_ message: String) {
        if let old = pthread_getspecific(key) { free(old) }
        pthread_setspecific(key, strdup(message))
    }

    static var current: UnsafePointer<CChar> {
        if let p = pthread_getspecific(key) { return UnsafePointer(p.assumingMemoryBound(to: CChar.self)) }
        return UnsafePointer(empty)
    }
}
