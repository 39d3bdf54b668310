import Foundation
package import NgaTuCore

/// A drivable polyline before simplification: node keys in driving order (forward).
package struct SourceWay: Sendable {
    /// Stable key of the way; road ids are made from it (`w123` → `w123-1`, `w123-2`, …).
    package var key: String
    package var nodes: [String]
    package var attrs: WayAttributes

    package init(key: String, nodes: [String], attrs: WayAttributes) {
        self.key = key; self.nodes = nodes; self.attrs = attrs
    }
}

/// Tuning of `GraphSimplifier`, with the documented defaults.
package struct SimplifierOptions: Sendable {
    /// Clip every way to this box; cuts become boundary junctions.
    package var bbox: BoundingBox?
    /// Junction nodes are merged when every pair of the merged group lies within this distance
    /// (complete linkage). 35 m joins the 2–4 nodes of a dual-carriageway crossing (carriageways
    /// 10–30 m apart) but not two junctions a short block apart.
    package var clusterRadius: Double = 35
    /// Boundary nodes (cuts, dead ends at the edge) are merged with each other up to this
    /// distance, so the two carriageways of a road that leave the box apart make one boundary.
    package var boundaryClusterRadius: Double = 100
    /// A dead end this close to the box (or the data's extent) is a boundary.
    package var edgeTolerance: Double = 30
    /// Nodes where the source data itself stops (e.g. a layer cut at its own box): such a
    /// dead end within `dataEndTolerance` of the box is a boundary too.
    package var dataEnds: Set<String> = []
    package var dataEndTolerance: Double = 300
    /// A signal node this close (along its way) to a junction node signals that junction.
    package var signalSnap: Double = 40
    /// Merge the two roads of a junction that joins exactly two roads and is nothing else.
    package var dissolveDegreeTwo = true
    /// Dissolve only where lanes and speed agree (otherwise the junction stays as `none`).
    package var dissolveOnlyIfSameAttributes = true
    /// Drop the signal of a junction that only one road passes through (two neighbours, e.g. a
    /// key junction whose cross streets are not in the data), so that it dissolves too: such a
    /// signal would only stop the through road against itself.
    package var dropPassThroughSignals = false
    /// Signal nodes observed in the data (not inferred): their junctions keep the signal even
    /// where only one road passes through on the kept network.
    package var confirmedSignalNodes: Set<String> = []
    /// Groups of junction nodes that form one junction whatever their spread (e.g. the nodes of
    /// a small roundabout a little wider than `clusterRadius`).
    package var forcedClusters: [[String]] = []
    /// Way ends inside the box where a kept side street leaves the modelled area: boundaries
    /// (vehicles enter and leave there), like the cuts at the box.
    package var boundaryNodes: Set<String> = []
    /// When dissolving a one-way chain x → j → y while a one-way road y → x exists, join the
    /// two into one two-way road (the two carriageways of a dual road, whose intermediate
    /// nodes did not line up), instead of leaving j as a stray `none` junction.
    package var joinCarriageways = false

    package init(bbox: BoundingBox? = nil, clusterRadius: Double = 35) {
        self.bbox = bbox; self.clusterRadius = clusterRadius
    }
}

/// One junction of the simplified graph: a cluster of source nodes.
package struct SimpleJunction: Sendable {
    package var key: String
    package var members: [String]
    package var at: LatLon
    package var boundary: Bool
    package var signal: Bool
    /// Source signal nodes that made it signalised.
    package var signalNodes: [String] = []
}

/// One road of the simplified graph, from junction index to junction index.
package struct SimpleRoad: Sendable {
    package var key: String
    package var from: Int
    package var to: Int
    package var attrs: WayAttributes
    /// Intermediate points, from → to, without the junctions themselves.
    package var interior: [LatLon]
    /// Keys of the source ways it came from.
    package var sources: [String]

    package func reversed() -> SimpleRoad {
        var r = self
        r.from = to; r.to = from; r.interior = interior.reversed()
        r.attrs.lanesForward = attrs.lanesBackward; r.attrs.lanesBackward = attrs.lanesForward
        return r
    }
}

