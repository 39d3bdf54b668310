import Foundation
import NgaTuCore
public import NgaTuOSM

/// The Ninh Kiều (Cần Thơ) network of `maps/ninh-kieu.yaml`, built from the 2018 OSM-derived
/// layers of shared/data/cantho (`osm2018_major_edges.csv`, `osm2018_major_nodes.csv`,
/// `key_junctions_ninhkieu.csv`; ODbL, © OpenStreetMap contributors).
///
/// Method (reproducible: `NinhKieuMap.build` is pure, and a test compares it with the
/// committed file):
/// 1. Keep the edges of the main arterials (`corridors`), their unnamed links and bridges, and
///    the downtown streets that carry the OSM 2020 signals (S1–S3); join them by node id.
/// 2. Clip to `bbox`; cuts become boundaries. Cluster junction nodes within 35 m (dual
///    carriageways: one junction per crossing), plus the `forcedClusters` (J10's roundabout,
///    J5's four crossings). Drop dead ends and parts not strongly connected to the main network.
///    Junctions remain only where roads meet or at the edge; everything between is road shape,
///    and two carriageways between the same pair of junctions become one two-way road.
/// 3. Lanes and speeds from FACTS.md §2 (OSM tags where present), marked as estimates; the few
///    tag errors of the 2018 layer are corrected in `tagCorrections`, each with its reason.
/// 4. Signals: the key junctions J1–J8, J10, J12–J14 and S1–S3 (FACTS.md §3) plus any junction
///    at an OSM 2020 `traffic_signals` node (within 3 m of a data node), except inferred ones where only one
///    road passes through on the kept network; 2-phase fixed-time plans of 64 s (3 phases, 90 s,
///    where more groups meet) over the approaches that have a movement, checked with the core's
///    `NetworkBuilder` (one approach per phase where paired approaches would cross); three
///    phases of 90 s with a protected left at J3, J5 and J10 (`NinhKieuPlans`); all marked as
///    estimates.
public enum NinhKieuMap {
    /// The box of the map (S, W, N, E): Ninh Kiều from the Cần Thơ river to QL1 and Cái Răng.
    public static let bbox = BoundingBox(south: 10.0140, west: 105.7480, north: 10.0525, east: 105.7960)

    /// Canonical corridor names, their short id stem, lanes per direction and speed (FACTS.md §2).
    struct Corridor { let name: String; let stem: String; let lanes: Int; let speed: Double; let note: String }
    static let corridors: [Corridor] = [
        Corridor(name: "30 Tháng 4", stem: "30-4", lanes: 2, speed: 60, note: "FACTS §2: 2 (OSM: 1 car lane + kerb space)"),
        Corridor(name: "3 Tháng 2", stem: "3-2", lanes: 2, speed: 60, note: "FACTS §2"),
        Corridor(name: "Nguyễn Văn Cừ", stem: "nvc", lanes: 2, speed: 60, note: "OSM lanes=2 on most edges"),
        Corridor(name: "Nguyễn Văn Cừ (nối dài)", stem: "nvc", lanes: 2, speed: 60, note: "as Nguyễn Văn Cừ"),
        Corridor(name: "Mậu Thân", stem: "mau-than", lanes: 2, speed: 60, note: "FACTS §2"),
        Corridor(name: "Trần Hưng Đạo", stem: "thd", lanes: 2, speed: 60, note: "FACTS §2; one-way pair"),
        Corridor(name: "Hòa Bình", stem: "hoa-binh", lanes: 2, speed: 60, note: "FACTS §2"),
        Corridor(name: "Nguyễn Trãi", stem: "nguyen-trai", lanes: 1, speed: 50, note: "FACTS §2: 1–2, lower value"),
        Corridor(name: "Cách Mạng Tháng 8", stem: "cmt8", lanes: 2, speed: 50, note: "FACTS §2: 1–2; QL91"),
        Corridor(name: "Trần Phú", stem: "tran-phu", lanes: 1, speed: 50, note: "secondary, two-way"),
        Corridor(name: "Võ Văn Kiệt", stem: "vvk", lanes: 3, speed: 60, note: "FACTS §2: 13 m carriageway ≈ 3 lanes"),
        Corridor(name: "Nguyễn Văn Linh", stem: "nvl", lanes: 2, speed: 60, note: "FACTS §2: 2–3, lower value"),
        Corridor(name: "Quang Trung", stem: "quang-trung", lanes: 2, speed: 60, note: "dual; FACTS §2"),
        Corridor(name: "Cầu Quang Trung", stem: "cau-quang-trung", lanes: 2, speed: 30, note: "OSM maxspeed=30"),
        Corridor(name: "Quốc lộ 1", stem: "ql1", lanes: 2, speed: 60, note: "FACTS §2"),
        Corridor(name: "Hùng Vương", stem: "hung-vuong", lanes: 2, speed: 60, note: "one-way, QL1A in town"),
        Corridor(name: "Cầu Hưng Lợi", stem: "cau-hung-loi", lanes: 2, speed: 50, note: "bridge on the 3/2–QL1 link"),
        Corridor(name: "Ngô Quyền", stem: "ngo-quyen", lanes: 1, speed: 40, note: "downtown tertiary (S1, S2)"),
        Corridor(name: "Phan Đình Phùng", stem: "pdp", lanes: 1, speed: 40, note: "downtown tertiary (S2, S3)"),
        Corridor(name: "Nguyễn An Ninh", stem: "nguyen-an-ninh", lanes: 1, speed: 40, note: "downtown secondary (S3)"),
        Corridor(name: "Châu Văn Liêm", stem: "chau-van-liem", lanes: 1, speed: 40, note: "downtown secondary (S3)"),
        Corridor(name: "Nguyễn Đình Chiểu", stem: "nguyen-dinh-chieu", lanes: 1, speed: 40, note: "tertiary side street (J7)"),
        Corridor(name: "Lê Anh Xuân", stem: "le-anh-xuan", lanes: 1, speed: 40, note: "tertiary side street (J14)"),
    ]

