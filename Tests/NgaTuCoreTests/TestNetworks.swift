import NgaTuCore

/// Small networks built in code for the core's tests.
enum TestNetworks {
    static let centre = LatLon(10.03, 105.77)

    /// A point `north` and `east` metres from the centre.

    static func offset(north: Double, east: Double) -> LatLon {
        let dLat = north / 111_195.0
        let dLon = east / (111_195.0 * cos(centre.lat * .pi / 180))
        return LatLon(centre.lat + dLat, centre.lon + dLon)
    }

    /// One signalised crossroads `c` with boundaries `n`, `e`, `s`, `w` at `arm` metres.
    static func crossroads(arm: Double = 300, lanes: Int = 1, speed: Double = 40, green: Double = 25,
                           greenEW: Double? = nil, plan: Bool = true, control: JunctionControl = .signal) -> MapSpec {
        let j = [
            JunctionSpec(id: "c", name: "Centre", at: centre, control: control),
            JunctionSpec(id: "n", at: offset(north: arm, east: 0), control: .boundary),
            JunctionSpec(id: "e", at: offset(north: 0, east: arm), control: .boundary),
            JunctionSpec(id: "s", at: offset(north: -arm, east: 0), control: .boundary),
            JunctionSpec(id: "w", at: offset(north: 0, east: -arm), control: .boundary),
        ]
        let roads = ["n", "e", "s", "w"].map {
            RoadSpec(id: "r-\($0)", from: $0, to: "c", lanesForward: lanes, speedKmh: speed, lengthM: arm)
        }
        let ew = greenEW ?? green
        let signals = plan && control == .signal ? [SignalPlanSpec(
            junction: "c", cycle: green + ew + 10, offset: 0, yellow: 3, allRed: 2,
            phases: [PhaseSpec(name: "N-S", green: green, allow: ["N", "S"]),
                     PhaseSpec(name: "E-W", green: ew, allow: ["E", "W"])])] : []
        return MapSpec(id: "crossroads", title: "Test crossroads", junctions: j, roads: roads, signals: signals)
    }

    static func grid(rows: Int, cols: Int, spacing: Double = 250, lanes: Int = 2) -> MapSpec {
        SyntheticMaps.grid(rows: rows, cols: cols, spacing: spacing, lanes: lanes)
    }

    /// Fixed-time controllers from the network's own plans.
    static func fixedControllers(_ net: Network) -> [any SignalController] {
        net.programs.map { FixedTimeController(plan: .init($0)) }
    }
}

import Foundation
