import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NgaTuResults
@testable import NgaTuReport

/// The report as a workshop reads it: a strategy keeps its colour whatever the scenario's
/// order, no English is left on the Vietnamese side, intervals and plan times read cleanly.
@Suite("Report readability")
struct ReadabilityTests {
    /// Each strategy's swatch colour in the comparison table's header.
    static func swatches(_ html: String) -> [String: String] {
        var found: [String: String] = [:]
        let pattern = #"<th scope="col" class="num"><span class="swatch" style="background:(#[0-9A-Fa-f]{6})" aria-hidden="true"></span>([^<]+)</th>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = html.range(of: "<table class=\"comparison\">")!
        let table = String(html[range.lowerBound...].prefix(6000))
        for m in regex.matches(in: table, range: NSRange(table.startIndex..., in: table)) {
            found[String(table[Range(m.range(at: 2), in: table)!])] = String(table[Range(m.range(at: 1), in: table)!])
        }
        return found
    }

    /// Each strategy's bar colour in the first bar chart.
    static func barFills(_ html: String) -> [String: String] {
        var found: [String: String] = [:]
        let regex = try! NSRegularExpression(pattern: #"fill="(#[0-9A-Fa-f]{6})"[^>]*><title>([^<]+)</title></rect>"#)
        let start = html.range(of: "id=\"measure-vehicles_finished\"")!
        let chart = String(html[start.lowerBound...].prefix(8000))
        for m in regex.matches(in: chart, range: NSRange(chart.startIndex..., in: chart)) {
            found[String(chart[Range(m.range(at: 2), in: chart)!])] = String(chart[Range(m.range(at: 1), in: chart)!])
        }
        return found
    }

    @Test("a strategy's colour is the same in two reports that list the strategies in different orders")
    func coloursByName() {
        let a = ReportBuilder.html(tables: ReportFixture.tables(strategies: ["fixed", "webster", "max-pressure"]), language: "en")
        let b = ReportBuilder.html(tables: ReportFixture.tables(strategies: ["max-pressure", "fixed", "webster"]), language: "en")
        let sa = Self.swatches(a), sb = Self.swatches(b)
        #expect(sa.count == 3 && sa == sb, "\(sa) \(sb)")
        #expect(sa["fixed"] == "#000000" && sa["webster"] == "#0072B2" && sa["max-pressure"] == "#009E73")
        let fa = Self.barFills(a), fb = Self.barFills(b)
        #expect(fa.count == 3 && fa == fb && fa == sa, "\(fa) \(fb)")
        // Names the table does not know hash to a slot; clashes are settled by name, not order.
        let names = ["plan-a", "plan-b", "plan-c", "ours", "fixed", "mine"]
        let one = StrategyStyle.assign(names) { _ in nil }
        let other = StrategyStyle.assign(names.reversed()) { _ in nil }
        #expect(one == other)
        #expect(Set(one.values).count == names.count)
        // A strategy named freely gets its controller kind's slot.
        #expect(StrategyStyle.assign(["ours"]) { _ in "actuated" }["ours"] == 1)
    }

    /// The text a reader of the Vietnamese page sees: every text node outside `lang="en"`
    /// elements, styles, scripts and the SVG titles and descriptions (read aloud in both
    /// languages on purpose).
    static func visibleVietnamese(_ html: String) throws -> String {
        let doc = try XMLDocument(data: Data(html.utf8), options: [])
        var out = ""
        func walk(_ node: XMLNode) {
            if let e = node as? XMLElement {
                let name = e.localName ?? e.name ?? ""
                if ["style", "script", "title", "desc"].contains(name) { return }
                if (e.attributes ?? []).contains(where: { ($0.localName ?? $0.name) == "lang" && $0.stringValue == "en" }) { return }
                for c in e.children ?? [] { walk(c) }
            } else if node.kind == .text {
                out += (node.stringValue ?? "") + " "
            }
        }
        walk(doc.rootElement()!.elements(forName: "body").first!)
        return out
    }

    /// English words a Vietnamese page used to show, and compass letters that are not Vietnamese.
    static let leaks = ["none", "map edge", "northbound", "southbound", "eastbound", "westbound", "baseline",
                        "level of service", "junction", "approach", "warm-up", "incident", "replication", "seed",
                        "no data", "both directions", "one direction", "closed", "capacity", "NE", "NW", "SE", "SW",
                        "W"]

    static func leaked(_ text: String) -> [String] {
        leaks.filter { word in
            let options: NSString.CompareOptions = word.count <= 2 ? [.regularExpression] : [.regularExpression, .caseInsensitive]
            return text.range(of: #"(?<![\p{L}\p{N}_-])"# + NSRegularExpression.escapedPattern(for: word) + #"(?![\p{L}\p{N}_-])"#,
                              options: options) != nil
        }
    }

    @Test("no English word from the list of known leaks in Vietnamese mode")
    func noEnglishInVietnamese() throws {
        var tables = ReportFixture.tables()
        // Compass approaches, a boundary named by the importer, a phase named by its approaches
        // and a parameter left at "none", as the Ninh Kiều map and the runner write them.
        func compass(_ a: String) -> String { ["N": "NE", "S": "SW", "E": "SE", "W": "NW"][a] ?? a }
        tables.junctions = tables.junctions.map { var r = $0; r.approach = compass(r.approach); return r }
        tables.mapJunctions = tables.mapJunctions.map {
            var j = $0
            if j.id == "bnd-e" { j.name = "Mậu Thân (map edge)" }
            if j.id == "bnd-n" { j.name = "Nguyễn Văn Cừ – biên bản đồ (N)" }
            return j
        }
        tables.signalPhases = tables.signalPhases.map { var p = $0; p.name = p.phase == 1 ? "NE–SW: Nguyễn Văn Cừ" : "W: Đường 30 Tháng 4"; return p }
        tables.meta.strategies = tables.meta.strategies.map {
            var s = $0
            if s.name == "webster" { s.parameters = [MetaEntry("period", "none (one plan)"), MetaEntry("offset", "none")] }
            return s
        }
        let html = ReportBuilder.html(tables: tables, language: "vi")
        let text = try Self.visibleVietnamese(html)
        #expect(Self.leaked(text).isEmpty, "\(Self.leaked(text))")
        #expect(text.contains("Mậu Thân (biên bản đồ)") && text.contains("ĐB–TN: Nguyễn Văn Cừ"))
        // Each side in its language.
        #expect(PlaceWords.name("Nguyễn Văn Cừ – biên bản đồ (N)") == Bi("Nguyễn Văn Cừ – biên bản đồ (B)", "Nguyễn Văn Cừ – map edge (N)"))
        // The list catches what it should.
        #expect(Self.leaked("hướng vào SW, none, B–N") == ["none", "SW"])
    }

    @Test("compass points in Vietnamese letters: east or west first on a diagonal")
    func compassLetters() {
        #expect(["N", "S", "E", "W", "NE", "NW", "SE", "SW", "NNE"].map { PlaceWords.compassVi($0)! }
                == ["B", "N", "Đ", "T", "ĐB", "TB", "ĐN", "TN", "BĐB"])
        #expect(PlaceWords.compassVi("mt-304") == nil && PlaceWords.compassVi("") == nil)
        #expect(PlaceWords.name("Hòa Bình: đoạn 2").vi == Markup.text("Hòa Bình: đoạn 2"))
    }

