import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NgaTuResults
@testable import NgaTuReport

@Suite("Report page")
struct ReportBuilderTests {
    static let tables = ReportFixture.tables()
    static let vi = ReportBuilder.html(tables: tables, language: "vi")
    static let en = ReportBuilder.html(tables: tables, language: "en")

    /// Student's t quantile t(0.975, 2), for three paired replications.
    static let t975df2 = 4.302652729911275

    /// A percentage as the report prints it in English: no decimals from 10, else one.
    static func percentText(_ x: Double) -> String {
        abs(x) >= 10 ? String(format: "%.0f%%", x) : String(format: "%.1f%%", x)
    }

    @Test("the headline gives the best strategy's cut in delay per demanded vehicle with its interval, computed from the runs")
    func headlineFigures() throws {
        // Independently of ComparisonBuilder: paired differences of mean delay at demand ×1.
        let runs = ReportFixture.runs().filter { $0.sweep == .demandScale(1) }
        func delays(_ s: String) -> [Double] {
            runs.filter { $0.strategy == s }.sorted { $0.replication < $1.replication }.map { $0.meanDelayAllS! }
        }
        let base = delays("fixed")
        let baseMean = base.reduce(0, +) / 3
        var best: (name: String, pct: Double, low: Double, high: Double)?
        for s in ["webster", "max-pressure"] {
            let d = zip(delays(s), base).map { $0 - $1 }
            let m = d.reduce(0, +) / 3
            let sd = (d.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 2).squareRoot()
            let half = Self.t975df2 * sd / 3.0.squareRoot()
            let pct = m / baseMean * 100
            if best == nil || pct < best!.pct {
                best = (s, pct, (m - half) / baseMean * 100, (m + half) / baseMean * 100)
            }
        }
        let b = try #require(best)
        #expect(b.name == "max-pressure")
        #expect(b.high < 0)
        let expected = "<strong>max-pressure</strong> cuts delay per demanded vehicle by \(Self.percentText(-b.pct)) "
            + "[\(Self.percentText(-b.high)), \(Self.percentText(-b.low))] against the current fixed plans."
        #expect(Self.en.contains(expected), "expected headline: \(expected)")
        let vietnamese = "<strong>max-pressure</strong> giảm độ trễ mỗi xe có nhu cầu \(Self.percentText(-b.pct).replacingOccurrences(of: ".", with: ",")) "
            + "[\(Self.percentText(-b.high).replacingOccurrences(of: ".", with: ",")); \(Self.percentText(-b.low).replacingOccurrences(of: ".", with: ","))]"
        #expect(Self.vi.contains(vietnamese), "expected headline: \(vietnamese)")
    }

    @Test("an interval that contains 0 reads as no significant difference")
    func inconclusiveHeadline() {
        var tables = ReportFixture.tables(strategies: ["fixed", "webster"])
        tables.comparison = tables.comparison.map { row in
            guard row.strategy == "webster", row.measure == .meanDelayAllS else { return row }
            var r = row
            r.diffVsBaseline = -1.2; r.diffCI95Low = -4.0; r.diffCI95High = 1.6
            return r
        }
        let html = ReportBuilder.html(tables: tables, language: "en")
        #expect(html.contains("No significant difference: the best strategy, <strong>webster</strong>, changes delay per demanded vehicle by"))
        #expect(!html.contains("id=\"headline-text\"><span lang=\"vi\"><strong>webster</strong> giảm"))
    }

    @Test("one replication: the headline has no interval and says so")
    func oneReplication() {
        let tables = ReportFixture.tables(replications: 1)
        let html = ReportBuilder.html(tables: tables, language: "en")
        func all(_ s: String) -> Double { tables.runs.first { $0.strategy == s && $0.sweep == .demandScale(1) }!.meanDelayAllS! }
        let fixed = all("fixed"), mp = all("max-pressure")
        let pct = (mp - fixed) / fixed * 100
        #expect(html.contains("<strong>max-pressure</strong> cuts delay per demanded vehicle by \(Self.percentText(-pct)) against the current fixed plans (one replication: no confidence interval)."))
        #expect(XHTML.parse(html) != nil)
    }

