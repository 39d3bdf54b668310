import Foundation

/// Builds the immutable `Network` from a `MapSpec`, and rejects what formats.md says is invalid:
/// unknown ids, junctions in no road, boundaries that cannot reach or be reached, plans naming
/// missing approaches or turns, plans whose times do not add up, conflicting phases.
public enum NetworkBuilder {
    /// Distance along a road used to measure its direction at a junction (m).
    static let legProbeDistance = 25.0

    public static func build(_ spec: MapSpec) throws(SpecError) -> Network {
        var b = Draft(spec: spec)
        try b.indexJunctions()
        try b.makeSegments()
        try b.checkEveryJunctionUsed()
        b.computeLegs()
        b.nameApproaches()
        try b.makeMovements()
        b.makeFeeders()
        try b.checkBoundaries()
        try b.makePrograms()
        try b.makeRightOnRed()
        return b.finish()
    }

    /// Working state of one build.
    struct Draft {
        let spec: MapSpec
        var junctionIndex: [String: Int32] = [:]
        var projection: LocalProjection
        // segments
        var segIDs: [String] = [], segNames: [String] = [], segRoad: [Int32] = [], segFrom: [Int32] = []
        var segTo: [Int32] = [], segLength: [Double] = [], segLanes: [Int32] = [], segWidth: [Double] = []
        var segSpeed: [Double] = [], segSat: [Double] = [], segPolyline: [[LatLon]] = []
        var segLeftBay: [Bool] = []
        /// Leg angle of each segment at its downstream end (incoming) and upstream end (outgoing).
        var angleAtTo: [Double] = [], angleAtFrom: [Double] = []
        var approachName: [String] = [], approachCompass: [String] = []
        var approachesOf: [[Int32]] = [], outgoingOf: [[Int32]] = []
        // movements, grouped by incoming segment
        var movementStart: [Int32] = [], movFrom: [Int32] = [], movTo: [Int32] = [], movTurn: [Turn] = []
        var feederStart: [Int32] = [], feeders: [Int32] = []
        var programs: [SignalProgram] = [], programOf: [Int32] = []
        // right turns on red (NetworkBuilder+RightOnRed.swift)
        var rorMovements: [Int32] = [], rorClasses: [[String]] = [], rorStart: [Int32] = [0], rorConflicts: [Int32] = []

        init(spec: MapSpec) {
            self.spec = spec
            let n = Double(max(spec.junctions.count, 1))
            let lat = spec.junctions.reduce(0) { $0 + $1.at.lat } / n
            let lon = spec.junctions.reduce(0) { $0 + $1.at.lon } / n
            projection = LocalProjection(origin: LatLon(lat, lon))
        }

        mutating func indexJunctions() throws(SpecError) {
            for (i, j) in spec.junctions.enumerated() {
                let path = SpecPath.root.key("junctions").index(i).key("id")
                guard Draft.isValidID(j.id) else {
                    throw SpecError(path, "junction id \"\(j.id)\" must be lowercase letters, digits and '-'")
                }
                guard junctionIndex[j.id] == nil else { throw SpecError(path, "duplicate junction id \"\(j.id)\"") }
                guard j.at.lat.isFinite, j.at.lon.isFinite, abs(j.at.lat) <= 90, abs(j.at.lon) <= 180 else {
                    throw SpecError(SpecPath.root.key("junctions").index(i).key("at"), "latitude/longitude out of range")
                }
                junctionIndex[j.id] = Int32(i)
            }
            approachesOf = Array(repeating: [], count: spec.junctions.count)
            outgoingOf = Array(repeating: [], count: spec.junctions.count)
        }

        static func isValidID(_ s: String) -> Bool {
            !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        }

