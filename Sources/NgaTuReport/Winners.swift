import NgaTuResults

/// Where the lowest delay goes to another strategy than at the reference point: at the other
/// demand levels (the demand series) and at the other values of the estimates (the sensitivity
/// check, at the same demand levels). When there is any, the headline does not name one winner.
///
/// Each such place is compared with the reference's best there, paired by replication (same
/// seeds): only where the 95% interval of that difference lies below 0 is the other strategy
/// said to be best (`demand`, `estimates`); where it contains 0 the two are "level" there
/// (`demandLevel`, `estimatesLevel`), since a strategy only nominally lowest has not won; with
/// no interval (one replication, or no pair) it is only "lower" (`demandNominal`,
/// `estimatesNominal`), never "significantly".
struct Winners {
    /// Another strategy's difference from the reference's best at one place (other − best,
    /// paired by replication: negative when the other is lower), with its 95% interval; nil
    /// bounds with one replication.
    struct Gap: Equatable {
        var mean: Double
        var low: Double?
        var high: Double?
        /// Significantly lower (the interval lies below 0), level (it contains 0), or without
        /// an interval (one replication): only nominally lower.
        var verdict: Verdict { high.map { $0 < 0 ? .clear : .level } ?? .nominal }
    }

    enum Verdict { case clear, level, nominal }

    /// The best strategy at the reference point.
    var reference: String
    /// Demand levels where another strategy is significantly best, in demand order, with its
    /// paired difference from the reference's best there.
    var demand: [(point: SweepPoint, strategy: String, gap: Gap?)] = []
    /// Demand levels where another strategy is nominally best but level with the reference's best.
    var demandLevel: [(point: SweepPoint, strategy: String, gap: Gap?)] = []
    /// Values of an estimate where another strategy is significantly best, with the demand
    /// levels where it is and its paired difference from the reference's best at each (nil
    /// where the results do not hold it: then the two intervals against the baseline decide).
    var estimates: [(parameter: String, value: Double, strategy: String, points: [SweepPoint], gaps: [Gap?])] = []
    /// Values of an estimate where another strategy is nominally best but level with it.
    var estimatesLevel: [(parameter: String, value: Double, strategy: String, points: [SweepPoint], gaps: [Gap?])] = []
    /// Where another strategy is lower with no interval to say whether significantly.
    var demandNominal: [(point: SweepPoint, strategy: String, gap: Gap?)] = []
    var estimatesNominal: [(parameter: String, value: Double, strategy: String, points: [SweepPoint], gaps: [Gap?])] = []
    /// How many demand levels the comparison has (one when it has no demand sweep).
    var seriesCount = 1

    /// A place where the reference's best does significantly worse than the baseline: a demand
    /// level of the main runs (`parameter` nil) or a value of an estimate at a demand level.
    struct Worse {
        var point: SweepPoint
        var parameter: String?
        var value: Double?
        /// The headline measure against the baseline (paired), its 95% interval above 0.
        var diff: Double
        var low: Double
        var high: Double
        /// Vehicles finished against the baseline when significantly fewer (mean, low, high).
        var fewer: (diff: Double, low: Double, high: Double)?
    }
    /// Every place, other than the reference point itself (where the sentence says it), where
    /// the reference's best is significantly worse than the baseline on the headline measure:
    /// the strategy the headline names can be a plan that fails at more traffic or with other
    /// values of the estimates, and the headline says so.
    var worse: [Worse] = []

