/// Everything a simulation run needs besides the map, in plain values (seconds, metres, veh/h).

/// A vehicle class of the mix: its share of a flow and its passenger-car units.
public struct VehicleClass: Sendable, Equatable {
    public var name: String
    public var share: Double
    public var pcu: Double
    public init(name: String, share: Double, pcu: Double) {
        self.name = name; self.share = share; self.pcu = pcu
    }

    /// The default Cần Thơ mix of formats.md; PCU factors per TCVN 4054:2005
    /// (motorcycle 0.3, bicycle 0.2, car 1, bus 2, truck 2.5).
    public static let canThoDefault: [VehicleClass] = [
        VehicleClass(name: "motorbike", share: 0.85, pcu: 0.3),
        VehicleClass(name: "car", share: 0.11, pcu: 1.0),
        VehicleClass(name: "bus", share: 0.01, pcu: 2.0),
        VehicleClass(name: "truck", share: 0.02, pcu: 2.5),
        VehicleClass(name: "bicycle", share: 0.01, pcu: 0.2),
    ]
}

/// Queue-model parameters (traffic-engineering.md); defaults as in formats.md.
public struct ModelParameters: Sendable, Equatable {
    /// PCU/h per lane (or per 3.5 m of width).
    public var saturationFlow: Double = 1800
    /// l1: discharge starts this long after the start of green.
    public var startupLostTime: Double = 2
    /// e: discharge goes on this long into the yellow.
    public var greenExtension: Double = 2
    /// Metres per PCU in a standing queue: storage and queue lengths.
    public var jamSpacing: Double = 7
    /// Width of one PCU lane when a road gives its width (m).
    public var laneWidth: Double = 3.5
    /// A permitted turn needs this gap in the opposing flow (s). [E] estimate.
    public var criticalGap: Double = 4
    /// How `priority` junctions pass traffic: free merges (the default), or minor-road
    /// movements yielding to the major road's (gap acceptance with `criticalGap`).
    public var priorityJunctions: PriorityRule = .merge
    /// A wait at the stop line at least this long counts as a stop (s).
    public var stopThreshold: Double = 1
    /// The shortest green the core allows any controller (s).
    public var minGreenFloor: Double = 5
    /// Share (0–1) of vehicles that know of a capacity cut (an event with factor < 1: flooding,
    /// works) and route around it, as all vehicles route around a closure: their routes are
    /// recomputed when a cut starts or ends, a cut segment costing its free-flow time / factor.
    /// 0 (the default) keeps every route as it is: a cut only slows its stop line.
    public var rerouteShare: Double = 0

    public init() {}
}

/// How a `priority` junction passes traffic.
public enum PriorityRule: String, Sendable, CaseIterable {
    /// No yielding: every movement goes as soon as there is room downstream.
    case merge
    /// Movements from the minor roads go only in gaps of the major road's conflicting traffic;
    /// a left turn (or U-turn) yields to the conflicting traffic of its own road class.
    case yield
}

/// Arrival process of the demand.
public enum ArrivalProcess: String, Sendable, CaseIterable {
    case poisson
    case uniform
}

/// One origin–destination flow between junctions of the map: boundaries, or any other
/// junction standing for the side streets of its zone (the trip joins a road after that
/// junction's stop line, or leaves one before it).
public struct FlowSpec: Sendable, Equatable {
    public var from: String
    public var to: String
    /// Vehicles per hour before the profile and the demand scale.
    public var rate: Double
    /// Optional own mix: class name → share (classes of the scenario's mix).
    public var mix: [(name: String, share: Double)]?
    /// Optional fixed route as road-segment ids (`d304-1`, `d304-1~r`); nil: shortest by free-flow time.
    public var via: [String]?

    public init(from: String, to: String, rate: Double, mix: [(name: String, share: Double)]? = nil, via: [String]? = nil) {
        self.from = from; self.to = to; self.rate = rate; self.mix = mix; self.via = via
    }

    public static func == (a: FlowSpec, b: FlowSpec) -> Bool {
        a.from == b.from && a.to == b.to && a.rate == b.rate && a.via == b.via
            && a.mix?.map(\.name) == b.mix?.map(\.name) && a.mix?.map(\.share) == b.mix?.map(\.share)
    }
}

public struct DemandSpec: Sendable, Equatable {
    public var arrivals: ArrivalProcess
    public var flows: [FlowSpec]
    /// Piecewise-linear multiplier: (time s, factor), times increasing. Empty means 1.
    public var profile: [(time: Double, factor: Double)]
    /// The sweep's demand scale, multiplied into every rate.
    public var scale: Double

    public init(arrivals: ArrivalProcess = .poisson, flows: [FlowSpec] = [],
                profile: [(time: Double, factor: Double)] = [], scale: Double = 1) {
        self.arrivals = arrivals; self.flows = flows; self.profile = profile; self.scale = scale
    }

    public static func == (a: DemandSpec, b: DemandSpec) -> Bool {
        a.arrivals == b.arrivals && a.flows == b.flows && a.scale == b.scale
            && a.profile.map(\.time) == b.profile.map(\.time) && a.profile.map(\.factor) == b.profile.map(\.factor)
    }
}

/// An incident: a road segment's capacity scaled (flooding, works) or the segment closed.
public struct IncidentSpec: Sendable, Equatable {
    public enum Kind: String, Sendable { case capacity, closure }
    /// Which directions of the road an incident touches: the named segment only (`one`, the
    /// default: a road id is its forward segment), or it and its reverse (`both`).
    public enum Direction: String, Sendable, CaseIterable { case one, both }
    public var kind: Kind
    /// Segment id (`d304-1` or `d304-1~r`).
    public var road: String
    public var from: Double
    public var to: Double
    /// Capacity multiplier for `.capacity` (0 < factor); 0 for a closure.
    public var factor: Double
    public var direction: Direction

    public init(kind: Kind, road: String, from: Double, to: Double, factor: Double = 0, direction: Direction = .one) {
        self.kind = kind; self.road = road; self.from = from; self.to = to; self.factor = factor
        self.direction = direction
    }
}

/// Times, seeds and sampling of one run.
public struct RunTiming: Sendable, Equatable {
    public var duration: Double
    public var warmup: Double
    /// Seconds between time-series samples.
    public var sampleInterval: Double = 60

    public init(duration: Double, warmup: Double = 0, sampleInterval: Double = 60) {
        self.duration = duration; self.warmup = warmup; self.sampleInterval = sampleInterval
    }
}

/// A controller parameter as written: its key, its value (number in the default unit, or text),
/// and its path for error messages (`strategies[2].params.gap`).
public struct StrategyParam: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case text(String)
        case list([String])
    }
    public var key: String
    public var value: Value
    /// The dimension of the unit the user wrote ("time", "length", "speed", "flow"), nil for a
    /// bare number; numbers are always converted to the default unit (s, m, km/h, veh/h).
    public var dimension: String?
    public var path: SpecPath
    public init(key: String, value: Value, dimension: String? = nil, path: SpecPath) {
        self.key = key; self.value = value; self.dimension = dimension; self.path = path
    }
}

