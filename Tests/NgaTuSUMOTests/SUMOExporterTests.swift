import Foundation
import FoundationXML
import Testing
import NgaTuCore
import NgaTuFormats
import NgaTuRunner
import NgaTuSUMO

/// The SUMO export read back as XML: one node per junction, one edge per segment, our
/// movements as connections, flows at our rates, programs that add up to the cycle.
@Suite struct SUMOExporterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("ngatu-sumo-tests-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent(name)
        try? FileManager.default.removeItem(at: dir)
        return dir
    }

    static func xml(_ dir: URL, _ file: String) throws -> XMLDocument {
        try XMLDocument(contentsOf: dir.appendingPathComponent(file), options: [])
    }

    static func elements(_ doc: XMLNode, _ path: String) throws -> [XMLElement] {
        try doc.nodes(forXPath: path).compactMap { $0 as? XMLElement }
    }

    static func attr(_ e: XMLElement, _ name: String) -> String? { e.attribute(forName: name)?.stringValue }

    /// Checks the files of an export against the network and setup it came from.
    /// `seed`: the run seed of the export (its vehicles are our departures for that seed).
    static func checkExport(_ dir: URL, name: String, setup: SimulationSetup, seed: UInt64 = 1) throws {
        let net = setup.network
        let nodes = try elements(try xml(dir, "\(name).nod.xml"), "/nodes/node")
        #expect(nodes.count == net.junctionCount)
        for (j, n) in nodes.enumerated() {
            #expect(attr(n, "id") == net.junctionIDs[j])
            let expected: String
            switch net.junctionControl[j] {
            case .signal: expected = "traffic_light"
            case .boundary: expected = "dead_end"
            case .priority, .none: expected = "priority"
            }
            #expect(attr(n, "type") == expected)
        }
        let edges = try elements(try xml(dir, "\(name).edg.xml"), "/edges/edge")
        let cons = try elements(try xml(dir, "\(name).con.xml"), "/connections/connection")
        #expect(edges.count == net.segmentCount)
        for (s, e) in edges.enumerated() {
            #expect(attr(e, "id") == net.segmentIDs[s])
            // Ours, plus one where a left turn has a lane of its own.
            let ownLeftLane = cons.contains { attr($0, "from") == net.segmentIDs[s]
                && Int(attr($0, "fromLane")!)! == Int(net.segmentLanes[s]) }
            #expect(Int(attr(e, "numLanes") ?? "") == Int(net.segmentLanes[s]) + (ownLeftLane ? 1 : 0))
            #expect(abs((Double(attr(e, "speed") ?? "") ?? 0) - net.segmentSpeed[s]) < 0.001)
        }
        // Meso's edges have our lengths (micro's come from the geometry).
        let mesoEdges = try elements(try xml(dir, "\(name).meso.edg.xml"), "/edges/edge")
        #expect(mesoEdges.map { attr($0, "id") } == net.segmentIDs.map { $0 })
        for (s, e) in mesoEdges.enumerated() {
            #expect(abs((Double(attr(e, "length") ?? "") ?? 0) - net.segmentLength[s]) < 0.01)
        }
        // Connections, reduced to edge pairs, are exactly the movements.
        let pairs = Set(cons.map { "\(attr($0, "from")!)>\(attr($0, "to")!)" })
        let movements = Set((0..<net.movementCount).map {
            "\(net.segmentIDs[Int(net.movementFrom[$0])])>\(net.segmentIDs[Int(net.movementTo[$0])])"
        })
        #expect(pairs == movements)
        // Lane numbers exist (an own left lane is the one past ours), and a vehicle lands on one
        // of our lanes.
        for c in cons {
            let from = Int(net.segmentIndexByID[attr(c, "from")!]!), to = Int(net.segmentIndexByID[attr(c, "to")!]!)
            #expect((0...Int(net.segmentLanes[from])).contains(Int(attr(c, "fromLane")!)!))
            #expect((0..<Int(net.segmentLanes[to])).contains(Int(attr(c, "toLane")!)!))
        }

        // Programs: one per signalised junction, durations add up to the cycle, one state
        // character per link index, and the green states give right of way to the phase's movements.
        let tll = try xml(dir, "\(name).tll.xml")
        let logics = try elements(tll, "/tlLogics/tlLogic")
        #expect(logics.count == net.programs.count)
        let tlCons = try elements(tll, "/tlLogics/connection")
        for (p, program) in net.programs.enumerated() {
            let logic = logics[p]
            let jid = net.junctionIDs[Int(program.junction)]
            #expect(attr(logic, "id") == jid)
            #expect(Double(attr(logic, "offset")!)! == program.offset)
            let phases = try elements(logic, "phase")
            let total = phases.reduce(0.0) { $0 + Double(attr($1, "duration")!)! }
            #expect(abs(total - program.cycle) < 0.01, "\(jid): phases add up to \(total), cycle \(program.cycle)")
            let links = tlCons.filter { attr($0, "tl") == jid }
            #expect(links.map { Int(attr($0, "linkIndex")!)! } == Array(0..<links.count))
            for ph in phases { #expect(attr(ph, "state")!.count == links.count) }
            // The first stage of each phase is its green.
            let greens = phases.filter { !(attr($0, "name")!.hasSuffix(" yellow") || attr($0, "name")!.hasSuffix(" all-red")) }
            #expect(greens.count == program.phases.count)
            for (k, ph) in program.phases.enumerated() {
                let state = Array(attr(greens[k], "state")!)
                #expect(abs(Double(attr(greens[k], "duration")!)! - (program.phases.count == 1 ? program.cycle : ph.green)) < 0.001)
                for (i, l) in links.enumerated() {
                    let from = Int32(net.segmentIndexByID[attr(l, "from")!]!), to = Int32(net.segmentIndexByID[attr(l, "to")!]!)
                    let m = Int32(net.movement(from: Int(from), to: Int(to))!)
                    if let idx = ph.movements.firstIndex(of: m) {
                        #expect(state[i] == (ph.permitted[idx] ? "g" : "G"))
                    } else {
                        #expect(state[i] == "r")
                    }
                }
            }
        }

        // Routes are the Router's, flows carry our rates.
        let rou = try xml(dir, "\(name).rou.xml")
        let routes = try elements(rou, "/routes/route")
        #expect(routes.count == setup.flows.count)
        for (i, r) in routes.enumerated() {
            #expect(attr(r, "edges") == setup.flows[i].route.map { net.segmentIDs[Int($0)] }.joined(separator: " "))
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("\(name).ngatu.json")))
            as? [String: Any]
        let departures = summary?["departures"] as? [String: Any]
        let exported = try elements(rou, "/routes/vehicle")
        if !exported.isEmpty {
            // Our vehicles for this seed, in order: departure, class and route; the same in the JSON.
            let deps = setup.departures(runSeed: seed)
            #expect(try elements(rou, "/routes/flow").isEmpty)
            #expect(exported.count == deps.count)
            for (k, (v, d)) in zip(exported, deps).enumerated() {
                #expect(attr(v, "route") == "r\(d.flow)" && attr(v, "type") == setup.classes[d.vehicleClass].name, "vehicle \(k)")
                #expect(abs(Double(attr(v, "depart")!)! - d.time) < 5e-7, "vehicle \(k)")
                #expect(attr(v, "id")!.hasPrefix("f\(d.flow)."))
            }
            #expect(Set(exported.map { attr($0, "id")! }).count == deps.count)
            #expect(departures?["mode"] as? String == "ngatu")
            #expect(departures?["count"] as? Int == deps.count)
            #expect((departures?["depart_us"] as? [Int]) == deps.map { Int(($0.time * 1e6).rounded()) })
            #expect((departures?["flow"] as? [Int]) == deps.map(\.flow))
            #expect((departures?["class"] as? [Int]) == deps.map(\.vehicleClass))
        } else {
            #expect(departures?["mode"] as? String == "flows")
            let flows = try elements(rou, "/routes/flow")
            var vehicles = [Double](repeating: 0, count: setup.flows.count)   // expected vehicles per flow
            for f in flows {
                let route = attr(f, "route")!
                let i = Int(route.dropFirst())!
                let period = attr(f, "period")!
                let rate: Double
                if setup.arrivals == .poisson {
                    #expect(period.hasPrefix("exp(") && period.hasSuffix(")"))
                    rate = Double(period.dropFirst(4).dropLast())!
                } else {
                    rate = 1 / Double(period)!
                }
                let span = Double(attr(f, "end")!)! - Double(attr(f, "begin")!)!
                vehicles[i] += rate * span
            }
            for (i, f) in setup.flows.enumerated() {
                let expected = f.rate * setup.meanProfileFactor(from: 0, to: setup.timing.duration) * setup.timing.duration
                #expect(abs(vehicles[i] - expected) <= max(0.5, expected * 0.002), "flow \(i): \(vehicles[i]) vs \(expected)")
            }
        }
        let types = try elements(rou, "/routes/vType")
        #expect(types.map { attr($0, "id")! } == setup.classes.map(\.name))

        let cfg = try xml(dir, "\(name).sumocfg")
        #expect(try elements(cfg, "/configuration/time/end").first.flatMap { attr($0, "value") }.flatMap(Double.init)
                == setup.timing.duration)
        #expect(summary?["warmup_s"] as? Double == setup.timing.warmup)
    }

    /// `left_bay: false`: the permitted left turn gets no lane of its own; it shares our one
    /// lane with the through and right turners, in SUMO as in our model.
    @Test func noLeftBayNoOwnLane() throws {
        let doc = try ScenarioReader.read(file: Self.root.appendingPathComponent("scenarios/isolated-junction.yaml").path)
        var map = doc.map.spec
        for i in map.roads.indices { map.roads[i].leftBayForward = false; map.roads[i].leftBayBackward = false }
        let dir = try Self.scratch("isolated-shared")
        let timing = RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup)
        try SUMOExporter.export(map: map, demand: doc.spec.demand, timing: timing, seed: 1, name: "shared", to: dir)
        let net = try NetworkBuilder.build(map)
        let setup = try SimulationSetup(network: net, demand: doc.spec.demand, timing: timing)
        try Self.checkExport(dir, name: "shared", setup: setup)
        #expect(try Self.elements(try Self.xml(dir, "shared.edg.xml"), "/edges/edge").map { Self.attr($0, "numLanes")! }
                == Array(repeating: "1", count: 8))
        let cons = try Self.elements(try Self.xml(dir, "shared.con.xml"), "/connections/connection")
        #expect(!cons.isEmpty && cons.allSatisfy { Self.attr($0, "fromLane") == "0" })
    }

    @Test func isolatedJunctionScenario() throws {
        let doc = try ScenarioReader.read(file: Self.root.appendingPathComponent("scenarios/isolated-junction.yaml").path)
        let dir = try Self.scratch("isolated")
        let files = try SUMOExporter.export(scenario: doc, to: dir)
        #expect(files == ["isolated-junction.nod.xml", "isolated-junction.edg.xml", "isolated-junction.meso.edg.xml",
                          "isolated-junction.con.xml", "isolated-junction.tll.xml", "isolated-junction.meso.tll.xml",
                          "isolated-junction.rou.xml", "isolated-junction.netccfg", "isolated-junction.meso.netccfg",
                          "isolated-junction.sumocfg", "isolated-junction.ngatu.json"])
        let net = try NetworkBuilder.build(doc.map.spec)
        let setup = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles,
                                        demand: doc.spec.demand, timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        try Self.checkExport(dir, name: "isolated-junction", setup: setup, seed: 2026)
        // Each approach's left turn is permitted and the through protected: the left leaves from
        // a lane of its own (lane 1), through and right from our one lane.
        let cons = try Self.elements(try Self.xml(dir, "isolated-junction.con.xml"), "/connections/connection")
        for c in cons {
            let m = net.movement(from: Int(net.segmentIndexByID[Self.attr(c, "from")!]!),
                                 to: Int(net.segmentIndexByID[Self.attr(c, "to")!]!))!
            #expect(Self.attr(c, "fromLane") == (net.movementTurn[m] == .left ? "1" : "0"))
        }
        #expect(try Self.elements(try Self.xml(dir, "isolated-junction.edg.xml"), "/edges/edge")
                    .map { Self.attr($0, "numLanes")! } == ["2", "1", "2", "1", "2", "1", "2", "1"])
        // 5 junctions, 8 segments; the 60 s plan: 25 + 3 + 2 + 25 + 3 + 2.
        let logic = try Self.elements(try Self.xml(dir, "isolated-junction.tll.xml"), "/tlLogics/tlLogic/phase")
        #expect(logic.map { Self.attr($0, "duration")! } == ["25", "3", "2", "25", "3", "2"])
        // For meso, our discharge windows: green from green start + 2 s to yellow start + 2 s.
        let meso = try Self.elements(try Self.xml(dir, "isolated-junction.meso.tll.xml"), "/additional/tlLogic/phase")
        #expect(meso.map { Self.attr($0, "duration")! } == ["2", "25", "5", "25", "3"])
        let real = logic.map { Self.attr($0, "state")! }
        #expect(meso.map { Self.attr($0, "state")! } == [String(repeating: "r", count: real[0].count), real[0],
                                                         String(repeating: "r", count: real[0].count), real[3],
                                                         String(repeating: "r", count: real[0].count)])
        #expect(try Self.elements(try Self.xml(dir, "isolated-junction.sumocfg"), "/configuration/mesoscopic/meso-edgelength")
                    .first.flatMap { Self.attr($0, "value") } == "301")   // every edge (300 m) one segment
        // With SUMO flows instead of our vehicles: our rates.
        var options = SUMOExporter.Options()
        options.departures = .flows
        let flowDir = try Self.scratch("isolated-flows")
        try SUMOExporter.export(scenario: doc, to: flowDir, options: options)
        try Self.checkExport(flowDir, name: "isolated-junction", setup: setup, seed: 2026)
        let flows = try Self.elements(try Self.xml(flowDir, "isolated-junction.rou.xml"), "/routes/flow")
        #expect(flows.map { Self.attr($0, "period")! } ==
                ["exp(0.13888889)", "exp(0.13888889)", "exp(0.08333333)", "exp(0.08333333)"])
    }

    @Test func gridFromMapAndDemand() throws {
        let map = SyntheticMaps.grid(rows: 3, cols: 4)
        let demand = DemandSpec(arrivals: .uniform, flows: SyntheticMaps.gridDemand(rows: 3, cols: 4, rate: 800))
        let dir = try Self.scratch("grid")
        try SUMOExporter.export(map: map, demand: demand, timing: RunTiming(duration: 3600, warmup: 600),
                                name: "grid-3x4", to: dir)
        let setup = try SimulationSetup(network: try NetworkBuilder.build(map), demand: demand,
                                        timing: RunTiming(duration: 3600, warmup: 600))
        try Self.checkExport(dir, name: "grid-3x4", setup: setup)
        #expect(setup.network.junctionCount == 12 + 2 * 3 + 2 * 4)
    }

    /// A scenario with a demand profile, a mix of its own on one flow and a sweep: the right
    /// sweep point is exported and the sliced flows carry the profile's mean rates.
    static let sweptScenario = """
        scenario: swept
        map: ../maps/isolated-junction.yaml
        duration: 1 h
        warmup: 10 min
        seed: 7
        demand:
          arrivals: uniform
          flows:
            - {from: bn, to: bs, rate: 400 veh/h}
            - {from: be, to: bw, rate: 300 veh/h, mix: {car: 0.5, motorbike: 0.5}}
          profile: [[0 min, 0.5], [30 min, 1.5], [60 min, 1.0]]
        strategies:
          - {name: fixed, controller: fixed-time}
        sweep:
          demand_scale: [0.8, 1.0, 1.2]
        """

    @Test func sweepPointProfileAndMixes() throws {
        let path = Self.root.appendingPathComponent("scenarios/swept-test.yaml").path
        let doc = try ScenarioReader.parse(Self.sweptScenario, file: path)
        let points = doc.spec.expandedSweep.points
        #expect(points.map(\.values) == [[0.8], [1.0], [1.2]])
        let dir = try Self.scratch("swept")
        try SUMOExporter.export(scenario: doc, sweepIndex: 2, to: dir)
        var demand = doc.spec.demand
        demand.scale = 1.2
        let setup = try SimulationSetup(network: try NetworkBuilder.build(doc.map.spec), model: doc.spec.model,
                                        classes: doc.spec.vehicles, demand: demand,
                                        timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        try Self.checkExport(dir, name: "swept", setup: setup, seed: 7)
        var options = SUMOExporter.Options()
        options.departures = .flows
        let flowDir = try Self.scratch("swept-flows")
        try SUMOExporter.export(scenario: doc, sweepIndex: 2, to: flowDir, options: options)
        try Self.checkExport(flowDir, name: "swept", setup: setup, seed: 7)
        let rou = try Self.xml(flowDir, "swept.rou.xml")
        #expect(try Self.elements(rou, "/routes/flow").count == 2 * 12)   // 5 min slices
        let mixes = try Self.elements(rou, "/routes/vTypeDistribution")
        #expect(mixes.count == 2)
        #expect(Self.attr(mixes[1], "vTypes") == "motorbike car")
        #expect(throws: SUMOExporter.ExportError.self) {
            try SUMOExporter.export(scenario: doc, sweepIndex: 3, to: dir)
        }
    }

    /// Every class is SUMO's car (no driver imperfection) scaled by its PCU: length + minGap is
    /// our storage per vehicle and tau + (length + minGap) / v our saturation headway
    /// PCU × 3600 / s, with v the harmonic-mean speed limit of the signalised approaches
    /// (40 km/h on the synthetic grid). The step is not above the shortest tau; meso keeps the
    /// vType's tau (headway factors 1), has no jam regime and one queue per lane.
    @Test func vehicleTypesReproduceOurSaturationHeadways() throws {
        let map = SyntheticMaps.grid(rows: 2, cols: 3)
        let demand = DemandSpec(flows: SyntheticMaps.gridDemand(rows: 2, cols: 3, rate: 600))
        var model = ModelParameters()
        model.saturationFlow = 1900
        let dir = try Self.scratch("vtypes")
        try SUMOExporter.export(map: map, demand: demand, model: model, timing: RunTiming(duration: 600),
                                name: "g", to: dir)
        let v = 40 / 3.6
        let types = try Self.elements(try Self.xml(dir, "g.rou.xml"), "/routes/vType")
        #expect(types.map { Self.attr($0, "id")! } == VehicleClass.canThoDefault.map(\.name))
        #expect(types.allSatisfy { Self.attr($0, "vClass") == "passenger" && Self.attr($0, "sigma") == "0" })
        let carTau = 3600 / 1900 - 7 / v
        for (t, c) in zip(types, VehicleClass.canThoDefault) {
            let length = Double(Self.attr(t, "length")!)!, gap = Double(Self.attr(t, "minGap")!)!
            let tau = Double(Self.attr(t, "tau")!)!
            #expect(abs(length + gap - 7 * c.pcu) < 0.002, "\(c.name): storage")
            #expect(abs(length / (length + gap) - 4.5 / 7) < 0.001, "\(c.name): a car's proportions")
            #expect(abs(tau - c.pcu * carTau) < 0.001, "\(c.name): tau")
            #expect(abs(tau + (length + gap) / v - c.pcu * 3600 / 1900) < 0.002, "\(c.name): saturation headway")
        }
        // Motorcycles: 1.35 m + 0.75 m, tau 0.3 × (1.895 − 0.63) s.
        #expect(Self.attr(types[0], "length") == "1.35" && Self.attr(types[0], "minGap") == "0.75")
        let cfg = try Self.xml(dir, "g.sumocfg")
        func value(_ path: String) throws -> String? { try Self.elements(cfg, path).first.flatMap { Self.attr($0, "value") } }
        #expect(try value("/configuration/time/step-length") == "0.25")   // bicycle tau 0.2 × 1.265 = 0.253 s
        for k in ["meso-tauff", "meso-taufj", "meso-taujf", "meso-jam-threshold"] {
            #expect(try value("/configuration/mesoscopic/\(k)") == "1")
        }
        #expect(try value("/configuration/mesoscopic/meso-lane-queue") == "true")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("g.ngatu.json"))) as? [String: Any]
        #expect(abs((summary?["sumo_discharge_speed_ms"] as? Double ?? 0) - v) < 1e-9)

        // Cars only at 50 km/h (the isolated crossroads): tau 2 − 7 / 13.89 = 1.496 s, step 0.5 s.
        let doc = try ScenarioReader.read(file: Self.root.appendingPathComponent("scenarios/isolated-junction.yaml").path)
        let iso = try Self.scratch("vtypes-iso")
        try SUMOExporter.export(scenario: doc, to: iso)
        let car = try Self.elements(try Self.xml(iso, "isolated-junction.rou.xml"), "/routes/vType")
        #expect(car.map { Self.attr($0, "tau")! } == ["1.496"])
        #expect(try Self.elements(try Self.xml(iso, "isolated-junction.sumocfg"), "/configuration/time/step-length")
                    .first.flatMap { Self.attr($0, "value") } == "0.5")
    }

    /// A road with its own saturation flow has no SUMO equivalent: the files say so.
    @Test func ownSaturationFlowIsNoted() throws {
        var map = SyntheticMaps.grid(rows: 2, cols: 2)
        map.roads[0].saturationFlow = 1500
        let dir = try Self.scratch("own-sat")
        try SUMOExporter.export(map: map, demand: DemandSpec(flows: SyntheticMaps.gridDemand(rows: 2, cols: 2, rate: 300)),
                                timing: RunTiming(duration: 600), name: "g", to: dir)
        let rou = try String(contentsOf: dir.appendingPathComponent("g.rou.xml"), encoding: .utf8)
        #expect(rou.contains("have their own saturation flow or a width-based capacity"))
    }

    @Test func exportIsByteIdentical() throws {
        let map = SyntheticMaps.grid(rows: 2, cols: 2)
        let demand = DemandSpec(flows: SyntheticMaps.gridDemand(rows: 2, cols: 2, rate: 500))
        let a = try Self.scratch("same-a"), b = try Self.scratch("same-b")
        let files = try SUMOExporter.export(map: map, demand: demand, timing: RunTiming(duration: 600), name: "g", to: a)
        try SUMOExporter.export(map: map, demand: demand, timing: RunTiming(duration: 600), name: "g", to: b)
        for f in files {
            #expect(try Data(contentsOf: a.appendingPathComponent(f)) == Data(contentsOf: b.appendingPathComponent(f)))
        }
    }
}
