import NgaTuCore

/// Nodes, edges, connections and traffic-light programs.
extension SUMOModel {
    static func nodeType(_ c: JunctionControl) -> String {
        switch c {
        case .signal: return "traffic_light"
        case .priority, .none: return "priority"
        case .boundary: return "dead_end"
        }
    }

    func nodesXML() -> String {
        var x = XMLText()
        header(&x, "junctions (x, y in metres east and north of the map's centre)")
        x.start("nodes", [("version", "1.20")])
        for j in 0..<network.junctionCount {
            let p = projection.xy(network.junctionPositions[j])
            var a = [("id", network.junctionIDs[j]), ("x", num(p.x)), ("y", num(p.y)),
                     ("type", SUMOModel.nodeType(network.junctionControl[j]))]
            if network.junctionControl[j] == .signal { a.append(("tl", network.junctionIDs[j])) }
            x.element("node", a)
        }
        x.end()
        return x.text
    }

    /// Edges for SUMO micro: lengths from the geometry (junction to junction, less the junction
    /// areas that SUMO's internal lanes cross), so that edge plus junction is our segment; a road
    /// whose length the map gives keeps that length.
    func edgesXML() -> String {
        var x = XMLText()
        header(&x, "one edge per directed segment; speed in m/s; length from the geometry (edge + junction = "
               + "our segment; NAME.meso.edg.xml gives meso our lengths); one lane more than ours where a "
               + "left turn signalled unlike the through movement has a lane of its own")
        x.start("edges", [("version", "1.20")])
        for s in 0..<network.segmentCount {
            var a = [("id", network.segmentIDs[s]), ("from", network.junctionIDs[Int(network.segmentFrom[s])]),
                     ("to", network.junctionIDs[Int(network.segmentTo[s])]),
                     ("numLanes", String(Int(network.segmentLanes[s]) + extraLanes[s])),
                     ("speed", num(network.segmentSpeed[s], 3))]
            if map.roads[Int(network.segmentRoad[s])].lengthM != nil {
                a.append(("length", num(network.segmentLength[s])))
            }
            if network.segmentWidth[s] > 0 {
                a.append(("width", num(network.segmentWidth[s] / Double(network.segmentLanes[s]))))
            }
            let line = SUMOModel.polyline(of: s, network: network, map: map)
            if line.count > 2 {
                a.append(("shape", line.map { let p = projection.xy($0); return "\(num(p.x)),\(num(p.y))" }
                    .joined(separator: " ")))
            }
            if !network.segmentNames[s].isEmpty { a.append(("name", network.segmentNames[s])) }
            x.element("edge", a)
        }
        x.end()
        return x.text
    }

    /// For SUMO meso (built without internal lanes): every edge gets our segment length, as an
    /// update of `NAME.edg.xml` (netconvert reads both, this one second).
    func mesoEdgesXML() -> String {
        var x = XMLText()
        header(&x, "for SUMO meso (netconvert -c NAME.meso.netccfg): our segment lengths in m")
        x.start("edges", [("version", "1.20")])
        for s in 0..<network.segmentCount {
            x.element("edge", [("id", network.segmentIDs[s]), ("length", num(network.segmentLength[s]))])
        }
        x.end()
        return x.text
    }

    func connectionsXML() -> String {
        var x = XMLText()
        header(&x, "lane connections = the movements of the map (banned turns and U-turns absent)")
        x.start("connections", [("version", "1.20")])
        for s in 0..<network.segmentCount {
            for c in connections[s] {
                x.element("connection", [("from", network.segmentIDs[s]),
                                         ("to", network.segmentIDs[Int(network.movementTo[c.movement])]),
                                         ("fromLane", String(c.fromLane)), ("toLane", String(c.toLane))])
            }
        }
        x.end()
        return x.text
    }

    /// One SUMO phase: duration and a state character per link.
    struct Stage { var duration: Double; var state: String; var name: String }

    /// The stages of a program: each phase's green ('G' protected, 'g' permitted), then its
    /// yellow and all-red. Movements that go on into the next phase keep their green through
    /// the intergreen, as in the queue model.
    func stages(of p: Int) -> [Stage] {
        let program = network.programs[p]
        let links = self.links[p]
        func green(_ phase: SignalProgram.Phase, _ m: Int) -> Character? {
            guard let k = phase.movements.firstIndex(of: Int32(m)) else { return nil }
            return phase.permitted[k] ? "g" : "G"
        }
        if program.phases.count == 1 {
            let ph = program.phases[0]
            return [Stage(duration: program.cycle, state: String(links.map { green(ph, $0.movement) ?? "r" }), name: ph.name)]
        }
        var out: [Stage] = []
        for (k, ph) in program.phases.enumerated() {
            let next = program.phases[(k + 1) % program.phases.count]
            out.append(Stage(duration: ph.green, state: String(links.map { green(ph, $0.movement) ?? "r" }), name: ph.name))
            if ph.yellow > 0 {
                let st = links.map { l -> Character in
                    guard let g = green(ph, l.movement) else { return "r" }
                    return green(next, l.movement) != nil ? g : "y"
                }
                out.append(Stage(duration: ph.yellow, state: String(st), name: ph.name + " yellow"))
            }
            if ph.allRed > 0 {
                let st = links.map { l -> Character in
                    green(ph, l.movement) != nil && green(next, l.movement) != nil ? green(ph, l.movement)! : "r"
                }
                out.append(Stage(duration: ph.allRed, state: String(st), name: ph.name + " all-red"))
            }
        }
        return out
    }

