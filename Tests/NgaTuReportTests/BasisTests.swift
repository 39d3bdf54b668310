import Testing
import NgaTuResults
@testable import NgaTuReport

/// The report is plain about its basis: estimated fixed plans are never "current", and a
/// Webster junction at Y ≥ 1 is flagged (its cycle is the maximum, not an optimum).
@Suite("Report basis")
struct BasisTests {
    static func tables(fixedPlans: String?) -> ResultTables {
        var tables = ReportFixture.tables()
        if let fixedPlans { tables.meta.properties.append(MetaEntry("fixed_plans", fixedPlans)) }
        tables.meta.properties += [MetaEntry("words_vi.fixed-time", "chu kỳ cố định theo kế hoạch của bản đồ"),
                                   MetaEntry("words_en.fixed-time", "the map's fixed-time plans")]
        let high = ReportFixture.point(1.2), one = ReportFixture.point(1)
        tables.controllerInputs = [
            ControllerInputRow(strategy: "webster", sweep: one, junction: "mt-304", key: "Y", value: 0.91),
            ControllerInputRow(strategy: "webster", sweep: one, junction: "mt-304", key: "cycle", value: 118),
            ControllerInputRow(strategy: "webster", sweep: high, junction: "mt-304", key: "Y", value: 1.0678),
            ControllerInputRow(strategy: "webster", sweep: high, junction: "mt-304", key: "y[0]", value: 1.3),
            ControllerInputRow(strategy: "webster", sweep: high, junction: "mt-304", key: "cycle", value: 150),
            ControllerInputRow(strategy: "webster", sweep: high, junction: "nvc-304", key: "Y@07:00", value: 1.1646),
            ControllerInputRow(strategy: "webster", sweep: high, junction: "nvc-304", key: "cycle@07:00", value: 150),
            ControllerInputRow(strategy: "webster", sweep: high, junction: "nvc-304", key: "Y@06:00", value: 0.7),
        ]
        return tables
    }

    @Test("estimated plans: 'the map's fixed plans (estimated)' in the headline and the strategy list, both languages")
    func estimatedPlans() {
        let en = ReportBuilder.html(tables: Self.tables(fixedPlans: "estimated"), language: "en")
        #expect(en.contains("against the map’s fixed plans (estimated)") || en.contains("against the map's fixed plans (estimated)"))
        #expect(en.contains("chu kỳ đèn cố định của bản đồ (ước tính)"))
        #expect(en.contains("the map&#39;s fixed-time plans (estimated, not the real timings)"))
        #expect(!en.contains("current fixed plans") && !en.contains("hiện tại"))
        // Plans given as real (or results from before the property) keep the old words.
        for value in ["given", nil] {
            let page = ReportBuilder.html(tables: Self.tables(fixedPlans: value), language: "en")
            #expect(page.contains("against the current fixed plans") && !page.contains("(estimated)"))
        }
    }

    @Test("Webster at Y ≥ 1: one sentence per strategy naming each junction's worst Y, its point and the cycle")
    func websterOversaturated() {
        let data = ReportData(tables: Self.tables(fixedPlans: "estimated"), language: "en")
        let found = BasisNotes.websterOversaturated(data)
        #expect(found.map(\.junction) == ["mt-304", "nvc-304"])
        #expect(found.map(\.period) == [nil, "07:00"])
        #expect(found.map(\.cycle) == [150, 150])
        let html = BasisNotes.render(data)
        let text = Bi.unescape(html.raw)
        #expect(text.contains("webster: at 2 junctions the critical flow ratios add up to Y ≥ 1, more demand than any cycle can serve: "
                              + "Mậu Thân – 30 Tháng 4 (Y = 1.07, demand ×1.2); Nguyễn Văn Cừ – 30 Tháng 4 (Y = 1.16, demand ×1.2, at 07:00). "
                              + "There Webster's cycle is its maximum (150 s), not an optimum."), "\(text)")
        #expect(text.contains("webster: tại 2 nút, tổng tỉ số lưu lượng tới hạn Y ≥ 1, nhu cầu vượt khả năng phục vụ của mọi chu kỳ: "
                              + "Mậu Thân – 30 Tháng 4 (Y = 1,07, nhu cầu ×1,2); Nguyễn Văn Cừ – 30 Tháng 4 (Y = 1,16, nhu cầu ×1,2, lúc 07:00). "
                              + "Ở đó chu kỳ của Webster là mức tối đa (150 giây), không phải chu kỳ tối ưu."), "\(text)")
        // Nothing to say when every Y is below 1.
        var calm = Self.tables(fixedPlans: nil)
        calm.controllerInputs = calm.controllerInputs.filter { $0.value < 1 }
        #expect(BasisNotes.render(ReportData(tables: calm, language: "en")).isEmpty)
    }
}
