@preconcurrency import CGSL

/// Mean, standard deviation and a Student-t confidence interval of a sample.
public struct SampleSummary: Sendable, Equatable {
    public var n: Int
    public var mean: Double
    /// Sample standard deviation (n − 1); nil below two observations.
    public var sd: Double?
    /// 95% (or the requested level) interval for the mean; nil below two observations.
    public var ciLow: Double?
    public var ciHigh: Double?

    /// Summarises `values` with GSL's statistics functions.
    public init(_ values: [Double], level: Double = 0.95) {
        n = values.count
        guard n > 0 else { mean = .nan; sd = nil; ciLow = nil; ciHigh = nil; return }
        mean = values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
        guard n > 1 else { sd = nil; ciLow = nil; ciHigh = nil; return }
        let s = values.withUnsafeBufferPointer { gsl_stats_sd_m($0.baseAddress, 1, $0.count, mean) }
        sd = s
        let t = Distributions.studentTQuantile(0.5 + level / 2, dof: Double(n - 1))
        let half = t * s / Double(n).squareRoot()
        ciLow = mean - half
        ciHigh = mean + half
    }
}

/// The paired difference `a − b` (matched by replication), its interval and the p-value of the
/// paired t-test that the mean difference is zero.
public struct PairedDifference: Sendable, Equatable {
    public var summary: SampleSummary
    /// Two-sided p-value; nil below two pairs. 1 when every difference is exactly zero, and
    /// 0 when the differences are identical but not zero.
    public var pValue: Double?

    public init(_ a: [Double], _ b: [Double], level: Double = 0.95) {
        precondition(a.count == b.count, "paired samples must have the same length")
        let d = zip(a, b).map { $0 - $1 }
        summary = SampleSummary(d, level: level)
        guard let sd = summary.sd else { pValue = nil; return }
        if sd == 0 {
            pValue = summary.mean == 0 ? 1 : 0
        } else {
            let t = summary.mean / (sd / Double(d.count).squareRoot())
            pValue = Distributions.studentTTwoSidedP(t, dof: Double(d.count - 1))
        }
    }
}