    /// The stages of a program as our engine serves them, for SUMO meso: each movement is green
    /// exactly in its discharge window, from its green start + the start-up lost time l1 to its
    /// yellow start + the green extension e (a movement going on into the next phase stays
    /// green), and red otherwise; no yellow. SUMO meso has no start-up loss and lets vehicles go
    /// on yellow as on green (measured: a saturated approach passes G + Y seconds' worth of
    /// vehicles), so the real program would give it (Y + l1 − e) / G more capacity than ours
    /// (12% at G = 25 s); micro's vehicles brake for the yellow and lose time starting, close to
    /// our effective green G − l1 + e, so micro keeps the real program.
    func effectiveStages(of p: Int) -> [Stage] {
        let program = network.programs[p]
        let links = self.links[p]
        let phases = program.phases
        if phases.count == 1 { return stages(of: p) }
        let l1 = setup.model.startupLostTime, e = setup.model.greenExtension
        var starts: [Double] = [], t = 0.0
        for ph in phases { starts.append(t); t += ph.green + ph.yellow + ph.allRed }
        let cycle = t
        func has(_ k: Int, _ m: Int) -> Int? {
            let ph = phases[(k + phases.count) % phases.count]
            return ph.movements.firstIndex(of: Int32(m))
        }
        // Open state ('G', 'g') or 'r' of movement m at time x in [0, cycle).
        func state(_ m: Int, at x: Double) -> Character {
            let k = (starts.lastIndex { $0 <= x } ?? 0)
            let dt = x - starts[k]
            if let i = has(k, m) {
                let fromBefore = has(k - 1, m) != nil, intoNext = has(k + 1, m) != nil
                let open = (dt >= l1 || fromBefore) && (dt < phases[k].green + e || intoNext)
                return open ? (phases[k].permitted[i] ? "g" : "G") : "r"
            }
            // An extension running on past the previous phase's intergreen.
            let kp = (k - 1 + phases.count) % phases.count
            if let i = has(kp, m), x - starts[kp] + (k == 0 ? cycle : 0) < phases[kp].green + e {
                return phases[kp].permitted[i] ? "g" : "G"
            }
            return "r"
        }
        var cuts: Set<Double> = [0, cycle]
        for (k, ph) in phases.enumerated() {
            for c in [starts[k], starts[k] + l1, starts[k] + ph.green + e] {
                cuts.insert(c.truncatingRemainder(dividingBy: cycle))
            }
        }
        let times = cuts.sorted()
        var out: [Stage] = []
        for (a, b) in zip(times, times.dropFirst()) where b - a > 1e-9 {
            let mid = (a + b) / 2
            let st = String(links.map { state($0.movement, at: mid) })
            let k = starts.lastIndex { $0 <= mid } ?? 0
            if let last = out.last, last.state == st {
                out[out.count - 1].duration += b - a
            } else {
                out.append(Stage(duration: b - a, state: st, name: phases[k].name + (st.contains { $0 != "r" } ? "" : " red")))
            }
        }
        return out
    }

    /// SUMO meso's programs: `effectiveStages`, as an additional file that replaces the
    /// net's programs when loaded (`--additional-files NAME.meso.tll.xml`; run_sumo.py does).
    func mesoTrafficLightsXML() -> String {
        var x = XMLText()
        header(&x, "for SUMO meso only: our discharge windows as programs (green from green start + "
               + "\(num(setup.model.startupLostTime)) s to yellow start + \(num(setup.model.greenExtension)) s, no yellow)")
        x.start("additional")
        for (p, program) in network.programs.enumerated() {
            x.start("tlLogic", [("id", network.junctionIDs[Int(program.junction)]), ("type", "static"),
                                ("programID", "ngatu-effective"), ("offset", num(program.offset))])
            for st in effectiveStages(of: p) {
                x.element("phase", [("duration", num(st.duration, 3)), ("state", st.state), ("name", st.name)])
            }
            x.end()
        }
        x.end()
        return x.text
    }

    func trafficLightsXML() -> String {
        var x = XMLText()
        header(&x, "fixed-time programs; link indices set explicitly, one per lane connection")
        x.start("tlLogics", [("version", "1.20")])
        for (p, program) in network.programs.enumerated() {
            let jid = network.junctionIDs[Int(program.junction)]
            x.comment("\(jid): cycle \(num(program.cycle)) s, offset \(num(program.offset)) s"
                      + (program.isDefault ? " (default plan: the map gives none)" : ""))
            x.start("tlLogic", [("id", jid), ("type", "static"), ("programID", "ngatu"),
                                ("offset", num(program.offset))])
            for st in stages(of: p) {
                x.element("phase", [("duration", num(st.duration, 3)), ("state", st.state), ("name", st.name)])
            }
            x.end()
            for (i, l) in links[p].enumerated() {
                let m = l.movement
                x.element("connection", [("from", network.segmentIDs[Int(network.movementFrom[m])]),
                                         ("to", network.segmentIDs[Int(network.movementTo[m])]),
                                         ("fromLane", String(l.fromLane)), ("toLane", String(l.toLane)),
                                         ("tl", jid), ("linkIndex", String(i))])
            }
        }
        x.end()
        return x.text
    }
}
