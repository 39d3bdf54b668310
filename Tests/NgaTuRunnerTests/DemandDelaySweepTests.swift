import Foundation
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// Delay per demanded vehicle on a main × side crossroads swept into oversaturation: the measure
/// the headline ranks by must grow with demand and must not reward a strategy for leaving
/// vehicles unserved.
@Suite struct DemandDelaySweepTests {
    static let scenario = """
        scenario: oversaturation-sweep
        map: crossroads.yaml
        duration: 30 min
        warmup: 5 min
        replications: 3
        seed: 7
        vehicles:
          car: {share: 1.0, pcu: 1.0}
        demand:
          flows:
            - {from: bn, to: bs, rate: 800 veh/h}
            - {from: bs, to: bn, rate: 800 veh/h}
            - {from: be, to: bw, rate: 350 veh/h}
            - {from: bw, to: be, rate: 350 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
          - {name: webster, controller: webster}
          - {name: actuated, controller: actuated, params: {min_green: 7 s, max_green: 60 s, gap: 3 s}}
          - {name: max-pressure, controller: max-pressure, params: {interval: 5 s, min_green: 7 s}}
        sweep:
          demand_scale: [0.6, 1.0, 1.4, 1.8]
        """

    @Test("swept to oversaturation: delay per demanded vehicle grows with demand for every strategy, and leaving more vehicles unserved is never ranked better")
    func sweepToOversaturation() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Self.scenario)
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let tables = try ResultStore.open(at: scratch.path("out/results.sqlite")).loadTables()
        let points = tables.meta.sweep.points
        func mean(_ s: String, _ p: SweepPoint, _ m: RunMeasure) -> Double {
            tables.comparison.first { $0.strategy == s && $0.sweep == p && $0.measure == m }?.mean ?? .nan
        }
        let strategies = tables.meta.strategyNames
        for p in points {
            let line = strategies.map { s in
                "\(s) all \(mean(s, p, .meanDelayAllS)) finished-only \(mean(s, p, .meanDelayS)) unfinished \(mean(s, p, .vehiclesUnfinished)) of \(mean(s, p, .vehiclesDemanded))"
            }
            print("×\(p[Sweep.demandScaleKey]!): " + line.joined(separator: "; "))
        }
        // The top point is oversaturated: vehicles are left at the boundaries.
        let top = points.last!
        #expect(strategies.allSatisfy { mean($0, top, .vehiclesWaiting) > 20 })
        for s in strategies {
            let delays = points.map { mean(s, $0, .meanDelayAllS) }
            #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 < $1 }, "\(s): \(delays)")
        }
        // A strategy that leaves clearly more vehicles unfinished (2% of demand) is not better.
        for p in points {
            let demanded = mean("fixed", p, .vehiclesDemanded)
            for a in strategies { for b in strategies where a != b {
                if mean(a, p, .vehiclesUnfinished) > mean(b, p, .vehiclesUnfinished) + 0.02 * demanded {
                    #expect(mean(a, p, .meanDelayAllS) > mean(b, p, .meanDelayAllS),
                            "\(a) leaves more unserved than \(b) at \(p) yet ranks better")
                }
            } }
        }
        // The identity behind the column, run by run.
        for r in tables.runs {
            let all = try #require(r.meanDelayAllS)
            #expect(abs(all * Double(r.vehiclesDemanded) - r.totalDelayVehH * 3600) <= 1e-9 * max(1, r.totalDelayVehH * 3600))
            #expect(r.vehiclesDemanded == r.vehiclesFinished + r.vehiclesUnfinished)
        }
    }
}
