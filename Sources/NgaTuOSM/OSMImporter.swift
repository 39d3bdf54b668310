public import Foundation
package import NgaTuCore

/// Options of `OSMImporter`.
public struct OSMImportOptions: Sendable {
    /// Map id ([a-z0-9-]).
    public var mapId: String
    public var title: String
    /// Clip to this box (`--bbox S,W,N,E`); ways cut by it end at new boundary junctions.
    /// nil: the file's `<bounds>` when it has one, else no clipping.
    public var bbox: BoundingBox?
    /// Junction nodes closer than this (every pair of a group) become one junction. Default 35 m.
    public var clusterRadius: Double
    /// Also import `highway=service` and `living_street`.
    public var includeService: Bool

    public init(mapId: String, title: String = "", bbox: BoundingBox? = nil, clusterRadius: Double = 35,
                includeService: Bool = false) {
        self.mapId = mapId; self.title = title; self.bbox = bbox
        self.clusterRadius = clusterRadius; self.includeService = includeService
    }
}

/// OpenStreetMap XML → `MapSpec`.
///
/// - Roads: the drivable `highway` classes of `RoadDefaults.drivableClasses`; `oneway`
///   (yes/true/1, -1 reverses the way, no); `lanes` (total: per direction ceil(lanes/2) on
///   two-way roads), `lanes:forward`/`lanes:backward`; `maxspeed`; `width` (halved on two-way
///   roads). Missing lanes and speeds come from `RoadDefaults` and are marked as estimates.
/// - Junctions: nodes shared by ≥ 2 ways and way ends, merged when within 35 m of each other
///   (dual carriageways); `highway=traffic_signals` on a junction node, or on its way up to
///   40 m from it, signals that junction. Dead ends at the map edge and cuts by the box are
///   boundaries; other dead ends and parts not strongly connected to the largest part are
///   dropped; junctions that only join two like roads become shape points.
/// - Ids: junction `n<node id>` (the smallest node id of a merged group), boundary from a cut
///   `b<way id>-<k>`, road `w<way id>-<k>` (k-th piece of the way).
public enum OSMImporter {
    /// The first header line of every imported map: `ngatu import-osm` replaces a file at
    /// `--out` only when a comment line carries it (a map it wrote before).
    public static let marker = "Imported from OpenStreetMap XML by NgaTuOSM.OSMImporter"

    public static func importXML(_ data: Data, options: OSMImportOptions) throws -> ImportedMap {
        try importDocument(OSMDocument(xml: data), options: options)
    }

    /// Imports from an open regular file, streamed (a city extract is never held whole).
    public static func importFile(fileDescriptor fd: Int32, options: OSMImportOptions) throws -> ImportedMap {
        try importDocument(OSMDocument(fileDescriptor: fd), options: options)
    }

