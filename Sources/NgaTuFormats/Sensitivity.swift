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
        default: break
        }
        return s
    }

    /// Unit of a key's values for the report (`s`, `PCU/h`, `m`, or empty for a PCU factor).
    public static func unit(of key: String) -> String {
        modelKeys.first { $0.key == key }?.unit ?? ""
    }
}
