import NgaTuResults

/// What the report shows, derived from the tables once: the strategies in order, the sweep
/// point the report focuses on, lookups and averages over replications.
struct ReportData {
    let tables: ResultTables
    var meta: RunMeta { tables.meta }
    /// The default language of the page, `vi` or `en`.
    let language: String
    /// The scenario's title (its id when it has none); Vietnamese from `title_vi` when given.
    var title: Bi {
        let en = meta.title.isEmpty ? meta.scenarioID : meta.title
        return Bi("\(meta.property("title_vi") ?? en)", "\(en)")
    }
    /// Strategies in the scenario's order, then any the rows name that the metadata does not.
    let strategies: [String]
    let baseline: String
    /// The sweep point of the headline, the bar charts, the map and the tables: the point with
    /// `demand_scale` 1 (the middle one if several), else the middle point of the sweep.
    let reference: SweepPoint?
    /// Sweep points along `demand_scale` with every other key at the reference's value,
    /// ordered by demand scale.
    let demandSeries: [SweepPoint]
    /// Every sweep point in run order (the metadata's, then any the rows name): the headline
    /// has a sentence for each.
    let points: [SweepPoint]
    /// What the headline ranks by: delay per demanded vehicle; mean delay of finished trips
    /// only in results written before `mean_delay_all_s` existed.
    let headlineMeasure: RunMeasure
    private let comparisonIndex: [ComparisonKey: ComparisonRow]

    struct ComparisonKey: Hashable {
        var strategy: String
        var sweep: SweepPoint
        var measure: RunMeasure
    }

    init(tables: ResultTables, language: String) {
        self.tables = tables
        self.language = language == "en" ? "en" : "vi"
        junctionNames = Self.junctionNames(tables)
        var names = tables.meta.strategyNames
        for s in tables.comparison.map(\.strategy) + tables.runs.map(\.strategy) + tables.junctions.map(\.strategy)
        where !names.contains(s) {
            names.append(s)
        }
        strategies = names
        let kinds = Dictionary(tables.meta.strategies.map { ($0.name, $0.controller) }, uniquingKeysWith: { a, _ in a })
        styleSlots = StrategyStyle.assign(names) { kinds[$0] }
        baseline = tables.meta.baseline
        var index: [ComparisonKey: ComparisonRow] = [:]
        for row in tables.comparison {
            index[ComparisonKey(strategy: row.strategy, sweep: row.sweep, measure: row.measure)] = row
        }
        comparisonIndex = index

        var points = tables.meta.sweep.points
        for p in tables.comparison.map(\.sweep) + tables.runs.map(\.sweep) where !points.contains(p) {
            points.append(p)
        }
        self.points = points
        headlineMeasure = tables.comparison.contains { $0.measure == .meanDelayAllS && $0.mean != nil } || tables.comparison.isEmpty
            ? .meanDelayAllS : .meanDelayS
        let reference = Sweep.referencePoint(points, baselineVariant: tables.meta.baselineVariant)
        self.reference = reference
        if let reference {
            let others = reference.keys.filter { $0 != Sweep.demandScaleKey }
            var series: [SweepPoint] = []
            for p in points where others.allSatisfy({ p[$0] == reference[$0] }) && p[Sweep.demandScaleKey] != nil {
                if !series.contains(where: { $0[Sweep.demandScaleKey] == p[Sweep.demandScaleKey] }) { series.append(p) }
            }
            demandSeries = series.sorted { $0[Sweep.demandScaleKey]! < $1[Sweep.demandScaleKey]! }
        } else {
            demandSeries = []
        }
    }

    func comparison(_ strategy: String, _ point: SweepPoint?, _ measure: RunMeasure) -> ComparisonRow? {
        guard let point else { return nil }
        return comparisonIndex[ComparisonKey(strategy: strategy, sweep: point, measure: measure)]
    }

    /// A strategy's style slot (its colour, dash and marker), by name: the same in every report.
    func strategyIndex(_ name: String) -> Int { styleSlots[name] ?? 0 }
    private let styleSlots: [String: Int]

    func strategyMeta(_ name: String) -> StrategyMeta? { meta.strategies.first { $0.name == name } }

    var baselineIsFixedTime: Bool {
        let kind = strategyMeta(baseline)?.controller ?? baseline
        return kind == "fixed-time" || kind == "fixed"
    }

    /// True when the run metadata says the map's fixed plans are estimates (or defaults), not
    /// the junctions' real timings; results from before the property read as real plans.
    var fixedPlansAreEstimates: Bool { meta.property("fixed_plans") == "estimated" }

