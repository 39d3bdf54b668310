public import NgaTuCore

/// `longest-queue-first`: every `interval`, once the green has lasted `min_green`, serve the
/// phase with the largest queued PCU (sum over its movements; ties keep the current phase,
/// then the lowest index).
public enum LongestQueueFirstStrategy: SignalStrategy {
    public static let name = "longest-queue-first"
    public static let summary = "Every interval after min green, serve the phase with the most queued PCU."
    public static let plainWords = PlainWords(vi: "ưu tiên hàng chờ dài nhất", en: "longest queue first")
    public static let parameters: [ParameterDoc] = [
        ParameterDoc("interval", unit: "s", default: "5", "time between decisions"),
        MinimumGreen.doc,
    ]

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let interval = try params.seconds("interval", default: 5, min: 0.5)
        let minGreen = try params.minGreen()
        var out = StrategyControllers()
        for jc in context.junctions {
            out.controllers[jc.junction] = LongestQueueFirstController(phases: jc.phaseMovements, interval: interval, minGreen: minGreen)
        }
        return out
    }
}

public struct LongestQueueFirstController: SignalController {
    public let phases: [[Int]]
    public let interval: Double
    public let minGreen: Double
    public var detectorDistance: Double { 0 }

    public init(phases: [[Int]], interval: Double = 5, minGreen: Double = 7) {
        self.phases = phases; self.interval = interval; self.minGreen = minGreen
    }

    public mutating func decide(_ o: SignalObservation) -> SignalDecision {
        let queues = phases.map { PhaseDemand.queuedPCU(o, phase: $0) }
        let cur = o.currentPhase
        guard cur >= 0 else { return .switchTo(phase: PhaseDemand.best(queues, current: -1)) }
        if o.now < o.earliestSwitch - 1e-6 { return .hold(until: o.earliestSwitch) }
        let q = PhaseDemand.best(queues, current: cur)
        return q == cur ? .hold(until: o.now + interval) : .switchTo(phase: q)
    }
}