    /// Side streets kept only up to the point where they leave the modelled area: the way end
    /// (a data node) becomes a boundary, so the key junction they cross is a real junction.
    static let sideStreetEnds: [(node: String, reason: String)] = [
        ("n91", "J7: Nguyễn Đình Chiểu (tertiary) is the cross street of Hòa Bình × Nguyễn Trãi; kept for two blocks (190 m, to Ngô Hữu Hạnh)"),
        ("n464", "J14: Lê Anh Xuân (tertiary) is the only cross street the 2018 layer joins to Hùng Vương at Cầu Nhị Kiều; kept for 510 m (to hẻm 2-359 NVC)"),
        ("n25", "S3: Nguyễn An Ninh (one-way westbound) enters at Hai Bà Trưng, 140 m east of S3"),
        ("n356", "S3: Châu Văn Liêm (one-way eastbound) leaves at Hai Bà Trưng, 140 m east of S3"),
        ("n212", "S3: Phan Đình Phùng south of S3 is kept to Hai Bà Trưng × Nguyễn Thị Minh Khai (440 m)"),
    ]

    /// Unnamed edges kept as connectors beyond the general rule, and why.
    static let extraConnectors: [String: String] = [
        "668": "S3: unnamed secondary edges 668/669 (155 m, 168 m) join Nguyễn An Ninh and Châu Văn Liêm to 30 Tháng 4 at J6 (their continuation, longer than the 150 m connector rule)",
        "669": "S3: unnamed secondary edges 668/669 (155 m, 168 m) join Nguyễn An Ninh and Châu Văn Liêm to 30 Tháng 4 at J6 (their continuation, longer than the 150 m connector rule)",
    ]

    /// Key junctions whose signal node is moved to another data node, and why.
    static let keyNodeOverrides: [String: (node: String, reason: String)] = [
        "J14": ("n468", "J14: the key point (Trần Hưng Đạo at the south end of Cầu Nhị Kiều) joins no cross street in the 2018 layer; its signal is placed 80 m north, where Lê Anh Xuân meets Hùng Vương at the bridge's north end"),
    ]

    /// Spelling variants in the 2018 data → canonical corridor name.
    static let aliases: [String: String] = [
        "Đường 30 Tháng 4": "30 Tháng 4",
        "Nguyễn Văn Cừ Nối dài": "Nguyễn Văn Cừ (nối dài)",
        "Nguyễn Văn Cừ (Nối dài)": "Nguyễn Văn Cừ (nối dài)",
        "Cau Quang Trung": "Cầu Quang Trung",
        "Đường Lê Anh Xuân": "Lê Anh Xuân",
    ]

    /// Readable ids and names of the key junctions of FACTS.md §3.
    static let keyIds: [String: String] = [
        "J1": "j1-mau-than-3-2", "J2": "j2-3-2-nvl", "J3": "j3-mau-than-nvc", "J4": "j4-nvl-nvc",
        "J5": "j5-nvl-30-4", "J6": "j6-30-4-hoa-binh", "J7": "j7-hoa-binh-nguyen-trai", "J8": "j8-30-4-quang-trung",
        "J9": "j9-30-4-3-2", "J10": "j10-cmt8-nguyen-trai", "J12": "j12-cmt8-nvc", "J13": "j13-mau-than-30-4",
        "J14": "j14-thd-hung-vuong", "S1": "s1-hoa-binh-ngo-quyen", "S2": "s2-pdp-ngo-quyen", "S3": "s3-pdp-nguyen-an-ninh",
    ]

