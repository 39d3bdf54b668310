import NgaTuResults

/// Where the traffic goes (scenarios with `variants:` only): per variant, the directed road
/// segments whose flow (`roads.csv`, vehicles per hour of the measured window, mean over
/// replications) changes against the baseline variant, under the baseline strategy at the
/// reference point: on a map of the part of the network that changed (blue more, orange
/// fewer, wider for a larger change) and in a table of the streets with the largest changes.
/// A flood's detour shows here: the flooded segments lose traffic, the side streets gain it.
enum RoadChangeSection {
    /// Changes smaller than this (veh/h) are left out: replication noise, not a detour.
    static let threshold = 5.0
    /// Rows of the table per variant.
    static let rows = 12

    struct Change {
        var segment: String
        var from: String, to: String
        var base: Double, variant: Double
        var delta: Double { variant - base }
    }

    /// The changes of variant `index` against the baseline variant, largest first (ties by
    /// segment id), at least `threshold` veh/h.
    static func changes(_ data: ReportData, variant index: Int, baseIndex: Int, names: [String], reference: SweepPoint) -> [Change] {
        let basePoint = reference.inVariant(baseIndex, named: names[baseIndex])
        let point = reference.inVariant(index, named: names[index])
        var base: [String: Double] = [:]
        for r in data.tables.roads where r.strategy == data.baseline && r.sweep == basePoint { base[r.segment] = r.flowVehH }
        var out: [Change] = []
        for r in data.tables.roads where r.strategy == data.baseline && r.sweep == point {
            let c = Change(segment: r.segment, from: r.from, to: r.to, base: base[r.segment] ?? 0, variant: r.flowVehH)
            if abs(c.delta) >= threshold { out.append(c) }
        }
        return out.sorted { (abs($0.delta), $1.segment) > (abs($1.delta), $0.segment) }
    }

    /// One row of the table: the segments of one street in one direction whose flow moved the
    /// same way, shown by the largest of their changes.
    struct Street {
        var name: Bi
        var segments: [String]
        var largest: Change
    }

    /// Changes grouped by street name, compass direction and sign, largest first; a segment of
    /// an unnamed road is its own row.
    static func streets(_ data: ReportData, _ changes: [Change]) -> [Street] {
        var out: [Street] = []
        var index: [String: Int] = [:]
        for c in changes {
            let (_, name) = IncidentSection.roadName(data, c.segment)
            let bound = IncidentSection.bound(data, from: c.from, to: c.to)
            let key = name.isEmpty ? "#" + c.segment : name + "|" + (bound?.en.raw ?? "") + "|" + (c.delta > 0 ? "+" : "-")
            if let k = index[key] {
                out[k].segments.append(c.segment)
                continue
            }
            var label = Bi(.text(name.isEmpty ? c.segment : name), .text(name.isEmpty ? c.segment : name))
            if let bound { label = label + Bi(same: ", ") + bound }
            index[key] = out.count
            out.append(Street(name: label, segments: [c.segment], largest: c))
        }
        return out
    }

    static func render(_ data: ReportData) -> Markup {
        let names = data.meta.variantNames
        guard names.count > 1, !data.tables.roads.isEmpty, let reference = data.reference else { return "" }
        let baseIndex = data.meta.baselineVariant ?? 0
        var body: Markup = ""
        for (i, name) in names.enumerated() where i != baseIndex {
            let all = changes(data, variant: i, baseIndex: baseIndex, names: names, reference: reference)
            guard !all.isEmpty else { continue }
            let title = Bi("Lưu lượng thay đổi: “", "Change in flow: “") + Bi(.text(name), .text(name))
                + Bi("” so với “", "” against “") + Bi(.text(names[baseIndex]), .text(names[baseIndex])) + Bi(same: "”")
            body += "<h3>\(title.html)</h3>"
            if let map = zoomedMap(data, around: all) {
                var deltas: [String: Double] = [:]
                for c in all { deltas[c.segment] = c.delta }
                body += "<figure class=\"wide\">" + map.flowChangeSVG(id: "flow-change-\(i + 1)-\(FigureExport.slug(name))", title: title,
                                                                   deltas: deltas, language: data.language) + "</figure>"
            }
            let groups = streets(data, all)
            body += table(data, Array(groups.prefix(rows)), variant: name, base: names[baseIndex])
            if groups.count > rows {
                body += Block.paragraph(Bi("Và \(groups.count - rows) đường khác thay đổi ít hơn (xem roads.csv).",
                                           "And \(groups.count - rows) other streets with smaller changes (see roads.csv)."), cls: "muted")
            }
        }
        guard !body.isEmpty else { return "" }
        let intro = Block.paragraph(
            Bi("Các đoạn đường (theo từng chiều) có lưu lượng thay đổi ở mỗi phương án so với phương án gốc, với chiến lược “",
               "The directed road segments whose flow changes in each variant against the baseline variant, under the strategy “")
            + Bi(.text(data.baseline), .text(data.baseline))
            + Bi("”, tại ", "”, at ") + data.pointPhrase(withoutVariant(reference))
            + Bi(": xe/giờ trong thời gian đo, trung bình các lần chạy (roads.csv). Bản đồ chỉ phần mạng lưới có thay đổi. Xanh: nhiều xe hơn (đường vòng); cam: ít xe hơn; nét càng dày, thay đổi càng lớn; thay đổi dưới 5 xe/giờ không tính. Bảng: mỗi đường theo một chiều, với đoạn thay đổi nhiều nhất.",
                 ": vehicles per hour of the measured window, mean over replications (roads.csv). The map shows the part of the network that changed. Blue: more vehicles (a detour); orange: fewer; the wider the line, the larger the change; changes under 5 veh/h are left out. Table: each street in one direction, by its segment with the largest change."))
        return Block.section("road-changes", Bi("Dòng xe đi đâu", "Where the traffic goes"), intro + body)
    }

