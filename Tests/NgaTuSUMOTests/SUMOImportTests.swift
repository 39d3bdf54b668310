import Foundation
import Testing
import NgaTuCore
@testable import NgaTuSUMO

/// `import-sumo` on a hand-made SUMO crossroads (a traffic light with permitted lefts, an
/// internal edge, a turn SUMO does not connect) and its routes (a flow, a trip, a vehicle).
@Suite struct SUMOImportTests {
    static let net = """
        <?xml version="1.0" encoding="UTF-8"?>
        <net version="1.20" junctionCornerDetail="5" limitTurnSpeed="5.50">
            <location netOffset="0.00,0.00" convBoundary="-200.00,-200.00,200.00,200.00" origBoundary="-200.00,-200.00,200.00,200.00" projParameter="!"/>
            <edge id=":C_0" function="internal"><lane id=":C_0_0" index="0" speed="13.89" length="5.00" shape="0,5 0,-5"/></edge>
            <edge id="n_c" from="N" to="C" priority="1"><lane id="n_c_0" index="0" speed="13.89" length="190.00" shape="-1.6,200 -1.6,10"/></edge>
            <edge id="c_n" from="C" to="N" priority="1"><lane id="c_n_0" index="0" speed="13.89" length="190.00" shape="1.6,10 1.6,200"/></edge>
            <edge id="s_c" from="S" to="C" priority="1"><lane id="s_c_0" index="0" speed="13.89" length="190.00" shape="1.6,-200 1.6,-10"/></edge>
            <edge id="c_s" from="C" to="S" priority="1"><lane id="c_s_0" index="0" speed="13.89" length="190.00" shape="-1.6,-10 -1.6,-200"/></edge>
            <edge id="e_c" from="E" to="C" priority="1"><lane id="e_c_0" index="0" speed="13.89" length="190.00" shape="200,1.6 10,1.6"/><lane id="e_c_1" index="1" speed="13.89" length="190.00" shape="200,4.8 10,4.8"/></edge>
            <edge id="c_e" from="C" to="E" priority="1"><lane id="c_e_0" index="0" speed="13.89" length="190.00" shape="10,-1.6 200,-1.6"/></edge>
            <edge id="w_c" from="W" to="C" priority="1"><lane id="w_c_0" index="0" speed="13.89" length="190.00" shape="-200,-1.6 -10,-1.6"/><lane id="w_c_1" index="1" allow="pedestrian" speed="2.00" length="190.00" shape="-200,-4.8 -10,-4.8"/></edge>
            <edge id="c_w" from="C" to="W" priority="1"><lane id="c_w_0" index="0" speed="13.89" length="190.00" shape="-10,1.6 -200,1.6"/></edge>
            <tlLogic id="C" type="static" programID="0" offset="0">
                <phase duration="30" state="GGgGGgrrrrr"/>
                <phase duration="3"  state="yyyyyyrrrrr"/>
                <phase duration="2"  state="rrrrrrrrrrr"/>
                <phase duration="25" state="rrrrrrGGgGG"/>
                <phase duration="3"  state="rrrrrryyyyy"/>
            </tlLogic>
            <junction id="C" type="traffic_light" x="0.00" y="0.00" incLanes="n_c_0 s_c_0 e_c_0 w_c_0" intLanes=":C_0_0"/>
            <junction id="N" type="dead_end" x="0.00" y="200.00"/>
            <junction id="S" type="dead_end" x="0.00" y="-200.00"/>
            <junction id="E" type="dead_end" x="200.00" y="0.00"/>
            <junction id="W" type="dead_end" x="-200.00" y="0.00"/>
            <junction id=":C_0_0" type="internal" x="0" y="0"/>
            <connection from="n_c" to="c_s" fromLane="0" toLane="0" tl="C" linkIndex="0" dir="s"/>
            <connection from="n_c" to="c_w" fromLane="0" toLane="0" tl="C" linkIndex="1" dir="r"/>
            <connection from="n_c" to="c_e" fromLane="0" toLane="0" tl="C" linkIndex="2" dir="l"/>
            <connection from="s_c" to="c_n" fromLane="0" toLane="0" tl="C" linkIndex="3" dir="s"/>
            <connection from="s_c" to="c_e" fromLane="0" toLane="0" tl="C" linkIndex="4" dir="r"/>
            <connection from="s_c" to="c_w" fromLane="0" toLane="0" tl="C" linkIndex="5" dir="l"/>
            <connection from="e_c" to="c_w" fromLane="0" toLane="0" tl="C" linkIndex="6" dir="s"/>
            <connection from="e_c" to="c_n" fromLane="0" toLane="0" tl="C" linkIndex="7" dir="r"/>
            <connection from="e_c" to="c_s" fromLane="1" toLane="0" tl="C" linkIndex="8" dir="l"/>
            <connection from="w_c" to="c_e" fromLane="0" toLane="0" tl="C" linkIndex="9" dir="s"/>
            <connection from="w_c" to="c_s" fromLane="0" toLane="0" tl="C" linkIndex="10" dir="r"/>
            <connection from=":C_0" to="c_s" fromLane="0" toLane="0" dir="s"/>
        </net>
        """
    static let routes = """
        <routes>
            <vType id="car" accel="2.6"/>
            <route id="ns" edges="n_c c_s"/>
            <flow id="f" route="ns" begin="0" end="3600" vehsPerHour="600"/>
            <flow id="g" route="ns" begin="1800" end="5400" period="6"/>
            <trip id="t" from="w_c" to="c_e" depart="10"/>
            <vehicle id="v" depart="5"><route edges="e_c c_w"/></vehicle>
        </routes>
        """

