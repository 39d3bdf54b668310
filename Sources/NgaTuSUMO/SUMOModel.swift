import Foundation
import NgaTuCore

/// Everything the SUMO files need, derived once from the network and the setup: projected
/// positions, lane-level connections of every movement, and link indices of signalised
/// junctions. Writers in the `SUMOModel+…` files turn it into text.
struct SUMOModel {
    let map: MapSpec
    let setup: SimulationSetup
    let seed: UInt64
    let name: String
    let options: SUMOExporter.Options
    let notes: [String]
    var network: Network { setup.network }

    /// Metres east/north of the mean of the junctions (the same origin as the network builder).
    let projection: LocalProjection
    /// One lane-to-lane connection of a movement.
    struct LaneConnection { var movement: Int; var fromLane: Int; var toLane: Int }
    /// Per incoming segment, its lane connections (movements right to left, then lanes).
    let connections: [[LaneConnection]]
    /// Per signal program: the lane connections it controls, in link-index order.
    let links: [[LaneConnection]]
    /// Per segment, lanes SUMO gets beyond ours: 1 where a left turn has a lane of its own
    /// (`laneConnections`), else 0.
    let extraLanes: [Int]
    /// Every vehicle our simulator generates with `seed` (empty when the export writes flows).
    let departures: [Departure]

    init(map: MapSpec, setup: SimulationSetup, seed: UInt64, name: String,
         options: SUMOExporter.Options, notes: [String]) {
        self.map = map; self.setup = setup; self.seed = seed; self.name = name
        self.options = options; self.notes = notes
        departures = options.departures == .vehicles ? setup.departures(runSeed: seed) : []
        let net = setup.network
        let n = Double(max(net.junctionCount, 1))
        projection = LocalProjection(origin: LatLon(net.junctionPositions.reduce(0) { $0 + $1.lat } / n,
                                                    net.junctionPositions.reduce(0) { $0 + $1.lon } / n))
        let signature = SUMOModel.signalSignatures(net)
        var conns: [[LaneConnection]] = []
        for s in 0..<net.segmentCount {
            conns.append(SUMOModel.laneConnections(of: s, network: net, projection: projection, map: map,
                                                   signature: signature))
        }
        connections = conns
        extraLanes = (0..<net.segmentCount).map { s in
            conns[s].contains { $0.fromLane >= Int(net.segmentLanes[s]) } ? 1 : 0
        }
        links = net.programs.map { program in
            program.movements.flatMap { m in conns[Int(net.movementFrom[Int(m)])].filter { $0.movement == Int(m) } }
        }
    }

    /// Polyline of a segment in its direction of travel, junction positions included.
    static func polyline(of s: Int, network net: Network, map: MapSpec) -> [LatLon] {
        let road = map.roads[Int(net.segmentRoad[s])]
        var line = road.shape
        let a = net.junctionPositions[Int(net.junctionIndexByID[road.from]!)]
        let b = net.junctionPositions[Int(net.junctionIndexByID[road.to]!)]
        if line.first != a { line.insert(a, at: 0) }
        if line.last != b { line.append(b) }
        return net.segmentIDs[s].hasSuffix("~r") ? line.reversed() : line
    }

    /// Direction of travel (degrees ccw from east) where a segment leaves its upstream junction.
    static func leavingAngle(_ s: Int, network net: Network, projection: LocalProjection, map: MapSpec) -> Double {
        let line = polyline(of: s, network: net, map: map)
        let p0 = projection.xy(line[0])
        for p in line.dropFirst() {
            let q = projection.xy(p)
            if abs(q.x - p0.x) + abs(q.y - p0.y) > 0.5 { return atan2(q.y - p0.y, q.x - p0.x) * 180 / .pi }
        }
        return 0
    }

    /// Per movement, how its signal shows it in each phase of its junction's program (0 red,
    /// 1 permitted green, 2 protected green); empty for unsignalised movements.
    static func signalSignatures(_ net: Network) -> [[UInt8]] {
        var out = [[UInt8]](repeating: [], count: net.movementCount)
        for program in net.programs {
            for m in program.movements {
                out[Int(m)] = program.phases.map { ph in
                    guard let k = ph.movements.firstIndex(of: m) else { return 0 }
                    return ph.permitted[k] ? 1 : 2
                }
            }
        }
        return out
    }

