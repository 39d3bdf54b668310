public import NgaTuCore

/// `actuated`: fully actuated isolated control (traffic-engineering.md).
///
/// Every phase gets at least `min_green`. While it is green, a call extends it: a vehicle
/// that passed the detector (`detector` metres upstream) less than `gap` seconds ago, or a
/// standing queue still discharging on one of its movements. The phase ends at gap-out (no
/// call) or max-out (`max_green` of green), and the next phase in order with vehicles waiting
/// or approaching on a movement it would newly open is served; phases without any are
/// skipped. When no other phase has demand the current green rests (holds).
public enum ActuatedStrategy: SignalStrategy {
    public static let name = "actuated"
    public static let summary = "Fully actuated isolated control: min green, gap-out, max-out, skipping of empty phases."
    public static let plainWords = PlainWords(vi: "điều khiển cảm ứng: kéo dài thời gian xanh khi xe còn đến", en: "actuated: green extended while vehicles keep arriving")
    public static let parameters: [ParameterDoc] = [
        MinimumGreen.doc,
        ParameterDoc("max_green", unit: "s", default: "60", "longest green while other phases wait (max-out)"),
        ParameterDoc("gap", unit: "s", default: "3", "passage time: a call extends the green this long (gap-out)"),
        ParameterDoc("detector", unit: "m", default: "35", "detector distance upstream of the stop line"),
    ]

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let minGreen = try params.minGreen()
        let maxGreen = try params.seconds("max_green", default: 60, min: 1)
        try params.require("max_green", maxGreen, atLeast: minGreen, lowerKey: "min_green", unit: "s")
        let gap = try params.seconds("gap", default: 3, min: 0.5, max: 30)
        let detector = try params.metres("detector", default: 35, min: 1, max: 500)
        var out = StrategyControllers()
        for jc in context.junctions {
            out.controllers[jc.junction] = ActuatedController(phases: jc.phaseMovements, minGreen: minGreen,
                                                              maxGreen: maxGreen, gap: gap, detector: detector)
        }
        return out
    }
}

public struct ActuatedController: SignalController {
    public let phases: [[Int]]
    public let minGreen: Double
    public let maxGreen: Double
    public let gap: Double
    public let detectorDistance: Double

    public init(phases: [[Int]], minGreen: Double = 7, maxGreen: Double = 60, gap: Double = 3, detector: Double = 35) {
        self.phases = phases; self.minGreen = minGreen; self.maxGreen = maxGreen
        self.gap = gap; self.detectorDistance = detector
    }

    public mutating func decide(_ o: SignalObservation) -> SignalDecision {
        let cur = o.currentPhase
        guard cur >= 0 else { return .switchTo(phase: next(after: -1, o) ?? 0) }
        // No change before the core allows one (its minimum green): ask again then.
        if o.now < o.earliestSwitch - 1e-6 { return .hold(until: o.earliestSwitch) }
        let greenStart = o.now - o.greenElapsed
        if o.greenElapsed < maxGreen - 1e-6, let until = callUntil(o, phase: cur) {
            return .hold(until: min(until, greenStart + maxGreen))
        }
        // Gap-out or max-out: serve the next phase with demand, or rest in this green.
        if let q = next(after: cur, o) { return .switchTo(phase: q) }
        return .hold(until: o.now + min(1, gap))
    }

    /// When the current calls of `phase` expire, nil when there is none.
    func callUntil(_ o: SignalObservation, phase: Int) -> Double? {
        var until: Double?
        for k in phases[phase] {
            if o.queuedVehicles[k] > 0 { until = max(until ?? 0, o.now + min(1, gap)) }
            let since = o.secondsSinceDetection[k]
            if since < gap - 1e-9 { until = max(until ?? 0, o.now + gap - since) }
        }
        return until
    }

    /// The next phase after `current` in cyclic order with demand, nil when none has.
    func next(after current: Int, _ o: SignalObservation) -> Int? {
        let n = phases.count
        let open = current >= 0 ? phases[current] : []
        for i in 1...n {
            let q = (current + i + n) % n
            if q == current { continue }
            if PhaseDemand.vehicles(o, phase: phases[q], current: open) > 0 { return q }
        }
        return nil
    }
}