        mutating func makeSegments() throws(SpecError) {
            var roadIDs = Set<String>()
            for (r, road) in spec.roads.enumerated() {
                let path = SpecPath.root.key("roads").index(r)
                guard Draft.isValidID(road.id) else {
                    throw SpecError(path.key("id"), "road id \"\(road.id)\" must be lowercase letters, digits and '-'")
                }
                guard roadIDs.insert(road.id).inserted else { throw SpecError(path.key("id"), "duplicate road id \"\(road.id)\"") }
                guard let a = junctionIndex[road.from] else { throw SpecError(path.key("from"), "unknown junction \"\(road.from)\"") }
                guard let b = junctionIndex[road.to] else { throw SpecError(path.key("to"), "unknown junction \"\(road.to)\"") }
                guard a != b else { throw SpecError(path.key("to"), "a road must join two different junctions") }
                guard road.lanesForward >= 1, road.oneway || road.lanesBackward >= 1 else {
                    throw SpecError(path.key("lanes"), "lanes must be at least 1")
                }
                guard road.speedKmh.isFinite, road.speedKmh > 0 else { throw SpecError(path.key("speed"), "speed must be positive") }
                if let w = road.widthM, !(w.isFinite && w > 0) { throw SpecError(path.key("width"), "width must be positive") }
                if let s = road.saturationFlow, !(s.isFinite && s > 0) {
                    throw SpecError(path.key("saturation_flow"), "saturation flow must be positive")
                }
                var line = road.shape
                let pa = spec.junctions[Int(a)].at, pb = spec.junctions[Int(b)].at
                if line.first != pa { line.insert(pa, at: 0) }
                if line.last != pb { line.append(pb) }
                let length = road.lengthM ?? LocalProjection.length(line)
                guard length.isFinite, length > 0 else {
                    if road.lengthM != nil { throw SpecError(path.key("length"), "length must be positive") }
                    throw SpecError(path.key("length"), "the road has no length: \"\(road.from)\" and \"\(road.to)\" are at the "
                                    + "same place and its shape adds none; give `length:` or move a junction")
                }
                addSegment(id: road.id, road: Int32(r), name: road.name, from: a, to: b, length: length,
                           lanes: road.lanesForward, width: road.widthM, speed: road.speedKmh,
                           sat: road.saturationFlow, leftBay: road.leftBayForward, line: line)
                if !road.oneway {
                    addSegment(id: road.id + "~r", road: Int32(r), name: road.name, from: b, to: a, length: length,
                               lanes: road.lanesBackward, width: road.widthM, speed: road.speedKmh,
                               sat: road.saturationFlow, leftBay: road.leftBayBackward, line: line.reversed())
                }
            }
        }

        mutating func addSegment(id: String, road: Int32, name: String, from: Int32, to: Int32, length: Double,
                                 lanes: Int, width: Double?, speed: Double, sat: Double?, leftBay: Bool, line: [LatLon]) {
            let s = Int32(segIDs.count)
            segIDs.append(id); segNames.append(name); segRoad.append(road); segFrom.append(from); segTo.append(to)
            segLength.append(length); segLanes.append(Int32(lanes)); segWidth.append(width ?? 0)
            segSpeed.append(speed / 3.6); segSat.append(sat ?? 0); segPolyline.append(line)
            segLeftBay.append(leftBay)
            approachesOf[Int(to)].append(s)
            outgoingOf[Int(from)].append(s)
        }

        func checkEveryJunctionUsed() throws(SpecError) {
            for (i, j) in spec.junctions.enumerated() where approachesOf[i].isEmpty && outgoingOf[i].isEmpty {
                throw SpecError(SpecPath.root.key("junctions").index(i), "junction \"\(j.id)\" is in no road")
            }
        }

        /// Direction (degrees ccw from east) from the start of `line` towards a point about
        /// `legProbeDistance` along it.
        func legAngle(_ line: [LatLon]) -> Double {
            let p0 = projection.xy(line[0])
            var target = projection.xy(line[line.count - 1])
            var walked = 0.0
            for i in 1..<line.count {
                walked += LocalProjection.distance(line[i - 1], line[i])
                if walked >= NetworkBuilder.legProbeDistance { target = projection.xy(line[i]); break }
            }
            let dx = target.x - p0.x, dy = target.y - p0.y
            return dx == 0 && dy == 0 ? 0 : atan2Degrees(dy, dx)
        }

