import Testing
import NgaTuCore

/// The simulator against the analytic delay formulas (traffic-engineering.md, validation targets).
@Suite struct ValidationTests {
    static let cars = [VehicleClass(name: "car", share: 1, pcu: 1)]

    /// Mean delay of through traffic on the N approach of a 60 s two-phase crossroads: of its
    /// trips (`sim`) and the approach's control delay (`approach`).
    func delay(x: Double, arrivals: ArrivalProcess, hours: Double, seed: UInt64 = 1,
               classes: [VehicleClass] = Self.cars, lanes: Int = 2) throws -> (sim: Double, q: Double, approach: Double) {
        let net = try NetworkBuilder.build(TestNetworks.crossroads(lanes: lanes))
        let g = 25.0, c = 60.0, s = 1800.0 * Double(lanes) / 3600
        let q = x * s * g / c
        let meanPCU = classes.reduce(0) { $0 + $1.share * $1.pcu }
        let demand = DemandSpec(arrivals: arrivals, flows: [FlowSpec(from: "n", to: "s", rate: q / meanPCU * 3600)])
        let setup = try SimulationSetup(network: net, classes: classes, demand: demand,
                                        timing: RunTiming(duration: hours * 3600 + 900, warmup: 900))
        var sim = Simulation(setup: setup, seed: seed, controllers: TestNetworks.fixedControllers(net))
        let r = sim.run()
        let n = try #require(r.approaches.max { $0.throughput < $1.throughput })
        return (r.summary.meanDelay, q, n.controlDelay)
    }

    @Test(arguments: [0.3, 0.5, 0.7, 0.8, 0.9])
    func uniformArrivalsMatchHCMUniformDelay(x: Double) throws {
        // Deterministic arrivals: average over replications, each at another arrival phase.
        var sum = 0.0, q = 0.0, approachSum = 0.0
        for seed in 1...60 {
            let r = try delay(x: x, arrivals: .uniform, hours: 1, seed: UInt64(seed))
            sum += r.sim; q = r.q; approachSum += r.approach
        }
        let d = sum / 60, a = approachSum / 60
        let d1 = AnalyticDelay.hcmUniform(cycle: 60, green: 25, arrival: q, saturation: 1.0)
        print("uniform x=\(x): simulated \(d) s, HCM d1 \(d1) s, error \((d - d1) / d1 * 100)%; approach control delay \(a) s, error \((a - d1) / d1 * 100)%")
        #expect(abs(d - d1) / d1 < 0.05)
    }

    @Test(arguments: [0.3, 0.5, 0.7, 0.85])
    func mixedTrafficPoissonMatchesWebster(x: Double) throws {
        let (d, q, a) = try delay(x: x, arrivals: .poisson, hours: 40, classes: VehicleClass.canThoDefault)
        let w = AnalyticDelay.webster(cycle: 60, green: 25, arrival: q, saturation: 1.0)
        print("mix poisson x=\(x): simulated \(d) s, Webster \(w) s, error \((d - w) / w * 100)%; approach control delay \(a) s, error \((a - w) / w * 100)%")
        #expect(abs(d - w) / w < 0.15)
    }

    @Test(arguments: [0.3, 0.5, 0.7, 0.85])
    func poissonArrivalsMatchWebster(x: Double) throws {
        let (d, q, a) = try delay(x: x, arrivals: .poisson, hours: 40)
        let w = AnalyticDelay.webster(cycle: 60, green: 25, arrival: q, saturation: 1.0)
        print("poisson x=\(x): simulated \(d) s, Webster \(w) s, error \((d - w) / w * 100)%; approach control delay \(a) s, error \((a - w) / w * 100)%")
        #expect(abs(d - w) / w < 0.15)
    }
}
