public import Foundation
import NgaTuCore
public import NgaTuOSM

/// `maps/ninh-kieu-full.yaml`: every drivable road of the 2018 OSM road layer of
/// shared/data/cantho (`osm2018_roads_ninhkieu.geojson`, 941 ways; ODbL, © OpenStreetMap
/// contributors) in the box of `NinhKieuMap`, the skeleton's signals kept.
///
/// Method (reproducible: `build` is pure, and a test compares it with the committed file):
/// 1. Ways of the classes trunk … residential, unclassified, living_street, road, their links,
///    and service roads; footways, paths, cycleways, tracks and construction are left out.
///    Ways are joined where they share a coordinate (the layer has no node ids). The skeleton's
///    tag correction of Trần Hưng Đạo and its name spellings apply here too.
/// 2. `GraphSimplifier` as for the skeleton: clip to the box (cuts become boundaries), merge
///    junction nodes within 35 m (dual carriageways) and the skeleton's forced clusters (J5,
///    J6, J10), drop dead ends (so a service road stays only where it connects) and pieces not
///    strongly connected to the main network, dissolve plain nodes into road shape, join the
///    two carriageways of a dual road.
/// 3. Lanes and speeds: the skeleton's corridor estimates on its corridors, OSM tags where
///    present, `RoadDefaults` elsewhere (residential and unclassified streets: 1 lane, 30 km/h);
///    every estimate marked.
/// 4. Control: the junction nearest (within 40 m) to each signalised junction of the skeleton
///    is signalised, with the skeleton's plan rules (`SignalPlanner`, and `NinhKieuPlans`'
///    protected lefts matched leg by leg on bearings); every other junction of three or more
///    roads is `priority` (the major road is inferred by the core from speed, then lanes:
///    yielding applies under `model.priority_junctions: yield`).
public enum NinhKieuFullMap {
    /// `highway` values kept (service roads stay only where they connect: dead ends are dropped).
    static let classes: Set<String> = [
        "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link", "tertiary",
        "tertiary_link", "unclassified", "residential", "living_street", "road", "service",
    ]

    /// Ways of the 2018 layer that cross on the ground but share no node there (the layer has no
    /// node ids, so a crossing is only a junction where both ways carry the same coordinate).
    static let missingCrossings: [(ways: (String, String), reason: String)] = [
        (("543216791", "408138869"),
         "Nguyễn Văn Cừ's southbound carriageway (way 543216791) crosses Cách Mạng Tháng 8 (way 408138869) at J12 without a shared node; without the crossing J12 had no approach from Nguyễn Văn Cừ north and no way onto it southbound, and the trips from CMT8 north to Nguyễn Văn Cừ south took a one-lane alley (link-70 to Trần Việt Châu), whose queue locked up J12 and then J3 and J10 over the weekday; the crossing joins both ways at J12, as on the ground (the skeleton keeps the layer's topology: its header)"),
    ]

    /// Ways of the 2018 layer whose first node is where the layer itself stops, inside the box,
    /// on a road that goes on: a boundary there, as at the box's cuts (a dead end otherwise).
    static let layerEnds: [(way: String, reason: String)] = [
        ("127236379",
         "Quang Trung's northbound carriageway (way 127236379) starts 60 m inside the box, where the 2018 layer stops, and its southbound carriageway (way 542578555) leaves the box 62 m from there; the first was dropped as a dead end and the second with it (a one-way road out of the map is not strongly connected), so Quang Trung had no boundary south of Cầu Quang Trung (the skeleton's b-cau-quang-trung-s) and the southbound trips to it turned left across the northbound stream at quang-trung-x-5 into a chain of one-lane alleys; at the full map's peak with its arterial flows that left's queue reached back over the bridge and Quang Trung into J8's right turn from 30 Tháng 4 (30-4-7: 187 vehicles still queued after 150 min); the start of the northbound carriageway is a boundary, one with the southbound carriageway's cut"),
    ]

