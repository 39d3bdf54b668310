import NgaTuResults

/// Each strategy against the baseline at every sweep point, paired by replication
/// (`differences.csv` on the headline measure), in plain words for a workshop: "23.9 s/veh less
/// than fixed, 95% interval [22.8, 25.0]" under a verdict word (better, worse, no clear
/// difference).
///
/// Every strategy runs on the same seeds (common random numbers), so the run-to-run variation
/// the strategies share cancels in the difference: two strategies whose separate intervals in
/// the charts overlap can still differ clearly, and this table, not the overlap, says so.
enum DifferenceSection {
    /// The rows shown: the headline measure's, from the stored table or, for results written
    /// before it existed, computed from the runs as a run does.
    static func rows(_ data: ReportData) -> [DifferenceRow] {
        let all = data.tables.differences.isEmpty ? data.tables.withDifferences().differences : data.tables.differences
        return all.filter { $0.measure == data.headlineMeasure }
    }

    static func verdictWord(_ v: DifferenceRow.Verdict) -> Bi {
        switch v {
        case .better: Bi("tốt hơn", "better")
        case .worse: Bi("kém hơn", "worse")
        case .noClearDifference: Bi("không khác biệt rõ", "no clear difference")
        }
    }

    /// "23.9 s/veh less than fixed, 95% interval [22.8, 25.0]": the magnitude of a cut reads
    /// with its interval as magnitudes; one pair says it has no interval. With variants the
    /// baseline is a pair, named with its variant ("than fixed in variant “today”"), so that
    /// the baseline strategy in another variant does not read "worse than fixed".
    static func phrase(_ r: DifferenceRow, baselineVariant: String? = nil) -> Bi {
        let less = r.diff < 0
        func n(_ x: Double) -> Bi { NumberText.bi(x, decimals: 1) }
        let amount = n(abs(r.diff)) + Bi(" giây/xe", " s/veh")
        let baseline = Bi(same: "\(r.baseline)")
            + (baselineVariant.map { Bi(" ở phương án “\($0)”", " in variant “\($0)”") } ?? Bi(same: ""))
        // Vietnamese puts the comparison first ("ít hơn fixed 23,9 giây/xe"), English the amount.
        // With a variant after the name, the amount comes first ("ít hơn 13,1 giây/xe so với fixed ở phương án “today”").
        let vi = (r.diff == 0 ? Bi("bằng ", "") + baseline
            : baselineVariant != nil ? (less ? Bi("ít hơn ", "") : Bi("nhiều hơn ", "")) + amount + Bi(" so với ", "") + baseline
            : (less ? Bi("ít hơn ", "") : Bi("nhiều hơn ", "")) + baseline + Bi(same: " ") + amount).vi
        let en = (r.diff == 0 ? Bi("", "the same as ") + baseline : amount + (less ? Bi("", " less than ") : Bi("", " more than ")) + baseline).en
        var text = Bi(vi, en)
        if let lo = r.diffCI95Low, let hi = r.diffCI95High {
            let (a, b) = less ? (-hi, -lo) : (lo, hi)
            text = text + Bi(", khoảng tin cậy 95% ", ", 95% interval ") + NumberText.interval(n(a), n(b))
        } else {
            text = text + Bi(" (một lần chạy: không có khoảng tin cậy)", " (one replication: no interval)")
        }
        return text
    }

    static func render(_ data: ReportData) -> Markup {
        let rows = rows(data)
        guard !rows.isEmpty else { return "" }
        var points: [SweepPoint] = []
        for p in data.points where rows.contains(where: { $0.sweep == p }) { points.append(p) }
        var strategies: [String] = []
        for s in data.strategies where rows.contains(where: { $0.strategy == s }) { strategies.append(s) }
        var byKey: [String: [SweepPoint: DifferenceRow]] = [:]
        for r in rows { byKey[r.strategy, default: [:]][r.sweep] = r }
        let what = Headline.measurePhrase(data.headlineMeasure)
        let intro = Bi("Mỗi chiến lược so với ", "Each strategy against ") + Bi(same: "<strong>\(data.baseline)</strong>")
            + Bi(" (phương án gốc) về ", " (the baseline) on ") + what
            + Bi(", ghép cặp theo lần chạy: mọi chiến lược chạy trên cùng các số khởi tạo ngẫu nhiên, nên chênh lệch được tính theo từng lần chạy. Khoảng tin cậy 95% của chênh lệch này cho biết khác biệt có rõ hay không, chứ không phải việc hai khoảng tin cậy riêng trên biểu đồ có chồng lên nhau hay không. Đầy đủ số liệu, cùng độ trễ mỗi xe hoàn thành, số xe chưa đến nơi và số xe còn chờ vào mạng lưới: differences.csv.",
                 ", paired by replication: every strategy ran on the same random seeds, so the difference is taken run by run. Its 95% interval says whether the difference is clear; whether two strategies' separate intervals in the charts overlap does not. All figures, with delay per finished vehicle, vehicles unfinished and vehicles still waiting to enter: differences.csv.")
        var t: Markup = "<table class=\"differences\"><caption>\((Bi("Chênh lệch so với ", "Difference against ") + Bi(same: "\(data.baseline)") + Bi(" (ghép cặp theo lần chạy, ", " (paired by replication, ") + what + Bi(")", ")")).html)</caption><thead><tr><th scope=\"col\">\(Bi("Chiến lược", "Strategy").html)</th>"
        for p in points { t += "<th scope=\"col\">\(data.pointPhrase(p).html)</th>" }
        t += "</tr></thead><tbody>"
        for s in strategies {
            t += "<tr data-strategy=\"\(s)\"><th scope=\"row\">\(Block.swatch(data.strategyIndex(s)))\(s)</th>"
            for p in points {
                guard let r = byKey[s]?[p] else { t += "<td>–</td>"; continue }
                t += "<td class=\"verdict-\(r.verdict == .noClearDifference ? "none" : r.verdict.rawValue)\"><strong>\(verdictWord(r.verdict).html)</strong>: \(phrase(r, baselineVariant: data.baselineVariantName).html)</td>"
            }
            t += "</tr>"
        }
        t += "</tbody></table>"
        return "<div class=\"differences\" id=\"differences\">\(Block.paragraph(intro))\(t)</div>"
    }
}
