public import NgaTuCore

/// A map made by an importer, with the comments that say where each value came from.
///
/// `MapWriter.yaml(_:header:roadComments:junctionComments:signalComments:)` (NgaTuFormats)
/// writes it; the comment dictionaries are keyed by road, junction or signalised-junction id.
public struct ImportedMap: Sendable, Equatable {
    public var spec: MapSpec
    /// Lines of the header comment (source, licence, method, what was dropped).
    public var header: [String]
    /// Per road: e.g. "estimate: lanes, speed".
    public var roadComments: [String: String]
    /// Per junction: e.g. "signal: OSM node 540801824".
    public var junctionComments: [String: String]
    /// Per signal plan: e.g. "estimate: 2-phase fixed-time plan".
    public var signalComments: [String: String]

    public init(spec: MapSpec, header: [String] = [], roadComments: [String: String] = [:],
                junctionComments: [String: String] = [:], signalComments: [String: String] = [:]) {
        self.spec = spec; self.header = header; self.roadComments = roadComments
        self.junctionComments = junctionComments; self.signalComments = signalComments
    }

    /// Total length of the roads in metres (one carriageway per road: a two-way road counts once).
    public var roadLengthM: Double {
        let at = Dictionary(uniqueKeysWithValues: spec.junctions.map { ($0.id, $0.at) })
        return spec.roads.reduce(0) { sum, r in
            sum + (r.lengthM ?? Geo.length(r.shape.isEmpty ? [at[r.from]!, at[r.to]!] : r.shape))
        }
    }
}

/// Junction and road figures of a map, as quoted in reports.
public struct MapFigures: Sendable, Equatable, CustomStringConvertible {
    public var junctions: Int
    public var signalised: Int
    public var boundaries: Int
    public var roads: Int
    public var kilometres: Double

    public init(_ map: ImportedMap) {
        junctions = map.spec.junctions.count
        signalised = map.spec.junctions.filter { $0.control == .signal }.count
        boundaries = map.spec.junctions.filter { $0.control == .boundary }.count
        roads = map.spec.roads.count
        kilometres = map.roadLengthM / 1000
    }

    public var description: String {
        "\(junctions) junctions (\(signalised) signalised, \(boundaries) boundaries), \(roads) roads, "
            + String(format: "%.1f km", kilometres)
    }
}

extension MapSpec {
    /// The directed graph of the map: for each junction id, the junction ids one can drive to.
    public func successors() -> [String: [String]] {
        var out: [String: [String]] = [:]
        for j in junctions { out[j.id] = [] }
        for r in roads {
            out[r.from, default: []].append(r.to)
            if !r.oneway { out[r.to, default: []].append(r.from) }
        }
        return out
    }

    /// Boundaries that cannot reach, or cannot be reached from, every other boundary.
    public func disconnectedBoundaries() -> [String] {
        let succ = successors()
        var pred: [String: [String]] = [:]
        for (a, bs) in succ { for b in bs { pred[b, default: []].append(a) } }
        func reach(_ s: String, _ adj: [String: [String]]) -> Set<String> {
            var seen: Set<String> = [s], stack = [s]
            while let v = stack.popLast() { for w in adj[v] ?? [] where !seen.contains(w) { seen.insert(w); stack.append(w) } }
            return seen
        }
        let bounds = junctions.filter { $0.control == .boundary }.map(\.id)
        return bounds.filter { b in
            let f = reach(b, succ), r = reach(b, pred)
            return !bounds.allSatisfy { f.contains($0) && r.contains($0) }
        }
    }
}
