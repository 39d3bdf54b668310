import NgaTuResults

/// Sections 2–4: the headline, one bar chart per measure, and delay per demanded vehicle against demand.
enum ResultSections {
    /// The reference point's answer, then one sentence and a ranking per sweep point, then a
    /// line per strategy that held a vehicle at one stop line longer than the threshold.
    static func headline(_ data: ReportData) -> Markup {
        let h = Headline(data, at: data.reference)
        let winners = Winners(data)
        var cls = "headline"
        if h.isInconclusive { cls += " inconclusive" }
        if h.isTie || !(winners?.isEmpty ?? true) || !(winners?.worse.isEmpty ?? true) { cls += " no-single-winner" }
        var body: Markup = "<p class=\"\(cls)\" id=\"headline-text\">\(h.sentence(data, winners: winners).html)</p>"
            + "<p class=\"muted\">\(h.details(data).html)</p>"
        if !data.points.isEmpty && h.strategy != nil {
            body += "<ul class=\"headline-points\">"
            for (k, p) in data.points.enumerated() {
                let hp = Headline(data, at: p)
                body += "<li id=\"headline-point-\(k + 1)\"><strong>\((Bi("Tại ", "At ") + data.pointPhrase(p) + Bi(same: ":")).html)</strong> \(hp.sentence(data).html) \(hp.rankingText(data).html)</li>"
            }
            body += "</ul>"
        }
        body += DifferenceSection.render(data)
        body += longWaits(data)
        body += BasisNotes.render(data)
        return Block.section("headline", Bi("Kết quả chính", "Headline"), body)
    }

    /// One line per strategy whose longest wait at one stop line (junctions.csv `max_wait_s`,
    /// any replication, any sweep point) exceeds the scenario's threshold: where and how long.
    static func longWaits(_ data: ReportData) -> Markup {
        let threshold = data.maxWaitWarningS
        var lines: Markup = ""
        for s in data.strategies {
            let worst = data.tables.junctions.filter { $0.strategy == s }
                .max { ($0.maxWaitS ?? 0) < ($1.maxWaitS ?? 0) }
            guard let w = worst, let wait = w.maxWaitS, wait > threshold else { continue }
            let text = Bi("\(s) giữ một xe chờ ", "\(s) held a vehicle ") + NumberText.bi(wait, decimals: 0)
                + Bi(" giây tại vạch dừng hướng ", " s at the stop line of approach ") + PlaceWords.approach(w.approach)
                + Bi(" của nút ", " of ") + data.junctionLabel(w.junction) + Bi(same: " (")
                + data.pointPhrase(w.sweep) + Bi(same: ").")
            lines += "<li class=\"long-wait\" data-strategy=\"\(s)\">\(text.html)</li>"
        }
        guard !lines.raw.isEmpty else { return "" }
        let limit = NumberText.bi(threshold, decimals: 0)
        let heading = Bi("⚠ Xe bị giữ hơn ", "⚠ Vehicles held longer than ") + limit
            + Bi(" giây tại một vạch dừng (ngưỡng max_wait_warning của kịch bản): hàng chờ ở đó có thể không bao giờ được giải tỏa.",
                 " s at one stop line (the scenario's max_wait_warning): the queue there may never clear.")
        return "<div class=\"warning\"><p>\(heading.html)</p><ul>\(lines)</ul></div>"
    }

    static func measures(_ data: ReportData) -> Markup {
        var body: Markup = ""
        if let point = data.reference {
            body += Block.paragraph(Bi("Mỗi biểu đồ là một chỉ số, tại ", "One chart per measure, at ") + data.pointPhrase(point)
                + Bi(": cột là giá trị trung bình qua các lần chạy, vạch đứng là khoảng tin cậy 95%. Dấu * đánh dấu phương án gốc (",
                     ": bars are means over replications, whiskers their 95% confidence intervals. * marks the baseline (")
                + Bi(same: "\(data.baseline)") + Bi(same: ")."))
        }
        body += "<div class=\"charts\">"
        // A measure that is zero for every strategy (nobody waiting to enter) or has no value
        // at all gets no chart: a row of empty bars says less than a sentence.
        var zero: [Bi] = [], missing: [Bi] = []
        for (k, measure) in RunMeasure.allCases.enumerated() {
            let info = Vocabulary.measure(measure)
            let bars = data.strategies.map { s -> BarChart.Bar in
                let row = data.comparison(s, data.reference, measure)
                return BarChart.Bar(strategyIndex: data.strategyIndex(s), name: s, value: row?.mean,
                                    low: row?.ci95Low, high: row?.ci95High, isBaseline: s == data.baseline)
            }
            let values = bars.compactMap(\.value)
            if values.isEmpty { missing.append(info.name); continue }
            if values.allSatisfy({ $0 == 0 }) && bars.allSatisfy({ ($0.high ?? 0) == 0 && ($0.low ?? 0) == 0 }) {
                zero.append(info.name); continue
            }
            // A mean over finished trips is lowered by finishing fewer: "lower is better" alone
            // would reward a strategy that turns vehicles away.
            let direction = info.isDemand ? Bi("nhu cầu, như nhau cho mọi chiến lược", "the demand, the same for every strategy")
                : info.finishedOnly ? Bi("chỉ tính chuyến hoàn thành: thấp hơn chỉ tốt hơn khi số xe hoàn thành không ít hơn",
                                         "finished trips only: lower is better only if as many vehicles finish")
                : info.lowerIsBetter ? Bi("thấp hơn là tốt hơn", "lower is better") : Bi("cao hơn là tốt hơn", "higher is better")
            let chart = BarChart(id: "measure-\(measure.rawValue)", title: info.name + Bi(same: " (") + info.unit + Bi(same: ")"),
                                 unit: info.unit, bars: bars, language: data.language)
            body += "<figure class=\"measure-chart\" data-measure=\"\(measure.rawValue)\"><figcaption>\(info.name.html) <span class=\"muted\">(\(direction.html))</span></figcaption>\(chart.svg())</figure>"
        }
        body += "</div>"
        func list(_ names: [Bi]) -> Bi {
            names.dropFirst().reduce(names[0]) { $0 + Bi(same: "; ") + $1 }
        }
        if !zero.isEmpty {
            body += "<p class=\"all-zero\">\((Bi("Bằng 0 với mọi chiến lược ở mọi lần chạy (không vẽ biểu đồ): ", "Zero under every strategy in every replication (not charted): ") + list(zero) + Bi(same: ".")).html)</p>"
        }
        if !missing.isEmpty {
            body += "<p class=\"muted\">\((Bi("Không có số liệu trong kết quả này: ", "Not in these results: ") + list(missing) + Bi(same: ".")).html)</p>"
        }
        body += comparisonTable(data)
        return Block.section("measures", Bi("So sánh các chiến lược", "Strategies compared"), body)
    }

