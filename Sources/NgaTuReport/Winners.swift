import NgaTuResults

/// Where the lowest delay goes to another strategy than at the reference point: at the other
/// demand levels (the demand series) and at the other values of the estimates (the sensitivity
/// check, at the same demand levels). When there is any, the headline does not name one winner.
struct Winners {
    /// The best strategy at the reference point.
    var reference: String
    /// Demand levels where another strategy is best, in demand order.
    var demand: [(point: SweepPoint, strategy: String)] = []
    /// Values of an estimate where another strategy is best, with the demand levels where it is.
    var estimates: [(parameter: String, value: Double, strategy: String, points: [SweepPoint])] = []
    /// How many demand levels the comparison has (one when it has no demand sweep).
    var seriesCount = 1

    /// Nil when the reference point has no best strategy.
    init?(_ data: ReportData) {
        guard let reference = data.reference, let best = Headline(data, at: reference).strategy else { return nil }
        self.reference = best
        let series = data.demandSeries.isEmpty ? [reference] : data.demandSeries
        seriesCount = series.count
        for p in series where p != reference {
            if let other = Headline(data, at: p).strategy, other != best { demand.append((p, other)) }
        }
        for v in SensitivitySection.verdicts(data) {
            for value in v.values where value != v.base {
                for p in series {
                    guard let b = v.bestAt[value]?[p] ?? nil, b.strategy != best else { continue }
                    if let k = estimates.firstIndex(where: { $0.parameter == v.parameter && $0.value == value && $0.strategy == b.strategy }) {
                        estimates[k].points.append(p)
                    } else {
                        estimates.append((v.parameter, value, b.strategy, [p]))
                    }
                }
            }
        }
    }

    var isEmpty: Bool { demand.isEmpty && estimates.isEmpty }

    /// At most this many values of the estimates are named; the rest are counted.
    static let namedEstimates = 3

    /// "the lowest delay per demanded vehicle goes to actuated at demand ×1.2 and, with other
    /// values of the estimates, to actuated at start-up lost time 3 s (demand ×0.8, ×1.0)"
    /// (at most `namedEstimates` values named), or
    /// nil when the reference's best is best everywhere.
    func clause(_ data: ReportData, measure: RunMeasure) -> Bi? {
        guard !isEmpty else { return nil }
        var text = Bi("mức ", "the lowest ") + Headline.measurePhrase(measure) + Bi(" thấp nhất", " goes")
        var groups: [(String, [SweepPoint])] = []
        for d in demand {
            if let k = groups.firstIndex(where: { $0.0 == d.strategy }) { groups[k].1.append(d.point) } else { groups.append((d.strategy, [d.point])) }
        }
        if !groups.isEmpty { text = text + Bi(" thuộc về ", " to ") }
        for (k, g) in groups.enumerated() {
            if k > 0 { text = text + Bi(same: ", ") }
            text = text + Bi(same: "<strong>\(g.0)</strong> ") + Bi("ở ", "at ") + points(data, g.1)
        }
        if !estimates.isEmpty {
            text = text + (groups.isEmpty ? Bi(same: ",") : Bi(" và,", " and,"))
                + Bi(" với giá trị khác của các ước tính, thuộc về ", " with other values of the estimates, to ")
            // Grouped by strategy: "actuated at critical gap 6 s (demand ×1.0, ×1.2), start-up
            // lost time 3 s (every demand level)".
            let named = Array(estimates.prefix(Self.namedEstimates))
            var order: [String] = []
            for e in named where !order.contains(e.strategy) { order.append(e.strategy) }
            for (k, strategy) in order.enumerated() {
                if k > 0 { text = text + Bi(same: "; ") }
                text = text + Bi(same: "<strong>\(strategy)</strong> ") + Bi("khi ", "at ")
                for (m, e) in named.filter({ $0.strategy == strategy }).enumerated() {
                    if m > 0 { text = text + Bi(same: ", ") }
                    text = text + SensitivitySection.parameterName(e.parameter).lowercasedFirst + Bi(same: " ")
                        + SensitivitySection.value(e.parameter, e.value) + Bi(same: " (") + points(data, e.points) + Bi(same: ")")
                }
            }
            if estimates.count > Self.namedEstimates {
                let more = estimates.count - Self.namedEstimates
                text = text + Bi("; và \(more) giá trị khác (xem “Độ vững trước các ước tính”)",
                                 "; and \(more) more value\(more == 1 ? "" : "s") (see “Robustness to the estimates”)")
            }
        }
        return text
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
