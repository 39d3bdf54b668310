public import NgaTuCore

/// `max-pressure` (Varaiya 2013, "Max pressure control of a network of signalized
/// intersections"): every `interval`, once the green has lasted `min_green`, switch to the
/// phase of largest pressure (ties keep the current phase, then the lowest index).
///
/// Pressure of phase p = Σ over its movements i→j of s_i · max(0, Q_ij − W_j), with
/// - s_i the saturation flow of the approach i (PCU/h, after capacity incidents),
/// - Q_ij the PCU queued at the stop line on movement i→j,
/// - W_j = (Σ_k r_jk²) · N_j the downstream term: N_j is the PCU on the downstream segment j
///   (queued or moving towards its stop line) and r_jk its turning ratios from the routed
///   demand. Varaiya's Σ_k r_jk Q_jk is evaluated under the assumption that j's vehicles are
///   split over its movements by the turning ratios (Q_jk = r_jk N_j). Segments leaving the
///   map have W_j = 0; a segment with no routed demand has equal ratios over its movements.
/// - The positive part: a movement with nothing queued, or whose downstream holds more than it
///   could send, moves nothing and adds nothing. Without it, the empty turning movements of a
///   phase subtract the occupancy of segments the phase does not feed, and in a saturated grid
///   the controllers hold blocked phases for minutes (the test grid locked up).
public enum MaxPressureStrategy: SignalStrategy {
    public static let name = "max-pressure"
    public static let summary = "Varaiya's max pressure: every interval, serve the phase with the largest queue pressure."
    public static let plainWords = PlainWords(vi: "thích ứng: vài giây một lần, cho xanh pha có chênh lệch hàng chờ (áp lực) lớn nhất", en: "adaptive: every few seconds, give green to the phase with the largest queue imbalance (pressure)")
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("interval", unit: "s", default: "5", "time between decisions"),
        MinimumGreen.doc,
    ]

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let interval = try params.seconds("interval", default: 5, min: 0.5)
        let minGreen = try params.minGreen()
        let net = context.network
        let pcu = context.setup.movementDemand().pcu
        var out = StrategyControllers()
        for jc in context.junctions {
            let weights = jc.toSegments.map { downstreamWeight(net, segment: $0, demand: pcu) }
            out.controllers[jc.junction] = MaxPressureController(phases: jc.phaseMovements, downstreamWeight: weights,
                                                                 interval: interval, minGreen: minGreen)
            for (k, w) in weights.enumerated() {
                out.inputs.append((jc.junctionID, "downstream_weight[\(k)]", w,
                                   "Σ r² of the turning ratios out of \(net.segmentIDs[jc.toSegments[k]])"))
            }
        }
        return out
    }

    /// Σ_k r_jk² over the movements out of segment `j`.
    static func downstreamWeight(_ net: Network, segment j: Int, demand: [Double]) -> Double {
        let ms = Int(net.movementStart[j])..<Int(net.movementStart[j + 1])
        guard !ms.isEmpty else { return 0 }
        let total = ms.reduce(0.0) { $0 + demand[$1] }
        guard total > 0 else { return 1 / Double(ms.count) }
        return ms.reduce(0.0) { let r = demand[$1] / total; return $0 + r * r }
    }
}

public struct MaxPressureController: SignalController {
    public let phases: [[Int]]
    /// Per local movement: the weight of the downstream PCU in the pressure.
    public let downstreamWeight: [Double]
    public let interval: Double
    public let minGreen: Double
    public var detectorDistance: Double { 0 }

    public init(phases: [[Int]], downstreamWeight: [Double], interval: Double = 5, minGreen: Double = 7) {
        self.phases = phases; self.downstreamWeight = downstreamWeight
        self.interval = interval; self.minGreen = minGreen
    }

    /// Pressure of each phase for an observation.
    public func pressures(_ o: SignalObservation) -> [Double] {
        phases.map { ms in
            ms.reduce(0) { sum, k in
                sum + o.saturationFlow[k] * max(0, o.queuedPCU[k] - downstreamWeight[k] * o.downstreamPCU[k])
            }
        }
    }

    public mutating func decide(_ o: SignalObservation) -> SignalDecision {
        let p = pressures(o)
        let cur = o.currentPhase
        guard cur >= 0 else { return .switchTo(phase: PhaseDemand.best(p, current: -1)) }
        if o.now < o.earliestSwitch - 1e-6 { return .hold(until: o.earliestSwitch) }
        let q = PhaseDemand.best(p, current: cur)
        return q == cur ? .hold(until: o.now + interval) : .switchTo(phase: q)
    }
}