    func files() throws -> (dir: URL, net: String, routes: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ngatu-sumo-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(Self.net.utf8).write(to: dir.appendingPathComponent("x.net.xml"))
        try Data(Self.routes.utf8).write(to: dir.appendingPathComponent("x.rou.xml"))
        return (dir, dir.appendingPathComponent("x.net.xml").path, dir.appendingPathComponent("x.rou.xml").path)
    }

    @Test func importsTheNetworkTheProgramAndTheDemand() throws {
        let f = try files(); defer { try? FileManager.default.removeItem(at: f.dir) }
        let r = try SUMOImporter.importFiles(net: f.net, routes: f.routes, mapID: "x", title: "x", duration: 3600)
        let m = r.map
        #expect(m.junctions.map(\.id) == ["c", "e", "n", "s", "w"])
        #expect(m.junctions.map(\.control) == [.signal, .boundary, .boundary, .boundary, .boundary])
        // Two-way roads from edge pairs; the pedestrian lane is not counted; lengths kept.
        #expect(m.roads.count == 4 && m.roads.allSatisfy { !$0.oneway && $0.lengthM == 190 && abs($0.speedKmh - 50.004) < 1e-9 })
        let east = try #require(m.roads.first { $0.id == "e-c" })
        #expect(east.lanesForward == 2 && east.lanesBackward == 1)
        #expect(m.roads.first { $0.id == "w-c" }?.lanesForward == 1)
        // 1 m of SUMO is 1 m here: C to N is 200 m north.
        let c = m.junctions[0].at, n = m.junctions[2].at
        #expect(abs((n.lat - c.lat) * 111_320 - 200) < 1e-6 && n.lon == c.lon)
        // W's left is not connected in SUMO: banned.
        #expect(m.junctions[0].banned == ["W:left"])
        // The program: two green phases; yellow and all-red become each one's intergreen.
        let plan = try #require(m.signals.first)
        #expect(plan.junction == "c" && plan.cycle == 63)
        #expect(plan.phases.map(\.green) == [30, 25])
        #expect(plan.phases.map(\.yellow) == [3, 3] && plan.phases.map(\.allRed) == [2, 0])
        #expect(Set(plan.phases[0].allow) == ["N:through", "N:right", "N:left", "S:through", "S:right", "S:left"])
        #expect(Set(plan.phases[1].allow) == ["E:through", "E:right", "E:left", "W:through", "W:right"])
        _ = try NetworkBuilder.build(m)
        // Demand: 600 veh/h all hour, a flow of 10 veh/min from half past (half of its
        // vehicles in the hour: 300 veh over 3600 s), a trip and a vehicle (1 each).
        #expect(r.flows.count == 3)
        #expect(r.flows[0].from == "n" && r.flows[0].to == "s" && r.flows[0].via == ["n-c", "s-c~r"] && r.flows[0].rate == 900)
        #expect(r.flows[1].from == "w" && r.flows[1].to == "e" && r.flows[1].via == nil && r.flows[1].rate == 1)
        #expect(r.flows[2].via == ["e-c", "w-c~r"] && r.flows[2].rate == 1)
        #expect(r.notes.contains { $0.contains("1 internal edges and 1 internal junctions") })
        #expect(r.notes.contains { $0.contains("time windows") } && r.notes.contains { $0.contains("vType") })
        // The scenario runs as written.
        let setup = try SimulationSetup(network: try NetworkBuilder.build(m),
                                        demand: DemandSpec(arrivals: .poisson, flows: r.flows), timing: RunTiming(duration: 600))
        #expect(setup.flows.count == 3)
        let text = SUMOImporter.scenarioYAML(r, id: "x", mapPath: "x.yaml", source: "x.net.xml")
        #expect(text.contains("- {from: n, to: s, rate: 900.0 veh/h, via: [n-c, \"s-c~r\"]}"))
    }

