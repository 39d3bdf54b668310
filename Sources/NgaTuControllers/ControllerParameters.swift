public import NgaTuCore

/// A strategy's `params:` with typed, validated access. Every read names its unit and default;
/// `finish()` then rejects keys nobody read, so a misspelt parameter is an error, not ignored.
public struct ControllerParameters: Sendable {
    private var params: [StrategyParam]
    private var used = Set<String>()
    /// Where `params:` sits, for errors about missing keys (`strategies[2].params`).
    public let path: SpecPath
    /// What was read, in order, with the values used (defaults included), for `run_meta`.
    public private(set) var resolved: [(key: String, value: String)] = []

    public init(_ params: [StrategyParam], path: SpecPath) {
        self.params = params
        self.path = path
    }

    private mutating func take(_ key: String) -> StrategyParam? {
        used.insert(key)
        return params.first { $0.key == key }
    }

    /// A duration in seconds (bare number or a time unit), at least `min`.
    public mutating func seconds(_ key: String, default d: Double, min: Double = 0, max: Double = .infinity) throws(SpecError) -> Double {
        try number(key, default: d, dimension: "time", unit: "s", min: min, max: max)
    }

    /// A distance in metres.
    public mutating func metres(_ key: String, default d: Double, min: Double = 0, max: Double = .infinity) throws(SpecError) -> Double {
        try number(key, default: d, dimension: "length", unit: "m", min: min, max: max)
    }

    /// A speed in km/h.
    public mutating func kmh(_ key: String, default d: Double, min: Double = 0, max: Double = .infinity) throws(SpecError) -> Double {
        try number(key, default: d, dimension: "speed", unit: "km/h", min: min, max: max)
    }

    /// A speed in km/h when the scenario gives one; nil otherwise, recorded as `absent` (what
    /// the strategy uses instead) in the resolved parameters.
    public mutating func kmhIfGiven(_ key: String, absent: String, min: Double = 0, max: Double = .infinity) throws(SpecError) -> Double? {
        try numberIfGiven(key, absent: absent, dimension: "speed", unit: "km/h", min: min, max: max)
    }

    /// A duration in seconds when the scenario gives one; nil otherwise, recorded as `absent`.
    public mutating func secondsIfGiven(_ key: String, absent: String, min: Double = 0, max: Double = .infinity) throws(SpecError) -> Double? {
        try numberIfGiven(key, absent: absent, dimension: "time", unit: "s", min: min, max: max)
    }

    private mutating func numberIfGiven(_ key: String, absent: String, dimension: String, unit: String,
                                        min: Double, max: Double) throws(SpecError) -> Double? {
        guard params.contains(where: { $0.key == key }) else {
            used.insert(key)
            resolved.append((key, absent))
            return nil
        }
        return try number(key, default: 0, dimension: dimension, unit: unit, min: min, max: max)
    }

    /// A plain number (no unit).
    public mutating func plain(_ key: String, default d: Double, min: Double = -.infinity, max: Double = .infinity) throws(SpecError) -> Double {
        try number(key, default: d, dimension: nil, unit: "", min: min, max: max)
    }

    private mutating func number(_ key: String, default d: Double, dimension: String?, unit: String,
                                 min lo: Double, max hi: Double) throws(SpecError) -> Double {
        guard let p = take(key) else {
            resolved.append((key, unit.isEmpty ? formatNumber(d) : "\(formatNumber(d)) \(unit)"))
            return d
        }
        guard case .number(let x) = p.value, x.isFinite else {
            throw SpecError(p.path, "expected \(unit.isEmpty ? "a number" : "a quantity in \(unit)")")
        }
        if let dim = p.dimension, dim != dimension {
            throw SpecError(p.path, "expected \(dimension.map { "a \($0) such as 5 \(unit)" } ?? "a plain number"), got a \(dim)")
        }
        guard x >= lo else { throw SpecError(p.path, "must be at least \(formatNumber(lo))\(unit.isEmpty ? "" : " " + unit)") }
        guard x <= hi else { throw SpecError(p.path, "must be at most \(formatNumber(hi))\(unit.isEmpty ? "" : " " + unit)") }
        resolved.append((key, unit.isEmpty ? formatNumber(x) : "\(formatNumber(x)) \(unit)"))
        return x
    }

    /// A word from `choices`.
    public mutating func choice(_ key: String, default d: String, from choices: [String]) throws(SpecError) -> String {
        guard let p = take(key) else { resolved.append((key, d)); return d }
        guard case .text(let t) = p.value, choices.contains(t) else {
            throw SpecError(p.path, "expected one of \(choices.joined(separator: ", "))")
        }
        resolved.append((key, t))
        return t
    }

    /// A list of words (e.g. junction ids); nil when absent.
    public mutating func list(_ key: String) throws(SpecError) -> (values: [String], path: SpecPath)? {
        guard let p = take(key) else { return nil }
        switch p.value {
        case .list(let l): resolved.append((key, l.joined(separator: " "))); return (l, p.path)
        case .text(let t): resolved.append((key, t)); return ([t], p.path)
        case .number: throw SpecError(p.path, "expected a list such as [a, b, c]")
        }
    }

    /// Rejects parameters that no read asked for.
    public func finish(known: [String] = []) throws(SpecError) {
        for p in params where !used.contains(p.key) {
            let hint = Suggest.closest(to: p.key, among: (Array(used) + known).sorted())
            let suggestion = hint.map { " (did you mean \($0)?)" } ?? ""
            throw SpecError(p.path, "unknown parameter \"\(Echo.excerpt(p.key))\"\(suggestion)")
        }
    }
}
