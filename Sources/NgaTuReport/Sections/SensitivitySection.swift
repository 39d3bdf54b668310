import NgaTuResults

/// Robustness to the estimates: the comparison rerun with one estimated parameter at a time
/// set to other values on the same seeds (`sensitivity.csv`). One sentence per parameter says
/// whether the best strategy at each demand level, and the sign of its difference against the
/// baseline, hold at every value; a table gives the best strategy and its difference per value.
enum SensitivitySection {
    /// The best strategy at one value and sweep point: the non-baseline strategy with the
    /// lowest mean difference, and the sign of that difference (−1 a significant cut, +1 a
    /// significant increase, 0 an interval containing 0).
    struct Best: Equatable {
        var strategy: String
        var diff: Double
        var low: Double?
        var high: Double?
        var sign: Int
    }

    /// A place where the conclusion does not hold.
    struct Break: Equatable {
        var value: Double
        var point: SweepPoint
        /// The best strategy there, and the base's best strategy's own outcome there.
        var best: Best
        var baseBestThere: Best?
        /// The new best against the base's best at this value, paired by replication (same
        /// seeds): `sensitivity.csv`'s `diff_vs_base_best`; nil in results written before it.
        var paired: SensitivityRow.BaseBestDifference?
        /// Another strategy is nominally best, but the data do not separate it from the base's
        /// best: the 95% interval of their paired difference contains 0. Results without the
        /// paired columns fall back to the base's best lying inside the new best's interval
        /// against the baseline (two intervals, not paired).
        var isLevel: Bool {
            guard let there = baseBestThere, there.strategy != best.strategy else { return false }
            if let paired, paired.strategy == there.strategy {
                guard let lo = paired.low, let hi = paired.high else { return false }
                return lo <= 0 && hi >= 0
            }
            guard let lo = best.low, let hi = best.high else { return false }
            return there.diff >= lo && there.diff <= hi
        }
    }

    /// The measure checked: delay per demanded vehicle when the rows have it.
    static func measure(_ rows: [SensitivityRow]) -> RunMeasure {
        rows.contains { $0.comparison.measure == .meanDelayAllS && $0.comparison.mean != nil } ? .meanDelayAllS : .meanDelayS
    }

    static func sign(_ r: ComparisonRow) -> Int {
        if let lo = r.diffCI95Low, let hi = r.diffCI95High { return hi < 0 ? -1 : lo > 0 ? 1 : 0 }
        guard let d = r.diffVsBaseline else { return 0 }
        return d < 0 ? -1 : d > 0 ? 1 : 0
    }

    static func outcome(_ r: ComparisonRow) -> Best? {
        guard let d = r.diffVsBaseline, d.isFinite else { return nil }
        return Best(strategy: r.strategy, diff: d, low: r.diffCI95Low, high: r.diffCI95High, sign: sign(r))
    }

    static func best(_ rows: [SensitivityRow], baseline: String) -> Best? {
        rows.filter { $0.strategy != baseline }.compactMap { outcome($0.comparison) }.min { $0.diff < $1.diff }
    }

    /// Per parameter (in row order): its values, the scenario's own value, and where the
    /// conclusion breaks.
    struct Verdict {
        var parameter: String
        var base: Double?
        var values: [Double]
        var points: [SweepPoint]
        var bestAt: [Double: [SweepPoint: Best]]
        var breaks: [Break]
    }

    static func verdicts(_ data: ReportData) -> [Verdict] {
        let all = data.tables.sensitivity
        let m = measure(all)
        let rows = all.filter { $0.comparison.measure == m }
        var parameters: [String] = []
        for r in rows where !parameters.contains(r.parameter) { parameters.append(r.parameter) }
        return parameters.map { p in
            let mine = rows.filter { $0.parameter == p }
            var values: [Double] = [], points: [SweepPoint] = []
            for r in mine {
                if !values.contains(r.value) { values.append(r.value) }
                if !points.contains(r.sweep) { points.append(r.sweep) }
            }
            let base = mine.first { $0.isBase }?.value
            var bestAt: [Double: [SweepPoint: Best]] = [:]
            for v in values {
                for pt in points {
                    bestAt[v, default: [:]][pt] = best(mine.filter { $0.value == v && $0.sweep == pt }, baseline: data.baseline)
                }
            }
            var breaks: [Break] = []
            if let base {
                for v in values where v != base {
                    for pt in points {
                        guard let b0 = bestAt[base]?[pt] ?? nil, let b = bestAt[v]?[pt] ?? nil else { continue }
                        let there = mine.first { $0.value == v && $0.sweep == pt && $0.strategy == b0.strategy }.flatMap { outcome($0.comparison) }
                        if b.strategy != b0.strategy || there?.sign != b0.sign {
                            let paired = mine.first { $0.value == v && $0.sweep == pt && $0.strategy == b.strategy }?.versusBaseBest
                            let br = Break(value: v, point: pt, best: b, baseBestThere: there, paired: paired)
                            breaks.append(br)
                        }
                    }
                }
            }
            return Verdict(parameter: p, base: base, values: values, points: points, bestAt: bestAt, breaks: breaks)
        }
    }

