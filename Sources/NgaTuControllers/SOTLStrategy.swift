public import NgaTuCore

/// `sotl`: self-organising traffic lights, the "sotl-platoon" rules of Gershenson (2005),
/// "Self-organizing traffic lights", Complex Systems 16(1), decided every second:
///
/// 1. Each red phase accumulates κ += (PCU waiting or approaching within `distance` on the
///    movements it would open) per second.
/// 2. When some κ ≥ `threshold` and the current green has lasted `min_green` (or the core's
///    floor when larger: `earliestSwitch`), switch to the phase with the largest κ (ties:
///    lowest index) and reset its κ.
/// 3. Platoon protection: do not switch while vehicles are about to cross on green, i.e.
///    while 0 < n ≤ `platoon_max` PCU are within `platoon_distance` of the stop line on the
///    green movements; a longer platoon (n > `platoon_max`) may be cut.
///
/// Units: Gershenson counts cars (all his vehicles are cars), so his κ and platoon sizes are
/// in car units. Here vehicles are mixed (in Cần Thơ ~85% motorcycles of 0.3 PCU), and a
/// count of vehicles would reach a car-calibrated threshold about 2.3 times too fast and
/// switch far more often than the paper's rule intends; PCU is the car-equivalent of the
/// demand (and of the time a queue takes to discharge), so κ and n count PCU. With cars only
/// (PCU 1) this is the paper's rule unchanged.
///
/// The core observes vehicles within one detector distance (`distance`), so n is estimated as
/// the PCU queued on the green movements plus the approaching ones scaled by
/// `platoon_distance / distance` (vehicles spread evenly over the detection zone).
public enum SOTLStrategy: SignalStrategy {
    public static let name = "sotl"
    public static let summary = "Gershenson's self-organising traffic lights (sotl-platoon), decided every second."
    public static let plainWords = PlainWords(vi: "tự tổ chức: đổi pha khi số xe chờ tích lũy đủ lớn", en: "self-organising: switch when enough waiting builds up")
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("threshold", unit: "PCU·s", default: "40", "κ a red phase must reach to ask for green"),
        ParameterDoc("distance", unit: "m", default: "50", "vehicles approaching within this distance count in κ"),
        MinimumGreen.doc,
        ParameterDoc("platoon_distance", unit: "m", default: "25", "short distance of the platoon rule"),
        ParameterDoc("platoon_max", unit: "PCU", default: "5", "a platoon larger than this may be cut"),
    ]

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let threshold = try params.plain("threshold", default: 40, min: 1)
        let distance = try params.metres("distance", default: 50, min: 1, max: 500)
        let minGreen = try params.minGreen()
        let platoonDistance = try params.metres("platoon_distance", default: 25, min: 0)
        try params.require("distance", distance, atLeast: platoonDistance, lowerKey: "platoon_distance", unit: "m")
        let platoonMax = try params.plain("platoon_max", default: 5, min: 0)
        var out = StrategyControllers()
        for jc in context.junctions {
            out.controllers[jc.junction] = SOTLController(phases: jc.phaseMovements, threshold: threshold, distance: distance,
                                                          minGreen: minGreen, platoonDistance: platoonDistance,
                                                          platoonMax: platoonMax)
        }
        return out
    }
}

public struct SOTLController: SignalController {
    public let phases: [[Int]]
    public let threshold: Double
    public let minGreen: Double
    public let platoonDistance: Double
    public let platoonMax: Double
    public let detectorDistance: Double
    /// Accumulated PCU-seconds per phase.
    public private(set) var kappa: [Double]
    private var lastDecision: Double?

    public init(phases: [[Int]], threshold: Double = 40, distance: Double = 50, minGreen: Double = 7,
                platoonDistance: Double = 25, platoonMax: Double = 5) {
        self.phases = phases; self.threshold = threshold; self.detectorDistance = distance
        self.minGreen = minGreen; self.platoonDistance = platoonDistance; self.platoonMax = platoonMax
        kappa = Array(repeating: 0, count: phases.count)
    }

    public mutating func decide(_ o: SignalObservation) -> SignalDecision {
        let cur = o.currentPhase
        let open = cur >= 0 ? phases[cur] : []
        let dt = lastDecision.map { max(0, o.now - $0) } ?? 0
        lastDecision = o.now
        var counts = [Double](repeating: 0, count: phases.count)
        for q in phases.indices where q != cur {
            counts[q] = PhaseDemand.pcu(o, phase: phases[q], current: open)
            kappa[q] += dt * counts[q]
        }
        guard cur >= 0 else {
            let q = PhaseDemand.best(counts, current: -1)
            kappa[q] = 0
            return .switchTo(phase: q)
        }
        let tick = o.now + 1
        // Before the core allows a change (its minimum green) nothing may reset a κ: a switch
        // asked then would not happen.
        if o.now < o.earliestSwitch - 1e-6 { return .hold(until: tick) }
        var target = -1
        for q in phases.indices where q != cur && kappa[q] >= threshold && (target < 0 || kappa[q] > kappa[target]) {
            target = q
        }
        guard target >= 0 else { return .hold(until: tick) }
        if platoonMax > 0 {
            var near = 0.0
            for k in open {
                near += o.queuedPCU[k] + o.approachingPCU[k] * platoonDistance / detectorDistance
            }
            if near > 1e-9 && near <= platoonMax { return .hold(until: tick) }
        }
        kappa[target] = 0
        return .switchTo(phase: target)
    }
}
