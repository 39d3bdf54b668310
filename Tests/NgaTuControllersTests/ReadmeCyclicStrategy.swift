// The example strategy of README's "Adding a strategy", verbatim from its `public import`
// on (ReadmeExampleTests checks that the README still shows exactly that, and runs it). In the
// package the file is part of NgaTuControllers; here it imports it.
public import NgaTuControllers
public import NgaTuCore

public enum CyclicStrategy: SignalStrategy {
    public static let name = "cyclic"
    public static let summary = "Every phase in turn for `green` seconds."
    public static let plainWords = PlainWords(vi: "lần lượt từng pha", en: "every phase in turn")
    public static let parameters = [ParameterDoc("green", unit: "s", default: "20", "green of every phase")]

    public static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers {
        let green = try params.seconds("green", default: 20, min: 5)
        var out = StrategyControllers()
        for j in context.controlled {
            let jc = JunctionContext(network: context.network, junction: j)
            out.controllers[j] = CyclicController(phases: jc.phaseMovements.count, green: green)
        }
        return out
    }
}

struct CyclicController: SignalController {
    let phases: Int, green: Double
    var minGreen: Double { green }
    var detectorDistance: Double { 0 }
    mutating func decide(_ o: SignalObservation) -> SignalDecision {
        if o.currentPhase < 0 { return .switchTo(phase: 0) }
        let end = max(o.now - o.greenElapsed + green, o.earliestSwitch)
        if o.now < end { return .hold(until: end) }
        return phases == 1 ? .hold(until: o.now + green) : .switchTo(phase: (o.currentPhase + 1) % phases)
    }
}
