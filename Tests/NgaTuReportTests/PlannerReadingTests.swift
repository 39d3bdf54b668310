import Testing
import NgaTuResults
@testable import NgaTuReport

/// Results a planner could misread, found by reading the shipped scenarios' reports as a
/// workshop would: each is a sentence or a number of the page, asserted here.
@Suite("Report as a planner reads it")
struct PlannerReadingTests {
    /// Two variants ("today", the baseline's, and "wet"), fixed and actuated, three
    /// replications at demand ×1: fixed 50 s/veh today and 70.3 wet; actuated 40 today and
    /// 45.3 wet, 4.7 s/veh [3.2, 6.1] below fixed today.
    static func variantTables() -> ResultTables {
        let keys = [Sweep.variantKey, Sweep.demandScaleKey]
        let today = SweepPoint(keys: keys, values: [0, 1], variant: "today")
        let wet = SweepPoint(keys: keys, values: [1, 1], variant: "wet")
        var meta = ReportFixture.meta(strategies: ["fixed", "actuated"], scales: [1])
        meta.sweep = Sweep(keys: keys, points: [today, wet])
        meta.properties.append(MetaEntry("variants", "today;wet"))
        let delays: [String: [SweepPoint: [Double]]] = [
            "fixed": [today: [50, 53, 47], wet: [70, 74, 67]],
            "actuated": [today: [40, 43.5, 36.5], wet: [45, 48, 43]],
        ]
        var runs: [RunRow] = []
        for s in ["fixed", "actuated"] {
            for p in [today, wet] {
                for (r, d) in delays[s]![p]!.enumerated() {
                    runs.append(RunRow(strategy: s, sweep: p, replication: r, seed: ReportFixture.seeds[r],
                                       vehiclesFinished: 1000, vehiclesUnfinished: 10, vehiclesWaiting: 0,
                                       meanTravelTimeS: d + 60, meanDelayS: d, meanStops: 1, totalDelayVehH: d * 1010 / 3600,
                                       meanDelayPcuS: d, throughputVehH: 1000, vehiclesDemanded: 1010, meanDelayAllS: d))
                }
            }
        }
        var tables = ResultTables(meta: meta, runs: runs)
        tables.comparison = ComparisonBuilder(meta: meta).build(from: runs)
        return tables
    }

