import NgaTuResults

/// Turning movements where they decide the result: at the signalised junctions with the
/// longest demand-weighted movement delay under the baseline (at the reference sweep point),
/// each movement's control delay, level of service and vehicles served per strategy, from
/// `movements.csv`. Empty when the results predate the table.
enum MovementSection {
    static func render(_ data: ReportData, limit: Int = 2) -> Markup {
        let rows = data.tables.movements.filter { $0.sweep == data.reference }
        guard !rows.isEmpty else { return "" }
        // Rank junctions by the baseline's delay × demand summed over their movements.
        var weight: [String: Double] = [:]
        var order: [String] = []
        for r in rows where r.strategy == data.baseline {
            if weight[r.junction] == nil { order.append(r.junction) }
            weight[r.junction, default: 0] += (r.controlDelayS ?? 0) * r.demandVehH
        }
        let worst = order.enumerated().filter { weight[$0.element]! > 0 }
            .sorted { weight[$0.element]! != weight[$1.element]! ? weight[$0.element]! > weight[$1.element]! : $0.offset < $1.offset }
            .prefix(limit).map(\.element)
        guard !worst.isEmpty else { return "" }
        var body: Markup = Block.paragraph(Bi(
            "Các hướng rẽ tại những nút có tổng độ trễ lớn nhất theo \(data.baseline): độ trễ tại vạch dừng (giây/xe), mức phục vụ và số xe được phục vụ mỗi giờ so với nhu cầu, trung bình qua các lần chạy (movements.csv).",
            "Turning movements at the junctions with the most delay under \(data.baseline): control delay (s/veh), level of service and vehicles served per hour against the demand, mean over replications (movements.csv)."))
        for junction in worst {
            var t: Markup = "<table class=\"movements\"><caption>\(data.junctionLabel(junction).html) <span class=\"muted\">(\(junction))</span></caption><thead><tr><th scope=\"col\">\(Vocabulary.approach.html)</th><th scope=\"col\">\(Bi("Hướng rẽ", "Turn").html)</th>"
            for s in data.strategies { t += "<th scope=\"col\" class=\"num\">\(Block.swatch(data.strategyIndex(s)))\(s)</th>" }
            t += "</tr></thead><tbody>"
            var byKey: [String: [String: MovementRow]] = [:]
            var keys: [String] = []
            for r in rows where r.junction == junction {
                let k = "\(r.approach)|\(r.turn)|\(r.toRoad)"
                if byKey[k] == nil { keys.append(k) }
                byKey[k, default: [:]][r.strategy] = r
            }
            for k in keys {
                let any = byKey[k]!.values.first!
                guard byKey[k]!.values.contains(where: { $0.demandVehH > 0 }) else { continue }
                t += "<tr><td>\(PlaceWords.approach(any.approach).html)</td><td>\(Vocabulary.turn(any.turn).html) <small class=\"muted\">→ \(any.toRoad)</small></td>"
                for s in data.strategies {
                    guard let r = byKey[k]![s] else { t += "<td class=\"num\">–</td>"; continue }
                    let delay = r.controlDelayS.map { NumberText.bi($0, decimals: 0).html } ?? "–"
                    t += "<td class=\"num\">\(delay) s \(Block.los(r.los)) <small>\(NumberText.bi(r.throughputVehH, decimals: 0).html)/\(NumberText.bi(r.demandVehH, decimals: 0).html) \(Bi("xe/h", "veh/h").html)</small></td>"
                }
                t += "</tr>"
            }
            body += t + "</tbody></table>"
        }
        body += variantTables(data)
        return Block.section("movements", Bi("Các hướng rẽ", "Turning movements"), body)
    }

    /// Where a variant replaces a junction's plan, that junction's movements in every variant,
    /// one table per strategy: the question such a scenario asks (e.g. does a protected left
    /// serve its turn) is answered movement by movement.
    static func variantTables(_ data: ReportData) -> Markup {
        let names = data.meta.variantNames
        guard let reference = data.reference, !names.isEmpty else { return "" }
        let points = names.enumerated().map { reference.inVariant($0.offset, named: $0.element) }
        var body: Markup = ""
        for junction in data.meta.replannedJunctions {
            let rows = data.tables.movements.filter { $0.junction == junction && points.contains($0.sweep) }
            guard !rows.isEmpty else { continue }
            var keys: [String] = []
            var cells: [String: MovementRow] = [:]
            for r in rows {
                let k = "\(r.approach)|\(r.turn)|\(r.toRoad)"
                if !keys.contains(k) { keys.append(k) }
                cells["\(r.strategy)|\(k)|\(r.sweep.variant ?? "")"] = r
            }
            for s in data.strategies {
                var t: Markup = "<table class=\"movements\"><caption>\(data.junctionLabel(junction).html) <span class=\"muted\">(\(junction))</span>: \(Block.swatch(data.strategyIndex(s)))\(Markup.text(s)), \(Bi("theo phương án", "by variant").html)</caption><thead><tr><th scope=\"col\">\(Vocabulary.approach.html)</th><th scope=\"col\">\(Bi("Hướng rẽ", "Turn").html)</th>"
                for name in names { t += "<th scope=\"col\" class=\"num\">\(Markup.text(name))</th>" }
                t += "</tr></thead><tbody>"
                for k in keys {
                    let row = names.compactMap { cells["\(s)|\(k)|\($0)"] }
                    guard let any = row.first, row.contains(where: { $0.demandVehH > 0 }) else { continue }
                    t += "<tr><td>\(PlaceWords.approach(any.approach).html)</td><td>\(Vocabulary.turn(any.turn).html) <small class=\"muted\">→ \(any.toRoad)</small></td>"
                    for name in names {
                        guard let r = cells["\(s)|\(k)|\(name)"] else { t += "<td class=\"num\">–</td>"; continue }
                        let delay = r.controlDelayS.map { NumberText.bi($0, decimals: 0).html } ?? "–"
                        t += "<td class=\"num\"\(Markup.attribute("data-variant", name))>\(delay) s \(Block.los(r.los)) <small>\(NumberText.bi(r.throughputVehH, decimals: 0).html)/\(NumberText.bi(r.demandVehH, decimals: 0).html) \(Bi("xe/h", "veh/h").html)</small></td>"
                    }
                    t += "</tr>"
                }
                body += t + "</tbody></table>"
            }
        }
        return body
    }
}
