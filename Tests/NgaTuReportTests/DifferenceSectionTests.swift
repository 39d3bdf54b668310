import Foundation
import Testing
import NgaTuResults
@testable import NgaTuReport

/// The table of each strategy against the baseline, paired by replication, next to the
/// ranking: a verdict word and the difference in plain words, in both languages.
@Suite("Paired differences in the report")
struct DifferenceSectionTests {
    @Test("each strategy's paired difference from fixed at every demand level, figures from the runs by hand")
    func plainWordsInBothLanguages() throws {
        let tables = HeadlineTieTests.tables([0.8: [3, 3.2, 2.9], 1.0: [1.0, -0.5, 2.0], 1.2: [-3, -3.2, -2.9]])
        let en = ReportBuilder.html(tables: tables, language: "en")
        #expect(en.contains("<table class=\"differences\">"))
        // The table sits in the headline section, after the ranking and before the charts.
        let table = try #require(en.range(of: "<table class=\"differences\">"))
        #expect(en.range(of: "id=\"headline-point-3\"")!.lowerBound < table.lowerBound)
        #expect(table.lowerBound < en.range(of: "id=\"measures\"")!.lowerBound)
        let data = ReportData(tables: tables, language: "en")
        let rows = DifferenceSection.rows(data)
        // 2 strategies besides fixed × 3 demand levels, on delay per demanded vehicle.
        #expect(rows.count == 6 && rows.allSatisfy { $0.measure == .meanDelayAllS && $0.baseline == "fixed" })
        for r in rows {
            func values(_ s: String) -> [Double] {
                tables.runs.filter { $0.strategy == s && $0.sweep == r.sweep }.sorted { $0.replication < $1.replication }.map { $0.meanDelayAllS! }
            }
            let d = HeadlineTieTests.paired(zip(values(r.strategy), values("fixed")).map { $0 - $1 })
            let one = { (x: Double, vi: Bool) in HeadlineTieTests.one(x, vi: vi) }
            let less = d.mean < 0
            let (a, b) = less ? (-d.high, -d.low) : (d.low, d.high)
            let verdict = d.high < 0 ? ("better", "tốt hơn") : d.low > 0 ? ("worse", "kém hơn") : ("no clear difference", "không khác biệt rõ")
            let textEn = "\(one(abs(d.mean), false)) s/veh \(less ? "less" : "more") than fixed, 95% interval [\(one(a, false)), \(one(b, false))]"
            let textVi = "\(less ? "ít hơn" : "nhiều hơn") fixed \(one(abs(d.mean), true)) giây/xe, khoảng tin cậy 95% [\(one(a, true)); \(one(b, true))]"
            let cell = "<strong><span lang=\"vi\">\(verdict.1)</span><span lang=\"en\">\(verdict.0)</span></strong>: <span lang=\"vi\">\(textVi)</span><span lang=\"en\">\(textEn)</span>"
            #expect(en.contains(cell), "expected \(cell)")
        }
        // webster at ×1.0 is level with max-pressure (tied in the headline) but both are clearly
        // better than fixed; a strategy's cell says so in words.
        let webster1 = try #require(rows.first { $0.strategy == "webster" && $0.sweep == .demandScale(1) })
        #expect(webster1.verdict == .better)
        #expect(en.contains("Its 95% interval says whether the difference is clear; whether two strategies' separate intervals in the charts overlap does not."))
        let vi = ReportBuilder.html(tables: tables, language: "vi")
        #expect(vi.contains("chứ không phải việc hai khoảng tin cậy riêng trên biểu đồ có chồng lên nhau hay không"))
    }

    @Test("results without the stored table get it from the runs")
    func computedForOlderResults() {
        var tables = HeadlineTieTests.tables([0.8: [3, 3.2, 2.9], 1.0: [3, 3.2, 2.9], 1.2: [3, 3.2, 2.9]])
        tables.differences = []
        let fromRuns = DifferenceSection.rows(ReportData(tables: tables, language: "en"))
        tables.differences = ComparisonBuilder(meta: tables.meta).buildWithDifferences(from: tables.runs).differences
        #expect(fromRuns == DifferenceSection.rows(ReportData(tables: tables, language: "en")))
        #expect(!fromRuns.isEmpty)
    }
}
