import NgaTuResults

/// The answer at the top of the report, computed from the comparison rows at one sweep point:
/// the best strategy's difference in delay per demanded vehicle (`mean_delay_all_s`) against
/// the baseline, as a percentage of the baseline's, with its 95% interval; and every strategy
/// ranked by that delay, with a note next to the delay of each one that serves significantly
/// fewer vehicles than the baseline.
///
/// Delay per demanded vehicle counts the vehicles a strategy leaves waiting or unfinished, so a
/// strategy cannot look better by finishing fewer trips (mean delay of finished trips can).
/// Results written before that column existed fall back to `mean_delay_s`.
struct Headline {
    let point: SweepPoint?
    let measure: RunMeasure
    /// The best strategy (lowest paired difference), nil when there is nothing to compare.
    var strategy: String?
    /// Difference as a percentage of the baseline's value (negative: a cut).
    var percent: Double?
    /// The paired 95% interval of the difference, as percentages; nil with one replication.
    var interval: (low: Double, high: Double)?
    var baselineDelayS: Double?
    var strategyDelayS: Double?
    var replications: Int
    /// Every strategy with a value at this point, lowest delay first (scenario order on ties).
    var ranking: [(strategy: String, delay: Double)] = []
    /// Strategies whose paired 95% interval of the difference in vehicles finished against the
    /// baseline lies entirely below 0, with that difference's row.
    var servesFewer: [String: ComparisonRow] = [:]
    /// The runner-up (the lowest delay after the best's, the baseline included) and its paired
    /// difference from the best (runner-up − best, same replications); nil without runs.
    var runnerUp: (strategy: String, diff: RunPairDifference)?
    /// The strategies after the best in the ranking, from the runner-up on, whose paired
    /// difference from the best has a 95% interval containing 0, up to the first that does
    /// not or the baseline pair: the data do not separate them from the best.
    var tied: [(strategy: String, diff: RunPairDifference)] = []
    /// Every strategy run at this point fails: each has a gridlock warning in some replication
    /// or leaves vehicles waiting to enter the map at the end of every replication. The best is
    /// then the least bad, and the sentence says so.
    var everyStrategyFails = false
    /// Per strategy: in how many of its replications vehicles were still waiting to enter the
    /// map at the end, of how many, and the most left waiting; only strategies with any. A mean
    /// over replications hides a strategy that breaks down in one run of three.
    var leftWaiting: [String: (runs: Int, of: Int, most: Int)] = [:]
    /// The best strategy's longest wait at one stop line at this point (`junctions.csv`
    /// `max_wait_s`, any replication) when it passes the scenario's `max_wait_warning`: the
    /// strategy named still leaves a queue that may never clear, and its sentence says so.
    var bestHeld: (wait: Double, junction: String, approach: String)?

