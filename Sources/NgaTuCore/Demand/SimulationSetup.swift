/// A scenario instance ready to simulate: the network with the model's derived capacities,
/// routed flows and resolved incidents. Built once per scenario and sweep point, then shared
/// by every replication and strategy (it is immutable).
public struct SimulationSetup: Sendable {
    public let network: Network
    public let model: ModelParameters
    public let classes: [VehicleClass]
    public let timing: RunTiming
    public let arrivals: ArrivalProcess
    public let flows: [Flow]
    /// Per flow: the shortest route by free-flow time between its ends on the unobstructed
    /// network (one search per origin–destination pair, here, never per vehicle). Delay counts
    /// against it, so a `via` route or a detour around a closure is delay.
    public let shortestRoutes: [[Int32]]
    /// Profile breakpoints (s, factor); empty means a constant 1.
    public let profile: [(time: Double, factor: Double)]
    public let incidents: [Incident]
    /// Per segment: storage in PCU (length × lanes / jam spacing).
    public let storagePCU: [Double]
    /// Per segment: effective lanes (width / lane width when the map gives a width).
    public let effectiveLanes: [Double]
    /// Per segment: saturation flow of the whole approach in PCU/h.
    public let saturationFlow: [Double]

    public struct Flow: Sendable {
        public var origin: Int
        public var destination: Int
        /// Vehicles per second, demand scale included, before the profile.
        public var rate: Double
        /// Share per vehicle class (same order as `classes`).
        public var classWeights: [Double]
        public var route: [Int32]
    }

    public struct Incident: Sendable {
        public var segments: [Int32]
        public var from: Double
        public var to: Double
        /// Capacity multiplier; 0 closes the segments.
        public var factor: Double
        public var isClosure: Bool { factor == 0 }
    }

