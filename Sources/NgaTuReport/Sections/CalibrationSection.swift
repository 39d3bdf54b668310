import Foundation
import NgaTuResults

/// "Fit to counts": when the scenario names the counts its demand was calibrated to
/// (`calibration:`), the counts against the simulation: a scatter of observed against
/// simulated with the line y = x, the share of counts with GEH < 5 against the DMRB criterion
/// (≥ 85 %), R², the totals, and GEH per site and interval, worst first.
enum CalibrationSection {
    static let criterion = 0.85

    static func render(_ rows: [CalibrationRow]) -> Markup {
        guard !rows.isEmpty else { return .empty }
        let n = Double(rows.count)
        let good = rows.filter { $0.geh < 5 }.count
        let share = Double(good) / n
        let observed = rows.map(\.observed), simulated = rows.map(\.simulated)
        let mean = observed.reduce(0, +) / n
        let ssTot = observed.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        let ssRes = zip(observed, simulated).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        let r2: Double? = ssTot > 0 ? 1 - ssRes / ssTot : nil
        let met = share >= criterion
        var body: Markup = Block.paragraph(Bi(
            "Số liệu đếm xe mà nhu cầu của kịch bản đã được hiệu chỉnh theo, so với mô phỏng (chiến lược cơ sở, nhu cầu ×1, trung bình qua các lần chạy). GEH so sánh lưu lượng giờ: √(2(M − C)² / (M + C)); tiêu chí DMRB của Anh yêu cầu GEH < 5 tại ít nhất 85% số điểm đếm.",
            "The counts the scenario's demand was calibrated to, against the simulation (baseline strategy, demand ×1, mean over the replications). GEH compares hourly flows: √(2(M − C)² / (M + C)); the UK DMRB criterion asks GEH < 5 at ≥ 85% of the counts."))
        let verdict = met
            ? Bi("Đạt tiêu chí", "Criterion met")
            : Bi("Chưa đạt tiêu chí", "Criterion not met")
        body += "<p class=\"fit-verdict\"><strong>\(verdict.html)</strong>: "
        body += (NumberText.percent(share * 100, signed: false) + Bi(" trong \(rows.count) số đếm có GEH < 5", " of \(rows.count) counts with GEH < 5")).html
        if let r2 { body += "; R² \(NumberText.bi(r2, decimals: 3).html)" }
        body += "; " + (Bi("tổng quan sát ", "total observed ") + NumberText.bi(observed.reduce(0, +), decimals: 0)
                        + Bi(", mô phỏng ", ", simulated ") + NumberText.bi(simulated.reduce(0, +), decimals: 0)).html
        body += ".</p>"
        body += scatter(rows)
        body += "<table class=\"fit\"><thead><tr><th scope=\"col\">\(Bi("Điểm đếm", "Site").html)</th><th scope=\"col\">\(Bi("Khoảng thời gian", "Interval").html)</th>"
        body += "<th scope=\"col\">\(Bi("Quan sát (xe)", "Observed (veh)").html)</th><th scope=\"col\">\(Bi("Mô phỏng (xe)", "Simulated (veh)").html)</th><th scope=\"col\">GEH</th><th scope=\"col\">\(Bi("Ghi chú", "Note").html)</th></tr></thead><tbody>"
        let order = rows.indices.sorted { (rows[$1].geh, $0) < (rows[$0].geh, $1) }
        for i in order {
            let r = rows[i]
            body += "<tr><th scope=\"row\">\(r.site)</th><td>\(r.from)–\(r.to)</td>"
            body += Block.numberCell(r.observed, decimals: 0) + Block.numberCell(r.simulated, decimals: 1)
            body += "<td class=\"num\">\(r.geh >= 5 ? "<strong>" as Markup : "")\(NumberText.bi(r.geh, decimals: 1).html)\(r.geh >= 5 ? "</strong>" as Markup : "")</td>"
            body += "<td>\(note(r.note).html)</td></tr>"
        }
        body += "</tbody></table>"
        return Block.section("fit", Bi("Khớp với số liệu đếm xe", "Fit to counts"), body)
    }

    static func note(_ n: String) -> Bi {
        switch n {
        case "unreachable": Bi("không luồng nào đi qua điểm này", "no flow passes this site")
        case "over-capacity": Bi("vượt năng lực của luồng rẽ", "more than the movement serves")
        default: Bi(same: "")
        }
    }

