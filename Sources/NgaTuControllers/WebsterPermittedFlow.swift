import Foundation
import NgaTuCore

/// The permitted (gap-acceptance) saturation flow Webster's method gives a yielding turn.
extension WebsterStrategy {
    /// The permitted (gap-acceptance) saturation flow of a movement that yields in a phase:
    /// an HCM-style split of the phase's effective green g into the part g_q while the
    /// opposing queue (built up over the opposing red) clears and the unsaturated rest
    /// g_u = g − g_q, in which the turn uses gaps in the opposing stream.
    public struct PermittedFlow: Sendable, Equatable {
        /// Opposing flow during the unsaturated green (veh/s), the routed demand.
        public var qOpposing: Double
        /// Opposing queue clearance from the start of effective green (s), ≤ g.
        public var gQueue: Double
        /// Critical headway in the opposing stream (s) and follow-up headway of the turners (s/veh).
        public var criticalHeadway: Double
        public var followUp: Double
        /// Harders' gap-acceptance capacity of an endless unsaturated green (veh/s), for reference.
        public var gapCapacity: Double
        /// Turners per cycle: max(those passing in g_u, sneakers).
        public var perCycle: Double
        /// Equivalent saturation flow over the whole effective green (PCU/h).
        public var saturation: Double
    }

    /// Turners per cycle that the floor grants (sneakers), vehicles. The core has no real
    /// sneakers (a permitted movement's window closes with its opposing one, at yellow + e),
    /// so this only keeps y finite when the opposing flow leaves no usable gaps.
    public static let sneakersPerCycle = 1.0

    /// Permitted saturation flow (see `PermittedFlow`), with
    /// - the gap rule of the core (`gapReady`): a turner goes only a critical gap t_c after the
    ///   last opposing vehicle crossed and when no opposing vehicle arrives within t_c, so it
    ///   needs an opposing headway of at least T = 2 t_c (the lag and the lead); followers go
    ///   one saturation headway of their own approach apart, t_f = 3600 / s_turn × PCU per
    ///   turning vehicle. The opposing stream is Poisson with the routed demand q (veh/s: gaps
    ///   are between vehicles, whatever their PCU). The core lets a turner past an opposing
    ///   queue whose exit is full (it cannot move, so offers no conflicting flow); a plan assumes
    ///   no exit is full, so the opposing queue always discharges here.
    /// - g_q = min(g, q_a r / (s_a − q_a)) for the opposing approach a (PCU/s of its movements
    ///   that go in the phase and do not yield, its saturation flow s_a, its red r = C − g_a);
    ///   the largest over the opposing approaches; the window left is W = g − g_q.
    /// - turners in the window, which opens with the last queued opposing vehicle crossing:
    ///   n_W = Σ_{j ≥ 0, t_c + j t_f ≤ W} e^{−q (T + j t_f)} (1 + q (W − t_c − j t_f)),
    ///   exact for that rule (the j-th follower of a gap starting at a needs no arrival in
    ///   (a, a + T + j t_f) and a + t_c + j t_f ≤ W; gaps start at 0 and at rate q after).
    ///   As W → ∞, n_W / W tends to Harders' c = q e^{−q T} / (1 − e^{−q t_f}), reported as
    ///   `gapCapacity`; for a finite green Harders × W overestimates (+20% at W = 15 s).
    ///   With q = 0: n_W = W / t_f.
    /// - per cycle n = max(n_W, `sneakersPerCycle`); s_perm = 3600 n PCU_turn / g (PCU/h).
    public static func permittedFlow(qOpposing: Double, opposingQueue: [(q: Double, s: Double, red: Double)],
                                     green g: Double, criticalGap tc: Double, followUp tf: Double,
                                     pcuPerVehicle: Double) -> PermittedFlow {
        var gq = 0.0
        for a in opposingQueue {
            let clear = a.s > a.q ? a.q * a.red / (a.s - a.q) : .infinity
            gq = max(gq, min(g, clear))
        }
        let gu = max(0, g - gq)
        let T = 2 * tc
        let q = qOpposing
        let c = q > 1e-12 ? q * exp(-q * T) / (1 - exp(-q * tf)) : 1 / tf
        var nW = 0.0
        if q > 1e-12 {
            var j = 0.0
            while tc + j * tf <= gu {
                nW += exp(-q * (T + j * tf)) * (1 + q * (gu - tc - j * tf))
                j += 1
            }
        } else {
            nW = gu / tf
        }
        let n = max(nW, sneakersPerCycle)
        let sat = g > 0 ? 3600 * n * pcuPerVehicle / g : 0
        return PermittedFlow(qOpposing: qOpposing, gQueue: gq, criticalHeadway: T, followUp: tf, gapCapacity: c,
                             perCycle: n, saturation: sat)
    }
}