    /// Lane connections of the movements out of segment `s`. Lane 0 is the rightmost (SUMO).
    /// Through movements use every lane; turns to the right of them leave from lane 0, turns
    /// to the left from the leftmost lane (shared lanes, as on most Cần Thơ roads). Without a
    /// through movement, movements spread over the lanes right to left.
    ///
    /// A left turn (or U-turn) whose signal differs from the through movement's (permitted
    /// while the through is protected, or green in other phases) gets one extra lane of its
    /// own, left of ours: in the queue model each movement has its own queue, so a left turner
    /// waiting for a gap holds no one up, while in a shared SUMO lane it blocks every vehicle
    /// behind it (measured on Ninh Kiều: −10.7 % finished on routes with a permitted left).
    /// Not where the map says the approach has no left-turn bay (`left_bay: false`): there the
    /// left turners share the leftmost lane in SUMO as in ours.
    static func laneConnections(of s: Int, network net: Network, projection: LocalProjection,
                                map: MapSpec, signature: [[UInt8]]) -> [LaneConnection] {
        let lo = Int(net.movementStart[s]), hi = Int(net.movementStart[s + 1])
        guard hi > lo else { return [] }
        let heading = net.approachAngle[s] + 180
        func delta(_ m: Int) -> Double {
            var d = (leavingAngle(Int(net.movementTo[m]), network: net, projection: projection, map: map) - heading)
                .truncatingRemainder(dividingBy: 360)
            if d <= -180 { d += 360 }
            if d > 180 { d -= 360 }
            return d
        }
        // Right to left; ties by movement index.
        let ms = (lo..<hi).map { ($0, delta($0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        let n = Int(net.segmentLanes[s])
        let throughPos = ms.enumerated().filter { net.movementTurn[$0.element] == .through }.map(\.offset)
        func ownLane(_ k: Int) -> Bool {
            let m = ms[k]
            guard net.segmentLeftBay[s], let last = throughPos.last, k > last, !signature[m].isEmpty,
                  net.movementTurn[m] == .left || net.movementTurn[m] == .uturn else { return false }
            return signature[m] != signature[ms[last]]
        }
        var out: [LaneConnection] = []
        for (k, m) in ms.enumerated() {
            let toLanes = Int(net.segmentLanes[Int(net.movementTo[m])])
            let fromLanes: [Int]
            if ownLane(k) {
                fromLanes = [n]
            } else if n == 1 {
                fromLanes = [0]
            } else if ms.count == 1 || net.movementTurn[m] == .through {
                fromLanes = Array(0..<n)
            } else if let first = throughPos.first {
                fromLanes = k < first ? [0] : [n - 1]
            } else {
                fromLanes = [Int((Double(k) * Double(n - 1) / Double(ms.count - 1)).rounded())]
            }
            for l in fromLanes {
                let toLane: Int
                switch net.movementTurn[m] {
                case .right: toLane = 0
                case .left, .uturn: toLane = toLanes - 1
                case .through: toLane = min(l, toLanes - 1)
                }
                out.append(LaneConnection(movement: m, fromLane: l, toLane: toLane))
            }
        }
        return out
    }

    /// Writes every file; returns their names.
    func write(to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let texts = [nodesXML(), edgesXML(), mesoEdgesXML(), connectionsXML(), trafficLightsXML(),
                     mesoTrafficLightsXML(), routesXML(), netconvertConfig(), netconvertConfig(meso: true),
                     sumoConfig(), try summaryJSON()]
        let files = zip(SUMOExporter.fileSuffixes.map { name + $0 }, texts).map { ($0, $1) }
        for (file, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(file), options: .atomic)
        }
        return files.map(\.0)
    }

    /// The header comment of every file.
    func header(_ x: inout XMLText, _ what: String) {
        x.comment("Ngã Tư export for SUMO: \(what). Map \(network.id), scenario \(name), seed \(seed).")
        if !network.attribution.isEmpty { x.comment(network.attribution) }
        for note in notes { x.comment("Note: \(note)") }
    }
}
