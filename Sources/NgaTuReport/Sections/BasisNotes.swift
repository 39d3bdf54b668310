import NgaTuResults

/// Caveats under the headline about what a comparison rests on, from the stored controller
/// inputs: a Webster junction whose critical flow ratios add up to Y ≥ 1 has no cycle that
/// serves its demand, so Webster runs its longest cycle there, which is not an optimum (the
/// formula C0 = (1.5 L + 5) / (1 − Y) has no meaning past Y = 1).
enum BasisNotes {
    /// One junction of one Webster strategy at one sweep point (and period) with Y ≥ 1.
    struct Oversaturated: Equatable {
        var strategy: String
        var junction: String
        var point: SweepPoint
        /// `HH:MM` of a time-of-day plan's period, nil for one plan for the run.
        var period: String?
        var y: Double
        /// The cycle the plan ran there (s), when stored.
        var cycle: Double?
    }

    /// Every Y ≥ 1 of the Webster strategies' inputs, in strategy, then input order.
    static func websterOversaturated(_ data: ReportData) -> [Oversaturated] {
        var out: [Oversaturated] = []
        for s in data.strategies where (data.strategyMeta(s)?.controller ?? "") == "webster" {
            let rows = data.tables.controllerInputs.filter { $0.strategy == s }
            for row in rows where row.value >= 1 && (row.key == "Y" || row.key.hasPrefix("Y@")) {
                let suffix = String(row.key.dropFirst(1))   // "" or "@07:00"
                let cycle = rows.first { $0.sweep == row.sweep && $0.junction == row.junction && $0.key == "cycle" + suffix }?.value
                out.append(Oversaturated(strategy: s, junction: row.junction, point: row.sweep,
                                         period: suffix.isEmpty ? nil : String(suffix.dropFirst()), y: row.value, cycle: cycle))
            }
        }
        return out
    }

    static func render(_ data: ReportData) -> Markup {
        var out: Markup = ""
        let found = websterOversaturated(data)
        var strategies: [String] = []
        for f in found where !strategies.contains(f.strategy) { strategies.append(f.strategy) }
        for s in strategies {
            let cases = found.filter { $0.strategy == s }
            var junctions: [String] = []
            for c in cases where !junctions.contains(c.junction) { junctions.append(c.junction) }
            let list = junctions.map { j -> Bi in
                let worst = cases.filter { $0.junction == j }.max { $0.y < $1.y }!
                var at = data.pointPhrase(worst.point)
                if let p = worst.period { at = at + Bi(", lúc \(p)", ", at \(p)") }
                return data.junctionLabel(j) + Bi(same: " (Y = ") + NumberText.bi(worst.y, decimals: 2)
                    + Bi(same: ", ") + at + Bi(same: ")")
            }
            let cycles = cases.compactMap(\.cycle)
            let cycleText: Bi = cycles.isEmpty ? Bi(same: "")
                : Bi(same: " (") + NumberText.bi(cycles.max()!, decimals: 0) + Bi(" giây)", " s)")
            let count = junctions.count
            let text = Bi(same: "⚠ <strong>\(s)</strong>: ")
                + Bi("tại \(count) nút, tổng tỉ số lưu lượng tới hạn Y ≥ 1, nhu cầu vượt khả năng phục vụ của mọi chu kỳ: ",
                     "at \(count) junction\(count == 1 ? "" : "s") the critical flow ratios add up to Y ≥ 1, more demand than any cycle can serve: ")
                + list.dropFirst().reduce(list[0]) { $0 + Bi("; ", "; ") + $1 }
                + Bi(". Ở đó chu kỳ của Webster là mức tối đa", ". There Webster's cycle is its maximum") + cycleText
                + Bi(", không phải chu kỳ tối ưu.", ", not an optimum.")
            out += "<p class=\"warning\">\(text.html)</p>"
        }
        return out
    }
}
