import NgaTuResults

/// Section 1: the question and the scenario in plain words.
enum ScenarioSection {
    static func render(_ data: ReportData) -> Markup {
        let meta = data.meta
        var body: Markup = ""
        let question: Bi = meta.question.map { q in Bi("\(meta.property("question_vi") ?? q)", "\(q)") }
            ?? Bi("Chiến lược điều khiển đèn tín hiệu nào giảm độ trễ nhiều nhất cho mạng lưới này, so với \(data.baseline)?",
                  "Which signal control strategy cuts delay most on this network, compared with \(data.baseline)?")
        body += "<p class=\"question\"><span class=\"label\">\(Bi("Câu hỏi: ", "Question: ").html)</span>\(question.html)</p>"

        var rows: [(Bi, Markup)] = []
        rows.append((Bi("Kịch bản", "Scenario"), data.title.html + " <span class=\"muted\">(\(meta.scenarioID))</span>"))
        let mapTitle = meta.property("map_title") ?? meta.mapID ?? "–"
        var mapText: Markup = "\(mapTitle)"
        let tables = data.tables
        if !tables.mapJunctions.isEmpty {
            let signals = tables.mapJunctions.filter(\.isSignalised).count
            mapText += " — " + (Bi("\(tables.mapJunctions.count) nút giao, trong đó \(signals) nút có đèn; \(tables.mapRoads.count) tuyến đường",
                                   "\(tables.mapJunctions.count) junctions, \(signals) of them signalised; \(tables.mapRoads.count) roads").html)
        }
        rows.append((Bi("Bản đồ", "Map"), mapText))

        var period: Markup = meta.property("period").map { "\($0). " } ?? ""
        if let duration = data.durationS {
            let warmup = data.warmupS ?? 0
            period += (Bi("Mô phỏng ", "Simulated for ") + Block.duration(duration)).html
            if warmup > 0 {
                period += (Bi("; các chuyến xuất phát trong ", "; trips departing in the first ") + Block.duration(warmup)
                    + Bi(" đầu (khởi động) không được tính.", " (warm-up) are not measured.")).html
            } else {
                period += "."
            }
        }
        if !period.isEmpty { rows.append((Bi("Thời gian", "Period"), period)) }

        var demand: Markup = ""
        if let total = meta.property("demand_veh_h").flatMap(Double.init) {
            demand += (Bi("Tổng lưu lượng vào mạng ", "Total inflow ") + NumberText.bi(total, decimals: 0)
                + Bi(" xe/giờ ở mức nhu cầu ×1", " veh/h at demand ×1")).html
        }
        if let arrivals = meta.property("arrivals") {
            demand += (arrivals == "poisson" ? Bi(", xe đến ngẫu nhiên (Poisson)", ", random (Poisson) arrivals")
                : arrivals == "uniform" ? Bi(", xe đến đều", ", uniform arrivals") : Bi(same: ", \(arrivals)")).html
        }
        if !demand.isEmpty { demand += ". " }
        let scales = data.demandSeries.compactMap { $0[Sweep.demandScaleKey] }
        if scales.count > 1 {
            let list = scales.map(NumberText.scale)
            demand += (Bi("Nhu cầu được nhân với ", "Demand is scaled by ")
                + list.dropFirst().reduce(Bi(same: "×") + list[0]) { $0 + Bi("; ×", ", ×") + $1 }
                + Bi(" để xem kết quả thay đổi thế nào khi đông xe hơn.", " to see how results change with more traffic.")).html
        }
        demand += (Bi(" Nhu cầu là giả định (tổng hợp), chưa phải số đếm thực tế.",
                      " The demand is synthetic, not measured counts.")).html
        rows.append((Bi("Nhu cầu", "Demand"), demand))

        var strategies: Markup = "<ul class=\"strategies\">"
        for name in data.strategies {
            let i = data.strategyIndex(name)
            let sm = data.strategyMeta(name)
            strategies += "<li>\(Block.swatch(i))<strong>\(name)</strong>"
            if name == data.baseline { strategies += " (\(Vocabulary.baseline.html))" }
            if let kind = sm?.controller {
                var words = Vocabulary.controller(kind, meta)
                if kind == "fixed-time" || kind == "fixed", data.fixedPlansAreEstimates, let w = words {
                    words = w + Bi(" (ước tính, không phải chu kỳ thật)", " (estimated, not the real timings)")
                }
                strategies += ": " + (words?.html ?? "\(kind)")
            }
            if let params = sm?.parameters, !params.isEmpty {
                let list = params.map { p -> Markup in "\(p.key) = " + Vocabulary.parameterValue(p.value).html }.joined(separator: ", ")
                strategies += " <span class=\"muted\">(\(list))</span>"
            }
            strategies += "</li>"
        }
        strategies += "</ul>"
        rows.append((Bi("Chiến lược", "Strategies"), strategies))

        var reps = (Bi("\(meta.replications) lần chạy cho mỗi chiến lược và mỗi mức nhu cầu",
                       "\(meta.replications) replications of each strategy at each demand level")).html
        if let first = meta.seeds.first, let last = meta.seeds.last {
            reps += (first == last
                ? Bi(" (số khởi tạo ngẫu nhiên \(first))", " (seed \(first))")
                : Bi(" (số khởi tạo ngẫu nhiên \(first)–\(last))", " (seeds \(first)–\(last))")).html
        }
        reps += (Bi(". Mọi chiến lược gặp cùng dòng xe đến trong cùng lần chạy, nên so sánh được ghép cặp.",
                    ". Every strategy sees the same arrivals in the same replication, so comparisons are paired.")).html
        rows.append((Bi("Số lần chạy", "Replications"), reps))

        body += "<dl class=\"facts\">"
        for (term, value) in rows { body += "<dt>\(term.html)</dt><dd>\(value)</dd>" }
        body += "</dl>"
        return Block.section("scenario", Bi("Câu hỏi và kịch bản", "The question and the scenario"), body)
    }
}
