import Foundation
import NgaTuFormats
import NgaTuReport
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// `model.reroute_share` in a scenario: read, varied by a variant and swept, the detour in
/// `roads.csv`, and the files byte-identical whatever `--jobs`.
@Suite struct RerouteShareTests {
    /// w → a → b → e (ab 400 m) and the parallel a → c → b (360 + 360 m), no signals.
    static let map = """
        map: parallel
        attribution: "hand-made test data, CC0"
        junctions:
          - {id: w, at: [10.03, 105.767260], control: boundary}
          - {id: a, at: [10.03, 105.77], control: none}
          - {id: b, at: [10.03, 105.773653], control: none}
          - {id: c, at: [10.032698, 105.771827], control: none}
          - {id: e, at: [10.03, 105.776393], control: boundary}
        roads:
          - {id: wa, from: w, to: a, oneway: true}
          - {id: ab, from: a, to: b, oneway: true}
          - {id: ac, from: a, to: c, oneway: true}
          - {id: cb, from: c, to: b, oneway: true}
          - {id: be, from: b, to: e, oneway: true}

        """

    static func scenario(model: String = "", rest: String) -> String {
        """
        scenario: reroute
        map: parallel.yaml
        duration: 40 min
        warmup: 5 min
        replications: 2
        seed: 7
        \(model)
        vehicles: {car: {share: 1, pcu: 1}}
        demand:
          arrivals: uniform
          flows: [{from: w, to: e, rate: 300 veh/h}]
        strategies: [{name: fixed, controller: fixed-time}]
        events:
          - {kind: capacity, road: ab, from: 10 min, to: 30 min, factor: 0.3}
        \(rest)
        """
    }

    static func table(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func variantsShowTheDetourInRoadsCSVWhateverTheJobs() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        try scratch.write("parallel.yaml", Self.map)
        let (plan, hash) = try scratch.plan(Self.scenario(rest: """
            variants:
              - name: routes-kept
              - name: informed
                model: {reroute_share: 1}
            """))
        for (jobs, out) in [(1, "one"), (2, "two")] {
            _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path(out)), scenarioHash: hash,
                                   options: RunOptions(jobs: jobs)).run()
        }
        for file in ["roads.csv", "runs.csv", "movements.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path("one/\(file)")))
                    == Data(contentsOf: URL(fileURLWithPath: scratch.path("two/\(file)"))), "\(file) differs between --jobs 1 and 2")
        }
        let roads = try Self.table(scratch.path("one/roads.csv"))
        let header = roads[0]
        let v = header.firstIndex(of: "variant")!, seg = header.firstIndex(of: "segment")!, flow = header.firstIndex(of: "flow_veh_h")!
        func flowOn(_ variant: String, _ segment: String) -> Double {
            Double(roads.first { $0[v] == variant && $0[seg] == segment }![flow])!
        }
        // 35 measured minutes at 300 veh/h; the 20 minutes of the cut (about 100 trips) go round
        // by c when informed: 100 / (35/60) h ≈ 171 veh/h.
        #expect(flowOn("routes-kept", "ac") == 0)
        #expect(flowOn("informed", "ac") > 160 && flowOn("informed", "ac") < 180, "\(flowOn("informed", "ac")) veh/h")
        #expect(abs(flowOn("routes-kept", "ab") - flowOn("informed", "ab") - flowOn("informed", "ac")) < 3)
        let tables = try ResultStore.open(at: scratch.path("one/results.sqlite")).loadTables()
        #expect(tables.meta.property("variant_en.informed") == "100% of vehicles know of the capacity cuts and route around them")
        // The report's "Where the traffic goes": a map of the change and the streets, ab
        // losing what ac and cb gain.
        let page = ReportBuilder.html(tables: tables, language: "en")
        #expect(page.contains("id=\"road-changes\"") && page.contains("Where the traffic goes") && page.contains("Dòng xe đi đâu"))
        #expect(page.contains("id=\"flow-change-2-informed\""))
        let section = String(page[page.range(of: "id=\"road-changes\"")!.lowerBound...].prefix(20_000))
        for segment in ["(ab)", "(ac)", "(cb)"] { #expect(section.contains(segment), "\(segment) not listed") }
        #expect(!section.contains("(wa)") && !section.contains("(be)"))
    }

    @Test func theShareIsReadSweptAndChecked() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        try scratch.write("parallel.yaml", Self.map)
        let (plan, _) = try scratch.plan(Self.scenario(model: "model: {reroute_share: 0.5}", rest: """
            sweep:
              model.reroute_share: [0, 1]
            """))
        #expect(plan.document.spec.model.rerouteShare == 0.5)
        #expect(plan.sweep.keys == ["demand_scale", "model.reroute_share"])
        #expect(Sensitivity.applying("model.reroute_share", 1, to: plan.document.spec).model.rerouteShare == 1)
        #expect(plan.meta(scenarioHash: "h", startedAt: "t").property("reroute_share") == "0.5")
        let file = try scratch.write("bad.yaml", Self.scenario(model: "model: {reroute_share: 1.5}", rest: ""))
        do {
            _ = try InputFiles.loadScenario(file)
            Issue.record("a share above 1 was accepted")
        } catch {
            guard case .input(let e) = error else { Issue.record("\(error)"); return }
            #expect(e.line == 7 && e.message.contains("the reroute share must be between 0 and 1, got \"1.5\""), "\(e)")
        }
    }
}
