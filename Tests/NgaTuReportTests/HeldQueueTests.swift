import Foundation
import Testing
import NgaTuResults
@testable import NgaTuReport

/// A level of service is a mean over the measured period: a junction graded better than F where
/// a vehicle waited longer than `max_wait_warning` at a stop line is flagged beside its letter
/// and named under the table, so the letter does not hide a queue that did not clear.
@Suite("Held queues beside the level of service")
struct HeldQueueTests {
    @Test("a long wait at a junction graded D shows beside the letter and under the table, in both languages")
    func heldBesideTheLetter() throws {
        var tables = ReportFixture.tables()
        let k = try #require(tables.junctions.firstIndex { $0.strategy == "webster" && $0.sweep == .demandScale(1) && $0.junction == "nvc-304" })
        tables.junctions[k].maxWaitS = 812.4
        let letter = try #require(ReportData(tables: tables, language: "en").junctionService("webster")["nvc-304"]?.los)
        #expect(letter != "F")
        let en = ReportBuilder.html(tables: tables, language: "en")
        let vi = ReportBuilder.html(tables: tables, language: "vi")
        #expect(en.contains("<span class=\"held\" title=\"Longest wait at one stop line: 812 s / Xe chờ lâu nhất tại một vạch dừng: 812 giây\">⚠ 812<span lang=\"vi\"> giây</span><span lang=\"en\"> s</span></span>"))
        #expect(en.components(separatedBy: "class=\"held\"").count == 2)
        #expect(en.contains("these junctions grade better than F although a vehicle waited longer than 300 s at one stop line: Nguyễn Văn Cừ – 30 Tháng 4 (webster): LOS \(letter), longest wait 812 s."))
        #expect(vi.contains("các nút sau có mức tốt hơn F dù một xe đã chờ hơn 300 giây tại một vạch dừng: Nguyễn Văn Cừ – 30 Tháng 4 (webster): mức \(letter), xe chờ lâu nhất 812 giây."))
        // At or under the threshold, or at another sweep point than the map's, nothing.
        tables.junctions[k].maxWaitS = 300
        let j = try #require(tables.junctions.firstIndex { $0.strategy == "webster" && $0.sweep == .demandScale(1.2) && $0.junction == "nvc-304" })
        tables.junctions[j].maxWaitS = 5000
        let quiet = ReportBuilder.html(tables: tables, language: "en")
        #expect(!quiet.contains("class=\"held\"") && !quiet.contains("grade better than F"))
    }
}
