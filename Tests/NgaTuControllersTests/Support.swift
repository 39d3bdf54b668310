import Foundation
import NgaTuCore
import NgaTuControllers

/// Maps, scenarios and scripted observations for the controllers' tests.
enum Fixture {
    static let centre = LatLon(10.03, 105.77)
    static let cars = [VehicleClass(name: "car", share: 1, pcu: 1)]

    /// A point `north` and `east` metres from the centre.
    static func at(north: Double, east: Double) -> LatLon {
        LatLon(centre.lat + north / 111_195.0, centre.lon + east / (111_195.0 * cos(centre.lat * .pi / 180)))
    }

    /// One signalised crossroads `c` with boundaries `n`, `e`, `s`, `w`; phases N-S then E-W.
    static func crossroads(arm: Double = 300, lanes: Int = 1, green: Double = 25) -> MapSpec {
        let js = [
            JunctionSpec(id: "c", at: centre, control: .signal),
            JunctionSpec(id: "n", at: at(north: arm, east: 0), control: .boundary),
            JunctionSpec(id: "e", at: at(north: 0, east: arm), control: .boundary),
            JunctionSpec(id: "s", at: at(north: -arm, east: 0), control: .boundary),
            JunctionSpec(id: "w", at: at(north: 0, east: -arm), control: .boundary),
        ]
        let roads = ["n", "e", "s", "w"].map { RoadSpec(id: "r-\($0)", from: $0, to: "c", lanesForward: lanes, lengthM: arm) }
        let plan = SignalPlanSpec(junction: "c", cycle: 2 * green + 10, yellow: 3, allRed: 2,
                                  phases: [PhaseSpec(name: "N-S", green: green, allow: ["N", "S"]),
                                           PhaseSpec(name: "E-W", green: green, allow: ["E", "W"])])
        return MapSpec(id: "crossroads", junctions: js, roads: roads, signals: [plan])
    }

    /// An east–west arterial of signalised junctions `a0`, `a1`, … with the given gaps (m)
    /// between them, boundaries `w` and `e` at its ends and side roads: `sides[k]` of
    /// "N", "S" or "NS" at junction k. With `plans`, each junction gets a plan of `cycles[k]`
    /// with phases N-S then E-W of equal greens (sides missing are left out of the phase).
    static func arterial(gaps: [Double], sides: [String]? = nil, cycles: [Double]? = nil, lanes: Int = 1,
                         arm: Double = 200, plans: Bool = true) -> MapSpec {
        let n = gaps.count + 1
        let sides = sides ?? Array(repeating: "NS", count: n)
        var east = [0.0]
        for g in gaps { east.append(east.last! + g) }
        var js = [JunctionSpec(id: "w", at: at(north: 0, east: -arm), control: .boundary),
                  JunctionSpec(id: "e", at: at(north: 0, east: east.last! + arm), control: .boundary)]
        var roads = [RoadSpec(id: "w-a0", from: "w", to: "a0", lanesForward: lanes, lengthM: arm),
                     RoadSpec(id: "a\(n - 1)-e", from: "a\(n - 1)", to: "e", lanesForward: lanes, lengthM: arm)]
        var signals: [SignalPlanSpec] = []
        for k in 0..<n {
            js.append(JunctionSpec(id: "a\(k)", at: at(north: 0, east: east[k]), control: .signal))
            if k > 0 { roads.append(RoadSpec(id: "a\(k - 1)-a\(k)", from: "a\(k - 1)", to: "a\(k)", lanesForward: lanes, lengthM: gaps[k - 1])) }
            var cross: [String] = []
            if sides[k].contains("N") {
                js.append(JunctionSpec(id: "n\(k)", at: at(north: arm, east: east[k]), control: .boundary))
                roads.append(RoadSpec(id: "n\(k)", from: "n\(k)", to: "a\(k)", lengthM: arm)); cross.append("N")
            }
            if sides[k].contains("S") {
                js.append(JunctionSpec(id: "s\(k)", at: at(north: -arm, east: east[k]), control: .boundary))
                roads.append(RoadSpec(id: "s\(k)", from: "s\(k)", to: "a\(k)", lengthM: arm)); cross.append("S")
            }
            if plans {
                let c = cycles?[k] ?? 60
                let g = (c - 10) / 2
                signals.append(SignalPlanSpec(junction: "a\(k)", cycle: c, yellow: 3, allRed: 2,
                                              phases: [PhaseSpec(name: "cross", green: g, allow: cross),
                                                       PhaseSpec(name: "arterial", green: g, allow: ["E", "W"])]))
            }
        }
        return MapSpec(id: "arterial", junctions: js, roads: roads, signals: signals)
    }

