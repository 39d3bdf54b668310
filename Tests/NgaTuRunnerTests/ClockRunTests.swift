import Foundation
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// A scenario with `start:` writes clock times; one without writes the version-1 file.
@Suite struct ClockRunTests {
    @Test func timeseriesGainsAClockColumnOnlyWithAStart() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        for start in [nil, "\"06:00\""] {
            let extra = start.map { "start: \($0)\nevents:\n  - {kind: capacity, road: rn, from: \"06:02\", to: \"06:04\", factor: 0.5}" } ?? ""
            let (plan, hash) = try scratch.plan(Scratch.sweep(replications: 1, extra: extra))
            let name = start == nil ? "plain" : "clock"
            _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path(name)), scenarioHash: hash,
                                   options: RunOptions(jobs: 1)).run()
            let csv = try String(contentsOfFile: scratch.path("\(name)/timeseries.csv"), encoding: .utf8)
            let lines = csv.split(separator: "\n")
            let meta = try ResultStore.open(at: scratch.path("\(name)/results.sqlite")).loadTables().meta
            if start == nil {
                #expect(lines[0] == "strategy,demand_scale,replication,time_s,vehicles_in_network,mean_speed_kmh,queued_pcu")
                #expect(meta.property("period") == nil && meta.property("start_s") == nil)
            } else {
                #expect(lines[0].hasSuffix(",queued_pcu,clock"))
                #expect(lines[1].hasPrefix("fixed,0.5,1,60,") && lines[1].hasSuffix(",06:01"))
                #expect(meta.property("period") == "06:00–06:06" && meta.property("start_s") == "21600")
                #expect(plan.document.spec.events[0].from == 120)
            }
        }
    }
}