    /// Nil when the reference point has no best strategy.
    init?(_ data: ReportData) {
        guard let reference = data.reference, let best = Headline(data, at: reference).strategy else { return nil }
        self.reference = best
        let measure = data.headlineMeasure
        let series = data.demandSeries.isEmpty ? [reference] : data.demandSeries
        seriesCount = series.count
        for p in series where p != reference {
            guard let other = Headline(data, at: p).strategy, other != best else { continue }
            let gap = RunPairDifference(measure, (other, p), minus: (best, p), in: data.tables.runs)
                .map { Gap(mean: $0.mean, low: $0.low, high: $0.high) }
            switch gap?.verdict ?? .nominal {
            case .clear: demand.append((p, other, gap))
            case .level: demandLevel.append((p, other, gap))
            case .nominal: demandNominal.append((p, other, gap))
            }
        }
        for p in series where p != reference {
            if let w = Self.worse(data.comparison(best, p, measure), finished: data.comparison(best, p, .vehiclesFinished)) {
                worse.append(Worse(point: p, parameter: nil, value: nil, diff: w.diff, low: w.low, high: w.high, fewer: w.fewer))
            }
        }
        let rows = data.tables.sensitivity.filter { $0.comparison.measure == SensitivitySection.measure(data.tables.sensitivity) }
        for r in rows where r.strategy == best && !r.isBase && series.contains(r.sweep) {
            let finished = data.tables.sensitivity.first {
                $0.parameter == r.parameter && $0.value == r.value && $0.strategy == best && $0.sweep == r.sweep && $0.comparison.measure == .vehiclesFinished
            }
            if let w = Self.worse(r.comparison, finished: finished?.comparison) {
                worse.append(Worse(point: r.sweep, parameter: r.parameter, value: r.value, diff: w.diff, low: w.low, high: w.high, fewer: w.fewer))
            }
        }
        for v in SensitivitySection.verdicts(data) {
            for value in v.values where value != v.base {
                for p in series {
                    guard let b = v.bestAt[value]?[p] ?? nil, b.strategy != best else { continue }
                    let here = rows.filter { $0.parameter == v.parameter && $0.value == value && $0.sweep == p }
                    let (gap, verdict) = Self.gap(b, best: best, here)
                    func add(_ list: inout [(parameter: String, value: Double, strategy: String, points: [SweepPoint], gaps: [Gap?])]) {
                        if let k = list.firstIndex(where: { $0.parameter == v.parameter && $0.value == value && $0.strategy == b.strategy }) {
                            list[k].points.append(p); list[k].gaps.append(gap)
                        } else {
                            list.append((v.parameter, value, b.strategy, [p], [gap]))
                        }
                    }
                    switch verdict {
                    case .clear: add(&estimates)
                    case .level: add(&estimatesLevel)
                    case .nominal: add(&estimatesNominal)
                    }
                }
            }
        }
    }

    /// The difference against the baseline when its 95% interval lies above 0, with vehicles
    /// finished against the baseline when that interval lies below 0.
    static func worse(_ row: ComparisonRow?, finished: ComparisonRow?)
        -> (diff: Double, low: Double, high: Double, fewer: (diff: Double, low: Double, high: Double)?)? {
        guard let row, let d = row.diffVsBaseline, let lo = row.diffCI95Low, let hi = row.diffCI95High, lo > 0 else { return nil }
        var fewer: (Double, Double, Double)?
        if let f = finished, let fd = f.diffVsBaseline, let flo = f.diffCI95Low, let fhi = f.diffCI95High, fhi < 0 { fewer = (fd, flo, fhi) }
        return (d, lo, hi, fewer)
    }

    /// At most this many places where the reference's best does worse are named.
    static let namedWorse = 4

