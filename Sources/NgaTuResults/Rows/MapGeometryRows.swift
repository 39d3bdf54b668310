/// A WGS84 position in degrees, as written in the map file (`[lat, lon]`).
public struct MapCoordinate: Sendable, Equatable, Hashable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude; self.longitude = longitude
    }
}

/// One junction of the map as run (table `map_junctions`): enough to draw the network in the
/// report without the map file.
public struct MapJunctionRow: Sendable, Equatable, Hashable {
    public var id: String
    /// The junction's name; empty when the map gives none.
    public var name: String
    public var at: MapCoordinate
    /// `signal`, `priority`, `none` or `boundary` (formats.md).
    public var control: String

    public init(id: String, name: String = "", at: MapCoordinate, control: String) {
        self.id = id; self.name = name; self.at = at; self.control = control
    }

    public var isSignalised: Bool { control == "signal" }
}

/// One road of the map as run (table `map_roads`).
public struct MapRoadRow: Sendable, Equatable, Hashable {
    public var id: String
    /// The road's name; empty when the map gives none.
    public var name: String
    public var from: String
    public var to: String
    /// Lanes from → to, and to → from (0 for a one-way road).
    public var lanesForward: Int
    public var lanesBackward: Int
    public var oneway: Bool
    /// Polyline from `from` to `to`; empty means the straight line between the two junctions.
    public var shape: [MapCoordinate]

    public init(id: String, name: String = "", from: String, to: String, lanesForward: Int = 1,
                lanesBackward: Int = 1, oneway: Bool = false, shape: [MapCoordinate] = []) {
        self.id = id; self.name = name; self.from = from; self.to = to
        self.lanesForward = lanesForward; self.lanesBackward = oneway ? 0 : lanesBackward
        self.oneway = oneway; self.shape = shape
    }

    /// `shape` as text: `lat,lon` pairs in the CSV number format separated by `;`
    /// (e.g. `10.0279,105.7681;10.0301,105.7702`); empty for no shape.
    public var shapeText: String {
        shape.map { NumberFormat.format($0.latitude) + "," + NumberFormat.format($0.longitude) }
            .joined(separator: ";")
    }

    /// Parses `shapeText`; nil when a pair is malformed.
    public static func shape(fromText text: String) -> [MapCoordinate]? {
        var points: [MapCoordinate] = []
        for pair in text.split(separator: ";", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]) else { return nil }
            points.append(MapCoordinate(latitude: lat, longitude: lon))
        }
        return points
    }
}

/// One incident of the scenario (table `incidents`), times from the start of the run
/// (the warm-up included), as in the scenario's `events`.
public struct IncidentRow: Sendable, Equatable, Hashable {
    /// `capacity` (flooding, works) or `closure`.
    public var kind: String
    /// Segment id (`d304-1`: the road's forward direction, `d304-1~r`), as written.
    public var road: String
    public var fromS: Double
    public var toS: Double
    /// Capacity multiplier; 0 for a closure.
    public var factor: Double
    /// True for `direction: both` (the segment and its reverse); false: the segment only.
    public var bothDirections: Bool

    public init(kind: String, road: String, fromS: Double, toS: Double, factor: Double = 0, bothDirections: Bool = false) {
        self.kind = kind; self.road = road; self.fromS = fromS; self.toS = toS; self.factor = factor
        self.bothDirections = bothDirections
    }
}