    /// `--begin`: SUMO's time 1800 s becomes time 0; the half hour after it holds 300 vehicles
    /// of each flow (1,200 veh/h on the shared route) and neither the trip nor the vehicle.
    @Test func beginShiftsTheDemandWindow() throws {
        let f = try files(); defer { try? FileManager.default.removeItem(at: f.dir) }
        let r = try SUMOImporter.importFiles(net: f.net, routes: f.routes, mapID: "x", title: "x", duration: 1800, begin: 1800)
        #expect(r.flows.count == 1 && r.flows[0].rate == 1200 && r.duration == 1800)
        #expect(r.notes.contains { $0.contains("time 0 is SUMO's time 1800 s") })
        // By default the run starts at the first departure (0 here) and ends with the last flow.
        let d = try SUMOImporter.importFiles(net: f.net, routes: f.routes, mapID: "x", title: "x")
        #expect(d.duration == 5400 && d.flows[0].rate == 800)
    }

    /// A network projected in UTM (as SUMO writes OSM imports) whose origBoundary is a larger
    /// network's (as RESCO's cologne and ingolstadt cut-outs): each point is placed by the
    /// projection, so lengths and angles stay as in SUMO and the program is carried over.
    @Test func utmNetworksArePlacedByTheirProjection() throws {
        let f = try files(); defer { try? FileManager.default.removeItem(at: f.dir) }
        let utm = Self.net.replacingOccurrences(of: #"<location netOffset="0.00,0.00" convBoundary="-200.00,-200.00,200.00,200.00" origBoundary="-200.00,-200.00,200.00,200.00" projParameter="!"/>"#,
            with: #"<location netOffset="-342498.65,-5630866.92" convBoundary="-200.00,-200.00,200.00,200.00" origBoundary="6.166558,50.735925,7.295276,51.840721" projParameter="+proj=utm +zone=32 +ellps=WGS84 +datum=WGS84 +units=m +no_defs"/>"#)
        #expect(utm != Self.net)
        try Data(utm.utf8).write(to: f.dir.appendingPathComponent("utm.net.xml"))
        let r = try SUMOImporter.importFiles(net: f.dir.appendingPathComponent("utm.net.xml").path, routes: nil, mapID: "x", title: "x")
        let at = Dictionary(uniqueKeysWithValues: r.map.junctions.map { ($0.id, $0.at) })
        func metres(_ a: LatLon, _ b: LatLon) -> (north: Double, east: Double) {
            ((b.lat - a.lat) * 111_245, (b.lon - a.lon) * 111_413 * cos(a.lat * .pi / 180))
        }
        let c = try #require(at["c"]), n = try #require(at["n"]), e = try #require(at["e"])
        #expect(abs(c.lat - 50.8081) < 1e-4 && abs(c.lon - 6.7645) < 1e-4)   // west of Cologne, zone 32
        let up = metres(c, n), right = metres(c, e)
        #expect(abs(hypot(up.north, up.east) - 200) < 1 && abs(hypot(right.north, right.east) - 200) < 1)
        #expect(abs(up.north * right.north + up.east * right.east) < 200 * 200 * 0.01)   // still at right angles
        #expect(r.map.signals.count == 1 && !r.notes.contains { $0.contains("default plan") })
        #expect(!r.notes.contains { $0.contains("geographic") || $0.contains("origBoundary") })
        // The inverse projection against the forward one: (50° N, 9° E) is (500000, 5538630.703)
        // in zone 32; (50.93° N, 6.95° E) is (355942.275, 5644041.886).
        let p = UTM.latLon(easting: 500_000, northing: 5_538_630.703274, zone: 32, south: false)
        #expect(abs(p.lat - 50) < 1e-8 && abs(p.lon - 9) < 1e-8)
        let q = UTM.latLon(easting: 355_942.2751432, northing: 5_644_041.8857925, zone: 32, south: false)
        #expect(abs(q.lat - 50.93) < 1e-7 && abs(q.lon - 6.95) < 1e-7)
        #expect(UTM.zone(of: "+proj=utm +zone=33 +south +ellps=WGS84")! == (33, true))
        #expect(UTM.zone(of: "+proj=tmerc +lat_0=0") == nil && UTM.zone(of: "!") == nil)
    }

    /// Two junctions under one tlLogic (SUMO's joined traffic lights), A and B on an east-west
    /// road, a side street north of A and south of B: each gets a plan of the program's
    /// phases over its own links, with the program's cycle, and its greens where SUMO has them.
    static let joined = """
        <net version="1.20">
            <location netOffset="0.00,0.00" convBoundary="-200.00,-200.00,300.00,200.00" origBoundary="-200.00,-200.00,300.00,200.00" projParameter="!"/>
            <edge id="w_a" from="W" to="A"><lane id="w_a_0" index="0" speed="13.89" length="200.00" shape="-200,-1.6 0,-1.6"/></edge>
            <edge id="a_w" from="A" to="W"><lane id="a_w_0" index="0" speed="13.89" length="200.00" shape="0,1.6 -200,1.6"/></edge>
            <edge id="a_b" from="A" to="B"><lane id="a_b_0" index="0" speed="13.89" length="100.00" shape="0,-1.6 100,-1.6"/></edge>
            <edge id="b_a" from="B" to="A"><lane id="b_a_0" index="0" speed="13.89" length="100.00" shape="100,1.6 0,1.6"/></edge>
            <edge id="b_e" from="B" to="E"><lane id="b_e_0" index="0" speed="13.89" length="200.00" shape="100,-1.6 300,-1.6"/></edge>
            <edge id="e_b" from="E" to="B"><lane id="e_b_0" index="0" speed="13.89" length="200.00" shape="300,1.6 100,1.6"/></edge>
            <edge id="n_a" from="N" to="A"><lane id="n_a_0" index="0" speed="13.89" length="200.00" shape="-1.6,200 -1.6,0"/></edge>
            <edge id="a_n" from="A" to="N"><lane id="a_n_0" index="0" speed="13.89" length="200.00" shape="1.6,0 1.6,200"/></edge>
            <edge id="s_b" from="S" to="B"><lane id="s_b_0" index="0" speed="13.89" length="200.00" shape="101.6,-200 101.6,0"/></edge>
            <edge id="b_s" from="B" to="S"><lane id="b_s_0" index="0" speed="13.89" length="200.00" shape="98.4,0 98.4,-200"/></edge>
            <tlLogic id="J" type="static" programID="0" offset="0">
                <phase duration="20" state="GgGGrrGGGgrr"/>
                <phase duration="3"  state="yyyyrrGGGgrr"/>
                <phase duration="10" state="rrrrGGGGGgrr"/>
                <phase duration="3"  state="rrrryyyyyyrr"/>
                <phase duration="15" state="GgGGrrrrrrGG"/>
                <phase duration="3"  state="GgGGrrrrrryy"/>
            </tlLogic>
            <junction id="A" type="traffic_light" x="0.00" y="0.00"/>
            <junction id="B" type="traffic_light" x="100.00" y="0.00"/>
            <junction id="W" type="dead_end" x="-200.00" y="0.00"/>
            <junction id="E" type="dead_end" x="300.00" y="0.00"/>
            <junction id="N" type="dead_end" x="0.00" y="200.00"/>
            <junction id="S" type="dead_end" x="100.00" y="-200.00"/>
            <connection from="w_a" to="a_b" tl="J" linkIndex="0" dir="s"/>
            <connection from="w_a" to="a_n" tl="J" linkIndex="1" dir="l"/>
            <connection from="b_a" to="a_w" tl="J" linkIndex="2" dir="s"/>
            <connection from="b_a" to="a_n" tl="J" linkIndex="3" dir="r"/>
            <connection from="n_a" to="a_b" tl="J" linkIndex="4" dir="l"/>
            <connection from="n_a" to="a_w" tl="J" linkIndex="5" dir="r"/>
            <connection from="a_b" to="b_e" tl="J" linkIndex="6" dir="s"/>
            <connection from="a_b" to="b_s" tl="J" linkIndex="7" dir="r"/>
            <connection from="e_b" to="b_a" tl="J" linkIndex="8" dir="s"/>
            <connection from="e_b" to="b_s" tl="J" linkIndex="9" dir="l"/>
            <connection from="s_b" to="b_e" tl="J" linkIndex="10" dir="r"/>
            <connection from="s_b" to="b_a" tl="J" linkIndex="11" dir="l"/>
        </net>
        """

    @Test func aJoinedProgramGivesEachJunctionItsPlanInStep() throws {
        let f = try files(); defer { try? FileManager.default.removeItem(at: f.dir) }
        try Data(Self.joined.utf8).write(to: f.dir.appendingPathComponent("joined.net.xml"))
        let r = try SUMOImporter.importFiles(net: f.dir.appendingPathComponent("joined.net.xml").path, routes: nil, mapID: "x", title: "x")
        #expect(r.map.junctions.filter { $0.control == .signal }.map(\.id) == ["a", "b"])
        #expect(!r.notes.contains { $0.contains("default plan") })
        let a = try #require(r.map.signals.first { $0.junction == "a" }), b = try #require(r.map.signals.first { $0.junction == "b" })
        // A: main road green in SUMO's phases 4, 5, 0 (36 s to 23 s of the next cycle), its yellow, then the side street.
        #expect(a.cycle == 54 && b.cycle == 54)
        #expect(a.phases.map(\.green) == [38, 10] && a.phases.map(\.yellow) == [3, 3] && a.phases.map(\.allRed) == [0, 0])
        #expect(a.offset == 36)
        #expect(Set(a.phases[0].allow) == ["W:through", "W:left", "E:through", "E:right"] && Set(a.phases[1].allow) == ["N:left", "N:right"])
        // B: main road green in phases 0 to 2 (0 to 33 s), then the side street from 36 s.
        #expect(b.phases.map(\.green) == [33, 15] && b.phases.map(\.yellow) == [3, 3] && b.offset == 0)
        #expect(Set(b.phases[0].allow) == ["W:through", "W:right", "E:through", "E:left"] && Set(b.phases[1].allow) == ["S:right", "S:left"])
        _ = try NetworkBuilder.build(r.map)
    }

    @Test func badFilesAreErrorsWithTheirPlace() throws {
        let f = try files(); defer { try? FileManager.default.removeItem(at: f.dir) }
        #expect(throws: SUMOImportFailure.self) { try SUMOImporter.importFiles(net: f.dir.appendingPathComponent("none.net.xml").path, routes: nil, mapID: "x", title: "x") }
        try Data("<routes><flow id=\"f\" route=\"r\"/></routes>".utf8).write(to: f.dir.appendingPathComponent("bad.rou.xml"))
        do {
            _ = try SUMOImporter.importFiles(net: f.net, routes: f.dir.appendingPathComponent("bad.rou.xml").path, mapID: "x", title: "x")
            Issue.record("accepted a flow without a rate")
        } catch { #expect(error.description.hasSuffix("bad.rou.xml:1:1: <flow> without vehsPerHour, period, probability or number")) }
        try Data("<net><edge id=\"a\" from=\"x\"".utf8).write(to: f.dir.appendingPathComponent("broken.net.xml"))
        do {
            _ = try SUMOImporter.importFiles(net: f.dir.appendingPathComponent("broken.net.xml").path, routes: nil, mapID: "x", title: "x")
            Issue.record("accepted broken XML")
        } catch { #expect(error.description.contains("broken.net.xml:1:") && error.description.contains("not a readable SUMO XML file")) }
    }
}
