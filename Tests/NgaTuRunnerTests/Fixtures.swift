import Foundation
import NgaTuFormats
@testable import NgaTuRunner

/// A scratch directory with a crossroads map and scenarios written next to it.
struct Scratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ngatu-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write("crossroads.yaml", Scratch.map)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes a scenario and plans it.
    func plan(_ text: String, name: String = "scenario.yaml", options: PlanOptions = PlanOptions()) throws -> (ScenarioPlan, String) {
        let file = try write(name, text)
        let (document, hash) = try InputFiles.loadScenario(file)
        return (try ScenarioPlan(document: document, options: options), hash)
    }

    static let map = """
        map: runner-crossroads
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

    /// Two fixed-time strategies, two demand scales, `replications` replications.
    static func sweep(replications: Int = 2, duration: String = "6 min", extra: String = "") -> String {
        """
        scenario: runner-sweep
        map: crossroads.yaml
        duration: \(duration)
        warmup: 1 min
        replications: \(replications)
        seed: 40
        demand:
          flows:
            - {from: bn, to: bs, rate: 600 veh/h}
            - {from: be, to: bw, rate: 500 veh/h}
        strategies:
          - {name: fixed, controller: fixed-time}
          - {name: again, controller: fixed-time}
        sweep:
          demand_scale: [0.5, 1.0]
        \(extra)
        """
    }
}
