import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `import-sumo` reads of a SUMO network (`.net.xml`) and route file (`.rou.xml`):
/// plain values, no conversion yet.
struct SUMONet {
    struct Lane { var index: Int; var speed: Double; var length: Double; var shape: [(Double, Double)]; var allow: String; var disallow: String }
    struct Edge { var id: String; var from: String; var to: String; var name: String; var lanes: [Lane] }
    struct Junction { var id: String; var type: String; var x: Double; var y: Double }
    struct Connection { var from: String; var to: String; var tl: String?; var linkIndex: Int? }
    struct Phase { var duration: Double; var state: String }
    struct Program { var id: String; var offset: Double; var phases: [Phase] }

    var edges: [Edge] = []
    var junctions: [Junction] = []
    var connections: [Connection] = []
    var programs: [Program] = []
    /// `location`: network offset, the projected and original boundaries, the projection.
    var netOffset: [Double] = []
    var convBoundary: [Double] = []
    var origBoundary: [Double] = []
    var projection = "!"
    /// Internal edges and junctions left out (SUMO's junction interiors), and other notes.
    var internalEdges = 0
    var internalJunctions = 0
    var sublanes = false
}

/// Vehicles, trips and flows of a route file, each as a count of vehicles over [begin, end).
struct SUMODemand {
    struct Entry {
        /// The edges driven (empty for a trip given only by `from` and `to`).
        var edges: [String]
        var from: String
        var to: String
        var vehicles: Double
        var begin: Double
        var end: Double
    }
    var entries: [Entry] = []
    var notes: [String] = []
}

/// A SUMO file that cannot be read, with where.
struct SUMOInputError: Error, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int
    var message: String
    var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Collects start tags with their attributes in document order (SUMO's files are flat
/// enough that an element's parent is all the context a reader needs).
private final class TagCollector: NSObject, XMLParserDelegate {
    var tags: [(name: String, attributes: [String: String], parent: String?, line: Int)] = []
    private(set) var stack: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        tags.append((name, attributes, stack.last, parser.lineNumber))
        stack.append(name)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = stack.popLast()
    }
}

enum SUMOReader {
    /// Largest file read (SUMO networks of a city district are tens of MiB).
    static let maxBytes = 512 << 20

