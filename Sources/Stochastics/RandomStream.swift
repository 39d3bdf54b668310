// Public: the draws are inlined into the simulation, which must see the GSL calls they make.
@preconcurrency public import CGSL

/// One reproducible stream of random numbers (GSL's MT19937) from a 64-bit seed. Which seed a
/// stream gets is the core's one seed rule (`SeedRule`), not decided here.
///
/// Not thread-safe: each simulation run owns its streams.
///
/// The draws are inlinable: the simulation draws a few per vehicle, and as calls into this
/// module each also retained and released the stream.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// A stream from a 64-bit seed, already well mixed (e.g. by `mix`): MT19937 takes its
    /// 32-bit fold.
    public init(seed mixed: UInt64) {
        GSLRuntime.prepare()
        guard let r = gsl_rng_alloc(ngatu_rng_mt19937()) else {
            fatalError("GSL could not allocate a random generator (out of memory)")
        }
        rng = r
        // MT19937 takes a 32-bit seed; 0 would be replaced by GSL's default, so avoid it.
        let s32 = UInt(truncatingIfNeeded: (mixed ^ (mixed >> 32)) & 0xFFFF_FFFF)
        gsl_rng_set(rng, s32 == 0 ? 5489 : s32)
    }

    deinit { gsl_rng_free(rng) }

    /// SplitMix64 over the three parts: a cheap, well-mixed seed derivation.
    public static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var z = a &+ 0x9E37_79B9_7F4A_7C15 &* (b &+ 1) &+ 0xBF58_476D_1CE4_E5B9 &* (c &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1): never exactly zero, safe for logarithms.
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// Exponential variate with the given mean.
    @inlinable public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }

    /// Index drawn with probability proportional to `weights` (linear scan: the vehicle mix has
    /// a handful of entries).
    @inlinable public func categorical(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return i }
        }
        return weights.count - 1
    }
}

/// Process-wide GSL set-up: the aborting error handler is switched off once.
enum GSLRuntime {
    private static let once: Void = { ngatu_gsl_quiet_errors() }()
    static func prepare() { _ = once }
}