    /// How the baseline is called in sentences: never "the current plans" when they are
    /// estimates.
    var baselinePhrase: Bi {
        // With variants the baseline is a pair: the strategy in one variant, named so that a
        // sentence at another variant's point says what it is compared with.
        let inVariant = baselineVariantName.map { Bi(" ở phương án “\($0)”", " in variant “\($0)”") } ?? Bi(same: "")
        guard baselineIsFixedTime else { return Bi("phương án gốc “\(baseline)”", "the baseline “\(baseline)”") + inVariant }
        return (fixedPlansAreEstimates
            ? Bi("chu kỳ đèn cố định của bản đồ (ước tính)", "the map's fixed plans (estimated)")
            : Bi("chu kỳ đèn cố định hiện tại", "the current fixed plans")) + inVariant
    }

    /// The baseline variant's name; nil for a scenario without variants.
    var baselineVariantName: String? {
        meta.baselineVariant.map { meta.variantNames[$0] }
    }

    /// The point of the baseline pair that a difference at `point` is against: the same point
    /// in the baseline variant (`point` itself without variants), as `ComparisonBuilder` pairs.
    func baselinePoint(_ point: SweepPoint) -> SweepPoint {
        guard let v = meta.baselineVariant else { return point }
        return point.inVariant(v, named: meta.variantNames[v])
    }

    /// A sweep point in words, e.g. `nhu cầu ×1,2` / `demand ×1.2`.
    func pointPhrase(_ point: SweepPoint) -> Bi {
        var parts: [Bi] = []
        for (key, value) in zip(point.keys, point.values) {
            let number = NumberText.scale(value)
            if key == Sweep.variantKey {
                let name = point.variant ?? NumberFormat.format(value)
                parts.append(Bi("phương án “", "variant “") + Bi(.text(name), .text(name)) + Bi(same: "”"))
            } else if key == Sweep.demandScaleKey {
                parts.append(Bi("nhu cầu ×", "demand ×") + number)
            } else {
                parts.append(Bi(same: "\(key) = ") + number)
            }
        }
        return parts.dropFirst().reduce(parts.first ?? Bi(same: "")) { $0 + Bi(same: ", ") + $1 }
    }

    // MARK: Scenario properties

    func seconds(_ key: String) -> Double? { meta.property(key).flatMap(Double.init) }
    /// A wait at one stop line longer than this (s) is warned about (scenario key
    /// `max_wait_warning`, default 300 s).
    var maxWaitWarningS: Double { seconds("max_wait_warning_s") ?? 300 }
    var durationS: Double? { seconds("duration_s") }
    /// Clock time of time 0 (seconds after midnight) when the scenario gives `start:`.
    var startS: Double? { seconds("start_s") }
    var warmupS: Double? { seconds("warmup_s") }

    // MARK: Junctions

    /// Names of junctions by id (from the map tables).
    /// Junction names by id (those with one), made once: every label looks a name up.
    let junctionNames: [String: String]

    static func junctionNames(_ tables: ResultTables) -> [String: String] {
        var names: [String: String] = [:]
        for j in tables.mapJunctions where !j.name.isEmpty { names[j.id] = j.name }
        return names
    }

    func junctionName(_ id: String) -> String { junctionNames[id] ?? id }

    /// A junction's name in both languages (compass letters and "map edge" translated).
    func junctionLabel(_ id: String) -> Bi { PlaceWords.name(junctionName(id)) }

    /// Signalised junction ids: map order, then any junction the rows name that the map does not.
    var signalisedJunctions: [String] {
        var ids = tables.mapJunctions.filter(\.isSignalised).map(\.id)
        for row in tables.junctions where !ids.contains(row.junction) { ids.append(row.junction) }
        for row in tables.signalTiming where !ids.contains(row.junction) { ids.append(row.junction) }
        return ids
    }

    /// A junction's control delay and level of service for one strategy at the reference point.
    struct JunctionService {
        /// Mean of the approaches' control delays weighted by the vehicles each counts (released
        /// plus still queued at the end): HCM's junction delay.
        var delayS: Double?
        var los: String?
        var approaches: [JunctionRow]
        /// The longest single wait at any of its stop lines (s, any replication): a queue that
        /// did not clear hides in a mean over the whole period, so the report shows it beside
        /// the letter when it passes `maxWaitWarningS`.
        var maxWaitS: Double? { approaches.compactMap(\.maxWaitS).max() }
        /// Vehicles still queued at its stop lines at the end (mean over replications, counted
        /// in `delayS`); nil in results written before the column existed.
        var stillQueuedVeh: Double? {
            let q = approaches.compactMap(\.stillQueuedVeh)
            return q.isEmpty ? nil : q.reduce(0, +)
        }
    }

