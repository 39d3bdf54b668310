import Foundation
import NgaTuXML

/// What `MapDrawing` needs of a map: plain values, so the report does not depend on the core.
public struct MapGeometry: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var lat: Double
        public var lon: Double
        public init(_ lat: Double, _ lon: Double) { self.lat = lat; self.lon = lon }
    }

    public enum Kind: String, Sendable {
        case signal, priority, none, boundary
    }

    public struct Junction: Sendable, Equatable {
        public var id: String
        public var name: String
        public var at: Point
        public var kind: Kind
        /// CSS colour of the marker (e.g. by level of service); nil for the default.
        public var fill: String?
        /// Text drawn beside the marker; nil for none.
        public var label: String?
        public init(id: String, name: String = "", at: Point, kind: Kind, fill: String? = nil, label: String? = nil) {
            self.id = id; self.name = name; self.at = at; self.kind = kind; self.fill = fill; self.label = label
        }
    }

    public struct Road: Sendable, Equatable {
        public var id: String
        public var name: String
        /// Polyline, from → to.
        public var points: [Point]
        /// Lanes in both directions together (drawn width).
        public var lanes: Int
        public var oneway: Bool
        public init(id: String, name: String = "", points: [Point], lanes: Int, oneway: Bool = false) {
            self.id = id; self.name = name; self.points = points; self.lanes = lanes; self.oneway = oneway
        }
    }

    public var title: String
    public var attribution: String
    public var junctions: [Junction]
    public var roads: [Road]

    public init(title: String = "", attribution: String = "© OpenStreetMap contributors, ODbL",
                junctions: [Junction] = [], roads: [Road] = []) {
        self.title = title; self.attribution = attribution; self.junctions = junctions; self.roads = roads
    }
}

/// Draws a map as a standalone SVG: equirectangular projection scaled by cos(latitude), roads
/// as polylines whose width grows with their lanes, signalised junctions as marked circles,
/// boundaries as triangles, optional per-junction colours and labels, a scale bar, a north
/// arrow, and the attribution "© OpenStreetMap contributors, ODbL" (always present).
public enum MapDrawing {
    public static let requiredAttribution = "© OpenStreetMap contributors, ODbL"

