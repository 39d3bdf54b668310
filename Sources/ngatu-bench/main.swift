import Foundation
import NgaTuCore
import NgaTuFormats

// `make bench`: speed and memory of the simulation core on grids of signalised junctions,
// one simulated hour of busy demand, beside a bare event loop of the same number of events.
// `ngatu-bench N…` runs only the N×N grids, `--compare-cases [NAME…]` the scenario cases of
// `make compare`, and `--repeat N` times every case N times (minimum and median). `--no-bare`
// skips the bare loop (`make bench-check` counts the simulation's instructions alone).

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

/// A bare event loop: pops and inserts of `n` events of the simulator's size on the simulator's
/// own event queue (`bareEventLoop` in the core), with as many events pending as the simulator
/// had at its peak, and nothing else.
func bareLoop(events n: Int, pending: Int) -> Double {
    var checksum: Int64 = 0
    let t = wallSeconds { checksum = bareEventLoop(events: n, pending: pending) }
    if checksum == 42 { print("") }
    return t
}

/// A weekday in a Vietnamese city: quiet nights, a morning peak at 07:00, an afternoon peak at
/// 17:00 (multipliers of the peak-hour rate; an estimate for the benchmark, not data).
let dailyProfile: [(time: Double, factor: Double)] = [
    (0, 0.08), (5 * 3600, 0.15), (6 * 3600, 0.6), (7 * 3600, 1.0), (8.5 * 3600, 0.7), (11 * 3600, 0.6),
    (13 * 3600, 0.5), (16 * 3600, 0.8), (17 * 3600, 1.0), (18.5 * 3600, 0.7), (21 * 3600, 0.4), (24 * 3600, 0.1),
]

/// One benchmark case: a network with its demand, run once with the map's fixed-time plans.
struct Case {
    var name: String
    var network: Network
    var demand: DemandSpec
    var classes: [VehicleClass] = VehicleClass.canThoDefault
    var duration: Double
    var warmup: Double = 600
    var seed: UInt64 = 1
    /// The scenario's model (the full map's scenarios yield at priority junctions).
    var model = ModelParameters()
}

/// Timed runs per case (`--repeat N`): the line reports the minimum wall time, and the median
/// beside it, since wall times on a shared machine vary from run to run.
let repeats: Int = {
    let a = Array(CommandLine.arguments.dropFirst())
    guard let i = a.firstIndex(of: "--repeat"), i + 1 < a.count, let n = Int(a[i + 1]), n > 0 else { return 1 }
    return n
}()

/// Times `repeats` runs of `c` (the simulation's init and run) and prints its line.
func measure(_ c: Case) throws {
    let setup = try SimulationSetup(network: c.network, model: c.model, classes: c.classes, demand: c.demand,
                                    timing: RunTiming(duration: c.duration, warmup: c.warmup))
    let controllers: [any SignalController] = c.network.programs.map { FixedTimeController(plan: .init($0)) }
    let before = memoryKB().current
    var result: RunResult? = nil
    var walls: [Double] = []
    for _ in 0..<repeats {
        walls.append(wallSeconds {
            var sim = Simulation(setup: setup, seed: c.seed, controllers: controllers)
            result = sim.run()
        })
    }
    walls.sort()
    let wall = walls[0]
    let r = result!
    let mem = memoryKB()
    let bare = noBare ? 0 : bareLoop(events: r.counters.events, pending: max(1, r.counters.peakPendingEvents))
    let bareText = noBare ? "no bare loop" : String(format: "bare queue loop %.3f s (simulator/bare %.1f×)", bare, wall / bare)
    let grown = Double(max(0, mem.peak - before)) * 1024
    let runs = repeats > 1 ? String(format: " (minimum of %d runs; median %.3f s)", repeats, walls[walls.count / 2]) : ""
    print(String(format: "%@: %d signalised junctions, %d vehicles, %d events in %.3f s wall%@: %.2f M events/s, %.0f vehicles/s, real-time ×%.0f; peak in network %d; peak RSS %.1f MB (grew %.1f MB, ≈%.0f B per vehicle in network); %@; mean delay %.1f s, finished %d",
                 c.name, c.network.programs.count, r.counters.generated, r.counters.events, wall, runs,
                 Double(r.counters.events) / wall / 1e6, Double(r.counters.generated) / wall, c.duration / wall,
                 r.counters.peakVehiclesInNetwork, Double(mem.peak) / 1024, grown / 1_048_576,
                 grown / Double(max(1, r.counters.peakVehiclesInNetwork)), bareText,
                 r.summary.meanDelay, r.counters.finished))
}

