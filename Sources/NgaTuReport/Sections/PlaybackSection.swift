import Foundation
import NgaTuResults

/// The animated playback: the map with every directed segment coloured by the queue at its stop
/// line, for two strategies side by side on one clock (play/pause, a time slider, the clock
/// time), the incidents drawn while they are active, and the network's queue over time under
/// the maps with a cursor at the clock time.
///
/// Data: the first replication at the report's reference point (`segment_queues`, the run's
/// samples; the network queue from `timeseries`), so what moves is one real run, the same
/// vehicles under both strategies (common random numbers). Each sample's queue becomes one of
/// six classes of its length per lane (7 m per PCU), written as one digit per frame; at most `maxFrames` frames (every k-th sample on long runs) keep the
/// page small. Everything is inline (a JSON block, SVG and the page's script): no network.
/// The page opens at frame N with `#t=N` in its address (used by the test that runs it).
enum PlaybackSection {
    static let maxFrames = 360
    /// Queue classes: upper bounds of the queue's length per lane (m).
    static let bounds: [Double] = [7, 25, 50, 100, 200]
    /// Light to dark (YlOrBr, lightness falls monotonically, so it reads in greyscale and with
    /// colour-vision deficiencies); the first, a pale grey-blue, is "no queue".
    static let colours = ["#CBD5E1", "#FEE391", "#FEC44F", "#FB9A29", "#D95F0E", "#8C2D04"]

    /// The class of a queue of `pcu` on `lanes` lanes: under one car length is "no queue"; a
    /// queue filling the whole segment is the top class whatever its length.
    static func occupancyClass(_ pcu: Double, lanes: Int, lengthM: Double) -> Int {
        let metres = pcu * 7 / Double(max(1, lanes))
        guard metres >= bounds[0] else { return 0 }
        if lengthM > 0, metres >= 0.9 * lengthM { return bounds.count }
        return bounds.firstIndex { metres < $0 } ?? bounds.count
    }

    /// `occupancyClass` for one segment, its bounds read once (a frame of every segment for
    /// every strategy is hundreds of thousands of classes on a large map): the same classes.
    struct OccupancyClasses {
        let lanes: Double, lengthM: Double
        let b0: Double, b1: Double, b2: Double, b3: Double, b4: Double

        init(lanes: Int, lengthM: Double) {
            precondition(PlaybackSection.bounds.count == 5)
            self.lanes = Double(max(1, lanes)); self.lengthM = lengthM
            let b = PlaybackSection.bounds
            b0 = b[0]; b1 = b[1]; b2 = b[2]; b3 = b[3]; b4 = b[4]
        }

        @inline(__always) func of(_ pcu: Double) -> Int {
            let metres = pcu * 7 / lanes
            guard metres >= b0 else { return 0 }
            if lengthM > 0, metres >= 0.9 * lengthM { return 5 }
            return metres < b0 ? 0 : metres < b1 ? 1 : metres < b2 ? 2 : metres < b3 ? 3 : metres < b4 ? 4 : 5
        }
    }

    static func render(_ data: ReportData) -> Markup { render(data, map: ReportMap(data.tables)) }