    static func tags(_ path: String) throws(SUMOInputError) -> [(name: String, attributes: [String: String], parent: String?, line: Int)] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw SUMOInputError(file: path, line: 1, column: 1, message: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SUMOInputError(file: path, line: 1, column: 1, message: "cannot read the file")
        }
        guard data.count <= maxBytes else {
            throw SUMOInputError(file: path, line: 1, column: 1, message: "the file is larger than \(maxBytes >> 20) MiB")
        }
        let parser = XMLParser(data: data)
        let collector = TagCollector()
        parser.delegate = collector
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            let why = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed XML"
            throw SUMOInputError(file: path, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                                 message: "not a readable SUMO XML file (\(why))")
        }
        // The parser may stop at the end of a cut file without complaint: every element must be closed.
        if let open = collector.stack.last {
            throw SUMOInputError(file: path, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                                 message: "not a readable SUMO XML file (it ends inside <\(open)>: cut short?)")
        }
        return collector.tags
    }

    static func number(_ text: String?, _ file: String, _ line: Int, _ what: String) throws(SUMOInputError) -> Double {
        guard let text, let x = Double(text.trimmingCharacters(in: .whitespaces)), x.isFinite else {
            throw SUMOInputError(file: file, line: line, column: 1, message: "\(what): expected a number, got \(text.map { "\"\($0.prefix(40))\"" } ?? "nothing")")
        }
        return x
    }

    static func shape(_ text: String?) -> [(Double, Double)] {
        (text ?? "").split(separator: " ").compactMap { p in
            let xy = p.split(separator: ",")
            guard xy.count >= 2, let x = Double(xy[0]), let y = Double(xy[1]) else { return nil }
            return (x, y)
        }
    }

    /// Reads a `.net.xml`.
    static func network(_ path: String) throws(SUMOInputError) -> SUMONet {
        let tags = try tags(path)
        var net = SUMONet()
        guard tags.first?.name == "net" else {
            throw SUMOInputError(file: path, line: tags.first?.line ?? 1, column: 1, message: "not a SUMO network: the root element is <\(tags.first?.name ?? "")>, not <net>")
        }
        var program: SUMONet.Program?
        func flush() { if let p = program { net.programs.append(p); program = nil } }
        for t in tags {
            let a = t.attributes
            switch t.name {
            case "location":
                net.netOffset = (a["netOffset"] ?? "").split(separator: ",").compactMap { Double($0) }
                net.convBoundary = (a["convBoundary"] ?? "").split(separator: ",").compactMap { Double($0) }
                net.origBoundary = (a["origBoundary"] ?? "").split(separator: ",").compactMap { Double($0) }
                net.projection = a["projParameter"] ?? "!"
            case "edge":
                flush()
                if a["function"] != nil && a["function"] != "normal" { net.internalEdges += 1; continue }
                guard let id = a["id"], let from = a["from"], let to = a["to"] else {
                    throw SUMOInputError(file: path, line: t.line, column: 1, message: "<edge> needs id, from and to")
                }
                net.edges.append(SUMONet.Edge(id: id, from: from, to: to, name: a["name"] ?? "", lanes: []))
            case "lane" where t.parent == "edge":
                guard let last = net.edges.last, let id = a["id"], id.hasPrefix(last.id + "_") else { continue }
                let lane = SUMONet.Lane(index: Int(a["index"] ?? "") ?? net.edges[net.edges.count - 1].lanes.count,
                                        speed: try number(a["speed"], path, t.line, "lane speed"),
                                        length: try number(a["length"], path, t.line, "lane length"),
                                        shape: shape(a["shape"]), allow: a["allow"] ?? "", disallow: a["disallow"] ?? "")
                net.edges[net.edges.count - 1].lanes.append(lane)
            case "junction":
                flush()
                guard let id = a["id"] else { continue }
                if a["type"] == "internal" || id.hasPrefix(":") { net.internalJunctions += 1; continue }
                net.junctions.append(SUMONet.Junction(id: id, type: a["type"] ?? "priority",
                                                      x: try number(a["x"], path, t.line, "junction x"),
                                                      y: try number(a["y"], path, t.line, "junction y")))
            case "connection":
                flush()
                guard let from = a["from"], let to = a["to"], !from.hasPrefix(":") else { continue }
                net.connections.append(SUMONet.Connection(from: from, to: to, tl: a["tl"], linkIndex: a["linkIndex"].flatMap { Int($0) }))
            case "tlLogic":
                flush()
                program = SUMONet.Program(id: a["id"] ?? "", offset: Double(a["offset"] ?? "0") ?? 0, phases: [])
            case "phase" where t.parent == "tlLogic":
                program?.phases.append(SUMONet.Phase(duration: try number(a["duration"], path, t.line, "phase duration"),
                                                     state: a["state"] ?? ""))
            case "net":
                if a["lateralResolution"] != nil { net.sublanes = true }
            default:
                continue
            }
        }
        flush()
        return net
    }

    /// Reads a `.rou.xml` (vehicles, trips, flows; routes inline or by id).
    static func demand(_ path: String) throws(SUMOInputError) -> SUMODemand {
        let tags = try tags(path)
        var out = SUMODemand()
        var routes: [String: [String]] = [:]
        var distributions = 0, types = 0
        // A vehicle or flow whose route is its child: the index of its entry, filled by the child.
        var pending: Int?
        for t in tags {
            let a = t.attributes
            func edges(_ text: String?) -> [String] { (text ?? "").split(separator: " ").map(String.init) }
            switch t.name {
            case "vType": types += 1
            case "routeDistribution": distributions += 1
            case "route":
                let e = edges(a["edges"])
                if let id = a["id"], t.parent == "routes" || t.parent == "additional" || t.parent == "routeDistribution" { routes[id] = e }
                if let k = pending, (t.parent == "vehicle" || t.parent == "flow") {
                    out.entries[k].edges = e; out.entries[k].from = e.first ?? ""; out.entries[k].to = e.last ?? ""
                }
            case "vehicle", "trip":
                let depart = Double(a["depart"] ?? "0") ?? 0
                // A trip's `via` edges are not kept: it takes the shortest route between its ends.
                let e = a["route"].flatMap { routes[$0] } ?? []
                out.entries.append(SUMODemand.Entry(edges: e, from: a["from"] ?? e.first ?? "", to: a["to"] ?? e.last ?? "",
                                                    vehicles: 1, begin: depart, end: depart))
                pending = (a["route"] == nil && a["from"] == nil) ? out.entries.count - 1 : nil
            case "flow":
                let begin = Double(a["begin"] ?? "0") ?? 0
                let end = Double(a["end"] ?? "") ?? (begin + 86_400)
                let span = max(0, end - begin)
                var n: Double
                if let v = a["vehsPerHour"] ?? a["perHour"], let x = Double(v) { n = x * span / 3600 }
                else if let p = a["period"] {
                    if p.hasPrefix("exp("), let r = Double(p.dropFirst(4).dropLast()) { n = r * span }
                    else { n = (Double(p).map { $0 > 0 ? span / $0 : 0 }) ?? 0 }
                } else if let p = a["probability"], let x = Double(p) { n = x * span }
                else if let v = a["number"], let x = Double(v) { n = x }
                else { throw SUMOInputError(file: path, line: t.line, column: 1, message: "<flow> without vehsPerHour, period, probability or number") }
                let e = a["route"].flatMap { routes[$0] } ?? []
                out.entries.append(SUMODemand.Entry(edges: e, from: a["from"] ?? e.first ?? "", to: a["to"] ?? e.last ?? "",
                                                    vehicles: n, begin: begin, end: end))
                pending = (a["route"] == nil && a["from"] == nil) ? out.entries.count - 1 : nil
            default:
                continue
            }
        }
        if types > 0 { out.notes.append("\(types) vehicle type\(types == 1 ? "" : "s") (vType) not carried over: every vehicle is a car of 1 PCU") }
        if distributions > 0 { out.notes.append("\(distributions) route distribution\(distributions == 1 ? "" : "s") not carried over") }
        return out
    }
}
