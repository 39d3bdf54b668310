public import NgaTuCore

/// An estimated parameter to rerun a scenario's comparison at other values (`sensitivity:`),
/// on the same seeds, to see whether its conclusions hold.
public struct SensitivityParameter: Sendable, Equatable {
    /// Key path: `model.critical_gap`, `model.saturation_flow`, `model.startup_lost_time`,
    /// `model.green_extension`, `model.jam_spacing` or `vehicles.<class>.pcu`.
    public var key: String
    /// Values in the key's default unit (s, PCU/h per lane, m, PCU), in file order.
    public var values: [Double]
    public init(key: String, values: [Double]) { self.key = key; self.values = values }
}

/// The parameters a sensitivity check may vary, the default set, and how a value is applied.
public enum Sensitivity {
    /// `model.*` keys that may be varied, with their unit for the report.
    public static let modelKeys: [(key: String, unit: String)] = [
        ("model.critical_gap", "s"), ("model.saturation_flow", "PCU/h"), ("model.startup_lost_time", "s"),
        ("model.green_extension", "s"), ("model.jam_spacing", "m"),
    ]

    /// The estimates the README marks as such, each at a low and a high plausible value
    /// (`sensitivity: estimates`, or `ngatu run --sensitivity`): the permitted-turn critical
    /// gap, 4 s for cars, shorter for motorcycles (2 and 6 s); the saturation flow per lane,
    /// 1,800 PCU/h, where FACTS.md §4.2–4.3 derive 1,900–1,965 (1,600 and 2,000); the start-up
    /// lost time, ≈ 2 s (1 and 3 s); the motorcycle's PCU, 0.3 by TCVN 4054, 0.2–0.35 in other
    /// practice (0.2 and 0.4). The PCU is left out when the mix has no `motorbike` class.
    public static func estimates(classes: [VehicleClass]) -> [SensitivityParameter] {
        var out = [
            SensitivityParameter(key: "model.critical_gap", values: [2, 6]),
            SensitivityParameter(key: "model.saturation_flow", values: [1600, 2000]),
            SensitivityParameter(key: "model.startup_lost_time", values: [1, 3]),
        ]
        if classes.contains(where: { $0.name == "motorbike" }) {
            out.append(SensitivityParameter(key: "vehicles.motorbike.pcu", values: [0.2, 0.4]))
        }
        return out
    }

    /// Every `model.*` key a sweep may vary, with its dimension and whether 0 is allowed.
    public static let sweepModelKeys: [(key: String, dimension: QuantityDimension, positive: Bool)] = [
        ("model.saturation_flow", .flow, true), ("model.startup_lost_time", .time, false),
        ("model.green_extension", .time, false), ("model.jam_spacing", .length, true),
        ("model.lane_width", .length, true), ("model.critical_gap", .time, true),
        ("model.stop_threshold", .time, false), ("model.min_green_floor", .time, true),
    ]

    /// The share of vehicles informed of capacity cuts (`model.reroute_share`, 0–1, no unit).
    public static let rerouteShareKey = "model.reroute_share"

    /// What a swept key path names (`sweep:`).
    public enum SweepTarget: Sendable, Equatable {
        case demandScale
        case model(QuantityDimension, Sign)
        /// `model.reroute_share`: a plain number from 0 to 1.
        case rerouteShare
        case pcu
        /// A strategy's parameter: the strategy's index in the file and the parameter's name.
        case strategyParam(Int, String)
        case eventFactor(Int)
        public enum Sign: Sendable { case positive, nonNegative }
    }

    public struct PathProblem: Error, Sendable { public var message: String }

    /// The target of a swept key path, or why it names nothing.
    public static func sweepTarget(_ key: String, in spec: ScenarioSpec) -> Result<SweepTarget, PathProblem> {
        func fail(_ m: String) -> Result<SweepTarget, PathProblem> { .failure(PathProblem(message: m)) }
        if key == "demand_scale" { return .success(.demandScale) }
        if let m = sweepModelKeys.first(where: { $0.key == key }) { return .success(.model(m.dimension, m.positive ? .positive : .nonNegative)) }
        if key == rerouteShareKey { return .success(.rerouteShare) }
        if key.hasPrefix("model.") {
            var message = "`\(key)` is not a numeric model parameter"
            if let guess = Suggest.closest(to: key, among: sweepModelKeys.map(\.key) + [rerouteShareKey]) { message += "; did you mean `\(guess)`?" }
            return fail(message)
        }
        if let c = vehicleClass(key) {
            guard spec.vehicles.contains(where: { $0.name == c }) else {
                return fail("`\(key)`: no vehicle class \"\(Echo.excerpt(c))\" (classes: \(spec.vehicles.map(\.name).joined(separator: ", ")))")
            }
            return .success(.pcu)
        }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 4, parts[0] == "strategies", parts[2] == "params" {
            guard let i = spec.strategies.firstIndex(where: { $0.name == parts[1] }) else {
                var message = "`\(key)`: no strategy named \"\(Echo.excerpt(parts[1]))\""
                if let guess = Suggest.closest(to: parts[1], among: spec.strategies.map(\.name)) { message += "; did you mean `\(guess)`?" }
                return fail(message + " (strategies: \(spec.strategies.map(\.name).joined(separator: ", ")))")
            }
            guard !parts[3].isEmpty else { return fail("`\(key)` names no parameter") }
            return .success(.strategyParam(i, parts[3]))
        }
        if key.hasPrefix("events["), key.hasSuffix("].factor"), let i = Int(key.dropFirst(7).dropLast(8)) {
            guard spec.events.indices.contains(i) else {
                return fail("`\(key)`: the scenario has \(spec.events.count) event\(spec.events.count == 1 ? "" : "s") (events[0] to events[\(max(0, spec.events.count - 1))])")
            }
            guard spec.events[i].kind == .capacity else { return fail("`\(key)`: events[\(i)] is a closure, which has no factor") }
            return .success(.eventFactor(i))
        }
        var message = "`\(key)` cannot be swept: sweep demand_scale, model.<parameter>, vehicles.<class>.pcu, strategies.<name>.params.<parameter> or events[<i>].factor"
        if let guess = Suggest.closest(to: key, among: ["demand_scale"] + sweepModelKeys.map(\.key)) { message += "; did you mean `\(guess)`?" }
        return fail(message)
    }

