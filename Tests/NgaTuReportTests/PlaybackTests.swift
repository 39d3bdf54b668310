import Foundation
import Testing
import NgaTuResults
@testable import NgaTuReport

/// The playback section: its data block, frames and occupancy classes (the script itself runs
/// in headless Chromium in tests/python/test_playback.py).
@Suite("Playback")
struct PlaybackTests {
    /// The fixture with a queue series at every directed segment of the first replication.
    static func tables(samples: Int = 60) -> ResultTables {
        var tables = ReportFixture.tables()
        for s in ReportFixture.strategies {
            for (k, road) in ReportFixture.mapRoads.enumerated() {
                for seg in road.oneway ? [road.id] : [road.id, road.id + "~r"] {
                    let values = (0..<samples).map { i in Double((i * (k + 1) + s.count) % 40) / 2 }
                    tables.segmentQueues.append(SegmentQueueRow(strategy: s, sweep: ReportFixture.point(1), replication: 0,
                                                                segment: seg, firstS: 60, stepS: 60, queuedPcu: values))
                }
            }
        }
        return tables
    }

    static func data(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"playback-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("two panes on one clock, one colour class per segment and frame, the baseline and the best strategy first")
    func section() throws {
        let html = ReportBuilder.html(tables: Self.tables(), language: "en")
        #expect(XHTML.parse(html) != nil)
        let d = try Self.data(html)
        let times = try #require(d["times"] as? [Double])
        #expect(times.count == 60 && times.first == 60 && times.last == 3600)
        let strategies = try #require(d["strategies"] as? [String: [String: [String]]])
        #expect(strategies.count == 3)
        let segments = ReportFixture.mapRoads.map { $0.oneway ? 1 : 2 }.reduce(0, +)
        for (_, s) in strategies {
            #expect(s["classes"]?.count == segments)
            #expect(s["classes"]!.allSatisfy { $0.count == 60 && $0.allSatisfy { "012345".contains($0) } })
        }
        #expect(html.components(separatedBy: "class=\"pb-pane\"").count == 3)
        #expect(html.components(separatedBy: "class=\"pb-seg\"").count - 1 == 2 * segments)
        // Left the baseline, right the headline's best strategy (max-pressure in the fixture).
        let panes = html.components(separatedBy: "class=\"pb-pane\"")
        #expect(panes[1].contains("<option value=\"s0\" selected=\"selected\">fixed</option>"))
        #expect(panes[2].contains("<option value=\"s2\" selected=\"selected\">max-pressure</option>"))
        // The incidents of the fixture are drawn, hidden until their time.
        #expect(html.contains("class=\"pb-incident\" data-incident=\"0\" data-from=\"1200\" data-to=\"3000\""))
    }

    @Test("a long run is shown in at most 360 frames")
    func longRun() throws {
        let d = try Self.data(ReportBuilder.html(tables: Self.tables(samples: 1440), language: "vi"))
        let times = try #require(d["times"] as? [Double])
        #expect(times.count == 360 && times[1] - times[0] == 240)
    }

    @Test("queue classes: the queue's length per lane, the top class when it fills the segment")
    func classes() {
        #expect(PlaybackSection.occupancyClass(0, lanes: 1, lengthM: 500) == 0)
        #expect(PlaybackSection.occupancyClass(0.9, lanes: 1, lengthM: 500) == 0)      // 6.3 m
        #expect(PlaybackSection.occupancyClass(1, lanes: 1, lengthM: 500) == 1)        // 7 m
        #expect(PlaybackSection.occupancyClass(8, lanes: 2, lengthM: 500) == 2)        // 28 m
        #expect(PlaybackSection.occupancyClass(20, lanes: 2, lengthM: 500) == 3)       // 70 m
        #expect(PlaybackSection.occupancyClass(40, lanes: 2, lengthM: 500) == 4)       // 140 m
        #expect(PlaybackSection.occupancyClass(60, lanes: 1, lengthM: 500) == 5)       // 420 m
        #expect(PlaybackSection.occupancyClass(12, lanes: 1, lengthM: 90) == 5)        // 84 m of 90 m: full
    }

    @Test("no segment queues (older results): no playback section")
    func absent() {
        #expect(!ReportBuilder.html(tables: ReportFixture.tables(), language: "en").contains("id=\"playback\""))
    }

    @Test("segment queues round-trip through results.sqlite as text, to 0.1 PCU")
    func roundTrip() throws {
        let row = SegmentQueueRow(strategy: "fixed", sweep: ReportFixture.point(1), replication: 1, segment: "d304-1~r",
                                  firstS: 60, stepS: 60, queuedPcu: [0, 1.25, 12.3456, 300])
        let back = try SegmentQueueRow(strategy: "fixed", sweep: ReportFixture.point(1), trailingCells: row.trailingCells)
        #expect(back.queuedPcu == [0, 1.3, 12.3, 300] || back.queuedPcu == [0, 1.2, 12.3, 300])
        #expect(back.segment == "d304-1~r" && back.firstS == 60 && back.stepS == 60)
    }
}