    /// `point` without its variant key: the section compares variants, so only the other keys
    /// (demand scale, swept keys) say where.
    static func withoutVariant(_ point: SweepPoint) -> SweepPoint {
        let kept = point.keys.indices.filter { point.keys[$0] != Sweep.variantKey }
        return SweepPoint(keys: kept.map { point.keys[$0] }, values: kept.map { point.values[$0] })
    }

    /// The map cut to the changed segments' extent plus a third of it on each side (at least
    /// 300 m): the junctions inside, the roads with an end inside, the background streets
    /// with a point inside.
    static func zoomedMap(_ data: ReportData, around changes: [Change]) -> ReportMap? {
        var at: [String: MapCoordinate] = [:]
        for j in data.tables.mapJunctions { at[j.id] = j.at }
        let ends = changes.flatMap { [$0.from, $0.to] }.compactMap { at[$0] }
        guard let first = ends.first else { return nil }
        var south = first.latitude, north = first.latitude, west = first.longitude, east = first.longitude
        for p in ends {
            south = min(south, p.latitude); north = max(north, p.latitude)
            west = min(west, p.longitude); east = max(east, p.longitude)
        }
        let padLat = max((north - south) / 3, 300 / 111_320.0), padLon = max((east - west) / 3, 300 / 109_600.0)
        south -= padLat; north += padLat; west -= padLon; east += padLon
        func inside(_ p: MapCoordinate) -> Bool { p.latitude >= south && p.latitude <= north && p.longitude >= west && p.longitude <= east }
        let roads = data.tables.mapRoads.filter { r in [r.from, r.to].contains { at[$0].map(inside) ?? false } }
        var keep = Set(data.tables.mapJunctions.filter { inside($0.at) }.map(\.id))
        for r in roads { keep.insert(r.from); keep.insert(r.to) }
        let junctions = data.tables.mapJunctions.filter { keep.contains($0.id) }
        let background = data.tables.mapBackground.filter { $0.contains(where: inside) }
        return ReportMap(junctions: junctions, roads: roads, incidents: data.tables.incidents, background: background)
    }

    static func table(_ data: ReportData, _ streets: [Street], variant: String, base: String) -> Markup {
        var t: Markup = "<table class=\"road-changes\"><thead><tr><th scope=\"col\">\(Bi("Đường", "Street").html)</th>"
        t += "<th scope=\"col\">\(Bi("Đoạn thay đổi nhiều nhất", "Segment with the largest change").html)</th>"
        t += "<th scope=\"col\" class=\"num\">\(Markup.text(base))</th><th scope=\"col\" class=\"num\">\(Markup.text(variant))</th>"
        t += "<th scope=\"col\" class=\"num\">\(Bi("Chênh lệch (xe/giờ)", "Change (veh/h)").html)</th></tr></thead><tbody>"
        for s in streets {
            let c = s.largest
            let more = s.segments.count - 1
            let others: Markup = more > 0 ? " " + Bi(" và \(more) đoạn khác", " and \(more) more").html : ""
            let direction = data.junctionLabel(c.from) + Bi(same: " → ") + data.junctionLabel(c.to)
            let sign = c.delta > 0 ? "+" : ""
            t += "<tr><th scope=\"row\">\(s.name.html)</th><td>\(direction.html) <span class=\"muted\">(\(c.segment)\(others))</span></td>"
            t += "<td class=\"num\">\(NumberText.bi(c.base, decimals: 0).html)</td><td class=\"num\">\(NumberText.bi(c.variant, decimals: 0).html)</td>"
            t += "<td class=\"num\">\(Markup.text(sign))\(NumberText.bi(c.delta, decimals: 0).html)</td></tr>"
        }
        return t + "</tbody></table>"
    }
}