    /// The vehicle class of a `vehicles.<class>.pcu` key, nil for other keys.
    public static func vehicleClass(_ key: String) -> String? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "vehicles", parts[2] == "pcu" else { return nil }
        return String(parts[1])
    }

    /// The scenario's own value of a key (nil for an unknown key or class).
    public static func value(of key: String, in spec: ScenarioSpec) -> Double? {
        if let c = vehicleClass(key) { return spec.vehicles.first { $0.name == c }?.pcu }
        switch key {
        case "model.critical_gap": return spec.model.criticalGap
        case "model.saturation_flow": return spec.model.saturationFlow
        case "model.startup_lost_time": return spec.model.startupLostTime
        case "model.green_extension": return spec.model.greenExtension
        case "model.jam_spacing": return spec.model.jamSpacing
        default: break
        }
        switch sweepTarget(key, in: spec) {
        case .success(.model): return modelValue(key, spec.model)
        case .success(.strategyParam(let i, let param)):
            if case .number(let x)? = spec.strategies[i].params.first(where: { $0.key == param })?.value { return x }
            return nil
        case .success(.eventFactor(let i)): return spec.events[i].factor
        case .success(.rerouteShare): return spec.model.rerouteShare
        case .success(.demandScale): return spec.demand.scale
        default: return nil
        }
    }

    /// `spec` with `key` set to `value`; the scenario's sensitivity list is emptied (a variant
    /// is not checked again). Unknown keys leave it unchanged.
    public static func applying(_ key: String, _ value: Double, to spec: ScenarioSpec) -> ScenarioSpec {
        var s = spec
        s.sensitivity = []
        if let c = vehicleClass(key) {
            for i in s.vehicles.indices where s.vehicles[i].name == c { s.vehicles[i].pcu = value }
            return s
        }
        switch key {
        case "model.critical_gap": s.model.criticalGap = value
        case "model.saturation_flow": s.model.saturationFlow = value
        case "model.startup_lost_time": s.model.startupLostTime = value
        case "model.green_extension": s.model.greenExtension = value
        case "model.jam_spacing": s.model.jamSpacing = value
        default: set(key, value, in: &s)
        }
        return s
    }

    static func modelValue(_ key: String, _ m: ModelParameters) -> Double? {
        switch key {
        case "model.lane_width": m.laneWidth
        case "model.stop_threshold": m.stopThreshold
        case "model.min_green_floor": m.minGreenFloor
        default: nil
        }
    }

    /// Sets the sweep-only key paths (the other `model.*` keys, a strategy's parameter, an
    /// event's factor, the demand scale); the sensitivity keys are set by `applying`.
    static func set(_ key: String, _ value: Double, in s: inout ScenarioSpec) {
        switch sweepTarget(key, in: s) {
        case .success(.model):
            switch key {
            case "model.lane_width": s.model.laneWidth = value
            case "model.stop_threshold": s.model.stopThreshold = value
            case "model.min_green_floor": s.model.minGreenFloor = value
            default: break
            }
        case .success(.strategyParam(let i, let param)):
            let path = SpecPath.root.key("strategies").index(i).key("params").key(param)
            if let k = s.strategies[i].params.firstIndex(where: { $0.key == param }) {
                s.strategies[i].params[k].value = .number(value)
            } else {
                s.strategies[i].params.append(StrategyParam(key: param, value: .number(value), path: path))
            }
        case .success(.eventFactor(let i)): s.events[i].factor = value
        case .success(.rerouteShare): s.model.rerouteShare = value
        case .success(.demandScale): s.demand.scale = value
        default: break
        }
    }

    /// Unit of a key's values for the report (`s`, `PCU/h`, `m`, or empty for a PCU factor).
    public static func unit(of key: String) -> String {
        modelKeys.first { $0.key == key }?.unit ?? ""
    }
}
