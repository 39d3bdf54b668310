public import NgaTuCore

/// A scenario file (formats.md) as plain values. Paths are resolved: `mapPath` is absolute.
public struct ScenarioSpec: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Free text of the scenario file's header comment: the question it answers (may be empty).
    public var question: String
    /// Vietnamese title (key `title_vi`), for the Vietnamese side of the report.
    public var titleVi: String? = nil
    /// Vietnamese question: the header comment's paragraph labelled "Câu hỏi:", when `question`
    /// is another paragraph (the English one).
    public var questionVi: String? = nil
    public var mapPath: String
    public var duration: Double
    public var warmup: Double
    public var replications: Int
    public var seed: UInt64
    public var vehicles: [VehicleClass]
    public var model: ModelParameters
    public var demand: DemandSpec
    public var strategies: [StrategySpec]
    /// Name of the baseline strategy (the first strategy when the file gives none).
    public var baseline: String
    /// Junction ids the strategies control; nil means all signalised junctions.
    public var controlledJunctions: [String]?
    /// Sweep keys in file order, each with its values; `demand_scale` is always present.
    public var sweep: [SweepAxis]
    public var events: [IncidentSpec]
    /// Seconds between time-series samples (key `sample_interval`, default 60 s).
    public var sampleInterval: Double
    /// Language of the report: "vi" or "en" (key `language`; default vi).
    public var language: String
    /// Estimated parameters to rerun the comparison at other values (key `sensitivity`:
    /// a mapping from key path to values, or `estimates` for `Sensitivity.estimates`).
    public var sensitivity: [SensitivityParameter] = []
    /// A vehicle held at one stop line longer than this (s) gets a warning row and a line in the
    /// report (key `max_wait_warning`, default 300 s).
    public var maxWaitWarning: Double = 300
    /// Clock time of time 0 in seconds after midnight (key `start: "06:00"`); nil when not given.
    /// Times in the spec are always seconds from the start: clock times are converted on reading.
    public var start: Double? = nil
    /// Alternatives of the world (key `variants:`), in file order; empty without the key.
    public var variants: [VariantSpec] = []
    /// The counts file the demand was calibrated to (key `calibration:`, written by
    /// `ngatu calibrate`; the path as in messages, relative to the current folder), or nil.
    public var calibrationCounts: String? = nil
    /// Position in `variants` of the baseline's variant (key `baseline_variant:`, default 0).
    public var baselineVariant: Int = 0

    public init(id: String, title: String = "", question: String = "", mapPath: String,
                duration: Double, warmup: Double = 0, replications: Int = 1, seed: UInt64 = 1,
                vehicles: [VehicleClass] = VehicleClass.canThoDefault, model: ModelParameters = ModelParameters(),
                demand: DemandSpec = DemandSpec(), strategies: [StrategySpec] = [], baseline: String? = nil,
                controlledJunctions: [String]? = nil, sweep: [SweepAxis] = [SweepAxis(key: "demand_scale", values: [1])],
                events: [IncidentSpec] = [], sampleInterval: Double = 60, language: String = "vi") {
        self.id = id; self.title = title; self.question = question; self.mapPath = mapPath
        self.duration = duration; self.warmup = warmup; self.replications = replications; self.seed = seed
        self.vehicles = vehicles; self.model = model; self.demand = demand; self.strategies = strategies
        self.baseline = baseline ?? strategies.first?.name ?? "fixed"
        self.controlledJunctions = controlledJunctions; self.sweep = sweep; self.events = events
        self.sampleInterval = sampleInterval; self.language = language
    }
}

/// One strategy of a scenario: a name for the results and a controller with its parameters.
public struct StrategySpec: Sendable, Equatable {
    public var name: String
    /// Controller name as registered (`fixed-time`, `webster`, `actuated`, …).
    public var controller: String
    public var params: [StrategyParam]
    public init(name: String, controller: String, params: [StrategyParam] = []) {
        self.name = name; self.controller = controller; self.params = params
    }
}

/// A swept key and its values (numbers), e.g. `demand_scale: [0.8, 1.0, 1.2]`.
public struct SweepAxis: Sendable, Equatable {
    public var key: String
    public var values: [Double]
    public init(key: String, values: [Double]) { self.key = key; self.values = values }
}
