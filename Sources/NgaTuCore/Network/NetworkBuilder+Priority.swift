/// Right of way at `priority` junctions: which movements yield to which, used when a scenario
/// sets `model.priority_junctions: yield` (the default passes them as free merges).
///
/// The major road is the pair of opposite legs (more than 135° apart) with the highest rank,
/// a leg ranked by its speed limit and then its lanes, as netconvert ranks roads; a junction
/// without opposite legs takes its two highest-ranked legs. Then, with "conflict" meaning paths
/// that cross or end in the same exit:
/// - a movement from a minor leg yields to every conflicting movement from a major leg;
/// - a left turn or U-turn yields to the conflicting movements from legs of its own class that
///   are not themselves left turns or U-turns (the permitted-turn rule of signals).
/// Nothing else yields, so no two movements wait for each other.
extension NetworkBuilder.Draft {
    func makeYields() -> (start: [Int32], movements: [Int32]) {
        var lists = Array(repeating: [Int32](), count: movFrom.count)
        for (j, junction) in spec.junctions.enumerated() where junction.control == .priority {
            let ms = junctionMovements(j)
            guard ms.count > 1 else { continue }
            let major = majorRoads(j)
            let (inRank, outRank) = circularRanks(j)
            func isMajor(_ m: Int32) -> Bool { major.contains(segRoad[Int(movFrom[Int(m)])]) }
            func turnsAcross(_ m: Int32) -> Bool { movTurn[Int(m)] == .left || movTurn[Int(m)] == .uturn }
            for a in ms {
                for b in ms where movFrom[Int(a)] != movFrom[Int(b)] {
                    let ca = (inRank[movFrom[Int(a)]]!, outRank[movTo[Int(a)]]!)
                    let cb = (inRank[movFrom[Int(b)]]!, outRank[movTo[Int(b)]]!)
                    let conflict = movTo[Int(a)] == movTo[Int(b)] || Self.chordsCross(ca, cb)
                    guard conflict else { continue }
                    let yields = isMajor(a) == isMajor(b)
                        ? turnsAcross(a) && !turnsAcross(b)
                        : !isMajor(a)
                    if yields { lists[Int(a)].append(b) }
                }
            }
        }
        var start: [Int32] = [0], flat: [Int32] = []
        for l in lists { flat.append(contentsOf: l); start.append(Int32(flat.count)) }
        return (start, flat)
    }

    /// The roads (indices) of junction `j`'s major legs.
    func majorRoads(_ j: Int) -> Set<Int32> {
        // One leg per road at this junction, with its direction away from the junction.
        var legs: [(road: Int32, angle: Double, rank: Double)] = []
        func add(_ s: Int32, angle: Double) {
            let road = segRoad[Int(s)]
            let rank = segSpeed[Int(s)] * 100 + Double(segLanes[Int(s)])
            if let k = legs.firstIndex(where: { $0.road == road }) {
                legs[k].rank = max(legs[k].rank, rank)
            } else {
                legs.append((road, angle, rank))
            }
        }
        for s in approachesOf[j] { add(s, angle: angleAtTo[Int(s)]) }
        for t in outgoingOf[j] { add(t, angle: angleAtFrom[Int(t)]) }
        var best: (Double, Double, Int32, Int32)?   // (lower rank, higher rank, road, road)
        for x in legs.indices {
            for y in legs.indices where y > x {
                guard abs(Angle.normalized(legs[x].angle - legs[y].angle)) > 135 else { continue }
                let key = (min(legs[x].rank, legs[y].rank), max(legs[x].rank, legs[y].rank), legs[x].road, legs[y].road)
                if best.map({ (key.0, key.1) > ($0.0, $0.1) }) ?? true { best = key }
            }
        }
        if let best { return [best.2, best.3] }
        let top = legs.sorted { ($0.rank, -Double($0.road)) > ($1.rank, -Double($1.road)) }.prefix(2)
        return Set(top.map(\.road))
    }
}