    @Test("one bar chart per measure of runs.csv that has a value other than zero")
    func oneChartPerMeasure() {
        // The fixture has no value of the two newest measures (not charted, said in a sentence).
        let charted = RunMeasure.allCases.filter { m in Self.tables.comparison.contains { $0.measure == m && ($0.mean ?? 0) != 0 } }
        #expect(charted.count == RunMeasure.allCases.count - 2)
        for measure in RunMeasure.allCases {
            #expect(Self.vi.components(separatedBy: "data-measure=\"\(measure.rawValue)\"").count == (charted.contains(measure) ? 2 : 1), "\(measure)")
        }
        #expect(Self.vi.components(separatedBy: "class=\"measure-chart\"").count - 1 == charted.count)
        #expect(Self.en.contains("Not in these results: "))
        // Every bar chart has one bar per strategy.
        #expect(Self.vi.components(separatedBy: "<rect x=").count > RunMeasure.allCases.count * 3)
    }

    @Test("queues over time at the worst junctions: one chart each, the longest queue first")
    func worstJunctionQueues() {
        let html = Self.vi
        for k in 1...3 { #expect(html.contains("id=\"junction-queue-\(k)\"")) }
        #expect(!html.contains("id=\"junction-queue-4\""))
        // mt-304 has the longest queue in the fixture, the hostile-named junction the second.
        let first = html.range(of: "id=\"junction-queue-1\"")!, second = html.range(of: "id=\"junction-queue-2\"")!
        #expect(html[first.lowerBound...].prefix(4000).contains("Mậu Thân – 30 Tháng 4"))
        #expect(html[second.lowerBound...].prefix(4000).contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("a run longer than six hours reads its time axes in hours, its duration as 24 h")
    func dayLongRunsUseHours() {
        var tables = ReportFixture.tables()
        tables.meta.properties = tables.meta.properties.map {
            $0.key == "duration_s" ? MetaEntry("duration_s", "86400") : $0.key == "warmup_s" ? MetaEntry("warmup_s", "1800") : $0
        }
        let en = ReportBuilder.html(tables: tables, language: "en")
        #expect(en.contains("Time from the start of the run (h)"))
        #expect(!en.contains("Time from the start of the run (min)"))
        #expect(en.contains("Simulated for 24 h"))
        #expect(en.contains("30 min (warm-up)"))
        // The fixture's hour-long run keeps minutes.
        #expect(ReportBuilder.html(tables: ReportFixture.tables(), language: "en").contains("Time from the start of the run (min)"))
    }

    @Test("text from input files is escaped")
    func hostileNamesAreText() {
        for html in [Self.vi, Self.en] {
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("<mới>"))
            #expect(html.contains("Mậu Thân &amp; &quot;phố&quot; &lt;mới&gt;"))
            // The page's one script element is its own.
            #expect(html.components(separatedBy: "<script").count == 2)
        }
    }

    @Test("both languages are in the page, the requested one shown")
    func bothLanguages() {
        for html in [Self.vi, Self.en] {
            for phrase in ["Độ trễ trung bình", "Mean delay", "Mức phục vụ", "Level of service", "Chiến lược", "Strategy",
                           "Phương pháp và giới hạn", "Method and limits", "<span lang=\"vi\">", "<span lang=\"en\">"] {
                #expect(html.contains(phrase), "\(phrase)")
            }
        }
        #expect(Self.vi.contains("class=\"no-js show-vi\"") && Self.vi.contains("lang=\"vi\" xml:lang=\"vi\""))
        #expect(Self.en.contains("class=\"no-js show-en\"") && Self.en.contains("lang=\"en\" xml:lang=\"en\""))
        // Numbers in both forms: a tick label of vehicles finished, a mean delay.
        #expect(Self.vi.contains("<tspan lang=\"vi\">1.000</tspan><tspan lang=\"en\">1,000</tspan>"))
        #expect(Self.vi.contains("<span lang=\"vi\">44,3</span><span lang=\"en\">44.3</span>"))
    }

    @Test("the Vietnamese title and question, when the scenario gives them, take the Vietnamese side")
    func vietnameseTitleAndQuestion() {
        var meta = ReportFixture.meta()
        meta.properties += [MetaEntry("title_vi", "Ninh Kiều, cao điểm sáng"),
                            MetaEntry("question_vi", "Cách điều khiển nào giảm độ trễ?")]
        let html = ReportBuilder.html(tables: ResultTables(meta: meta), language: "vi")
        #expect(html.contains("<h1><span lang=\"vi\">Ninh Kiều, cao điểm sáng</span><span lang=\"en\">Ninh Kiều, morning peak</span></h1>"))
        #expect(html.contains("<title>Ninh Kiều, cao điểm sáng / Ninh Kiều, morning peak — Ngã Tư</title>"))
        #expect(html.contains("<span lang=\"vi\">Cách điều khiển nào giảm độ trễ?</span><span lang=\"en\">Which timing cuts delay at the Nguyễn Văn Cừ – 30 Tháng 4 corridor?</span>"))
        #expect(XHTML.parse(html) != nil)
        // Without them, one text serves both sides.
        #expect(Self.vi.contains("<h1>Ninh Kiều, morning peak</h1>"))
        #expect(Self.vi.contains("</span>Which timing cuts delay at the Nguyễn Văn Cừ – 30 Tháng 4 corridor?</p>"))
    }

    @Test("parameter values written in words read in both languages; keywords stay as written")
    func parameterValuesInBothLanguages() {
        var meta = ReportFixture.meta()
        meta.strategies[1] = StrategyMeta(name: "webster", controller: "webster",
                                          parameters: [MetaEntry("period", "none (one plan)"), MetaEntry("flows", "demand")])
        let html = ReportBuilder.html(tables: ResultTables(meta: meta), language: "vi")
        #expect(html.contains("period = <span lang=\"vi\">không (một kế hoạch cho cả lần chạy)</span><span lang=\"en\">none (one plan)</span>, flows = demand"))
    }

    @Test("the method section says how priority junctions were modelled")
    func priorityJunctionsInTheMethod() {
        #expect(Self.en.contains("the map's priority junction is modelled as a free merge, without yielding"))
        var tables = ReportFixture.tables()
        tables.meta.properties += [MetaEntry("priority_junctions", "yield"), MetaEntry("critical_gap_s", "3")]
        let html = ReportBuilder.html(tables: tables, language: "en")
        #expect(html.contains("at the map's 1 priority junction, minor-road traffic goes only in gaps of the conflicting major-road traffic (no major vehicle in the 3 s before and after)"))
        #expect(!html.contains("free merge"))
    }

    @Test("nothing is loaded from outside the file")
    func selfContained() {
        for html in [Self.vi, Self.en] {
            #expect(!html.contains(/(?i)(src|href)\s*=\s*["']?\s*(https?:)?\/\//))
            #expect(!html.contains(/(?i)url\(\s*["']?\s*(https?:)?\/\//))
            #expect(!html.contains(/(?i)<link\b|<img\b|<iframe\b|@import|@font-face/))
            #expect(!html.contains(/(?i)\ssrc\s*=/))
        }
    }

    @Test("the page is well-formed XHTML")
    func wellFormed() throws {
        for html in [Self.vi, Self.en] {
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
            let root = try #require(XHTML.parse(html))
            #expect(root.name == "html")
            #expect(XHTML.count(root, "h2") >= 9)
            #expect(XHTML.count(root, "svg") >= RunMeasure.allCases.count + 2)
        }
    }

    @Test("every chart has a title and a description")
    func accessibleCharts() {
        let charts = Self.vi.components(separatedBy: "class=\"chart\"").count - 1
        #expect(charts >= RunMeasure.allCases.count + 5)
        #expect(Self.vi.components(separatedBy: "role=\"img\"").count - 1 == charts)
        #expect(Self.vi.components(separatedBy: "<desc id=").count - 1 == charts)
    }

    @Test("the sections come in the order of the brief")
    func sectionOrder() throws {
        let ids = ["scenario", "headline", "measures", "sweep", "map", "queues", "timing", "incidents", "method"]
        let positions = try ids.map { id in try #require(Self.vi.range(of: "<section id=\"\(id)\"")).lowerBound }
        #expect(positions == positions.sorted())
        #expect(Self.vi.contains("© OpenStreetMap contributors, ODbL"))
        #expect(Self.vi.contains("9f2c4e1ab7d3") && Self.vi.contains("0.1.0-test"))
    }

    @Test("the map has one layer per strategy, letters on the signalised junctions")
    func mapLayers() {
        #expect(Self.vi.components(separatedBy: "class=\"map-layer").count - 1 == 3)
        #expect(Self.vi.components(separatedBy: "data-set-layer=").count - 1 == 3)
        // Three signalised junctions per layer, each with its letter.
        #expect(Self.vi.components(separatedBy: "class=\"los-letter\"").count - 1 == 9)
    }

    @Test("one replication and five strategies give a well-formed page that names each strategy")
    func oneReplicationFiveStrategies() {
        let one = ReportBuilder.html(tables: ReportFixture.tables(replications: 1), language: "en")
        #expect(XHTML.parse(one) != nil)
        let names = ["fixed", "webster", "actuated-long-gap", "max-pressure", "sotl-threshold-40"]
        let five = ReportBuilder.html(tables: ReportFixture.tables(strategies: names), language: "vi")
        #expect(XHTML.parse(five) != nil)
        for name in names { #expect(five.contains("<strong>\(name)</strong>"), "\(name)") }
    }

    @Test("a strategy's plain words come from the results' metadata (the registry), else its kind")
    func strategyWordsFromMetadata() {
        var meta = ReportFixture.meta()
        meta.strategies[1] = StrategyMeta(name: "webster", controller: "webster")
        #expect(ReportBuilder.html(tables: ResultTables(meta: meta), language: "vi").contains("<strong>webster</strong>: webster"))
        meta.properties += [MetaEntry("words_vi.webster", "theo Webster <&>"), MetaEntry("words_en.webster", "by Webster")]
        let html = ReportBuilder.html(tables: ResultTables(meta: meta), language: "vi")
        #expect(html.contains("<strong>webster</strong>: <span lang=\"vi\">theo Webster &lt;&amp;&gt;</span><span lang=\"en\">by Webster</span>"))
    }
}

/// Parsing the page as XML.
enum XHTML {
    struct Element { var name: String; var children: [Element] }

    static func parse(_ html: String) -> Element? {
        guard let doc = try? XMLDocument(data: Data(html.utf8), options: []), let root = doc.rootElement() else { return nil }
        return convert(root)
    }

    private static func convert(_ node: XMLElement) -> Element {
        Element(name: node.localName ?? node.name ?? "",
                children: (node.children ?? []).compactMap { $0 as? XMLElement }.map(convert))
    }

    static func count(_ e: Element, _ name: String) -> Int {
        (e.name == name ? 1 : 0) + e.children.map { count($0, name) }.reduce(0, +)
    }
}

@Suite("Report page on thin or odd results")
struct ReportEdgeTests {
    @Test("results with nothing but metadata still make a well-formed page")
    func emptyTables() {
        let meta = ReportFixture.meta()
        let html = ReportBuilder.html(tables: ResultTables(meta: meta), language: "vi")
        #expect(XHTML.parse(html) != nil)
        #expect(html.contains("There are no delay comparisons yet."))
        #expect(html.contains("These results hold no map geometry"))
    }

    @Test("no sweep: the headline uses the one point, the sweep chart gives way to a sentence")
    func noSweep() {
        let tables = ReportFixture.tables(scales: [1.0])
        let html = ReportBuilder.html(tables: tables, language: "en")
        #expect(XHTML.parse(html) != nil)
        #expect(html.contains("This scenario runs one demand level only."))
        #expect(html.contains("cuts delay per demanded vehicle by"))
    }

    @Test("without demand ×1 the headline uses the middle sweep point")
    func middlePoint() {
        let tables = ReportFixture.tables(scales: [0.8, 1.2, 1.4])
        let html = ReportBuilder.html(tables: tables, language: "en")
        #expect(html.contains("At demand ×1.2:"))
    }

    @Test("hostile and long strategy names stay text, labels turn to fit")
    func hostileStrategyNames() {
        let names = ["fixed", "max-pressure <img src=x onerror=alert(1)>", "actuated & \"gap\" 3 s"]
        var tables = ReportFixture.tables(strategies: ["fixed", "webster", "max-pressure"])
        func rename(_ s: String) -> String { s == "webster" ? names[2] : s == "max-pressure" ? names[1] : s }
        tables.meta.strategies = tables.meta.strategies.map { var m = $0; m.name = rename(m.name); return m }
        tables.runs = tables.runs.map { var r = $0; r.strategy = rename(r.strategy); return r }
        tables.comparison = ComparisonBuilder(meta: tables.meta).build(from: tables.runs)
        tables.junctions = tables.junctions.map { var r = $0; r.strategy = rename(r.strategy); return r }
        let html = ReportBuilder.html(tables: tables, language: "vi")
        #expect(XHTML.parse(html) != nil)
        #expect(!html.contains("<img"))
        #expect(html.contains("max-pressure &lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("transform=\"rotate(-35"))
    }
}
