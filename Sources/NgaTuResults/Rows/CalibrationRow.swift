import Foundation

/// One row of a results directory's `calibration.csv`: a count of the scenario's `calibration:`
/// file against the simulation (baseline strategy, demand ×1, mean over the replications).
public struct CalibrationRow: Sendable, Equatable {
    public var site: String
    /// The interval as the counts file writes it (`15 min`, `06:15`).
    public var from: String
    public var to: String
    /// Length of the interval (s): GEH compares hourly flows.
    public var intervalS: Double
    /// Line of the count in the counts file.
    public var line: Int
    public var observed: Double
    public var simulated: Double
    public var geh: Double
    /// `unreachable` or `over-capacity`, else empty.
    public var note: String

    public init(site: String, from: String, to: String, intervalS: Double, line: Int, observed: Double,
                simulated: Double, geh: Double, note: String = "") {
        self.site = site; self.from = from; self.to = to; self.intervalS = intervalS; self.line = line
        self.observed = observed; self.simulated = simulated; self.geh = geh; self.note = note
    }

    public static let header = "site,from,to,interval_s,line,observed,simulated,geh,note"

    /// `calibration.csv` of a results directory, its first line a comment naming the counts file.
    public static func csv(_ rows: [CalibrationRow], counts: String) -> String {
        var out = "# Counts of \(counts.replacingOccurrences(of: "\n", with: " ")) against the simulation (baseline strategy, demand ×1, mean over the replications)\n"
        out += header + "\n"
        for r in rows {
            out += [r.site, r.from, r.to, NumberFormat.format(r.intervalS), String(r.line), NumberFormat.format(r.observed),
                    String(format: "%.1f", r.simulated), String(format: "%.2f", r.geh), r.note].joined(separator: ",") + "\n"
        }
        return out
    }

    /// Reads the rows back (`ngatu report`); nil when the text is not such a table.
    public static func parse(_ text: String) -> [CalibrationRow]? {
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        guard lines.first == header else { return nil }
        var out: [CalibrationRow] = []
        for line in lines.dropFirst() {
            let c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard c.count == 9, let s = Double(c[3]), let l = Int(c[4]), let o = Double(c[5]), let m = Double(c[6]),
                  let g = Double(c[7]) else { return nil }
            out.append(CalibrationRow(site: c[0], from: c[1], to: c[2], intervalS: s, line: l, observed: o, simulated: m,
                                      geh: g, note: c[8]))
        }
        return out
    }
}

/// A calibrated scenario's fit to counts as its results publish it: `calibration.csv`'s rows
/// and the counts file they come from.
public struct CalibrationFit: Sendable, Equatable {
    public var rows: [CalibrationRow]
    /// The counts file as the scenario names it.
    public var counts: String

    public init(rows: [CalibrationRow], counts: String) { self.rows = rows; self.counts = counts }

    /// `calibration.csv`.
    public var csv: String { CalibrationRow.csv(rows, counts: counts) }
}
