import Foundation
@testable import NgaTuResults

/// Hand-made rows and metadata shared by the tests.
enum Fixture {
    static let unit = SweepPoint.demandScale(1)

    static func meta(strategies: [String] = ["fixed", "webster"], sweep: Sweep = .none,
                     hash: String = "abc123") -> RunMeta {
        RunMeta(scenarioID: "ninh-kieu-am-peak", scenarioHash: hash, title: "Ninh Kiều, morning peak",
                question: "Does Webster timing cut delay at Nguyễn Văn Cừ – 30 Tháng 4?", language: "vi",
                mapID: "ninh-kieu-centre", mapAttribution: "© OpenStreetMap contributors, ODbL",
                seed: 2026, seeds: [2026, 2027, 2028, 2029, 2030], replications: 5,
                softwareVersion: "0.1.0-test", startedAt: "2026-11-28T10:00:00Z",
                strategies: strategies.map {
                    StrategyMeta(name: $0, controller: $0 == "fixed" ? "fixed-time" : $0,
                                 parameters: $0 == "webster" ? [MetaEntry("min_green", "7 s"), MetaEntry("max_cycle", "120 s")] : [])
                },
                baseline: strategies[0], sweep: sweep,
                properties: [MetaEntry("duration_s", "3600"), MetaEntry("warmup_s", "900")])
    }

    static func run(_ strategy: String, _ replication: Int, delay: Double?, sweep: SweepPoint = unit,
                    finished: Int = 100) -> RunRow {
        RunRow(strategy: strategy, sweep: sweep, replication: replication, seed: 2025 + replication,
               vehiclesFinished: finished, vehiclesUnfinished: 3, vehiclesWaiting: 1,
               meanTravelTimeS: delay.map { $0 + 60 }, meanDelayS: delay, meanStops: 1.5,
               totalDelayVehH: 0.25, meanDelayPcuS: delay.map { $0 / 2 }, throughputVehH: 400,
               latentDelayVehH: 0.01, maxWaitS: 95)
    }

    static func record(_ strategy: String, _ replication: Int, sweep: SweepPoint = unit) -> RunRecord {
        RunRecord(
            run: run(strategy, replication, delay: 30 + Double(replication), sweep: sweep),
            junctions: [
                JunctionRunRow(strategy: strategy, sweep: sweep, replication: replication, junction: "nvc-304",
                               approach: "N", controlDelayS: 20 + Double(replication), los: "C",
                               maxQueueVeh: 12, maxQueuePcu: 4.2, maxQueueM: 29.4, meanQueuePcu: 1.75,
                               throughputVeh: 300, degreeOfSaturation: 0.8, maxWaitS: 60 + 10 * Double(replication)),
                JunctionRunRow(strategy: strategy, sweep: sweep, replication: replication, junction: "nvc-304",
                               approach: "E", controlDelayS: nil, los: nil, maxQueueVeh: 0, maxQueuePcu: 0,
                               maxQueueM: 0, meanQueuePcu: 0, throughputVeh: 0, degreeOfSaturation: nil, maxWaitS: 0),
            ],
            timeSeries: [60, 120].map {
                TimeSeriesRow(strategy: strategy, sweep: sweep, replication: replication, timeS: $0,
                              vehiclesInNetwork: 40, meanSpeedKmh: $0 == 60 ? 23.5 : nil, queuedPcu: 6.1)
            },
            signalTiming: [
                SignalTimingRow(strategy: strategy, sweep: sweep, replication: replication, junction: "nvc-304",
                                controller: "webster", meanCycleS: 90, phaseChangesPerHour: 80,
                                greenShares: [0.52, 0.48]),
            ],
            signalPhases: [
                SignalPhaseRow(strategy: strategy, sweep: sweep, replication: replication, junction: "nvc-304",
                               phase: 1, name: "N-S", greenShare: 0.52, meanGreenS: 41.6),
                SignalPhaseRow(strategy: strategy, sweep: sweep, replication: replication, junction: "nvc-304",
                               phase: 2, name: "E-W, \"main\"", greenShare: 0.48, meanGreenS: nil),
            ],
            controllerInputs: [
                ControllerInputRow(strategy: strategy, sweep: sweep, junction: "nvc-304", key: "y_1", value: 0.31,
                                   note: "flow ratio of phase 1"),
                ControllerInputRow(strategy: strategy, sweep: sweep, junction: "nvc-304", key: "C0_s", value: 78.4),
            ],
            warnings: replication == 2 ? [
                WarningRow(strategy: strategy, sweep: sweep, replication: replication, timeS: 1800, kind: "gridlock",
                           junctions: ["nvc-304", "mt-304"], message: "no vehicle moved for 300 s"),
            ] : [])
    }

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ngatu-results-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
