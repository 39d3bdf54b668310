public import NgaTuCore
public import NgaTuFormats
public import NgaTuResults

/// The one expansion of a scenario's `sweep:`: the runs, the results and `export-sumo` all
/// take their sweep points and the demand at each from here.
extension ScenarioSpec {
    /// Every combination of the swept values in run order (the first key varying slowest),
    /// `demand_scale` always among the keys (1 when not swept).
    public var expandedSweep: Sweep {
        let axes = sweep.isEmpty ? [SweepAxis(key: Sweep.demandScaleKey, values: [1])] : sweep
        return Sweep(product: axes.map { (key: $0.key, values: $0.values) })
    }

    /// The scenario at a sweep point: every swept key path set to the point's value (through
    /// the one override of key paths, `Sensitivity.applying`), the demand scaled.
    public func spec(at point: SweepPoint) -> ScenarioSpec {
        var s = self
        for (key, value) in zip(point.keys, point.values) where key != Sweep.demandScaleKey {
            s = Sensitivity.applying(key, value, to: s)
        }
        s.sensitivity = sensitivity
        s.demand = demand(at: point)
        return s
    }

    /// The scenario's demand at a sweep point: scaled by its `demand_scale`.
    public func demand(at point: SweepPoint) -> DemandSpec {
        var d = demand
        d.scale = point[Sweep.demandScaleKey] ?? 1
        return d
    }
}