        mutating func computeLegs() {
            angleAtTo = segPolyline.map { legAngle($0.reversed()) }
            angleAtFrom = segPolyline.map { legAngle($0) }
            for j in 0..<approachesOf.count {
                approachesOf[j].sort { (Draft.positive(angleAtTo[Int($0)]), $0) < (Draft.positive(angleAtTo[Int($1)]), $1) }
            }
        }

        static func positive(_ a: Double) -> Double { a < 0 ? a + 360 : a }

        static let compassNames = ["E", "NE", "N", "NW", "W", "SW", "S", "SE"]

        static func compass(_ angle: Double) -> String {
            let k = Int((positive(angle) / 45).rounded()) % 8
            return compassNames[k]
        }

        mutating func nameApproaches() {
            approachName = Array(repeating: "", count: segIDs.count)
            approachCompass = Array(repeating: "", count: segIDs.count)
            for j in 0..<approachesOf.count {
                let segs = approachesOf[j]
                let names = segs.map { Draft.compass(angleAtTo[Int($0)]) }
                for (k, s) in segs.enumerated() {
                    approachCompass[Int(s)] = names[k]
                    let clash = names.filter { $0 == names[k] }.count > 1
                    approachName[Int(s)] = clash ? spec.junctions[Int(segFrom[Int(s)])].id : names[k]
                }
            }
        }

        /// Incoming segments at junction `j` named `name` (compass or neighbour id).
        func approaches(at j: Int, named name: String) -> [Int32] {
            approachesOf[j].filter {
                approachName[Int($0)] == name || spec.junctions[Int(segFrom[Int($0)])].id == name
            }
        }

        func turn(from s: Int32, to t: Int32) -> Turn {
            let heading = angleAtTo[Int(s)] + 180
            let delta = Angle.normalized(angleAtFrom[Int(t)] - heading)
            if abs(delta) > 150 { return .uturn }
            if delta > 45 { return .left }
            if delta < -45 { return .right }
            return .through
        }

        mutating func makeMovements() throws(SpecError) {
            // Banned movements by junction.
            var banned = Set<[Int32]>()
            for (i, jspec) in spec.junctions.enumerated() {
                for (k, token) in jspec.banned.enumerated() {
                    let path = SpecPath.root.key("junctions").index(i).key("banned").index(k)
                    // A U-turn back along the same road is never a movement, so banning it changes
                    // nothing; a turn onto another road sharper than 150° is one, and is banned.
                    var t = token.trimmingWhitespace()
                    if t.hasSuffix("!") { t.removeLast() }
                    if t.hasSuffix(":uturn") {
                        let name = String(t.dropLast(":uturn".count))
                        let apps = approaches(at: i, named: name)
                        guard apps.count == 1 else { _ = try parseToken(name, junction: i, path: path); continue }
                        let s = apps[0]
                        for o in outgoingOf[i] where !(segTo[Int(o)] == segFrom[Int(s)] && segRoad[Int(o)] == segRoad[Int(s)])
                            && turn(from: s, to: o) == .uturn {
                            banned.insert([s, o])
                        }
                        continue
                    }
                    let parsed = try parseToken(token, junction: i, path: path)
                    for m in parsed { banned.insert([m.from, m.to]) }
                }
            }
            movementStart = [0]
            for s in 0..<segIDs.count {
                let j = Int(segTo[s])
                if spec.junctions[j].control != .boundary {
                    for t in outgoingOf[j] where !(segTo[Int(t)] == segFrom[s] && segRoad[Int(t)] == segRoad[s]) {
                        if banned.contains([Int32(s), t]) { continue }
                        movFrom.append(Int32(s)); movTo.append(t); movTurn.append(turn(from: Int32(s), to: t))
                    }
                }
                movementStart.append(Int32(movFrom.count))
            }
        }

