import Foundation
import NgaTuResults

/// Section 8: the scenario's incidents on the run's timeline, and as a list.
enum IncidentSection {
    static func render(_ data: ReportData) -> Markup {
        let incidents = data.tables.incidents
        // The table holds the scenario's own events, which every variant has; a variant's own
        // events are in its description, and a reader must not take "no incidents" for the flood
        // scenario one variant adds.
        let adding = data.meta.variantsWithEvents
        let variantNote: Markup = adding.isEmpty ? "" : Block.paragraph(
            Bi("Các phương án ", "The variants ") + Bi(.text(adding.map { "“\($0)”" }.joined(separator: ", ")), .text(adding.map { "“\($0)”" }.joined(separator: ", ")))
            + Bi(" thêm sự cố riêng: xem mục Các phương án và chiến lược.", " add incidents of their own: see Variants and strategies."))
        guard !incidents.isEmpty else {
            let none = adding.isEmpty
                ? Bi("Kịch bản này không có sự cố (ngập, thi công, đóng đường).", "This scenario has no incidents (flooding, works, closures).")
                : Bi("Không có sự cố chung cho mọi phương án.", "No incident is common to every variant.")
            return Block.section("incidents", Bi("Sự cố", "Incidents"), Block.paragraph(none) + variantNote)
        }
        var body: Markup = timeline(data) + variantNote
        body += "<table class=\"incidents\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">\(Bi("Loại", "Kind").html)</th><th scope=\"col\">\(Bi("Đường", "Road").html)</th><th scope=\"col\">\(Bi("Từ", "From").html)</th><th scope=\"col\">\(Bi("Đến", "To").html)</th></tr></thead><tbody>"
        for (i, e) in incidents.enumerated() {
            body += "<tr><td class=\"num\">\(i + 1)</td><td>\(Vocabulary.incident(e).html)</td><td>\(roadText(data, e).html)</td><td>\(Block.instant(e.fromS, data).html)</td><td>\(Block.instant(e.toS, data).html)</td></tr>"
        }
        body += "</tbody></table>"
        return Block.section("incidents", Bi("Sự cố", "Incidents"), body)
    }

    /// The road of an incident in words: its name and id, and which direction it touches. A
    /// segment id is one direction ("northbound, A → B"); `direction: both` is both ("both
    /// directions, A ↔ B").
    static func roadText(_ data: ReportData, _ e: IncidentRow) -> Bi {
        let (id, name) = roadName(data, e.road)
        var text = name.isEmpty ? Bi(same: "\(e.road)") : Bi(same: "\(name) <span class=\"muted\">(\(e.road))</span>")
        guard let r = data.tables.mapRoads.first(where: { $0.id == id }) else { return text }
        let reverse = e.road.hasSuffix("~r")
        let from = reverse ? r.to : r.from, to = reverse ? r.from : r.to
        let fromName = data.junctionLabel(from), toName = data.junctionLabel(to)
        if e.bothDirections {
            text = text + Bi(", cả hai chiều: ", ", both directions: ") + fromName + Bi(same: " ↔ ") + toName
        } else {
            if let bound = bound(data, from: from, to: to) { text = text + Bi(same: ", ") + bound }
            text = text + Bi(", một chiều: ", ", one direction: ") + fromName + Bi(same: " → ") + toName
        }
        return text
    }

    /// The road id of a segment and the road's name (empty when the map gives none).
    static func roadName(_ data: ReportData, _ segment: String) -> (id: String, name: String) {
        let id = segment.hasSuffix("~r") ? String(segment.dropLast(2)) : segment
        return (id, data.tables.mapRoads.first { $0.id == id }?.name ?? "")
    }

    /// The direction of travel from junction `from` to `to` as roads are signed, to the nearest
    /// of the four compass points ("northbound"); nil when either junction is not in the map
    /// tables.
    static func bound(_ data: ReportData, from: String, to: String) -> Bi? {
        guard let a = data.tables.mapJunctions.first(where: { $0.id == from })?.at,
              let b = data.tables.mapJunctions.first(where: { $0.id == to })?.at else { return nil }
        let north = b.latitude - a.latitude
        let east = (b.longitude - a.longitude) * cos(a.latitude * .pi / 180)
        guard north != 0 || east != 0 else { return nil }
        let degrees = (atan2(east, north) * 180 / .pi + 360 + 45).truncatingRemainder(dividingBy: 360)
        let names = [("hướng bắc", "northbound"), ("hướng đông", "eastbound"), ("hướng nam", "southbound"), ("hướng tây", "westbound")]
        let (vi, en) = names[min(max(Int(degrees / 90), 0), 3)]
        return Bi("\(vi)", "\(en)")
    }

