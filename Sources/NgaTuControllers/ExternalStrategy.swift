import Foundation
public import NgaTuCore

/// `external`: every controlled junction decided by a policy registered in this process under
/// the name given by `policy` (a Python function through the C interface, a Swift closure).
/// The policy is asked at the same decision points as a built-in controller and, like one, can
/// only name phases: the core enforces minimum green, yellow and all-red. A scenario naming a
/// policy nobody registered is refused at `params.policy`, so `ngatu run` of such a scenario
/// fails cleanly instead of running something else.
public enum ExternalStrategy: SignalStrategy {
    public static let name = "external"
    public static let summary = "A policy from outside the simulator (Python, C), asked at each decision point."
    public static let plainWords = PlainWords(vi: "chiến lược bên ngoài (ví dụ Python): chỉ chọn pha, thời gian xanh tối thiểu và vàng vẫn do mô hình bảo đảm",
                                              en: "an outside policy (e.g. Python): it only names phases; minimum green and yellow are still enforced")
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("policy", unit: "", default: "(required)", "name of a policy registered in this process"),
        MinimumGreen.doc,
        ParameterDoc("detector_distance", unit: "m", default: "50", "reach of the approach counts the policy sees"),
    ]

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        guard let given = try params.list("policy"), given.values.count == 1 else {
            throw SpecError(params.path.key("policy"), "an external strategy needs `policy:`, the name of a policy registered by its host (the Python package's run_scenario, the C interface)")
        }
        let name = given.values[0]
        guard let policy = ExternalPolicies.policy(named: name) else {
            throw SpecError(given.path, "no policy \"\(Echo.excerpt(name))\" is registered in this process (external policies come from the Python package or the C interface; `ngatu run` has none)")
        }
        let minGreen = try params.minGreen()
        let distance = try params.metres("detector_distance", default: 50, min: 0, max: 10_000)
        var out = StrategyControllers()
        for j in junctions(context) {
            let c = ExternalController(phaseCount: j.context.phaseMovements.count, minGreen: minGreen, detectorDistance: distance)
            c.decider = policy(j)
            out.controllers[j.context.junction] = c
        }
        return out
    }

    /// What a policy is told about each junction of `context` it controls.
    public static func junctions(_ context: StrategyContext) -> [ExternalJunction] {
        let pcu = context.setup.movementDemand().pcu
        return context.junctions.map { jc in
            ExternalJunction(context: jc, downstreamWeights: jc.toSegments.map {
                MaxPressureStrategy.downstreamWeight(context.network, segment: $0, demand: pcu)
            })
        }
    }
}

/// A junction as an external policy sees it: its static facts, and per local movement the
/// weight max-pressure gives its downstream PCU (Σ r² of the turning ratios out of the
/// downstream segment, from the routed demand), so that pressure can be computed outside.
public struct ExternalJunction: Sendable {
    public var context: JunctionContext
    public var downstreamWeights: [Double]
    public init(context: JunctionContext, downstreamWeights: [Double]) {
        self.context = context; self.downstreamWeights = downstreamWeights
    }
}

/// Makes the decision function of one junction for one run (called once per junction per run).
public typealias ExternalPolicy = @Sendable (ExternalJunction) -> (SignalObservation) -> SignalDecision

/// The policies registered in this process, by name (read by `ExternalStrategy`).
public enum ExternalPolicies {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var table: [String: ExternalPolicy] = [:]

    public static func register(_ name: String, _ policy: @escaping ExternalPolicy) {
        lock.lock(); table[name] = policy; lock.unlock()
    }

    public static func remove(_ name: String) {
        lock.lock(); table[name] = nil; lock.unlock()
    }

    public static func policy(named name: String) -> ExternalPolicy? {
        lock.lock(); defer { lock.unlock() }
        return table[name]
    }
}
