public import Foundation
public import NgaTuCore
public import NgaTuFormats
import NgaTuResults
import NgaTuRunner

/// Writes a scenario (one sweep point, one replication seed) as SUMO plain XML, so the same
/// network, signal plans and demand can be run in SUMO (and, through the `.ngatu.json`
/// summary, in UXsim) to cross-validate the queue model. See bench/compare/README.md.
///
/// Files written into the directory, all named after `name`:
/// - `NAME.nod.xml`: junctions at metres east/north of the map's centre (`traffic_light` for
///   signalised, `priority` for priority and plain junctions, `dead_end` for boundaries);
/// - `NAME.edg.xml`: one edge per directed segment (`d304-1`, `d304-1~r`), lanes, m/s, length;
/// - `NAME.con.xml`: lane-to-lane connections, exactly our movements (banned turns and U-turns
///   absent);
/// - `NAME.tll.xml`: fixed-time `tlLogic` programs (greens, yellow, all-red, offset) and the
///   `connection` elements that give every controlled connection its link index, so the state
///   strings do not depend on how netconvert would have numbered them;
/// - `NAME.rou.xml`: vehicle types, the mix as `vTypeDistribution`s, routes our `Router` chose,
///   and every vehicle our simulator generates for the export's seed (`<vehicle>` with its
///   departure; `Options.departures = .flows`: SUMO flows at our rates instead);
/// - `NAME.netccfg` (`netconvert -c`), `NAME.sumocfg` (`sumo -c`), and `NAME.ngatu.json`:
///   the same network, plans and demand in plain JSON for other engines (UXsim).
public enum SUMOExporter {
    /// The files of an export named NAME are NAME followed by these, in the order written;
    /// the last, `.ngatu.json`, marks a folder as an export.
    public static let fileSuffixes = [".nod.xml", ".edg.xml", ".meso.edg.xml", ".con.xml", ".tll.xml", ".meso.tll.xml",
                                      ".rou.xml", ".netccfg", ".meso.netccfg", ".sumocfg", ".ngatu.json"]

    /// Why the entries of a folder are not all files of earlier exports (nil when they are):
    /// a folder is replaced by a new export only then.
    public static func foreignEntry(_ entries: [String]) -> String? {
        let marker = ".ngatu.json"
        let names = entries.filter { $0.hasSuffix(marker) }.map { String($0.dropLast(marker.count)) }
        guard !names.isEmpty else { return "holds no NAME.ngatu.json of an earlier export" }
        let own = Set(names.flatMap { n in fileSuffixes.map { n + $0 } })
        return entries.first { !own.contains($0) }.map { "holds \($0), which ngatu did not write" }
    }

    /// Export options that are not part of a scenario.
    public struct Options: Sendable {
        /// SUMO's step (s); nil: the largest of 0.5, 0.25, 0.2, 0.1 s not above the shortest
        /// vehicle type's tau (0.25 s for the Cần Thơ mix).
        public var stepLength: Double? = nil
        /// A flow under a demand profile is cut into slices of this length (s), each at the
        /// profile's mean rate over the slice.
        public var profileSlice: Double = 300
        /// How the demand is written for SUMO.
        public var departures: Departures = .vehicles
        public init() {}
    }

    /// How the export writes the demand.
    public enum Departures: String, Sendable {
        /// Every vehicle our simulator generates for the export's run seed
        /// (`SimulationSetup.departures(runSeed:)`): one `<vehicle>` each in `NAME.rou.xml` with
        /// its scheduled departure, class and route, and the same list in `NAME.ngatu.json`, so
        /// that every engine runs exactly our vehicles (a like-for-like comparison).
        case vehicles
        /// SUMO `<flow>`s at our rates (`period="exp(λ)"` for Poisson arrivals): SUMO and UXsim
        /// draw their own departures, so totals differ by sampling noise.
        case flows
    }

    public enum ExportError: Error, CustomStringConvertible {
        case sweepIndexOutOfRange(Int, count: Int)
        case invalid(String)
        public var description: String {
            switch self {
            case .sweepIndexOutOfRange(let i, let n): return "sweep index \(i) is out of range (the scenario has \(n) sweep points)"
            case .invalid(let m): return m
            }
        }
    }

    /// Exports sweep point `sweepIndex` (in run order: `ScenarioSpec.expandedSweep`) of a
    /// scenario, with the run seed of `replication` (from 1, as in runs.csv: `SeedRule.runSeed`).
    /// Returns the file names written, relative to `directory`.
    @discardableResult
    public static func export(scenario doc: ScenarioDocument, sweepIndex: Int = 0, replication: Int = 1,
                              to directory: URL, options: Options = Options()) throws -> [String] {
        let spec = doc.spec
        let points = spec.expandedSweep.points
        guard sweepIndex >= 0 && sweepIndex < points.count else {
            throw ExportError.sweepIndexOutOfRange(sweepIndex, count: points.count)
        }
        let point = points[sweepIndex]
        let demand = spec.demand(at: point)
        var notes: [String] = []
        for (key, value) in zip(point.keys, point.values) where key != Sweep.demandScaleKey {
            notes.append("sweep key \(key) = \(num(value, 4)) is not represented in the export")
        }
        return try export(map: doc.map.spec, demand: demand, classes: spec.vehicles, model: spec.model,
                          timing: RunTiming(duration: spec.duration, warmup: spec.warmup),
                          incidents: spec.events, seed: SeedRule.runSeed(scenarioSeed: spec.seed, replication: replication),
                          name: spec.id, to: directory, options: options, notes: notes)
    }

    /// Exports a map and demand given directly (e.g. `SyntheticMaps.grid` with `gridDemand`).
    @discardableResult
    public static func export(map: MapSpec, demand: DemandSpec,
                              classes: [VehicleClass] = VehicleClass.canThoDefault,
                              model: ModelParameters = ModelParameters(), timing: RunTiming,
                              incidents: [IncidentSpec] = [], seed: UInt64 = 1, name: String,
                              to directory: URL, options: Options = Options(), notes: [String] = []) throws -> [String] {
        let network = try NetworkBuilder.build(map)
        let setup = try SimulationSetup(network: network, model: model, classes: classes, demand: demand,
                                        incidents: incidents, timing: timing)
        var allNotes = notes
        if !incidents.isEmpty {
            allNotes.append("\(incidents.count) event(s) (capacity changes, closures) are not exported")
        }
        // SUMO's capacity comes from lanes × the vTypes' headways (the model's saturation flow
        // per lane); a road's own saturation flow or width-based capacity has no SUMO equivalent.
        let own = (0..<network.segmentCount).filter { network.segmentSaturationFlow[$0] > 0 || network.segmentWidth[$0] > 0 }
        if !own.isEmpty {
            allNotes.append("\(own.count) segment(s) have their own saturation flow or a width-based capacity "
                            + "(e.g. \(network.segmentIDs[own[0]])); in SUMO every lane has the model's "
                            + "\(num(model.saturationFlow)) PCU/h")
        }
        let model = SUMOModel(map: map, setup: setup, seed: seed, name: name, options: options, notes: allNotes)
        return try model.write(to: directory)
    }
}
