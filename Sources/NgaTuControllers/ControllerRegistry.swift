public import NgaTuCore

/// What a strategy needs to make its controllers: the scenario instance (network, routed
/// demand, model) and the signalised junctions it controls; the others stay fixed-time.
public struct StrategyContext: Sendable {
    public let setup: SimulationSetup
    /// Signalised junction indices under this strategy's control (ascending).
    public let controlled: [Int]
    public var network: Network { setup.network }

    public init(setup: SimulationSetup, controlled: [Int]) {
        self.setup = setup
        self.controlled = controlled
    }
}

/// One documented parameter of a strategy (for validation messages and the README).
public struct ParameterDoc: Sendable {
    public var key: String
    public var unit: String
    public var defaultValue: String
    public var meaning: String
    public init(_ key: String, unit: String, default d: String, _ meaning: String) {
        self.key = key; self.unit = unit; self.defaultValue = d; self.meaning = meaning
    }
}

/// The controllers a strategy made, and what it wants written to the results.
public struct StrategyControllers {
    /// Controller per controlled junction (junction index → controller).
    public var controllers: [Int: any SignalController]
    /// Inputs a planner may want to check, e.g. Webster's y_i, L and C0, per junction id.
    public var inputs: [(junction: String, key: String, value: Double, note: String)]
    public init(controllers: [Int: any SignalController] = [:],
                inputs: [(junction: String, key: String, value: Double, note: String)] = []) {
        self.controllers = controllers; self.inputs = inputs
    }
}

/// A strategy in plain words for the workshop report, in Vietnamese and English (written into
/// the results' metadata, so the report needs no list of its own).
public struct PlainWords: Sendable, Equatable {
    public var vi: String
    public var en: String
    public init(vi: String, en: String) { self.vi = vi; self.en = en }
}

/// A signal timing strategy: a name for scenario files, documented parameters, plain words for
/// the report, and a way to make controllers. Adding a strategy is one file with a type conforming to this protocol and
/// one line in `ControllerRegistry.strategies`.
public protocol SignalStrategy: Sendable {
    /// The `controller:` name in scenario files.
    static var name: String { get }
    static var summary: String { get }
    /// What the report says the strategy does, for people who do not know the method.
    static var plainWords: PlainWords { get }
    static var parameters: [ParameterDoc] { get }
    /// Reads and validates `params`, then makes one controller per junction in `context.controlled`.
    static func make(_ params: inout ControllerParameters, _ context: StrategyContext) throws(SpecError) -> StrategyControllers
}

/// The registry of strategies by name.
public enum ControllerRegistry {
    /// Every strategy, by `name`. Register a new strategy here.
    public static let strategies: [any SignalStrategy.Type] = [
        FixedTimeStrategy.self,
        WebsterStrategy.self,
        ActuatedStrategy.self,
        MaxPressureStrategy.self,
        SOTLStrategy.self,
        LongestQueueFirstStrategy.self,
        GreenWaveStrategy.self,
    ]

    /// The strategy called `name`; `external` too, which is not in `strategies` because it
    /// runs only where a host registered its policy (`ExternalStrategy`).
    public static func strategy(named name: String) -> (any SignalStrategy.Type)? {
        strategies.first { $0.name == name } ?? (name == ExternalStrategy.name ? ExternalStrategy.self : nil)
    }

    /// The controllers of a run: the strategy's for `controlled` junctions, fixed-time (the
    /// map's plan) for every other signal program. Returns them in program order, with the
    /// strategy's inputs and its resolved parameters (for `run_meta`).
    public static func controllers(strategy name: String, params: [StrategyParam], paramsPath: SpecPath,
                                   controllerPath: SpecPath, setup: SimulationSetup, controlled: [Int])
        throws(SpecError) -> (controllers: [any SignalController], inputs: [(junction: String, key: String, value: Double, note: String)],
                              parameters: [(key: String, value: String)]) {
        guard let strategy = strategy(named: name) else {
            let names = strategies.map { $0.name }
            let hint = Suggest.closest(to: name, among: names).map { " (did you mean \($0)?)" } ?? ""
            throw SpecError(controllerPath, "unknown controller \"\(name)\"\(hint); known: \(names.joined(separator: ", "))")
        }
        var p = ControllerParameters(params, path: paramsPath)
        let made = try strategy.make(&p, StrategyContext(setup: setup, controlled: controlled))
        try p.finish(known: strategy.parameters.map(\.key))
        let net = setup.network
        var list: [any SignalController] = []
        for program in net.programs {
            let j = Int(program.junction)
            list.append(made.controllers[j] ?? FixedTimeController(plan: .init(program)))
        }
        return (list, made.inputs, p.resolved)
    }
}
