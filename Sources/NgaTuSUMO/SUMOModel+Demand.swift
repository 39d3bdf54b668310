import NgaTuCore

/// Vehicle types, the mix, routes and flows.
extension SUMOModel {
    /// SUMO's view of one of our vehicle classes.
    struct VehicleType { var vClass: String; var length: Double; var minGap: Double; var maxSpeed: Double? }

    /// Known classes get SUMO's vClass and a typical length; any other class is a passenger
    /// car scaled by its PCU. Acceleration, deceleration and driver imperfection stay SUMO's
    /// vClass defaults (Krauss model): the queue model has no such parameters.
    static func vehicleType(_ c: VehicleClass) -> VehicleType {
        switch c.name {
        case "motorbike", "motorcycle": return VehicleType(vClass: "motorcycle", length: 2.0, minGap: 1.0, maxSpeed: nil)
        case "car": return VehicleType(vClass: "passenger", length: 4.5, minGap: 2.5, maxSpeed: nil)
        case "bus": return VehicleType(vClass: "bus", length: 12.0, minGap: 2.5, maxSpeed: nil)
        case "truck": return VehicleType(vClass: "truck", length: 7.5, minGap: 2.5, maxSpeed: nil)
        case "bicycle": return VehicleType(vClass: "bicycle", length: 1.6, minGap: 0.5, maxSpeed: nil)
        default: return VehicleType(vClass: "passenger", length: max(1.5, 4.5 * c.pcu), minGap: 2.5, maxSpeed: nil)
        }
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
        x.comment("Types: lengths as Vietnamese urban traffic; vClass defaults for dynamics. SUMO keeps motorcycles "
                  + "in lanes (no sublane model here), so a motorcycle lane carries far fewer than the 1800/0.3 = "
                  + "6000 motorcycles/h the PCU queue model allows.")
        x.start("routes")
        for c in setup.classes {
            let t = SUMOModel.vehicleType(c)
            var a = [("id", c.name), ("vClass", t.vClass), ("length", num(t.length)), ("minGap", num(t.minGap)),
                     ("speedFactor", "1"), ("speedDev", "0")]
            if let v = t.maxSpeed { a.append(("maxSpeed", num(v))) }
            x.element("vType", a)
        }
        for (k, w) in mixes.enumerated() {
            let used = w.indices.filter { w[$0] > 0 }
            x.element("vTypeDistribution", [("id", "mix\(k)"),
                                            ("vTypes", used.map { setup.classes[$0].name }.joined(separator: " ")),
                                            ("probabilities", used.map { num(w[$0], 6) }.joined(separator: " "))])
        }
        for (i, f) in setup.flows.enumerated() {
            x.element("route", [("id", "r\(i)"), ("edges", f.route.map { network.segmentIDs[Int($0)] }.joined(separator: " "))])
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