/// Turns raw drivable polylines into a small routable graph:
/// clip to the box → split at shared nodes → cluster nearby junction nodes → one road per
/// junction pair (dual carriageways joined into two-way roads) → signals snapped to junctions →
/// interior dead ends pruned and only the largest strongly connected part kept → plain
/// degree-2 junctions dissolved into road shape.
package struct GraphSimplifier {
    package var options: SimplifierOptions
    private(set) var coords: [String: LatLon]
    package private(set) var junctions: [SimpleJunction] = []
    package private(set) var roads: [SimpleRoad] = []
    /// Counts of what was dropped, for the report and the map header.
    package private(set) var log: [String] = []
    /// Names of the roads dropped as not strongly connected, with counts (diagnostics).
    private(set) var droppedNames: [String: Int] = [:]

    package init(coords: [String: LatLon], options: SimplifierOptions) {
        self.coords = coords
        self.options = options
    }

    package mutating func run(ways inputWays: [SourceWay], signalNodes: [String]) {
        // 1. Clip.
        var ways: [SourceWay] = []
        var cutNodes = Set<String>()
        for w in inputWays {
            var nodes: [String] = []
            for n in w.nodes where coords[n] != nil && nodes.last != n { nodes.append(n) }
            guard nodes.count >= 2 else { continue }
            if let box = options.bbox {
                let pieces = clip(nodes, wayKey: w.key, box: box, cutNodes: &cutNodes)
                for p in pieces { ways.append(SourceWay(key: w.key, nodes: p, attrs: w.attrs)) }
            } else {
                ways.append(SourceWay(key: w.key, nodes: nodes, attrs: w.attrs))
            }
        }

        // 2. Junction nodes: way ends and nodes used more than once.
        var uses: [String: Int] = [:]
        var ends = Set<String>()
        for w in ways {
            for n in w.nodes { uses[n, default: 0] += 1 }
            ends.insert(w.nodes.first!); ends.insert(w.nodes.last!)
        }
        let isJunction: (String) -> Bool = { ends.contains($0) || (uses[$0] ?? 0) >= 2 }

        // 3. Split at junction nodes.
        struct Segment { var key: String; var nodes: [String]; var attrs: WayAttributes }
        var segments: [Segment] = []
        var part: [String: Int] = [:]
        for w in ways {
            var current = [w.nodes[0]]
            for n in w.nodes.dropFirst() {
                current.append(n)
                if isJunction(n) {
                    part[w.key, default: 0] += 1
                    segments.append(Segment(key: "\(w.key)-\(part[w.key]!)", nodes: current, attrs: w.attrs))
                    current = [n]
                }
            }
        }

        // 4. Which junction nodes are at the edge of the map.
        let extent = options.bbox ?? Self.extent(of: ways.flatMap(\.nodes).compactMap { coords[$0] })
        let junctionNodes = Set(segments.flatMap { [$0.nodes.first!, $0.nodes.last!] }).sorted(by: Self.keyOrder)
        var edge = cutNodes
        for n in junctionNodes where (uses[n] ?? 0) == 1 {
            let d = extent.distanceToEdge(coords[n]!)
            if d <= options.edgeTolerance || (options.dataEnds.contains(n) && d <= options.dataEndTolerance)
                || options.boundaryNodes.contains(n) { edge.insert(n) }
        }

        // 5. Cluster (complete linkage), edge nodes only with edge nodes.
        let clusterOf = cluster(junctionNodes, edge: edge)
        var clusterIndex: [String: Int] = [:]   // representative key → junction index
        var memberIndex: [String: Int] = [:]
        var groups: [String: [String]] = [:]
        for n in junctionNodes { groups[clusterOf[n]!, default: []].append(n) }
        for rep in groups.keys.sorted(by: Self.keyOrder) {
            let members = groups[rep]!.sorted(by: Self.keyOrder)
            clusterIndex[rep] = junctions.count
            for m in members { memberIndex[m] = junctions.count }
            junctions.append(SimpleJunction(key: rep, members: members, at: Geo.centroid(members.map { coords[$0]! }),
                                            boundary: edge.contains(rep), signal: false))
        }
        let merged = junctionNodes.count - junctions.count
        if merged > 0 { log.append("\(merged) junction nodes merged into nearby ones (clustering \(Int(options.clusterRadius)) m)") }

        // 6. Signals: on a junction node, or snapped along its way to the nearest junction node.
        var position: [String: (seg: Int, index: Int)] = [:]
        for (s, seg) in segments.enumerated() {
            for (i, n) in seg.nodes.enumerated() where i > 0 && i < seg.nodes.count - 1 { position[n] = (s, i) }
        }
        for s in signalNodes {
            var target: Int?
            if let j = memberIndex[s] {
                target = j
            } else if let (si, i) = position[s] {
                let pts = segments[si].nodes.map { coords[$0]! }
                let back = Geo.length(Array(pts[...i])), ahead = Geo.length(Array(pts[i...]))
                let (d, end) = back <= ahead ? (back, segments[si].nodes.first!) : (ahead, segments[si].nodes.last!)
                if d <= options.signalSnap { target = memberIndex[end] }
            }
            if let t = target, !junctions[t].boundary {
                junctions[t].signal = true
                junctions[t].signalNodes.append(s)
            } else if coords[s] != nil, options.bbox?.contains(coords[s]!) ?? true, position[s] != nil || memberIndex[s] != nil {
                log.append("signal node \(s) is more than \(Int(options.signalSnap)) m from any junction: ignored")
            }
        }

        // 7. Roads between clusters; links inside a cluster vanish.
        var raw: [SimpleRoad] = []
        var insideCluster = 0
        for seg in segments {
            let a = memberIndex[seg.nodes.first!]!, b = memberIndex[seg.nodes.last!]!
            if a == b { insideCluster += 1; continue }
            raw.append(SimpleRoad(key: seg.key, from: a, to: b, attrs: seg.attrs,
                                  interior: seg.nodes.dropFirst().dropLast().map { coords[$0]! }, sources: [seg.key]))
        }
        if insideCluster > 0 { log.append("\(insideCluster) short links inside merged junctions dropped") }
        roads = Self.joinParallel(raw)

        // 8. Prune interior dead ends; keep the largest strongly connected part.
        prune()

        // 9. Dissolve plain degree-2 junctions.
        if options.dissolveDegreeTwo {
            dissolve()
            // Joining carriageways can turn a one-way loop into a dead end, and dissolving can
            // leave a signal where only one road passes; repeat until nothing changes.
            var again = true
            while again {
                again = false
                if options.joinCarriageways && prune() { again = true }
                if options.dropPassThroughSignals && dropPassThroughSignals() { again = true }
                if again { dissolve() }
            }
        }
        compact()
    }

    // MARK: - Steps

    private mutating func clip(_ nodes: [String], wayKey: String, box: BoundingBox, cutNodes: inout Set<String>) -> [[String]] {
        var pieces: [[String]] = []
        var current: [String] = []
        var cuts = 0
        func cut(_ p: LatLon) -> String {
            cuts += 1
            let key = "b\(wayKey.dropFirst())-\(cuts)"
            cutNodes.insert(key)
            return key
        }
        var newCoords: [(String, LatLon)] = []
        for i in 0..<(nodes.count - 1) {
            let a = coords[nodes[i]]!, b = coords[nodes[i + 1]]!
            guard let (t0, t1) = box.clip(a, b) else {
                if current.count >= 2 { pieces.append(current) }
                current = []
                continue
            }
            if t0 > 0 {
                if current.count >= 2 { pieces.append(current) }
                let k = cut(a.interpolated(to: b, t0)); newCoords.append((k, a.interpolated(to: b, t0)))
                current = [k]
            } else if current.isEmpty {
                current = [nodes[i]]
            }
            if t1 < 1 {
                let k = cut(a.interpolated(to: b, t1)); newCoords.append((k, a.interpolated(to: b, t1)))
                current.append(k)
                if current.count >= 2 { pieces.append(current) }
                current = []
            } else {
                current.append(nodes[i + 1])
            }
        }
        if current.count >= 2 { pieces.append(current) }
        for (k, p) in newCoords { coords[k] = p }
        return pieces
    }

    /// Complete-linkage clustering within `clusterRadius`; returns node → representative.
    private func cluster(_ nodes: [String], edge: Set<String>) -> [String: String] {
        var members: [String: [String]] = [:]
        var rep: [String: String] = [:]
        for n in nodes { rep[n] = n; members[n] = [n] }
        let present = Set(nodes)
        for group in options.forcedClusters {
            let g = group.filter { present.contains($0) && !edge.contains($0) }.sorted(by: Self.keyOrder)
            guard let keep = g.first else { continue }
            for n in g.dropFirst() where rep[n] == n {
                rep[n] = keep; members[keep]! += members[n]!; members[n] = nil
            }
        }
        var pairs: [(Double, String, String)] = []
        let sorted = nodes.sorted { coords[$0]!.lat < coords[$1]!.lat }
        func radius(_ n: String) -> Double { edge.contains(n) ? options.boundaryClusterRadius : options.clusterRadius }
        let dLat = max(options.clusterRadius, options.boundaryClusterRadius) / Geo.earthRadius * 180 / Double.pi
        for i in 0..<sorted.count {
            let a = sorted[i], pa = coords[a]!
            var j = i + 1
            while j < sorted.count, coords[sorted[j]]!.lat - pa.lat <= dLat {
                let b = sorted[j]
                if edge.contains(a) == edge.contains(b) {
                    let d = Geo.distance(pa, coords[b]!)
                    if d <= radius(a) { pairs.append((d, min(a, b), max(a, b))) }
                }
                j += 1
            }
        }
        pairs.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        for (_, a, b) in pairs {
            let ra = rep[a]!, rb = rep[b]!
            if ra == rb { continue }
            let ma = members[ra]!, mb = members[rb]!
            let close = ma.allSatisfy { x in mb.allSatisfy { y in Geo.distance(coords[x]!, coords[y]!) <= radius(a) } }
            guard close else { continue }
            let (keep, drop) = Self.keyOrder(ra, rb) ? (ra, rb) : (rb, ra)
            for m in members[drop]! { rep[m] = keep }
            members[keep]! += members[drop]!
            members[drop] = nil
        }
        return rep
    }

    /// One road per pair of junctions: opposite one-way carriageways become one two-way road;
    /// duplicates keep the larger lane counts.
    package static func joinParallel(_ raw: [SimpleRoad]) -> [SimpleRoad] {
        var groups: [String: [SimpleRoad]] = [:]
        var order: [String] = []
        for r in raw {
            let k = "\(min(r.from, r.to))-\(max(r.from, r.to))"
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(r)
        }
        var out: [SimpleRoad] = []
        for k in order {
            let g = groups[k]!
            if g.count == 1 { out.append(g[0]); continue }
            // Representative: two-way before one-way, then by class, then by key.
            var rep = g.min { a, b in
                (a.attrs.oneway ? 1 : 0, RoadDefaults.rank(a.attrs.highway), a.key) <
                (b.attrs.oneway ? 1 : 0, RoadDefaults.rank(b.attrs.highway), b.key)
            }!
            var fwd = 0, bwd = 0
            var estimated = false
            for r in g {
                let same = r.from == rep.from
                let rf = same ? r.attrs.lanesForward : r.attrs.lanesBackward
                let rb = same ? r.attrs.lanesBackward : r.attrs.lanesForward
                if r.attrs.oneway {
                    if same { fwd = max(fwd, r.attrs.lanesForward) } else { bwd = max(bwd, r.attrs.lanesForward) }
                } else {
                    fwd = max(fwd, rf); bwd = max(bwd, rb)
                }
                estimated = estimated || r.attrs.lanesEstimated
            }
            if bwd > 0 && fwd > 0 {
                rep.attrs.oneway = false
                rep.attrs.lanesForward = fwd; rep.attrs.lanesBackward = bwd
            } else {
                rep.attrs.lanesForward = max(fwd, bwd); rep.attrs.lanesBackward = rep.attrs.lanesForward
            }
            rep.attrs.lanesEstimated = estimated
            rep.sources = g.flatMap(\.sources)
            out.append(rep)
        }
        return out
    }

    /// Removes interior dead ends and everything outside the largest strongly connected part,
    /// until nothing changes.
    @discardableResult
    private mutating func prune() -> Bool {
        var alive = [Bool](repeating: true, count: junctions.count)
        var roadAlive = [Bool](repeating: true, count: roads.count)
        var deadEnds = 0, detached = 0
        var changed = true
        while changed {
            changed = false
            var degree = [Int](repeating: 0, count: junctions.count)
            for (i, r) in roads.enumerated() where roadAlive[i] { degree[r.from] += 1; degree[r.to] += 1 }
            for (i, r) in roads.enumerated() where roadAlive[i] {
                for end in [r.from, r.to] where degree[end] == 1 && !junctions[end].boundary {
                    roadAlive[i] = false; changed = true; deadEnds += 1; break
                }
            }
            for j in junctions.indices where alive[j] && degree[j] == 0 { alive[j] = false }
            if changed { continue }
            // Largest strongly connected component of the directed graph.
            var out = [[Int]](repeating: [], count: junctions.count)
            var inn = [[Int]](repeating: [], count: junctions.count)
            for (i, r) in roads.enumerated() where roadAlive[i] {
                out[r.from].append(r.to); inn[r.to].append(r.from)
                if !r.attrs.oneway { out[r.to].append(r.from); inn[r.from].append(r.to) }
            }
            let comp = Self.largestStrongComponent(out: out, inn: inn, alive: alive)
            for (i, r) in roads.enumerated() where roadAlive[i] && !(comp.contains(r.from) && comp.contains(r.to)) {
                roadAlive[i] = false; changed = true; detached += 1
                droppedNames[r.attrs.name.isEmpty ? "(unnamed \(r.attrs.highway))" : r.attrs.name, default: 0] += 1
            }
        }
        if deadEnds > 0 { log.append("\(deadEnds) dead-end roads inside the map dropped") }
        if detached > 0 { log.append("\(detached) roads not strongly connected to the main network dropped") }
        roads = roads.indices.filter { roadAlive[$0] }.map { roads[$0] }
        return deadEnds + detached > 0
    }

    package static func largestStrongComponent(out: [[Int]], inn: [[Int]], alive: [Bool]) -> Set<Int> {
        func reach(_ start: Int, _ adj: [[Int]]) -> Set<Int> {
            var seen: Set<Int> = [start], stack = [start]
            while let v = stack.popLast() { for w in adj[v] where !seen.contains(w) { seen.insert(w); stack.append(w) } }
            return seen
        }
        var assigned = Set<Int>()
        var best = Set<Int>()
        for v in alive.indices where alive[v] && !assigned.contains(v) && !(out[v].isEmpty && inn[v].isEmpty) {
            let comp = reach(v, out).intersection(reach(v, inn))
            assigned.formUnion(comp)
            if comp.count > best.count { best = comp }
        }
        return best
    }

    /// Clears the signal flag of junctions with fewer than three neighbours; true if any.
    private mutating func dropPassThroughSignals() -> Bool {
        var neighbours = [Set<Int>](repeating: [], count: junctions.count)
        for r in roads { neighbours[r.from].insert(r.to); neighbours[r.to].insert(r.from) }
        var dropped = false
        for j in junctions.indices where junctions[j].signal && !neighbours[j].isEmpty && neighbours[j].count < 3
            && junctions[j].signalNodes.allSatisfy({ !options.confirmedSignalNodes.contains($0) }) {
            junctions[j].signal = false
            dropped = true
            let at = junctions[j].at
            log.append("signal at \(String(format: "%.5f,%.5f", at.lat, at.lon)) dropped: only one road passes through it here")
        }
        return dropped
    }

    /// Merges the two roads of every plain junction that joins exactly two neighbours.
    private mutating func dissolve() {
        var dissolved = 0, joined = 0
        var changed = true
        while changed {
            changed = false
            var incident = [[Int]](repeating: [], count: junctions.count)
            for (i, r) in roads.enumerated() { incident[r.from].append(i); incident[r.to].append(i) }
            for j in junctions.indices where !junctions[j].boundary && !junctions[j].signal && incident[j].count == 2 {
                let a = roads[incident[j][0]], b = roads[incident[j][1]]
                guard a.attrs.oneway == b.attrs.oneway else { continue }
                var r1 = a, r2 = b
                if a.attrs.oneway {
                    // A one-way chain x → j → y; its direction cannot be turned round.
                    if a.to == j && b.from == j { r1 = a; r2 = b }
                    else if b.to == j && a.from == j { r1 = b; r2 = a }
                    else { continue }
                } else {
                    if r1.to != j { r1 = r1.reversed() }          // r1: x → j
                    if r2.from != j { r2 = r2.reversed() }        // r2: j → y
                }
                let x = r1.from, y = r2.to
                guard x != y, x != j, y != j else { continue }
                if options.dissolveOnlyIfSameAttributes {
                    guard r1.attrs.lanesForward == r2.attrs.lanesForward, r1.attrs.lanesBackward == r2.attrs.lanesBackward,
                          r1.attrs.speedKmh == r2.attrs.speedKmh else { continue }
                }
                // A road x–y already there: only the other carriageway of a one-way pair may join it.
                let twin = roads.firstIndex { ($0.from == x && $0.to == y) || ($0.from == y && $0.to == x) }
                if let t = twin {
                    guard options.joinCarriageways, !incident[j].contains(t) else { continue }
                }
                let l1 = Geo.length([junctions[x].at] + r1.interior + [junctions[j].at])
                let l2 = Geo.length([junctions[j].at] + r2.interior + [junctions[y].at])
                var m = r1
                m.to = y
                if l2 > l1 { m.attrs = r2.attrs }
                if m.attrs.name.isEmpty { m.attrs.name = r1.attrs.name.isEmpty ? r2.attrs.name : r1.attrs.name }
                m.attrs.lanesEstimated = r1.attrs.lanesEstimated || r2.attrs.lanesEstimated
                m.attrs.speedEstimated = r1.attrs.speedEstimated || r2.attrs.speedEstimated
                m.interior = r1.interior + [junctions[j].at] + r2.interior
                m.sources = r1.sources + r2.sources
                let keepKey = [roads[incident[j][0]].key, roads[incident[j][1]].key].min(by: Self.keyOrder)!
                m.key = keepKey
                var drop = Set(incident[j])
                if let t = twin {
                    // Two roads x–y side by side (the carriageways of a dual road whose nodes did
                    // not line up): one road with the twin's shape and, per direction, the larger
                    // lane count; two-way if either direction is missing from one of them.
                    var e = roads[t]
                    // Name, class and speed of the longer of the two (as when dissolving).
                    let le = Geo.length([junctions[e.from].at] + e.interior + [junctions[e.to].at])
                    let lm = Geo.length([junctions[m.from].at] + m.interior + [junctions[m.to].at])
                    let (keepOneway, keepF, keepB) = (e.attrs.oneway, e.attrs.lanesForward, e.attrs.lanesBackward)
                    if lm > le || e.attrs.name.isEmpty { e.attrs = m.attrs }
                    if e.attrs.name.isEmpty { e.attrs.name = m.attrs.name.isEmpty ? roads[t].attrs.name : m.attrs.name }
                    (e.attrs.oneway, e.attrs.lanesForward, e.attrs.lanesBackward) = (keepOneway, keepF, keepB)
                    let same = m.from == e.from
                    let mAlong = same ? m.attrs.lanesForward : (m.attrs.oneway ? 0 : m.attrs.lanesBackward)
                    let mAgainst = same ? (m.attrs.oneway ? 0 : m.attrs.lanesBackward) : m.attrs.lanesForward
                    let f = max(e.attrs.lanesForward, mAlong)
                    let b = max(e.attrs.oneway ? 0 : e.attrs.lanesBackward, mAgainst)
                    if f > 0 && b > 0 {
                        e.attrs.oneway = false; e.attrs.lanesForward = f; e.attrs.lanesBackward = b
                    } else if f > 0 {
                        e.attrs.oneway = true; e.attrs.lanesForward = f; e.attrs.lanesBackward = f
                    } else {
                        e = e.reversed(); e.attrs.oneway = true; e.attrs.lanesForward = b; e.attrs.lanesBackward = b
                    }
                    e.attrs.lanesEstimated = e.attrs.lanesEstimated || m.attrs.lanesEstimated
                    e.sources += m.sources
                    m = e
                    drop.insert(t)
                    joined += 1
                }
                roads = roads.indices.filter { !drop.contains($0) }.map { roads[$0] } + [m]
                dissolved += 1
                changed = true
                break
            }
        }
        if dissolved > 0 { log.append("\(dissolved) plain junctions dissolved into road shape") }
        if joined > 0 { log.append("\(joined) roads joined with a parallel twin between the same junctions (dual carriageways)") }
    }

    /// Drops junctions without roads and renumbers.
    private mutating func compact() {
        var used = Set<Int>()
        for r in roads { used.insert(r.from); used.insert(r.to) }
        var newIndex: [Int: Int] = [:]
        var kept: [SimpleJunction] = []
        for j in junctions.indices where used.contains(j) { newIndex[j] = kept.count; kept.append(junctions[j]) }
        junctions = kept
        roads = roads.map { var r = $0; r.from = newIndex[r.from]!; r.to = newIndex[r.to]!; return r }
            .sorted { Self.keyOrder($0.key, $1.key) }
    }

    // MARK: - Helpers

    /// Orders keys like `n12` < `n100` (shorter numeric ids first), then lexicographically.
    package static func keyOrder(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    package static func extent(of points: [LatLon]) -> BoundingBox {
        BoundingBox(south: points.map(\.lat).min() ?? 0, west: points.map(\.lon).min() ?? 0,
                    north: points.map(\.lat).max() ?? 0, east: points.map(\.lon).max() ?? 0)
    }
}