    /// A `rows` × `cols` grid of signalised junctions with the builder's default plans.
    static func grid(rows: Int, cols: Int, spacing: Double = 250, lanes: Int = 1) -> MapSpec {
        var js: [JunctionSpec] = [], roads: [RoadSpec] = []
        func id(_ r: Int, _ c: Int) -> String { "j\(r)-\(c)" }
        for r in 0..<rows { for c in 0..<cols {
            js.append(JunctionSpec(id: id(r, c), at: at(north: -Double(r) * spacing, east: Double(c) * spacing), control: .signal))
        } }
        for r in 0..<rows {
            js.append(JunctionSpec(id: "bw\(r)", at: at(north: -Double(r) * spacing, east: -spacing), control: .boundary))
            js.append(JunctionSpec(id: "be\(r)", at: at(north: -Double(r) * spacing, east: Double(cols) * spacing), control: .boundary))
            roads.append(RoadSpec(id: "hw\(r)", from: "bw\(r)", to: id(r, 0), lanesForward: lanes))
            roads.append(RoadSpec(id: "he\(r)", from: id(r, cols - 1), to: "be\(r)", lanesForward: lanes))
            for c in 0..<(cols - 1) { roads.append(RoadSpec(id: "h\(r)-\(c)", from: id(r, c), to: id(r, c + 1), lanesForward: lanes)) }
        }
        for c in 0..<cols {
            js.append(JunctionSpec(id: "bn\(c)", at: at(north: spacing, east: Double(c) * spacing), control: .boundary))
            js.append(JunctionSpec(id: "bs\(c)", at: at(north: -Double(rows) * spacing, east: Double(c) * spacing), control: .boundary))
            roads.append(RoadSpec(id: "vn\(c)", from: "bn\(c)", to: id(0, c), lanesForward: lanes))
            roads.append(RoadSpec(id: "vs\(c)", from: id(rows - 1, c), to: "bs\(c)", lanesForward: lanes))
            for r in 0..<(rows - 1) { roads.append(RoadSpec(id: "v\(r)-\(c)", from: id(r, c), to: id(r + 1, c), lanesForward: lanes)) }
        }
        return MapSpec(id: "grid", junctions: js, roads: roads)
    }

    static let paramsPath = SpecPath.root.key("strategies").index(0).key("params")

    /// Parameters as a scenario would give them (numbers in the default unit).
    static func params(_ values: [(String, StrategyParam.Value)]) -> [StrategyParam] {
        values.map { StrategyParam(key: $0.0, value: $0.1, path: paramsPath.key($0.0)) }
    }

    /// The controllers of `strategy` for every signalised junction of `setup`.
    static func controllers(_ strategy: String, _ params: [StrategyParam] = [], setup: SimulationSetup) throws
        -> (controllers: [any SignalController], inputs: [(junction: String, key: String, value: Double, note: String)],
            parameters: [(key: String, value: String)]) {
        try ControllerRegistry.controllers(strategy: strategy, params: params, paramsPath: paramsPath,
                                           controllerPath: SpecPath.root.key("strategies").index(0).key("controller"),
                                           setup: setup, controlled: setup.network.signalisedJunctions)
    }

    /// An observation of `n` movements with the given readings (zeros and `.infinity` otherwise).
    static func observation(n: Int, now: Double, phase: Int, elapsed: Double, queued: [Int]? = nil,
                            approaching: [Int]? = nil, since: [Double]? = nil, queuedPCU: [Double]? = nil,
                            downstream: [Double]? = nil, saturation: Double = 1800, minGreen: Double = 7) -> SignalObservation {
        var o = SignalObservation()
        o.now = now; o.currentPhase = phase; o.greenElapsed = elapsed
        // As the core fills it: the green's start plus the minimum green (now before the first green).
        o.earliestSwitch = phase < 0 ? now : now - elapsed + minGreen
        o.queuedVehicles = queued ?? Array(repeating: 0, count: n)
        o.queuedPCU = queuedPCU ?? o.queuedVehicles.map(Double.init)
        o.approachingVehicles = approaching ?? Array(repeating: 0, count: n)
        o.approachingPCU = o.approachingVehicles.map(Double.init)
        o.secondsSinceDetection = since ?? Array(repeating: .infinity, count: n)
        o.downstreamPCU = downstream ?? Array(repeating: 0, count: n)
        o.downstreamStoragePCU = Array(repeating: 100, count: n)
        o.saturationFlow = Array(repeating: saturation, count: n)
        return o
    }
}