        /// Resolves `N`, `N:left`, `N:left!`, `nvc-304:through` at junction `j` to movement pairs.
        /// Works before movements exist (for bans) by enumerating candidate pairs.
        func parseToken(_ raw: String, junction j: Int, path: SpecPath) throws(SpecError)
            -> [(from: Int32, to: Int32, protected: Bool)] {
            var token = raw.trimmingWhitespace()
            var protected = false
            if token.hasSuffix("!") { protected = true; token.removeLast() }
            let parts = token.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 1 || parts.count == 2, !parts[0].isEmpty else {
                throw SpecError(path, "expected an approach such as N or N:left, got \"\(raw)\"")
            }
            let apps = approaches(at: j, named: parts[0])
            let jid = spec.junctions[j].id
            guard !apps.isEmpty else {
                let known = approachesOf[j].map { approachName[Int($0)] }.joined(separator: ", ")
                throw SpecError(path, "junction \"\(jid)\" has no approach \"\(parts[0])\" (approaches: \(known))")
            }
            if apps.count > 1 {
                let ids = apps.map { spec.junctions[Int(segFrom[Int($0)])].id }.joined(separator: ", ")
                throw SpecError(path, "junction \"\(jid)\" has several legs on side \(parts[0]): name them by neighbour id (\(ids))")
            }
            var wanted: Turn? = nil
            if parts.count == 2 {
                guard let t = Turn(rawValue: parts[1]) else {
                    throw SpecError(path, "unknown turn \"\(parts[1])\" (expected left, through, right or uturn)")
                }
                wanted = t
            }
            let s = apps[0]
            var out: [(Int32, Int32, Bool)] = []
            for t in outgoingOf[j] where !(segTo[Int(t)] == segFrom[Int(s)] && segRoad[Int(t)] == segRoad[Int(s)]) {
                if let w = wanted, turn(from: s, to: t) != w { continue }
                out.append((s, t, protected))
            }
            if out.isEmpty {
                let what = wanted.map { "\($0.rawValue) movement" } ?? "movement (only a U-turn back the way it came)"
                throw SpecError(path, "approach \(parts[0]) of junction \"\(jid)\" has no \(what)")
            }
            return out
        }

        mutating func makeFeeders() {
            var lists = Array(repeating: [Int32](), count: segIDs.count)
            for m in 0..<movFrom.count where !lists[Int(movTo[m])].contains(movFrom[m]) {
                lists[Int(movTo[m])].append(movFrom[m])
            }
            feederStart = [0]
            for l in lists { feeders.append(contentsOf: l); feederStart.append(Int32(feeders.count)) }
        }

        func checkBoundaries() throws(SpecError) {
            let n = segIDs.count
            let isEntry = (0..<n).map { spec.junctions[Int(segFrom[$0])].control == .boundary }
            let isExit = (0..<n).map { spec.junctions[Int(segTo[$0])].control == .boundary }
            // Forward reachability from all entries; backward from all exits.
            var fromEntry = isEntry, toExit = isExit
            var stack = (0..<n).filter { isEntry[$0] }
            while let s = stack.popLast() {
                for m in Int(movementStart[s])..<Int(movementStart[s + 1]) where !fromEntry[Int(movTo[m])] {
                    fromEntry[Int(movTo[m])] = true; stack.append(Int(movTo[m]))
                }
            }
            stack = (0..<n).filter { isExit[$0] }
            while let t = stack.popLast() {
                for f in Int(feederStart[t])..<Int(feederStart[t + 1]) where !toExit[Int(feeders[f])] {
                    toExit[Int(feeders[f])] = true; stack.append(Int(feeders[f]))
                }
            }
            for (i, j) in spec.junctions.enumerated() where j.control == .boundary {
                let path = SpecPath.root.key("junctions").index(i)
                let entries = outgoingOf[i], exits = approachesOf[i]
                if !entries.isEmpty && !entries.contains(where: { toExit[Int($0)] }) {
                    throw SpecError(path, "boundary \"\(j.id)\" cannot reach any other boundary")
                }
                if !exits.isEmpty && !exits.contains(where: { fromEntry[Int($0)] }) {
                    throw SpecError(path, "boundary \"\(j.id)\" cannot be reached from any other boundary")
                }
            }
        }

