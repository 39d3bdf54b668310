public import Foundation
public import NgaTuCore

/// The nodes and ways of an OpenStreetMap XML file (`<osm>` of API 0.6); relations are ignored.
///
/// Read by `OSMXMLReader`, which streams the file: memory grows with the nodes and ways kept,
/// not with the file (a city extract of 100 MB, mostly buildings, is read in a few hundred MB).
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

    /// Parses OSM XML in memory. Throws `OSMImportError.malformed` with the line and column.
    public init(xml data: Data) throws {
        var reader = OSMXMLReader(data: data)
        try self.init(reader: &reader)
    }

    /// Parses OSM XML from an open file (a regular file: the caller checks), streaming it.
    public init(fileDescriptor fd: Int32) throws {
        var reader = OSMXMLReader(fileDescriptor: fd)
        try self.init(reader: &reader)
    }

    private init(reader: inout OSMXMLReader) throws {
        var currentNode: Node?
        var currentWay: Way?
        func malformed(_ message: String, _ tag: OSMXMLReader.StartTag) -> OSMImportError {
            .malformed(message, line: tag.line, column: tag.column)
        }
        do {
            while let event = try reader.nextEvent() {
                switch event {
                case .start(let a):
                    switch a.name {
                    case "node":
                        guard let id = a["id"].flatMap({ Int64($0) }), let lat = a["lat"].flatMap({ Double($0) }),
                              let lon = a["lon"].flatMap({ Double($0) }) else {
                            throw malformed("node without id, lat or lon", a)
                        }
                        guard abs(lat) <= 90, abs(lon) <= 180 else {
                            throw malformed("node \(id) has lat \(Echo.excerpt(a["lat"]!)), lon \(Echo.excerpt(a["lon"]!)): latitude must lie in -90…90 and longitude in -180…180", a)
                        }
                        let node = Node(id: id, at: LatLon(lat, lon), tags: [:])
                        if a.selfClosing { nodes[id] = node } else { currentNode = node }
                    case "way":
                        guard let id = a["id"].flatMap({ Int64($0) }) else { throw malformed("way without id", a) }
                        let way = Way(id: id, nodes: [], tags: [:])
                        if a.selfClosing { ways.append(way) } else { currentWay = way }
                    case "nd":
                        if let ref = a["ref"].flatMap({ Int64($0) }) { currentWay?.nodes.append(ref) }
                    case "tag":
                        guard let k = a["k"], let v = a["v"] else { break }
                        if currentWay != nil { currentWay!.tags[k] = v } else if currentNode != nil { currentNode!.tags[k] = v }
                    case "bounds":
                        if let s = a["minlat"].flatMap({ Double($0) }), let w = a["minlon"].flatMap({ Double($0) }),
                           let n = a["maxlat"].flatMap({ Double($0) }), let e = a["maxlon"].flatMap({ Double($0) }) {
                            bounds = BoundingBox(south: s, west: w, north: n, east: e)
                        }
                    default: break
                    }
                case .end(let name):
                    if name == "node", let n = currentNode { nodes[n.id] = n; currentNode = nil }
                    if name == "way", let w = currentWay { ways.append(w); currentWay = nil }
                }
            }
        } catch let f as OSMXMLReader.Failure {
            throw OSMImportError.malformed(f.message, line: f.line, column: f.column)
        }
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