    /// Adds the first point where ways `a` and `b` cross (straight segments, local plane) to
    /// both, as a shared node; nil when they do not cross.
    static func addCrossing(_ a: inout SourceWay, _ b: inout SourceWay, coords: inout [String: LatLon],
                            key: (LatLon) -> String) -> LatLon? {
        for i in 0..<(a.nodes.count - 1) {
            let p = coords[a.nodes[i]]!, q = coords[a.nodes[i + 1]]!
            for j in 0..<(b.nodes.count - 1) {
                let r = coords[b.nodes[j]]!, s = coords[b.nodes[j + 1]]!
                let d = (q.lon - p.lon) * (s.lat - r.lat) - (q.lat - p.lat) * (s.lon - r.lon)
                guard d != 0 else { continue }
                let t = ((r.lon - p.lon) * (s.lat - r.lat) - (r.lat - p.lat) * (s.lon - r.lon)) / d
                let u = ((r.lon - p.lon) * (q.lat - p.lat) - (r.lat - p.lat) * (q.lon - p.lon)) / d
                guard t > 0, t < 1, u > 0, u < 1 else { continue }
                let at = LatLon(((p.lat + t * (q.lat - p.lat)) * 1e7).rounded() / 1e7, ((p.lon + t * (q.lon - p.lon)) * 1e7).rounded() / 1e7)
                let k = key(at)
                coords[k] = at
                a.nodes.insert(k, at: i + 1)
                b.nodes.insert(k, at: j + 1)
                return at
            }
        }
        return nil
    }

    /// A GeoJSON property as tag text: whole numbers without a decimal point.
    static func text(_ v: Any?) -> String? {
        switch v {
        case let s as String: return s
        case let i as Int: return String(i)
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        default: return nil
        }
    }

