import Stochastics

/// One vehicle a run generates at a boundary: when, of which flow, of which class.
public struct Departure: Sendable, Equatable, Hashable {
    /// Scheduled departure (s), on the engine's microsecond clock: the moment the vehicle is
    /// generated, before any wait to enter the map.
    public var time: Double
    /// Index into `SimulationSetup.flows`.
    public var flow: Int
    /// Index into `SimulationSetup.classes`.
    public var vehicleClass: Int

    public init(time: Double, flow: Int, vehicleClass: Int) {
        self.time = time; self.flow = flow; self.vehicleClass = vehicleClass
    }
}

extension SimulationSetup {
    /// Every vehicle a run with `runSeed` (`SeedRule.runSeed`) generates, in order of time (then
    /// flow), listed without simulating: per flow, the draws `Simulation.scheduleNextVehicle` and
    /// `generateVehicle` make from the flow's own stream, in the same order (the next departure
    /// after the current one on the microsecond clock, then the class), and each flow's stream
    /// serves nothing else, so the list is exactly the simulation's demand whatever happens on
    /// the map. The simulation's hot path keeps its own copy of these few lines (no call, no
    /// copies per vehicle); DeparturesTests checks the two agree. Used by the SUMO/UXsim
    /// export, so that every engine runs the same vehicles.
    public func departures(runSeed: UInt64) -> [Departure] {
        var out: [Departure] = []
        let peakFactor = max(profile.map(\.factor).max() ?? 1, 1e-9)   // as Simulation.maxProfile
        let end = timing.duration
        for (f, flow) in flows.enumerated() where flow.rate > 0 {
            let rng = SeedRule.stream(runSeed: runSeed, purpose: .flow(f))
            let rate = flow.rate
            var t: SimTime = 0
            var first = true
            while true {
                // Simulation.scheduleNextVehicle(flow:after:first:)
                var time = seconds(t)
                switch arrivals {
                case .poisson:
                    let peak = rate * peakFactor
                    while true {
                        time += rng.exponential(mean: 1 / peak)
                        if time > end { break }
                        if rng.uniform() * peak <= rate * profileFactor(at: time) { break }
                    }
                case .uniform:
                    var r = rate * profileFactor(at: time)
                    while r <= 0 && time <= end {
                        time += 10
                        r = rate * profileFactor(at: time)
                    }
                    if time <= end { time += first ? rng.uniform() / r : 1 / r }
                }
                if time > end { break }
                t = micros(time)
                first = false
                // Simulation.generateVehicle(flow:): the class, then the next departure.
                let c = flow.classWeights.count > 1 ? rng.categorical(flow.classWeights) : 0
                out.append(Departure(time: seconds(t), flow: f, vehicleClass: c))
            }
        }
        out.sort { ($0.time, $0.flow) < ($1.time, $1.flow) }
        return out
    }
}