    /// Builds the map from the text of the three CSV files.
    public static func build(edgesCSV: String, nodesCSV: String, keyJunctionsCSV: String) throws -> ImportedMap {
        let input = try prepare(edgesCSV: edgesCSV, nodesCSV: nodesCSV, keyJunctionsCSV: keyJunctionsCSV)
        var options = SimplifierOptions(bbox: bbox)
        options.dissolveOnlyIfSameAttributes = false
        options.dataEnds = input.dataEnds
        options.dropPassThroughSignals = true
        options.joinCarriageways = true
        options.confirmedSignalNodes = input.confirmedSignalNodes
        options.forcedClusters = forcedClusters.map(\.nodes)
        options.boundaryNodes = Set(sideStreetEnds.map(\.node))
        var g = GraphSimplifier(coords: input.coords, options: options)
        g.run(ways: input.ways, signalNodes: input.signalNodes)
        return NinhKieuNaming.name(g, keyPoints: input.keyPoints, corridors: corridors, notes: input.notes)
    }

    struct Input {
        var coords: [String: LatLon]
        var ways: [SourceWay]
        var signalNodes: [String]
        var keyPoints: [(code: String, name: String, at: LatLon)]
        /// Nodes where the major-road layer stops (degree 1 in the whole layer).
        var dataEnds: Set<String>
        /// Nodes with an OSM 2020 `traffic_signals` node within 3 m (observed, not inferred).
        var confirmedSignalNodes: Set<String> = []
        /// Corrections applied to the source tags, for the map header.
        var notes: [String] = []
    }

    /// Junction nodes merged into one junction beyond the 35 m clustering, and why.
    static let forcedClusters: [(nodes: [String], reason: String)] = [
        (["n86", "n87", "n88", "n89", "n90"],
         "J10: the five nodes of the small unnamed roundabout (way 81382041, about 40 m across) where CMT8, Nguyễn Trãi, Hùng Vương and Trần Phú meet are one junction"),
        (["n271", "n313", "n400", "n478", "n620"],
         "J5: the four carriageway crossings of 30/4 and Nguyễn Văn Linh (up to 45 m apart) are one junction"),
        (["n10", "n242", "n243", "n596", "n597", "n598"],
         "J6: the carriageway nodes of 30/4 where Hòa Bình and (through the unnamed edges 668/669) Nguyễn An Ninh and Châu Văn Liêm join (up to 60 m apart) are one junction"),
    ]

    /// Oddities of the 2018 layer left as they are (no data to fix them credibly).
    static let knownGaps = [
        "J12: the southbound carriageway of Nguyễn Văn Cừ (way of edge 632) shares no node with CMT8, so it passes J12 and meets the northbound one at nvc-x; J12 has no approach from NVC north",
        "the road J3–J1 is Mậu Thân but keeps the name of one of its joined pieces, its bridge Cầu Rạch Ngổng 1 (road id cau-rach-ngong-1-1)",
    ]

    /// Plans that are not the default two phases, and why.
    static let planNotes = [
        "J7: Hòa Bình (from the S) and Nguyễn Trãi (from the NW) are about 60° off opposite; paired in one phase the core rejects them (crossing movements), so each of the three approaches has its own phase (90 s)",
    ]

    /// Tag corrections of the 2018 data by OSM way id: the tags to override and why.
    static let tagCorrections: [String: (tags: [String: String], reason: String)] = [
        "167989655": (["oneway": "yes"],
                      "Trần Hưng Đạo way 167989655 (J14 → J1 side) is tagged oneway=-1, which would leave its own continuation, way 166553316 (one-way into J1), with no way in; read as oneway=yes, the southbound carriageway of the dual road"),
    ]

