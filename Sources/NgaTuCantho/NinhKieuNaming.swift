import Foundation
import NgaTuCore
import NgaTuOSM

/// Readable ids, Vietnamese names, controls and plans for the Ninh Kiều graph.
enum NinhKieuNaming {
    /// `description` replaces the skeleton's header text and `skeleton` (the skeleton map) makes
    /// the protected lefts of `NinhKieuPlans` match the legs of this graph by bearing: both for
    /// the full map.
    static func name(_ g: GraphSimplifier, keyPoints: [(code: String, name: String, at: LatLon)],
                     corridors: [NinhKieuMap.Corridor], notes: [String] = [],
                     mapID: String = "ninh-kieu", title: String = "Ninh Kiều, Cần Thơ – mạng lưới đường chính (main roads)",
                     description: [String]? = nil, skeleton: ImportedMap? = nil) -> ImportedMap {
        let stemOf = Dictionary(corridors.map { ($0.name, $0.stem) }, uniquingKeysWith: { a, _ in a })
        let rankOf = Dictionary(corridors.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        func stem(_ name: String) -> String { stemOf[name] ?? (name.isEmpty ? "link" : slug(name)) }

        // Road names meeting at each junction, most important first.
        var names = [[String]](repeating: [], count: g.junctions.count)
        for r in g.roads where !r.attrs.name.isEmpty {
            for j in [r.from, r.to] where !names[j].contains(r.attrs.name) { names[j].append(r.attrs.name) }
        }
        for j in names.indices { names[j].sort { (rankOf[$0] ?? 99, $0) < (rankOf[$1] ?? 99, $1) } }

        // Key junctions: nearest non-boundary junction within 60 m.
        var keyOf: [Int: (code: String, name: String)] = [:]
        var log: [String] = []
        for kp in keyPoints {
            // Only signalised junctions: a key junction whose signal was dropped (a road passing
            // through) has dissolved, and must not lend its name to a neighbour.
            let candidates = g.junctions.indices.filter { !g.junctions[$0].boundary && g.junctions[$0].signal && keyOf[$0] == nil }
            guard let best = candidates.min(by: { Geo.distance(g.junctions[$0].at, kp.at) < Geo.distance(g.junctions[$1].at, kp.at) }),
                  Geo.distance(g.junctions[best].at, kp.at) <= 60 else {
                log.append("key junction \(kp.code) not a junction of the kept network (not signalised here)"); continue
            }
            keyOf[best] = (kp.code, kp.name)
        }

        // Ids.
        var ids = [String](repeating: "", count: g.junctions.count)
        var taken = Set<String>()
        func unique(_ base: String) -> String {
            var id = base, k = 2
            while taken.contains(id) { id = "\(base)-\(k)"; k += 1 }
            taken.insert(id)
            return id
        }
        let box = NinhKieuMap.bbox
        func side(_ p: LatLon) -> String {
            let d = [("s", p.lat - box.south), ("n", box.north - p.lat),
                     ("w", (p.lon - box.west) * cos(p.lat * .pi / 180)), ("e", (box.east - p.lon) * cos(p.lat * .pi / 180))]
            return d.min { $0.1 < $1.1 }!.0
        }
        // A boundary inside the box (a side street's end) is named by the side it leaves
        // towards, seen from the junction it hangs on, not by the nearest edge of the box.
        var neighbourOf = [Int?](repeating: nil, count: g.junctions.count)
        for r in g.roads { neighbourOf[r.from] = neighbourOf[r.from] ?? r.to; neighbourOf[r.to] = neighbourOf[r.to] ?? r.from }
        func boundarySide(_ i: Int) -> String {
            let p = g.junctions[i].at
            let ends = Set(NinhKieuMap.sideStreetEnds.map(\.node))
            guard g.junctions[i].members.contains(where: ends.contains), let n = neighbourOf[i] else { return side(p) }
            let q = g.junctions[n].at
            let dn = p.lat - q.lat, de = (p.lon - q.lon) * cos(p.lat * .pi / 180)
            return abs(dn) >= abs(de) ? (dn > 0 ? "n" : "s") : (de > 0 ? "e" : "w")
        }
        for (i, _) in g.junctions.enumerated() {
            if let k = keyOf[i] { ids[i] = unique(NinhKieuMap.keyIds[k.code]!) }
        }
        for (i, j) in g.junctions.enumerated() where ids[i].isEmpty {
            let stems = names[i].map(stem).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if j.boundary {
                ids[i] = unique("b-\(stems.first ?? "road")-\(boundarySide(i))")
            } else if stems.count >= 2 {
                ids[i] = unique("\(stems[0])-\(stems[1])")
            } else {
                ids[i] = unique((stems.first ?? "link") + "-x")
            }
        }

        // Junctions.
        var neighbours = [Set<Int>](repeating: [], count: g.junctions.count)
        for r in g.roads { neighbours[r.from].insert(r.to); neighbours[r.to].insert(r.from) }
        var junctions: [JunctionSpec] = []
        var junctionComments: [String: String] = [:]
        for (i, j) in g.junctions.enumerated() {
            var control: JunctionControl = neighbours[i].count >= 3 ? .priority : .none
            var name = names[i].prefix(3).joined(separator: " × ")
            if j.boundary {
                control = .boundary
                name = (names[i].first ?? "Đường không tên") + " – biên bản đồ (\(boundarySide(i).uppercased()))"
            } else if let k = keyOf[i] {
                control = .signal
                name = k.name
                junctionComments[ids[i]] = "\(k.code) of FACTS.md §3 / key_junctions_ninhkieu.csv"
            } else if j.signal {
                control = .signal
                junctionComments[ids[i]] = "signal: OSM 2020 traffic_signals node within 3 m"
            }
            junctions.append(JunctionSpec(id: ids[i], name: name, at: MapAssembler.rounded(j.at), control: control))
        }

        // Roads: <stem>-<k> in source order.
        var counters: [String: Int] = [:]
        var roads: [RoadSpec] = []
        var roadComments: [String: String] = [:]
        let noteOf = Dictionary(corridors.map { ($0.name, $0.note) }, uniquingKeysWith: { a, _ in a })
        for r in g.roads {
            let s = stem(r.attrs.name)
            counters[s, default: 0] += 1
            let id = "\(s)-\(counters[s]!)"
            let a = g.junctions[r.from], b = g.junctions[r.to]
            roads.append(RoadSpec(id: id, name: r.attrs.name, from: ids[r.from], to: ids[r.to],
                                  lanesForward: r.attrs.lanesForward, lanesBackward: r.attrs.lanesBackward,
                                  speedKmh: r.attrs.speedKmh, oneway: r.attrs.oneway,
                                  shape: ([a.at] + r.interior + [b.at]).map(MapAssembler.rounded)))
            var est: [String] = []
            if r.attrs.lanesEstimated { est.append("lanes") }
            if r.attrs.speedEstimated { est.append("speed") }
            if !est.isEmpty {
                roadComments[id] = "estimate: " + est.joined(separator: ", ") + (noteOf[r.attrs.name].map { " (\($0))" } ?? "")
            }
        }

        var spec = MapSpec(id: mapID, title: title,
                           attribution: "© OpenStreetMap contributors, ODbL", junctions: junctions, roads: roads)
        var signalComments: [String: String] = [:]
        // A signal needs two approaches with movements to alternate between.
        for (i, j) in spec.junctions.enumerated() where j.control == .signal {
            let legs = SignalPlanner.legs(of: spec, junction: j.id)
            if legs.count < 2 {
                spec.junctions[i].control = neighbours[i].count >= 3 ? .priority : .none
                junctionComments[j.id] = (junctionComments[j.id].map { $0 + "; " } ?? "")
                    + "not signalised: fewer than two approaches with a movement"
                log.append("\(j.id): not signalised (fewer than two approaches with a movement)")
            }
        }
        // Plans: opposite approaches paired into one phase (SignalPlanner). Where the core
        // rejects a paired phase because two of its movements cross (e.g. at a skewed T, where
        // one direction's "through" into the side street cuts the other's), that junction gets
        // one phase per approach instead, which can never conflict.
        var singlePhases = Set<String>()
        // Protected-left junctions whose opposite approach has no left turn to permit.
        var noOpposingLeft = Set<String>()
        var protectedLefts = NinhKieuPlans.byJunction
        if let skeleton {
            protectedLefts = [:]
            for p in NinhKieuPlans.protectedLefts + NinhKieuPlans.fullMapProtectedLefts
            where spec.junctions.contains(where: { $0.id == p.junction && $0.control == .signal })
                && NinhKieuPlans.fullMapOverlapPlans[p.junction] == nil {
                let matched = NinhKieuPlans.matched(p, skeletonLegs: SignalPlanner.legs(of: skeleton.spec, junction: p.junction),
                                                    legs: SignalPlanner.legs(of: spec, junction: p.junction))
                if let m = matched { protectedLefts[p.junction] = m } else {
                    log.append("\(p.junction): the skeleton's protected left not applied (its legs do not match this map's)")
                }
            }
        }
        func plans() -> [SignalPlanSpec] {
            spec.junctions.filter { $0.control == .signal }.compactMap { j in
                let legs = SignalPlanner.legs(of: spec, junction: j.id)
                if skeleton != nil, let o = NinhKieuPlans.fullMapOverlapPlans[j.id] { return o.plan(junction: j.id) }
                if let p = protectedLefts[j.id], !singlePhases.contains(j.id) {
                    return NinhKieuPlans.plan(p, legs: legs, opposingLeft: !noOpposingLeft.contains(j.id))
                }
                return singlePhases.contains(j.id)
                    ? SignalPlanner.plan(junction: j.id, groups: legs.map { [$0] }).map { skeleton == nil ? $0 : NinhKieuPlans.withSplitGreens($0) }
                    : SignalPlanner.plan(junction: j.id, legs: legs)
            }
        }
        while true {
            spec.signals = plans()
            do {
                _ = try NetworkBuilder.build(spec)
                break
            } catch {
                let c = error.path.components
                if c.count >= 2, c[0] == .key("signals"), case .key(let jid) = c[1], protectedLefts[jid] != nil,
                   !noOpposingLeft.contains(jid) {
                    noOpposingLeft.insert(jid)
                    log.append("\(jid): protected-left plan rejected (\(error.message)); without the opposite approach's left")
                    continue
                }
                guard c.count >= 2, c[0] == .key("signals"), case .key(let jid) = c[1], !singlePhases.contains(jid),
                      skeleton == nil || NinhKieuPlans.fullMapOverlapPlans[jid] == nil else {
                    log.append("the core rejects this map: \(error)")
                    break
                }
                singlePhases.insert(jid)
                log.append("\(jid): paired phases rejected (\(error.message)); one phase per approach")
            }
        }
        for p in spec.signals {
            if skeleton != nil, NinhKieuPlans.fullMapOverlapPlans[p.junction] != nil {
                signalComments[p.junction] = "estimate: \(p.phases.count)-phase fixed-time plan, \(Int(p.cycle)) s, movements that cross nothing run in several phases (FACTS §4.4: 3–4 phases at large junctions, 60–120 s)"
                continue
            }
            signalComments[p.junction] = protectedLefts[p.junction] != nil && !singlePhases.contains(p.junction)
                ? "estimate: 3-phase fixed-time plan with a protected left, 90 s (FACTS §4.4: 3–4 phases at large junctions, 60–120 s)"
                : "estimate: \(p.phases.count)-phase fixed-time plan, \(Int(p.cycle)) s (FACTS §4.4: 60–70 s observed)"
                + (singlePhases.contains(p.junction) ? "; one approach per phase (paired approaches would cross)" : "")
        }

        let figures = MapFigures(ImportedMap(spec: spec))
        let skeletonHeader = [
            "Ninh Kiều (Cần Thơ) main-road network for the Ngã Tư signal simulator.",
            "Data © OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright): built from the 2018",
            "OSM-derived layers of shared/data/cantho (osm2018_major_edges.csv, osm2018_major_nodes.csv,",
            "key_junctions_ninhkieu.csv; see SOURCE.md). This map is a derived database, offered under ODbL.",
            "",
            "Generated by NgaTuOSM.NinhKieuMap.build (a test regenerates it and compares); do not edit by hand.",
            "Box (S,W,N,E): \(box.south),\(box.west),\(box.north),\(box.east). Junction nodes within 35 m merged (dual",
            "carriageways); junctions only where the kept roads meet or at the box; the rest is road shape.",
            "Estimates are marked 'estimate' per road and per plan: lanes and speeds from FACTS.md §2",
            "(regulation limits: 60 km/h divided, 50 km/h undivided), plans from FACTS.md §4.4.",
            "Signalised: key junctions J1–J8, J10, J12–J14, S1–S3 of FACTS.md §3 and OSM 2020 signal nodes",
            "(J9, 30/4 × 3/2, lies just south of the box; QL1 is in the box but not connected to the rest",
            "in the 2018 layer, so it is left out), except where only one road passes through on the kept",
            "network or fewer than two approaches have a movement. The cross streets of J7, J14 and S3 are",
            "kept as side streets up to a boundary where they leave the modelled area (listed below); other",
            "side streets are dropped. Every approach with a movement is in a phase; plans are checked",
            "with the core's NetworkBuilder while the map is generated.",
            "Not included: Trần Hoàng Na road and its junctions X1, X2 (built after 2018; no geometry in the data).",
            "Protected lefts: a permitted left of at least 300 veh/h that waits at LOS D or worse (over 35 s) at the",
            "flagship's demand ×1 (ninh-kieu-am-peak, fixed time, two-phase plans) and is over capacity (LOS F) at ×1.2 gets a",
            "3-phase plan of 90 s: its approach with the opposite one (30 s), its approach with the left protected",
            "and the opposite left permitted (15 s), the cross street (30 s) (FACTS.md §4.4: 3–4 phases at large",
            "junctions); an estimate. J1 and J2 (lefts from 3 Tháng 2 at LOS D, LOS E at ×1.2) keep two phases.",
            "Right turn on red: FACTS.md §3–4.4 report the sign only at X1 (Trần Hoàng Na × Nguyễn Hiền), not on",
            "this map, so no junction here has `right_on_red`.",
            "Figures: \(figures).",
        ]
        let candidates = NinhKieuPlans.protectedLefts + (skeleton == nil ? [] : NinhKieuPlans.fullMapProtectedLefts)
        let applied = candidates.filter { protectedLefts[$0.junction] != nil && !singlePhases.contains($0.junction) }
        // Where one phase per approach replaced the protected-left plan, every left is protected
        // anyway: the reason is kept, with the plan that serves it.
        let split = spec.signals.filter { singlePhases.contains($0.junction) }.map { p in
            var why = candidates.first { $0.junction == p.junction && protectedLefts[$0.junction] != nil }.map { ": " + $0.reason } ?? ""
            if skeleton != nil, let g = NinhKieuPlans.fullMapSplitGreens[p.junction] { why += "; " + g.reason }
            return "one phase per approach: \(p.junction) runs \(p.phases.count) phases of \(Int(p.cycle)) s, each approach alone,"
                + " so every left there is protected (FACTS.md §4.4: 3–4 phases at large junctions)" + why
        }
        let overlap = skeleton == nil ? [] : spec.signals.compactMap { p in
            NinhKieuPlans.fullMapOverlapPlans[p.junction].map { "overlap plan: \(p.junction) runs \(p.phases.count) phases of \(Int(p.cycle)) s: " + $0.reason }
        }
        let header = (description.map { $0 + ["Figures: \(figures)."] } ?? skeletonHeader)
            + (notes + applied.map { "protected left: " + $0.reason } + split + overlap + g.log + log).flatMap { wrap($0, width: 95) }
        return ImportedMap(spec: spec, header: header, roadComments: roadComments,
                           junctionComments: junctionComments, signalComments: signalComments)
    }

    /// Splits a long note into lines of at most `width` characters (continuation indented).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "  " }
            line += (line.isEmpty || line == "  " ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func slug(_ s: String) -> String { IDText.slug(s) }
}
