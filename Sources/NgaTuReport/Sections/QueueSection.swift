import NgaTuResults

/// Section 6: queued PCU over time, for the whole network and at the worst junctions (the
/// signalised junctions with the longest mean queue under any strategy), with the warm-up and
/// incidents shaded, and the approaches with the longest queues.
enum QueueSection {
    static func render(_ data: ReportData) -> Markup {
        var body: Markup = ""
        let axis = TimeAxis(durationS: data.durationS)
        let series = data.strategies.map { s in
            LineChart.Series(strategyIndex: data.strategyIndex(s), name: s,
                             points: data.meanQueue(s).map { LineChart.Point(x: axis.value($0.timeS), y: $0.pcu) })
        }
        if series.contains(where: { !$0.points.isEmpty }) {
            let chart = LineChart(id: "queue-chart", title: Bi("Tổng hàng chờ trong mạng lưới theo thời gian", "Queued PCU in the network over time"),
                                  xLabel: axis.fromStartLabel,
                                  yLabel: Bi("Hàng chờ (PCU, trung bình các lần chạy)", "Queue (PCU, mean over replications)"),
                                  series: series, bands: bands(data), markers: false,
                                  xDomain: data.durationS.map { (0, axis.value($0)) }, language: data.language)
            body += Block.paragraph(Bi("Tổng số xe quy đổi (PCU) đang xếp hàng trên toàn mạng lưới, trung bình qua các lần chạy. Vùng xám: thời gian khởi động; vùng gạch chéo: sự cố.",
                                       "Passenger-car units queued on the whole network, mean over replications. Grey: warm-up; hatched: incidents."))
            body += "<figure class=\"wide\">\(chart.svg())</figure>"
        } else {
            body += Block.paragraph(Bi("Không có chuỗi thời gian trong kết quả này.", "These results hold no time series."), cls: "muted")
        }
        body += worstJunctions(data)
        body += worstApproaches(data)
        return Block.section("queues", Bi("Hàng chờ theo thời gian", "Queues over time"), body)
    }

    /// One chart per worst junction: its queued PCU over time, one line per strategy.
    static func worstJunctions(_ data: ReportData, limit: Int = 3) -> Markup {
        let queues = data.meanJunctionQueues()
        guard !queues.isEmpty else { return "" }
        var peak: [String: Double] = [:]
        for (_, byJunction) in queues {
            for (junction, points) in byJunction { peak[junction] = max(peak[junction] ?? 0, points.map(\.pcu).max() ?? 0) }
        }
        let worst = peak.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map(\.key)
        guard !worst.isEmpty else { return "" }
        let axis = TimeAxis(durationS: data.durationS)
        var out: Markup = Block.paragraph(Bi("Hàng chờ tại các nút có hàng chờ dài nhất (tổng PCU trên mọi hướng vào của nút, trung bình qua các lần chạy).",
                                             "Queues at the junctions with the longest queues (PCU on all of the junction's approaches, mean over replications)."))
        out += "<div class=\"charts\">"
        for (k, junction) in worst.enumerated() {
            let series = data.strategies.map { s in
                LineChart.Series(strategyIndex: data.strategyIndex(s), name: s,
                                 points: (queues[s]?[junction] ?? []).map { LineChart.Point(x: axis.value($0.timeS), y: $0.pcu) })
            }
            let name = data.junctionLabel(junction)
            let chart = LineChart(id: "junction-queue-\(k + 1)", title: Bi("Hàng chờ tại ", "Queue at ") + name,
                                  xLabel: axis.shortLabel,
                                  yLabel: Bi("Hàng chờ (PCU)", "Queue (PCU)"),
                                  series: series, bands: bands(data), markers: false,
                                  xDomain: data.durationS.map { (0, axis.value($0)) }, language: data.language)
            out += "<figure class=\"junction-chart\"><figcaption>\(name.html) <span class=\"muted\">(\(junction))</span></figcaption>\(chart.svg())</figure>"
        }
        return out + "</div>"
    }

    static func bands(_ data: ReportData) -> [LineChart.Band] {
        var bands: [LineChart.Band] = []
        let axis = TimeAxis(durationS: data.durationS)
        if let w = data.warmupS, w > 0 {
            bands.append(LineChart.Band(from: 0, to: axis.value(w), label: Bi("khởi động", "warm-up"), kind: .warmup))
        }
        for (i, incident) in data.tables.incidents.enumerated() {
            bands.append(LineChart.Band(from: axis.value(incident.fromS), to: axis.value(incident.toS),
                                        label: Bi("Sự cố \(i + 1)", "Incident \(i + 1)"), kind: .incident))
        }
        return bands
    }

    /// The approaches with the longest maximum queue under any strategy, at the reference point.
    static func worstApproaches(_ data: ReportData, limit: Int = 10) -> Markup {
        struct Key: Hashable { var junction: String; var approach: String }
        var byKey: [Key: [String: JunctionRow]] = [:]
        var order: [Key] = []
        for row in data.tables.junctions where row.sweep == data.reference {
            let key = Key(junction: row.junction, approach: row.approach)
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: [:]][row.strategy] = row
        }
        guard !order.isEmpty else { return "" }
        // Each approach's longest queue, computed once (not at every comparison of the sort).
        let worst = order.map { k in byKey[k]!.values.map(\.maxQueueM).max() ?? 0 }
        let ranked = order.indices.sorted { a, b in
            worst[a] != worst[b] ? worst[a] > worst[b] : a < b
        }.prefix(limit).map { order[$0] }

        var t: Markup = "<table class=\"queues\"><caption>\(Bi("Các hướng vào có hàng chờ dài nhất: hàng chờ lớn nhất (m, số xe) và mức phục vụ của hướng, trung bình qua các lần chạy", "Approaches with the longest queues: maximum queue (m, vehicles) and the approach's level of service, mean over replications").html)</caption><thead><tr><th scope=\"col\">\(Vocabulary.junction.html)</th><th scope=\"col\">\(Vocabulary.approach.html)</th>"
        for s in data.strategies { t += "<th scope=\"col\" class=\"num\">\(Block.swatch(data.strategyIndex(s)))\(s)</th>" }
        t += "</tr></thead><tbody>"
        for k in ranked {
            t += "<tr><th scope=\"row\">\(data.junctionLabel(k.junction).html)</th><td>\(PlaceWords.approach(k.approach).html)</td>"
            for s in data.strategies {
                guard let r = byKey[k]![s] else { t += "<td class=\"num\">–</td>"; continue }
                t += "<td class=\"num\">\(NumberText.bi(r.maxQueueM, decimals: 0).html) m <small>(\(NumberText.bi(r.maxQueueVeh, decimals: 0).html) \(Bi("xe", "veh").html))</small> \(Block.los(r.los))</td>"
            }
            t += "</tr>"
        }
        return t + "</tbody></table>"
    }
}
