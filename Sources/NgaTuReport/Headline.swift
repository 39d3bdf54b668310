import NgaTuResults

/// The one-sentence answer at the top of the report, computed from the comparison rows: the
/// best strategy's difference in mean delay against the baseline at the reference point, as a
/// percentage of the baseline's mean delay, with its 95% interval.
struct Headline {
    /// The best strategy (lowest mean delay difference), nil when there is nothing to compare.
    var strategy: String?
    /// Difference in mean delay as a percentage of the baseline's mean delay (negative: a cut).
    var percent: Double?
    /// The paired 95% interval of the difference, as percentages; nil with one replication.
    var interval: (low: Double, high: Double)?
    var baselineDelayS: Double?
    var strategyDelayS: Double?
    var replications: Int

    init(_ data: ReportData) {
        let base = data.comparison(data.baseline, data.reference, .meanDelayS)
        baselineDelayS = base?.mean
        replications = base?.n ?? 0
        var best: (String, ComparisonRow, Double)?
        if let baseMean = base?.mean, baseMean > 0 {
            for s in data.strategies where s != data.baseline {
                guard let row = data.comparison(s, data.reference, .meanDelayS),
                      let diff = row.diffVsBaseline, diff.isFinite else { continue }
                let pct = diff / baseMean * 100
                if best == nil || pct < best!.2 { best = (s, row, pct) }
            }
        }
        if let (name, row, pct) = best, let baseMean = base?.mean {
            strategy = name
            percent = pct
            strategyDelayS = row.mean
            replications = row.n
            if let lo = row.diffCI95Low, let hi = row.diffCI95High, lo.isFinite, hi.isFinite {
                interval = (lo / baseMean * 100, hi / baseMean * 100)
            }
        }
    }

    /// True when the interval contains 0 (no significant difference at the 5% level).
    var isInconclusive: Bool {
        guard let interval else { return false }
        return interval.low <= 0 && interval.high >= 0
    }

    /// The sentence, as markup in both languages.
    func sentence(_ data: ReportData) -> Bi {
        let against = data.baselinePhrase
        guard let strategy, let percent else {
            if let d = baselineDelayS {
                return Bi("Chỉ có phương án gốc: độ trễ trung bình ", "Only the baseline was run: mean delay ")
                    + NumberText.bi(d) + Bi(" giây/xe.", " s/veh.")
            }
            return Bi("Chưa có số liệu so sánh độ trễ trung bình.", "There are no mean delay comparisons yet.")
        }
        let name = Bi(same: "<strong>\(strategy)</strong>")
        let magnitude = NumberText.percent(abs(percent), signed: false)
        if let interval {
            if isInconclusive {
                return Bi("Không có khác biệt có ý nghĩa thống kê: chiến lược tốt nhất, ",
                          "No significant difference: the best strategy, ")
                    + name + Bi(", thay đổi độ trễ trung bình ", ", changes mean delay by ")
                    + NumberText.percent(percent) + Bi(same: " [") + NumberText.percent(interval.low)
                    + Bi(same: ", ") + NumberText.percent(interval.high) + Bi(same: "] ")
                    + Bi("so với ", "against ") + against + Bi(same: ".")
            }
            // A cut reads as magnitudes: "cuts by 18% [12%, 23%]".
            let (lo, hi) = percent < 0 ? (-interval.high, -interval.low) : (interval.low, interval.high)
            let range = Bi(same: " [") + NumberText.percent(lo, signed: false) + Bi(same: ", ")
                + NumberText.percent(hi, signed: false) + Bi(same: "]")
            if percent < 0 {
                return name + Bi(" giảm độ trễ trung bình ", " cuts mean delay by ") + magnitude + range
                    + Bi(" so với ", " against ") + against + Bi(same: ".")
            }
            return Bi("Không chiến lược nào tốt hơn ", "No strategy beats ") + against
                + Bi(": chiến lược tốt nhất, ", ": the best, ") + name
                + Bi(", làm tăng độ trễ trung bình ", ", raises mean delay by ") + magnitude + range + Bi(same: ".")
        }
        let verb = percent < 0 ? Bi(" giảm độ trễ trung bình ", " cuts mean delay by ")
                               : Bi(" làm tăng độ trễ trung bình ", " raises mean delay by ")
        return name + verb + magnitude + Bi(" so với ", " against ") + against
            + Bi(" (chỉ một lần chạy: không có khoảng tin cậy).", " (one replication: no confidence interval).")
    }

    /// The figures behind the sentence.
    func details(_ data: ReportData) -> Bi {
        var text = Bi(same: "")
        if let point = data.reference { text = text + Bi("Tại ", "At ") + data.pointPhrase(point) + Bi(same: ": ") }
        if let b = baselineDelayS {
            text = text + Bi("độ trễ trung bình của \(data.baseline) ", "mean delay \(data.baseline) ")
                + NumberText.bi(b) + Bi(" giây/xe", " s/veh")
        }
        if let strategy, let d = strategyDelayS {
            text = text + Bi(", của \(strategy) ", ", \(strategy) ") + NumberText.bi(d, like: baselineDelayS)
                + Bi(" giây/xe", " s/veh")
        }
        if strategy != nil {
            text = text + Bi("; khác biệt ghép cặp theo lần chạy (cùng hạt giống ngẫu nhiên), ",
                             "; difference paired by replication (same random seeds), ")
            text = text + (interval != nil
                ? Bi("khoảng tin cậy 95% qua \(replications) lần chạy.", "95% confidence interval over \(replications) replications.")
                : Bi("chỉ một lần chạy.", "a single replication."))
        }
        return text
    }
}
