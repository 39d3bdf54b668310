import Foundation
import NgaTuResults
import Testing
@testable import NgaTuRunner

/// What `movements.csv` is for: sizing a protected left. At the test crossroads with heavy
/// northbound through traffic, the southbound left (N approach → east exit) waits for gaps in
/// it under the two-phase plan; a three-phase plan with its own protected phase lowers that
/// movement's control delay, read from `movements.csv`.
@Suite struct ProtectedLeftTests {
    /// The runner's crossroads (`Scratch.map`) with its phases replaced.
    static func map(_ northSouthPhases: String) -> String {
        Scratch.map.components(separatedBy: "    phases:\n")[0] + "    phases:\n" + northSouthPhases + "\n"
    }

    static let twoPhase = """
              - {name: N-S, green: 25 s, allow: [N, S]}
              - {name: E-W, green: 25 s, allow: [E, W]}
        """
    static let threePhase = """
              - {name: N-S through, green: 20 s, allow: [N:through, N:right, S:through, S:right]}
              - {name: N-S left, green: 10 s, allow: [N:left!, S:left!]}
              - {name: E-W, green: 15 s, allow: [E, W]}
        """

    static func scenario(map: String) -> String {
        """
        scenario: protected-left
        map: \(map)
        duration: 40 min
        warmup: 5 min
        replications: 3
        seed: 7
        demand:
          flows:
            - {from: bs, to: bn, rate: 1100 veh/h}
            - {from: bn, to: be, rate: 150 veh/h}
            - {from: bn, to: bs, rate: 200 veh/h}
            - {from: be, to: bw, rate: 150 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
        """
    }

    /// The N approach's left turn at c: (control delay, throughput) from movements.csv.
    static func leftTurn(_ scratch: Scratch, plan phases: String, name: String) throws -> (delay: Double, throughput: Double) {
        try scratch.write("\(name)-map.yaml", map(phases))
        let (plan, hash) = try scratch.plan(scenario(map: "\(name)-map.yaml"), name: "\(name).yaml")
        _ = try ScenarioRunner(plan: plan, output: ResultDirectory(path: scratch.path(name)), scenarioHash: hash,
                               options: RunOptions(jobs: 2)).run()
        let lines = try String(contentsOfFile: scratch.path("\(name)/movements.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let row = try #require(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .first { $0[2] == "c" && $0[3] == "N" && $0[4] == "left" })
        #expect(row[5] == "re~r")
        return (Double(row[header.firstIndex(of: "control_delay_s")!])!, Double(row[header.firstIndex(of: "throughput_veh_h")!])!)
    }

    @Test func aProtectedLeftLowersTheLeftTurnsDelayUnderHeavyOpposingThrough() throws {
        let scratch = try Scratch(); defer { scratch.cleanUp() }
        let permitted = try Self.leftTurn(scratch, plan: Self.twoPhase, name: "permitted")
        let protected = try Self.leftTurn(scratch, plan: Self.threePhase, name: "protected")
        #expect(protected.delay < permitted.delay, "protected \(protected.delay) s, permitted \(permitted.delay) s")
        #expect(protected.throughput > 100, "the left is served: \(protected.throughput) veh/h")
        print("left turn N→E: permitted \(permitted.delay) s at \(permitted.throughput) veh/h; protected \(protected.delay) s at \(protected.throughput) veh/h")
    }
}
