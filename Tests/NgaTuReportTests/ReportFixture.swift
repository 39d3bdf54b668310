import Foundation
import NgaTuResults

/// A hand-made set of results: three strategies, three replications, a demand sweep
/// [0.8, 1.0, 1.2], a small map around Nguyễn Văn Cừ – 30 Tháng 4 with one junction named
/// like an attack, junction rows, time series, timings and two incidents.
enum ReportFixture {
    static let hostileName = "<script>alert(1)</script>"
    static let strategies = ["fixed", "webster", "max-pressure"]
    static let scales = [0.8, 1.0, 1.2]
    static let seeds = [2026, 2027, 2028]

    static func point(_ scale: Double) -> SweepPoint { .demandScale(scale) }

    static func meta(strategies: [String] = strategies, scales: [Double] = scales,
                     replications: Int = 3) -> RunMeta {
        RunMeta(scenarioID: "ninh-kieu-am-peak", scenarioHash: "9f2c4e1ab7d3", title: "Ninh Kiều, morning peak",
                question: "Which timing cuts delay at the Nguyễn Văn Cừ – 30 Tháng 4 corridor?", language: "vi",
                mapID: "ninh-kieu-centre", mapAttribution: "© OpenStreetMap contributors, ODbL",
                seed: 2026, seeds: Array(seeds.prefix(replications)), replications: replications,
                softwareVersion: "0.1.0-test", startedAt: "2026-11-28T10:00:00Z", finishedAt: "2026-11-28T10:04:12Z",
                strategies: strategies.map { name in
                    switch name {
                    case "fixed": StrategyMeta(name: name, controller: "fixed-time")
                    case "max-pressure": StrategyMeta(name: name, controller: "max-pressure",
                                                      parameters: [MetaEntry("interval", "5 s"), MetaEntry("min_green", "7 s")])
                    default: StrategyMeta(name: name, controller: name)
                    }
                },
                baseline: strategies[0],
                sweep: Sweep(keys: ["demand_scale"], points: scales.map(point)),
                properties: [MetaEntry("duration_s", "3600"), MetaEntry("warmup_s", "900"),
                             MetaEntry("map_title", "Ninh Kiều centre, Cần Thơ"), MetaEntry("period", "06:00–07:00"),
                             MetaEntry("demand_veh_h", "4800"), MetaEntry("arrivals", "poisson")])
    }

    /// Mean delay (s/veh) of a strategy at a demand scale in a replication.
    static func delay(_ strategy: String, _ scale: Double, _ replication: Int) -> Double {
        let base: Double = switch strategy {
        case "fixed": 44
        case "webster": 39.5
        case "max-pressure": 35
        default: 42
        }
        let load = scale <= 0.8 ? 0.72 : scale >= 1.2 ? 1.65 : 1.0
        // Replications differ in the same way for every strategy (common random numbers), plus a
        // little strategy-specific noise.
        let shared = [0.0, 3.1, -2.4][replication % 3]
        let own = [0.4, -0.7, 0.5][(replication + strategy.count) % 3]
        return base * load + shared + own
    }

    static func runs(strategies: [String] = strategies, scales: [Double] = scales, replications: Int = 3) -> [RunRow] {
        var rows: [RunRow] = []
        for s in strategies {
            for scale in scales {
                for r in 0..<replications {
                    let d = delay(s, scale, r)
                    rows.append(RunRow(strategy: s, sweep: point(scale), replication: r, seed: seeds[r],
                                       vehiclesFinished: Int(3600 * scale) - Int(d), vehiclesUnfinished: Int(d / 2),
                                       vehiclesWaiting: s == "fixed" && scale > 1 ? 40 + r : r,
                                       meanTravelTimeS: d + 95, meanDelayS: d, meanStops: 1 + d / 40,
                                       totalDelayVehH: d * scale, meanDelayPcuS: d * 0.9,
                                       throughputVehH: 4800 * scale - d * 3))
                }
            }
        }
        return rows
    }

