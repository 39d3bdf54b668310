import Foundation
import NgaTuResults

/// The report's network map: roads as grey lines (wider with more lanes), incident roads
/// dashed, small dots for unsignalised junctions, squares for boundaries, and each signalised
/// junction as a disc coloured by its level of service with the letter printed on it and its
/// number in the junction table beside it.
///
/// Projection: equirectangular around the map's centre (x ∝ longitude × cos latitude), which is
/// exact enough for a city district.
struct ReportMap {
    let junctions: [MapJunctionRow]
    let roads: [MapRoadRow]
    /// Ids of roads (or segments, `~r` stripped) with an incident.
    let incidentRoads: Set<String>
    let width = 760.0
    let height: Double
    private let project: (MapCoordinate) -> (x: Double, y: Double)
    private let metresPerUnit: Double
    private let positions: [String: MapCoordinate]

    init?(junctions: [MapJunctionRow], roads: [MapRoadRow], incidents: [IncidentRow]) {
        guard !junctions.isEmpty else { return nil }
        self.junctions = junctions
        self.roads = roads
        incidentRoads = Set(incidents.map { $0.road.hasSuffix("~r") ? String($0.road.dropLast(2)) : $0.road })
        var positions: [String: MapCoordinate] = [:]
        for j in junctions { positions[j.id] = j.at }
        self.positions = positions
        let all = junctions.map(\.at) + roads.flatMap(\.shape)
        let lats = all.map(\.latitude), lons = all.map(\.longitude)
        let lat0 = (lats.min()! + lats.max()!) / 2
        let k = cos(lat0 * .pi / 180)
        let spanX = max((lons.max()! - lons.min()!) * k, 1e-6)
        let spanY = max(lats.max()! - lats.min()!, 1e-6)
        let pad = 34.0
        // Height follows the map's shape, within bounds that fit a page.
        let h = min(620, max(320, (width - 2 * pad) * spanY / spanX + 2 * pad))
        height = h
        let scale = min((width - 2 * pad) / spanX, (h - 2 * pad) / spanY)
        let offX = (width - spanX * scale) / 2, offY = (h - spanY * scale) / 2
        let minLon = lons.min()!, maxLat = lats.max()!
        project = { c in (offX + (c.longitude - minLon) * k * scale, offY + (maxLat - c.latitude) * scale) }
        metresPerUnit = 111_320 / scale
    }

    /// The roads layer, the same under every strategy.
    func roadsLayer() -> Markup {
        var out: Markup = "<g class=\"roads\">"
        for road in roads {
            guard let a = positions[road.from], let b = positions[road.to] else { continue }
            var pts = road.shape.isEmpty ? [a, b] : road.shape
            if pts.count == 1 { pts = [a] + pts + [b] }
            let lanes = Double(road.lanesForward + road.lanesBackward)
            let w = 1.6 + 0.9 * min(lanes, 8)
            let coords = pts.map { p -> String in let q = project(p); return svgNumber(q.x) + "," + svgNumber(q.y) }
                .joined(separator: " ")
            let title = road.name.isEmpty ? road.id : "\(road.name) (\(road.id))"
            out += "<polyline points=\"\(coords)\" class=\"road\" stroke-width=\"\(svg: w)\"><title>\(title)</title></polyline>"
            if incidentRoads.contains(road.id) {
                out += "<polyline points=\"\(coords)\" class=\"road-incident\" stroke-width=\"\(svg: max(3, w * 0.8))\"><title>\(title)</title></polyline>"
            }
        }
        return out + "</g>"
    }

    /// One map per strategy: the roads, then the junctions with the strategy's levels of service.
    /// `numbers` gives each signalised junction's number in the table.
    func svg(id: String, title: Bi, service: [String: ReportData.JunctionService], numbers: [String: Int],
             language: String) -> Markup {
        let description = junctions.filter(\.isSignalised).map { j -> String in
            let s = service[j.id]
            return "\(numbers[j.id].map(String.init) ?? "") \(j.name.isEmpty ? j.id : j.name): \(s?.los ?? "–")"
        }.joined(separator: "; ")
        var out = SVGText.open(id: id, width: width, height: height, title: title, description: description,
                               language: language)
        out += "<rect x=\"0\" y=\"0\" width=\"\(svg: width)\" height=\"\(svg: height)\" class=\"map-bg\"/>"
        out += roadsLayer()
        // Unsignalised junctions first, then signals on top.
        for j in junctions where !j.isSignalised {
            let p = project(j.at)
            let name = j.name.isEmpty ? j.id : j.name
            if j.control == "boundary" {
                out += "<rect x=\"\(svg: p.x - 4)\" y=\"\(svg: p.y - 4)\" width=\"8\" height=\"8\" class=\"boundary\"><title>\(name)</title></rect>"
            } else {
                out += "<circle cx=\"\(svg: p.x)\" cy=\"\(svg: p.y)\" r=\"3\" class=\"plain\"><title>\(name)</title></circle>"
            }
        }
        for j in junctions where j.isSignalised {
            let p = project(j.at)
            let s = service[j.id]
            let letter = s?.los
            let name = j.name.isEmpty ? j.id : j.name
            var tip = name + " — " + Vocabulary.losName.plain(first: language) + " " + (letter ?? "–")
            if let d = s?.delayS {
                tip += ", " + NumberText.format(d, decimals: 1, language: language) + " s"
            }
            out += "<g class=\"signal\"><title>\(tip)</title>"
            out += "<circle cx=\"\(svg: p.x)\" cy=\"\(svg: p.y)\" r=\"11\" fill=\"\(LevelOfService.fill(letter))\" stroke=\"#111111\" stroke-width=\"1.5\"/>"
            out += "<text x=\"\(svg: p.x)\" y=\"\(svg: p.y + 4.5)\" text-anchor=\"middle\" class=\"los-letter\" fill=\"\(LevelOfService.ink(letter))\">\(letter ?? "–")</text>"
            if let n = numbers[j.id] {
                out += "<text x=\"\(svg: p.x + 13)\" y=\"\(svg: p.y - 9)\" class=\"map-number\">\(n)</text>"
            }
            out += "</g>"
        }
        out += scaleBar()
        return out + "</svg>"
    }

    /// A scale bar (bottom left) and a north arrow (top right).
    private func scaleBar() -> Markup {
        let target = 140 * metresPerUnit
        let candidates: [Double] = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000]
        let metres = candidates.last { $0 <= target } ?? candidates[0]
        let len = metres / metresPerUnit
        let x0 = 16.0, y0 = height - 16
        let label = metres >= 1000 ? "\(svgNumber(metres / 1000)) km" : "\(Int(metres)) m"
        var out: Markup = "<g class=\"scale\"><path d=\"M\(svg: x0) \(svg: y0 - 5)V\(svg: y0)H\(svg: x0 + len)V\(svg: y0 - 5)\" fill=\"none\" stroke=\"#111111\" stroke-width=\"1.5\"/>"
        out += "<text x=\"\(svg: x0 + len + 6)\" y=\"\(svg: y0)\" class=\"t tick\">\(label)</text></g>"
        out += "<g class=\"north\"><path d=\"M\(svg: width - 22) 14L\(svg: width - 16) 30L\(svg: width - 22) 26L\(svg: width - 28) 30Z\" fill=\"#111111\"/><text x=\"\(svg: width - 22)\" y=\"44\" text-anchor=\"middle\" class=\"t tick\">N</text></g>"
        return out
    }
}
