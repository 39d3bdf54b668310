import SQLiteStore

/// The signal timing a controller actually ran at one junction in one run (table `signal_timing`).
public struct SignalTimingRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    public var junction: String
    /// Controller kind, e.g. `webster`.
    public var controller: String
    /// Mean cycle length (s); nil for acyclic control that never completed a cycle.
    public var meanCycleS: Double?
    public var phaseChangesPerHour: Double
    /// Share of the green time of each phase, in phase order.
    public var greenShares: [Double]

    public init(strategy: String, sweep: SweepPoint, replication: Int, junction: String, controller: String,
                meanCycleS: Double?, phaseChangesPerHour: Double, greenShares: [Double]) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication
        self.junction = junction; self.controller = controller; self.meanCycleS = meanCycleS
        self.phaseChangesPerHour = phaseChangesPerHour; self.greenShares = greenShares
    }

    public static let tableName = "signal_timing"
    public static let trailingColumns: [Column] = [
        Column("replication", .integer), Column("junction", .text), Column("controller", .text),
        Column("mean_cycle_s", .real, optional: true), Column("phase_changes_per_hour", .real),
        Column("green_shares", .text),
    ]
    public static let keyColumns = ["replication", "junction"]

    /// `green_shares` as text: the shares in the number format of the CSV files, separated by
    /// `;` (e.g. `0.52;0.48`).
    public var greenSharesText: String { greenShares.map(NumberFormat.format).joined(separator: ";") }

    public var trailingCells: [Cell] {
        [replication.cell, .text(junction), .text(controller), meanCycleS.cell,
         phaseChangesPerHour.cell, .text(greenSharesText)]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        let sharesText = try r.string(5)
        var shares: [Double] = []
        for part in sharesText.split(separator: ";", omittingEmptySubsequences: true) {
            guard let d = Double(part) else {
                throw ResultDecodingError(table: Self.tableName, column: "green_shares", found: cells[5])
            }
            shares.append(d)
        }
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), junction: try r.string(1),
                  controller: try r.string(2), meanCycleS: try r.optionalDouble(3),
                  phaseChangesPerHour: try r.double(4), greenShares: shares)
    }
}

/// One phase of the timing a controller ran at one junction in one run (table `signal_phases`).
public struct SignalPhaseRow: ResultRow, Hashable {
    public var strategy: String
    public var sweep: SweepPoint
    public var replication: Int
    public var junction: String
    /// Phase number, from 1 in the plan's order.
    public var phase: Int
    public var name: String
    public var greenShare: Double
    /// Mean green time per appearance (s); nil when the phase never got green.
    public var meanGreenS: Double?

    public init(strategy: String, sweep: SweepPoint, replication: Int, junction: String, phase: Int,
                name: String, greenShare: Double, meanGreenS: Double?) {
        self.strategy = strategy; self.sweep = sweep; self.replication = replication
        self.junction = junction; self.phase = phase; self.name = name
        self.greenShare = greenShare; self.meanGreenS = meanGreenS
    }

    public static let tableName = "signal_phases"
    public static let trailingColumns: [Column] = [
        Column("replication", .integer), Column("junction", .text), Column("phase", .integer),
        Column("name", .text), Column("green_share", .real), Column("mean_green_s", .real, optional: true),
    ]
    public static let keyColumns = ["replication", "junction", "phase"]

    public var trailingCells: [Cell] {
        [replication.cell, .text(junction), phase.cell, .text(name),
         greenShare.cell, meanGreenS.cell]
    }

    public init(strategy: String, sweep: SweepPoint, trailingCells cells: [Cell]) throws {
        let r = try CellReader(Self.self, cells)
        self.init(strategy: strategy, sweep: sweep, replication: try r.int(0), junction: try r.string(1),
                  phase: try r.int(2), name: try r.string(3), greenShare: try r.double(4),
                  meanGreenS: try r.optionalDouble(5))
    }
}