    init(_ data: ReportData, at point: SweepPoint?) {
        self.point = point
        measure = data.headlineMeasure
        // The baseline pair's row: with variants, the baseline in the baseline variant, which
        // every difference is against (a percentage of the baseline strategy's mean in this
        // variant would divide a difference against one world by the delay of another).
        let base = data.comparison(data.baseline, point.map(data.baselinePoint), measure)
        baselineDelayS = base?.mean
        replications = base?.n ?? 0
        var best: (String, ComparisonRow, Double)?
        if let baseMean = base?.mean, baseMean > 0 {
            for s in data.strategies where s != data.baseline {
                guard let row = data.comparison(s, point, measure),
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
        for s in data.strategies {
            if let m = data.comparison(s, point, measure)?.mean, m.isFinite { ranking.append((s, m)) }
            if s != data.baseline, let f = data.comparison(s, point, .vehiclesFinished),
               let hi = f.diffCI95High, hi < 0 {
                servesFewer[s] = f
            }
        }
        ranking = ranking.enumerated().sorted { ($0.element.delay, $0.offset) < ($1.element.delay, $1.offset) }.map(\.element)
        if let best = strategy, let point {
            let runs = data.tables.runs
            let others = ranking.filter { $0.strategy != best }
            if let r = others.first, let d = RunPairDifference(measure, (r.strategy, point), minus: (best, point), in: runs) {
                runnerUp = (r.strategy, d)
            }
            // Down the ranking from the runner-up while each is level with the best: the top
            // strategies the data do not separate. The baseline (compared in the sentence
            // itself) or the first strategy significantly behind ends the group, so a strategy
            // far behind with a wide interval (three runs, one of them failing) is not "tied".
            for o in others {
                guard !isBaselinePair(o.strategy, data),
                      let d = RunPairDifference(measure, (o.strategy, point), minus: (best, point), in: runs), d.containsZero else { break }
                tied.append((o.strategy, d))
            }
        }
        if let best = strategy, let point,
           let w = data.tables.junctions.filter({ $0.strategy == best && $0.sweep == point })
               .max(by: { ($0.maxWaitS ?? 0) < ($1.maxWaitS ?? 0) }),
           let wait = w.maxWaitS, wait > data.maxWaitWarningS {
            bestHeld = (wait, w.junction, w.approach)
        }
        if let point {
            let runs = data.tables.runs.filter { $0.sweep == point }
            let locked = Set(data.tables.warnings.filter { $0.sweep == point && $0.kind == "gridlock" }.map(\.strategy))
            let ran = data.strategies.filter { s in runs.contains { $0.strategy == s } }
            for s in ran {
                let mine = runs.filter { $0.strategy == s }
                let waiting = mine.map(\.vehiclesWaiting).filter { $0 > 0 }
                if !waiting.isEmpty { leftWaiting[s] = (waiting.count, mine.count, waiting.max()!) }
            }
            everyStrategyFails = ran.count > 1 && ran.allSatisfy { s in
                locked.contains(s) || runs.filter { $0.strategy == s }.allSatisfy { $0.vehiclesWaiting > 0 }
            }
        }
    }

    /// True when the best cuts delay significantly and another strategy is level with it.
    var isTie: Bool { !tied.isEmpty && !isInconclusive && (percent ?? 0) < 0 && interval != nil }

    /// True when the interval contains 0 (no significant difference at the 5% level).
    var isInconclusive: Bool {
        guard let interval else { return false }
        return interval.low <= 0 && interval.high >= 0
    }

    /// The measure in sentences.
    static func measurePhrase(_ m: RunMeasure) -> Bi {
        m == .meanDelayAllS ? Bi("độ trễ mỗi xe có nhu cầu", "delay per demanded vehicle")
                            : Bi("độ trễ trung bình", "mean delay")
    }

    /// ", but serves significantly fewer vehicles (959 fewer finished [898, 1,020])", or nothing.
    func fewerNote(_ s: String) -> Bi {
        guard let f = servesFewer[s], let d = f.diffVsBaseline, let lo = f.diffCI95Low, let hi = f.diffCI95High else {
            return Bi(same: "")
        }
        func n(_ x: Double) -> Bi { NumberText.bi(abs(x), decimals: 0) }
        return Bi(", nhưng phục vụ ít xe hơn đáng kể (ít hơn ", ", but serves significantly fewer vehicles (")
            + n(d) + Bi(" xe hoàn thành ", " fewer finished ") + NumberText.interval(n(hi), n(lo)) + Bi(same: ")")
    }

    /// ", leaves vehicles waiting to enter in 1 of 3 replications (up to 4,875)", or nothing.
    func waitingNote(_ s: String) -> Bi {
        guard let w = leftWaiting[s] else { return Bi(same: "") }
        return Bi(", để xe chờ vào mạng lưới khi hết giờ ở \(w.runs)/\(w.of) lần chạy (nhiều nhất ",
                  ", leaves vehicles waiting to enter at the end in \(w.runs) of \(w.of) replications (up to ")
            + NumberText.bi(Double(w.most), decimals: 0) + Bi(" xe)", ")")
    }

    /// "longest-queue-first still held a vehicle 969 s at the stop line of approach NE of 30
    /// Tháng 4 × Quang Trung (more than the scenario's max_wait_warning, 300 s).", or nil.
    func heldNote(_ data: ReportData) -> Bi? {
        guard let strategy, let h = bestHeld else { return nil }
        return Bi(same: "<strong>\(strategy)</strong>") + Bi(" vẫn giữ một xe chờ ", " still held a vehicle ")
            + NumberText.bi(h.wait, decimals: 0) + Bi(" giây tại vạch dừng hướng ", " s at the stop line of approach ")
            + PlaceWords.approach(h.approach) + Bi(" của nút ", " of ") + data.junctionLabel(h.junction)
            + Bi(" (hơn ngưỡng max_wait_warning của kịch bản, ", " (more than the scenario's max_wait_warning, ")
            + NumberText.bi(data.maxWaitWarningS, decimals: 0) + Bi(" giây).", " s).")
    }

    /// A paired difference as "1.2 s/veh [−0.5, 2.9]".
    static func difference(_ d: RunPairDifference) -> Bi {
        var text = NumberText.bi(d.mean, decimals: 1) + Bi(" giây/xe", " s/veh")
        if let lo = d.low, let hi = d.high {
            text = text + Bi(same: " ") + NumberText.interval(NumberText.bi(lo, decimals: 1), NumberText.bi(hi, decimals: 1))
        }
        return text
    }

    /// "longest-queue-first and actuated are statistically tied (difference 1.2 s/veh
    /// [−0.5, 2.9], paired by replication)", or nil when the best stands alone.
    func tieClause() -> Bi? {
        guard isTie, let strategy else { return nil }
        let names = [strategy] + tied.map(\.strategy)
        var list = Bi(same: "<strong>\(names[0])</strong>")
        for (k, n) in names.dropFirst().enumerated() {
            list = list + (k == names.count - 2 ? Bi(" và ", " and ") : Bi(same: ", ")) + Bi(same: "<strong>\(n)</strong>")
        }
        var figures: Bi
        if tied.count == 1 {
            // Runner-up − best, named so that the sign reads one way.
            figures = Bi("chênh lệch \(tied[0].strategy) − \(strategy) ", "difference \(tied[0].strategy) − \(strategy) ")
                + Headline.difference(tied[0].diff)
        } else {
            figures = Bi("chênh lệch so với \(strategy): ", "differences from \(strategy): ")
            for (k, t) in tied.enumerated() {
                if k > 0 { figures = figures + Bi(same: ", ") }
                figures = figures + Bi(same: "\(t.strategy) ") + Headline.difference(t.diff)
            }
        }
        return list + Bi(" ngang nhau về mặt thống kê (", " are statistically tied (") + figures
            + Bi(", ghép cặp theo lần chạy)", ", paired by replication)")
    }

    /// The sentence, as markup in both languages, with "longest-queue-first and actuated are
    /// statistically tied (…)." before it when another strategy is level with the best, and
    /// with `winners` (the reference point's headline) "No single winner: … ." when the best
    /// is another strategy at another demand level or value of an estimate.
    func sentence(_ data: ReportData, winners: Winners? = nil) -> Bi {
        var core = coreSentence(data)
        if everyStrategyFails {
            core = Bi("Mọi chiến lược đều thất bại ở đây: mỗi chiến lược bị kẹt cứng (cảnh báo tắc nghẽn) hoặc để xe còn chờ vào mạng lưới khi hết giờ ở mọi lần chạy, nên chiến lược tốt nhất chỉ là ít tệ nhất, không phải một phương án dùng được. ",
                      "Every strategy fails here: each locks up (a gridlock warning) or leaves vehicles waiting to enter the map at the end of every replication, so the best is only the least bad, not a plan that works. ") + core
        }
        // The strategy named still holding a vehicle past max_wait_warning here.
        if let held = heldNote(data) { core = core + Bi(same: " ") + held }
        // Where the strategy named does significantly worse than the baseline elsewhere (at
        // another demand level, or with other values of the estimates): said after its
        // figures, on a line of its own (a projected page reads line by line).
        if let worse = winners?.worseSentence(data) { core = core + Bi(same: "<br/>") + worse }
        let tie = tieClause()
        let swaps = winners?.clauses(data, measure: measure) ?? []
        guard tie != nil || !swaps.isEmpty else { return core }
        // One sentence each (the tie, where another strategy is significantly best, where it
        // is level), before the figures against the baseline; with "No single winner:" each
        // on a line of its own.
        if swaps.isEmpty { return tie! + Bi(same: ". ") + core }
        return Bi("Không có chiến lược thắng duy nhất:<br/>", "No single winner:<br/>")
            + SensitivitySection.join((tie.map { [$0] } ?? []) + swaps, Bi(same: ".<br/>")) + Bi(same: ".<br/>") + core
    }

    /// The best strategy's change against the baseline (and the tied strategies' changes).
    private func coreSentence(_ data: ReportData) -> Bi {
        let against = data.baselinePhrase
        let what = Headline.measurePhrase(measure)
        guard let strategy, let percent else {
            if let d = baselineDelayS {
                return Bi("Chỉ có phương án gốc: ", "Only the baseline was run: ") + what + Bi(same: " ")
                    + NumberText.bi(d) + Bi(" giây/xe.", " s/veh.")
            }
            return Bi("Chưa có số liệu so sánh độ trễ.", "There are no delay comparisons yet.")
        }
        let name = Bi(same: "<strong>\(strategy)</strong>")
        let magnitude = NumberText.percent(abs(percent), signed: false)
        let fewer = fewerNote(strategy)
        if let interval {
            if isInconclusive {
                return Bi("Không có khác biệt có ý nghĩa thống kê: chiến lược tốt nhất, ",
                          "No significant difference: the best strategy, ")
                    + name + Bi(", thay đổi ", ", changes ") + what + Bi(" ", " by ")
                    + NumberText.percent(percent) + Bi(same: " ")
                    + NumberText.interval(NumberText.percent(interval.low), NumberText.percent(interval.high)) + Bi(same: " ")
                    + Bi("so với ", "against ") + against + fewer + Bi(same: ".")
            }
            // A cut reads as magnitudes: "cuts by 18% [12%, 23%]".
            let (lo, hi) = percent < 0 ? (-interval.high, -interval.low) : (interval.low, interval.high)
            let range = Bi(same: " ") + NumberText.interval(NumberText.percent(lo, signed: false),
                                                            NumberText.percent(hi, signed: false))
            if percent < 0 {
                return name + Bi(" giảm ", " cuts ") + what + Bi(" ", " by ") + magnitude + range
                    + Bi(" so với ", " against ") + against + fewer + tiedCuts(data) + Bi(same: ".")
            }
            return Bi("Không chiến lược nào tốt hơn ", "No strategy beats ") + against
                + Bi(": chiến lược tốt nhất, ", ": the best, ") + name
                + Bi(", làm tăng ", ", raises ") + what + Bi(" ", " by ") + magnitude + range + fewer + Bi(same: ".")
        }
        let verb = percent < 0 ? Bi(" giảm ", " cuts ") : Bi(" làm tăng ", " raises ")
        return name + verb + what + Bi(" ", " by ") + magnitude + Bi(" so với ", " against ") + against + fewer
            + Bi(" (chỉ một lần chạy: không có khoảng tin cậy).", " (one replication: no confidence interval).")
    }

    /// ", actuated by 37% [36%, 39%]" for each tied strategy that significantly cuts delay.
    private func tiedCuts(_ data: ReportData) -> Bi {
        guard isTie, let base = baselineDelayS, base > 0 else { return Bi(same: "") }
        var text = Bi(same: "")
        for t in tied {
            guard let row = data.comparison(t.strategy, point, measure), let d = row.diffVsBaseline,
                  let lo = row.diffCI95Low, let hi = row.diffCI95High, hi < 0 else { continue }
            text = text + Bi(same: ", \(t.strategy) ") + Bi("giảm ", "by ") + NumberText.percent(abs(d / base * 100), signed: false)
                + Bi(same: " ") + NumberText.interval(NumberText.percent(-hi / base * 100, signed: false),
                                                      NumberText.percent(-lo / base * 100, signed: false))
                + fewerNote(t.strategy)
        }
        return text
    }

    /// The baseline strategy is "the baseline" only in the baseline variant (or without variants).
    func isBaselinePair(_ strategy: String, _ data: ReportData) -> Bool {
        strategy == data.baseline && (data.baselineVariantName == nil || point?.variant == data.baselineVariantName)
    }

    /// "Ranked by delay per demanded vehicle: actuated 37.9 s/veh; fixed (baseline) 58.5 s/veh; …",
    /// each strategy that serves significantly fewer vehicles saying so after its delay.
    func rankingText(_ data: ReportData) -> Bi {
        guard !ranking.isEmpty else { return Bi(same: "") }
        var text = Bi("Xếp hạng theo ", "Ranked by ") + Headline.measurePhrase(measure) + Bi(same: ": ")
        for (k, r) in ranking.enumerated() {
            if k > 0 { text = text + Bi(same: "; ") }
            text = text + Bi(same: "\(k + 1). \(r.strategy)")
                + (isBaselinePair(r.strategy, data) ? Bi(" (gốc)", " (baseline)") : Bi(same: ""))
                + Bi(same: " ") + NumberText.bi(r.delay, like: baselineDelayS) + Bi(" giây/xe", " s/veh")
                + fewerNote(r.strategy) + waitingNote(r.strategy)
        }
        return text + Bi(same: ".")
    }

    /// The figures behind the sentence.
    func details(_ data: ReportData) -> Bi {
        var text = Bi(same: "")
        if let point { text = text + Bi("Tại ", "At ") + data.pointPhrase(point) + Bi(same: ": ") }
        let what = Headline.measurePhrase(measure)
        if let b = baselineDelayS {
            text = text + what + Bi(" của \(data.baseline) ", " \(data.baseline) ") + NumberText.bi(b) + Bi(" giây/xe", " s/veh")
        }
        if let strategy, let d = strategyDelayS {
            text = text + Bi(", của \(strategy) ", ", \(strategy) ") + NumberText.bi(d, like: baselineDelayS)
                + Bi(" giây/xe", " s/veh")
        }
        if strategy != nil {
            text = text + Bi("; khác biệt ghép cặp theo lần chạy (cùng số khởi tạo ngẫu nhiên), ",
                             "; difference paired by replication (same random seeds), ")
            text = text + (interval != nil
                ? Bi("khoảng tin cậy 95% qua \(replications) lần chạy.", "95% confidence interval over \(replications) replications.")
                : Bi("chỉ một lần chạy.", "a single replication."))
        }
        if let r = runnerUp, !isTie, !isBaselinePair(r.strategy, data), let lo = r.diff.low, lo > 0 {
            text = text + Bi(" Thấp hơn chiến lược đứng thứ hai, \(r.strategy), ", " Ahead of the runner-up, \(r.strategy), by ")
                + Headline.difference(r.diff) + Bi(" (ghép cặp theo lần chạy).", " (paired by replication).")
        }
        if measure == .meanDelayAllS {
            text = text + Bi(" Độ trễ mỗi xe có nhu cầu tính cả xe còn chờ vào mạng lưới và xe chưa đến nơi khi hết giờ, so với thời gian chạy tự do của đường ngắn nhất: chiến lược để nhiều xe chờ không thể trông tốt hơn.",
                             " Delay per demanded vehicle counts vehicles still waiting to enter and those unfinished at the end, against the free-flow time of the shortest route: a strategy that leaves vehicles waiting cannot look better.")
        }
        return text
    }
}
