import Foundation
import NgaTuResults

/// The map of a change in flow: every directed segment as a thin grey line beside its road's
/// centre (as the playback draws them), and the changed ones over it, blue where the flow rose,
/// orange where it fell, wider with the size of the change.
extension ReportMap {
    static let flowRise = "#0072B2"
    static let flowFall = "#D55E00"

    /// `deltas`: veh/h per segment id (`d304-1`, `d304-1~r`); segments not in it are unchanged.
    func flowChangeSVG(id: String, title: Bi, deltas: [String: Double], language: String) -> Markup {
        let segments = directedSegments()
        let largest = max(deltas.values.map(abs).max() ?? 1, 1)
        var out = SVGText.open(id: id, width: width, height: height, title: title,
                               description: "\(deltas.count) segments changed", language: language)
        out += "<rect x=\"0\" y=\"0\" width=\"\(svg: width)\" height=\"\(svg: height)\" class=\"map-bg\"/>"
        out += backgroundLayer
        for s in segments {
            let coords = s.svgPoints
            out += "<polyline points=\"\(coords)\" fill=\"none\" stroke=\"#C8C8C8\" stroke-width=\"1.6\"/>"
        }
        // Smallest first, so the largest changes are on top.
        for s in segments.filter({ deltas[$0.id] != nil }).sorted(by: { (abs(deltas[$0.id]!), $0.id) < (abs(deltas[$1.id]!), $1.id) }) {
            let d = deltas[s.id]!
            let coords = s.svgPoints
            let w = 2 + 7 * abs(d) / largest
            let tip = s.id + ": " + (d > 0 ? "+" : "") + NumberText.format(d, decimals: 0, language: language) + " veh/h"
            out += "<polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(d > 0 ? ReportMap.flowRise : ReportMap.flowFall)\" stroke-width=\"\(svg: w)\" stroke-linecap=\"round\" stroke-linejoin=\"round\"><title>\(tip)</title></polyline>"
        }
        return out + overlayClosing()
    }
}
