import Foundation

/// GEH and the summary measures of a fit to counts.
///
/// GEH (Geoffrey E. Havers) compares two hourly flows: √(2(M − C)² / (M + C)). Counts of
/// another interval are turned into hourly flows first (× 3600 / interval), as the UK Design
/// Manual for Roads and Bridges (DMRB) defines it for hourly flows; its criterion asks GEH < 5
/// at ≥ 85 % of the sites.
public enum FitMeasures {
    /// The DMRB criterion: this share of counts with GEH below `gehLimit`.
    public static let criterionShare = 0.85
    public static let gehLimit = 5.0

    /// GEH of simulated `m` against observed `c`, both vehicles in an interval of `seconds`.
    public static func geh(simulated m: Double, observed c: Double, seconds: Double) -> Double {
        let h = 3600 / seconds
        let mh = m * h, ch = c * h
        guard mh + ch > 0 else { return 0 }
        return (2 * (mh - ch) * (mh - ch) / (mh + ch)).squareRoot()
    }
}

/// How well simulated counts reproduce observed ones.
public struct FitSummary: Sendable, Equatable {
    /// Counts compared (site × interval).
    public var counts: Int
    /// Share of them with GEH < 5.
    public var shareGEHBelow5: Double
    /// Coefficient of determination of the observed counts by the simulated ones,
    /// 1 − Σ(o − s)² / Σ(o − ō)²: the fit about the line y = x, not about a fitted line.
    public var rSquared: Double?
    public var totalObserved: Double
    public var totalSimulated: Double
    public var meanGEH: Double

    public var meetsCriterion: Bool { shareGEHBelow5 >= FitMeasures.criterionShare }

    public init(observed: [Double], simulated: [Double], seconds: [Double]) {
        precondition(observed.count == simulated.count && observed.count == seconds.count)
        counts = observed.count
        let gehs = (0..<counts).map { FitMeasures.geh(simulated: simulated[$0], observed: observed[$0], seconds: seconds[$0]) }
        shareGEHBelow5 = counts == 0 ? 0 : Double(gehs.filter { $0 < FitMeasures.gehLimit }.count) / Double(counts)
        meanGEH = counts == 0 ? 0 : gehs.reduce(0, +) / Double(counts)
        totalObserved = observed.reduce(0, +)
        totalSimulated = simulated.reduce(0, +)
        let mean = counts == 0 ? 0 : totalObserved / Double(counts)
        let ssTot = observed.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        let ssRes = zip(observed, simulated).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        rSquared = ssTot > 0 ? 1 - ssRes / ssTot : nil
    }

    /// One line for the terminal and the scenario's comment.
    public var text: String {
        let pct = Int((shareGEHBelow5 * 100).rounded())
        let r2 = rSquared.map { String(format: "%.3f", $0) } ?? "n/a"
        let met = meetsCriterion ? "meets" : "does not meet"
        return "\(pct)% of \(counts) counts with GEH < 5 (\(met) the DMRB criterion of 85%), R² \(r2), "
            + "mean GEH \(String(format: "%.2f", meanGEH)); total observed \(Int(totalObserved.rounded())), simulated \(Int(totalSimulated.rounded()))"
    }
}
