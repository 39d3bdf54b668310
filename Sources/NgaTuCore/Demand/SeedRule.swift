import Stochastics

/// The one seed rule of the project: which random numbers a run draws.
///
/// - Replication r (counted from 1) of a scenario with `seed` runs with the run seed
///   `seed + r − 1` (wrapping at 2⁶⁴), for every strategy: common random numbers, so paired
///   differences between strategies compare like with like. The run seed alone fixes a run's
///   random numbers: replication 3 with `seed: 10` is replication 1 with `seed: 12`.
/// - Each purpose draws from its own stream, seeded with the SplitMix64 finaliser of (run seed,
///   purpose): one stream per demand flow, so adding a flow or a strategy that draws nothing
///   leaves every other flow's arrivals as they were.
///
/// The runner (runs.csv's `seed`), `export-sumo` and the tests all go through these functions.
public enum SeedRule {
    /// What a stream is drawn for.
    public enum Purpose: Sendable, Equatable {
        /// Arrival times, vehicle classes and routes of demand flow `f` (0-based, file order).
        case flow(Int)

        /// The purpose's number in the seed derivation (0 is reserved).
        var code: UInt64 {
            switch self {
            case .flow(let f): UInt64(f) + 1
            }
        }
    }

    /// The run seed of replication `r` (from 1) of a scenario with seed `scenarioSeed`.
    public static func runSeed(scenarioSeed: UInt64, replication r: Int) -> UInt64 {
        precondition(r >= 1, "replications are counted from 1")
        return scenarioSeed &+ UInt64(r - 1)
    }

    /// The random stream of `purpose` in a run with `runSeed`.
    static func stream(runSeed: UInt64, purpose: Purpose) -> RandomStream {
        RandomStream(seed: RandomStream.mix(runSeed, 0, purpose.code))
    }
}