        mutating func makePrograms() throws(SpecError) {
            programOf = Array(repeating: -1, count: spec.junctions.count)
            var planOf: [Int: (SignalPlanSpec, Int)] = [:]
            for (k, plan) in spec.signals.enumerated() {
                let path = SpecPath.root.key("signals").key(plan.junction)
                guard let j = junctionIndex[plan.junction] else {
                    throw SpecError(path, "plan for unknown junction \"\(plan.junction)\"")
                }
                guard spec.junctions[Int(j)].control == .signal else {
                    throw SpecError(path, "junction \"\(plan.junction)\" has a plan but its control is not signal")
                }
                guard planOf[Int(j)] == nil else { throw SpecError(path, "two plans for junction \"\(plan.junction)\"") }
                planOf[Int(j)] = (plan, k)
            }
            for (j, jspec) in spec.junctions.enumerated() where jspec.control == .signal {
                let program: SignalProgram
                if let (plan, _) = planOf[j] {
                    program = try resolvePlan(plan, junction: j)
                } else {
                    program = defaultProgram(junction: j)
                }
                programOf[j] = Int32(programs.count)
                programs.append(program)
            }
        }

        func junctionMovements(_ j: Int) -> [Int32] {
            var ms: [Int32] = []
            for s in approachesOf[j] { ms.append(contentsOf: (movementStart[Int(s)]..<movementStart[Int(s) + 1])) }
            return ms.sorted()
        }

        func resolvePlan(_ plan: SignalPlanSpec, junction j: Int) throws(SpecError) -> SignalProgram {
            let base = SpecPath.root.key("signals").key(plan.junction)
            guard !plan.phases.isEmpty else { throw SpecError(base.key("phases"), "a plan needs at least one phase") }
            guard plan.cycle.isFinite, plan.cycle > 0 else { throw SpecError(base.key("cycle"), "cycle must be positive") }
            var phases: [SignalProgram.Phase] = []
            var total = 0.0
            for (p, ph) in plan.phases.enumerated() {
                let ppath = base.key("phases").index(p)
                guard ph.green.isFinite, ph.green > 0 else { throw SpecError(ppath.key("green"), "green must be positive") }
                let yellow = ph.yellow ?? plan.yellow, allRed = ph.allRed ?? plan.allRed
                guard yellow >= 0, allRed >= 0 else { throw SpecError(ppath, "yellow and all-red must not be negative") }
                var chosen: [Int32: Bool] = [:]   // movement → protected
                for (a, token) in ph.allow.enumerated() {
                    for pair in try parseToken(token, junction: j, path: ppath.key("allow").index(a)) {
                        guard let m = movementIndex(pair.from, pair.to) else { continue }  // banned
                        chosen[m] = (chosen[m] ?? false) || pair.protected
                    }
                }
                guard !chosen.isEmpty else { throw SpecError(ppath.key("allow"), "phase \"\(ph.name)\" gives no movement right of way") }
                phases.append(try makePhase(name: ph.name, green: ph.green, yellow: yellow, allRed: allRed,
                                            chosen: chosen, junction: j, path: ppath.key("allow")))
                total += ph.green + yellow + allRed
            }
            if abs(total - plan.cycle) > 0.01 {
                throw SpecError(base.key("cycle"), "cycle is \(formatNumber(plan.cycle)) s but greens and intergreens add up to \(formatNumber(total)) s")
            }
            guard plan.offset.isFinite else { throw SpecError(base.key("offset"), "offset must be a finite time") }
            return SignalProgram(junction: Int32(j), cycle: plan.cycle, offset: plan.offset, phases: phases,
                                 isDefault: false, movements: junctionMovements(j))
        }

        func movementIndex(_ from: Int32, _ to: Int32) -> Int32? {
            for m in movementStart[Int(from)]..<movementStart[Int(from) + 1] where movTo[Int(m)] == to { return m }
            return nil
        }

