import Foundation
import NgaTuCore

/// The most memory a scenario's runs can take, estimated before anything is simulated, so
/// that a run that cannot fit is refused with what to reduce instead of dying in an
/// allocation hours later.
///
/// Bounds, deliberately on the high side: every vehicle generated in a run could still be on
/// the map or waiting to enter at its end (demand far above capacity), and a vehicle slot costs
/// about 70 bytes in the simulation's columns, up to three times that while they double; every
/// sample keeps a time-series row and one queue row per signalised junction while the run goes
/// on and again when the results are published.
public struct RunSize: Sendable {
    /// Vehicles a run generates at most (largest over the sweep points).
    public var vehiclesPerRun: Double
    /// Samples a run takes.
    public var samplesPerRun: Double
    public var signalisedJunctions: Int
    public var runs: Int

    static let bytesPerVehicle = 210.0
    static let bytesPerSampleRow = 160.0

    public init(plan: ScenarioPlan, runs: Int) {
        let timing = plan.points.first?.setup.timing
        let duration = timing?.duration ?? 0
        var vehicles = 0.0
        for point in plan.points {
            let peak = max(point.setup.profile.map(\.factor).max() ?? 1, 1)
            vehicles = max(vehicles, point.setup.flows.reduce(0) { $0 + $1.rate } * peak * duration)
        }
        vehiclesPerRun = vehicles
        let interval = timing?.sampleInterval ?? 0
        samplesPerRun = interval > 0 ? (duration / interval).rounded(.down) : 0
        signalisedJunctions = plan.network.programs.count
        self.runs = runs
    }

    /// Bytes of one run while it is simulated.
    public var bytesPerRun: Double {
        vehiclesPerRun * Self.bytesPerVehicle + samplesPerRun * Double(1 + signalisedJunctions) * Self.bytesPerSampleRow * 2
    }

    /// Bytes of every run's samples held together when the results are published.
    public var bytesOfResults: Double {
        Double(runs) * samplesPerRun * Double(1 + signalisedJunctions) * Self.bytesPerSampleRow * 2
    }

    /// Bytes at most with `jobs` runs at once.
    public func bytes(jobs: Int) -> Double {
        Double(max(1, min(jobs, runs))) * bytesPerRun + bytesOfResults
    }

    /// Memory the runs may use: three quarters of the machine's.
    public static var budget: Double { Double(ProcessInfo.processInfo.physicalMemory) * 0.75 }

    /// Why the runs cannot fit in `budget` bytes with `jobs` at once, saying what to reduce, or
    /// nil when they fit.
    public func refusal(jobs: Int, budget: Double = RunSize.budget) -> String? {
        let need = bytes(jobs: jobs)
        guard need > budget else { return nil }
        var fixes: [String] = []
        if vehiclesPerRun * Self.bytesPerVehicle > budget / 4 {
            fixes.append("shorten `duration` or lower the demand (up to \(Self.count(vehiclesPerRun)) vehicles per run)")
        }
        if samplesPerRun * Double(1 + signalisedJunctions) * Self.bytesPerSampleRow * 2 > budget / 4 {
            fixes.append("raise `sample_interval` (\(Self.count(samplesPerRun)) samples per run)")
        }
        if bytesOfResults > budget / 2 {
            fixes.append("run fewer replications, strategies or sweep points (\(Self.count(Double(runs))) runs)")
        }
        if jobs > 1, bytes(jobs: 1) <= budget { fixes.append("use fewer --jobs") }
        if fixes.isEmpty { fixes.append("shorten `duration` or lower the demand") }
        return "this scenario could need about \(Self.size(need)) of memory, more than the \(Self.size(budget)) "
            + "it may use on this machine; " + fixes.joined(separator: "; or ")
    }

    static func size(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }

    static func count(_ n: Double) -> String {
        if n >= 1e9 { return String(format: "%.1f billion", n / 1e9) }
        if n >= 1e6 { return String(format: "%.1f million", n / 1e6) }
        return String(Int(n.rounded()))
    }
}
