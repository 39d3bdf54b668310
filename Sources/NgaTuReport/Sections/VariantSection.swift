import NgaTuResults

/// Variants and strategies in one place (scenarios with `variants:` only): each variant's
/// changes in words, then a matrix of the headline measure, strategies down and variants
/// across, each cell the mean with its 95% interval and the paired difference against the
/// baseline pair (baseline strategy, baseline variant), at the reference point of the other
/// sweep keys.
enum VariantSection {
    static func render(_ data: ReportData) -> Markup {
        let names = data.meta.variantNames
        guard !names.isEmpty, let reference = data.reference else { return "" }
        let baseVariant = names[data.meta.baselineVariant ?? 0]
        let measure = data.headlineMeasure
        let info = Vocabulary.measure(measure)
        var body = Block.paragraph(
            Bi("Mỗi phương án (variant) là một thế giới khác; mọi chiến lược chạy trên mọi phương án với cùng các số khởi tạo ngẫu nhiên. Phương án gốc là cặp ",
               "Each variant is another world; every strategy runs on every variant on the same random seeds. The baseline is the pair ")
            + Bi(.text("“\(data.baseline)” × “\(baseVariant)”"), .text("“\(data.baseline)” × “\(baseVariant)”"))
            + Bi("; mọi cặp khác được so với nó theo từng lần chạy.", "; every other pair is compared with it replication by replication."))
        body += "<ul class=\"variants\">"
        for name in names {
            let vi = data.meta.property("variant_vi.\(name)") ?? ""
            let en = data.meta.property("variant_en.\(name)") ?? ""
            body += "<li\(Markup.attribute("data-variant", name))><strong>\(Markup.text(name))</strong>: \(Bi(.text(vi), .text(en)).html)</li>"
        }
        body += "</ul>"
        let rest = reference.keys.filter { $0 != Sweep.variantKey && $0 != Sweep.demandScaleKey }
        var at = Bi("Bảng: ", "Table: ") + info.name + Bi(same: " (") + info.unit + Bi(same: ")")
        at = at + Bi(", nhu cầu ×", ", demand ×") + NumberText.scale(reference[Sweep.demandScaleKey] ?? 1)
        for k in rest { at = at + Bi(same: ", \(k) = ") + NumberText.scale(reference[k] ?? 0) }
        body += Block.paragraph(at + Bi(". Mỗi ô: trung bình [khoảng tin cậy 95%]; dòng dưới: chênh lệch so với phương án gốc [95%].",
                                        ". Each cell: mean [95% interval]; below: difference against the baseline [95%]."), cls: "muted")
        body += "<table class=\"variant-matrix\"><thead><tr><th scope=\"col\">\(Bi("Chiến lược", "Strategy").html)</th>"
        for name in names { body += "<th scope=\"col\" class=\"num\">\(Markup.text(name))</th>" }
        body += "</tr></thead><tbody>"
        for s in data.strategies {
            body += "<tr><th scope=\"row\">\(Markup.text(s))</th>"
            for (i, name) in names.enumerated() {
                let row = data.comparison(s, reference.inVariant(i, named: name), measure)
                body += "<td class=\"num\"\(Markup.attribute("data-strategy", s))\(Markup.attribute("data-variant", name))>\(cell(row).html)</td>"
            }
            body += "</tr>"
        }
        body += "</tbody></table>"
        return Block.section("variants", Bi("Các phương án và chiến lược", "Variants and strategies"), body)
    }

    static func interval(_ lo: Double?, _ hi: Double?, like x: Double) -> Bi {
        guard let lo, let hi else { return Bi(same: "") }
        // The separator of the other tables: a comma would read as a decimal point in Vietnamese,
        // and a dash between two negative numbers reads as a minus.
        return Bi(same: " ") + NumberText.interval(NumberText.bi(lo, like: x), NumberText.bi(hi, like: x))
    }

    /// `mean [lo, hi]`, then `Δ d [lo, hi]` (or "baseline" for the baseline pair).
    static func cell(_ row: ComparisonRow?) -> Bi {
        guard let row, let mean = row.mean else { return Bi(same: "–") }
        var text = NumberText.bi(mean, like: mean) + interval(row.ci95Low, row.ci95High, like: mean)
        if let d = row.diffVsBaseline {
            let sign = d > 0 ? "+" : ""
            text = text + Bi(same: "<br>Δ \(sign)") + NumberText.bi(d, like: mean) + interval(row.diffCI95Low, row.diffCI95High, like: mean)
        } else {
            text = text + Bi("<br>(gốc)", "<br>(baseline)")
        }
        return text
    }
}
