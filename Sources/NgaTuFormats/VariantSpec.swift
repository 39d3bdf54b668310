public import NgaTuCore

/// One alternative of the world a scenario compares (`variants:`): every strategy runs on
/// every variant, on the same seeds. A variant changes only what it names; an empty variant
/// is the scenario as written.
public struct VariantSpec: Sendable, Equatable {
    public var name: String
    /// Plans replacing the map's at their junctions (the map's `signals:` syntax).
    public var signals: [SignalPlanSpec] = []
    /// Events added to the scenario's.
    public var events: [IncidentSpec] = []
    /// Changes to roads, in file order.
    public var roads: [RoadChange] = []
    /// `model` keys set, as key paths (`model.critical_gap`) in file order, values in the key's unit.
    public var model: [SweepAxis] = []
    /// The demand multiplier of this variant (the swept `demand_scale` multiplies it).
    public var demandScale: Double? = nil

    public init(name: String) { self.name = name }

    /// A road's lanes (per direction), width, speed, or closure for the whole run.
    public struct RoadChange: Sendable, Equatable {
        public var road: String
        public var lanes: Int? = nil
        public var widthM: Double? = nil
        public var speedKmh: Double? = nil
        public var closed = false
        public init(road: String) { self.road = road }
    }

    /// The scenario in this variant: model keys and the demand scale set through the one
    /// override of key paths (`Sensitivity.applying`), events added, closed roads closed from
    /// start to end in every direction.
    public func applied(to spec: ScenarioSpec, map: MapSpec) -> ScenarioSpec {
        var s = spec
        for m in model { s = Sensitivity.applying(m.key, m.values[0], to: s) }
        if let demandScale { s = Sensitivity.applying("demand_scale", demandScale, to: s) }
        s.sensitivity = spec.sensitivity
        s.events += events
        for r in roads where r.closed {
            let oneway = map.roads.first { $0.id == r.road }?.oneway ?? false
            s.events.append(IncidentSpec(kind: .closure, road: r.road, from: 0, to: spec.duration,
                                         direction: oneway ? .one : .both))
        }
        return s
    }

    /// The map in this variant: plans replaced, road lanes, widths and speeds changed.
    public func applied(to map: MapSpec) -> MapSpec {
        var m = map
        for plan in signals {
            if let i = m.signals.firstIndex(where: { $0.junction == plan.junction }) { m.signals[i] = plan } else { m.signals.append(plan) }
        }
        for r in roads {
            guard let i = m.roads.firstIndex(where: { $0.id == r.road }) else { continue }
            if let lanes = r.lanes {
                m.roads[i].lanesForward = lanes
                if !m.roads[i].oneway { m.roads[i].lanesBackward = lanes }
            }
            if let w = r.widthM { m.roads[i].widthM = w }
            if let v = r.speedKmh { m.roads[i].speedKmh = v }
        }
        return m
    }

    /// True when the variant changes the map (plans, lanes, widths or speeds).
    public var changesMap: Bool {
        !signals.isEmpty || roads.contains { $0.lanes != nil || $0.widthM != nil || $0.speedKmh != nil }
    }
}
