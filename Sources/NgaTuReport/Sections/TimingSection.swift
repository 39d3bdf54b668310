import NgaTuResults

/// Section 7: the signal timing each strategy actually ran: cycle, green shares, phase changes.
enum TimingSection {
    static func render(_ data: ReportData) -> Markup {
        var body: Markup = Block.paragraph(Bi("Thời gian đèn thực tế của từng chiến lược, trung bình qua các lần chạy. Tỷ lệ xanh là phần thời gian đèn xanh của mỗi pha.",
                                              "The timing each strategy actually ran, mean over replications. Green share: each phase's part of the green time."))
        var any = false
        for s in data.strategies {
            let timings = data.timings(s)
            guard !timings.isEmpty else { continue }
            any = true
            body += "<h3>\(Block.swatch(data.strategyIndex(s)))\(s)</h3>"
            body += "<table class=\"timing\"><thead><tr><th scope=\"col\">\(Vocabulary.junction.html)</th><th scope=\"col\">\(Bi("Bộ điều khiển", "Controller").html)</th><th scope=\"col\">\(Bi("Chu kỳ (giây)", "Cycle (s)").html)</th><th scope=\"col\">\(Bi("Tỷ lệ xanh các pha", "Green shares").html)</th><th scope=\"col\">\(Bi("Số lần đổi pha/giờ", "Phase changes/h").html)</th></tr></thead><tbody>"
            for t in timings {
                body += "<tr><th scope=\"row\">\(data.junctionLabel(t.junction).html)</th><td>\(t.controller)</td>"
                body += t.meanCycleS.map { "<td class=\"num\">\(NumberText.bi($0, decimals: 0).html)</td>" }
                    ?? "<td class=\"num\">\(Bi("không theo chu kỳ", "acyclic").html)</td>"
                body += "<td>\(shares(t))</td>"
                body += Block.numberCell(t.changesPerHour, decimals: 0)
                body += "</tr>"
            }
            body += "</tbody></table>"
        }
        if !any {
            body += Block.paragraph(Bi("Không có số liệu thời gian đèn trong kết quả này.", "These results hold no signal timing."), cls: "muted")
        }
        // Folded: a page per strategy on a large map, details most readers skip (and printing
        // leaves it folded unless opened).
        let folded: Markup = "<details class=\"appendix\"><summary>\(Bi("Phụ lục: bảng thời gian đèn của từng nút (bấm để mở)", "Appendix: the timing tables of every junction (click to open)").html)</summary>\(body)</details>"
        return Block.section("timing", Bi("Thời gian đèn tín hiệu", "Signal timing"), folded)
    }

    /// A small stacked bar of the green shares, then the shares in text.
    static func shares(_ t: ReportData.Timing) -> Markup {
        let total = max(1e-9, t.phases.map(\.share).reduce(0, +))
        var x = 0.0
        var bar: Markup = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"share-bar\" width=\"120\" height=\"10\" viewBox=\"0 0 120 10\" aria-hidden=\"true\">"
        let greys = ["#1B7837", "#A6DBA0", "#5AAE61", "#D9F0D3", "#00441B"]
        for (i, p) in t.phases.enumerated() {
            let w = p.share / total * 120
            bar += "<rect x=\"\(svg: x)\" y=\"0\" width=\"\(svg: w)\" height=\"10\" fill=\"\(greys[i % greys.count])\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
            x += w
        }
        bar += "</svg>"
        let text = t.phases.map { p -> Markup in
            var s: Markup = "\(PlaceWords.name(p.name).html) \(NumberText.percent(p.share * 100, signed: false).html)"
            if let g = p.greenS { s += " <small>(\(NumberText.bi(g, decimals: 0).html) s)</small>" }
            return s
        }.joined(separator: " · ")
        return bar + " " + text
    }
}
