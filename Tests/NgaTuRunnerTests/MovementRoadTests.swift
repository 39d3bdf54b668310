import Foundation
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// `movements.csv` and `roads.csv` (formats.md additions): means over replications, per run in
/// results.sqlite, and movements that add up to their junction.
@Suite struct MovementRoadTests {
    static func table(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Array(lines.dropFirst()))
    }

    @Test func movementsAddUpToTheirJunctionAndRoadsAreMeasured() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let (plan, hash) = try scratch.plan(Scratch.sweep(replications: 2))
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path("out")), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let movements = Self.table(try String(contentsOfFile: scratch.path("out/movements.csv"), encoding: .utf8))
        #expect(movements.header == ["strategy", "demand_scale", "junction", "approach", "turn", "to_road", "demand_veh_h",
                                     "throughput_veh_h", "control_delay_s", "los", "max_queue_veh", "degree_of_saturation", "max_wait_s", "still_queued_veh"])
        let roads = Self.table(try String(contentsOfFile: scratch.path("out/roads.csv"), encoding: .utf8))
        #expect(roads.header == ["strategy", "demand_scale", "segment", "from", "to", "flow_veh_h", "mean_speed_kmh",
                                 "mean_travel_time_s", "free_flow_time_s", "max_queue_veh", "max_queue_m"])
        let junctions = Self.table(try String(contentsOfFile: scratch.path("out/junctions.csv"), encoding: .utf8))
        let jt = junctions.header.firstIndex(of: "throughput_veh")!
        // 2 strategies × 2 scales × 12 movements (4 approaches × 3 turns) at the one signal.
        #expect(movements.rows.count == 2 * 2 * 12)
        #expect(roads.rows.count == 2 * 2 * 8)
        let hours = 5.0 / 60 // 6 min, 1 min warm-up
        var checked = 0
        for strategy in ["fixed", "again"] {
            for scale in ["0.5", "1"] {
                let fromJunction = junctions.rows.filter { $0[0] == strategy && $0[1] == scale }.map { Double($0[jt])! }.reduce(0, +)
                let fromMovements = movements.rows.filter { $0[0] == strategy && $0[1] == scale }.map { Double($0[7])! * hours }.reduce(0, +)
                #expect(fromJunction > 20)
                #expect(abs(fromJunction - fromMovements) < 1e-9 * fromJunction, "\(strategy) ×\(scale): \(fromJunction) vs \(fromMovements)")
                // So do the vehicles still queued at the end (counted in the control delay).
                let jq = junctions.header.firstIndex(of: "still_queued_veh")!
                let queuedAtJunction = junctions.rows.filter { $0[0] == strategy && $0[1] == scale }.map { Double($0[jq])! }.reduce(0, +)
                let queuedAtMovements = movements.rows.filter { $0[0] == strategy && $0[1] == scale }.map { Double($0[13])! }.reduce(0, +)
                #expect(abs(queuedAtJunction - queuedAtMovements) < 1e-9)
                checked += 1
            }
        }
        #expect(checked == 4)
        // Through traffic N → S uses rn then rs: the flow out of rs is what came through c from N (600 veh/h × 0.5 …).
        let rs = roads.rows.first { $0[0] == "fixed" && $0[1] == "1" && $0[2] == "rs" }!
        #expect(rs[3] == "c" && rs[4] == "bs")
        #expect(Double(rs[5])! > 300 && Double(rs[5])! < 900)
        #expect(Double(rs[7])! >= Double(rs[8])! - 1e-9)   // travel time never below free flow
        let rn = roads.rows.first { $0[0] == "fixed" && $0[1] == "1" && $0[2] == "rn" }!
        #expect(Double(rn[7])! > Double(rn[8])!)           // the approach waits at the signal

        // Per replication in results.sqlite; the CSV rows are their means.
        let tables = try ResultStore.open(at: scratch.path("out/results.sqlite")).loadTables()
        #expect(tables.movementRuns.count == 2 * 2 * 2 * 12 && tables.roadRuns.count == 2 * 2 * 2 * 8)
        let m0 = tables.movements[0]
        let runs = tables.movementRuns.filter { $0.movement.strategy == m0.strategy && $0.movement.sweep == m0.sweep
            && $0.movement.approach == m0.approach && $0.movement.toRoad == m0.toRoad }
        #expect(runs.count == 2)
        #expect(abs(m0.throughputVehH - (runs[0].movement.throughputVehH + runs[1].movement.throughputVehH) / 2) < 1e-9)
        #expect(try String(contentsOfFile: scratch.path("out/movements.csv"), encoding: .utf8)
                == CSVWriter(sweepKeys: tables.meta.sweep.keys).csv(tables.movements))
    }
}