    /// Observed (x) against simulated (y) in vehicles per interval, with y = x; a count at
    /// GEH ≥ 5 is drawn as a hollow red ring, the others as filled dots.
    static func scatter(_ rows: [CalibrationRow]) -> Markup {
        let w = 320.0, h = 320.0, left = 48.0, bottom = 40.0, top = 12.0, right = 12.0
        let top1 = max(rows.map(\.observed).max() ?? 1, rows.map(\.simulated).max() ?? 1, 1) * 1.05
        let step = niceStep(top1 / 5)
        let axisMax = (top1 / step).rounded(.up) * step
        func x(_ v: Double) -> Double { left + v / axisMax * (w - left - right) }
        func y(_ v: Double) -> Double { h - bottom - v / axisMax * (h - bottom - top) }
        var svg: Markup = "<figure class=\"fit-scatter\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(svg: w)\" height=\"\(svg: h)\" viewBox=\"0 0 \(svg: w) \(svg: h)\" role=\"img\" aria-labelledby=\"fit-cap\">"
        var v = 0.0
        while v <= axisMax + 1e-9 {
            svg += "<line x1=\"\(svg: x(v))\" y1=\"\(svg: y(0))\" x2=\"\(svg: x(v))\" y2=\"\(svg: y(axisMax))\" stroke=\"#E0E0E0\"/>"
            svg += "<line x1=\"\(svg: x(0))\" y1=\"\(svg: y(v))\" x2=\"\(svg: x(axisMax))\" y2=\"\(svg: y(v))\" stroke=\"#E0E0E0\"/>"
            svg += "<text x=\"\(svg: x(v))\" y=\"\(svg: h - bottom + 14)\" text-anchor=\"middle\" font-size=\"10\">\(NumberText.bi(v, decimals: 0).svg)</text>"
            svg += "<text x=\"\(svg: left - 4)\" y=\"\(svg: y(v) + 3)\" text-anchor=\"end\" font-size=\"10\">\(NumberText.bi(v, decimals: 0).svg)</text>"
            v += step
        }
        svg += "<line x1=\"\(svg: x(0))\" y1=\"\(svg: y(0))\" x2=\"\(svg: x(axisMax))\" y2=\"\(svg: y(axisMax))\" stroke=\"#444444\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\"\(svg: x(axisMax) - 4)\" y=\"\(svg: y(axisMax) + 14)\" text-anchor=\"end\" font-size=\"10\">y = x</text>"
        for r in rows {
            if r.geh >= 5 {
                svg += "<circle cx=\"\(svg: x(r.observed))\" cy=\"\(svg: y(r.simulated))\" r=\"3.5\" fill=\"none\" stroke=\"#B2182B\" stroke-width=\"1.5\"><title>\(r.site) \(r.from)–\(r.to): GEH \(NumberText.bi(r.geh, decimals: 1).en)</title></circle>"
            } else {
                svg += "<circle cx=\"\(svg: x(r.observed))\" cy=\"\(svg: y(r.simulated))\" r=\"2.5\" fill=\"#2166AC\" fill-opacity=\"0.7\"><title>\(r.site) \(r.from)–\(r.to): GEH \(NumberText.bi(r.geh, decimals: 1).en)</title></circle>"
            }
        }
        svg += "<text x=\"\(svg: (left + w - right) / 2)\" y=\"\(svg: h - 6)\" text-anchor=\"middle\" font-size=\"11\">\(Bi("Quan sát (xe/khoảng)", "Observed (veh/interval)").svg)</text>"
        svg += "<text x=\"12\" y=\"\(svg: (top + h - bottom) / 2)\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 12 \(svg: (top + h - bottom) / 2))\">\(Bi("Mô phỏng (xe/khoảng)", "Simulated (veh/interval)").svg)</text>"
        svg += "</svg><figcaption id=\"fit-cap\">\(Bi("Mỗi điểm là một số đếm (điểm đếm × khoảng thời gian); đường nét đứt là y = x; vòng đỏ: GEH ≥ 5.", "Each dot is one count (site × interval); the dashed line is y = x; red rings: GEH ≥ 5.").html)</figcaption></figure>"
        return svg
    }

    /// 1, 2 or 5 × a power of ten, at least `x`.
    static func niceStep(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let p = pow(10, floor(log10(x)))
        for m in [1.0, 2, 5, 10] where m * p >= x { return m * p }
        return 10 * p
    }
}
