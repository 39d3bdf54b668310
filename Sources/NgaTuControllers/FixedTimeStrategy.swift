public import NgaTuCore

/// `fixed-time`: the map's plans, repeated (the core's `FixedTimeController`).
public enum FixedTimeStrategy: SignalStrategy {
    public static let name = "fixed-time"
    public static let summary = "The map's fixed-time plans: cycle, offset and phase greens as given."
    public static let plainWords = PlainWords(vi: "chu kỳ cố định theo kế hoạch của bản đồ", en: "the map's fixed-time plans")
    public static let parameters: [ParameterDoc] = []

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        var out = StrategyControllers()
        for j in context.controlled {
            let program = context.network.programs[Int(context.network.programOfJunction[j])]
            out.controllers[j] = FixedTimeController(plan: .init(program))
        }
        return out
    }
}
