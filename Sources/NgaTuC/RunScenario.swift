import Foundation
import NgaTuControllers
import NgaTuCore
import NgaTuFormats
import NgaTuReport
import NgaTuResults
import NgaTuRunner

/// `ngatu_policy_fn`: (user, junction id, state, movement rows, movement count, hold until) → phase or −1.
public typealias CPolicy = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<Double>?,
                                           UnsafePointer<Double>?, Int32, UnsafeMutablePointer<Double>?) -> Int32

/// A C policy and its user pointer, called from the runner's worker thread (one run at a time).
private struct PolicyCall: @unchecked Sendable {
    let function: CPolicy
    let user: UnsafeMutableRawPointer?
    let aborted: AbortFlag

    /// The decision function of one junction: the observation flattened as in `ngatu_sim_observe`,
    /// the queues' waiting time included (an external controller asks the core for it).
    func decider(_ j: ExternalJunction) -> (SignalObservation) -> SignalDecision {
        let id = CString(j.context.junctionID)
        let n = j.context.turns.count
        var state = [Double](repeating: 0, count: CInterface.stateCount)
        var rows = [Double](repeating: 0, count: max(1, n * CInterface.fieldCount))
        return { o in
            state[0] = o.now; state[1] = Double(o.currentPhase)
            state[2] = o.currentPhase < 0 ? 3 : 0
            state[3] = o.greenElapsed; state[4] = o.earliestSwitch
            state[5] = o.now >= o.earliestSwitch - 1e-9 ? 1 : 0
            let f = CInterface.fieldCount
            for m in 0..<n {
                rows[m * f + 0] = Double(o.queuedVehicles[m]); rows[m * f + 1] = o.queuedPCU[m]
                rows[m * f + 2] = Double(o.approachingVehicles[m]); rows[m * f + 3] = o.approachingPCU[m]
                rows[m * f + 4] = o.secondsSinceDetection[m]
                rows[m * f + 5] = o.downstreamPCU[m]; rows[m * f + 6] = o.downstreamStoragePCU[m]
                rows[m * f + 7] = o.saturationFlow[m]
                rows[m * f + 8] = Double(o.departedVehicles[m]); rows[m * f + 9] = o.departedPCU[m]
                rows[m * f + 10] = o.queueWaitS[m]
            }
            var hold = Double.infinity
            let q = state.withUnsafeBufferPointer { s in
                rows.withUnsafeBufferPointer { r in
                    function(user, UnsafePointer(id.pointer), s.baseAddress, r.baseAddress, Int32(n), &hold)
                }
            }
            if q >= 0 { return .switchTo(phase: Int(q)) }
            if q == -2 { aborted.set(); return .hold(until: .infinity) }
            return .hold(until: hold.isNaN ? o.now + 1 : hold)
        }
    }
}

private let runScenarioLock = NSLock()

/// Set when a policy asks to abort (its host caught an error in it): nothing is published.
final class AbortFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

struct PolicyAborted: Error, CustomStringConvertible {
    var description: String { "a policy asked to stop (an error in it); nothing was published" }
}

@_cdecl("ngatu_run_scenario")
public func cRunScenario(_ scenario: UnsafePointer<CChar>?, _ out: UnsafePointer<CChar>?, _ count: Int32,
                         _ names: UnsafePointer<UnsafePointer<CChar>?>?, _ policies: UnsafePointer<CPolicy?>?,
                         _ users: UnsafePointer<UnsafeMutableRawPointer?>?, _ minGreen: Double, _ replications: Int32,
                         _ language: UnsafePointer<CChar>?) -> Int32 {
    guard let scenario, let out, count >= 0, count == 0 || (names != nil && policies != nil) else {
        return CInterface.fail(2, "ngatu_run_scenario: scenario, out, names and policies must not be NULL")
    }
    guard minGreen.isFinite && minGreen >= 1 else { return CInterface.fail(2, "ngatu_run_scenario: min_green must be at least 1 s, got \(minGreen)") }
    var calls: [(name: String, call: PolicyCall)] = []
    let aborted = AbortFlag()
    for i in 0..<Int(count) {
        guard let n = names![i], let f = policies![i] else { return CInterface.fail(2, "ngatu_run_scenario: policy \(i) has no name or function") }
        calls.append((String(cString: n), PolicyCall(function: f, user: users?[i], aborted: aborted)))
    }
    let lang = language.map { String(cString: $0) }
    if let lang, !["vi", "en", ""].contains(lang) { return CInterface.fail(2, "ngatu_run_scenario: language must be vi or en, got \"\(lang)\"") }
    // Policies are registered under their names for the length of the call; calls are taken
    // one at a time so that two calls never see each other's policies.
    runScenarioLock.lock()
    defer {
        for c in calls { ExternalPolicies.remove(c.name) }
        runScenarioLock.unlock()
    }
    return CInterface.call { () throws(RunnerError) in
        var (document, hash) = try InputFiles.loadScenario(String(cString: scenario))
        let existing = document.spec.strategies.map(\.name)
        for (name, call) in calls {
            guard !name.isEmpty, name.count <= 64, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw .usage("policy name \"\(name)\": use lower-case letters, digits and -, at most 64 characters")
            }
            guard !existing.contains(name), calls.filter({ $0.name == name }).count == 1 else {
                throw .usage("policy name \"\(name)\" is already a strategy of the scenario or another policy's name")
            }
            ExternalPolicies.register(name) { j in call.decider(j) }
            let at = SpecPath.root.key("strategies").index(document.spec.strategies.count).key("params")
            document.spec.strategies.append(StrategySpec(name: name, controller: ExternalStrategy.name, params: [
                StrategyParam(key: "policy", value: .text(name), path: at.key("policy")),
                StrategyParam(key: "min_green", value: .number(minGreen), dimension: "time", path: at.key("min_green")),
            ]))
        }
        if let lang, !lang.isEmpty { document.spec.language = lang }
        let plan = try ScenarioPlan(document: document, options: PlanOptions(replications: replications > 0 ? Int(replications) : nil))
        let runner = ScenarioRunner(plan: plan, output: ResultDirectory(path: String(cString: out)), scenarioHash: hash,
                                    options: RunOptions(jobs: 1, progress: .quiet))
        _ = try runner.run { staging, tables in
            if aborted.isSet { throw PolicyAborted() }
            let html = ReportBuilder.html(tables: tables, language: tables.meta.language)
            try Data(html.utf8).write(to: staging.appendingPathComponent("report.html"))
        }
    }
}
