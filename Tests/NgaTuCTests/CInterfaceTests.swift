import CNgaTu
import Foundation
import Testing

/// The C interface as a C caller sees it: the functions of ngatu.h (declared by the header,
/// so the header and the implementation must agree), opaque handles, statuses and messages.
@Suite struct CInterfaceTests {
    static let map = """
        map: c-crossroads
        attribution: "hand-made test data, CC0"
        junctions:
          - {id: bn, at: [10.0336, 105.7700], control: boundary}
          - {id: c, at: [10.0300, 105.7700], control: signal}
          - {id: bs, at: [10.0264, 105.7700], control: boundary}
          - {id: be, at: [10.0300, 105.7737], control: boundary}
          - {id: bw, at: [10.0300, 105.7663], control: boundary}
        roads:
          - {id: rn, from: bn, to: c}
          - {id: rs, from: c, to: bs}
          - {id: re, from: be, to: c}
          - {id: rw, from: c, to: bw}
        signals:
          c:
            cycle: 60 s
            yellow: 3 s
            all_red: 2 s
            phases:
              - {name: N-S, green: 25 s, allow: [N, S]}
              - {name: E-W, green: 25 s, allow: [E, W]}

        """
    static let scenario = """
        scenario: c-api
        map: map.yaml
        duration: 15 min
        warmup: 1 min
        replications: 2
        seed: 5
        demand:
          flows:
            - {from: bn, to: bs, rate: 700 veh/h}
            - {from: be, to: bw, rate: 400 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
          - {name: mp, controller: max-pressure}

        """

    final class Files {
        let dir: URL
        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("ngatu-c-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(CInterfaceTests.map.utf8).write(to: dir.appendingPathComponent("map.yaml"))
            try Data(CInterfaceTests.scenario.utf8).write(to: dir.appendingPathComponent("s.yaml"))
        }
        deinit { try? FileManager.default.removeItem(at: dir) }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    }

    func openScenario(_ files: Files) throws -> OpaquePointer {
        var s: OpaquePointer?
        let status = ngatu_scenario_open(files.path("s.yaml"), &s)
        #expect(status == NGATU_OK, "\(String(cString: ngatu_last_error()))")
        return try #require(s)
    }

    /// Runs an episode with phase requests from a seeded generator; returns every observation
    /// value and the run's mean delay.
    func episode(_ scenario: OpaquePointer, seed: UInt64) throws -> (trace: [Double], delay: Double) {
        var sim: OpaquePointer?
        #expect(ngatu_sim_open(scenario, nil, 0, 1, nil, 7, 50, &sim) == NGATU_OK)
        let h = try #require(sim)
        defer { ngatu_sim_free(h) }
        #expect(ngatu_sim_junction_count(h) == 1 && String(cString: ngatu_sim_junction_id(h, 0)) == "c")
        let n = Int(ngatu_sim_movement_count(h, 0))
        var state = [Double](repeating: 0, count: Int(NGATU_STATE_COUNT))
        var rows = [Double](repeating: 0, count: n * Int(NGATU_FIELD_COUNT))
        var x = seed, trace: [Double] = []
        while ngatu_sim_time(h) < ngatu_sim_duration(h) {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            #expect(ngatu_sim_set_phase(h, 0, Int32((x >> 33) % 2)) == NGATU_OK)
            #expect(ngatu_sim_advance_by(h, 5) == NGATU_OK)
            #expect(ngatu_sim_observe(h, 0, &state, &rows) == NGATU_OK)
            trace += state + rows
        }
        #expect(ngatu_sim_close(h) == NGATU_OK)
        var delay = 0.0
        #expect(ngatu_sim_result(h, "mean_delay_s", &delay) == NGATU_OK)
        return (trace, delay)
    }

    @Test func handlesStepAndObserveDeterministically() throws {
        let files = try Files()
        let s = try openScenario(files)
        defer { ngatu_scenario_free(s) }
        #expect(ngatu_scenario_strategy_count(s) == 2 && String(cString: ngatu_scenario_baseline(s)) == "fixed")
        #expect(ngatu_scenario_replications(s) == 2 && ngatu_scenario_point_count(s) == 1 && ngatu_scenario_duration(s) == 900)
        let a = try episode(s, seed: 1), b = try episode(s, seed: 1), c = try episode(s, seed: 2)
        #expect(a.trace == b.trace && a.delay == b.delay)
        #expect(a.trace != c.trace)
        #expect(a.delay > 0 && a.delay.isFinite)
        #expect(a.trace.count == 180 * (6 + 12 * 11))   // 180 steps of 5 s; 12 movements (4 approaches × 3 turns)
    }