    static func render(_ data: ReportData) -> Markup {
        guard !data.tables.sensitivity.isEmpty else { return "" }
        let m = measure(data.tables.sensitivity)
        let unit = Vocabulary.measure(m).unit
        var body = Block.paragraph(
            Bi("Các thông số dưới đây là ước tính. So sánh được chạy lại với từng thông số ở giá trị thấp và cao (mỗi lần một thông số, cùng các số khởi tạo ngẫu nhiên như các lần chạy chính, nên các chiến lược được so sánh ghép cặp theo lần chạy: với phương án gốc, và chiến lược tốt nhất ở một giá trị với chiến lược tốt nhất của kịch bản); chỉ số: ",
               "The parameters below are estimates. The comparison was rerun with each of them set low and high (one at a time, on the same random seeds as the main runs, so strategies are compared paired by replication: against the baseline, and the best at a value against the scenario's best); measure: ")
            + Vocabulary.measure(m).name.lowercasedFirst + Bi(same: "."))
        let verdicts = verdicts(data)
        body += "<ul class=\"sensitivity\">"
        for v in verdicts { body += "<li>\(sentence(data, v, unit: unit).html)</li>" }
        body += "</ul>"
        // The table behind the sentences, folded (it is a page or more on the flagship).
        body += "<details class=\"appendix\"><summary>\(Bi("Bảng chi tiết theo từng giá trị (bấm để mở)", "The table for every value (click to open)").html)</summary>"
        body += table(data, verdicts, unit: unit) + "</details>"
        return Block.section("sensitivity", Bi("Độ vững trước các ước tính", "Robustness to the estimates"), body)
    }

    /// One sentence: whether the best strategy and the sign of its difference hold.
    static func sentence(_ data: ReportData, _ v: Verdict, unit: Bi) -> Bi {
        let others = v.values.filter { $0 != v.base }
        var text = Bi(same: "<strong>") + parameterName(v.parameter) + Bi("</strong> (ở ", "</strong> (at ")
            + join(others.map { value(v.parameter, $0) }, Bi(" và ", " and "))
        if let base = v.base { text = text + Bi("; kịch bản dùng ", "; the scenario has ") + value(v.parameter, base) }
        text = text + Bi(same: "): ")
        guard let base = v.base else { return text + Bi("không có giá trị gốc để so sánh.", "no base value to compare with.") }
        let baseBest = v.points.compactMap { p in (v.bestAt[base]?[p] ?? nil).map { (p, $0) } }
        var names: [String] = []
        for (_, b) in baseBest where !names.contains(b.strategy) { names.append(b.strategy) }
        let bestText = Bi(same: "<strong>\(names.joined(separator: ", "))</strong>")
        let against = data.baselinePhrase
        let real = v.breaks.filter { !($0.isLevel && $0.baseBestThere?.sign == (v.bestAt[base]?[$0.point] ?? nil)?.sign) }
        let level = v.breaks.filter { b in !real.contains(b) }
        // Where another strategy is nominally best but level with the base's best: said in
        // either case, so that the sentence names every value where the best changes.
        let notes = level.prefix(4).map { b -> Bi in
            Bi("ở ", "at ") + value(v.parameter, b.value) + Bi(same: ", ") + data.pointPhrase(b.point) + Bi(same: ", ")
                + Bi(same: "\(b.best.strategy) ") + Bi("ngang bằng ", "draws level with ") + Bi(same: "\(b.baseBestThere!.strategy)")
                + (pairedText(b, unit) ?? (Bi(same: ": ") + NumberText.bi(b.best.diff, decimals: 1) + Bi(" so với ", " against ")
                    + NumberText.bi(b.baseBestThere!.diff, decimals: 1) + Bi(same: " ") + unit))
        }
        let worse = headlineWorse(data, v, unit: unit)
        if real.isEmpty {
            var out = text + Bi("chiến lược tốt nhất ở mọi mức nhu cầu (", "the best strategy at every demand level (") + bestText
                + Bi(") và dấu của chênh lệch so với ", ") and the sign of its difference against ") + against
                + Bi(" vẫn giữ nguyên ở mọi giá trị", " hold at every value")
            if !notes.isEmpty { out = out + Bi(same: " (") + join(notes, Bi(same: "; ")) + Bi(same: ")") }
            if let worse { out = out + Bi("; nhưng ", "; but ") + worse }
            return out + Bi(same: ".")
        }
        var parts: [Bi] = []
        for b in real.prefix(4) {
            let base0 = v.bestAt[base]?[b.point] ?? nil
            var part = Bi("ở ", "at ") + value(v.parameter, b.value) + Bi(same: ", ") + data.pointPhrase(b.point) + Bi(same: ", ")
            if let b0 = base0, b.best.strategy != b0.strategy {
                part = part + Bi("tốt nhất là ", "the best is ") + Bi(same: "<strong>\(b.best.strategy)</strong> (") + diffText(b.best, unit)
                    + Bi(") thay cho ", ") instead of ") + Bi(same: "\(b0.strategy)") + (pairedText(b, unit) ?? Bi(same: ""))
            } else if let b0 = base0 {
                part = part + Bi(same: "\(b0.strategy): ") + signWord(b0.sign) + Bi(" thành ", " becomes ") + signWord(b.baseBestThere?.sign ?? 0)
                    + Bi(same: " (") + diffText(b.baseBestThere ?? b.best, unit) + Bi(same: ")")
            }
            parts.append(part)
        }
        var out = text + Bi("chiến lược tốt nhất (", "the best strategy (") + bestText
            + Bi(") hoặc dấu của chênh lệch so với ", ") or the sign of its difference against ") + against
            + Bi(" không giữ nguyên: ", " does not hold: ") + join(parts, Bi("; ", "; "))
        if real.count > 4 { out = out + Bi("; và \(real.count - 4) chỗ khác", "; and \(real.count - 4) more") }
        if !notes.isEmpty {
            out = out + Bi("; ngoài ra ", "; besides, ") + join(notes, Bi(same: "; "))
            if level.count > 4 { out = out + Bi("; và \(level.count - 4) chỗ ngang bằng khác", "; and \(level.count - 4) more level") }
        }
        if let worse { out = out + Bi("; và ", "; and ") + worse }
        return out + Bi(same: ".")
    }

