public import NgaTuCore
public import NgaTuFormats
public import NgaTuResults

/// The one expansion of a scenario's `sweep:`: the runs, the results and `export-sumo` all
/// take their sweep points and the demand at each from here.
extension ScenarioSpec {
    /// Every combination of the swept values in run order (the first key varying slowest),
    /// `demand_scale` always among the keys (1 when not swept). With `variants:`, `variant`
    /// is the first key (its value the variant's position, the point naming it), so every
    /// sweep point is run in every variant.
    public var expandedSweep: Sweep {
        let axes = sweep.isEmpty ? [SweepAxis(key: Sweep.demandScaleKey, values: [1])] : sweep
        let plain = Sweep(product: axes.map { (key: $0.key, values: $0.values) })
        guard !variants.isEmpty else { return plain }
        let keys = [Sweep.variantKey] + plain.keys
        var points: [SweepPoint] = []
        for (i, v) in variants.enumerated() {
            for p in plain.points {
                points.append(SweepPoint(keys: keys, values: [Double(i)] + p.values, variant: v.name))
            }
        }
        return Sweep(keys: keys, points: points)
    }

    /// The variant a sweep point runs in, nil without variants.
    public func variant(at point: SweepPoint) -> VariantSpec? {
        guard let x = point[Sweep.variantKey], let i = Int(exactly: x), variants.indices.contains(i) else { return nil }
        return variants[i]
    }

    /// The scenario at a sweep point: its variant applied (`VariantSpec.applied`), then every
    /// swept key path set to the point's value (through the one override of key paths,
    /// `Sensitivity.applying`), the demand scaled.
    public func spec(at point: SweepPoint, map: MapSpec? = nil) -> ScenarioSpec {
        var s = self
        if let v = variant(at: point), let map { s = v.applied(to: s, map: map) }
        for (key, value) in zip(point.keys, point.values) where key != Sweep.demandScaleKey && key != Sweep.variantKey {
            s = Sensitivity.applying(key, value, to: s)
        }
        s.sensitivity = sensitivity
        // A variant's `demand_scale` multiplies the swept one (1 × x is x exactly).
        s.demand.scale = s.demand.scale * (point[Sweep.demandScaleKey] ?? 1)
        return s
    }

    /// The scenario's demand at a sweep point: scaled by its `demand_scale`.
    public func demand(at point: SweepPoint) -> DemandSpec {
        var d = demand
        d.scale = point[Sweep.demandScaleKey] ?? 1
        return d
    }
}
