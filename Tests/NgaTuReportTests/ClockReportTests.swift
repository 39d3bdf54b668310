import Testing
import NgaTuResults
@testable import NgaTuReport

/// With `start:` the report states the period and the incidents' times as clock times.
@Suite struct ClockReportTests {
    @Test func incidentsAndPeriodInClockTimes() {
        var tables = ReportFixture.tables()
        let plain = ReportBuilder.html(tables: tables, language: "en")
        #expect(!plain.contains("06:20"))
        tables.meta.properties.append(MetaEntry("start_s", "21600"))
        tables.meta.properties.append(MetaEntry("period", "06:00–07:00"))
        let html = ReportBuilder.html(tables: tables, language: "en")
        #expect(html.contains("06:00–07:00. "))
        // The capacity incident of the fixture runs from 20 to 50 min.
        let data = ReportData(tables: tables, language: "en")
        #expect(Bi.unescape(Block.instant(1200, data).en.raw) == "06:20 (20 min)")
        #expect(Bi.unescape(Block.instant(1200, ReportData(tables: ReportFixture.tables(), language: "en")).en.raw) == "20 min")
    }
}
