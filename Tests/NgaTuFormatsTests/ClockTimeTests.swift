import Foundation
import NgaTuCore
import Testing
@testable import NgaTuFormats

/// `start: "06:00"` and clock times (formats.md additions).
@Suite struct ClockTimeTests {
    static func scenario(_ start: String?, warmup: String = "15 min", event: String = "\"06:20\"",
                         profile: String = "[[\"06:00\", 0.8], [\"06:30\", 1.2]]") -> String {
        """
        scenario: clock
        map: crossroads.yaml
        duration: 1 h
        \(start.map { "start: \($0)" } ?? "# no start")
        warmup: \(warmup)
        demand:
          flows:
            - {from: bn, to: bs, rate: 600 veh/h}
          profile: \(profile)
        events:
          - {kind: capacity, road: rn, from: \(event), to: 50 min, factor: 0.5}
        """
    }

    static let file = Fixture.path("good/clock.yaml")

    @Test func clockTimesAreSecondsFromTheStart() throws {
        let spec = try ScenarioReader.parse(Self.scenario("\"06:00\"", warmup: "\"06:15\""), file: Self.file).spec
        #expect(spec.start == Optional(21600.0))
        #expect(spec.warmup == 900)
        #expect(spec.events[0].from == 1200 && spec.events[0].to == 3000)
        #expect(spec.demand.profile.map(\.time) == [0, 1800])
        // Seconds and a run across midnight: 23:30 start, 00:10:30 is 40.5 min in.
        let late = try ScenarioReader.parse(Self.scenario("\"23:30\"", event: "\"00:10:30\"", profile: "[[0, 1]]"),
                                            file: Self.file).spec
        #expect(late.events[0].from == 2430)
    }

    @Test func withoutStartNothingChanges() throws {
        let spec = try ScenarioReader.parse(Self.scenario(nil, event: "20 min", profile: "[[0, 1]]"), file: Self.file).spec
        #expect(spec.start == nil && spec.events[0].from == 1200)
    }

    @Test("bad clock times are refused at their file:line:column",
          arguments: [
            (scenario(nil, profile: "[[0, 1]]"), 11, 38, "is a clock time; give the clock time of time 0 with `start:`"),
            (scenario("\"6h\""), 4, 8, "expected a clock time from \"00:00\" to \"23:59:59\""),
            (scenario("\"06:00\"", event: "\"07:20\""), 11, 38, "is 80 min after the start (06:00), past the end of the run (07:00)"),
            (scenario("\"06:00\"", event: "\"06:61\""), 11, 38, "\"06:61\" is not a clock time"),
            (scenario("\"06:00\"", profile: "[[0, 1], [\"05:59\", 1]]"), 9, 22, "past the end of the run"),
          ])
    func refused(_ text: String, _ line: Int, _ column: Int, _ fragment: String) throws {
        let e = try #require(inputError { () throws(InputError) in try ScenarioReader.parse(text, file: Self.file) })
        #expect(e.line == line && e.column == column, "\(e.description)")
        #expect(e.description.contains(fragment), "\(e.description)")
        #expect(e.description.hasPrefix(Self.file + ":\(line):\(column): "))
    }
}