    static let mapJunctions: [MapJunctionRow] = [
        MapJunctionRow(id: "nvc-304", name: "Nguyễn Văn Cừ – 30 Tháng 4", at: .init(latitude: 10.0279, longitude: 105.7681), control: "signal"),
        MapJunctionRow(id: "mt-304", name: "Mậu Thân – 30 Tháng 4", at: .init(latitude: 10.0272, longitude: 105.7770), control: "signal"),
        MapJunctionRow(id: "x-evil", name: hostileName, at: .init(latitude: 10.0330, longitude: 105.7735), control: "signal"),
        MapJunctionRow(id: "p-1", name: "Hẻm 51", at: .init(latitude: 10.0310, longitude: 105.7700), control: "priority"),
        MapJunctionRow(id: "bnd-n", name: "Bắc", at: .init(latitude: 10.0370, longitude: 105.7690), control: "boundary"),
        MapJunctionRow(id: "bnd-s", name: "Nam", at: .init(latitude: 10.0205, longitude: 105.7675), control: "boundary"),
        MapJunctionRow(id: "bnd-e", name: "Đông", at: .init(latitude: 10.0268, longitude: 105.7840), control: "boundary"),
        MapJunctionRow(id: "bnd-w", name: "Tây", at: .init(latitude: 10.0285, longitude: 105.7600), control: "boundary"),
    ]

    static let mapRoads: [MapRoadRow] = [
        MapRoadRow(id: "d304-1", name: "Đường 30 Tháng 4", from: "nvc-304", to: "mt-304", lanesForward: 2, lanesBackward: 2,
                   shape: [.init(latitude: 10.0279, longitude: 105.7681), .init(latitude: 10.0277, longitude: 105.7725),
                           .init(latitude: 10.0272, longitude: 105.7770)]),
        MapRoadRow(id: "nvc-n", name: "Nguyễn Văn Cừ", from: "nvc-304", to: "p-1", lanesForward: 2, lanesBackward: 2),
        MapRoadRow(id: "nvc-n2", name: "Nguyễn Văn Cừ", from: "p-1", to: "bnd-n", lanesForward: 2, lanesBackward: 2),
        MapRoadRow(id: "nvc-s", name: "Nguyễn Văn Cừ", from: "bnd-s", to: "nvc-304", lanesForward: 2, lanesBackward: 2),
        MapRoadRow(id: "d304-w", name: "Đường 30 Tháng 4", from: "bnd-w", to: "nvc-304", lanesForward: 1, lanesBackward: 1),
        MapRoadRow(id: "mt-2", name: "Mậu Thân & \"phố\" <mới>", from: "mt-304", to: "bnd-e", lanesForward: 2, lanesBackward: 1),
        MapRoadRow(id: "evil-1", name: hostileName, from: "p-1", to: "x-evil", lanesForward: 1, oneway: true),
        MapRoadRow(id: "evil-2", name: "Hẻm", from: "x-evil", to: "mt-304", lanesForward: 1, lanesBackward: 1),
    ]

    static let incidents: [IncidentRow] = [
        IncidentRow(kind: "capacity", road: "d304-1", fromS: 1200, toS: 3000, factor: 0.4),
        IncidentRow(kind: "closure", road: "mt-2~r", fromS: 1800, toS: 2400),
    ]

    static let approaches: [(junction: String, approach: String, share: Double)] = [
        ("nvc-304", "N", 1.3), ("nvc-304", "S", 1.1), ("nvc-304", "E", 0.8), ("nvc-304", "W", 0.6),
        ("mt-304", "N", 0.9), ("mt-304", "E", 1.5), ("mt-304", "W", 1.0),
        ("x-evil", "S", 0.5), ("x-evil", "mt-304", 0.7),
    ]

    static func junctionRows(strategies: [String] = strategies, scales: [Double] = scales) -> [JunctionRow] {
        var rows: [JunctionRow] = []
        for s in strategies {
            for scale in scales {
                let d = delay(s, scale, 0)
                for a in approaches {
                    let cd = d * a.share
                    let q = cd * 0.9 * scale
                    let los = cd <= 10 ? "A" : cd <= 20 ? "B" : cd <= 35 ? "C" : cd <= 55 ? "D" : cd <= 80 ? "E" : "F"
                    rows.append(JunctionRow(strategy: s, sweep: point(scale), junction: a.junction, approach: a.approach,
                                            controlDelayS: cd, los: los,
                                            maxQueueVeh: q, maxQueuePcu: q * 0.45, maxQueueM: q * 0.45 * 7,
                                            meanQueuePcu: q * 0.2, throughputVeh: 400 * a.share * scale,
                                            degreeOfSaturation: min(1.2, 0.55 * scale * a.share)))
                }
            }
        }
        return rows
    }

