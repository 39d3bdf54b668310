import NgaTuCore

/// Vehicle types, the mix, routes and flows.
extension SUMOModel {
    /// SUMO's view of one of our vehicle classes.
    struct VehicleType { var length: Double; var minGap: Double; var tau: Double }

    /// A car's length share of the jam spacing: SUMO's passenger car is 4.5 m long with a 2.5 m
    /// minGap, 7 m in all, our default jam spacing.
    static let carLengthShare = 4.5 / 7.0

    /// Our classes differ only by their PCU, so in SUMO every class is the same car (vClass
    /// `passenger`, Krauss with SUMO's car acceleration and deceleration) scaled by its PCU, in
    /// space and in time, so that SUMO's lanes hold and discharge what ours do:
    /// - `length + minGap` = PCU × jam spacing, our storage per vehicle (7 m per car, 2.1 m per
    ///   motorcycle at 0.3 PCU), split as a car's 4.5 m + 2.5 m;
    /// - `tau` = PCU × τ_car with τ_car = 3600 / s − jam spacing / v, so that a queue discharging
    ///   at speed v, one vehicle every tau + (length + minGap) / v (SUMO's headway: the net time
    ///   gap plus the vehicle's own space), leaves one every PCU × 3600 / s, our saturation
    ///   headway. v is `dischargeSpeed` (the approaches' harmonic-mean speed limit), s the
    ///   model's saturation flow per lane;
    /// - `sigma` 0: no driver imperfection, as in the queue model (SUMO's default 0.5 slows a
    ///   discharging queue by about 0.08 s per vehicle);
    /// - `speedFactor` 1, `speedDev` 0: every vehicle wants the speed limit.
    ///
    /// Measured on a saturated one-lane approach (60 s cycle, 25 s green): SUMO micro then
    /// discharges one car per 2.00 s and one motorcycle per 0.60 s, ours 2.0 and 0.6 s. In
    /// SUMO meso the headway is the same sum when meso's headway factors are 1 (the .sumocfg
    /// sets them).
    func vehicleType(_ c: VehicleClass) -> VehicleType {
        let space = setup.model.jamSpacing * c.pcu
        return VehicleType(length: space * SUMOModel.carLengthShare, minGap: space * (1 - SUMOModel.carLengthShare),
                           tau: c.pcu * carTau)
    }

    /// τ_car (s): a car's net time gap, 3600 / s − jam spacing / v (at least 0.05 s).
    var carTau: Double {
        max(0.05, 3600 / setup.model.saturationFlow - setup.model.jamSpacing / dischargeSpeed)
    }

    /// The speed (m/s) at which SUMO's queues are taken to discharge: the harmonic mean of the
    /// speed limits of the segments entering signalised junctions (of all segments when there is
    /// none). SUMO's headway holds a term (length + minGap) / speed that ours does not have, so a
    /// network's vTypes are exact at this speed and slightly off on faster or slower approaches.
    var dischargeSpeed: Double {
        let net = network
        var approaches = (0..<net.segmentCount).filter { net.junctionControl[Int(net.segmentTo[$0])] == .signal }
        if approaches.isEmpty { approaches = Array(0..<net.segmentCount) }
        guard !approaches.isEmpty else { return 13.9 }
        return Double(approaches.count) / approaches.reduce(0) { $0 + 1 / max(net.segmentSpeed[$1], 0.1) }
    }

    /// SUMO's step (s): the export's option, or the largest of 0.5, 0.25, 0.2, 0.1 and 0.05 s not
    /// above the shortest tau of a class in use (a tau below the step lets SUMO micro's vehicles
    /// collide, and its discharge lags its leader by a fraction of a step).
    var stepLength: Double {
        if let s = options.stepLength { return s }
        let used = setup.classes.indices.filter { k in setup.flows.contains { $0.classWeights[k] > 0 } }
        let minTau = (used.isEmpty ? setup.classes.indices.map { $0 } : used)
            .map { vehicleType(setup.classes[$0]).tau }.min() ?? 1
        return [0.5, 0.25, 0.2, 0.1].first { $0 <= minTau + 1e-9 } ?? 0.05
    }

    /// Distinct mixes of the flows, in order of first use: class weights per mix.
    var mixes: [[Double]] {
        var out: [[Double]] = []
        for f in setup.flows where !out.contains(f.classWeights) { out.append(f.classWeights) }
        return out
    }