    @Test("intervals: a semicolon between the bounds in Vietnamese, counts cut at zero, whole-second cycles")
    func intervalsAndRounding() {
        var tables = ReportFixture.tables()
        // Vehicles waiting to enter: 0 or 1 in a few replications, an interval reaching below 0.
        tables.runs = tables.runs.map { var r = $0; r.vehiclesWaiting = r.replication == 0 ? 1 : 0; return r }
        tables.comparison = ComparisonBuilder(meta: tables.meta).build(from: tables.runs)
        tables.signalTiming = tables.signalTiming.map { var t = $0; if t.meanCycleS != nil { t.meanCycleS = 64.3 }; return t }
        let vi = ReportBuilder.html(tables: tables, language: "vi")
        let low = tables.comparison.first { $0.measure == .vehiclesWaiting && $0.strategy == "fixed" && $0.sweep == .demandScale(1) }!
        #expect(low.ci95Low! < 0)
        #expect(!vi.contains("[\u{2212}"), "a negative lower bound is printed")
        #expect(vi.contains("<small><span lang=\"vi\">[0,00; "))
        // The headline's interval.
        #expect(vi.range(of: #"\[[0-9]+%; [0-9]+%\]"#, options: .regularExpression) != nil)
        #expect(vi.contains("<td class=\"num\">64</td>") && !vi.contains("64,3"))
    }

    @Test("a measure that is zero for every strategy is a sentence, not a chart")
    func allZeroMeasure() {
        var tables = ReportFixture.tables()
        tables.runs = tables.runs.map { var r = $0; r.vehiclesWaiting = 0; return r }
        tables.comparison = ComparisonBuilder(meta: tables.meta).build(from: tables.runs)
        let html = ReportBuilder.html(tables: tables, language: "en")
        #expect(!html.contains("data-measure=\"vehicles_waiting\""))
        #expect(html.contains("Zero under every strategy in every replication (not charted): Vehicles waiting to enter"))
    }

    @Test("labels of close incidents on a queue chart never overlap")
    func bandLabels() {
        var rows = LabelRows()
        #expect(rows.place(from: 10, to: 60) == 0)
        #expect(rows.place(from: 20, to: 70) == 1)
        #expect(rows.place(from: 30, to: 80) == 2)
        #expect(rows.place(from: 66, to: 90) == 0)
        #expect(rows.place(from: 75, to: 90) == 1)
    }
}
