import Foundation
import HeapModule
import NgaTuCore

// `make bench`: speed and memory of the simulation core on grids of signalised junctions,
// one simulated hour of busy demand, beside a bare event loop of the same number of events.

/// Peak and current resident memory (kB) from /proc/self/status.
func memoryKB() -> (peak: Int, current: Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    var peak = 0, cur = 0
    for line in text.split(separator: "\n") {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if line.hasPrefix("VmHWM:"), parts.count > 1 { peak = Int(parts[1]) ?? 0 }
        if line.hasPrefix("VmRSS:"), parts.count > 1 { cur = Int(parts[1]) ?? 0 }
    }
    return (peak, cur)
}

func wallSeconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

/// A bare event loop: heap insert and pop of `n` events of the simulator's size, with a
/// pending population like the simulator's, and nothing else.
struct BareEvent: Comparable {
    var time: Int64, order: UInt64, target: Int32, version: UInt32
    static func < (a: Self, b: Self) -> Bool { a.time < b.time || (a.time == b.time && a.order < b.order) }
}

func bareLoop(events n: Int, pending: Int) -> Double {
    var heap = Heap<BareEvent>()
    var x: UInt64 = 88172645463325252
    @inline(__always) func next() -> UInt64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
    for i in 0..<pending { heap.insert(BareEvent(time: Int64(next() % 60_000_000), order: UInt64(i), target: 0, version: 0)) }
    var checksum: Int64 = 0
    let t = wallSeconds {
        var seq = UInt64(pending)
        for _ in 0..<n {
            let e = heap.popMin()!
            checksum &+= e.time
            seq += 1
            heap.insert(BareEvent(time: e.time + Int64(next() % 30_000_000), order: seq, target: e.target, version: 0))
        }
    }
    if checksum == 42 { print("") }
    return t
}

struct Row { var name: String; var junctions: Int; var vehicles: Int; var events: Int; var wall: Double; var simulated: Double
    var peakKB: Int; var bytesPerVehicle: Double; var peakInNetwork: Int; var bare: Double }

/// A weekday in a Vietnamese city: quiet nights, a morning peak at 07:00, an afternoon peak at
/// 17:00 (multipliers of the peak-hour rate; an estimate for the benchmark, not data).
let dailyProfile: [(time: Double, factor: Double)] = [
    (0, 0.08), (5 * 3600, 0.15), (6 * 3600, 0.6), (7 * 3600, 1.0), (8.5 * 3600, 0.7), (11 * 3600, 0.6),
    (13 * 3600, 0.5), (16 * 3600, 0.8), (17 * 3600, 1.0), (18.5 * 3600, 0.7), (21 * 3600, 0.4), (24 * 3600, 0.1),
]

var rows: [Row] = []
let args = Array(CommandLine.arguments.dropFirst())
let day = args.contains("--day")
let sizes = args.compactMap { Int($0) }
for n in sizes.isEmpty ? [5, 10, 20, 40] : sizes {
    let map = SyntheticMaps.grid(rows: n, cols: n)
    let net = try NetworkBuilder.build(map)
    let duration = day ? 86_400.0 : 3600
    let demand = DemandSpec(arrivals: .poisson, flows: SyntheticMaps.gridDemand(rows: n, cols: n, rate: 800),
                            profile: day ? dailyProfile : [])
    let setup = try SimulationSetup(network: net, demand: demand, timing: RunTiming(duration: duration, warmup: 600))
    let controllers: [any SignalController] = net.programs.map { FixedTimeController(plan: .init($0)) }
    let before = memoryKB().current
    var result: RunResult? = nil
    let wall = wallSeconds {
        var sim = Simulation(setup: setup, seed: 1, replication: 0, controllers: controllers)
        result = sim.run()
    }
    let r = result!
    let mem = memoryKB()
    let bare = bareLoop(events: r.counters.events, pending: max(1000, r.counters.peakVehiclesInNetwork))
    rows.append(Row(name: "grid \(n)×\(n)\(day ? ", 24 h" : ", 1 h")", junctions: n * n, vehicles: r.counters.generated, events: r.counters.events,
                    wall: wall, simulated: duration, peakKB: mem.peak,
                    bytesPerVehicle: Double(max(0, mem.peak - before)) * 1024 / Double(max(1, r.counters.peakVehiclesInNetwork)),
                    peakInNetwork: r.counters.peakVehiclesInNetwork, bare: bare))
    let x = rows.last!
    print(String(format: "%@: %d junctions, %d vehicles, %d events in %.3f s wall: %.2f M events/s, %.0f vehicles/s, real-time ×%.0f; peak in network %d; peak RSS %.1f MB (≈%.0f B per vehicle in network); bare heap loop %.3f s (simulator/bare %.1f×); mean delay %.1f s, finished %d",
                 x.name, x.junctions, x.vehicles, x.events, x.wall, Double(x.events) / x.wall / 1e6, Double(x.vehicles) / x.wall,
                 x.simulated / x.wall, x.peakInNetwork, Double(x.peakKB) / 1024, x.bytesPerVehicle, x.bare, x.wall / x.bare,
                 r.summary.meanDelay, r.counters.finished))
}
