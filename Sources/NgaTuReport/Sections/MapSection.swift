import NgaTuResults

/// Section 5: the network map, signalised junctions coloured by level of service, one layer per
/// strategy behind a switcher (without script every layer shows, one after the other), and the
/// same levels of service as a table.
enum MapSection {
    static func render(_ data: ReportData) -> Markup { render(data, map: ReportMap(data.tables)) }

    /// With the map already laid out (the playback draws the same one).
    static func render(_ data: ReportData, map: ReportMap?) -> Markup {
        let junctions = data.signalisedJunctions
        let services = data.strategies.map { data.junctionService($0) }

        var body: Markup = ""
        if let point = data.reference {
            body += Block.paragraph(Bi("Mức phục vụ (HCM) của mỗi nút có đèn: hình tròn theo độ trễ điều khiển trung bình của cả nút (trọng số theo số xe của các hướng vào; F khi một hướng vào quá tải, v/c > 1), mỗi nhánh ngắn theo độ trễ của hướng vào đó. Độ trễ điều khiển là thời gian chờ tại vạch dừng của các xe đã qua vạch trong thời gian đo và của các xe còn đang chờ khi kết thúc (tính thời gian đã chờ đến lúc đó, nên là cận dưới); tại ",
                                       "Level of service (HCM) of each signalised junction: the disc by the junction's mean control delay (weighted by the vehicles of its approaches; F when an approach is over capacity, v/c > 1), each short arm by that approach's own delay. Control delay is the wait at the stop line of the vehicles that crossed it in the measured period and of those still waiting at its end (their wait so far, so a lower bound); at ")
                + data.pointPhrase(point) + Bi(same: ".")
                + Bi(" <span class=\"js-only\">Chọn chiến lược để xem bản đồ tương ứng.</span>",
                     " <span class=\"js-only\">Pick a strategy to see its map.</span>"))
        }
        if let map {
            body += "<div class=\"switch strategy-switch\" role=\"group\" aria-label=\"\(Vocabulary.strategy.plain(first: data.language))\">"
            for (i, s) in data.strategies.enumerated() {
                body += "<button type=\"button\" data-set-layer=\"\(i)\" aria-pressed=\"\(i == 0 ? "true" : "false")\">\(Block.swatch(data.strategyIndex(s)))\(s)</button>"
            }
            body += "</div><div class=\"maps\">"
            for (i, s) in data.strategies.enumerated() {
                let title = Bi("Bản đồ mức phục vụ — ", "Level of service map — ") + Bi(same: "\(s)")
                body += "<figure class=\"map-layer\(Markup.when(i == 0, " active"))\" data-layer=\"\(i)\"><figcaption>\(title.html)</figcaption>"
                body += map.svg(id: "los-map-\(i + 1)-\(FigureExport.slug(s))", title: title, service: services[i], language: data.language)
                body += "</figure>"
            }
            body += "</div>"
        } else {
            body += Block.paragraph(Bi("Kết quả này không lưu hình học bản đồ; bảng dưới đây cho mức phục vụ của từng nút.",
                                       "These results hold no map geometry; the table below gives each junction's level of service."), cls: "muted")
        }
        body += legend(hasIncidents: !data.tables.incidents.isEmpty)
        body += table(data, junctions: junctions, services: services)
        body += heldNote(data, junctions: junctions, services: services)
        return Block.section("map", Bi("Bản đồ mức phục vụ", "Level of service map"), body)
    }

    static func legend(hasIncidents: Bool) -> Markup {
        var out: Markup = "<ul class=\"legend\" aria-label=\"\(Vocabulary.losName.plain(first: "vi"))\">"
        for letter in LevelOfService.letters {
            out += "<li>\(Block.los(letter)) \(LevelOfService.range(letter).html)</li>"
        }
        out += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"18\" viewBox=\"0 0 40 18\" aria-hidden=\"true\"><line x1=\"16\" y1=\"9\" x2=\"38\" y2=\"9\" stroke=\"#111111\" stroke-width=\"7\"/><line x1=\"16\" y1=\"9\" x2=\"37\" y2=\"9\" stroke=\"\(LevelOfService.fill("D"))\" stroke-width=\"4.6\"/><circle cx=\"9\" cy=\"9\" r=\"8\" fill=\"\(LevelOfService.fill("C"))\" stroke=\"#111111\" stroke-width=\"1.5\"/></svg> \(Bi("hình tròn: cả nút (độ trễ có trọng số); nhánh: từng hướng vào (trắng: không có xe)", "disc: the junction (weighted delay); arm: each approach (white: no vehicles)").html)</li>"
        out += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><circle cx=\"7\" cy=\"7\" r=\"3\" fill=\"#6b7280\"/></svg> \(Bi("nút không đèn", "unsignalised").html)</li>"
        out += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect x=\"3\" y=\"3\" width=\"8\" height=\"8\" fill=\"#ffffff\" stroke=\"#333333\"/></svg> \(Bi("điểm biên", "boundary").html)</li>"
        if hasIncidents {
            out += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"28\" height=\"14\" viewBox=\"0 0 28 14\" aria-hidden=\"true\"><line x1=\"1\" y1=\"7\" x2=\"27\" y2=\"7\" stroke=\"#D55E00\" stroke-width=\"3\" stroke-dasharray=\"6 4\"/></svg> \(Bi("đường có sự cố", "road with an incident").html)</li>"
        }
        return out + "</ul>"
    }

