import Testing
import NgaTuResults
@testable import NgaTuReport

/// The report's turning movements: the junction with the most baseline delay, each movement per strategy.
@Suite struct MovementSectionTests {
    @Test func theWorstJunctionsMovementsAreShown() {
        var tables = ReportFixture.tables()
        let point = ReportFixture.point(1.0)
        func row(_ strategy: String, _ junction: String, _ turn: String, delay: Double) -> MovementRow {
            MovementRow(strategy: strategy, sweep: point, junction: junction, approach: "NE", turn: turn, toRoad: "mt-2",
                        demandVehH: 300, throughputVehH: 280, controlDelayS: delay, los: delay > 55 ? "E" : "C",
                        maxQueueVeh: 12, degreeOfSaturation: 0.9, maxWaitS: 120)
        }
        #expect(MovementSection.render(ReportData(tables: tables, language: "en")).raw.isEmpty)
        for s in ReportFixture.strategies {
            tables.movements += [row(s, "mt-304", "left", delay: s == "fixed" ? 62 : 30), row(s, "mt-304", "through", delay: 25),
                                 row(s, "nvc-304", "right", delay: 5)]
        }
        let html = Bi.unescape(MovementSection.render(ReportData(tables: tables, language: "en")).raw)
        #expect(html.contains("Turning movements"))
        #expect(html.contains("(mt-304)"))
        #expect(html.contains("(nvc-304)"))
        #expect(html.contains("62 s"))
        #expect(html.contains("280/300"))
        #expect(html.range(of: "(mt-304)")!.lowerBound < html.range(of: "(nvc-304)")!.lowerBound)
    }
}