    public static func importDocument(_ doc: OSMDocument, options: OSMImportOptions) throws -> ImportedMap {
        var classes = RoadDefaults.drivableClasses
        if options.includeService { classes.formUnion(["service", "living_street"]) }
        var ways: [SourceWay] = []
        for w in doc.ways {
            guard let h = w.tags["highway"], classes.contains(h),
                  w.tags["area"] != "yes", w.tags["access"] != "no", w.tags["motor_vehicle"] != "no",
                  let (attrs, reversed) = WayAttributes.fromTags(w.tags) else { continue }
            var nodes = w.nodes.map { "n\($0)" }
            if reversed { nodes.reverse() }
            ways.append(SourceWay(key: "w\(w.id)", nodes: nodes, attrs: attrs))
        }
        guard !ways.isEmpty else { throw OSMImportError.empty("no drivable highway ways") }
        let signalIDs = doc.nodes.values.filter { $0.tags["highway"] == "traffic_signals" }.map(\.id).sorted()
        let signals = signalIDs.map { "n\($0)" }
        // Coordinates of the nodes the roads and signals use only: a city file's buildings
        // are most of its nodes.
        var coords: [String: LatLon] = [:]
        for w in ways {
            for key in w.nodes where coords[key] == nil {
                if let id = Int64(key.dropFirst()), let n = doc.nodes[id] { coords[key] = n.at }
            }
        }
        for id in signalIDs { coords["n\(id)"] = doc.nodes[id]!.at }

        // Without a box, the export's <bounds>: an API export holds whole ways, but their cross
        // streets only inside the bounds, so the data beyond them is partial.
        let box = options.bbox ?? doc.bounds
        var g = GraphSimplifier(coords: coords, options: SimplifierOptions(bbox: box, clusterRadius: options.clusterRadius))
        g.run(ways: ways, signalNodes: signals)
        guard !g.roads.isEmpty else { throw OSMImportError.empty("no connected road network inside the box") }

        var header = [
            "\(OSMImporter.marker).",
            "Data © OpenStreetMap contributors, licensed under ODbL 1.0 (openstreetmap.org/copyright);",
            "this map is a derived database and is offered under ODbL as well.",
        ]
        if let b = box {
            header.append("Box (S,W,N,E): \(b.south),\(b.west),\(b.north),\(b.east)\(options.bbox == nil ? " (the file's bounds)" : ""); "
                          + "roads cut by it end at boundary junctions.")
        }
        header.append("Junction nodes within \(Int(options.clusterRadius)) m of each other are merged (dual carriageways).")
        header.append("Missing lanes/speeds: defaults for Vietnamese urban roads (NgaTuOSM.RoadDefaults), marked 'estimate'.")
        header.append("Signalised junctions have no plan here: the simulator's default plan applies (60 s, equal greens).")
        header += g.log
        return MapAssembler.assemble(g, mapId: options.mapId, title: options.title, header: header)
    }
}

/// Turns a simplified graph into a `MapSpec` with generic ids and names.
package enum MapAssembler {
    package static func assemble(_ g: GraphSimplifier, mapId: String, title: String, header: [String]) -> ImportedMap {
        var names = [[(Int, String)]](repeating: [], count: g.junctions.count)
        var neighbours = [Set<Int>](repeating: [], count: g.junctions.count)
        for r in g.roads {
            for (a, b) in [(r.from, r.to), (r.to, r.from)] {
                neighbours[a].insert(b)
                if !r.attrs.name.isEmpty { names[a].append((RoadDefaults.rank(r.attrs.highway), r.attrs.name)) }
            }
        }
        var junctions: [JunctionSpec] = []
        var junctionComments: [String: String] = [:]
        for (i, j) in g.junctions.enumerated() {
            let ordered = names[i].sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1)
            var distinct: [String] = []
            for n in ordered where !distinct.contains(n) { distinct.append(n) }
            let control: JunctionControl = j.boundary ? .boundary : j.signal ? .signal : neighbours[i].count >= 3 ? .priority : .none
            var name = distinct.prefix(3).joined(separator: " – ")
            if control == .boundary { name = (distinct.first ?? "") + " (map edge)" }
            junctions.append(JunctionSpec(id: j.key, name: name, at: rounded(j.at), control: control))
            if j.signal { junctionComments[j.key] = "signal: OSM traffic_signals " + j.signalNodes.joined(separator: ", ") }
            if j.members.count > 1 && !j.boundary { junctionComments[j.key, default: ""] += (junctionComments[j.key] == nil ? "" : "; ") + "merged \(j.members.count) nodes" }
        }
        var roads: [RoadSpec] = []
        var roadComments: [String: String] = [:]
        for r in g.roads {
            let a = g.junctions[r.from], b = g.junctions[r.to]
            let shape = ([a.at] + r.interior + [b.at]).map(rounded)
            roads.append(RoadSpec(id: r.key, name: r.attrs.name, from: a.key, to: b.key,
                                  lanesForward: r.attrs.lanesForward, lanesBackward: r.attrs.lanesBackward,
                                  widthM: r.attrs.widthM, speedKmh: r.attrs.speedKmh, oneway: r.attrs.oneway,
                                  shape: shape))
            var est: [String] = []
            if r.attrs.lanesEstimated { est.append("lanes") }
            if r.attrs.speedEstimated { est.append("speed") }
            if !est.isEmpty { roadComments[r.key] = "estimate: " + est.joined(separator: ", ") }
        }
        let spec = MapSpec(id: mapId, title: title, attribution: "© OpenStreetMap contributors, ODbL",
                           junctions: junctions, roads: roads)
        return ImportedMap(spec: spec, header: header, roadComments: roadComments, junctionComments: junctionComments)
    }

    /// Seven decimals (≈ 1 cm), as OSM stores coordinates.
    package static func rounded(_ p: LatLon) -> LatLon {
        LatLon((p.lat * 1e7).rounded() / 1e7, (p.lon * 1e7).rounded() / 1e7)
    }
}

extension OSMImportOptions {
    /// A map id as the format wants it (`[a-z0-9-]`) from a file name, Vietnamese letters
    /// folded: `Cần Thơ` → `can-tho`; `map` when nothing is left.
    public static func mapID(fromName name: String) -> String {
        let id = IDText.slug(name)
        return id.isEmpty ? "map" : id
    }
}
