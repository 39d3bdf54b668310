import Foundation
import FoundationXML
import Testing
import NgaTuCore
import NgaTuFormats
import NgaTuSUMO

/// Where netconvert is, if anywhere: `NETCONVERT`, the bench/compare/.venv wheel, or PATH.
enum Netconvert {
    static let path: String? = {
        let fm = FileManager.default
        if let p = ProcessInfo.processInfo.environment["NETCONVERT"], fm.isExecutableFile(atPath: p) { return p }
        let lib = SUMOExporterTests.root.appendingPathComponent("bench/compare/.venv/lib")
        for py in (try? fm.contentsOfDirectory(atPath: lib.path))?.sorted() ?? [] {
            let p = lib.appendingPathComponent(py).appendingPathComponent("site-packages/sumo/bin/netconvert").path
            if fm.isExecutableFile(atPath: p) { return p }
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/netconvert"
            if fm.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()
}

/// The export through the real netconvert, when one is installed: the built net keeps our
/// link indices, programs and turns.
@Suite(.enabled(if: Netconvert.path != nil))
struct NetconvertTests {
    @Test func builtNetKeepsOurLinksAndPrograms() throws {
        let doc = try ScenarioReader.read(file: SUMOExporterTests.root.appendingPathComponent("scenarios/isolated-junction.yaml").path)
        let dir = try SUMOExporterTests.scratch("netconvert")
        try SUMOExporter.export(scenario: doc, to: dir)
        #expect(try Self.run(Netconvert.path!, ["-c", "isolated-junction.netccfg"], in: dir) == 0)
        let net = try SUMOExporterTests.xml(dir, "isolated-junction.net.xml")
        let tll = try SUMOExporterTests.xml(dir, "isolated-junction.tll.xml")
        // Every controlled connection of the built net has the link index we gave it.
        func key(_ e: XMLElement) -> String {
            ["from", "to", "fromLane", "toLane", "linkIndex"].map { SUMOExporterTests.attr(e, $0) ?? "" }.joined(separator: "|")
        }
        let ours = Set(try SUMOExporterTests.elements(tll, "/tlLogics/connection").map(key))
        let built = try SUMOExporterTests.elements(net, "/net/connection").filter { SUMOExporterTests.attr($0, "tl") == "x" }
        #expect(Set(built.map(key)) == ours)
        // Turns agree: SUMO's dir r/s/l against ours.
        let network = try NetworkBuilder.build(doc.map.spec)
        for c in built {
            let a = Int(network.segmentIndexByID[SUMOExporterTests.attr(c, "from")!]!)
            let b = Int(network.segmentIndexByID[SUMOExporterTests.attr(c, "to")!]!)
            let turn = network.movementTurn[network.movement(from: a, to: b)!]
            let dir = ["right": "r", "through": "s", "left": "l", "uturn": "t"][turn.rawValue]!
            #expect(SUMOExporterTests.attr(c, "dir") == dir)
        }
        // The program is ours, unchanged.
        let phases = try SUMOExporterTests.elements(net, "/net/tlLogic[@id='x']/phase")
        let ourPhases = try SUMOExporterTests.elements(tll, "/tlLogics/tlLogic/phase")
        #expect(phases.map { SUMOExporterTests.attr($0, "state") } == ourPhases.map { SUMOExporterTests.attr($0, "state") })
        #expect(phases.compactMap { Double(SUMOExporterTests.attr($0, "duration") ?? "") }.reduce(0, +) == 60)

        // Micro's edges plus the junction are our segments: 300 m from boundary to crossroads.
        let internalLanes = try SUMOExporterTests.elements(net, "/net/edge[@function='internal']/lane")
        let through = internalLanes.compactMap { Double(SUMOExporterTests.attr($0, "length") ?? "") }.max() ?? 0
        let north = try SUMOExporterTests.elements(net, "/net/edge[@id='north']/lane").first
        let edge = Double(north.flatMap { SUMOExporterTests.attr($0, "length") } ?? "") ?? 0
        #expect(abs(edge + through / 2 - network.segmentLength[Int(network.segmentIndexByID["north"]!)]) < 2)

        // Meso's net: no internal lanes, our lengths.
        #expect(try Self.run(Netconvert.path!, ["-c", "isolated-junction.meso.netccfg"], in: dir) == 0)
        let mesoNet = try SUMOExporterTests.xml(dir, "isolated-junction.meso.net.xml")
        #expect(try SUMOExporterTests.elements(mesoNet, "/net/edge[@function='internal']").isEmpty)
        for e in try SUMOExporterTests.elements(mesoNet, "/net/edge[not(@function)]") {
            let s = Int(network.segmentIndexByID[SUMOExporterTests.attr(e, "id")!]!)
            let lane = try SUMOExporterTests.elements(e, "lane").first
            #expect(abs((Double(lane.flatMap { SUMOExporterTests.attr($0, "length") } ?? "") ?? 0)
                        - network.segmentLength[s]) < 0.01)
        }
        #expect(Set(try SUMOExporterTests.elements(mesoNet, "/net/connection").filter { SUMOExporterTests.attr($0, "tl") == "x" }
                        .map(key)) == ours)

        // SUMO meso runs on it with our discharge windows as its programs.
        let sumo = URL(fileURLWithPath: Netconvert.path!).deletingLastPathComponent().appendingPathComponent("sumo").path
        guard FileManager.default.isExecutableFile(atPath: sumo) else { return }
        #expect(try Self.run(sumo, ["-c", "isolated-junction.sumocfg", "--mesosim", "--meso-junction-control",
                                    "--net-file", "isolated-junction.meso.net.xml",
                                    "--additional-files", "isolated-junction.meso.tll.xml", "--end", "300",
                                    "--tripinfo-output", "meso.tripinfo.xml"], in: dir) == 0)
    }

    /// Runs a SUMO tool quietly in `dir`; returns its exit status.
    static func run(_ tool: String, _ arguments: [String], in dir: URL) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}
