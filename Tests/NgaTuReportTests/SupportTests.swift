import Foundation
import Testing
@testable import NgaTuResults
@testable import NgaTuReport

@Suite("Report building blocks")
struct SupportTests {
    @Test("numbers: 1.234,5 in Vietnamese, 1,234.5 in English, a true minus")
    func numbers() {
        #expect(NumberText.format(1234.5, decimals: 1, language: "vi") == "1.234,5")
        #expect(NumberText.format(1234.5, decimals: 1, language: "en") == "1,234.5")
        #expect(NumberText.format(1234567, decimals: 0, language: "vi") == "1.234.567")
        #expect(NumberText.format(-3.25, decimals: 2, language: "vi") == "\u{2212}3,25")
        #expect(NumberText.format(-0.001, decimals: 1, language: "en") == "0.0")
        #expect(NumberText.format(0.05, decimals: 2, language: "en") == "0.05")
        #expect(NumberText.format(999.96, decimals: 1, language: "en") == "1,000.0")
        #expect(NumberText.percent(-18.4).en.raw == "\u{2212}18%")
        #expect(NumberText.percent(4.46).en.raw == "+4.5%")
    }

    @Test("markup interpolation escapes text and keeps markup")
    func escaping() {
        let name = "<b>&\"'"
        let m: Markup = "<td>\(name)</td>"
        #expect(m.raw == "<td>&lt;b&gt;&amp;&quot;&#39;</td>")
        #expect(Markup.escape("a\u{0}b\u{1B}c\u{FFFE}") == "abc")
        let bi = Bi("Độ trễ", "Delay")
        #expect(bi.html.raw == "<span lang=\"vi\">Độ trễ</span><span lang=\"en\">Delay</span>")
        #expect(bi.plain(first: "en") == "Delay / Độ trễ")
    }

    @Test("level of service by HCM control delay")
    func levelOfService() {
        #expect([5, 10, 10.1, 20, 35, 55, 80, 80.1, 400].map(LevelOfService.letter) == ["A", "A", "B", "B", "C", "D", "E", "F", "F"])
        // A junction: F as soon as one approach is over capacity, whatever its delay.
        #expect(LevelOfService.junction(delayS: 12, degrees: [0.7, 1.05]) == "F")
        #expect(LevelOfService.junction(delayS: 12, degrees: [0.7, 1.0, nil]) == "B")
        #expect(LevelOfService.junction(delayS: nil, degrees: [nil]) == nil)
    }

    @Test("the reference point is demand ×1, else the middle of the sweep")
    func referencePoint() {
        let p = [0.8, 1.0, 1.2].map { SweepPoint.demandScale($0) }
        #expect(Sweep.referencePoint(p) == .demandScale(1))
        let q = [0.6, 0.8, 1.2, 1.4].map { SweepPoint.demandScale($0) }
        #expect(Sweep.referencePoint(q) == .demandScale(0.8))
        #expect(Sweep.referencePoint([.demandScale(1.5), .demandScale(0.5), .demandScale(0.9)]) == .demandScale(0.9))
        #expect(Sweep.referencePoint([]) == nil)
    }

    @Test("with variants the reference point is the baseline variant's, not the middle variant's")
    func referencePointOfVariants() {
        let keys = [Sweep.variantKey, Sweep.demandScaleKey]
        let names = ["today", "protected-left", "flood", "both"]
        let points = names.indices.flatMap { v in
            [0.8, 1.0, 1.2].map { SweepPoint(keys: keys, values: [Double(v), $0], variant: names[v]) }
        }
        // Without the baseline the middle of the four ×1 points is the second variant's.
        #expect(Sweep.referencePoint(points)?.variant == "protected-left")
        #expect(Sweep.referencePoint(points, baselineVariant: 0) == points[1])
        #expect(Sweep.referencePoint(points, baselineVariant: 2) == points[7])
        #expect(Sweep.referencePoint(points, baselineVariant: 2)?.variant == "flood")
        // Points without a variant key are unaffected.
        let plain = [0.8, 1.0, 1.2].map { SweepPoint.demandScale($0) }
        #expect(Sweep.referencePoint(plain, baselineVariant: 1) == .demandScale(1))
    }

    @Test("round ticks")
    func ticks() {
        #expect(Ticks.nice(0, 47) == [0, 10, 20, 30, 40, 50])
        #expect(Ticks.nice(0, 1.3) == [0, 0.5, 1, 1.5])
        // The last tick is at or above the top value: bars never run past the axis.
        #expect(Ticks.nice(0, 12_204) == [0, 5000, 10_000, 15_000])
    }

    @Test("map geometry and incidents round-trip through results.sqlite")
    func mapGeometryStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ngatu-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var tables = ReportFixture.tables()
        tables.incidents.append(IncidentRow(kind: "closure", road: "nvc-n", fromS: 600, toS: 900, bothDirections: true))
        let store = try ResultStore.create(at: dir.appendingPathComponent("results.sqlite").path, meta: tables.meta)
        try store.insert(tables.runs)
        try store.writeMapGeometry(junctions: tables.mapJunctions, roads: tables.mapRoads, incidents: tables.incidents)
        let loaded = try store.loadTables()
        #expect(loaded.mapJunctions == tables.mapJunctions)
        #expect(loaded.mapRoads == tables.mapRoads)
        #expect(loaded.incidents == tables.incidents)
        #expect(loaded.incidents.map(\.bothDirections) == [false, false, true])
        // A database written before `direction` existed reads as one direction per incident
        // (opened as `ngatu report` opens it: the writing store keeps what it wrote).
        try store.database.execute("ALTER TABLE incidents DROP COLUMN direction")
        #expect(try ResultStore.open(at: dir.appendingPathComponent("results.sqlite").path).mapGeometry().incidents
            .map(\.bothDirections) == [false, false, false])
        // Writing again replaces.
        try store.writeMapGeometry(junctions: Array(tables.mapJunctions.prefix(2)), roads: [], incidents: [])
        let again = try store.mapGeometry()
        #expect(again.junctions.count == 2 && again.roads.isEmpty && again.incidents.isEmpty)
    }

    @Test("bar chart: an interval below zero is drawn to zero; wide values get a smaller font")
    func barChartClipsAndFits() {
        let bars = (0..<7).map { i in
            BarChart.Bar(strategyIndex: i, name: "strategy-\(i)", value: i == 1 ? 6651 : 533_243,
                         low: i == 1 ? -21_964 : 533_000, high: i == 1 ? 35_266 : 533_500, isBaseline: i == 0)
        }
        let svg = BarChart(id: "c", title: Bi(same: "t"), unit: Bi(same: "veh"), bars: bars, language: "en").svg().description
        #expect(!svg.contains(">−"), "no negative tick or value")                 // the axis starts at 0
        #expect(svg.contains("font-size:"))                                        // 533,243 is wider than a band
        // Counts cannot be negative: the description's interval is cut at 0 like the whisker.
        #expect(svg.contains("[0.00, 35,266]") || svg.contains("[0, 35,266]"), "\(svg)")
    }
}
