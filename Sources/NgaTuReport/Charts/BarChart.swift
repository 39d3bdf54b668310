/// A bar chart of one measure: one bar per strategy with its 95% interval as a whisker and
/// the value printed above, so the chart reads without colour.
struct BarChart {
    struct Bar {
        var strategyIndex: Int
        var name: String
        var value: Double?
        var low: Double?
        var high: Double?
        var isBaseline: Bool
    }

    var id: String
    var title: Bi
    var unit: Bi
    var bars: [Bar]
    var language: String

    let width = 380.0
    let height = 250.0

    func svg() -> Markup {
        let top = 26.0, right = 10.0
        let fontSize = 12.0
        // Every measure charted is a count, a time or a rate: none can be negative, so an
        // interval reaching below zero (few replications, a wide spread) is drawn to zero, its
        // lower cap left off; the description and the table keep the interval's numbers.
        let nonNegative = bars.allSatisfy { ($0.value ?? 0) >= 0 }
        let shown = bars.map { b -> Bar in
            var b = b
            if nonNegative, let lo = b.low { b.low = max(0, lo) }
            return b
        }
        let highs = shown.compactMap { b in [b.value, b.high].compactMap { $0 }.max() }
        let lows = shown.compactMap { b in [b.value, b.low].compactMap { $0 }.min() }
        var ticks: [Double] = [0, 1]
        if let maxV = highs.max(), let minV = lows.min() {
            // All zero (e.g. nobody waiting to enter): a plain 0–1 axis rather than ticks of 1e-10.
            ticks = Ticks.nice(min(0, minV), max(maxV * 1.08, minV < 0 ? 0 : (maxV > 0 ? 1e-9 : 1)), count: 5)
        }
        let tickDecimals = Ticks.decimals(step: ticks.count > 1 ? ticks[1] - ticks[0] : 1)
        // Room on the left for the longest tick label (e.g. "500.000").
        let tickWidest = ticks.map { ChartStyle.textWidth(NumberText.format($0, decimals: tickDecimals, language: language), size: 11) }.max() ?? 0
        let left = max(50, tickWidest + 12)
        let plotWidth = width - left - right
        let band = plotWidth / Double(max(1, bars.count))
        let widest = bars.map { ChartStyle.textWidth($0.name, size: fontSize) }.max() ?? 0
        let rotate = widest > band - 6
        let labelDepth = rotate ? min(110, widest * 0.5 + 18) : 30
        let bottom = labelDepth + 10
        let chartHeight = height + (rotate ? labelDepth - 30 : 0)
        let plotBottom = chartHeight - bottom

        var out = SVGText.open(id: id, width: width, height: chartHeight, title: title,
                               description: description(), language: language)
        guard let maxV = highs.max(), lows.min() != nil else {
            out += SVGText.text(Vocabulary.noData, x: width / 2, y: chartHeight / 2, anchor: "middle", cls: "t muted")
            return out + "</svg>"
        }
        let y = LinearScale(domain: (ticks.first!, ticks.last! == ticks.first! ? ticks.first! + 1 : ticks.last!),
                            range: (plotBottom, top))
        // Values wider than a bar's band (six-figure counts of many strategies) get a smaller font.
        let valueWidest = shown.compactMap { $0.value }
            .map { ChartStyle.textWidth(NumberText.format($0, decimals: NumberText.decimals(for: maxV), language: language), size: fontSize) * 1.1 }
            .max() ?? 0
        let valueStyle: Markup = valueWidest > band - 2
            ? " style=\"font-size:\(svg: max(7, fontSize * (band - 2) / valueWidest))px\"" : .empty

        // Unit above the axis, grid and tick labels.
        out += SVGText.text(unit, x: 4, y: 12, cls: "t unit")
        for t in ticks {
            let py = y(t)
            out += "<line x1=\"\(svg: left)\" x2=\"\(svg: width - right)\" y1=\"\(svg: py)\" y2=\"\(svg: py)\" class=\"grid\"/>"
            out += SVGText.text(NumberText.bi(t, decimals: tickDecimals), x: left - 5, y: py + 3.5, anchor: "end", cls: "t tick")
        }
        let zero = y(0)
        for (i, bar) in shown.enumerated() {
            let cx = left + band * (Double(i) + 0.5)
            let barWidth = min(46, band * 0.62)
            if let v = bar.value {
                let py = y(v)
                out += "<rect x=\"\(svg: cx - barWidth / 2)\" y=\"\(svg: min(py, zero))\" width=\"\(svg: barWidth)\" height=\"\(svg: abs(zero - py))\" fill=\"\(ChartStyle.color(bar.strategyIndex))\"\(Markup.when(bar.isBaseline, " stroke=\"#000000\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\""))><title>\(bar.name)</title></rect>"
                var labelY = py
                if let lo = bar.low, let hi = bar.high {
                    let y0 = y(lo), y1 = y(hi)
                    let clipped = (bars[i].low ?? 0) < lo
                    let lowCap: Markup = clipped ? .empty : "M\(svg: cx - 6) \(svg: y0)H\(svg: cx + 6)"
                    out += "<path d=\"M\(svg: cx) \(svg: y0)V\(svg: y1)\(lowCap)M\(svg: cx - 6) \(svg: y1)H\(svg: cx + 6)\" class=\"whisker\"/>"
                    labelY = min(labelY, y1)
                }
                out += SVGText.text(NumberText.bi(v, like: maxV), x: cx, y: labelY - 4, anchor: "middle", cls: "t value", extra: valueStyle)
            } else {
                out += SVGText.text(Bi(same: "–"), x: cx, y: zero - 4, anchor: "middle", cls: "t value")
            }
            let label: Markup = bar.isBaseline ? "\(bar.name)*" : "\(bar.name)"
            if rotate {
                out += "<text x=\"\(svg: cx)\" y=\"\(svg: plotBottom + 12)\" text-anchor=\"end\" class=\"t label\" transform=\"rotate(-35 \(svg: cx) \(svg: plotBottom + 12))\">\(label)</text>"
            } else {
                out += "<text x=\"\(svg: cx)\" y=\"\(svg: plotBottom + 15)\" text-anchor=\"middle\" class=\"t label\">\(label)</text>"
            }
        }
        out += "<line x1=\"\(svg: left)\" x2=\"\(svg: width - right)\" y1=\"\(svg: zero)\" y2=\"\(svg: zero)\" class=\"axis\"/>"
        return out + "</svg>"
    }

    /// The values in words, for screen readers.
    func description() -> String {
        bars.map { b in
            var s = b.name + ": "
            s += b.value.map { NumberText.format($0, decimals: NumberText.decimals(for: $0), language: language) } ?? "–"
            if var lo = b.low, let hi = b.high {
                if bars.allSatisfy({ ($0.value ?? 0) >= 0 }) { lo = max(0, lo) }
                s += " [" + NumberText.format(lo, decimals: NumberText.decimals(for: lo), language: language) + (language == "vi" ? "; " : ", ")
                    + NumberText.format(hi, decimals: NumberText.decimals(for: hi), language: language) + "]"
            }
            return s
        }.joined(separator: ", ")
    }
}