    /// Every measure × strategy: mean, 95% interval, difference to the baseline.
    static func comparisonTable(_ data: ReportData) -> Markup {
        var t: Markup = "<table class=\"comparison\"><caption>\(Bi("Bảng số liệu: trung bình [khoảng tin cậy 95%]; Δ: chênh lệch so với phương án gốc (ghép cặp), * khi khoảng tin cậy của chênh lệch không chứa 0.", "The figures: mean [95% confidence interval]; Δ: difference from the baseline (paired), * when its interval excludes 0.").html)</caption><thead><tr><th scope=\"col\">\(Bi("Chỉ số", "Measure").html)</th>"
        for s in data.strategies { t += "<th scope=\"col\" class=\"num\">\(Block.swatch(data.strategyIndex(s)))\(s)</th>" }
        t += "</tr></thead><tbody>"
        for measure in RunMeasure.allCases {
            let info = Vocabulary.measure(measure)
            t += "<tr><th scope=\"row\">\(info.name.html) <span class=\"muted\">(\(info.unit.html))</span></th>"
            let ref = data.comparison(data.baseline, data.reference, measure)?.mean
            for s in data.strategies {
                guard let row = data.comparison(s, data.reference, measure), let m = row.mean else {
                    t += "<td class=\"num\">–</td>"; continue
                }
                var cell = "<span class=\"mean\">\(NumberText.bi(m, like: ref ?? m).html)</span>" as Markup
                if let lo = row.ci95Low, let hi = row.ci95High {
                    // Every measure is a count, a time or a rate: an interval reaching below 0
                    // (few replications, a wide spread) is cut at 0, as in the charts.
                    let interval = NumberText.interval(NumberText.bi(max(0, lo), like: ref ?? m), NumberText.bi(max(0, hi), like: ref ?? m))
                    cell += " <small>\(interval.html)</small>"
                }
                if s != data.baseline, let d = row.diffVsBaseline, let base = ref, base != 0 {
                    let significant = (row.diffCI95Low.map { $0 > 0 } ?? false) || (row.diffCI95High.map { $0 < 0 } ?? false)
                    cell += "<br/><small>Δ \(NumberText.percent(d / base * 100).html)\(Markup.when(significant, " *"))</small>"
                }
                t += "<td class=\"num\">\(cell)</td>"
            }
            t += "</tr>"
        }
        return t + "</tbody></table>"
    }

    static func sweep(_ data: ReportData) -> Markup {
        let points = data.demandSeries
        guard points.count > 1 else {
            return Block.section("sweep", Bi("Độ trễ theo mức nhu cầu", "Delay against demand"),
                                 Block.paragraph(Bi("Kịch bản này chỉ chạy một mức nhu cầu.", "This scenario runs one demand level only.")))
        }
        let series = data.strategies.map { s in
            LineChart.Series(strategyIndex: data.strategyIndex(s), name: s, points: points.compactMap { p in
                guard let row = data.comparison(s, p, data.headlineMeasure), let m = row.mean else { return nil }
                return LineChart.Point(x: p[Sweep.demandScaleKey]!, y: m, low: row.ci95Low, high: row.ci95High)
            })
        }
        let scales = points.map { $0[Sweep.demandScaleKey]! }
        let pad = (scales.last! - scales.first!) * 0.06
        let what = data.headlineMeasure == .meanDelayAllS
            ? Bi("Độ trễ mỗi xe có nhu cầu", "Delay per demanded vehicle") : Bi("Độ trễ trung bình", "Mean delay")
        let chart = LineChart(id: "sweep-chart", title: what + Bi(" theo mức nhu cầu", " against demand"),
                              xLabel: Bi("Mức nhu cầu (× nhu cầu cơ sở)", "Demand (× base demand)"),
                              yLabel: what + Bi(" (giây/xe)", " (s/veh)"), series: series,
                              xTicks: scales, xTickDecimals: scales.allSatisfy { ($0 * 10).rounded() == $0 * 10 } ? 1 : 2,
                              xDomain: (scales.first! - pad, scales.last! + pad), language: data.language)
        let body: Markup = Block.paragraph(Bi("Mỗi đường là một chiến lược; vạch đứng là khoảng tin cậy 95%. Đường dốc lên nhanh cho thấy chiến lược kém chịu tải khi đông xe.",
                                              "One line per strategy; whiskers are 95% confidence intervals. A line that climbs steeply copes badly as traffic grows."))
            + "<figure class=\"wide\">\(chart.svg())</figure>"
        return Block.section("sweep", Bi("Độ trễ theo mức nhu cầu", "Delay against demand"), body)
    }
}