    /// Two runs interleaved in one process give what each gives alone.
    @Test func twoRunsInOneProcessDoNotInterfere() throws {
        let files = try Files()
        let s = try openScenario(files)
        defer { ngatu_scenario_free(s) }
        func open(_ strategy: String) -> OpaquePointer? {
            var h: OpaquePointer?
            #expect(ngatu_sim_open(s, strategy, 0, 2, "", 7, 50, &h) == NGATU_OK)
            return h
        }
        func delay(_ h: OpaquePointer?) -> Double {
            var d = 0.0
            #expect(ngatu_sim_close(h) == NGATU_OK && ngatu_sim_result(h, "mean_delay_s", &d) == NGATU_OK)
            return d
        }
        let alone1 = open("fixed"), alone2 = open("mp")
        #expect(ngatu_sim_advance_to(alone1, 1e9) == NGATU_OK && ngatu_sim_advance_to(alone2, 1e9) == NGATU_OK)
        let d1 = delay(alone1), d2 = delay(alone2)
        ngatu_sim_free(alone1); ngatu_sim_free(alone2)
        let x = open("fixed"), y = open("mp")
        var t = 0.0
        while t < 900 { t += 7; #expect(ngatu_sim_advance_to(x, t) == NGATU_OK); #expect(ngatu_sim_advance_to(y, t / 2) == NGATU_OK) }
        // And on threads, in one call.
        let both: [OpaquePointer?] = [x, y]
        #expect(ngatu_sims_advance_by(both, 2, 1000, 2) == NGATU_OK)
        #expect(delay(x) == d1 && delay(y) == d2 && d1 != d2)
        ngatu_sim_free(x); ngatu_sim_free(y)
    }

    @Test func errorsHaveCodesAndMessages() throws {
        let files = try Files()
        var s: OpaquePointer?
        #expect(ngatu_scenario_open(files.path("missing.yaml"), &s) == NGATU_ERROR_INPUT && s == nil)
        #expect(String(cString: ngatu_last_error()).contains("missing.yaml"))
        try Data("scenario: x\nmap: map.yaml\nduraton: 5 min\n".utf8).write(to: files.dir.appendingPathComponent("bad.yaml"))
        #expect(ngatu_scenario_open(files.path("bad.yaml"), &s) == NGATU_ERROR_INPUT)
        #expect(String(cString: ngatu_last_error()).contains("bad.yaml:3:1"))
        let scenario = try openScenario(files)
        defer { ngatu_scenario_free(scenario) }
        var h: OpaquePointer?
        #expect(ngatu_sim_open(scenario, "nope", 0, 1, nil, 7, 50, &h) == NGATU_ERROR_ARGUMENT && h == nil)
        #expect(String(cString: ngatu_last_error()).contains("no strategy \"nope\""))
        #expect(ngatu_sim_open(scenario, nil, 0, 0, nil, 7, 50, &h) == NGATU_ERROR_ARGUMENT)
        #expect(ngatu_sim_open(scenario, nil, 3, 1, nil, 7, 50, &h) == NGATU_ERROR_ARGUMENT)
        #expect(ngatu_sim_open(scenario, nil, 0, 1, "bn", 7, 50, &h) == NGATU_ERROR_ARGUMENT)
        #expect(String(cString: ngatu_last_error()).contains("not signalised"))
        #expect(ngatu_sim_open(scenario, nil, 0, 1, "c", 7, 50, &h) == NGATU_OK)
        #expect(ngatu_sim_set_phase(h, 0, 2) == NGATU_ERROR_ARGUMENT)
        #expect(String(cString: ngatu_last_error()).contains("phases 0 to 1"))
        #expect(ngatu_sim_set_phase(h, 3, 0) == NGATU_ERROR_ARGUMENT)
        #expect(ngatu_sim_advance_by(h, -1) == NGATU_ERROR_ARGUMENT)
        #expect(ngatu_sim_advance_by(nil, 1) == NGATU_ERROR_ARGUMENT)
        var v = 0.0
        #expect(ngatu_sim_result(h, "mean_delay_s", &v) == NGATU_ERROR_STATE)
        #expect(ngatu_sim_close(h) == NGATU_OK)
        #expect(ngatu_sim_advance_by(h, 1) == NGATU_ERROR_STATE)
        #expect(ngatu_sim_result(h, "no_such", &v) == NGATU_ERROR_ARGUMENT)
        #expect(ngatu_sim_result(h, "vehicles_finished", &v) == NGATU_OK && v > 100)
        ngatu_sim_free(h)
        #expect(String(cString: ngatu_version()).split(separator: ".").count == 3)
    }

    /// `ngatu_sims_step_encoded` gives, for every run of a batch and on threads, the sumo-rl
    /// observation and rewards computed from `ngatu_sim_observe` of the same run stepped alone;
    /// a refused call moves nothing.
    @Test func encodedStepsAreTheObservationsEncoded() throws {
        let files = try Files()
        let s = try openScenario(files)
        defer { ngatu_scenario_free(s) }
        func open(_ replication: Int32) throws -> OpaquePointer {
            var h: OpaquePointer?
            #expect(ngatu_sim_open(s, nil, 0, replication, nil, 7, 50, &h) == NGATU_OK)
            return try #require(h)
        }
        let batch = [try open(1), try open(2)], alone = [try open(1), try open(2)]
        defer { for h in batch + alone { ngatu_sim_free(h) } }
        let n = Int(ngatu_sim_movement_count(alone[0], 0)), phases = Int(ngatu_sim_phase_count(alone[0], 0))
        let width = phases + 1 + 2 * n + 3
        var storage = [Double](repeating: 0, count: n), exit = [Int32](repeating: 0, count: n)
        #expect(ngatu_sim_movement_info(alone[0], 0, nil, nil, &storage, &exit) == NGATU_OK)
        var obs = [Float](repeating: 0, count: 2 * width), rewards = [Double](repeating: 0, count: 2), times = [0.0, 0.0]
        let handles: [OpaquePointer?] = batch
        for reward in [Int32(NGATU_REWARD_DIFF_WAITING_TIME), Int32(NGATU_REWARD_QUEUE), Int32(NGATU_REWARD_PRESSURE)] {
            var lastWait = [0.0, 0.0]
            for step in 0..<40 {
                let request: [Int32] = [Int32(step / 3 % 2), Int32(step / 5 % 2)]
                #expect(ngatu_sims_step_encoded(handles, 2, request, 5, 1e9, 2, reward, Int32(width), &obs, &rewards, &times) == NGATU_OK)
                for i in 0..<2 {
                    #expect(ngatu_sim_set_phase(alone[i], 0, request[i]) == NGATU_OK && ngatu_sim_advance_by(alone[i], 5) == NGATU_OK)
                    var state = [Double](repeating: 0, count: Int(NGATU_STATE_COUNT))
                    var rows = [Double](repeating: 0, count: n * Int(NGATU_FIELD_COUNT))
                    #expect(ngatu_sim_observe(alone[i], 0, &state, &rows) == NGATU_OK)
                    var expected = [Float](repeating: 0, count: width)
                    if state[2] == 0 { expected[Int(state[1])] = 1 }
                    expected[phases] = Float(state[5])
                    var wait = 0.0, queued = 0.0, incoming = 0.0, exits = 0.0, seen = Set<Int32>()
                    for m in 0..<n {
                        let r = Array(rows[(m * Int(NGATU_FIELD_COUNT))...])
                        expected[phases + 1 + m] = Float(min(1, (r[1] + r[3]) / storage[m]))
                        expected[phases + 1 + n + m] = Float(min(1, r[1] / storage[m]))
                        wait += r[10]; queued += r[0]; incoming += r[1] + r[3]
                        if seen.insert(exit[m]).inserted { exits += r[5] }
                    }
                    #expect(Array(obs[(i * width)..<((i + 1) * width)]) == expected)
                    let want = [lastWait[i] - wait / 100, -queued, exits - incoming][Int(reward)]
                    #expect(rewards[i] == want)
                    lastWait[i] = wait / 100
                    #expect(times[i] == ngatu_sim_time(alone[i]))
                }
            }
        }
        // Refused: a phase the junction lacks, a short width, an unknown reward; nothing moved.
        let t = ngatu_sim_time(batch[0])
        #expect(ngatu_sims_step_encoded(handles, 2, [0, 2], 5, 1e9, 1, 0, Int32(width), &obs, &rewards, &times) == NGATU_ERROR_ARGUMENT)
        #expect(String(cString: ngatu_last_error()).contains("phases 0 to 1, not 2"))
        #expect(ngatu_sims_step_encoded(handles, 2, nil, 5, 1e9, 1, 0, 3, &obs, &rewards, &times) == NGATU_ERROR_ARGUMENT)
        #expect(ngatu_sims_step_encoded(handles, 2, nil, 5, 1e9, 1, 7, Int32(width), &obs, &rewards, &times) == NGATU_ERROR_ARGUMENT)
        #expect(ngatu_sim_time(batch[0]) == t && ngatu_sim_time(batch[1]) == t)
        #expect(ngatu_sim_close(batch[1]) == NGATU_OK)
        #expect(ngatu_sims_step_encoded(handles, 2, nil, 5, 1e9, 1, 0, Int32(width), &obs, &rewards, &times) == NGATU_ERROR_STATE)
    }
}
