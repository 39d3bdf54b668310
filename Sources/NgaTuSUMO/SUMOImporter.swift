public import Foundation
public import NgaTuCore

/// A SUMO network (and its routes) as a map and a flow list: `ngatu import-sumo`.
public struct SUMOImport: Sendable {
    public var map: MapSpec
    /// Per-route flows (`via` the route's segments) or per-trip flows (shortest route).
    public var flows: [FlowSpec]
    /// Seconds of demand the flows were averaged over (the scenario's duration).
    public var duration: Double
    /// What could not be carried over, one line each (for stderr).
    public var notes: [String]
}

public struct SUMOImportFailure: Error, CustomStringConvertible {
    public var description: String
}

/// Reads junctions, edges (lanes, speeds, lengths, shapes), connections (turns not connected
/// in SUMO are banned), traffic-light programs (green phases → phases by approach and turn;
/// yellow and all-red phases → the intergreens after them) and routes/flows/trips (averaged to
/// one rate per route over the duration). Left out, and said so in `notes`: SUMO's internal
/// lanes and junctions, sublanes, lane-level detail (lanes are counted per direction),
/// pedestrian/bicycle/rail-only lanes, vehicle types, per-flow time windows.
public enum SUMOImporter {
    public static func importFiles(net netPath: String, routes routesPath: String?, mapID: String, title: String,
                                   origin: LatLon = LatLon(10.03, 105.77), duration: Double? = nil,
                                   begin: Double? = nil) throws(SUMOImportFailure) -> SUMOImport {
        let net: SUMONet
        let demand: SUMODemand?
        do {
            net = try SUMOReader.network(netPath)
            demand = try routesPath.map { p throws(SUMOInputError) in try SUMOReader.demand(p) }
        } catch { throw SUMOImportFailure(description: error.description) }
        var notes: [String] = []
        if net.internalEdges > 0 || net.internalJunctions > 0 {
            notes.append("\(net.internalEdges) internal edges and \(net.internalJunctions) internal junctions (junction interiors) left out: a junction is a point here")
        }
        if net.sublanes { notes.append("the sublane model (lateralResolution) is not carried over") }

        // Lanes cars may use; edges without any are left out.
        func usable(_ l: SUMONet.Lane) -> Bool {
            let allow = l.allow.split(separator: " ").map(String.init)
            if !allow.isEmpty { return allow.contains { ["passenger", "private", "all", "taxi", "bus"].contains($0) } }
            return !l.disallow.split(separator: " ").contains("passenger")
        }
        var edges: [SUMONet.Edge] = []
        var dropped = 0
        for var e in net.edges {
            e.lanes = e.lanes.filter(usable)
            if e.lanes.isEmpty || e.from == e.to { dropped += 1 } else { edges.append(e) }
        }
        if dropped > 0 { notes.append("\(dropped) edges without a lane for cars (footpaths, cycle tracks, rail) or looping onto their junction left out") }
        guard !edges.isEmpty else { throw SUMOImportFailure(description: "\(netPath): no edge with a lane for cars") }

        // Ids: lower case, [a-z0-9-], unique.
        var used = Set<String>()
        func newID(_ raw: String, prefix: String) -> String {
            var s = ""
            for c in raw.lowercased().unicodeScalars {
                let ok = ("a"..."z").contains(c) || ("0"..."9").contains(c)
                s += ok ? String(c) : (s.hasSuffix("-") ? "" : "-")
            }
            s = String(s.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(56))
            if s.isEmpty { s = prefix }
            var id = s, k = 2
            while used.contains(id) { id = "\(s)-\(k)"; k += 1 }
            used.insert(id)
            return id
        }

        // Junctions of the kept edges, their neighbours, and which carry a traffic-light program.
        let byID = Dictionary(net.junctions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var neighbours: [String: Set<String>] = [:]
        for e in edges { neighbours[e.from, default: []].insert(e.to); neighbours[e.to, default: []].insert(e.from) }
        let edgeByID = Dictionary(edges.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // A program may control several junctions (SUMO joins close ones under one tlLogic):
        // each junction its links lead from gets a plan of its own (below).
        var programJunctions: [String: [String]] = [:]
        for c in net.connections {
            if let tl = c.tl, let e = edgeByID[c.from], !(programJunctions[tl] ?? []).contains(e.to) { programJunctions[tl, default: []].append(e.to) }
        }
        let signalised = Set(programJunctions.values.joined())

        // Positions: UTM undone when the network is projected so (SUMO's usual); else the
        // network's boundaries mapped linearly when they describe the same area (the same metres
        // per degree both ways, within 5%); else metres around `origin`.
        let cb = net.convBoundary, ob = net.origBoundary
        let utm = net.netOffset.count == 2 ? UTM.zone(of: net.projection) : nil
        var linear = utm == nil && net.projection != "!" && cb.count == 4 && ob.count == 4 && cb[2] > cb[0] && cb[3] > cb[1]
            && ob[2] > ob[0] && ob[3] > ob[1]
        if linear {
            let lat = (ob[1] + ob[3]) / 2 * .pi / 180
            let perLon = (cb[2] - cb[0]) / ((ob[2] - ob[0]) * 111_320 * cos(lat)), perLat = (cb[3] - cb[1]) / ((ob[3] - ob[1]) * 110_574)
            if abs(perLon / perLat - 1) > 0.05 || abs(perLat - 1) > 0.05 {
                linear = false
                notes.append("the network's convBoundary and origBoundary do not describe the same area (projection \(net.projection)): placed around \(origin.lat), \(origin.lon), 1 m of SUMO = 1 m")
            }
        }
        let cx = cb.count == 4 ? (cb[0] + cb[2]) / 2 : 0, cy = cb.count == 4 ? (cb[1] + cb[3]) / 2 : 0
        func position(_ x: Double, _ y: Double) -> LatLon {
            if let utm {
                return UTM.latLon(easting: x - net.netOffset[0], northing: y - net.netOffset[1], zone: utm.zone, south: utm.south)
            }
            if linear {
                return LatLon(ob[1] + (y - cb[1]) / (cb[3] - cb[1]) * (ob[3] - ob[1]),
                              ob[0] + (x - cb[0]) / (cb[2] - cb[0]) * (ob[2] - ob[0]))
            }
            return LatLon(origin.lat + (y - cy) / 111_320, origin.lon + (x - cx) / (111_320 * cos(origin.lat * .pi / 180)))
        }
        if utm == nil && !linear && !notes.contains(where: { $0.contains("origBoundary") }) { notes.append("the network has no geographic reference: placed around \(origin.lat), \(origin.lon), 1 m of SUMO = 1 m") }

        var junctionID: [String: String] = [:]
        var junctions: [JunctionSpec] = []
        for id in neighbours.keys.sorted() {
            guard let j = byID[id] else { throw SUMOImportFailure(description: "\(netPath): edge refers to junction \"\(id)\", which the network does not define") }
            let ours = newID(id, prefix: "j")
            junctionID[id] = ours
            let degree = neighbours[id]?.count ?? 0
            let control: JunctionControl
            if degree <= 1 || j.type == "dead_end" { control = .boundary }
            else if signalised.contains(id) { control = .signal }
            else if j.type == "unregulated" { control = .none }
            else { control = .priority }
            junctions.append(JunctionSpec(id: ours, name: id == ours ? "" : id, at: position(j.x, j.y), control: control))
        }

        // Roads: an edge and its reverse make one two-way road.
        var roads: [RoadSpec] = []
        var segmentOf: [String: String] = [:]
        var paired = Set<String>()
        var speedNotes = 0
        let byPair = Dictionary(grouping: edges, by: { "\($0.from)\u{0}\($0.to)" })
        for e in edges where !paired.contains(e.id) {
            paired.insert(e.id)
            let reverse = byPair["\(e.to)\u{0}\(e.from)"]?.first { !paired.contains($0.id) }
            if let r = reverse { paired.insert(r.id) }
            let id = newID(e.id, prefix: "r")
            let speed = e.lanes.map(\.speed).max()! * 3.6
            if let r = reverse, abs(r.lanes.map(\.speed).max()! * 3.6 - speed) > 1 { speedNotes += 1 }
            let length = e.lanes.map(\.length).reduce(0, +) / Double(e.lanes.count)
            let from = byID[e.from]!, to = byID[e.to]!
            let lane = e.lanes[e.lanes.count / 2].shape
            var shape: [LatLon] = []
            if lane.count > 2 {
                shape = [position(from.x, from.y)] + lane.dropFirst().dropLast().map { position($0.0, $0.1) } + [position(to.x, to.y)]
            }
            roads.append(RoadSpec(id: id, name: e.name, from: junctionID[e.from]!, to: junctionID[e.to]!,
                                  lanesForward: e.lanes.count, lanesBackward: reverse?.lanes.count,
                                  speedKmh: min(max(speed, 1), 500), oneway: reverse == nil,
                                  lengthM: max(length, 0.1), shape: shape))
            segmentOf[e.id] = id
            if let r = reverse { segmentOf[r.id] = id + "~r" }
        }
        if speedNotes > 0 { notes.append("\(speedNotes) two-way roads whose directions have different speeds take the first direction's") }

        var map = MapSpec(id: mapID, title: title, attribution: "Imported from SUMO network \(URL(fileURLWithPath: netPath).lastPathComponent)",
                          junctions: junctions, roads: roads)
        let plain: Network
        do { plain = try NetworkBuilder.build(map) } catch {
            throw SUMOImportFailure(description: "\(netPath): the imported network is not valid: \(error)")
        }

        // Movements: SUMO's connections by (from segment, to segment), named as the map names them.
        func movement(_ from: String, _ to: String) -> Int? {
            guard let a = segmentOf[from].flatMap({ plain.segmentIndexByID[$0] }),
                  let b = segmentOf[to].flatMap({ plain.segmentIndexByID[$0] }) else { return nil }
            return plain.movement(from: Int(a), to: Int(b))
        }
        func label(_ m: Int) -> String { "\(plain.approachName[Int(plain.movementFrom[m])]):\(plain.movementTurn[m].rawValue)" }
        var connected = Set<Int>()
        for c in net.connections { if let m = movement(c.from, c.to) { connected.insert(m) } }
        var bannedCount = 0
        for (k, j) in map.junctions.enumerated() where j.control != .boundary {
            let jx = Int(plain.junctionIndexByID[j.id]!)
            var labels: [String: Bool] = [:]   // label → some movement with it is connected
            for m in 0..<plain.movementCount where Int(plain.segmentTo[Int(plain.movementFrom[m])]) == jx && plain.movementTurn[m] != .uturn {
                labels[label(m), default: false] = labels[label(m), default: false] || connected.contains(m)
            }
            let banned = labels.filter { !$0.value }.map(\.key).sorted()
            map.junctions[k].banned = banned
            bannedCount += banned.count
        }

        // Traffic-light programs: per junction a program controls, the states of its own links.
        // Every junction of a joined program keeps the program's whole phase sequence and
        // durations (a phase giving it no green is red time, added to the intergreen before it),
        // so all have the program's cycle, and its first green starts where it starts in SUMO's
        // cycle (the plan's offset): the junctions stay in step as in SUMO.
        var plans: [SignalPlanSpec] = []
        let isGreen = { (s: String) in s.contains { $0 == "G" || $0 == "g" } && !s.contains { $0 == "y" || $0 == "Y" } }
        for p in net.programs where !p.phases.isEmpty {
            for sj in programJunctions[p.id] ?? [] {
                guard let ours = junctionID[sj], map.junctions.first(where: { $0.id == ours })?.control == .signal else { continue }
                var links: [Int: [Int]] = [:]
                for c in net.connections where c.tl == p.id && edgeByID[c.from]?.to == sj {
                    if let i = c.linkIndex, let m = movement(c.from, c.to) { links[i, default: []].append(m) }
                }
                let own = links.keys.sorted()
                // The junction's part of each state; its greens as movement labels.
                let states = p.phases.map { ph in String(own.map { $0 < ph.state.count ? ph.state[ph.state.index(ph.state.startIndex, offsetBy: $0)] : "r" }) }
                func allowed(_ state: String) -> [String] {
                    var allow: [String] = []
                    for (k, ch) in state.enumerated() where ch == "G" || ch == "g" {
                        for m in links[own[k]] ?? [] where plain.movementTurn[m] != .uturn {
                            let l = label(m)
                            if !allow.contains(l) { allow.append(l) }
                        }
                    }
                    return allow
                }
                guard let first = p.phases.indices.first(where: { isGreen(states[$0]) && !allowed(states[$0]).isEmpty }) else { continue }
                let lead = p.phases[..<first].reduce(0.0) { $0 + $1.duration }
                var phases: [PhaseSpec] = []
                for i in Array(p.phases.indices[first...]) + Array(p.phases.indices[..<first]) {
                    let ph = p.phases[i], allow = isGreen(states[i]) ? allowed(states[i]) : []
                    if !allow.isEmpty {
                        // The same green continued while another junction of the program changes.
                        if let last = phases.last, last.allow == allow, last.yellow == 0, last.allRed == 0 {
                            phases[phases.count - 1].green += ph.duration
                        } else {
                            phases.append(PhaseSpec(name: "phase \(phases.count + 1)", green: ph.duration, allow: allow, yellow: 0, allRed: 0))
                        }
                    } else if states[i].contains(where: { $0 == "y" || $0 == "Y" }) && phases.last!.allRed == 0 {
                        phases[phases.count - 1].yellow! += ph.duration
                    } else {
                        phases[phases.count - 1].allRed! += ph.duration
                    }
                }
                var start = p.offset + lead
                // A green running on into the cycle's first one is that one, started earlier.
                if phases.count > 1, let last = phases.last, last.allow == phases[0].allow, last.yellow == 0, last.allRed == 0 {
                    phases[0].green += last.green
                    start -= last.green
                    phases.removeLast()
                }
                let cycle = phases.reduce(0.0) { $0 + $1.green + $1.yellow! + $1.allRed! }
                let offset = (start.truncatingRemainder(dividingBy: cycle) + cycle).truncatingRemainder(dividingBy: cycle)
                plans.append(SignalPlanSpec(junction: ours, cycle: cycle, offset: offset, yellow: phases[0].yellow!,
                                            allRed: phases[0].allRed!, phases: phases))
            }
        }
        map.signals = plans
        // A plan the validator refuses (crossing greens it cannot tell are permitted, greens
        // too short) gives way to the default plan, said so.
        var refused: [String] = []
        while true {
            do { _ = try NetworkBuilder.build(map); break } catch {
                guard case .key("signals")? = error.path.components.first, case .key(let j)? = error.path.components.dropFirst().first,
                      let k = map.signals.firstIndex(where: { $0.junction == j }) else {
                    throw SUMOImportFailure(description: "\(netPath): the imported network is not valid: \(error)")
                }
                refused.append("\(j) (\(error.message))")
                map.signals.remove(at: k)
            }
        }
        if bannedCount > 0 { notes.append("\(bannedCount) turns that SUMO does not connect are banned") }
        if !refused.isEmpty { notes.append("traffic-light programs replaced by the default plan: \(refused.joined(separator: "; "))") }

        // Demand: one flow per route (or per trip's ends), averaged over the duration.
        var flows: [FlowSpec] = []
        var runDuration = duration ?? 3600
        var start = begin ?? 0
        if let demand {
            notes += demand.notes
            // The run's time 0 is `begin` (default: the first departure or flow begin).
            if begin == nil { start = max(0, demand.entries.map(\.begin).min() ?? 0) }
            if duration == nil {
                let ends = demand.entries.map { $0.end > $0.begin ? $0.end : $0.begin + 1 }
                runDuration = min(max((ends.max() ?? start + 3600) - start, 60), 86_400)
            }
            if start > 0 { notes.append("the run's time 0 is SUMO's time \(Int(start)) s (--begin)") }
            var totals: [String: (flow: FlowSpec, vehicles: Double)] = [:]
            var order: [String] = []
            var skipped = 0, windows = 0, loops = 0
            for e in demand.entries {
                let share: Double
                let stop = start + runDuration
                if e.end > e.begin {
                    share = max(0, min(e.end, stop) - max(e.begin, start)) / (e.end - e.begin)
                    if e.begin > start || e.end < stop { windows += 1 }
                } else { share = e.begin >= start && e.begin < stop ? 1 : 0 }
                let vehicles = e.vehicles * share
                guard vehicles > 0 else { continue }
                var flow: FlowSpec
                if !e.edges.isEmpty {
                    let segs = e.edges.map { segmentOf[$0] }
                    guard segs.allSatisfy({ $0 != nil }), let f = edgeByID[e.edges.first!], let t = edgeByID[e.edges.last!] else { skipped += 1; continue }
                    flow = FlowSpec(from: junctionID[f.from]!, to: junctionID[t.to]!, rate: 0, via: segs.map { $0! })
                } else {
                    guard let f = edgeByID[e.from], let t = edgeByID[e.to] else { skipped += 1; continue }
                    flow = FlowSpec(from: junctionID[f.from]!, to: junctionID[t.to]!, rate: 0)
                }
                guard flow.from != flow.to else { loops += 1; continue }
                let key = "\(flow.from)|\(flow.to)|\((flow.via ?? []).joined(separator: ","))"
                if totals[key] == nil { totals[key] = (flow, 0); order.append(key) }
                totals[key]!.vehicles += vehicles
            }
            for key in order {
                var f = totals[key]!.flow
                f.rate = (totals[key]!.vehicles / runDuration * 3600 * 1000).rounded() / 1000
                if f.rate >= 0.01 { flows.append(f) }
            }
            if skipped > 0 { notes.append("\(skipped) vehicles, trips or flows on edges left out (or on no edge) not carried over") }
            if loops > 0 { notes.append("\(loops) vehicles, trips or flows that leave the map where they entered it not carried over (a flow here goes from one junction to another)") }
            if windows > 0 { notes.append("\(windows) flows or vehicles with their own time windows averaged over the \(Int(runDuration)) s run: the demand is constant") }
        }
        return SUMOImport(map: map, flows: flows, duration: runDuration, notes: notes)
    }

    /// The scenario file of an import: fixed time (the imported programs) against max-pressure.
    public static func scenarioYAML(_ imported: SUMOImport, id: String, mapPath: String, source: String) -> String {
        func q(_ s: String) -> String { s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } && !s.isEmpty ? s : "\"\(s)\"" }
        var lines = [
            "# Question: imported from SUMO (\(source)) by ngatu import-sumo: the network's own",
            "# traffic-light programs (fixed time) against max-pressure, on the routes' average demand.",
            "scenario: \(id)",
            "map: \(q(mapPath))",
            "duration: \(Int(imported.duration.rounded())) s",
            "warmup: 0 s",
            "replications: 1",
            "seed: 1",
            "vehicles:",
            "  car: {share: 1.0, pcu: 1.0}",
            "demand:",
            "  arrivals: poisson",
        ]
        if imported.flows.isEmpty {
            lines.append("  flows: []")
        } else {
            lines.append("  flows:")
            for f in imported.flows {
                var l = "    - {from: \(q(f.from)), to: \(q(f.to)), rate: \(f.rate) veh/h"
                if let via = f.via { l += ", via: [\(via.map(q).joined(separator: ", "))]" }
                lines.append(l + "}")
            }
        }
        lines += ["strategies:", "  - {name: fixed, controller: fixed-time}", "  - {name: max-pressure, controller: max-pressure}", "baseline: fixed", ""]
        return lines.joined(separator: "\n")
    }
}