    /// Under the table: the level of service is a mean over every vehicle of the measured period
    /// (those still queued at the end with their wait so far), so a junction graded A–E where a
    /// vehicle waited longer than `max_wait_warning` is named with that wait (a few vehicles held
    /// a long time, hidden among the many served quickly).
    static func heldNote(_ data: ReportData, junctions: [String], services: [[String: ReportData.JunctionService]]) -> Markup {
        var cases: [Bi] = []
        for (i, s) in data.strategies.enumerated() {
            for j in junctions {
                guard let service = services[i][j], let w = service.maxWaitS, w > data.maxWaitWarningS,
                      let letter = service.los, letter != "F" else { continue }
                cases.append(data.junctionLabel(j) + Bi(same: " (\(s)): ") + Bi("mức ", "LOS ") + Bi(same: "\(letter), ")
                    + Bi("xe chờ lâu nhất ", "longest wait ") + NumberText.bi(w, decimals: 0) + Bi(" giây", " s"))
            }
        }
        guard !cases.isEmpty else { return "" }
        let limit = NumberText.bi(data.maxWaitWarningS, decimals: 0)
        var text = Bi("⚠ Mức phục vụ là trung bình của mọi xe trong thời gian đo (xe còn chờ khi kết thúc tính thời gian đã chờ), nên vài xe bị giữ rất lâu vẫn có thể ẩn sau một mức tốt giữa nhiều xe qua nhanh: ",
                      "⚠ The level of service is a mean over every vehicle of the measured period (those still waiting at the end count with their wait so far), so a few vehicles held a long time can hide behind a good letter among many that went through quickly: ")
            + Bi("các nút sau có mức tốt hơn F dù một xe đã chờ hơn ", "these junctions grade better than F although a vehicle waited longer than ")
            + limit + Bi(" giây tại một vạch dừng: ", " s at one stop line: ")
        for (k, c) in cases.prefix(8).enumerated() { text = text + (k > 0 ? Bi(same: "; ") : Bi(same: "")) + c }
        if cases.count > 8 { text = text + Bi("; và \(cases.count - 8) chỗ khác", "; and \(cases.count - 8) more") }
        return Block.paragraph(text + Bi(same: "."), cls: "warning held-note")
    }

    static func table(_ data: ReportData, junctions: [String], services: [[String: ReportData.JunctionService]]) -> Markup {
        guard !junctions.isEmpty else { return "" }
        var t: Markup = "<table class=\"los-table\"><caption>\(Bi("Mức phục vụ và độ trễ điều khiển (giây/xe) của từng nút có đèn", "Level of service and control delay (s/veh) of each signalised junction").html)</caption><thead><tr><th scope=\"col\">\(Bi("Ký hiệu", "Label").html)</th><th scope=\"col\">\(Vocabulary.junction.html)</th>"
        for s in data.strategies { t += "<th scope=\"col\" class=\"num\">\(Block.swatch(data.strategyIndex(s)))\(s)</th>" }
        t += "</tr></thead><tbody>"
        let rows = Dictionary(data.tables.mapJunctions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // In the order of the labels (J1, J2, …, J10), which the map shows.
        func key(_ id: String) -> (String, Int, String) {
            let label = rows[id].map(ReportMap.shortLabel) ?? id
            let letters = String(label.prefix { $0.isLetter })
            return (letters, Int(label.dropFirst(letters.count)) ?? Int.max, label)
        }
        // Each junction's key made once, not at every comparison (the same order).
        let keys = Dictionary(junctions.map { ($0, key($0)) }, uniquingKeysWith: { a, _ in a })
        for j in junctions.sorted(by: { keys[$0]! < keys[$1]! }) {
            let name = data.junctionName(j)
            let label = rows[j].map(ReportMap.shortLabel) ?? j
            t += "<tr><td>\(label)</td><th scope=\"row\">\(data.junctionLabel(j).html)\(Markup.when(name != j, " <span class=\"muted\">(\(j))</span>"))</th>"
            for service in services {
                let s = service[j]
                let delay: Markup = s?.delayS.map { " " + NumberText.bi($0, decimals: 1).html } ?? ""
                var held: Markup = ""
                if let w = s?.maxWaitS, w > data.maxWaitWarningS {
                    var title = Bi("Xe chờ lâu nhất tại một vạch dừng: ", "Longest wait at one stop line: ") + NumberText.bi(w, decimals: 0) + Bi(" giây", " s")
                    if let q = s?.stillQueuedVeh, q > 0 {
                        title = title + Bi("; còn ", "; ") + NumberText.bi(q, decimals: 1)
                            + Bi(" xe đang chờ khi kết thúc (trung bình các lần chạy)", " vehicles still waiting at the end (mean over replications)")
                    }
                    held = " <span class=\"held\" title=\"\(title.plain(first: data.language))\">⚠ \(NumberText.bi(w, decimals: 0).html)\(Bi(" giây", " s").html)</span>"
                }
                t += "<td class=\"num\">\(Block.los(s?.los))\(delay)\(held)</td>"
            }
            t += "</tr>"
        }
        return t + "</tbody></table>"
    }
}