    /// "But longest-queue-first does significantly worse than the map's fixed plans (estimated)
    /// at demand ×1.2 with critical gap of permitted turns 6 s (37.4 s/veh more [12.1, 62.7];
    /// 252 fewer vehicles finished [76, 427]); …", or nil when it does nowhere.
    func worseSentence(_ data: ReportData) -> Bi? {
        guard !worse.isEmpty else { return nil }
        var text = Bi("Nhưng ", "But ") + Bi(same: "<strong>\(reference)</strong>")
            + Bi(" kém hơn đáng kể so với ", " does significantly worse than ") + data.baselinePhrase + Bi(same: " ")
        for (k, w) in worse.prefix(Self.namedWorse).enumerated() {
            if k > 0 { text = text + Bi(same: "; ") }
            text = text + Bi("ở ", "at ") + data.pointPhrase(w.point)
            if let parameter = w.parameter, let value = w.value {
                text = text + Bi(" khi ", " with ") + SensitivitySection.parameterName(parameter).lowercasedFirst + Bi(same: " ")
                    + SensitivitySection.value(parameter, value)
            }
            func one(_ x: Double) -> Bi { NumberText.bi(x, decimals: 1) }
            text = text + Bi(" (nhiều hơn ", " (") + one(w.diff) + Bi(" giây/xe ", " s/veh more ") + NumberText.interval(one(w.low), one(w.high))
            if let f = w.fewer {
                func n(_ x: Double) -> Bi { NumberText.bi(abs(x), decimals: 0) }
                text = text + Bi("; ít hơn ", "; ") + n(f.diff) + Bi(" xe hoàn thành ", " fewer vehicles finished ") + NumberText.interval(n(f.high), n(f.low))
            }
            text = text + Bi(same: ")")
        }
        if worse.count > Self.namedWorse {
            let more = worse.count - Self.namedWorse
            text = text + Bi("; và \(more) chỗ khác (xem “Độ vững trước các ước tính”)",
                             "; and \(more) more (see “Robustness to the estimates”)")
        }
        return text + Bi(same: ".")
    }

    /// The other strategy `other` (best at one value and point) against the reference's best
    /// there, from that value's rows at that point: the paired difference when `sensitivity.csv`
    /// holds it (one of the two is the best at the scenario's own value there), and whether the
    /// other is significantly lower. Without it (results written before the paired columns, or
    /// neither is that best) the two intervals against the baseline decide, as the robustness
    /// section does: level when the reference's best lies inside the other's interval.
    static func gap(_ other: SensitivitySection.Best, best: String, _ rows: [SensitivityRow]) -> (Gap?, Verdict) {
        if let v = rows.first(where: { $0.strategy == other.strategy })?.versusBaseBest, v.strategy == best {
            let g = Gap(mean: v.diff, low: v.low, high: v.high)
            return (g, g.verdict)
        }
        if let v = rows.first(where: { $0.strategy == best })?.versusBaseBest, v.strategy == other.strategy {
            let g = Gap(mean: -v.diff, low: v.high.map { -$0 }, high: v.low.map { -$0 })
            return (g, g.verdict)
        }
        guard let mine = rows.first(where: { $0.strategy == best }), let d = mine.comparison.diffVsBaseline,
              let hi = other.high, other.low != nil else { return (nil, .nominal) }
        return (nil, d > hi ? .clear : .level)
    }

    var isEmpty: Bool {
        demand.isEmpty && estimates.isEmpty && demandLevel.isEmpty && estimatesLevel.isEmpty
            && demandNominal.isEmpty && estimatesNominal.isEmpty
    }

    /// At most this many values of the estimates are named in each list (significantly lower,
    /// level, lower without an interval); the rest are counted.
    static let namedEstimates = 3