    /// Every signalised junction's service for `strategy` at the reference point.
    func junctionService(_ strategy: String, at point: SweepPoint? = nil) -> [String: JunctionService] {
        let point = point ?? reference
        var rows: [String: [JunctionRow]] = [:]
        for row in tables.junctions where row.strategy == strategy && row.sweep == point {
            rows[row.junction, default: []].append(row)
        }
        return rows.mapValues { approaches in
            var weighted = 0.0, weight = 0.0, plain = 0.0, count = 0.0
            for a in approaches {
                guard let d = a.controlDelayS, d.isFinite else { continue }
                let vehicles = a.throughputVeh + (a.stillQueuedVeh ?? 0)
                weighted += d * vehicles; weight += vehicles
                plain += d; count += 1
            }
            let delay: Double? = weight > 0 ? weighted / weight : count > 0 ? plain / count : nil
            return JunctionService(delayS: delay,
                                   los: LevelOfService.junction(delayS: delay, degrees: approaches.map(\.degreeOfSaturation)),
                                   approaches: approaches)
        }
    }

    // MARK: Averages over replications

    /// Network queued PCU over time for one strategy at the reference point, the mean over
    /// replications at each sample time.
    /// Queued PCU at each signalised junction over time, per strategy, at the reference point,
    /// averaged over replications: strategy → junction → [(time, PCU)].
    func meanJunctionQueues() -> [String: [String: [(timeS: Double, pcu: Double)]]] {
        struct Key: Hashable { var strategy: String; var junction: String }
        // Sums by (strategy, junction), then time, in arrays kept in time order: a junction's
        // rows of one run come together and in time order, so the pair is looked up only when
        // it changes and a time mostly goes at the end or is found by bisection (the same sums,
        // added in the same order, as one dictionary of times per pair gave).
        struct Sums { var times: [Double] = []; var sums: [Double] = []; var counts: [Int] = [] }
        var slots: [Key: Int] = [:]
        var keys: [Key] = []
        var all: [Sums] = []
        // The pair that came after each pair last time: the rows go junction by junction at
        // each time, in the same order every time, so the next pair is mostly that one.
        var successor: [Int] = []
        var slot = -1
        for row in tables.junctionQueues where row.sweep == reference {
            let guess = slot < 0 ? 0 : successor[slot]
            if guess >= 0, guess < keys.count, row.junction == keys[guess].junction, row.strategy == keys[guess].strategy {
                slot = guess
            } else {
                let key = Key(strategy: row.strategy, junction: row.junction)
                let found: Int
                if let known = slots[key] { found = known } else {
                    found = all.count
                    slots[key] = found
                    keys.append(key)
                    all.append(Sums())
                    successor.append(-1)
                }
                if slot >= 0 { successor[slot] = found }
                slot = found
            }
            let t = row.timeS
            if let last = all[slot].times.last, !(t > last) {
                // Bisection: the first time not below t.
                var low = 0, high = all[slot].times.count
                while low < high {
                    let mid = (low + high) / 2
                    if all[slot].times[mid] < t { low = mid + 1 } else { high = mid }
                }
                if low < all[slot].times.count, all[slot].times[low] == t {
                    all[slot].sums[low] += row.queuedPcu
                    all[slot].counts[low] += 1
                } else {
                    all[slot].times.insert(t, at: low)
                    all[slot].sums.insert(0 + row.queuedPcu, at: low)
                    all[slot].counts.insert(1, at: low)
                }
            } else {
                all[slot].times.append(t)
                all[slot].sums.append(0 + row.queuedPcu)
                all[slot].counts.append(1)
            }
        }
        var out: [String: [String: [(timeS: Double, pcu: Double)]]] = [:]
        for (key, sums) in zip(keys, all) {
            out[key.strategy, default: [:]][key.junction] = sums.times.indices.map { i in (sums.times[i], sums.sums[i] / Double(sums.counts[i])) }
        }
        return out
    }

    func meanQueue(_ strategy: String) -> [(timeS: Double, pcu: Double)] {
        var sums: [Double: (Double, Int)] = [:]
        for row in tables.timeSeries where row.strategy == strategy && row.sweep == reference {
            let s = sums[row.timeS] ?? (0, 0)
            sums[row.timeS] = (s.0 + row.queuedPcu, s.1 + 1)
        }
        return sums.keys.sorted().map { t in (t, sums[t]!.0 / Double(sums[t]!.1)) }
    }

