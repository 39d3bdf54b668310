/// A line chart with one line per strategy (colour, dash and marker differ), optional 95%
/// whiskers, and optional shaded time bands (warm-up, incidents) behind the lines.
struct LineChart {
    struct Point {
        var x: Double
        var y: Double
        var low: Double? = nil
        var high: Double? = nil
    }

    struct Series {
        var strategyIndex: Int
        var name: String
        var points: [Point]
    }

    struct Band {
        enum Kind { case warmup, incident }
        var from: Double
        var to: Double
        var label: Bi
        var kind: Kind
    }

    var id: String
    var title: Bi
    var xLabel: Bi
    var yLabel: Bi
    var series: [Series]
    var bands: [Band] = []
    /// Draw markers on the points (off for dense time series).
    var markers = true
    /// X ticks: the given values, or round ticks when nil.
    var xTicks: [Double]? = nil
    var xTickDecimals = 0
    var xDomain: (Double, Double)? = nil
    var language: String

    let width = 760.0
    let plotHeight = 250.0

    func svg() -> Markup {
        let left = 60.0, right = 18.0, top = 28.0
        let plotBottom = top + plotHeight
        // Legend rows below the x axis label.
        let legendItems = series.map { (s: $0, w: 46 + ChartStyle.textWidth($0.name, size: 11.5)) }
        var rows: [[(s: Series, w: Double)]] = [[]]
        var rowWidth = 0.0
        for item in legendItems {
            if rowWidth + item.w > width - left - right, !rows[rows.count - 1].isEmpty {
                rows.append([]); rowWidth = 0
            }
            rows[rows.count - 1].append(item); rowWidth += item.w
        }
        let legendTop = plotBottom + 48
        let height = legendTop + Double(rows.count) * 20 + 4

        var out = SVGText.open(id: id, width: width, height: height, title: title,
                               description: description(), language: language)
        let allPoints = series.flatMap(\.points)
        guard !allPoints.isEmpty else {
            out += SVGText.text(Vocabulary.noData, x: width / 2, y: height / 2, anchor: "middle", cls: "t muted")
            return out + "</svg>"
        }
        let xs = allPoints.map(\.x)
        let xDomain = self.xDomain ?? (xs.min()!, xs.max()! > xs.min()! ? xs.max()! : xs.min()! + 1)
        let x = LinearScale(domain: xDomain, range: (left, width - right))
        let yMax = allPoints.map { $0.high ?? $0.y }.max()!
        let yMin = min(0, allPoints.map { $0.low ?? $0.y }.min()!)
        let yTicks = Ticks.nice(yMin, max(yMax * 1.05, yMin + 1e-9), count: 5)
        let y = LinearScale(domain: (yTicks.first!, yTicks.last! > yTicks.first! ? yTicks.last! : yTicks.first! + 1),
                            range: (plotBottom, top))
        let yDecimals = Ticks.decimals(step: yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1)

        out += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#FCE9D9\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#D55E00\" stroke-width=\"1.6\"/></pattern></defs>"
        // Bands behind everything; their labels at the plot's top, each in the first row where
        // it clears the labels already placed (`LabelRows`), so no two overlap.
        var labelRows = LabelRows()
        for band in bands {
            let x0 = max(left, x(band.from)), x1 = min(width - right, x(band.to))
            guard x1 > x0 else { continue }
            let fill = band.kind == .warmup ? "#E5E7EB" : "url(#\(id)-hatch)"
            out += "<rect x=\"\(svg: x0)\" y=\"\(svg: top)\" width=\"\(svg: x1 - x0)\" height=\"\(svg: plotHeight)\" fill=\"\(fill)\" opacity=\"\(band.kind == .warmup ? "1" : "0.75")\"/>"
        }
        for band in bands {
            let x0 = max(left, x(band.from)), x1 = min(width - right, x(band.to))
            guard x1 > x0 else { continue }
            let w = band.label.longestPlainWidth(size: 10.5) + 6
            let lx = min(x0 + 4, width - right - w)
            let row = labelRows.place(from: lx, to: lx + w)
            out += SVGText.text(band.label, x: lx, y: top + 14 + Double(row) * 14,
                                cls: band.kind == .warmup ? "t tick halo" : "t band halo")
        }
        // Grid and axes.
        for t in yTicks {
            let py = y(t)
            out += "<line x1=\"\(svg: left)\" x2=\"\(svg: width - right)\" y1=\"\(svg: py)\" y2=\"\(svg: py)\" class=\"grid\"/>"
            out += SVGText.text(NumberText.bi(t, decimals: yDecimals), x: left - 6, y: py + 4, anchor: "end", cls: "t tick")
        }
        let xTicks = self.xTicks ?? Ticks.nice(xDomain.0, xDomain.1, count: 8).filter { $0 >= xDomain.0 - 1e-9 && $0 <= xDomain.1 + 1e-9 }
        for t in xTicks {
            let px = x(t)
            out += "<line x1=\"\(svg: px)\" x2=\"\(svg: px)\" y1=\"\(svg: plotBottom)\" y2=\"\(svg: plotBottom + 4)\" class=\"axis\"/>"
            out += SVGText.text(NumberText.bi(t, decimals: xTickDecimals), x: px, y: plotBottom + 17, anchor: "middle", cls: "t tick")
        }
        out += "<path d=\"M\(svg: left) \(svg: top)V\(svg: plotBottom)H\(svg: width - right)\" class=\"axis\" fill=\"none\"/>"
        out += SVGText.text(xLabel, x: (left + width - right) / 2, y: plotBottom + 36, anchor: "middle", cls: "t label")
        out += SVGText.text(yLabel, x: 4, y: top - 12, cls: "t unit")

        // Lines, whiskers, markers.
        for (k, s) in series.enumerated() {
            let pts = s.points.sorted { $0.x < $1.x }
            guard !pts.isEmpty else { continue }
            let color = ChartStyle.color(s.strategyIndex)
            for p in pts {
                if let lo = p.low, let hi = p.high {
                    let px = x(p.x) + Double(k - series.count / 2) * 3
                    out += "<path d=\"M\(svg: px) \(svg: y(lo))V\(svg: y(hi))M\(svg: px - 4) \(svg: y(lo))H\(svg: px + 4)M\(svg: px - 4) \(svg: y(hi))H\(svg: px + 4)\" stroke=\"\(color)\" stroke-width=\"1.3\" fill=\"none\"/>"
                }
            }
            let d = pts.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(svgNumber(x(p.x))) \(svgNumber(y(p.y)))" }.joined()
            let dash = ChartStyle.dash(s.strategyIndex)
            out += "<path d=\"\(d)\" stroke=\"\(color)\" stroke-width=\"2.2\" fill=\"none\"\(Markup.attribute("stroke-dasharray", dash))><title>\(s.name)</title></path>"
            if markers {
                for p in pts { out += ChartStyle.marker(s.strategyIndex, x: x(p.x), y: y(p.y)) }
            }
        }

        // Legend.
        for (r, row) in rows.enumerated() {
            var lx = left
            let ly = legendTop + Double(r) * 20
            for item in row {
                let color = ChartStyle.color(item.s.strategyIndex), dash = ChartStyle.dash(item.s.strategyIndex)
                out += "<line x1=\"\(svg: lx)\" x2=\"\(svg: lx + 34)\" y1=\"\(svg: ly - 4)\" y2=\"\(svg: ly - 4)\" stroke=\"\(color)\" stroke-width=\"2.2\"\(Markup.attribute("stroke-dasharray", dash))/>"
                out += ChartStyle.marker(item.s.strategyIndex, x: lx + 17, y: ly - 4)
                out += "<text x=\"\(svg: lx + 40)\" y=\"\(svg: ly)\" class=\"t legend\">\(item.s.name)</text>"
                lx += item.w
            }
        }
        return out + "</svg>"
    }

    func description() -> String {
        series.map { s in
            let sorted = s.points.sorted { $0.x < $1.x }
            // Dense series (time) are described every few points.
            let step = max(1, sorted.count / 12)
            let shown = sorted.enumerated().filter { $0.offset % step == 0 }.map(\.element)
            return s.name + ": " + shown.map { p in
                NumberText.format(p.x, decimals: xTickDecimals, language: language) + " → "
                    + NumberText.format(p.y, decimals: NumberText.decimals(for: p.y), language: language)
            }.joined(separator: ", ")
        }.joined(separator: "; ")
    }
}