    /// A short label for the timeline: the road's name (or id), its direction and what happens
    /// to it.
    static func shortLabel(_ data: ReportData, _ e: IncidentRow) -> Bi {
        var (id, name) = roadName(data, e.road)
        if name.isEmpty { name = e.road }
        if name.count > 32 { name = String(name.prefix(31)) + "…" }
        var direction = Bi(same: "")
        if e.bothDirections {
            direction = Bi(" (cả hai chiều)", " (both directions)")
        } else if let r = data.tables.mapRoads.first(where: { $0.id == id }) {
            let reverse = e.road.hasSuffix("~r")
            if let b = bound(data, from: reverse ? r.to : r.from, to: reverse ? r.from : r.to) {
                direction = Bi(same: " (") + b + Bi(same: ")")
            }
        }
        let what = e.kind == "closure" ? Bi("đóng đường", "closed")
            : e.kind == "capacity" ? Bi("còn ", "") + NumberText.percent(e.factor * 100, signed: false) + Bi(" năng lực", " capacity")
            : Bi(same: "\(e.kind)")
        return Bi(same: "\(name)") + direction + Bi(same: ": ") + what
    }

    static func timeline(_ data: ReportData) -> Markup {
        let incidents = data.tables.incidents
        let width = 760.0, left = 44.0, right = 16.0, top = 14.0, row = 26.0
        let end = max(data.durationS ?? 0, incidents.map(\.toS).max() ?? 0)
        let height = top + Double(incidents.count) * row + 40
        let axis = TimeAxis(durationS: data.durationS)
        let span = axis.value(max(end, 1))
        let x = LinearScale(domain: (0, span), range: (left, width - right))
        let decimals = axis.secondsPerUnit == 60 ? 0 : 1
        let title = Bi("Sự cố theo thời gian", "Incidents on the timeline")
        let description = incidents.enumerated().map { i, e in
            "\(i + 1): \(e.kind) \(e.road) \(NumberText.format(axis.value(e.fromS), decimals: decimals, language: data.language))–\(NumberText.format(axis.value(e.toS), decimals: decimals, language: data.language)) \(axis.unit.en)"
        }.joined(separator: "; ")
        var out = SVGText.open(id: "incident-timeline", width: width, height: height, title: title,
                               description: description, language: data.language)
        let plotBottom = top + Double(incidents.count) * row
        if let w = data.warmupS, w > 0 {
            out += "<rect x=\"\(svg: left)\" y=\"\(svg: top)\" width=\"\(svg: x(axis.value(w)) - left)\" height=\"\(svg: plotBottom - top)\" fill=\"#E5E7EB\"/>"
        }
        let ticks = Ticks.nice(0, span, count: 8).filter { $0 <= span + 1e-9 }
        for t in ticks {
            out += "<line x1=\"\(svg: x(t))\" x2=\"\(svg: x(t))\" y1=\"\(svg: top)\" y2=\"\(svg: plotBottom + 4)\" class=\"grid\"/>"
            out += SVGText.text(NumberText.bi(t, decimals: 0), x: x(t), y: plotBottom + 17, anchor: "middle", cls: "t tick")
        }
        for (i, e) in incidents.enumerated() {
            let y0 = top + Double(i) * row + 4
            let x0 = x(axis.value(e.fromS)), x1 = max(x(axis.value(e.toS)), x0 + 2)
            out += SVGText.text(Bi(same: "\(i + 1)"), x: left - 10, y: y0 + 13, anchor: "end", cls: "t label")
            out += "<rect x=\"\(svg: x0)\" y=\"\(svg: y0)\" width=\"\(svg: x1 - x0)\" height=\"\(svg: row - 8)\" fill=\"\(e.kind == "closure" ? "#000000" : "#D55E00")\" opacity=\"0.85\"/>"
            let label = shortLabel(data, e)
            let labelWidth = label.longestPlainWidth(size: 11.5)
            if x1 + 6 + labelWidth < width - right {
                out += SVGText.text(label, x: x1 + 6, y: y0 + 13, cls: "t tick")
            } else if x0 - 6 - labelWidth > left {
                out += SVGText.text(label, x: x0 - 6, y: y0 + 13, anchor: "end", cls: "t tick")
            } else if x1 - x0 - 8 >= labelWidth {
                out += SVGText.text(label, x: x0 + 4, y: y0 + 13, cls: "t on-dark")
            } else {
                // Wider than the bar and than either side: dark text with a white halo over the
                // bar, in the incident's own row, so it overlaps no other label.
                out += SVGText.text(label, x: max(left, min(x0 + 4, width - right - labelWidth)), y: y0 + 13, cls: "t tick halo")
            }
        }
        out += "<line x1=\"\(svg: left)\" x2=\"\(svg: width - right)\" y1=\"\(svg: plotBottom)\" y2=\"\(svg: plotBottom)\" class=\"axis\"/>"
        out += SVGText.text(axis.fromStartLabel,
                            x: (left + width - right) / 2, y: plotBottom + 34, anchor: "middle", cls: "t label")
        return "<figure class=\"wide\">" + out + "</svg></figure>"
    }
}