/// A scenario file's own map, demand, duration and warm-up at demand × 1, timed under the
/// case name `make compare` uses (its other engines run the same exported case).
func scenarioCase(_ name: String, file: String) throws -> Case? {
    guard FileManager.default.fileExists(atPath: file) else { return nil }
    let doc = try ScenarioReader.read(file: file)
    return Case(name: "scenario \(name)", network: try NetworkBuilder.build(doc.map.spec), demand: doc.spec.demand,
                classes: doc.spec.vehicles, duration: doc.spec.duration, warmup: doc.spec.warmup, seed: doc.spec.seed,
                model: doc.spec.model)
}

/// The flagship scenario's map and demand (at `scale`), or nil when the files are not here.
func ninhKieu(scale: Double, day: Bool) throws -> Case? {
    let path = "scenarios/ninh-kieu-am-peak.yaml"
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let doc = try ScenarioReader.read(file: path)
    var demand = doc.spec.demand
    demand.scale = scale
    demand.profile = day ? dailyProfile : []
    return Case(name: "ninh-kieu ×\(scale), \(day ? "24 h" : "1 h")", network: try NetworkBuilder.build(doc.map.spec),
                demand: demand, classes: doc.spec.vehicles, duration: day ? 86_400 : 3600)
}

/// `--no-bare`: no bare loop after each case.
let noBare = CommandLine.arguments.contains("--no-bare")

var args = Array(CommandLine.arguments.dropFirst())
if let i = args.firstIndex(of: "--repeat") { args.removeSubrange(i..<min(i + 2, args.count)) }
if args.contains("--compare-cases") {
    // The scenario cases of `make compare`, release build, wall time of the simulation alone;
    // `--compare-cases ninh-kieu` runs only the cases named after the flag.
    let named = Set(args.filter { !$0.hasPrefix("--") })
    for (name, file) in [("isolated-junction", "scenarios/isolated-junction.yaml"), ("ninh-kieu", "scenarios/ninh-kieu-am-peak.yaml"),
                         ("grid-10x10-cars", "bench/compare/grid-10x10-cars.yaml")]
        where named.isEmpty || named.contains(name) {
        if let c = try scenarioCase(name, file: file) { try measure(c) }
    }
    exit(0)
}
let day = args.contains("--day")
let sizes = args.compactMap { Int($0) }
for n in sizes.isEmpty ? [5, 10, 20, 40] : sizes {
    let demand = DemandSpec(arrivals: .poisson, flows: SyntheticMaps.gridDemand(rows: n, cols: n, rate: 800),
                            profile: day ? dailyProfile : [])
    try measure(Case(name: "grid \(n)×\(n)\(day ? ", 24 h" : ", 1 h")", network: try NetworkBuilder.build(SyntheticMaps.grid(rows: n, cols: n)),
                     demand: demand, duration: day ? 86_400 : 3600))
}
if sizes.isEmpty || args.contains("--ninh-kieu") {
    // The busy hour at the flagship's demand, that demand over a day with the daily profile,
    // and the weekday scenario: through and local traffic, about 530,000 trips.
    for (scale, isDay) in [(1.0, false), (1.0, true)] {
        if let c = try ninhKieu(scale: scale, day: isDay) { try measure(c) }
    }
    if let c = try scenarioCase("ninh-kieu-weekday", file: "scenarios/ninh-kieu-weekday.yaml") { try measure(c) }
    // The full network (588 junctions, yielding) with the flagship's through flows, 90 min.
    if let c = try scenarioCase("ninh-kieu-full-am-peak", file: "scenarios/ninh-kieu-full-am-peak.yaml") { try measure(c) }
    // The full network's weekday: trips from side-street zones, the market, the university, the
    // bus station and the bridge heads, plus the through flows, over 24 h (the "realistic day").
    if let c = try scenarioCase("ninh-kieu-full-weekday", file: "scenarios/ninh-kieu-full-weekday.yaml") { try measure(c) }
}