    /// With the map already laid out (the map section draws the same one).
    static func render(_ data: ReportData, map: ReportMap?) -> Markup {
        let rows = data.tables.segmentQueues.filter { $0.sweep == data.reference }
        guard let map, !rows.isEmpty else { return "" }
        let first = rows.map(\.replication).min()!
        var byStrategy: [String: [String: SegmentQueueRow]] = [:]
        for r in rows where r.replication == first { byStrategy[r.strategy, default: [:]][r.segment] = r }
        let strategies = data.strategies.filter { byStrategy[$0] != nil }
        guard !strategies.isEmpty, let any = byStrategy[strategies[0]]?.values.first else { return "" }
        let count = any.queuedPcu.count
        guard count > 1 else { return "" }
        let stride = (count + maxFrames - 1) / maxFrames
        let frames = Array(Swift.stride(from: 0, to: count, by: stride))
        let times = frames.map { any.firstS + Double($0) * any.stepS }
        let segments = map.directedSegments()

        // The two shown first: the baseline and the headline's best strategy.
        let best = Headline(data, at: data.reference).strategy
        let left = strategies.contains(data.baseline) ? data.baseline : strategies[0]
        let right = best.flatMap { strategies.contains($0) ? $0 : nil } ?? strategies.first { $0 != left } ?? left

        // Data: per strategy one string of class digits per segment, and the network queue.
        var json = "{\"times\":[" + times.map { NumberFormat.format($0) }.joined(separator: ",") + "]"
        json += ",\"start\":" + (data.startS.map { NumberFormat.format($0) } ?? "null")
        json += ",\"strategies\":{"
        var networkMax = 1.0
        var networks: [String: [Double]] = [:]
        for s in strategies {
            var byTime: [Double: Double] = [:]
            for row in data.tables.timeSeries where row.strategy == s && row.sweep == data.reference && row.replication == first {
                byTime[row.timeS] = row.queuedPcu
            }
            networks[s] = times.map { byTime[$0] ?? 0 }
            networkMax = max(networkMax, networks[s]!.max() ?? 0)
        }
        json += strategies.enumerated().map { k, s -> String in
            let series = segments.map { seg -> String in
                guard let r = byStrategy[s]?[seg.id] else { return String(repeating: "0", count: frames.count) }
                var digits: [UInt8] = []
                digits.reserveCapacity(frames.count)
                let classes = OccupancyClasses(lanes: seg.lanes, lengthM: seg.lengthM)
                for f in frames {
                    let c = classes.of(f < r.queuedPcu.count ? r.queuedPcu[f] : 0)
                    digits.append(UInt8(ascii: "0") + UInt8(c))
                }
                return String(decoding: digits, as: UTF8.self)
            }
            return "\"s\(k)\":{\"classes\":[" + series.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
        }.joined(separator: ",")
        json += "}}"

        var body: Markup = Block.paragraph(Bi(
            "Hàng chờ trên từng đoạn đường (mỗi chiều) theo thời gian, lần chạy thứ nhất tại ",
            "The queue on every road segment (each direction) over time, in the first replication at ")
            + (data.reference.map(data.pointPhrase) ?? Bi(same: ""))
            + Bi(": hai chiến lược cùng một đồng hồ, cùng các xe (cùng số khởi tạo ngẫu nhiên). Màu theo chiều dài hàng chờ mỗi làn (7 m mỗi PCU); đậm nhất khi hàng chờ lấp kín đoạn. Nét đứt đỏ: sự cố đang diễn ra.",
                 ": two strategies on one clock, the same vehicles (same random seed). Colour by the queue's length per lane (7 m per PCU); darkest when it fills the segment. Red dashes: an incident in force."))
        body += "<div class=\"playback\" id=\"playback\">"
        body += "<div class=\"pb-controls\"><button type=\"button\" class=\"pb-play\" aria-pressed=\"false\">\(Bi("▶ Chạy / ❚❚ Dừng", "▶ Play / ❚❚ Pause").html)</button>"
        body += "<input type=\"range\" class=\"pb-slider\" min=\"0\" max=\"\(frames.count - 1)\" value=\"0\" step=\"1\" aria-label=\"\(Bi("Thời điểm", "Time").plain(first: data.language))\"/>"
        body += "<output class=\"pb-clock\">\(Block.instant(times[0], data).html)</output>"
        body += "<span class=\"pb-incidents muted\"></span></div>"
        body += "<div class=\"pb-panes\">"
        for (pane, chosen) in [left, right].enumerated() {
            body += "<figure class=\"pb-pane\" data-pane=\"\(pane)\"><figcaption><label>\(Vocabulary.strategy.html): <select class=\"pb-select\">"
            for (k, s) in strategies.enumerated() {
                body += "<option value=\"s\(k)\"\(Markup.when(s == chosen, " selected=\"selected\""))>\(s)</option>"
            }
            body += "</select></label></figcaption>"
            body += map.playbackSVG(id: "pb-map-\(pane)", segments: segments, incidents: data.tables.incidents, language: data.language)
            body += "</figure>"
        }
        body += "</div>"
        body += legend()
        body += curve(data, strategies: strategies, networks: networks, max: networkMax, times: times)
        body += "<script type=\"application/json\" id=\"playback-data\">\(Markup(raw: json))</script>"
        body += "</div>"
        return Block.section("playback", Bi("Diễn biến hàng chờ", "Queues in motion"), body)
    }

    /// The network's queued PCU over time, one line per strategy (the two shown are
    /// highlighted by the script), with a cursor at the clock time.
    static func curve(_ data: ReportData, strategies: [String], networks: [String: [Double]], max top: Double,
                      times: [Double]) -> Markup {
        let width = 760.0, height = 150.0, left = 52.0, right = 12.0, topPad = 14.0, bottom = 28.0
        let axis = TimeAxis(durationS: data.durationS)
        let span = Swift.max(times.last! - times.first!, 1)
        let x = LinearScale(domain: (times.first!, times.first! + span), range: (left, width - right))
        let ticks = Ticks.nice(0, top, count: 3)
        let y = LinearScale(domain: (0, ticks.last!), range: (height - bottom, topPad))
        var out = SVGText.open(id: "pb-curve", width: width, height: height,
                               title: Bi("Tổng hàng chờ trong mạng lưới (PCU), lần chạy thứ nhất", "Queued PCU in the network, first replication"),
                               description: strategies.joined(separator: ", "), language: data.language)
        for t in ticks {
            out += "<line x1=\"\(svg: left)\" x2=\"\(svg: width - right)\" y1=\"\(svg: y(t))\" y2=\"\(svg: y(t))\" class=\"grid\"/>"
            out += SVGText.text(NumberText.bi(t, decimals: 0), x: left - 5, y: y(t) + 4, anchor: "end", cls: "t tick")
        }
        for t in Ticks.nice(axis.value(times.first!), axis.value(times.last!), count: 8) where axis.value(times.first!) <= t + 1e-9 && t <= axis.value(times.last!) + 1e-9 {
            let px = x(t * axis.secondsPerUnit)
            out += SVGText.text(NumberText.bi(t, decimals: 0), x: px, y: height - bottom + 15, anchor: "middle", cls: "t tick")
        }
        out += SVGText.text(Bi("PCU", "PCU") + Bi(same: " · ") + axis.shortLabel, x: 4, y: 10, cls: "t unit")
        for (k, s) in strategies.enumerated() {
            let pts = (networks[s] ?? []).enumerated().map { i, q in "\(i == 0 ? "M" : "L")\(svgNumber(x(times[i]))) \(svgNumber(y(q)))" }.joined()
            let style = data.strategyIndex(s)
            out += "<path d=\"\(pts)\" class=\"pb-line\" data-strategy=\"s\(k)\" stroke=\"\(ChartStyle.color(style))\" stroke-width=\"2\" fill=\"none\"\(Markup.attribute("stroke-dasharray", ChartStyle.dash(style)))><title>\(s)</title></path>"
        }
        out += "<line class=\"pb-cursor\" x1=\"\(svg: left)\" x2=\"\(svg: left)\" y1=\"\(svg: topPad)\" y2=\"\(svg: height - bottom)\" stroke=\"#111111\" stroke-width=\"1.5\" data-left=\"\(svg: left)\" data-right=\"\(svg: width - right)\"/>"
        return "<figure class=\"wide pb-curve\">" + out + "</svg></figure>"
    }

    static func legend() -> Markup {
        let labels = [Bi("dưới 7 m (không có hàng chờ)", "under 7 m (no queue)"), Bi("7–25 m", "7–25 m"), Bi("25–50 m", "25–50 m"),
                      Bi("50–100 m", "50–100 m"), Bi("100–200 m", "100–200 m"), Bi("trên 200 m hoặc kín đoạn", "over 200 m or the whole segment")]
        var out: Markup = "<ul class=\"legend\">"
        for (c, label) in zip(colours, labels) {
            out += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"28\" height=\"10\" viewBox=\"0 0 28 10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"27\" y2=\"5\" stroke=\"\(c)\" stroke-width=\"5\"/></svg> \(label.html)</li>"
        }
        return out + "</ul>"
    }
}