    /// "the headline's strategy, longest-queue-first, does significantly worse than the map's
    /// fixed plans (estimated) at 6 s, demand ×1.2 (37.4 [12.1, 62.7] s/veh more)": the values
    /// of this parameter where the strategy the headline names (the best at the reference
    /// point) does significantly worse than the baseline, except where the sentence already
    /// says its change of sign (it stays best there); nil when none.
    static func headlineWorse(_ data: ReportData, _ v: Verdict, unit: Bi) -> Bi? {
        guard let named = Headline(data, at: data.reference).strategy, let base = v.base else { return nil }
        let m = measure(data.tables.sensitivity)
        let places = data.tables.sensitivity.filter { r in
            r.parameter == v.parameter && r.value != base && r.strategy == named && r.comparison.measure == m
                && (r.comparison.diffCI95Low ?? 0) > 0
                && !v.breaks.contains { $0.value == r.value && $0.point == r.sweep && $0.best.strategy == named
                    && (v.bestAt[base]?[r.sweep] ?? nil)?.strategy == named }
        }
        guard !places.isEmpty else { return nil }
        let parts = places.prefix(4).map { r -> Bi in
            Bi("ở ", "at ") + value(v.parameter, r.value) + Bi(same: ", ") + data.pointPhrase(r.sweep) + Bi(" (nhiều hơn ", " (")
                + diffText(Best(strategy: named, diff: r.comparison.diffVsBaseline ?? 0, low: r.comparison.diffCI95Low,
                                high: r.comparison.diffCI95High, sign: 1), unit)
                + Bi(")", " more)")
        }
        var text = Bi("chiến lược của kết quả chính, ", "the headline's strategy, ") + Bi(same: "<strong>\(named)</strong>")
            + Bi(", kém hơn đáng kể so với ", ", does significantly worse than ") + data.baselinePhrase + Bi(same: " ")
            + join(parts, Bi(same: "; "))
        if places.count > 4 { text = text + Bi("; và \(places.count - 4) chỗ khác", "; and \(places.count - 4) more") }
        return text
    }