    /// Reads and selects the edges (step 1 of the method).
    static func prepare(edgesCSV: String, nodesCSV: String, keyJunctionsCSV: String) throws -> Input {
        let edges = try CSVTable(edgesCSV), nodes = try CSVTable(nodesCSV), keys = try CSVTable(keyJunctionsCSV)
        var coords: [String: LatLon] = [:]
        var signalNodes: [String] = []
        var dataEnds = Set<String>()
        var notes: [String] = forcedClusters.map { "merged: " + $0.reason }
            + sideStreetEnds.map { "side street: " + $0.reason }
            + Array(Set(extraConnectors.values)).sorted().map { "connector: " + $0 }
            + keyNodeOverrides.keys.sorted().map { "moved: " + keyNodeOverrides[$0]!.reason }
            + planNotes.map { "plan: " + $0 }
            + knownGaps.map { "known gap: " + $0 }
        for n in nodes.rows {
            guard let id = n["node_id"], let lat = Double(n["lat"] ?? ""), let lon = Double(n["lon"] ?? "") else { continue }
            coords["n\(id)"] = LatLon(lat, lon)
            if let d = Double(n["signal_dist_m"] ?? ""), d <= 3 { signalNodes.append("n\(id)") }
            if n["degree_major"] == "1" { dataEnds.insert("n\(id)") }
        }
        let confirmed = Set(signalNodes)
        let byName = Dictionary(uniqueKeysWithValues: corridors.map { ($0.name, $0) })

        var ways: [SourceWay] = []
        for e in edges.rows {
            let raw = e["name"] ?? "", highway = e["highway"] ?? ""
            let name = aliases[raw] ?? raw
            let corridor = byName[name]
            // Connectors: unnamed trunk/primary edges and links, bridges of the primary network,
            // roundabouts, and short unnamed edges (median crossovers, slip roads up to 150 m).
            let length = Double(e["length_m"] ?? "") ?? .infinity
            let bridge = (name.hasPrefix("Cầu") || name.hasPrefix("cầu")) && ["trunk", "primary"].contains(highway)
            let connector = (name.isEmpty && (["trunk", "primary"].contains(highway) || highway.hasSuffix("_link") || length <= 150))
                || bridge || (e["junction"] ?? "") == "roundabout" || extraConnectors[e["edge_id"] ?? ""] != nil
            guard corridor != nil || connector else { continue }
            var tags = ["highway": highway, "name": name]
            for (k, col) in [("oneway", "oneway"), ("lanes", "lanes_osm"), ("maxspeed", "maxspeed_osm"), ("junction", "junction")] {
                if let v = e[col], !v.isEmpty { tags[k] = v }
            }
            if let way = e["osm_way_id"], let fix = tagCorrections[way] {
                tags.merge(fix.tags) { _, new in new }
                let note = "correction: " + fix.reason
                if !notes.contains(note) { notes.append(note) }
            }
            if highway == "trunk" && name.isEmpty { tags["name"] = "Quốc lộ 1" }
            guard let parsed = WayAttributes.fromTags(tags),
                  let from = e["from_node"], let to = e["to_node"], let id = e["edge_id"] else { continue }
            var attrs = parsed.0
            let reversed = parsed.reversed
            if let c = corridor ?? byName[tags["name"]!] {
                if tags["lanes"] == nil || c.name == "30 Tháng 4" {
                    attrs.lanesForward = c.lanes; attrs.lanesBackward = c.lanes; attrs.lanesEstimated = true
                }
                if tags["maxspeed"] == nil { attrs.speedKmh = c.speed; attrs.speedEstimated = true }
            }
            let shape = try parseWKTLineString(e["wkt_lonlat"] ?? "")
            var keysAlong = ["n\(from)"]
            for (k, p) in shape.enumerated().dropFirst().dropLast() {
                let key = "e\(id)-\(k)"
                coords[key] = p
                keysAlong.append(key)
            }
            keysAlong.append("n\(to)")
            if reversed { keysAlong.reverse() }
            ways.append(SourceWay(key: "e\(id)", nodes: keysAlong, attrs: attrs))
        }

        // Key junctions: their nearest data node becomes a signal node.
        var keyPoints: [(code: String, name: String, at: LatLon)] = []
        for k in keys.rows {
            guard let code = k["id"], let lat = Double(k["lat"] ?? ""), let lon = Double(k["lon"] ?? ""),
                  keyIds[code] != nil else { continue }
            var at = LatLon(lat, lon)
            if let o = keyNodeOverrides[code], let p = coords[o.node] { at = p }
            keyPoints.append((code, k["junction"] ?? code, at))
        }
        let used = Set(ways.flatMap(\.nodes).filter { $0.hasPrefix("n") })
        for kp in keyPoints {
            if let nearest = used.min(by: { (Geo.distance(coords[$0]!, kp.at), $0) < (Geo.distance(coords[$1]!, kp.at), $1) }),
               Geo.distance(coords[nearest]!, kp.at) <= 40 {
                signalNodes.append(nearest)
            }
        }
        signalNodes = Array(Set(signalNodes)).sorted(by: GraphSimplifier.keyOrder)

        return Input(coords: coords, ways: ways, signalNodes: signalNodes, keyPoints: keyPoints, dataEnds: dataEnds,
                     confirmedSignalNodes: confirmed, notes: notes)
    }
}
