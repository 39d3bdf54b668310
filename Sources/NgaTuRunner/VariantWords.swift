import Foundation
import NgaTuCore
import NgaTuFormats
import NgaTuResults

/// Each variant's changes in plain words, Vietnamese and English, for the report (run_meta
/// properties `variant_vi.NAME` and `variant_en.NAME`): the reader sees what a column of the
/// variant matrix stands for without opening the scenario file.
enum VariantWords {
    static func describe(_ v: VariantSpec, spec: ScenarioSpec, map: MapSpec) -> (vi: String, en: String) {
        var vi: [String] = [], en: [String] = []
        for p in v.signals {
            let phases = p.phases.map { $0.allow.joined(separator: ", ") }.joined(separator: " / ")
            vi.append("kế hoạch đèn mới tại \(p.junction): \(p.phases.count) pha (\(phases)), chu kỳ \(viNumber(p.cycle)) s")
            en.append("new signal plan at \(p.junction): \(p.phases.count) phases (\(phases)), cycle \(NumberFormat.format(p.cycle)) s")
        }
        for e in v.events {
            let when = time(e.from, spec) + "–" + time(e.to, spec)
            switch e.kind {
            case .capacity:
                vi.append("năng lực \(e.road) ×\(viNumber(e.factor)) lúc \(when)")
                en.append("capacity of \(e.road) ×\(NumberFormat.format(e.factor)) at \(when)")
            case .closure:
                vi.append("đóng \(e.road) lúc \(when)")
                en.append("\(e.road) closed at \(when)")
            }
        }
        for r in v.roads {
            var pv: [String] = [], pe: [String] = []
            if let n = r.lanes { pv.append("\(n) làn mỗi chiều"); pe.append("\(n) lane\(n == 1 ? "" : "s") per direction") }
            if let w = r.widthM { pv.append("rộng \(viNumber(w)) m"); pe.append("\(NumberFormat.format(w)) m wide") }
            if let s = r.speedKmh { pv.append("\(viNumber(s)) km/h"); pe.append("\(NumberFormat.format(s)) km/h") }
            if r.closed { pv.append("đóng suốt thời gian chạy"); pe.append("closed for the whole run") }
            vi.append("đường \(r.road): " + pv.joined(separator: ", "))
            en.append("road \(r.road): " + pe.joined(separator: ", "))
        }
        for m in v.model {
            if m.key == Sensitivity.rerouteShareKey {
                let percent = NumberFormat.format(m.values[0] * 100)
                vi.append("\(percent.replacingOccurrences(of: ".", with: ","))% số xe biết chỗ giảm năng lực và đi đường vòng")
                en.append("\(percent)% of vehicles know of the capacity cuts and route around them")
                continue
            }
            vi.append("\(m.key) = \(viNumber(m.values[0]))")
            en.append("\(m.key) = \(NumberFormat.format(m.values[0]))")
        }
        if let s = v.demandScale {
            vi.append("nhu cầu ×\(viNumber(s))")
            en.append("demand ×\(NumberFormat.format(s))")
        }
        if vi.isEmpty { return ("kịch bản như đã viết", "the scenario as written") }
        return (vi.joined(separator: "; "), en.joined(separator: "; "))
    }

    static func viNumber(_ x: Double) -> String { NumberFormat.format(x).replacingOccurrences(of: ".", with: ",") }

    /// A time of the run: its clock time with `start:`, else minutes from the start.
    static func time(_ s: Double, _ spec: ScenarioSpec) -> String {
        if let start = spec.start { return ClockText.format(s, start: start) }
        return NumberFormat.format(s / 60) + " min"
    }
}
