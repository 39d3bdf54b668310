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