    /// "actuated has significantly lower delay per demanded vehicle than longest-queue-first
    /// (difference actuated − longest-queue-first, paired by replication) at demand ×1.2 (−3.0
    /// s/veh [−3.4, −2.7]) and, with other values of the estimates, at start-up lost time 3 s
    /// (demand ×0.8: −0.5 s/veh [−0.6, −0.4])" where another strategy is significantly best;
    /// "actuated is level with longest-queue-first (difference actuated − longest-queue-first,
    /// paired by replication: its 95% interval contains 0) at …" where it is only nominally
    /// lowest: one sentence each (without the full stop), at most `namedEstimates` values of
    /// the estimates named in each. Empty when the reference's best is best everywhere.
    func clauses(_ data: ReportData, measure: RunMeasure) -> [Bi] {
        var parts: [Bi] = []
        if !demand.isEmpty || !estimates.isEmpty {
            parts.append(grouped(data, demand, estimates,
                                 verb: Bi(" có ", " has significantly lower ") + Headline.measurePhrase(measure)
                                     + Bi(" thấp hơn \(reference) một cách có ý nghĩa thống kê", " than \(reference)"),
                                 note: { s in Bi(" (chênh lệch \(s) − \(reference), ghép cặp theo lần chạy)",
                                                 " (difference \(s) − \(reference), paired by replication)") },
                                 more: { n in Bi("; và \(n) giá trị khác (xem “Độ vững trước các ước tính”)",
                                                 "; and \(n) more value\(n == 1 ? "" : "s") (see “Robustness to the estimates”)") }))
        }
        if !demandLevel.isEmpty || !estimatesLevel.isEmpty {
            parts.append(grouped(data, demandLevel, estimatesLevel,
                                 verb: Bi(" ngang bằng \(reference)", " is level with \(reference)"),
                                 note: { s in Bi(" (chênh lệch \(s) − \(reference), ghép cặp theo lần chạy: khoảng tin cậy 95% chứa 0)",
                                                 " (difference \(s) − \(reference), paired by replication: its 95% interval contains 0)") },
                                 more: { n in Bi("; và \(n) giá trị ngang bằng khác (xem “Độ vững trước các ước tính”)",
                                                 "; and \(n) more level value\(n == 1 ? "" : "s") (see “Robustness to the estimates”)") }))
        }
        if !demandNominal.isEmpty || !estimatesNominal.isEmpty {
            parts.append(grouped(data, demandNominal, estimatesNominal,
                                 verb: Bi(" có ", " has lower ") + Headline.measurePhrase(measure) + Bi(" thấp hơn \(reference)", " than \(reference)"),
                                 note: { s in Bi(" (chênh lệch \(s) − \(reference), không có khoảng tin cậy: một lần chạy)",
                                                 " (difference \(s) − \(reference), no interval: one replication)") },
                                 more: { n in Bi("; và \(n) giá trị khác (xem “Độ vững trước các ước tính”)",
                                                 "; and \(n) more value\(n == 1 ? "" : "s") (see “Robustness to the estimates”)") }))
        }
        return parts
    }

    /// Per strategy, in order of appearance: "<strong>actuated</strong>" + `verb` + `note`
    /// + the demand levels with their gaps + the values of the estimates
    /// (at most `namedEstimates`, then `more(count)`).
    private func grouped(_ data: ReportData, _ ds: [(point: SweepPoint, strategy: String, gap: Gap?)],
                         _ es: [(parameter: String, value: Double, strategy: String, points: [SweepPoint], gaps: [Gap?])],
                         verb: Bi, note: (String) -> Bi, more: (Int) -> Bi) -> Bi {
        let named = Array(es.prefix(Self.namedEstimates))
        var order: [String] = []
        for d in ds where !order.contains(d.strategy) { order.append(d.strategy) }
        for e in named where !order.contains(e.strategy) { order.append(e.strategy) }
        var parts: [Bi] = []
        for s in order {
            var text = Bi(same: "<strong>\(s)</strong>") + verb + note(s)
            let mine = ds.filter { $0.strategy == s }
            if !mine.isEmpty { text = text + Bi(" ở ", " at ") + demandPlaces(data, mine.map(\.point), mine.map(\.gap)) }
            let values = named.filter { $0.strategy == s }
            if !values.isEmpty {
                text = text + (mine.isEmpty ? Bi(same: ",") : Bi(" và,", " and,"))
                    + Bi(" với giá trị khác của các ước tính, ", " with other values of the estimates, ")
                    + estimateValues(data, values)
            }
            parts.append(text)
        }
        var out = SensitivitySection.join(parts, Bi(same: "; "))
        if es.count > Self.namedEstimates { out = out + more(es.count - Self.namedEstimates) }
        return out
    }