        /// Circular rank of the in-point of incoming segments and out-point of outgoing
        /// segments around junction `j`; right-hand traffic puts a leg's in-lane
        /// counter-clockwise of its out-lane.
        func circularRanks(_ j: Int) -> (inRank: [Int32: Int], outRank: [Int32: Int]) {
            var keys: [(Double, Int, Int32, Bool)] = []
            for s in approachesOf[j] { keys.append((Draft.positive(angleAtTo[Int(s)]), 1, s, true)) }
            for t in outgoingOf[j] { keys.append((Draft.positive(angleAtFrom[Int(t)]), -1, t, false)) }
            keys.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            var inRank: [Int32: Int] = [:], outRank: [Int32: Int] = [:]
            for (r, k) in keys.enumerated() { if k.3 { inRank[k.2] = r } else { outRank[k.2] = r } }
            return (inRank, outRank)
        }

        static func chordsCross(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
            if a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1 { return false }
            let lo = min(a.0, a.1), hi = max(a.0, a.1)
            let b0 = b.0 > lo && b.0 < hi, b1 = b.1 > lo && b.1 < hi
            return b0 != b1
        }

        func isOpposite(_ s1: Int32, _ s2: Int32) -> Bool {
            abs(Angle.normalized(angleAtTo[Int(s1)] - angleAtTo[Int(s2)])) > 135
        }

        /// Checks the phase for crossing movements and works out which movements are permitted.
        func makePhase(name: String, green: Double, yellow: Double, allRed: Double, chosen: [Int32: Bool],
                       junction j: Int, path: SpecPath) throws(SpecError) -> SignalProgram.Phase {
            let ms = chosen.keys.sorted()
            let (inRank, outRank) = circularRanks(j)
            var permitted = Array(repeating: false, count: ms.count)
            var opposing = Array(repeating: [Int32](), count: ms.count)
            for x in 0..<ms.count {
                for y in (x + 1)..<max(x + 1, ms.count) {
                    let a = Int(ms[x]), b = Int(ms[y])
                    guard movFrom[a] != movFrom[b] else { continue }
                    let ca = (inRank[movFrom[a]]!, outRank[movTo[a]]!), cb = (inRank[movFrom[b]]!, outRank[movTo[b]]!)
                    guard Draft.chordsCross(ca, cb) else { continue }
                    let yieldA = (movTurn[a] == .left || movTurn[a] == .uturn) && !chosen[ms[x]]!
                    let yieldB = (movTurn[b] == .left || movTurn[b] == .uturn) && !chosen[ms[y]]!
                    let opposite = isOpposite(movFrom[a], movFrom[b])
                    if opposite && yieldA && !(yieldB && movTurn[b] == .left) {
                        permitted[x] = true; opposing[x].append(ms[y])
                    } else if opposite && yieldB {
                        permitted[y] = true; opposing[y].append(ms[x])
                    } else {
                        throw SpecError(path, "phase \"\(name)\" gives crossing movements right of way together: "
                                        + "\(describe(a)) and \(describe(b))")
                    }
                }
            }
            return SignalProgram.Phase(name: name, green: green, yellow: yellow, allRed: allRed,
                                       movements: ms, permitted: permitted, opposing: opposing)
        }

        func describe(_ m: Int) -> String { "\(approachName[Int(movFrom[m])]):\(movTurn[m].rawValue)" }

