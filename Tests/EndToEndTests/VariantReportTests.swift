import Foundation
import Testing

/// The report of a scenario with `variants:`: each variant's changes in words (both languages)
/// and one matrix of the headline measure, strategies down and variants across, with intervals
/// and the paired difference against the baseline pair.
@Suite struct VariantReportTests {
    @Test func theReportComparesVariantsAndStrategiesInOneMatrix() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let scenario = """
            scenario: e2e-variants
            map: \(CLI.fixture("good/crossroads.yaml"))
            duration: 8 min
            warmup: 2 min
            replications: 3
            seed: 7
            start: "06:00"
            demand:
              flows:
                - {from: bn, to: bs, rate: 700 veh/h}
                - {from: be, to: bw, rate: 500 veh/h}
            strategies:
              - {name: fixed, controller: fixed-time}
              - {name: act, controller: actuated}
            variants:
              - name: today
              - name: same
              - name: wet
                events: [{kind: capacity, road: rn, from: "06:02", to: "06:06", factor: 0.5}]
                roads: {rw: {speed: 20 km/h}}
                demand_scale: 1.2
            """
        try Data(scenario.utf8).write(to: cli.path("v.yaml"))
        let r = try cli.run(["run", "v.yaml", "--jobs", "2", "--out", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: cli.path("out/report.html"), encoding: .utf8)
        #expect(html.contains("id=\"variants\""))
        // Each variant in words, Vietnamese and English.
        #expect(html.contains("the scenario as written"))
        #expect(html.contains("kịch bản như đã viết"))
        #expect(html.contains("capacity of rn ×0.5 at 06:02–06:06; road rw: 20 km/h; demand ×1.2"))
        #expect(html.contains("năng lực rn ×0,5 lúc 06:02–06:06; đường rw: 20 km/h; nhu cầu ×1,2"))
        // One cell per (strategy, variant); the unchanged variant differs by exactly 0.
        for s in ["fixed", "act"] {
            for v in ["today", "same", "wet"] { #expect(html.contains("data-strategy=\"\(s)\" data-variant=\"\(v)\""), "\(s) \(v)") }
        }
        let cell = try #require(html.range(of: "data-strategy=\"fixed\" data-variant=\"same\">"))
        let text = html[cell.upperBound...].prefix(200)
        #expect(text.contains("Δ 0 [0, 0]") || text.contains("Δ 0.0 [0.0, 0.0]") || text.contains("Δ 0,0 [0,0; 0,0]"), "\(text)")
        #expect(!text.contains("–"), "intervals use the other tables' separator, not a dash: \(text)")
        let base = try #require(html.range(of: "data-strategy=\"fixed\" data-variant=\"today\">"))
        #expect(html[base.upperBound...].prefix(200).contains("(baseline)"))
        // The incidents section does not say "no incidents" when a variant adds one.
        #expect(!html.contains("This scenario has no incidents"))
        #expect(html.contains("No incident is common to every variant."))
        #expect(html.contains("The variants “wet” add incidents of their own"))
        // The headline names the baseline pair, and "(baseline)" marks fixed only in its own variant.
        #expect(html.contains("against the map's fixed plans (estimated) in variant “today”")
                || html.contains("against the current fixed plans in variant “today”"))
        #expect(html.contains("ở phương án “today”"))
        let wet = try #require(html.range(of: "At variant “wet”"))
        let wetItem = html[wet.upperBound...].prefix(1500)
        let wetRanking = wetItem[..<(wetItem.range(of: "</li>")?.lowerBound ?? wetItem.endIndex)]
        #expect(wetRanking.contains("Ranked by") && !wetRanking.contains("(baseline)"), "\(wetRanking)")
        let today = try #require(html.range(of: "At variant “today”"))
        let todayItem = html[today.upperBound...].prefix(1500)
        let todayRanking = todayItem[..<(todayItem.range(of: "</li>")?.lowerBound ?? todayItem.endIndex)]
        #expect(todayRanking.contains("fixed (baseline)"), "\(todayRanking)")
    }

    @Test func aReplannedJunctionsMovementsAreComparedAcrossVariants() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let scenario = """
            scenario: e2e-variant-movements
            map: \(CLI.fixture("good/crossroads.yaml"))
            duration: 10 min
            warmup: 2 min
            replications: 2
            seed: 7
            demand:
              flows:
                - {from: bn, to: bs, rate: 900 veh/h}
                - {from: be, to: bw, rate: 300 veh/h}
            strategies:
              - {name: fixed, controller: fixed-time}
            variants:
              - name: today
              - name: long-ns
                signals:
                  c:
                    cycle: 90 s
                    yellow: 3 s
                    all_red: 2 s
                    phases:
                      - {name: "N-S", green: 60 s, allow: [N, S]}
                      - {name: "E-W", green: 20 s, allow: [E, W]}
            """
        try Data(scenario.utf8).write(to: cli.path("v.yaml"))
        let r = try cli.run(["run", "v.yaml", "--out", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: cli.path("out/report.html"), encoding: .utf8)
        let section = try #require(html.range(of: "id=\"movements\""))
        let movements = html[section.upperBound...]
        #expect(movements.contains("(c)</span>: "))
        #expect(movements.contains("by variant"))
        // One cell per variant for the replanned junction's movements; a longer N-S green cuts
        // the northbound through delay.
        #expect(movements.contains("data-variant=\"today\"") && movements.contains("data-variant=\"long-ns\""))
        let csv = try String(contentsOf: cli.path("out/movements.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let h = csv[0]
        func delay(_ variant: String) throws -> Double {
            let row = try #require(csv.first { $0.count == h.count && $0[h.firstIndex(of: "variant")!] == variant
                && $0[h.firstIndex(of: "approach")!] == "N" && $0[h.firstIndex(of: "turn")!] == "through" })
            return try #require(Double(row[h.firstIndex(of: "control_delay_s")!]))
        }
        #expect(try delay("long-ns") < delay("today"))
    }
}
