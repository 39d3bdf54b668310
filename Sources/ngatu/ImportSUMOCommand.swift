import ArgumentParser
import Foundation
import NgaTuCore
import NgaTuFormats
import NgaTuOSM
import NgaTuResults
import NgaTuSUMO

/// `ngatu import-sumo`: a SUMO network (and routes) as a map file and a scenario.
struct ImportSUMOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-sumo",
        abstract: "Make a map file (and a scenario) from a SUMO network and its routes.",
        discussion: """
            Junctions, edges (lanes per direction, speed, length, shape), connections (turns SUMO \
            does not connect are banned), traffic-light programs (green phases by approach and \
            turn, yellow and all-red as intergreens) and routes, vehicles, trips and flows \
            (one flow per route, averaged over [--begin, --begin + --duration)) are read. What cannot be carried over \
            (internal lanes, sublanes, vehicle types, time windows) is listed on stderr.
            """)

    @Argument(help: "SUMO network (.net.xml).")
    var net: String

    @Option(help: ArgumentHelp("SUMO routes (.rou.xml): vehicles, trips, flows.", valueName: "ROUTES.rou.xml"))
    var routes: String?

    @Option(help: ArgumentHelp("Map file to write.", valueName: "maps/NAME.yaml"))
    var out: String

    @Option(help: ArgumentHelp("Scenario file to write (needs --routes for demand).", valueName: "scenarios/NAME.yaml"))
    var scenario: String?

    @Option(help: ArgumentHelp("Duration of the scenario (s; default: the end of the last flow or departure, at most 24 h).", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("SUMO time (s) that becomes the scenario's time 0 (default: the first departure or flow begin).", valueName: "seconds"))
    var begin: Double?

    @Option(help: ArgumentHelp("Where to place a network without geographic reference (default 10.03,105.77).", valueName: "LAT,LON"))
    var origin: String?

    func run() throws {
        if let b = begin, !(b >= 0 && b <= 1e7) {
            throw CLIFailure(code: 2, message: "ngatu import-sumo: --begin must be from 0 to 10000000 s, got \(b)")
        }
        if let d = duration, !(d >= 1 && d <= 86_400) {
            throw CLIFailure(code: 2, message: "ngatu import-sumo: --duration must be from 1 to 86400 s, got \(d)")
        }
        var at = LatLon(10.03, 105.77)
        if let o = origin {
            let p = o.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard p.count == 2, abs(p[0]) <= 85, abs(p[1]) <= 180 else {
                throw CLIFailure(code: 2, message: "ngatu import-sumo: --origin expects LAT,LON in degrees, got \"\(o)\"")
            }
            at = LatLon(p[0], p[1])
        }
        for target in [out] + (scenario.map { [$0] } ?? []) {
            // A map or scenario at that path that import-sumo did not write is the user's: refused.
            if let refusal = OutputFile.refusal(target, unlessMarked: "by ngatu import-sumo", by: "ngatu import-sumo") {
                throw CLIFailure(code: 1, message: "ngatu import-sumo: \(refusal)")
            }
        }
        let name = URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
        let id = OSMImportOptions.mapID(fromName: name)
        let imported: SUMOImport
        do {
            imported = try SUMOImporter.importFiles(net: net, routes: routes, mapID: id, title: name, origin: at, duration: duration, begin: begin)
        } catch {
            throw CLIFailure(code: 1, message: error.description)
        }
        let yaml = MapWriter.yaml(imported.map, header: ["Imported from SUMO by ngatu import-sumo: \(URL(fileURLWithPath: net).lastPathComponent)"])
        guard yaml.utf8.count <= MapReader.maxFileBytes else {
            throw CLIFailure(code: 1, message: "ngatu import-sumo: the map would be more than the \(MapReader.maxFileBytes >> 20) MiB a map file may hold (\(imported.map.junctions.count) junctions, \(imported.map.roads.count) roads)")
        }
        var scenarioText: String?
        if let scenario {
            let from = URL(fileURLWithPath: scenario).deletingLastPathComponent().standardizedFileURL.path
            let mapPath = Self.relativePath(URL(fileURLWithPath: out).standardizedFileURL.path, from: from)
            let sources = [net] + (routes.map { [$0] } ?? [])
            scenarioText = SUMOImporter.scenarioYAML(imported, id: OSMImportOptions.mapID(fromName: URL(fileURLWithPath: scenario).deletingPathExtension().lastPathComponent),
                                                     mapPath: mapPath, source: sources.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))
        }
        do {
            try OutputFile.write(yaml, to: out)
            if let scenario, let scenarioText { try OutputFile.write(scenarioText, to: scenario) }
        } catch {
            throw CLIFailure(code: 1, message: "ngatu import-sumo: \(FailureText.describe(error))")
        }
        for note in imported.notes { FileHandle.standardError.write(Data("ngatu import-sumo: \(note)\n".utf8)) }
        let m = imported.map
        print("ngatu import-sumo: \(out): \(m.junctions.count) junctions (\(m.signals.count) with SUMO's programs of \(m.junctions.filter { $0.control == .signal }.count) signalised, \(m.junctions.filter { $0.control == .boundary }.count) boundaries), \(m.roads.count) roads" + (scenario.map { "; \($0): \(imported.flows.count) flows over \(Int(imported.duration)) s" } ?? ""))
    }

    /// `path` relative to the folder `base` (both absolute).
    static func relativePath(_ path: String, from base: String) -> String {
        let p = path.split(separator: "/"), b = base.split(separator: "/")
        var i = 0
        while i < min(p.count, b.count) && p[i] == b[i] { i += 1 }
        return (Array(repeating: "..", count: b.count - i) + p[i...].map(String.init)).joined(separator: "/")
    }
}