    /// "at critical gap of permitted turns 6 s (demand ×1.0: −2.0 s/veh [−2.1, −1.9]), start-up lost time 3 s (…)".
    private func estimateValues(_ data: ReportData, _ es: [(parameter: String, value: Double, strategy: String, points: [SweepPoint], gaps: [Gap?])]) -> Bi {
        var text = Bi("khi ", "at ")
        for (m, e) in es.enumerated() {
            if m > 0 { text = text + Bi(same: ", ") }
            text = text + SensitivitySection.parameterName(e.parameter).lowercasedFirst + Bi(same: " ")
                + SensitivitySection.value(e.parameter, e.value) + Bi(same: " (") + estimatePlaces(data, e.points, e.gaps) + Bi(same: ")")
        }
        return text
    }

    /// "−1.6 s/veh [−4.4, 1.2]": a gap with its interval.
    static func gapText(_ g: Gap) -> Bi {
        var text = NumberText.bi(g.mean, decimals: 1) + Bi(" giây/xe", " s/veh")
        if let lo = g.low, let hi = g.high {
            text = text + Bi(same: " ") + NumberText.interval(NumberText.bi(lo, decimals: 1), NumberText.bi(hi, decimals: 1))
        }
        return text
    }

    /// "demand ×1.2 (−3.0 s/veh [−3.4, −2.7]), ×1.4 (…)": demand levels, each with its gap.
    private func demandPlaces(_ data: ReportData, _ ps: [SweepPoint], _ gaps: [Gap?]) -> Bi {
        var text = Bi(same: "")
        for (k, (p, g)) in zip(ps, gaps).enumerated() {
            if k > 0 { text = text + Bi(same: ", ") }
            text = text + label(data, p, first: k == 0, onlyDemand: ps.allSatisfy { $0[Sweep.demandScaleKey] != nil })
            if let g { text = text + Bi(same: " (") + Self.gapText(g) + Bi(same: ")") }
        }
        return text
    }

    /// "demand ×0.8: −0.5 s/veh [−0.6, −0.4]; ×1.0: …", or the plain points when no gap is known.
    private func estimatePlaces(_ data: ReportData, _ ps: [SweepPoint], _ gaps: [Gap?]) -> Bi {
        guard gaps.contains(where: { $0 != nil }) else { return points(data, ps) }
        let onlyDemand = ps.allSatisfy { $0[Sweep.demandScaleKey] != nil }
        var text = Bi(same: "")
        for (k, (p, g)) in zip(ps, gaps).enumerated() {
            if k > 0 { text = text + Bi(same: "; ") }
            text = text + label(data, p, first: k == 0, onlyDemand: onlyDemand)
            if let g { text = text + Bi(same: ": ") + Self.gapText(g) }
        }
        return text
    }

    /// "demand ×1.0" for the first of a list of demand levels, "×1.2" after it; a point's phrase otherwise.
    private func label(_ data: ReportData, _ p: SweepPoint, first: Bool, onlyDemand: Bool) -> Bi {
        guard onlyDemand, let x = p[Sweep.demandScaleKey] else { return data.pointPhrase(p) }
        return (first ? Bi("nhu cầu ×", "demand ×") : Bi(same: "×")) + NumberText.scale(x)
    }

    /// "demand ×0.8, ×1.0" (the points' phrases, the demand word once when all are demand
    /// levels), or "every demand level" when they are all of them.
    private func points(_ data: ReportData, _ ps: [SweepPoint]) -> Bi {
        if ps.count > 1 && ps.count == seriesCount { return Bi("mọi mức nhu cầu", "every demand level") }
        let onlyDemand = ps.allSatisfy { $0[Sweep.demandScaleKey] != nil }
        var text = Bi(same: "")
        for (k, p) in ps.enumerated() {
            if k > 0 { text = text + Bi(same: ", ") }
            text = text + (onlyDemand ? (k == 0 ? Bi("nhu cầu ×", "demand ×") : Bi(same: "×")) + NumberText.scale(p[Sweep.demandScaleKey]!)
                                      : data.pointPhrase(p))
        }
        return text
    }
}
