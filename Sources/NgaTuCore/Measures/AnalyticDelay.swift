import Foundation

/// Closed-form delay formulas of traffic-engineering.md, for validation and for planners.
/// q arrival flow (veh/s), s saturation flow (veh/s), C cycle (s), g effective green (s).
public enum AnalyticDelay {
    /// Webster (1958) mean delay per vehicle, random arrivals, x < 1.
    public static func webster(cycle c: Double, green g: Double, arrival q: Double, saturation s: Double) -> Double {
        let lambda = g / c, x = q / (lambda * s)
        return c * (1 - lambda) * (1 - lambda) / (2 * (1 - lambda * x))
            + x * x / (2 * q * (1 - x))
            - 0.65 * pow(c / (q * q), 1.0 / 3.0) * pow(x, 2 + 5 * lambda)
    }

    /// HCM uniform delay d1.
    public static func hcmUniform(cycle c: Double, green g: Double, arrival q: Double, saturation s: Double) -> Double {
        let lambda = g / c, x = q / (lambda * s)
        return 0.5 * c * (1 - lambda) * (1 - lambda) / (1 - min(1, x) * lambda)
    }

    /// HCM incremental delay d2 over an analysis period `hours`, capacity `capacity` veh/h,
    /// degree of saturation `x`, k = 0.5 (pretimed), I = 1.
    public static func hcmIncremental(x: Double, capacity: Double, hours t: Double, k: Double = 0.5) -> Double {
        900 * t * ((x - 1) + ((x - 1) * (x - 1) + 8 * k * x / (capacity * t)).squareRoot())
    }
}
