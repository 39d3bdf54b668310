public import NgaTuCore

/// Default fixed-time plans as observed in Cần Thơ (FACTS.md §4.4): two phases at 64 s where
/// the approaches pair up into two opposite groups (cycles of 60–70 s are reported at the Trần
/// Hoàng Na junctions: 28 s + 40 s, 22 s + 38 s), three or four phases (90 s, 110 s) where a
/// large junction has more groups; amber 3 s and all-red 2 s. Approaches are named by the id
/// of the junction they come from, which is unambiguous. Every plan is an estimate.
public enum SignalPlanner {
    /// One approach: traffic entering the junction from `neighbour`.
    public struct Leg: Sendable, Equatable {
        public var neighbour: String
        /// Bearing from the junction towards the approach, degrees from north.
        public var bearing: Double
        public var lanes: Int
        public var name: String
        public init(neighbour: String, bearing: Double, lanes: Int, name: String) {
            self.neighbour = neighbour; self.bearing = bearing; self.lanes = lanes; self.name = name
        }
    }

    /// Legs are paired when they point within 45° of opposite directions.
    public static let oppositeTolerance = 45.0

    /// Groups legs into phases: the most important unpaired leg with its most nearly opposite
    /// partner, until none is left.
    public static func groups(_ legs: [Leg]) -> [[Leg]] {
        var left = legs.sorted { ($0.lanes, $1.bearing) > ($1.lanes, $0.bearing) }
        var out: [[Leg]] = []
        while !left.isEmpty {
            let a = left.removeFirst()
            var best: Int?
            var bestGap = 180.0
            for (i, b) in left.enumerated() {
                var d = abs(a.bearing - b.bearing).truncatingRemainder(dividingBy: 360)
                if d > 180 { d = 360 - d }
                let gap = 180 - d
                if gap <= oppositeTolerance && gap < bestGap { bestGap = gap; best = i }
            }
            if let i = best { out.append([a, left.remove(at: i)]) } else { out.append([a]) }
        }
        return out
    }

    /// A fixed-time plan for a junction with these approaches (nil with fewer than two).
    public static func plan(junction: String, legs: [Leg]) -> SignalPlanSpec? {
        plan(junction: junction, groups: groups(legs))
    }

    /// A fixed-time plan serving these groups of legs, one phase per group (nil with fewer
    /// than two legs).
    public static func plan(junction: String, groups: [[Leg]]) -> SignalPlanSpec? {
        var g = groups
        guard g.joined().count >= 2 else { return nil }
        if g.count == 1 { g = g[0].map { [$0] } }      // two opposite legs only: one phase each
        let (cycle, yellow, allRed) = (g.count <= 2 ? 64.0 : g.count == 3 ? 90.0 : 110.0 + Double(g.count - 4) * 20, 3.0, 2.0)
        let available = cycle - Double(g.count) * (yellow + allRed)
        let weights = g.map { Double($0.map(\.lanes).max() ?? 1) }
        var greens = weights.map { max(15, (available * $0 / weights.reduce(0, +)).rounded()) }
        // Make the greens add up exactly: adjust the largest.
        let excess = greens.reduce(0, +) - available
        if let i = greens.indices.max(by: { greens[$0] < greens[$1] }) { greens[i] -= excess }
        let phases = zip(g, greens).map { group, green in
            var names: [String] = []
            for l in group where !names.contains(l.name) { names.append(l.name) }
            let sides = group.map { Geo.compass($0.bearing) }.joined(separator: "–")
            return PhaseSpec(name: "\(sides): " + names.joined(separator: " / "), green: green,
                             allow: group.map(\.neighbour))
        }
        return SignalPlanSpec(junction: junction, cycle: cycle, offset: 0, yellow: yellow, allRed: allRed, phases: phases,
                              estimate: true)
    }

    /// The approaches of every junction of a map: incoming roads that have a movement (some
    /// other road to leave by: the only way out of an approach may not be a U-turn back along
    /// its own road), with their bearing measured to the point 25 m along the road (or its far
    /// end when shorter).
    public static func legs(of map: MapSpec, junction id: String) -> [Leg] {
        let at = Dictionary(uniqueKeysWithValues: map.junctions.map { ($0.id, $0.at) })
        let exits = Set(map.roads.filter { $0.from == id || ($0.to == id && !$0.oneway) }.map(\.id))
        var out: [Leg] = []
        for r in map.roads where !exits.subtracting([r.id]).isEmpty {
            var path = r.shape.isEmpty ? [at[r.from]!, at[r.to]!] : r.shape
            var lanes = r.lanesForward
            if r.to == id {
                path.reverse()
            } else if r.from == id && !r.oneway {
                lanes = r.lanesBackward
            } else { continue }
            let neighbour = r.to == id ? r.from : r.to
            let p = Geo.point(along: path, at: min(25, Geo.length(path)))
            out.append(Leg(neighbour: neighbour, bearing: Geo.bearing(at[id]!, p), lanes: lanes, name: r.name))
        }
        return out.sorted { $0.neighbour < $1.neighbour }
    }
}