    @Test("with variants, a strategy's cut in another variant is a percentage of the baseline pair's delay, the one its difference is against")
    func variantPercentage() throws {
        let tables = Self.variantTables()
        let wet = tables.meta.sweep.points[1]
        let row = try #require(tables.comparison.first { $0.strategy == "actuated" && $0.sweep == wet && $0.measure == .meanDelayAllS })
        let fixedToday = try #require(tables.comparison.first { $0.strategy == "fixed" && $0.sweep.variant == "today" && $0.measure == .meanDelayAllS })
        let fixedWet = try #require(tables.comparison.first { $0.strategy == "fixed" && $0.sweep == wet && $0.measure == .meanDelayAllS })
        #expect(abs(row.diffVsBaseline! - (-14.0 / 3)) < 1e-9 && fixedToday.mean == 50)
        // −4.67 / 50 = −9.3%; divided by fixed's delay in the wet world (70.3) it read −6.6%.
        #expect(String(format: "%.1f", row.diffVsBaseline! / fixedToday.mean! * 100) == "-9.3")
        #expect(String(format: "%.1f", row.diffVsBaseline! / fixedWet.mean! * 100) == "-6.6")
        let en = ReportBuilder.html(tables: tables, language: "en")
        let vi = ReportBuilder.html(tables: tables, language: "vi")
        let lo = String(format: "%.1f", -row.diffCI95High! / 50 * 100), hi = String(format: "%.0f", -row.diffCI95Low! / 50 * 100)
        #expect("\(lo) \(hi)" == "6.5 12")
        #expect(HeadlineTests.item(en, 2).contains("<strong>actuated</strong> cuts delay per demanded vehicle by 9.3% [6.5%, 12%] against the current fixed plans in variant “today”."),
                "\(HeadlineTests.item(en, 2))")
        #expect(HeadlineTests.item(vi, 2).contains("<strong>actuated</strong> giảm độ trễ mỗi xe có nhu cầu 9,3% [6,5%; 12%] so với chu kỳ đèn cố định hiện tại ở phương án “today”."),
                "\(HeadlineTests.item(vi, 2))")
    }

    @Test("with variants, the differences table names the baseline's variant, so fixed in another world is not 'worse than fixed'")
    func variantDifferences() throws {
        let tables = Self.variantTables()
        let en = ReportBuilder.html(tables: tables, language: "en")
        let vi = ReportBuilder.html(tables: tables, language: "vi")
        #expect(en.contains("20.3 s/veh more than fixed in variant “today”, 95% interval ["))
        #expect(vi.contains("nhiều hơn 20,3 giây/xe so với fixed ở phương án “today”, khoảng tin cậy 95% ["))
        #expect(en.contains("4.7 s/veh less than fixed in variant “today”, 95% interval [3.2, 6.1]"))
        #expect(vi.contains("ít hơn 4,7 giây/xe so với fixed ở phương án “today”, khoảng tin cậy 95% [3,2; 6,1]"))
        // Without variants the sentence stays as it was ("less than fixed", "ít hơn fixed 23,9 giây/xe").
        let plain = ReportBuilder.html(tables: ReportFixture.tables(), language: "vi")
        #expect(!plain.contains("in variant “") && plain.contains("ít hơn fixed "))
    }

    @Test("a chart of a mean over finished trips says that finishing fewer lowers it, not just 'lower is better'")
    func finishedOnlyCaptions() {
        let en = ReportBuilder.html(tables: ReportFixture.tables(), language: "en")
        for m in ["mean_delay_s", "mean_travel_time_s", "mean_stops", "mean_delay_pcu_s"] {
            guard let r = en.range(of: "data-measure=\"\(m)\"><figcaption>") else { Issue.record("no chart \(m)"); continue }
            let caption = String(en[r.upperBound...].prefix { $0 != "\n" }.components(separatedBy: "</figcaption>")[0])
            #expect(caption.contains("finished trips only: lower is better only if as many vehicles finish")
                    && caption.contains("chỉ tính chuyến hoàn thành: thấp hơn chỉ tốt hơn khi số xe hoàn thành không ít hơn"), "\(m): \(caption)")
        }
        let r = en.range(of: "data-measure=\"mean_delay_all_s\"><figcaption>")!
        let caption = String(en[r.upperBound...].prefix(300))
        #expect(caption.contains("(lower is better)") || caption.contains("lower is better</span>"), "\(caption)")
    }

    @Test("a best strategy that still held a vehicle past max_wait_warning says so in its sentence, both languages")
    func bestStillHolds() throws {
        var tables = ReportFixture.tables()
        let p = SweepPoint.demandScale(1)
        let k = try #require(tables.junctions.firstIndex { $0.strategy == "max-pressure" && $0.sweep == p })
        tables.junctions[k].maxWaitS = 969
        let label = ReportData(tables: tables, language: "en").junctionLabel(tables.junctions[k].junction)
        let approach = PlaceWords.approach(tables.junctions[k].approach)
        let en = ReportBuilder.html(tables: tables, language: "en"), vi = ReportBuilder.html(tables: tables, language: "vi")
        let wantEn = "<strong>max-pressure</strong> still held a vehicle 969 s at the stop line of approach \(approach.en.raw) of \(label.en.raw) (more than the scenario's max_wait_warning, 300 s)."
        let wantVi = "<strong>max-pressure</strong> vẫn giữ một xe chờ 969 giây tại vạch dừng hướng \(approach.vi.raw) của nút \(label.vi.raw) (hơn ngưỡng max_wait_warning của kịch bản, 300 giây)."
        #expect(HeadlineTieTests.headline(en).contains(wantEn), "\(HeadlineTieTests.headline(en))")
        #expect(HeadlineTieTests.headline(vi, "vi").contains(wantVi), "\(HeadlineTieTests.headline(vi, "vi"))")
        #expect(HeadlineTests.item(en, 2).contains(wantEn) && !HeadlineTests.item(en, 1).contains("still held a vehicle"))
        // At the threshold (300 s) or below, nothing is said.
        tables.junctions[k].maxWaitS = 300
        #expect(!ReportBuilder.html(tables: tables, language: "en").contains("still held a vehicle"))
    }

    @Test("with one replication, a strategy lower at another demand level is only 'lower', never 'significantly' (no interval), both languages")
    func oneReplicationIsNotSignificant() throws {
        var tables = HeadlineTieTests.tables([0.8: [3, 3.2, 2.9], 1.0: [3, 3.2, 2.9], 1.2: [-3, -3.2, -2.9]])
        tables.runs = tables.runs.filter { $0.replication == 0 }
        tables.meta.replications = 1
        tables.meta.seeds = [2026]
        tables.comparison = ComparisonBuilder(meta: tables.meta).build(from: tables.runs)
        let en = HeadlineTieTests.headline(ReportBuilder.html(tables: tables, language: "en"))
        let vi = HeadlineTieTests.headline(ReportBuilder.html(tables: tables, language: "vi"), "vi")
        #expect(en.hasPrefix("No single winner:<br/><strong>webster</strong> has lower delay per demanded vehicle than max-pressure (difference webster − max-pressure, no interval: one replication) at demand ×1.2 (−3.0 s/veh).<br/><strong>max-pressure</strong> cuts"), "\(en)")
        #expect(vi.hasPrefix("Không có chiến lược thắng duy nhất:<br/><strong>webster</strong> có độ trễ mỗi xe có nhu cầu thấp hơn max-pressure (chênh lệch webster − max-pressure, không có khoảng tin cậy: một lần chạy) ở nhu cầu ×1,2 (−3,0 giây/xe).<br/><strong>max-pressure</strong> giảm"), "\(vi)")
        #expect(!en.contains("significantly lower") && !en.contains("is level with"))
    }
}
