/// A key/value pair of text, in a list whose order is kept.
public struct MetaEntry: Sendable, Equatable, Hashable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) { self.key = key; self.value = value }
}

/// A strategy of the scenario, as run: name, controller kind and its parameters as text.
public struct StrategyMeta: Sendable, Equatable {
    public var name: String
    public var controller: String
    /// Controller parameters in the scenario's order, values as text with units
    /// (e.g. `min_green` → `7 s`), or the parameters the controller resolved.
    public var parameters: [MetaEntry]

    public init(name: String, controller: String, parameters: [MetaEntry] = []) {
        self.name = name; self.controller = controller; self.parameters = parameters
    }
}

/// Everything about a set of results besides the tables: enough to rebuild the report from the
/// database alone (tables `run_meta`, `run_meta_strategies`, `run_meta_parameters`,
/// `run_meta_sweep_points`, `run_meta_properties`).
public struct RunMeta: Sendable, Equatable {
    /// The scenario id (`scenario:` of the file).
    public var scenarioID: String
    /// Hash of the scenario and map files as run (hex text): a resume must match it.
    public var scenarioHash: String
    public var title: String
    /// The question the scenario answers, when it states one.
    public var question: String?
    /// Report language, `vi` or `en`.
    public var language: String
    /// The map id.
    public var mapID: String?
    /// Map attribution, kept in every report (e.g. `© OpenStreetMap contributors, ODbL`).
    public var mapAttribution: String
    /// The scenario's base seed.
    public var seed: Int
    /// The seed of each replication, in replication order.
    public var seeds: [Int]
    public var replications: Int
    public var softwareVersion: String
    /// ISO 8601 times (UTC), e.g. `2026-11-28T10:15:00Z`; `finishedAt` is nil while running.
    public var startedAt: String
    public var finishedAt: String?
    /// Strategies in the scenario's order: the row order of every table.
    public var strategies: [StrategyMeta]
    public var baseline: String
    /// Sweep keys (the SWEEP columns) and points in run order.
    public var sweep: Sweep
    /// Anything else a report needs, in order (e.g. `duration_s`, `warmup_s`, `junctions`).
    public var properties: [MetaEntry]

    public init(scenarioID: String, scenarioHash: String, title: String, question: String? = nil,
                language: String = "vi", mapID: String? = nil, mapAttribution: String,
                seed: Int, seeds: [Int], replications: Int, softwareVersion: String,
                startedAt: String, finishedAt: String? = nil, strategies: [StrategyMeta],
                baseline: String, sweep: Sweep = .none, properties: [MetaEntry] = []) {
        self.scenarioID = scenarioID; self.scenarioHash = scenarioHash; self.title = title
        self.question = question; self.language = language; self.mapID = mapID
        self.mapAttribution = mapAttribution; self.seed = seed; self.seeds = seeds
        self.replications = replications; self.softwareVersion = softwareVersion
        self.startedAt = startedAt; self.finishedAt = finishedAt; self.strategies = strategies
        self.baseline = baseline; self.sweep = sweep; self.properties = properties
    }

    /// Strategy names in order.
    public var strategyNames: [String] { strategies.map(\.name) }

    /// The value of a property, nil when absent.
    public func property(_ key: String) -> String? { properties.first { $0.key == key }?.value }

    /// Variant names in file order (property `variants`, joined by `;`); empty without variants.
    public var variantNames: [String] {
        property("variants").map { $0.split(separator: ";").map(String.init) } ?? []
    }

    /// Junctions whose signal plan some variant replaces (property `variant_signals.NAME`), in
    /// the order of the variants and of their plans, each once.
    public var replannedJunctions: [String] {
        var out: [String] = []
        for name in variantNames {
            for j in property("variant_signals.\(name)")?.split(separator: ";").map(String.init) ?? [] where !out.contains(j) {
                out.append(j)
            }
        }
        return out
    }

    /// Variants that add incidents of their own (property `variant_events.NAME`), in file order.
    public var variantsWithEvents: [String] {
        variantNames.filter { property("variant_events.\($0)") != nil }
    }

    /// The position of the baseline variant (property `baseline_variant`, default the first);
    /// nil without variants.
    public var baselineVariant: Int? {
        let names = variantNames
        guard !names.isEmpty else { return nil }
        return property("baseline_variant").flatMap { names.firstIndex(of: $0) } ?? 0
    }
}
