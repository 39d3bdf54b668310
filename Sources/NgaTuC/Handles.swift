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
    /// Phases per external junction.
    let phaseCounts: [Int]
    /// The largest observation vector of `encode` (phases + 1 + 2 × movements).
    let observationSize: Int
    /// Per movement row: what its approach road stores (PCU, at least 1e-9), the density's denominator.
    let capacity: [Double]
    /// Per movement row: the first of its junction's movements to lead to its exit road
    /// (pressure counts each exit road once).
    let firstToExit: [Bool]
    /// Per external junction: the queues' waiting time / 100 at the last `encode`
    /// (diff-waiting-time's reward is its fall since then).
    var lastWait: [Double]
    /// Every external junction's observation, refilled by each `encode` (no allocation per step).
    let state: UnsafeMutablePointer<Double>
    let rows: UnsafeMutablePointer<Double>

    init(run: SteppedRun) {
        self.run = run
        junctionIDs = run.externalJunctions.map { CString($0) }
        rowStart = run.rowStart
        phaseCounts = run.contexts.map(\.phaseMovements.count)
        observationSize = run.contexts.map { $0.phaseMovements.count + 1 + 2 * $0.turns.count }.max() ?? 0
        var cap: [Double] = [], first: [Bool] = []
        for c in run.contexts {
            var exits: [Int] = []
            for m in 0..<c.turns.count {
                cap.append(max(run.setup.storagePCU[c.fromSegments[m]], 1e-9))
                first.append(!exits.contains(c.toSegments[m]))
                if first.last! { exits.append(c.toSegments[m]) }
            }
        }
        capacity = cap
        firstToExit = first
        lastWait = Array(repeating: 0, count: run.contexts.count)
        state = .allocate(capacity: max(1, run.contexts.count * CInterface.stateCount))
        rows = .allocate(capacity: max(1, rowStart.last! * CInterface.fieldCount))
    }

    deinit {
        state.deallocate()
        rows.deallocate()
    }

    /// Writes junction `k`'s observation: the scalars and its movement rows.
    func observe(_ k: Int, state: UnsafeMutablePointer<Double>, movements: UnsafeMutablePointer<Double>) throws(RunnerError) {
        try run.writeObservation(k, state: state, rows: movements)
    }

    /// Observes every external junction and writes, per junction, sumo-rl's observation vector
    /// (`width` floats at `obs + k * width`: phase one-hot, all zero outside a green; 1 when a
    /// change asked now starts now; per movement min(1, (queued + approaching PCU) / storage);
    /// per movement min(1, queued PCU / storage); zeros after) and, when `rewards` is given,
    /// its reward of kind `reward` (`Reward`). The same arithmetic, in the same order, as the
    /// Python package's `Encoder`, so both give the same numbers.
    func encode(reward: Reward, width: Int, obs: UnsafeMutablePointer<Float>, rewards: UnsafeMutablePointer<Double>?) throws(RunnerError) {
        try run.writeObservations(state: state, rows: rows)
        let f = CInterface.fieldCount, sc = CInterface.stateCount
        for k in 0..<phaseCounts.count {
            let o = obs + k * width
            o.update(repeating: 0, count: width)
            let s = state + k * sc
            let p = phaseCounts[k]
            let phase = Int(s[1])
            if s[2] == 0 && phase >= 0 && phase < p { o[phase] = 1 }
            o[p] = Float(s[5])
            let lo = rowStart[k], hi = rowStart[k + 1], n = hi - lo
            var wait = 0.0, queued = 0.0, exits = 0.0, incoming = 0.0
            for m in lo..<hi {
                let r = rows + m * f
                let q = r[1], a = r[3]
                o[p + 1 + m - lo] = Float(min(1, (q + a) / capacity[m]))
                o[p + 1 + n + m - lo] = Float(min(1, q / capacity[m]))
                wait += r[10]
                queued += r[0]
                incoming += q + a
                if firstToExit[m] { exits += r[5] }
            }
            let w = wait / 100
            if let rewards {
                switch reward {
                case .diffWaitingTime: rewards[k] = lastWait[k] - w
                case .queue: rewards[k] = -queued
                case .pressure: rewards[k] = exits - incoming
                }
            }
            lastWait[k] = w
        }
    }

    /// sumo-rl's rewards (`NGATU_REWARD_*`).
    enum Reward: Int32 {
        /// The fall in the seconds the junction's queued vehicles have waited, over 100.
        case diffWaitingTime = 0
        /// Minus the vehicles queued at the junction.
        case queue = 1
        /// PCU on the exit roads (each once) minus PCU queued or approaching.
        case pressure = 2
    }
}

/// A NUL-terminated copy of a string, freed with its owner (never changed: safe to share).
final class CString: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<CChar>
    init(_ s: String) { pointer = strdup(s) }
    deinit { free(pointer) }
}

enum CInterface {
    static let stateCount = ObservationLayout.stateCount
    static let fieldCount = ObservationLayout.fieldCount

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
