import Foundation
import NgaTuResults

/// The playback's map: every directed segment as its own line, drawn beside its road's centre
/// on the side traffic drives (the right), so both directions of a two-way road show.
extension ReportMap {
    struct DirectedSegment {
        var id: String
        var lanes: Int
        var lengthM: Double
        /// Points on the drawing, offset to the right of travel.
        var points: [(x: Double, y: Double)] {
            didSet { svgPoints = DirectedSegment.svgPoints(points) }
        }
        /// The points as an SVG `points` attribute, written once (both playback maps and the
        /// flow maps draw every segment).
        private(set) var svgPoints: Markup

        init(id: String, lanes: Int, lengthM: Double, points: [(x: Double, y: Double)]) {
            self.id = id; self.lanes = lanes; self.lengthM = lengthM; self.points = points
            svgPoints = DirectedSegment.svgPoints(points)
        }

        static func svgPoints(_ points: [(x: Double, y: Double)]) -> Markup {
            var text = TextBytes(capacity: points.count * 12)
            text.append(svgPoints: points)
            return Markup(raw: text.string)
        }
    }

    /// The OpenStreetMap attribution, bottom right (every map of the report carries it).
    var attribution: Markup {
        "<text x=\"\(svg: width - 6)\" y=\"\(svg: height - 6)\" text-anchor=\"end\" class=\"t attribution\">© OpenStreetMap contributors</text>"
    }

    /// What the overlay maps (playback, change in flow) draw last: the signalised junctions,
    /// their labels, the attribution (always, as on the level-of-service map: a figure saved
    /// alone as SVG or PNG must keep it), and the closing tag.
    func overlayClosing() -> Markup {
        var out: Markup = ""
        for j in junctions where j.isSignalised {
            let p = project(j.at)
            out += "<circle cx=\"\(svg: p.x)\" cy=\"\(svg: p.y)\" r=\"3.2\" fill=\"#111111\"><title>\(j.name.isEmpty ? j.id : j.name)</title></circle>"
        }
        out += labels
        out += attribution
        return out + "</svg>"
    }

    /// Every directed segment of the map, in map order (forward, then reverse).
    func directedSegments() -> [DirectedSegment] {
        var out: [DirectedSegment] = []
        for road in roads {
            guard let a = positions[road.from], let b = positions[road.to] else { continue }
            let line = road.shape.count >= 2 ? road.shape : [a, b]
            let length = zip(line, line.dropFirst()).map { p, q -> Double in let v = ReportMap.metres(p, q); return hypot(v.x, v.y) }.reduce(0, +)
            let drawn = line.map(project)
            if road.lanesForward > 0 {
                out.append(DirectedSegment(id: road.id, lanes: road.lanesForward, lengthM: length,
                                           points: road.oneway ? drawn : ReportMap.offset(drawn, by: 2.8)))
            }
            if !road.oneway, road.lanesBackward > 0 {
                out.append(DirectedSegment(id: road.id + "~r", lanes: road.lanesBackward, lengthM: length,
                                           points: ReportMap.offset(drawn.reversed(), by: 2.8)))
            }
        }
        return out
    }

    /// A polyline moved `d` units to the right of its direction (y grows downwards).
    static func offset(_ line: [(x: Double, y: Double)], by d: Double) -> [(x: Double, y: Double)] {
        line.indices.map { i in
            let p = line[max(0, i - 1)], q = line[min(line.count - 1, i + 1)]
            let len = max(hypot(q.x - p.x, q.y - p.y), 1e-9)
            // Right of (dx, dy) on screen is (−dy, dx).
            return (line[i].x - (q.y - p.y) / len * d, line[i].y + (q.x - p.x) / len * d)
        }
    }

    func playbackSVG(id: String, segments: [DirectedSegment], incidents: [IncidentRow], language: String) -> Markup {
        var out = SVGText.open(id: id, width: width, height: height,
                               title: Bi("Hàng chờ trên các đoạn đường", "Queues on the road segments"),
                               description: "\(segments.count) segments", language: language)
        out += "<rect x=\"0\" y=\"0\" width=\"\(svg: width)\" height=\"\(svg: height)\" class=\"map-bg\"/>"
        out += backgroundLayer
        // Written in bytes (thousands of segments on a large map), the text of
        // `<polyline points="\(coords)" class="pb-seg" data-k="\(k)" stroke="\(colour)"
        // stroke-width="\(svg: width)"><title>\(s.id)</title></polyline>` for each.
        let colour = Markup.escape(PlaybackSection.colours[0])
        var lines = TextBytes(capacity: segments.count * 160)
        for (k, s) in segments.enumerated() {
            lines.append("<polyline points=\"")
            lines.append(s.svgPoints.raw)
            lines.append("\" class=\"pb-seg\" data-k=\"")
            lines.append(integer: k)
            lines.append("\" stroke=\"")
            lines.append(colour)
            lines.append("\" stroke-width=\"")
            lines.append(svg: 2.6 + 0.7 * Double(min(s.lanes, 4)))
            lines.append("\"><title>")
            lines.append(Markup.escape(s.id))
            lines.append("</title></polyline>")
        }
        out += Markup(raw: lines.string)
        // Incidents, hidden until the clock is inside their time.
        let byID = Dictionary(segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, e) in incidents.enumerated() {
            let ids = e.bothDirections ? [e.road, e.road.hasSuffix("~r") ? String(e.road.dropLast(2)) : e.road + "~r"] : [e.road]
            for id in ids {
                guard let s = byID[id] else { continue }
                let coords = s.svgPoints
                out += "<polyline points=\"\(coords)\" class=\"pb-incident\" data-incident=\"\(i)\" data-from=\"\(svg: e.fromS)\" data-to=\"\(svg: e.toS)\" style=\"display:none\"/>"
            }
        }
        return out + overlayClosing()
    }
}