    /// - Parameter width: drawing width in pixels; the height follows the map's aspect.
    public static func svg(_ map: MapGeometry, width: Double = 1000) -> String {
        let all = map.roads.flatMap(\.points) + map.junctions.map(\.at)
        let minLat = all.map(\.lat).min() ?? 0, maxLat = all.map(\.lat).max() ?? 0.001
        let minLon = all.map(\.lon).min() ?? 0, maxLon = all.map(\.lon).max() ?? 0.001
        let kx = cos((minLat + maxLat) / 2 * Double.pi / 180)
        let margin = 40.0, top = 60.0, bottom = 60.0
        let spanX = max((maxLon - minLon) * kx, 1e-6), spanY = max(maxLat - minLat, 1e-6)
        let scale = (width - 2 * margin) / spanX     // pixels per degree of latitude
        let height = (spanY * scale + top + bottom).rounded()
        func x(_ p: MapGeometry.Point) -> Double { margin + (p.lon - minLon) * kx * scale }
        func y(_ p: MapGeometry.Point) -> Double { top + (maxLat - p.lat) * scale }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            + "<title>\(escape(map.title))</title>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#f7f5f0\"/>\n"

        // Roads: casing then fill, widest first.
        let roads = map.roads.sorted { ($0.lanes, $0.id) > ($1.lanes, $1.id) }
        func strokeWidth(_ lanes: Int) -> Double { 1.2 + 1.3 * Double(max(1, lanes)) }
        s += "<g id=\"roads\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n"
        for r in roads where r.points.count >= 2 {
            let pts = r.points.map { "\(f(x($0))),\(f(y($0)))" }.joined(separator: " ")
            s += "<polyline points=\"\(pts)\" stroke=\"#8a8378\" stroke-width=\"\(f(strokeWidth(r.lanes) + 1.6))\"/>\n"
        }
        for r in roads where r.points.count >= 2 {
            let pts = r.points.map { "\(f(x($0))),\(f(y($0)))" }.joined(separator: " ")
            let colour = r.oneway ? "#e9c46a" : "#ffffff"
            let tip = escape(r.name.isEmpty ? r.id : "\(r.name) (\(r.id))")
            s += "<polyline points=\"\(pts)\" stroke=\"\(colour)\" stroke-width=\"\(f(strokeWidth(r.lanes)))\">"
                + "<title>\(tip) · \(r.lanes) lanes</title></polyline>\n"
        }
        s += "</g>\n<g id=\"junctions\" stroke=\"#222\">\n"
        let order: [MapGeometry.Kind: Int] = [.none: 0, .priority: 1, .boundary: 2, .signal: 3]
        for j in map.junctions.sorted(by: { (order[$0.kind]!, $0.id) < (order[$1.kind]!, $1.id) }) {
            let cx = x(j.at), cy = y(j.at)
            let tip = "<title>\(escape(j.name.isEmpty ? j.id : "\(j.name) (\(j.id))"))</title>"
            switch j.kind {
            case .signal:
                s += "<g><circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"7\" fill=\"\(escape(j.fill ?? "#d62828"))\" stroke-width=\"1.5\"/>"
                    + "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"2.5\" fill=\"#222\" stroke=\"none\"/>\(tip)</g>\n"
            case .boundary:
                let p = [(cx, cy - 7), (cx + 6.5, cy + 5), (cx - 6.5, cy + 5)].map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
                s += "<polygon points=\"\(p)\" fill=\"\(escape(j.fill ?? "#1d70b8"))\" stroke-width=\"1\">\(tip)</polygon>\n"
            case .priority:
                s += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"2.8\" fill=\"\(escape(j.fill ?? "#555"))\" stroke=\"none\">\(tip)</circle>\n"
            case .none:
                if let fill = j.fill {
                    s += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"2\" fill=\"\(escape(fill))\" stroke=\"none\">\(tip)</circle>\n"
                }
            }
        }
        s += "</g>\n<g id=\"labels\" font-size=\"11\" fill=\"#111\" stroke=\"#f7f5f0\" stroke-width=\"3\" paint-order=\"stroke\">\n"
        for j in map.junctions {
            guard let label = j.label, !label.isEmpty else { continue }
            s += "<text x=\"\(f(x(j.at) + 9))\" y=\"\(f(y(j.at) - 6))\">\(escape(label))</text>\n"
        }
        s += "</g>\n"

        // Title, scale bar, north arrow, legend, attribution.
        s += "<text x=\"\(f(margin))\" y=\"30\" font-size=\"18\" font-weight=\"bold\" fill=\"#111\">\(escape(map.title))</text>\n"
        let metresPerPixel = (Double.pi / 180 * 6_371_008.8) / scale
        let target = metresPerPixel * width / 5
        let nice = [20.0, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000].last { $0 <= target } ?? 20
        let barPx = nice / metresPerPixel
        let by = height - 18
        let barLabel = nice >= 1000 ? "\(trim(nice / 1000)) km" : "\(Int(nice)) m"
        s += "<g id=\"scale\" font-size=\"11\" fill=\"#111\">"
            + "<rect x=\"\(f(margin))\" y=\"\(f(by - 5))\" width=\"\(f(barPx / 2))\" height=\"5\" fill=\"#111\"/>"
            + "<rect x=\"\(f(margin + barPx / 2))\" y=\"\(f(by - 5))\" width=\"\(f(barPx / 2))\" height=\"5\" fill=\"#fff\" stroke=\"#111\"/>"
            + "<text x=\"\(f(margin))\" y=\"\(f(by - 9))\" text-anchor=\"middle\">0</text>"
            + "<text x=\"\(f(margin + barPx))\" y=\"\(f(by - 9))\" text-anchor=\"middle\">\(barLabel)</text></g>\n"
        let nx = width - margin - 10, ny = 24.0
        s += "<g id=\"north\"><polygon points=\"\(f(nx)),\(f(ny - 14)) \(f(nx + 8)),\(f(ny + 10)) \(f(nx)),\(f(ny + 4)) \(f(nx - 8)),\(f(ny + 10))\" fill=\"#111\"/>"
            + "<text x=\"\(f(nx))\" y=\"\(f(ny + 24))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#111\">N</text></g>\n"
        let ly = height - 32, lx = margin + barPx + 50
        s += "<g id=\"legend\" font-size=\"11\" fill=\"#111\" stroke=\"#222\">"
            + "<circle cx=\"\(f(lx))\" cy=\"\(f(ly + 14))\" r=\"6\" fill=\"#d62828\" stroke-width=\"1.5\"/>"
            + "<circle cx=\"\(f(lx))\" cy=\"\(f(ly + 14))\" r=\"2\" fill=\"#222\" stroke=\"none\"/>"
            + "<text x=\"\(f(lx + 10))\" y=\"\(f(ly + 18))\" stroke=\"none\">signal</text>"
            + "<polygon points=\"\(f(lx + 64)),\(f(ly + 8)) \(f(lx + 70)),\(f(ly + 19)) \(f(lx + 58)),\(f(ly + 19))\" fill=\"#1d70b8\"/>"
            + "<text x=\"\(f(lx + 76))\" y=\"\(f(ly + 18))\" stroke=\"none\">boundary</text>"
            + "<line x1=\"\(f(lx + 140))\" y1=\"\(f(ly + 14))\" x2=\"\(f(lx + 165))\" y2=\"\(f(ly + 14))\" stroke=\"#e9c46a\" stroke-width=\"4\"/>"
            + "<text x=\"\(f(lx + 170))\" y=\"\(f(ly + 18))\" stroke=\"none\">one-way</text></g>\n"
        var attribution = map.attribution
        if !attribution.contains("OpenStreetMap contributors") {
            attribution = requiredAttribution + (attribution.isEmpty ? "" : " · " + attribution)
        }
        s += "<text id=\"attribution\" x=\"\(f(width - 10))\" y=\"\(f(height - 10))\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">\(escape(attribution))</text>\n"
        s += "</svg>\n"
        return s
    }

    /// XML text escaping (`XMLEscape.text`, the project's one escaper).
    public static func escape(_ s: String) -> String { XMLEscape.text(s) }

    static func trim(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
