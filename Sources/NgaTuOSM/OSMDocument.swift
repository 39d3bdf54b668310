public import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
public import NgaTuCore

/// The nodes and ways of an OpenStreetMap XML file (`<osm>` of API 0.6); relations are ignored.
public struct OSMDocument: Sendable {
    public struct Node: Sendable, Equatable {
        public var id: Int64
        public var at: LatLon
        public var tags: [String: String]
    }
    public struct Way: Sendable, Equatable {
        public var id: Int64
        public var nodes: [Int64]
        public var tags: [String: String]
    }

    public var nodes: [Int64: Node] = [:]
    /// Ways in file order.
    public var ways: [Way] = []
    /// The `<bounds>` element, when present.
    public var bounds: BoundingBox?

    public init() {}

    /// Parses OSM XML. Throws `OSMImportError.malformed` with the parser's line on bad XML.
    public init(xml data: Data) throws {
        let delegate = OSMParserDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let parsed = parser.parse()
        if let e = delegate.error { throw e }   // a bad element (it aborted the parse)
        if !parsed {
            throw OSMImportError.malformed(parser.parserError.map { "\($0)" } ?? "XML error",
                                           line: parser.lineNumber, column: max(1, parser.columnNumber))
        }
        self = delegate.document
    }
}

/// Why an import failed.
public enum OSMImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad XML or a bad element, at a line and column of the input (1:1 when it is the whole file).
    case malformed(String, line: Int = 1, column: Int = 1)
    case empty(String)

    public var description: String {
        switch self {
        case .malformed(let m, _, _): return "malformed input: \(m)"
        case .empty(let m): return "nothing to import: \(m)"
        }
    }

    /// Where in the input, for `FILE:LINE:COLUMN:` messages.
    public var line: Int { if case .malformed(_, let l, _) = self { return l }; return 1 }
    public var column: Int { if case .malformed(_, _, let c) = self { return c }; return 1 }
}

private final class OSMParserDelegate: NSObject, XMLParserDelegate {
    var document = OSMDocument()
    var error: OSMImportError?
    private var currentNode: OSMDocument.Node?
    private var currentWay: OSMDocument.Way?

    /// Records the first bad element where the parser stands, and stops there.
    private func fail(_ parser: XMLParser, _ message: String) {
        error = .malformed(message, line: parser.lineNumber, column: max(1, parser.columnNumber))
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch name {
        case "node":
            guard let id = a["id"].flatMap({ Int64($0) }), let lat = a["lat"].flatMap({ Double($0) }),
                  let lon = a["lon"].flatMap({ Double($0) }) else {
                fail(parser, "node without id, lat or lon"); return
            }
            guard abs(lat) <= 90, abs(lon) <= 180 else {
                fail(parser, "node \(id) has lat \(a["lat"]!), lon \(a["lon"]!): latitude must lie in -90…90 and longitude in -180…180")
                return
            }
            currentNode = .init(id: id, at: LatLon(lat, lon), tags: [:])
        case "way":
            guard let id = a["id"].flatMap({ Int64($0) }) else {
                fail(parser, "way without id"); return
            }
            currentWay = .init(id: id, nodes: [], tags: [:])
        case "nd":
            if let ref = a["ref"].flatMap({ Int64($0) }) { currentWay?.nodes.append(ref) }
        case "tag":
            guard let k = a["k"], let v = a["v"] else { return }
            if currentWay != nil { currentWay!.tags[k] = v } else if currentNode != nil { currentNode!.tags[k] = v }
        case "bounds":
            if let s = a["minlat"].flatMap({ Double($0) }), let w = a["minlon"].flatMap({ Double($0) }),
               let n = a["maxlat"].flatMap({ Double($0) }), let e = a["maxlon"].flatMap({ Double($0) }) {
                document.bounds = BoundingBox(south: s, west: w, north: n, east: e)
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "node", let n = currentNode { document.nodes[n.id] = n; currentNode = nil }
        if name == "way", let w = currentWay { document.ways.append(w); currentWay = nil }
    }
}
