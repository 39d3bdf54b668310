/// A map as the user wrote it (shared/spec/formats.md), in plain values: no geometry derived,
/// nothing resolved. `NetworkBuilder` validates it and builds the immutable `Network`.
///
/// Units are fixed here: metres, seconds, km/h; the file readers convert "0.42 km" and the like.
public struct MapSpec: Sendable, Equatable {
    public var id: String
    public var title: String
    public var attribution: String
    public var junctions: [JunctionSpec]
    public var roads: [RoadSpec]
    /// Fixed-time plans, in file order.
    public var signals: [SignalPlanSpec]

    public init(id: String, title: String = "", attribution: String = "",
                junctions: [JunctionSpec] = [], roads: [RoadSpec] = [], signals: [SignalPlanSpec] = []) {
        self.id = id; self.title = title; self.attribution = attribution
        self.junctions = junctions; self.roads = roads; self.signals = signals
    }
}

/// WGS84 latitude and longitude in degrees.
public struct LatLon: Sendable, Equatable, Hashable {
    public var lat: Double
    public var lon: Double
    public init(_ lat: Double, _ lon: Double) { self.lat = lat; self.lon = lon }
}

public enum JunctionControl: String, Sendable, CaseIterable {
    /// Signalised: a plan or controller gives right of way phase by phase.
    case signal
    /// Unsignalised priority junction (modelled as an uncontrolled merge, see README).
    case priority
    /// A plain connection, e.g. where a road changes its lanes.
    case none
    /// Where vehicles enter and leave the map.
    case boundary
}

public struct JunctionSpec: Sendable, Equatable {
    public var id: String
    public var name: String
    public var at: LatLon
    public var control: JunctionControl
    /// Banned movements, e.g. `N:left`.
    public var banned: [String]
    /// Approaches whose right turn some vehicle classes may take on red (`right_on_red:`),
    /// in file order; signalised junctions only.
    public var rightOnRed: [RightOnRedSpec]

    public init(id: String, name: String = "", at: LatLon, control: JunctionControl, banned: [String] = [],
                rightOnRed: [RightOnRedSpec] = []) {
        self.id = id; self.name = name; self.at = at; self.control = control; self.banned = banned
        self.rightOnRed = rightOnRed
    }
}

/// "Two-wheelers may turn right on red" at one approach: the vehicle classes (scenario class
/// names, e.g. `motorbike`) that may take the approach's right turn while it is red, when a
/// gap in the traffic entering or crossing their path allows (the permitted-turn rule).
public struct RightOnRedSpec: Sendable, Equatable {
    /// Approach as in a phase's `allow` (`S`, or a neighbour id).
    public var approach: String
    public var classes: [String]
    public init(approach: String, classes: [String]) { self.approach = approach; self.classes = classes }
}

public struct RoadSpec: Sendable, Equatable {
    public var id: String
    public var name: String
    public var from: String
    public var to: String
    /// Lanes per direction: forward is from → to.
    public var lanesForward: Int
    public var lanesBackward: Int
    /// Carriageway width per direction in metres; when given, capacity and storage follow it.
    public var widthM: Double?
    public var speedKmh: Double
    public var oneway: Bool
    /// Length in metres; nil means the great-circle length of `shape` (or of the straight line).
    public var lengthM: Double?
    /// Polyline from `from` to `to`; may be empty.
    public var shape: [LatLon]
    /// Saturation flow override in PCU/h per lane.
    public var saturationFlow: Double?
    /// `left_bay:` per direction (forward is from → to): true (the default) when the approach at
    /// the downstream junction keeps its left turners (and U-turners) apart from the through
    /// traffic, a turn bay; false when they share the leftmost lane with it, so that a left
    /// turner held at the stop line holds up the vehicles behind it (README, "Approaches
    /// without a left-turn bay").
    public var leftBayForward: Bool
    public var leftBayBackward: Bool

    public init(id: String, name: String = "", from: String, to: String, lanesForward: Int = 1,
                lanesBackward: Int? = nil, widthM: Double? = nil, speedKmh: Double = 40,
                oneway: Bool = false, lengthM: Double? = nil, shape: [LatLon] = [],
                saturationFlow: Double? = nil, leftBayForward: Bool = true, leftBayBackward: Bool = true) {
        self.id = id; self.name = name; self.from = from; self.to = to
        self.lanesForward = lanesForward; self.lanesBackward = lanesBackward ?? lanesForward
        self.widthM = widthM; self.speedKmh = speedKmh; self.oneway = oneway
        self.lengthM = lengthM; self.shape = shape; self.saturationFlow = saturationFlow
        self.leftBayForward = leftBayForward; self.leftBayBackward = leftBayBackward
    }
}

/// A fixed-time plan: phases in order, each followed by its intergreen (yellow + all-red).
public struct SignalPlanSpec: Sendable, Equatable {
    public var junction: String
    public var cycle: Double
    public var offset: Double
    public var yellow: Double
    public var allRed: Double
    public var phases: [PhaseSpec]
    /// True when the plan is an estimate (`estimate: true`), not the junction's real timing:
    /// the report then calls the fixed plans "estimated", never "today's".
    public var estimate: Bool

    public init(junction: String, cycle: Double, offset: Double = 0, yellow: Double = 3,
                allRed: Double = 2, phases: [PhaseSpec], estimate: Bool = false) {
        self.junction = junction; self.cycle = cycle; self.offset = offset
        self.yellow = yellow; self.allRed = allRed; self.phases = phases; self.estimate = estimate
    }
}

public struct PhaseSpec: Sendable, Equatable {
    public var name: String
    public var green: Double
    /// Approaches (`N`), movements (`E:through`), protected turns (`N:left!`), or the
    /// neighbour-id forms (`nvc-304`, `nvc-304:left`).
    public var allow: [String]
    /// Per-phase overrides of the plan's intergreen.
    public var yellow: Double?
    public var allRed: Double?

    public init(name: String = "", green: Double, allow: [String], yellow: Double? = nil, allRed: Double? = nil) {
        self.name = name; self.green = green; self.allow = allow; self.yellow = yellow; self.allRed = allRed
    }
}