    public init(network: Network, model: ModelParameters = ModelParameters(),
                classes: [VehicleClass] = VehicleClass.canThoDefault, demand: DemandSpec,
                incidents: [IncidentSpec] = [], timing: RunTiming) throws(SpecError) {
        self.network = network; self.model = model; self.classes = classes; self.timing = timing
        arrivals = demand.arrivals
        profile = demand.profile
        let root = SpecPath.root
        guard timing.duration > 0, timing.duration.isFinite else { throw SpecError(root.key("duration"), "duration must be positive") }
        guard timing.warmup >= 0, timing.warmup < timing.duration else {
            throw SpecError(root.key("warmup"), "warm-up must be shorter than the duration")
        }
        guard !classes.isEmpty else { throw SpecError(root.key("vehicles"), "the vehicle mix is empty") }
        let n = network.segmentCount
        var lanes = [Double](repeating: 1, count: n), storage = [Double](repeating: 0, count: n)
        var sat = [Double](repeating: 0, count: n)
        for s in 0..<n {
            let w = network.segmentWidth[s]
            lanes[s] = w > 0 ? max(w / model.laneWidth, 0.5) : Double(network.segmentLanes[s])
            storage[s] = network.segmentLength[s] * lanes[s] / model.jamSpacing
            let perLane = network.segmentSaturationFlow[s] > 0 ? network.segmentSaturationFlow[s] : model.saturationFlow
            sat[s] = perLane * lanes[s]
        }
        effectiveLanes = lanes; storagePCU = storage; saturationFlow = sat

        let router = Router(network: network)
        var flows: [Flow] = []
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.name, $0) })
        let served = network.servedMovements()
        for (i, f) in demand.flows.enumerated() {
            let path = root.key("demand").key("flows").index(i)
            guard let o = network.junctionIndexByID[f.from] else { throw SpecError(path.key("from"), "unknown junction \"\(f.from)\"") }
            guard let d = network.junctionIndexByID[f.to] else { throw SpecError(path.key("to"), "unknown junction \"\(f.to)\"") }
            // Trips start and end at boundaries or, as the side streets of a zone, at any junction.
            guard o != d else { throw SpecError(path.key("to"), "a flow must end at another junction than it starts (\"\(f.from)\")") }
            guard f.rate.isFinite, f.rate >= 0 else { throw SpecError(path.key("rate"), "rate must be a flow of at least 0 veh/h") }
            var route: [Int32]
            if let via = f.via {
                route = []
                for (k, sid) in via.enumerated() {
                    guard let s = network.segmentIndexByID[sid] else {
                        throw SpecError(path.key("via").index(k), "unknown road segment \"\(sid)\"")
                    }
                    if let last = route.last, network.movement(from: Int(last), to: Int(s)) == nil {
                        throw SpecError(path.key("via").index(k), "no movement from \"\(network.segmentIDs[Int(last)])\" into \"\(sid)\"")
                    }
                    route.append(s)
                }
                guard let first = route.first, Int(network.segmentFrom[Int(first)]) == Int(o),
                      Int(network.segmentTo[Int(route.last!)]) == Int(d) else {
                    throw SpecError(path.key("via"), "the route must leave \"\(f.from)\" and end at \"\(f.to)\"")
                }
            } else {
                guard let r = router.route(from: Int(o), to: Int(d)) else {
                    throw SpecError(path, "no route from \"\(f.from)\" to \"\(f.to)\"")
                }
                route = r
            }
            // A movement no phase serves would hold this flow at a red light for the whole run.
            if f.rate > 0, let m = network.firstUnservedMovement(on: route, served: served) {
                let j = Int(network.segmentTo[Int(network.movementFrom[m])])
                throw SpecError(path, "the route from \"\(f.from)\" to \"\(f.to)\" takes movement "
                                + "\(network.describeMovement(m)) at junction \(network.describeJunction(j)), "
                                + "which no phase of its signal plan serves (add it to a phase, or ban the turn so routes avoid it)")
            }
            var weights = classes.map(\.share)
            if let mix = f.mix {
                weights = Array(repeating: 0, count: classes.count)
                for (k, entry) in mix.enumerated() {
                    guard let c = classIndex[entry.name] else {
                        throw SpecError(path.key("mix").key(entry.name), "unknown vehicle class \"\(entry.name)\"")
                    }
                    _ = k
                    weights[c] = entry.share
                }
            }
            flows.append(Flow(origin: Int(o), destination: Int(d), rate: f.rate * demand.scale / 3600,
                              classWeights: weights, route: route))
        }
        self.flows = flows
        var byPair: [Int: [Int32]] = [:]
        shortestRoutes = flows.map { f in
            let key = f.origin * network.junctionCount + f.destination
            if let r = byPair[key] { return r }
            // A flow's own route exists, so a shortest one does.
            let r = router.route(from: f.origin, to: f.destination) ?? f.route
            byPair[key] = r
            return r
        }

        var incs: [Incident] = []
        for (i, e) in incidents.enumerated() {
            let path = root.key("events").index(i)
            // A segment id touches that direction only; `direction: both` adds the reverse.
            guard let named = network.segmentIndexByID[e.road] else {
                throw SpecError(path.key("road"), "unknown road or segment \"\(e.road)\"")
            }
            var segs = [named]
            if e.direction == .both {
                let reverseID = e.road.hasSuffix("~r") ? String(e.road.dropLast(2)) : e.road + "~r"
                guard let reverse = network.segmentIndexByID[reverseID] else {
                    throw SpecError(path.key("direction"), "road \"\(e.road)\" is oneway: it has no second direction")
                }
                segs.append(reverse)
            }
            guard e.from >= 0, e.to > e.from else { throw SpecError(path.key("to"), "an event must end after it starts") }
            let factor = e.kind == .closure ? 0 : e.factor
            guard factor.isFinite, factor >= 0, e.kind == .closure || factor > 0 else {
                throw SpecError(path.key("factor"), "capacity factor must be greater than 0 (use kind: closure to close)")
            }
            incs.append(Incident(segments: segs, from: e.from, to: e.to, factor: factor))
        }
        self.incidents = incs
    }

    /// The profile multiplier at time `t` (s): piecewise linear, constant beyond the ends.
    public func profileFactor(at t: Double) -> Double {
        guard let first = profile.first else { return 1 }
        if t <= first.time { return first.factor }
        for k in 1..<profile.count where t <= profile[k].time {
            let a = profile[k - 1], b = profile[k]
            return a.factor + (b.factor - a.factor) * (t - a.time) / (b.time - a.time)
        }
        return profile.last!.factor
    }

    /// Mean profile factor over [a, b], by the trapezoid rule on a 10 s grid.
    public func meanProfileFactor(from a: Double, to b: Double) -> Double {
        guard !profile.isEmpty, b > a else { return 1 }
        let steps = max(1, Int((b - a) / 10))
        var sum = 0.0
        for k in 0...steps {
            let w = (k == 0 || k == steps) ? 0.5 : 1
            sum += w * profileFactor(at: a + (b - a) * Double(k) / Double(steps))
        }
        return sum / Double(steps)
    }

    /// Routed demand per movement over the measured period: (veh/h, PCU/h). Webster's method
    /// and the report use it.
    public func movementDemand() -> (vehicles: [Double], pcu: [Double]) {
        movementDemand(from: timing.warmup, to: timing.duration)
    }

    /// Routed demand per movement, the profile averaged over [a, b] (s): (veh/h, PCU/h).
    /// Time-of-day plans use it per period.
    public func movementDemand(from a: Double, to b: Double) -> (vehicles: [Double], pcu: [Double]) {
        var veh = [Double](repeating: 0, count: network.movementCount)
        var pcu = veh
        let factor = meanProfileFactor(from: a, to: b)
        for f in flows {
            let total = f.classWeights.reduce(0, +)
            let meanPCU = total > 0 ? zip(f.classWeights, classes).reduce(0) { $0 + $1.0 * $1.1.pcu } / total : 1
            let vph = f.rate * 3600 * factor
            for k in 0..<max(0, f.route.count - 1) {
                if let m = network.movement(from: Int(f.route[k]), to: Int(f.route[k + 1])) {
                    veh[m] += vph; pcu[m] += vph * meanPCU
                }
            }
        }
        return (veh, pcu)
    }
}