    /// A flow split into time slices: (begin, end, veh/s). One slice without a profile.
    func slices(of f: SimulationSetup.Flow) -> [(begin: Double, end: Double, rate: Double)] {
        let duration = setup.timing.duration
        guard !setup.profile.isEmpty else { return [(0, duration, f.rate)] }
        var out: [(Double, Double, Double)] = []
        var t = 0.0
        while t < duration - 1e-9 {
            let e = min(duration, t + options.profileSlice)
            out.append((t, e, f.rate * setup.meanProfileFactor(from: t, to: e)))
            t = e
        }
        return out
    }

    func routesXML() -> String {
        var x = XMLText()
        header(&x, "vehicle types, mix, routes (as our Router chose them) and flows")
        let s = setup.model.saturationFlow, jam = setup.model.jamSpacing
        x.comment("Types: every class is SUMO's car scaled by its PCU (ours differ only by PCU). length + minGap = PCU × \(num(jam)) m (our storage "
                  + "per vehicle); tau = PCU × \(num(carTau, 3)) s, where \(num(carTau, 3)) = 3600/\(num(s)) − "
                  + "\(num(jam))/\(num(dischargeSpeed, 2)) m/s, so that a lane discharges one vehicle per "
                  + "tau + (length + minGap)/v = PCU × \(num(3600 / s, 3)) s, our saturation headway "
                  + "(v: harmonic mean speed limit of the signalised approaches). sigma 0 (no driver imperfection); "
                  + "every vehicle wants the speed limit.")
        x.start("routes")
        for c in setup.classes {
            let t = vehicleType(c)
            x.element("vType", [("id", c.name), ("vClass", "passenger"), ("length", num(t.length, 3)),
                                ("minGap", num(t.minGap, 3)), ("tau", num(t.tau, 3)), ("sigma", "0"),
                                ("speedFactor", "1"), ("speedDev", "0")])
        }
        for (k, w) in mixes.enumerated() where options.departures == .flows {
            let used = w.indices.filter { w[$0] > 0 }
            x.element("vTypeDistribution", [("id", "mix\(k)"),
                                            ("vTypes", used.map { setup.classes[$0].name }.joined(separator: " ")),
                                            ("probabilities", used.map { num(w[$0], 6) }.joined(separator: " "))])
        }
        for (i, f) in setup.flows.enumerated() {
            x.element("route", [("id", "r\(i)"), ("edges", f.route.map { network.segmentIDs[Int($0)] }.joined(separator: " "))])
        }
        if options.departures == .vehicles {
            // Our vehicles, in order of departure (SUMO reads routes incrementally); ids f<flow>.<k>.
            x.comment("Every vehicle Ngã Tư generates with seed \(seed) (its departures, classes and routes), so that "
                      + "SUMO runs exactly our demand.")
            var serial = [Int](repeating: 0, count: setup.flows.count)
            for d in departures {
                x.element("vehicle", [("id", "f\(d.flow).\(serial[d.flow])"), ("type", setup.classes[d.vehicleClass].name),
                                      ("route", "r\(d.flow)"), ("depart", num(d.time, 6)),
                                      ("departLane", "best"), ("departSpeed", "max"), ("departPos", "base")])
                serial[d.flow] += 1
            }
            x.end()
            return x.text
        }
        // Flows sorted by begin (SUMO reads routes incrementally), then by flow index.
        var rows: [(begin: Double, i: Int, k: Int, end: Double, rate: Double)] = []
        for (i, f) in setup.flows.enumerated() {
            for (k, s) in slices(of: f).enumerated() where s.rate > 0 { rows.append((s.begin, i, k, s.end, s.rate)) }
        }
        rows.sort { ($0.begin, $0.i, $0.k) < ($1.begin, $1.i, $1.k) }
        let mixes = self.mixes
        for r in rows {
            let f = setup.flows[r.i]
            if r.k == 0 {
                x.comment("flow \(r.i): \(network.junctionIDs[f.origin]) → \(network.junctionIDs[f.destination]), "
                          + "\(num(f.rate * 3600, 1)) veh/h (demand scale included)")
            }
            let period = setup.arrivals == .poisson ? "exp(\(num(r.rate, 8)))" : num(1 / r.rate, 4)
            let id = setup.profile.isEmpty ? "f\(r.i)" : "f\(r.i)-s\(r.k)"
            x.element("flow", [("id", id), ("type", "mix\(mixes.firstIndex(of: f.classWeights)!)"), ("route", "r\(r.i)"),
                               ("begin", num(r.begin)), ("end", num(r.end)), ("period", period),
                               ("departLane", "best"), ("departSpeed", "max"), ("departPos", "base")])
        }
        x.end()
        return x.text
    }
}