        /// Default plan: opposite approaches paired into one phase each; otherwise one phase per
        /// approach; cycle 60 s, yellow 3 s, all-red 2 s, equal greens.
        func defaultProgram(junction j: Int) -> SignalProgram {
            let apps = approachesOf[j].filter { movementStart[Int($0)] < movementStart[Int($0) + 1] }
            var groups: [[Int32]] = []
            var used = Set<Int32>()
            var allPaired = apps.count % 2 == 0
            for s in apps where !used.contains(s) {
                if let partner = apps.first(where: { !used.contains($0) && $0 != s && isOpposite(s, $0) }) {
                    groups.append([s, partner]); used.insert(s); used.insert(partner)
                } else { allPaired = false; groups.append([s]); used.insert(s) }
            }
            if !allPaired { groups = apps.map { [$0] } }
            let yellow = 3.0, allRed = 2.0, cycle = 60.0
            let green = max(5, (cycle - Double(groups.count) * (yellow + allRed)) / Double(max(groups.count, 1)))
            var phases: [SignalProgram.Phase] = []
            for g in groups {
                var chosen: [Int32: Bool] = [:]
                for s in g { for m in movementStart[Int(s)]..<movementStart[Int(s) + 1] { chosen[m] = false } }
                let name = g.map { approachName[Int($0)] }.joined(separator: "+")
                // Pairs of opposite approaches: lefts are permitted; crossing is then allowed.
                if let phase = try? makePhase(name: name, green: green, yellow: yellow, allRed: allRed,
                                              chosen: chosen, junction: j, path: .root) {
                    phases.append(phase)
                } else {
                    // Odd geometry: fall back to one phase per approach of the group.
                    for s in g {
                        var one: [Int32: Bool] = [:]
                        for m in movementStart[Int(s)]..<movementStart[Int(s) + 1] { one[m] = false }
                        if let p = try? makePhase(name: approachName[Int(s)], green: green, yellow: yellow,
                                                  allRed: allRed, chosen: one, junction: j, path: .root) {
                            phases.append(p)
                        }
                    }
                }
            }
            // Greens share the 60 s among the phases actually made (a fallback makes more than
            // planned); only the 5 s floor can lengthen the cycle.
            let shared = max(5, (cycle - Double(phases.count) * (yellow + allRed)) / Double(max(phases.count, 1)))
            for k in phases.indices { phases[k].green = shared }
            let total = phases.reduce(0) { $0 + $1.green + $1.intergreen }
            return SignalProgram(junction: Int32(j), cycle: total, offset: 0, phases: phases,
                                 isDefault: true, movements: junctionMovements(j))
        }

        func finish() -> Network {
            var approachStart: [Int32] = [0], approachSegs: [Int32] = []
            for a in approachesOf { approachSegs.append(contentsOf: a); approachStart.append(Int32(approachSegs.count)) }
            let n = segIDs.count
            let yields = makeYields()
            return Network(
                id: spec.id, title: spec.title, attribution: spec.attribution,
                junctionIDs: spec.junctions.map(\.id), junctionNames: spec.junctions.map(\.name),
                junctionPositions: spec.junctions.map(\.at), junctionControl: spec.junctions.map(\.control),
                approachStart: approachStart, approachSegments: approachSegs,
                segmentIDs: segIDs, segmentNames: segNames, segmentRoad: segRoad, segmentFrom: segFrom,
                segmentTo: segTo, segmentLength: segLength, segmentLanes: segLanes, segmentWidth: segWidth,
                segmentSpeed: segSpeed, segmentSaturationFlow: segSat, segmentLeftBay: segLeftBay,
                approachName: approachName,
                approachCompass: approachCompass, approachAngle: angleAtTo,
                movementStart: movementStart, movementFrom: movFrom, movementTo: movTo, movementTurn: movTurn,
                feederStart: feederStart, feederSegments: feeders,
                yieldStart: yields.start, yieldMovements: yields.movements,
                rightOnRedMovements: rorMovements, rightOnRedClasses: rorClasses,
                rightOnRedStart: rorStart, rightOnRedConflicts: rorConflicts,
                isEntry: (0..<n).map { spec.junctions[Int(segFrom[$0])].control == .boundary },
                isExit: (0..<n).map { spec.junctions[Int(segTo[$0])].control == .boundary },
                programs: programs, programOfJunction: programOf, roadIDs: spec.roads.map(\.id))
        }
    }
}

func atan2Degrees(_ y: Double, _ x: Double) -> Double {
    atan2(y, x) * 180 / .pi
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
