import Testing
import NgaTuResults
@testable import NgaTuReport

/// An incident on a segment id is reported as that one direction, with its compass bearing
/// and the junctions' names; only `direction: both` reads "both directions".
@Suite("Incident directions")
struct IncidentDirectionTests {
    static func tables() -> ResultTables {
        var tables = ReportFixture.tables()
        tables.incidents.append(IncidentRow(kind: "closure", road: "nvc-n", fromS: 600, toS: 900, bothDirections: true))
        return tables
    }

    @Test("a segment id is one direction: compass, from → to with names; direction both says both")
    func wording() {
        let data = ReportData(tables: Self.tables(), language: "en")
        let rows = data.tables.incidents
        // d304-1 runs from nvc-304 (105.7681 E) to mt-304 (105.7770 E): eastbound.
        let forward = IncidentSection.roadText(data, rows[0])
        #expect(Bi.unescape(forward.en.raw)
                == "Đường 30 Tháng 4 (d304-1), eastbound, one direction: Nguyễn Văn Cừ – 30 Tháng 4 → Mậu Thân – 30 Tháng 4")
        #expect(Bi.unescape(forward.vi.raw)
                == "Đường 30 Tháng 4 (d304-1), hướng đông, một chiều: Nguyễn Văn Cừ – 30 Tháng 4 → Mậu Thân – 30 Tháng 4")
        // mt-2~r is mt-2 backwards: from bnd-e (Đông) to mt-304, westbound.
        let reverse = IncidentSection.roadText(data, rows[1])
        #expect(Bi.unescape(reverse.en.raw).hasSuffix("(mt-2~r), westbound, one direction: Đông → Mậu Thân – 30 Tháng 4"))
        let both = IncidentSection.roadText(data, rows[2])
        #expect(Bi.unescape(both.en.raw) == "Nguyễn Văn Cừ (nvc-n), both directions: Nguyễn Văn Cừ – 30 Tháng 4 ↔ Hẻm 51")
        #expect(Bi.unescape(both.vi.raw) == "Nguyễn Văn Cừ (nvc-n), cả hai chiều: Nguyễn Văn Cừ – 30 Tháng 4 ↔ Hẻm 51")
        #expect(Bi.unescape(IncidentSection.shortLabel(data, rows[0]).en.raw) == "Đường 30 Tháng 4 (eastbound): 40% capacity")
        #expect(Bi.unescape(IncidentSection.shortLabel(data, rows[2]).vi.raw) == "Nguyễn Văn Cừ (cả hai chiều): đóng đường")
    }

    @Test("the page names one direction for the fixture's segments and never says both")
    func page() {
        let en = ReportBuilder.html(tables: ReportFixture.tables(), language: "en")
        #expect(en.contains("eastbound, one direction"))
        #expect(!en.contains("both directions") && !en.contains("cả hai chiều"))
        let withBoth = ReportBuilder.html(tables: Self.tables(), language: "en")
        #expect(withBoth.contains("both directions: "))
    }
}