    /// Signal timing of one junction for one strategy at the reference point, averaged over
    /// replications.
    struct Timing {
        var junction: String
        var controller: String
        var meanCycleS: Double?
        var changesPerHour: Double
        /// (phase name, mean green share, mean green time per appearance)
        var phases: [(name: String, share: Double, greenS: Double?)]
    }

    func timings(_ strategy: String) -> [Timing] {
        let rows = tables.signalTiming.filter { $0.strategy == strategy && $0.sweep == reference }
        let phaseRows = tables.signalPhases.filter { $0.strategy == strategy && $0.sweep == reference }
        // Each junction's rows in one pass (in row order), junctions in order of first row.
        var order: [String] = []
        var rowsOf: [String: [SignalTimingRow]] = [:]
        for r in rows {
            if rowsOf[r.junction] == nil { order.append(r.junction) }
            rowsOf[r.junction, default: []].append(r)
        }
        var phaseRowsOf: [String: [SignalPhaseRow]] = [:]
        for r in phaseRows { phaseRowsOf[r.junction, default: []].append(r) }
        return order.map { junction in
            let mine = rowsOf[junction]!
            let cycles = mine.compactMap(\.meanCycleS)
            let myPhases = phaseRowsOf[junction] ?? []
            var phases: [(name: String, share: Double, greenS: Double?)] = []
            if !myPhases.isEmpty {
                for number in Set(myPhases.map(\.phase)).sorted() {
                    let p = myPhases.filter { $0.phase == number }
                    let greens = p.compactMap(\.meanGreenS)
                    phases.append((p[0].name.isEmpty ? "\(number)" : p[0].name, mean(p.map(\.greenShare)) ?? 0,
                                   mean(greens)))
                }
            } else {
                let n = mine.map(\.greenShares.count).max() ?? 0
                for i in 0..<n {
                    phases.append(("\(i + 1)", mean(mine.compactMap { i < $0.greenShares.count ? $0.greenShares[i] : nil }) ?? 0, nil))
                }
            }
            return Timing(junction: junction, controller: mine[0].controller, meanCycleS: mean(cycles),
                          changesPerHour: mean(mine.map(\.phaseChangesPerHour)) ?? 0, phases: phases)
        }
    }
}

func mean(_ xs: [Double]) -> Double? {
    xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count)
}

/// HCM level of service of a signalised junction or approach by control delay (s/veh):
/// A ≤ 10, B ≤ 20, C ≤ 35, D ≤ 55, E ≤ 80, F > 80; also F when v/c > 1.
enum LevelOfService {
    static let letters = ["A", "B", "C", "D", "E", "F"]
    static let upperBounds: [Double] = [10, 20, 35, 55, 80]

    static func letter(_ delayS: Double) -> String {
        for (i, bound) in upperBounds.enumerated() where delayS <= bound { return letters[i] }
        return "F"
    }

    /// A junction's letter: F when any approach is over capacity (v/c > 1), as
    /// traffic-engineering.md has it, else by the junction's control delay; nil without either.
    static func junction(delayS: Double?, degrees: [Double?]) -> String? {
        if degrees.contains(where: { ($0 ?? 0) > 1 }) { return "F" }
        return delayS.map(letter)
    }

    /// Fill colours on the scale audiences expect, green (A) through yellow to red (F), built
    /// from the Okabe–Ito colours so that A and F stay apart with red-green colour-vision
    /// deficiencies (bluish green against vermillion and a dark crimson, which differ in
    /// blue-yellow and in lightness); the letter is always printed on top.
    static func fill(_ letter: String?) -> String {
        switch letter {
        case "A": "#009E73"
        case "B": "#7FCDAA"
        case "C": "#F0E442"
        case "D": "#E69F00"
        case "E": "#D55E00"
        case "F": "#8E0B2E"
        default: "#FFFFFF"
        }
    }

    /// Letter colour with enough contrast on `fill` (WCAG ratio at least 4.5).
    static func ink(_ letter: String?) -> String {
        switch letter {
        case "F": "#FFFFFF"
        default: "#000000"
        }
    }

    /// The delay range of a letter, in words.
    static func range(_ letter: String) -> Bi {
        guard let i = letters.firstIndex(of: letter) else { return Bi(same: "") }
        if i == 0 { return Bi("≤ 10 giây", "≤ 10 s") }
        if i == 5 { return Bi("> 80 giây hoặc quá tải (v/c > 1)", "> 80 s or over capacity (v/c > 1)") }
        let lo = Int(upperBounds[i - 1]), hi = Int(upperBounds[i])
        return Bi("\(lo)–\(hi) giây", "\(lo)–\(hi) s")
    }
}
