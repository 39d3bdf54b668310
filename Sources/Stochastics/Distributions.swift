@preconcurrency import CGSL

/// Quantiles and tail probabilities from GSL's cumulative distribution functions.
public enum Distributions {
    /// The `p` quantile of Student's t with `dof` degrees of freedom.
    public static func studentTQuantile(_ p: Double, dof: Double) -> Double {
        GSLRuntime.prepare()
        return gsl_cdf_tdist_Pinv(p, dof)
    }

    /// Two-sided p-value of a t statistic with `dof` degrees of freedom.
    public static func studentTTwoSidedP(_ t: Double, dof: Double) -> Double {
        GSLRuntime.prepare()
        return 2 * gsl_cdf_tdist_Q(abs(t), dof)
    }
}
