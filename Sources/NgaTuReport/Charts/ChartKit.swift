/// Shared pieces of the SVG charts: strategy styles, scales, ticks and text.
enum ChartStyle {
    /// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies) and a
    /// mid grey; lines also differ by dash and marker, so the charts survive greyscale printing.
    /// A strategy's slot comes from its name (`StrategyStyle`).
    static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#8C8C8C"]
    static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 4", "1 3", "12 4", "6 2 1 2"]

    static func color(_ i: Int) -> String { colors[i % colors.count] }
    static func dash(_ i: Int) -> String { dashes[i % dashes.count] }

    /// A marker of shape `i % 5` (circle, square, triangle, diamond, cross) centred on (x, y).
    static func marker(_ i: Int, x: Double, y: Double, size r: Double = 4) -> Markup {
        let c = color(i)
        switch i % 5 {
        case 0:
            return "<circle cx=\"\(svg: x)\" cy=\"\(svg: y)\" r=\"\(svg: r)\" fill=\"\(c)\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
        case 1:
            return "<rect x=\"\(svg: x - r)\" y=\"\(svg: y - r)\" width=\"\(svg: 2 * r)\" height=\"\(svg: 2 * r)\" fill=\"\(c)\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
        case 2:
            return "<path d=\"M\(svg: x) \(svg: y - r * 1.2)L\(svg: x + r * 1.1) \(svg: y + r * 0.8)L\(svg: x - r * 1.1) \(svg: y + r * 0.8)Z\" fill=\"\(c)\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
        case 3:
            return "<path d=\"M\(svg: x) \(svg: y - r * 1.3)L\(svg: x + r * 1.3) \(svg: y)L\(svg: x) \(svg: y + r * 1.3)L\(svg: x - r * 1.3) \(svg: y)Z\" fill=\"\(c)\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
        default:
            return "<path d=\"M\(svg: x - r) \(svg: y - r)L\(svg: x + r) \(svg: y + r)M\(svg: x - r) \(svg: y + r)L\(svg: x + r) \(svg: y - r)\" stroke=\"\(c)\" stroke-width=\"2.5\" fill=\"none\"/>"
        }
    }

    /// Rough width of a text in SVG units (sans-serif): enough to avoid overlaps.
    static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.58 }
}

/// A linear map from a data interval to a pixel interval.
struct LinearScale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ x: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0 else { return (range.0 + range.1) / 2 }
        return range.0 + (x - domain.0) / span * (range.1 - range.0)
    }
}

/// Round tick values (1, 2, 5 × 10^k) covering an interval.
enum Ticks {
    static func step(for span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let f = raw / magnitude
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude
    }

    /// Ticks from a multiple of the step at or below `low` to one at or above `high`.
    static func nice(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        let s = step(for: high - low, count: count)
        let start = (low / s).rounded(.down) * s
        var ticks: [Double] = []
        var t = start
        while ticks.count < 50 {
            ticks.append(abs(t) < s * 1e-9 ? 0 : t)
            if t >= high - s * 1e-9 { break }
            t += s
        }
        return ticks
    }

    /// Decimals that show ticks of this step exactly.
    static func decimals(step: Double) -> Int {
        step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3
    }
}

/// SVG text helpers.
enum SVGText {
    /// A `<text>` element with both languages as tspans.
    static func text(_ content: Bi, x: Double, y: Double, anchor: String = "start", cls: String = "t",
                     extra: Markup = .empty) -> Markup {
        "<text x=\"\(svg: x)\" y=\"\(svg: y)\" text-anchor=\"\(anchor)\" class=\"\(cls)\"\(extra)>\(content.svg)</text>"
    }

    /// The opening of an accessible chart: `role="img"`, a title and a description both
    /// languages can read.
    /// `data-figure` names the figure's file (`figure-NAME.svg`; the id when not given).
    static func open(id: String, width: Double, height: Double, title: Bi, description: String,
                     language: String, figure: String? = nil) -> Markup {
        """
        <svg xmlns="http://www.w3.org/2000/svg" id="\(id)" class="chart" viewBox="0 0 \(svg: width) \(svg: height)" \
        role="img" aria-labelledby="\(id)-title \(id)-desc" preserveAspectRatio="xMidYMid meet" data-figure="\(figure ?? id)">\
        <title id="\(id)-title">\(title.plain(first: language))</title><desc id="\(id)-desc">\(description)</desc>
        """
    }
}

/// Rows of labels along one axis: each label goes in the first row where it clears every label
/// already there, so labels never overlap however close their anchors are.
struct LabelRows {
    private var ends: [Double] = []

    /// The row (0 first) for a label spanning `from`–`to`.
    mutating func place(from: Double, to: Double, gap: Double = 4) -> Int {
        for (row, end) in ends.enumerated() where end + gap <= from {
            ends[row] = to
            return row
        }
        ends.append(to)
        return ends.count - 1
    }
}
