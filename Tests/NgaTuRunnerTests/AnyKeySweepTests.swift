import Foundation
import NgaTuFormats
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// `sweep:` over key paths (formats.md additions): every combination runs once on the same seeds,
/// each key is a column named as written, and a key changes only what it names.
@Suite struct AnyKeySweepTests {
    static func scenario(_ sweep: String) -> String {
        """
        scenario: any-key
        map: crossroads.yaml
        duration: 6 min
        warmup: 1 min
        replications: 2
        seed: 40
        demand:
          flows:
            - {from: bn, to: bs, rate: 700 veh/h}
            - {from: be, to: bw, rate: 600 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
          - {name: act, controller: actuated, params: {min_green: 7 s, max_green: 40 s}}
        sweep:
        \(sweep)
        """
    }

    @Test func twoKeysRunEveryCombinationOnceOnTheSameSeeds() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Self.scenario("""
              model.saturation_flow: [1500, 2100 veh/h]
              strategies.act.params.gap: [2 s, 0.1 min]
            """))
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let runs = try String(contentsOfFile: scratch.path("out/runs.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(Array(runs[0].prefix(6)) == ["strategy", "demand_scale", "model.saturation_flow", "strategies.act.params.gap", "replication", "seed"])
        let rows = runs.dropFirst()
        // 2 strategies × 2 × 2 points × 2 replications, each exactly once.
        #expect(rows.count == 16)
        #expect(Set(rows.map { $0[0...4].joined(separator: ",") }).count == 16)
        for r in rows { #expect(r[5] == String(40 + Int(r[4])! - 1)) }
        let delay = runs[0].firstIndex(of: "total_delay_veh_h")!
        func total(_ strategy: String, _ sat: String, _ gap: String) -> Double {
            rows.filter { $0[0] == strategy && $0[2] == sat && $0[3] == gap }.map { Double($0[delay])! }.reduce(0, +)
        }
        // The gap is the actuated strategy's: fixed time runs the same at either value, exactly.
        #expect(total("fixed", "1500", "2") == total("fixed", "1500", "6"))
        #expect(total("fixed", "2100", "2") == total("fixed", "2100", "6"))
        // A higher saturation flow serves the same demand with less delay.
        #expect(total("fixed", "2100", "2") < total("fixed", "1500", "2"))
        // Every file carries the same SWEEP columns.
        let movements = try String(contentsOfFile: scratch.path("out/movements.csv"), encoding: .utf8)
        #expect(movements.hasPrefix("strategy,demand_scale,model.saturation_flow,strategies.act.params.gap,junction,"))
    }

    @Test("a swept key path that names nothing is refused at the key",
          arguments: [
            ("  strategies.nope.params.gap: [2, 3]", "no strategy named \"nope\""),
            ("  events[0].factor: [0.5]", "the scenario has 0 events"),
            ("  model.critical_gapp: [2, 3]", "did you mean `model.critical_gap`?"),
            ("  cycle: [60, 90]", "`cycle` cannot be swept"),
            ("  vehicles.lorry.pcu: [2]", "no vehicle class \"lorry\""),
          ])
    func refused(_ sweep: String, _ fragment: String) throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let file = try scratch.write("s.yaml", Self.scenario(sweep))
        do {
            _ = try InputFiles.loadScenario(file)
            Issue.record("accepted: \(sweep)")
        } catch {
            guard case .input(let e) = error else { Issue.record("\(error)"); return }
            #expect(e.line == 15 && e.column == 3, "\(e)")
            #expect(e.message.contains(fragment), "\(e)")
        }
    }

    @Test func anUnknownParameterOfASweptStrategyPointsAtTheSweepKey() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        do {
            _ = try scratch.plan(Self.scenario("  strategies.act.params.gapp: [2 s, 3 s]"))
            Issue.record("accepted")
        } catch let error as RunnerError {
            guard case .input(let e) = error else { Issue.record("\(error)"); return }
            #expect(e.line == 15 && e.column == 3, "\(e)")
            #expect(e.description.contains("gapp"), "\(e)")
        }
    }
}