    static func timeSeries(strategies: [String] = strategies, scales: [Double] = scales, replications: Int = 3) -> [TimeSeriesRow] {
        var rows: [TimeSeriesRow] = []
        for s in strategies {
            for scale in scales {
                for r in 0..<replications {
                    for k in 0...60 {
                        let t = Double(k) * 60
                        let ramp = min(1, t / 900)
                        let incident = t >= 1200 && t <= 3000 ? 1 + 0.6 * sin((t - 1200) / 1800 * .pi) : 1
                        let q = delay(s, scale, r) * 2.2 * ramp * incident * scale
                        rows.append(TimeSeriesRow(strategy: s, sweep: point(scale), replication: r, timeS: t,
                                                  vehiclesInNetwork: Int(q * 3), meanSpeedKmh: 28 - q / 20, queuedPcu: q))
                    }
                }
            }
        }
        return rows
    }

    /// Queues at the signalised junctions: `mt-304` longest, then the hostile-named one, then `nvc-304`.
    static func junctionQueues(strategies: [String] = strategies, scales: [Double] = scales, replications: Int = 3) -> [JunctionQueueRow] {
        var rows: [JunctionQueueRow] = []
        for s in strategies { for scale in scales { for r in 0..<replications { for k in 0...60 {
            let t = Double(k) * 60
            for (junction, weight) in [("nvc-304", 0.2), ("mt-304", 1.0), ("x-evil", 0.5)] {
                rows.append(JunctionQueueRow(strategy: s, sweep: point(scale), replication: r, timeS: t, junction: junction,
                                             queuedPcu: delay(s, scale, r) * weight * min(1, t / 900)))
            }
        } } } }
        return rows
    }

    static func timings(strategies: [String] = strategies, scales: [Double] = scales, replications: Int = 3)
        -> ([SignalTimingRow], [SignalPhaseRow]) {
        var timing: [SignalTimingRow] = [], phases: [SignalPhaseRow] = []
        for s in strategies {
            for scale in scales {
                for r in 0..<replications {
                    for j in ["nvc-304", "mt-304", "x-evil"] {
                        let cycle: Double? = s == "max-pressure" ? nil : s == "webster" ? 72 + 10 * scale : 90
                        let shares = s == "fixed" ? [0.5, 0.5] : [0.58 - 0.01 * Double(r), 0.42 + 0.01 * Double(r)]
                        timing.append(SignalTimingRow(strategy: s, sweep: point(scale), replication: r, junction: j,
                                                      controller: s == "fixed" ? "fixed-time" : s, meanCycleS: cycle,
                                                      phaseChangesPerHour: cycle.map { 2 * 3600 / $0 } ?? 96 + Double(r),
                                                      greenShares: shares))
                        for (p, share) in shares.enumerated() {
                            phases.append(SignalPhaseRow(strategy: s, sweep: point(scale), replication: r, junction: j,
                                                         phase: p + 1, name: p == 0 ? "N-S" : "E-W", greenShare: share,
                                                         meanGreenS: cycle.map { ($0 - 10) * share }))
                        }
                    }
                }
            }
        }
        return (timing, phases)
    }

    /// The whole fixture.
    static func tables(strategies: [String] = strategies, scales: [Double] = scales, replications: Int = 3) -> ResultTables {
        let meta = meta(strategies: strategies, scales: scales, replications: replications)
        let runs = runs(strategies: strategies, scales: scales, replications: replications)
        let (timing, phases) = timings(strategies: strategies, scales: scales, replications: replications)
        return ResultTables(
            meta: meta, runs: runs, comparison: ComparisonBuilder(meta: meta).build(from: runs),
            junctions: junctionRows(strategies: strategies, scales: scales),
            timeSeries: timeSeries(strategies: strategies, scales: scales, replications: replications),
            signalTiming: timing, signalPhases: phases,
            warnings: [WarningRow(strategy: "fixed", sweep: point(scales.last!), replication: 0, timeS: 2400, kind: "gridlock",
                                  junctions: ["mt-304"], message: "no vehicle moved for 300 s at \(hostileName)")],
            junctionQueues: junctionQueues(strategies: strategies, scales: scales, replications: replications),
            mapJunctions: mapJunctions, mapRoads: mapRoads, incidents: incidents)
    }
}