    static func table(_ data: ReportData, _ verdicts: [Verdict], unit: Bi) -> Markup {
        guard let points = verdicts.first?.points, !points.isEmpty else { return "" }
        var t: Markup = "<table class=\"sensitivity\"><caption>\((Bi("Chiến lược tốt nhất và chênh lệch so với phương án gốc (", "Best strategy and its difference against the baseline (") + unit + Bi(", khoảng tin cậy 95%)", ", 95% interval)")).html)</caption><thead><tr><th scope=\"col\">\(Bi("Thông số", "Parameter").html)</th><th scope=\"col\">\(Bi("Giá trị", "Value").html)</th>"
        for p in points { t += "<th scope=\"col\">\(data.pointPhrase(p).html)</th>" }
        t += "</tr></thead><tbody>"
        for v in verdicts {
            for (k, value) in v.values.sorted().enumerated() {
                let isBase = value == v.base
                t += "<tr>"
                if k == 0 { t += "<th scope=\"rowgroup\" rowspan=\"\(v.values.count)\">\(parameterName(v.parameter).html)</th>" }
                t += "<td class=\"num\">\(self.value(v.parameter, value).html)\(isBase ? " " + Bi("(kịch bản)", "(scenario)").html : "")</td>"
                for p in points {
                    if let b = v.bestAt[value]?[p] ?? nil {
                        t += "<td>\(b.strategy): \(diffText(b, nil).html)</td>"
                    } else {
                        t += "<td></td>"
                    }
                }
                t += "</tr>"
            }
        }
        return t + "</tbody></table>"
    }

    /// " (difference −0.4 s/veh [−1.2, 0.4], paired by replication)": the new best against the
    /// base's best at that value; nil without the paired columns.
    static func pairedText(_ b: Break, _ unit: Bi) -> Bi? {
        guard let p = b.paired, p.strategy == b.baseBestThere?.strategy else { return nil }
        return Bi(" (chênh lệch ", " (difference ")
            + diffText(Best(strategy: p.strategy, diff: p.diff, low: p.low, high: p.high, sign: 0), unit)
            + Bi(", ghép cặp theo lần chạy)", ", paired by replication)")
    }

    static func diffText(_ b: Best, _ unit: Bi?) -> Bi {
        var text = NumberText.bi(b.diff, decimals: 1)
        if let lo = b.low, let hi = b.high {
            text = text + Bi(same: " ") + NumberText.interval(NumberText.bi(lo, decimals: 1), NumberText.bi(hi, decimals: 1))
        }
        return unit.map { text + Bi(same: " ") + $0 } ?? text
    }

    static func signWord(_ s: Int) -> Bi {
        s < 0 ? Bi("giảm có ý nghĩa", "a significant cut") : s > 0 ? Bi("tăng có ý nghĩa", "a significant increase")
            : Bi("không khác biệt có ý nghĩa", "no significant difference")
    }

    static func parameterName(_ key: String) -> Bi {
        switch key {
        case "model.critical_gap": return Bi("Khoảng trống tới hạn khi rẽ nhường đường", "Critical gap of permitted turns")
        case "model.saturation_flow": return Bi("Lưu lượng bão hòa mỗi làn", "Saturation flow per lane")
        case "model.startup_lost_time": return Bi("Thời gian tổn thất khởi động", "Start-up lost time")
        case "model.green_extension": return Bi("Thời gian xả tiếp sau đèn xanh", "Green extension")
        case "model.jam_spacing": return Bi("Khoảng cách xe khi kẹt", "Jam spacing")
        default:
            let parts = key.split(separator: ".")
            if parts.count == 3, parts[0] == "vehicles", parts[2] == "pcu" {
                let c = String(parts[1])
                return c == "motorbike" ? Bi("Hệ số quy đổi PCU của xe máy", "Motorcycle PCU")
                    : Bi("Hệ số quy đổi PCU của \(c)", "PCU of \(c)")
            }
            return Bi(same: "\(key)")
        }
    }

    static func value(_ key: String, _ x: Double) -> Bi {
        let n = NumberText.bi(x, decimals: x == x.rounded() ? 0 : (x * 10 == (x * 10).rounded() ? 1 : 2))
        switch key {
        case "model.critical_gap", "model.startup_lost_time", "model.green_extension": return n + Bi(" giây", " s")
        case "model.saturation_flow": return n + Bi(" PCU/giờ", " PCU/h")
        case "model.jam_spacing": return n + Bi(" m", " m")
        default: return n
        }
    }

    static func join(_ parts: [Bi], _ separator: Bi) -> Bi {
        guard let first = parts.first else { return Bi(same: "") }
        return parts.dropFirst().reduce(first) { $0 + separator + $1 }
    }
}

extension Bi {
    /// The text with its first letter in lower case (for a measure's name inside a sentence).
    var lowercasedFirst: Bi {
        func lower(_ m: Markup) -> Markup {
            guard let c = m.raw.first, c != "<" else { return m }
            return Markup(raw: c.lowercased() + m.raw.dropFirst())
        }
        return Bi(lower(vi), lower(en))
    }
}
