import Foundation
import NgaTuResults

/// The report's network map: roads as grey lines (wider with more lanes) with their street
/// names along them, incident roads dashed, small dots for unsignalised junctions, squares for
/// boundaries, and each signalised junction as a disc coloured by its level of service with the
/// letter printed on it, a short coloured arm per approach (that approach's level of service)
/// and its label (the map's short id, `J7`, or its name) beside it.
///
/// Labels are placed once for every strategy's map (`LabelLayout`): junction labels first, then
/// one or two street names per street, each where it overlaps no disc, arm or other label; a
/// label with no free place is left out (the table below the map names every junction).
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
    let project: (MapCoordinate) -> (x: Double, y: Double)
    private let metresPerUnit: Double
    let positions: [String: MapCoordinate]
    /// Radius of a signalised junction's disc: smaller when two signals are close.
    let discRadius: Double
    /// Length of an approach arm beyond the disc.
    let armLength = 13.0
    /// Each signalised junction's approaches: name (as the core names them) and unit direction
    /// on the drawing, from the junction outwards.
    let legs: [String: [Leg]]
    /// Labels, the same on every strategy's map.
    let labels: Markup
    /// Junction ids whose label found a place.
    let labelledJunctions: Set<String>
    /// Street names drawn (once or twice each).
    let labelledStreets: [String]
    /// Where every label went (junction labels, then street names).
    let labelBoxes: [LabelBox]
    /// The map's background streets as thin light-grey paths, clipped to the drawing (empty
    /// markup when the map names no background); drawn under the roads of every map.
    let backgroundLayer: Markup

    init?(junctions: [MapJunctionRow], roads: [MapRoadRow], incidents: [IncidentRow],
          background: [[MapCoordinate]] = []) {
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
        let width = 760.0
        // Height follows the map's shape, within bounds that fit a page.
        let h = min(640, max(320, (width - 2 * pad) * spanY / spanX + 2 * pad))
        height = h
        let scale = min((width - 2 * pad) / spanX, (h - 2 * pad) / spanY)
        let offX = (width - spanX * scale) / 2, offY = (h - spanY * scale) / 2
        let minLon = lons.min()!, maxLat = lats.max()!
        let project: (MapCoordinate) -> (x: Double, y: Double) = { c in
            (offX + (c.longitude - minLon) * k * scale, offY + (maxLat - c.latitude) * scale)
        }
        self.project = project
        metresPerUnit = 111_320 / scale
        backgroundLayer = ReportMap.backgroundLayer(background, project: project, width: width, height: h)

        // Discs shrink where two signals are close, so they never overlap.
        let signals = junctions.filter(\.isSignalised).map { project($0.at) }
        var nearest = Double.infinity
        for i in signals.indices {
            for j in signals.indices where j > i {
                nearest = min(nearest, hypot(signals[i].x - signals[j].x, signals[i].y - signals[j].y))
            }
        }
        discRadius = max(6, min(11, nearest / 2 - 1.5))
        legs = ReportMap.legs(junctions: junctions, roads: roads, positions: positions, project: project)

        var layout = LabelLayout(width: width, height: h)
        // Discs, arms and the corner furniture (north arrow, scale bar, attribution) are obstacles.
        for j in junctions where j.isSignalised {
            let p = project(j.at)
            layout.block(LabelBox(x: p.x, y: p.y, width: 2 * discRadius + 2, height: 2 * discRadius + 2))
            for leg in legs[j.id] ?? [] {
                let mid = discRadius + armLength / 2
                layout.block(LabelBox(x: p.x + leg.dx * mid, y: p.y + leg.dy * mid, width: armLength + 2, height: 6,
                                      angle: atan2(leg.dy, leg.dx)))
            }
        }
        for j in junctions where !j.isSignalised {
            let p = project(j.at)
            layout.block(LabelBox(x: p.x, y: p.y, width: 8, height: 8))
        }
        layout.block(LabelBox(x: width - 22, y: 28, width: 20, height: 40))
        // Every road line, so that no label is written across another road.
        for r in roads {
            guard let a = positions[r.from], let b = positions[r.to] else { continue }
            let line = (r.shape.count >= 2 ? r.shape : [a, b]).map(project)
            for (p, q) in zip(line, line.dropFirst()) {
                let len = hypot(q.x - p.x, q.y - p.y)
                guard len > 0.5 else { continue }
                layout.block(LabelBox(x: (p.x + q.x) / 2, y: (p.y + q.y) / 2, width: len, height: 3,
                                      angle: atan2(q.y - p.y, q.x - p.x)))
            }
        }
        layout.block(LabelBox(x: 90, y: h - 20, width: 180, height: 22))
        layout.block(LabelBox(x: width - 170, y: h - 10, width: 340, height: 16))

        var labels: Markup = "<g class=\"labels\">"
        var boxes: [LabelBox] = []
        var labelled = Set<String>()
        // Junction labels: signals first, in map order.
        for j in junctions where j.isSignalised {
            let text = ReportMap.shortLabel(j)
            let p = project(j.at)
            let w = ChartStyle.textWidth(text, size: 11.5) + 4, hgt = 14.0
            var candidates: [LabelBox] = []
            for reach in [3.0, 9, 17, 27] {
                let r = discRadius + reach
                for (cx, cy) in [(1.0, -0.7), (1, 0.7), (-1, -0.7), (-1, 0.7), (1, 0), (-1, 0), (0, -1), (0, 1)] {
                    let len = hypot(cx, cy)
                    let ux = cx / len, uy = cy / len
                    candidates.append(LabelBox(x: p.x + ux * r + (cx > 0 ? w / 2 : cx < 0 ? -w / 2 : 0),
                                               y: p.y + uy * r + (cy > 0 ? hgt / 2 : cy < 0 ? -hgt / 2 : 0),
                                               width: w, height: hgt))
                }
            }
            guard let box = layout.place(candidates) else { continue }
            boxes.append(box)
            labelled.insert(j.id)
            let leader = hypot(box.x - p.x, box.y - p.y) > discRadius + w / 2 + 12
            if leader {
                labels += "<line x1=\"\(svg: p.x)\" y1=\"\(svg: p.y)\" x2=\"\(svg: box.x)\" y2=\"\(svg: box.y)\" class=\"leader\"/>"
            }
            labels += "<text x=\"\(svg: box.x)\" y=\"\(svg: box.y + 4)\" text-anchor=\"middle\" class=\"junction-label\">\(text)</text>"
        }
        labelledJunctions = labelled
        // Street names: longer streets first, one label each, a second far from the first.
        let streets = ReportMap.streets(roads: roads, positions: positions, project: project)
        var drawn: [String] = []
        for street in streets {
            let w = ChartStyle.textWidth(street.name, size: 10.5) + 8
            var placed: [LabelBox] = []
            for line in street.lines {
                for fraction in [0.5, 0.3, 0.7, 0.15, 0.85] {
                    guard placed.count < 2, let box = ReportMap.along(line, fraction: fraction, length: w) else { continue }
                    if let first = placed.first, hypot(first.x - box.x, first.y - box.y) < 260 { continue }
                    // Beside the road, not on it (the grey line would show through the spaces):
                    // above it first, else below.
                    let nx = sin(box.angle), ny = -cos(box.angle)
                    let sides = [10.0, -10.0].map { d -> LabelBox in
                        var b = box; b.x += nx * d; b.y += ny * d; return b
                    }
                    if let b = layout.place(sides) { placed.append(b) }
                }
            }
            for b in placed {
                let degrees = b.angle * 180 / .pi
                labels += "<text x=\"\(svg: b.x)\" y=\"\(svg: b.y + 3.5)\" text-anchor=\"middle\" class=\"street\" transform=\"rotate(\(svg: degrees) \(svg: b.x) \(svg: b.y))\">\(street.name)</text>"
            }
            if !placed.isEmpty { drawn.append(street.name) }
            boxes += placed
        }
        labelBoxes = boxes
        labelledStreets = drawn
        self.labels = labels + "</g>"
    }

    /// The map of the results' geometry, nil when they hold none.
    init?(_ tables: ResultTables) {
        self.init(junctions: tables.mapJunctions, roads: tables.mapRoads, incidents: tables.incidents,
                  background: tables.mapBackground)
    }

    /// A junction's label: the map's short id (`J7` from `j7-hoa-binh-nguyen-trai`) when the id
    /// starts with one, else its name (cut to 22 characters), else its id.
    static func shortLabel(_ j: MapJunctionRow) -> String {
        let head = j.id.split(separator: "-").first.map(String.init) ?? j.id
        let letters = head.prefix { $0.isLetter }, digits = head.dropFirst(letters.count)
        if (1...3).contains(letters.count), !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isNumber) {
            return head.uppercased()
        }
        let name = j.name.isEmpty ? j.id : j.name
        return name.count > 22 ? String(name.prefix(21)) + "…" : name
    }

    /// Each signalised junction's approaches as the core names them (formats.md: the compass
    /// side the incoming road comes from, 25 m along it, or the neighbour's id when two share a
    /// side), with the direction to draw each arm.
    /// An approach of a signalised junction: its name, the directed segment arriving by it and
    /// the unit direction on the drawing from the junction outwards.
    struct Leg {
        var approach: String
        var segment: String
        var dx: Double
        var dy: Double
    }

    static func legs(junctions: [MapJunctionRow], roads: [MapRoadRow], positions: [String: MapCoordinate],
                     project: (MapCoordinate) -> (x: Double, y: Double)) -> [String: [Leg]] {
        // (neighbour id, segment, polyline from the junction outwards) of every road entering
        // each signalised junction, in road order: one pass over the roads, not one per junction.
        let signalised = Set(junctions.lazy.filter(\.isSignalised).map(\.id))
        var entering: [String: [(from: String, segment: String, line: [MapCoordinate])]] = [:]
        for r in roads {
            let intoTo = r.lanesForward > 0 && signalised.contains(r.to)
            let intoFrom = !r.oneway && r.lanesBackward > 0 && signalised.contains(r.from)
            guard intoTo || intoFrom, let a = positions[r.from], let b = positions[r.to] else { continue }
            let line = r.shape.count >= 2 ? r.shape : [a, b]
            if intoTo { entering[r.to, default: []].append((r.from, r.id, line.reversed())) }
            if intoFrom { entering[r.from, default: []].append((r.to, r.id + "~r", line)) }
        }
        var out: [String: [Leg]] = [:]
        for j in junctions where j.isSignalised {
            let incoming = entering[j.id] ?? []
            let named = incoming.map { leg -> (compass: String, leg: Leg) in
                let angle = legAngle(leg.line)
                let p0 = project(leg.line[0]), p1 = project(point(along: leg.line, metres: 25))
                let len = max(hypot(p1.x - p0.x, p1.y - p0.y), 1e-9)
                return (compass(angle), Leg(approach: leg.from, segment: leg.segment, dx: (p1.x - p0.x) / len, dy: (p1.y - p0.y) / len))
            }
            out[j.id] = named.map { item in
                var leg = item.leg
                if named.filter({ $0.compass == item.compass }).count == 1 { leg.approach = item.compass }
                return leg
            }
        }
        return out
    }

    /// Metres east and north of `a` to `b` (local flat earth).
    static func metres(_ a: MapCoordinate, _ b: MapCoordinate) -> (x: Double, y: Double) {
        let k = cos(a.latitude * .pi / 180)
        return ((b.longitude - a.longitude) * k * 111_320, (b.latitude - a.latitude) * 110_574)
    }

    /// The point `metres` along a polyline (its end when shorter).
    static func point(along line: [MapCoordinate], metres d: Double) -> MapCoordinate {
        var walked = 0.0
        for i in 1..<line.count {
            let v = metres(line[i - 1], line[i])
            let step = hypot(v.x, v.y)
            if walked + step >= d, step > 0 {
                let t = (d - walked) / step
                return MapCoordinate(latitude: line[i - 1].latitude + t * (line[i].latitude - line[i - 1].latitude),
                                     longitude: line[i - 1].longitude + t * (line[i].longitude - line[i - 1].longitude))
            }
            walked += step
        }
        return line[line.count - 1]
    }

    /// Degrees counter-clockwise from east, from the line's start to the point 25 m along it
    /// (the core's probe: the first vertex at or past 25 m).
    static func legAngle(_ line: [MapCoordinate]) -> Double {
        var target = line[line.count - 1]
        var walked = 0.0
        for i in 1..<line.count {
            let v = metres(line[i - 1], line[i])
            walked += hypot(v.x, v.y)
            if walked >= 25 { target = line[i]; break }
        }
        let v = metres(line[0], target)
        return v.x == 0 && v.y == 0 ? 0 : atan2(v.y, v.x) * 180 / .pi
    }

    static func compass(_ angle: Double) -> String {
        let names = ["E", "NE", "N", "NW", "W", "SW", "S", "SE"]
        let a = angle < 0 ? angle + 360 : angle
        return names[Int((a / 45).rounded()) % 8]
    }

    /// Streets by name, longest first (total length on the drawing), each with its roads'
    /// polylines on the drawing, longest first.
    static func streets(roads: [MapRoadRow], positions: [String: MapCoordinate],
                        project: (MapCoordinate) -> (x: Double, y: Double)) -> [(name: String, lines: [[(x: Double, y: Double)]])] {
        var byName: [String: [[(x: Double, y: Double)]]] = [:]
        for r in roads where !r.name.isEmpty {
            guard let a = positions[r.from], let b = positions[r.to] else { continue }
            let line = (r.shape.count >= 2 ? r.shape : [a, b]).map(project)
            byName[r.name, default: []].append(line)
        }
        func length(_ l: [(x: Double, y: Double)]) -> Double {
            zip(l, l.dropFirst()).map { hypot($1.x - $0.x, $1.y - $0.y) }.reduce(0, +)
        }
        // Each line's length and each street's total computed once, not at every comparison
        // of the sorts (the same comparisons, so the same order).
        let streets = byName.map { name, lines -> (name: String, lines: [[(x: Double, y: Double)]], total: Double) in
            let measured = lines.map { (line: $0, length: length($0)) }.sorted { $0.length > $1.length }
            return (name, measured.map(\.line), measured.map(\.length).reduce(0, +))
        }
        return streets.sorted { a, b in
            a.total != b.total ? a.total > b.total : a.name < b.name
        }.map { ($0.name, $0.lines) }
    }

    /// A box of `length` along a polyline, centred at `fraction` of its length, when the line
    /// is nearly straight there (no vertex more than 3 units off the chord); turned to read
    /// left to right.
    static func along(_ line: [(x: Double, y: Double)], fraction: Double, length: Double) -> LabelBox? {
        let steps = zip(line, line.dropFirst()).map { hypot($1.x - $0.x, $1.y - $0.y) }
        let total = steps.reduce(0, +)
        guard total >= length + 6 else { return nil }
        let mid = max(length / 2, min(total - length / 2, total * fraction))
        func at(_ d: Double) -> (x: Double, y: Double) {
            var walked = 0.0
            for (i, s) in steps.enumerated() {
                if walked + s >= d, s > 0 {
                    let t = (d - walked) / s
                    return (line[i].x + t * (line[i + 1].x - line[i].x), line[i].y + t * (line[i + 1].y - line[i].y))
                }
                walked += s
            }
            return line[line.count - 1]
        }
        let a = at(mid - length / 2), b = at(mid + length / 2)
        let chord = hypot(b.x - a.x, b.y - a.y)
        guard chord > length * 0.9 else { return nil }
        // Vertices inside the span must lie near the chord.
        var walked = 0.0
        for (i, s) in steps.enumerated() {
            walked += s
            guard walked > mid - length / 2, walked < mid + length / 2 else { continue }
            let p = line[i + 1]
            let off = abs((b.x - a.x) * (a.y - p.y) - (a.x - p.x) * (b.y - a.y)) / chord
            if off > 3 { return nil }
        }
        var angle = atan2(b.y - a.y, b.x - a.x)
        if angle > .pi / 2 { angle -= .pi } else if angle <= -.pi / 2 { angle += .pi }
        return LabelBox(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, width: length, height: 12, angle: angle)
    }

    /// Background polylines projected and clipped to the view box: only the runs of segments
    /// that touch the box are kept (the SVG viewport clips the rest). They are drawn in every
    /// map, so they are written compactly: one `<path>`, a subpath (`M`) per run, whole pixels,
    /// relative steps (`l`), repeated points dropped; a 0.9 px grey line needs no finer.
    static func backgroundLayer(_ lines: [[MapCoordinate]], project: (MapCoordinate) -> (x: Double, y: Double),
                                width: Double, height: Double) -> Markup {
        guard !lines.isEmpty else { return "" }
        func touches(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) -> Bool {
            max(p.x, q.x) >= 0 && min(p.x, q.x) <= width && max(p.y, q.y) >= 0 && min(p.y, q.y) <= height
        }
        var d = ""
        var run: [(x: Int, y: Int)] = []
        func flush() {
            if run.count >= 2 {
                d += "M\(run[0].x) \(run[0].y)l"
                var first = true
                for (p, q) in zip(run, run.dropFirst()) {
                    for v in [q.x - p.x, q.y - p.y] {
                        if !first && v >= 0 { d += " " }
                        d += String(v); first = false
                    }
                }
            }
            run = []
        }
        func add(_ p: (x: Double, y: Double)) {
            let q = (x: Int(p.x.rounded()), y: Int(p.y.rounded()))
            if let last = run.last, last == q { return }
            run.append(q)
        }
        for line in lines {
            let pts = line.map(project)
            for (p, q) in zip(pts, pts.dropFirst()) {
                if touches(p, q) {
                    if run.isEmpty { add(p) }
                    add(q)
                } else {
                    flush()
                }
            }
            flush()
        }
        guard !d.isEmpty else { return "" }
        return Markup(raw: "<path class=\"bg-streets\" d=\"\(d)\" fill=\"none\" stroke=\"#d6d6d0\" stroke-width=\"0.9\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>")
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
            var text = TextBytes(capacity: pts.count * 12)
            text.append(svgPoints: pts.map(project))
            let coords = Markup(raw: text.string)
            let title = road.name.isEmpty ? road.id : "\(road.name) (\(road.id))"
            out += "<polyline points=\"\(coords)\" class=\"road\" stroke-width=\"\(svg: w)\"><title>\(title)</title></polyline>"
            if incidentRoads.contains(road.id) {
                out += "<polyline points=\"\(coords)\" class=\"road-incident\" stroke-width=\"\(svg: max(3, w * 0.8))\"><title>\(title)</title></polyline>"
            }
        }
        return out + "</g>"
    }

    /// One map per strategy: the roads, the approach arms and junction discs with the strategy's
    /// levels of service, then the labels.
    func svg(id: String, title: Bi, service: [String: ReportData.JunctionService], language: String) -> Markup {
        let description = junctions.filter(\.isSignalised).map { j -> String in
            let s = service[j.id]
            return "\(ReportMap.shortLabel(j)) \(j.name.isEmpty ? j.id : j.name): \(s?.los ?? "–")"
        }.joined(separator: "; ")
        var out = SVGText.open(id: id, width: width, height: height, title: title, description: description,
                               language: language)
        out += "<rect x=\"0\" y=\"0\" width=\"\(svg: width)\" height=\"\(svg: height)\" class=\"map-bg\"/>"
        out += backgroundLayer
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
        let r = discRadius
        for j in junctions where j.isSignalised {
            let p = project(j.at)
            let s = service[j.id]
            let letter = s?.los
            let name = j.name.isEmpty ? j.id : j.name
            var tip = name + " — " + Vocabulary.losName.plain(first: language) + " " + (letter ?? "–")
            if let d = s?.delayS {
                tip += ", " + NumberText.format(d, decimals: 1, language: language) + " s"
            }
            out += "<g class=\"signal\" data-junction=\"\(j.id)\"><title>\(tip)</title>"
            // One arm per approach, coloured by that approach's level of service.
            for leg in legs[j.id] ?? [] {
                let row = s?.approaches.first { $0.approach == leg.approach }
                let x0 = p.x + leg.dx * (r - 1), y0 = p.y + leg.dy * (r - 1)
                let x1 = p.x + leg.dx * (r + armLength), y1 = p.y + leg.dy * (r + armLength)
                let armTip = PlaceWords.approach(leg.approach).plain(first: language) + ": " + (row?.los ?? "–")
                    + (row?.controlDelayS.map { ", " + NumberText.format($0, decimals: 1, language: language) + " s" } ?? "")
                out += "<g class=\"arm\" data-approach=\"\(leg.approach)\" data-los=\"\(row?.los ?? "")\"><title>\(armTip)</title>"
                out += "<line x1=\"\(svg: x0)\" y1=\"\(svg: y0)\" x2=\"\(svg: x1)\" y2=\"\(svg: y1)\" stroke=\"#111111\" stroke-width=\"7\" stroke-linecap=\"butt\"/>"
                out += "<line x1=\"\(svg: x0)\" y1=\"\(svg: y0)\" x2=\"\(svg: x1 - leg.dx)\" y2=\"\(svg: y1 - leg.dy)\" stroke=\"\(LevelOfService.fill(row?.los))\" stroke-width=\"4.6\" stroke-linecap=\"butt\"/></g>"
            }
            out += "<circle cx=\"\(svg: p.x)\" cy=\"\(svg: p.y)\" r=\"\(svg: r)\" fill=\"\(LevelOfService.fill(letter))\" stroke=\"#111111\" stroke-width=\"1.5\"/>"
            out += "<text x=\"\(svg: p.x)\" y=\"\(svg: p.y + r * 0.4)\" text-anchor=\"middle\" class=\"los-letter\" style=\"font-size:\(svg: max(9, r * 1.15))px\" fill=\"\(LevelOfService.ink(letter))\">\(letter ?? "–")</text>"
            out += "</g>"
        }
        out += labels
        out += scaleBar()
        return out + "</svg>"
    }

    /// A scale bar (bottom left), a north arrow (top right) and the data attribution.
    private func scaleBar() -> Markup {
        let target = 140 * metresPerUnit
        let candidates: [Double] = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000]
        let metres = candidates.last { $0 <= target } ?? candidates[0]
        let len = metres / metresPerUnit
        let x0 = 16.0, y0 = height - 16
        let label = metres >= 1000 ? "\(svgNumber(metres / 1000)) km" : "\(Int(metres)) m"
        var out: Markup = "<g class=\"scale\"><path d=\"M\(svg: x0) \(svg: y0 - 5)V\(svg: y0)H\(svg: x0 + len)V\(svg: y0 - 5)\" fill=\"none\" stroke=\"#111111\" stroke-width=\"1.5\"/>"
        out += "<text x=\"\(svg: x0 + len + 6)\" y=\"\(svg: y0)\" class=\"t tick\">\(label)</text></g>"
        out += "<g class=\"north\"><path d=\"M\(svg: width - 22) 14L\(svg: width - 16) 30L\(svg: width - 22) 26L\(svg: width - 28) 30Z\" fill=\"#111111\"/><text x=\"\(svg: width - 22)\" y=\"44\" text-anchor=\"middle\" class=\"t tick\">\(Bi("B", "N").svg)</text></g>"
        out += attribution
        return out
    }
}
