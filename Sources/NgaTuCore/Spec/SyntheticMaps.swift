import Foundation

/// Maps made in code: grids for benchmarks and tests, placed around a point in Cần Thơ.
public enum SyntheticMaps {
    public static let centre = LatLon(10.03, 105.77)

    /// A point `north` and `east` metres from `centre`.
    public static func offset(north: Double, east: Double) -> LatLon {
        let dLat = north / 111_195.0
        let dLon = east / (111_195.0 * cos(centre.lat * .pi / 180))
        return LatLon(centre.lat + dLat, centre.lon + dLon)
    }

    /// A `rows` × `cols` grid of signalised junctions `spacing` metres apart (default two-phase
    /// plans), two-way roads, and a boundary at both ends of every row and column.
    public static func grid(rows: Int, cols: Int, spacing: Double = 250, lanes: Int = 2, speedKmh: Double = 40) -> MapSpec {
        var js: [JunctionSpec] = [], roads: [RoadSpec] = []
        func id(_ r: Int, _ c: Int) -> String { "j\(r)-\(c)" }
        func road(_ id: String, _ a: String, _ b: String) -> RoadSpec {
            RoadSpec(id: id, from: a, to: b, lanesForward: lanes, speedKmh: speedKmh)
        }
        for r in 0..<rows { for c in 0..<cols {
            js.append(JunctionSpec(id: id(r, c), at: offset(north: -Double(r) * spacing, east: Double(c) * spacing), control: .signal))
        } }
        for r in 0..<rows {
            js.append(JunctionSpec(id: "bw\(r)", at: offset(north: -Double(r) * spacing, east: -spacing), control: .boundary))
            js.append(JunctionSpec(id: "be\(r)", at: offset(north: -Double(r) * spacing, east: Double(cols) * spacing), control: .boundary))
            roads.append(road("hw\(r)", "bw\(r)", id(r, 0)))
            roads.append(road("he\(r)", id(r, cols - 1), "be\(r)"))
            for c in 0..<(cols - 1) { roads.append(road("h\(r)-\(c)", id(r, c), id(r, c + 1))) }
        }
        for c in 0..<cols {
            js.append(JunctionSpec(id: "bn\(c)", at: offset(north: spacing, east: Double(c) * spacing), control: .boundary))
            js.append(JunctionSpec(id: "bs\(c)", at: offset(north: -Double(rows) * spacing, east: Double(c) * spacing), control: .boundary))
            roads.append(road("vn\(c)", "bn\(c)", id(0, c)))
            roads.append(road("vs\(c)", id(rows - 1, c), "bs\(c)"))
            for r in 0..<(rows - 1) { roads.append(road("v\(r)-\(c)", id(r, c), id(r + 1, c))) }
        }
        return MapSpec(id: "grid-\(rows)x\(cols)", title: "Synthetic \(rows)×\(cols) grid", junctions: js, roads: roads)
    }

    /// Busy demand on a grid: every row and column end to end in both directions at `rate`
    /// veh/h, plus diagonal flows from each north boundary to an east boundary.
    public static func gridDemand(rows: Int, cols: Int, rate: Double) -> [FlowSpec] {
        var flows: [FlowSpec] = []
        for r in 0..<rows {
            flows.append(FlowSpec(from: "bw\(r)", to: "be\(r)", rate: rate))
            flows.append(FlowSpec(from: "be\(r)", to: "bw\(r)", rate: rate))
        }
        for c in 0..<cols {
            flows.append(FlowSpec(from: "bn\(c)", to: "bs\(c)", rate: rate))
            flows.append(FlowSpec(from: "bs\(c)", to: "bn\(c)", rate: rate))
            flows.append(FlowSpec(from: "bn\(c)", to: "be\((c * 7 + 3) % rows)", rate: rate / 4))
        }
        return flows
    }
}