    /// Builds the map from the 2018 road layer and the skeleton's three CSV files.
    public static func build(roadsGeoJSON: Data, edgesCSV: String, nodesCSV: String, keyJunctionsCSV: String) throws -> ImportedMap {
        let skeleton = try NinhKieuMap.build(edgesCSV: edgesCSV, nodesCSV: nodesCSV, keyJunctionsCSV: keyJunctionsCSV)
        let input = try NinhKieuMap.prepare(edgesCSV: edgesCSV, nodesCSV: nodesCSV, keyJunctionsCSV: keyJunctionsCSV)
        guard let root = try JSONSerialization.jsonObject(with: roadsGeoJSON) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else {
            throw OSMImportError.malformed("the road layer is not a GeoJSON feature collection")
        }
        var coords: [String: LatLon] = [:]
        var ways: [SourceWay] = []
        var kept = 0
        let byName = Dictionary(NinhKieuMap.corridors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func key(_ p: LatLon) -> String { String(format: "c%.7f,%.7f", p.lat, p.lon) }
        for f in features {
            guard let props = f["properties"] as? [String: Any], let geometry = f["geometry"] as? [String: Any],
                  let highway = props["highway"] as? String, classes.contains(highway),
                  let points = geometry["coordinates"] as? [[Double]], points.count >= 2 else { continue }
            let way = text(props["osm_way_id"]) ?? ""
            let raw = props["name"] as? String ?? ""
            let name = NinhKieuMap.aliases[raw] ?? raw
            var tags = ["highway": highway, "name": name]
            for (k, col) in [("oneway", "oneway"), ("lanes", "lanes"), ("maxspeed", "maxspeed"), ("junction", "junction"),
                             ("lanes:forward", "lanes_forward"), ("lanes:backward", "lanes_backward")] {
                if let v = text(props[col]) { tags[k] = v }
            }
            if let fix = NinhKieuMap.tagCorrections[way] { tags.merge(fix.tags) { _, new in new } }
            if highway == "trunk" && name.isEmpty { tags["name"] = "Quốc lộ 1" }
            guard let parsed = WayAttributes.fromTags(tags) else { continue }
            var attrs = parsed.0
            let reversed = parsed.reversed
            if let c = byName[tags["name"]!] {
                if tags["lanes"] == nil || c.name == "30 Tháng 4" {
                    attrs.lanesForward = c.lanes; attrs.lanesBackward = attrs.oneway ? 0 : c.lanes; attrs.lanesEstimated = true
                }
                if tags["maxspeed"] == nil { attrs.speedKmh = c.speed; attrs.speedEstimated = true }
            }
            var nodes = points.map { p -> String in
                let at = LatLon(p[1], p[0])
                let k = key(at)
                coords[k] = at
                return k
            }
            if reversed { nodes.reverse() }
            ways.append(SourceWay(key: "w\(way)", nodes: nodes, attrs: attrs))
            kept += 1
        }

        var crossingNotes: [String] = []
        for c in missingCrossings {
            let a = ways.firstIndex { $0.key == "w\(c.ways.0)" }, b = ways.firstIndex { $0.key == "w\(c.ways.1)" }
            guard let a, let b else {
                crossingNotes.append("ways \(c.ways.0) and \(c.ways.1) not in the layer: no crossing added")
                continue
            }
            var wa = ways[a], wb = ways[b]
            guard let at = addCrossing(&wa, &wb, coords: &coords, key: key) else {
                crossingNotes.append("ways \(c.ways.0) and \(c.ways.1) do not cross: no crossing added")
                continue
            }
            ways[a] = wa; ways[b] = wb
            crossingNotes.append("correction: " + c.reason + String(format: " (the crossing added at %.7f, %.7f)", at.lat, at.lon))
        }

        var layerEndNodes = Set<String>()
        for e in layerEnds {
            guard let w = ways.first(where: { $0.key == "w\(e.way)" }) else {
                crossingNotes.append("way \(e.way) not in the layer: no boundary added")
                continue
            }
            layerEndNodes.insert(w.nodes[0])
            crossingNotes.append("correction: " + e.reason)
        }

        // The skeleton's forced clusters, by the layer's coordinates of its nodes.
        func nearestKey(_ p: LatLon, within d: Double) -> String? {
            var best: (Double, String)?
            for (k, q) in coords {
                let x = Geo.distance(p, q)
                if x <= d, best.map({ (x, k) < ($0.0, $0.1) }) ?? true { best = (x, k) }
            }
            return best?.1
        }
        let forced = NinhKieuMap.forcedClusters.map { group in group.nodes.compactMap { input.coords[$0].flatMap { nearestKey($0, within: 2) } } }
        // Junction nodes of the layer (shared by two ways or more): the skeleton's signals snap to them.
        var uses: [String: Int] = [:]
        for w in ways { for n in Set(w.nodes) { uses[n, default: 0] += 1 } }
        let shared = uses.filter { $0.value >= 2 }.keys.sorted()
        var signalNodes: [String] = []
        for j in skeleton.spec.junctions where j.control == .signal {
            let near = shared.map { (Geo.distance(j.at, coords[$0]!), $0) }.filter { $0.0 <= 40 }.min { ($0.0, $0.1) < ($1.0, $1.1) }
            if let n = near { signalNodes.append(n.1) }
        }

        var options = SimplifierOptions(bbox: NinhKieuMap.bbox)
        options.dissolveOnlyIfSameAttributes = false
        options.joinCarriageways = true
        options.confirmedSignalNodes = Set(signalNodes)
        options.forcedClusters = forced
        options.boundaryNodes = layerEndNodes
        var g = GraphSimplifier(coords: coords, options: options)
        g.run(ways: ways, signalNodes: signalNodes)

        // Protected lefts of the skeleton, matched leg by leg on their bearings.
        let figures = MapFigures(skeleton)
        let description = [
            "Ninh Kiều (Cần Thơ) full drivable network for the Ngã Tư signal simulator.",
            "Data © OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright): built from the 2018",
            "OSM road layer of shared/data/cantho (osm2018_roads_ninhkieu.geojson, 941 ways; the signals and",
            "corrections of maps/ninh-kieu.yaml from osm2018_major_*.csv and key_junctions_ninhkieu.csv; see",
            "SOURCE.md). This map is a derived database, offered under ODbL.",
            "",
            "Generated by NgaTuCantho.NinhKieuFullMap.build (a test regenerates it and compares); do not edit by hand.",
            "Box (S,W,N,E) as maps/ninh-kieu.yaml. \(kept) ways kept of the classes trunk … residential,",
            "unclassified, living_street, road, links and service (footways, paths, cycleways, tracks and",
            "construction left out), joined where they share a coordinate. Junction nodes within 35 m merged",
            "(dual carriageways) as in the skeleton; dead ends (and so service roads that do not connect) and",
            "pieces not strongly connected to the main network dropped; plain nodes dissolved into road shape.",
            "Estimates are marked 'estimate' per road and per plan: lanes and speeds of the skeleton's",
            "corridors from FACTS.md §2, elsewhere OSM tags or the class defaults (residential and",
            "unclassified 1 lane, 30 km/h; tertiary 40 km/h); plans as in maps/ninh-kieu.yaml (FACTS.md §4.4).",
            "Signalised: the junction nearest (within 40 m) to each of the \(figures.signalised) signalised junctions of",
            "maps/ninh-kieu.yaml; plans by the skeleton's rules, so a junction whose legs are the skeleton's",
            "gets the skeleton's plan, and one with more legs (side streets) more phases. Every other",
            "junction of three or more roads is `priority`; the core infers the major road (speed, then",
            "lanes); scenarios on this map set `model.priority_junctions: yield`.",
        ]
        return NinhKieuNaming.name(g, keyPoints: input.keyPoints, corridors: NinhKieuMap.corridors,
                                   notes: input.notes.filter { $0.hasPrefix("correction: ") } + crossingNotes,
                                   mapID: "ninh-kieu-full", title: "Ninh Kiều, Cần Thơ – mạng lưới đường đầy đủ (full network)",
                                   description: description, skeleton: skeleton)
    }
}
