import Foundation
import Testing
import NgaTuCore
import NgaTuFormats

/// `scenarios/ninh-kieu-full-am-peak.yaml`: the flagship's through flows on the full network,
/// unsignalised junctions yielding, run for its whole 90 minutes under the map's fixed plans.
@Suite struct NinhKieuFullScenarioTests {
    @Test func thePeakRunsWithoutGridlockUnderFixedTime() throws {
        let path = CanThoMapTests.repo.appendingPathComponent("scenarios/ninh-kieu-full-am-peak.yaml").path
        let doc = try ScenarioReader.read(file: path)
        #expect(doc.spec.model.priorityJunctions == .yield)
        let net = try NetworkBuilder.build(doc.map.spec)
        let setup = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles, demand: doc.spec.demand,
                                        incidents: doc.spec.events,
                                        timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        var sim = Simulation(setup: setup, seed: doc.spec.seed, controllers: net.programs.map { FixedTimeController(plan: .init($0)) })
        let r = sim.run()
        // No gridlock (nothing moving for 5 minutes with vehicles waiting), nobody left at an
        // entry, and about 12,200 vehicles demanded of which about 10,850 finished (seed 2026).
        #expect(r.warnings.isEmpty, "gridlock: \(r.warnings)")
        #expect(r.summary.vehiclesWaiting == 0)
        #expect(r.summary.vehiclesFinished > 10_000)
        #expect(Double(r.summary.vehiclesFinished) > 0.85 * Double(r.summary.vehiclesFinished + r.summary.vehiclesUnfinished))
    }

    /// Every approach of every signalised junction carries routed demand at the peak.
    @Test func everySignalisedApproachHasDemandAtThePeak() throws {
        let doc = try ScenarioReader.read(file: CanThoMapTests.repo.appendingPathComponent("scenarios/ninh-kieu-full-am-peak.yaml").path)
        let net = try NetworkBuilder.build(doc.map.spec)
        let setup = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles, demand: doc.spec.demand,
                                        timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        let demand = setup.movementDemand().vehicles
        expectDemandOnEverySignalisedApproach(net, demand)
    }

    /// `scenarios/ninh-kieu-full-weekday.yaml` loads, yields at priority junctions, and at the
    /// peak (profile factor 1) every approach of every signalised junction carries routed demand.
    @Test func theWeekdayLoadsAndEverySignalisedApproachHasDemandAtThePeak() throws {
        let doc = try ScenarioReader.read(file: CanThoMapTests.repo.appendingPathComponent("scenarios/ninh-kieu-full-weekday.yaml").path)
        #expect(doc.spec.model.priorityJunctions == .yield)
        #expect(doc.spec.duration == 86_400)
        #expect(doc.spec.demand.profile.map { $0.factor }.max() == 1.0)
        #expect(doc.spec.demand.flows.count > 500)
        let net = try NetworkBuilder.build(doc.map.spec)
        let setup = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles, demand: doc.spec.demand,
                                        timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        let demand = setup.movementDemand(from: 6.5 * 3600, to: 7.5 * 3600).vehicles
        expectDemandOnEverySignalisedApproach(net, demand)
    }

    /// Every approach of every signalised junction (56 on the full map: J12 has four since
    /// Nguyễn Văn Cừ's southbound carriageway joins it) has routed demand.
    func expectDemandOnEverySignalisedApproach(_ net: Network, _ demand: [Double]) {
        var approaches = 0
        for j in net.signalisedJunctions {
            for a in Int(net.approachStart[j])..<Int(net.approachStart[j + 1]) {
                let s = Int(net.approachSegments[a])
                let veh = (Int(net.movementStart[s])..<Int(net.movementStart[s + 1])).reduce(0.0) { $0 + demand[$1] }
                #expect(veh > 0, "\(net.junctionIDs[j]) \(net.approachName[s]) has no demand")
                approaches += 1
            }
        }
        #expect(approaches == 56)
    }

    /// One fixed-time run of a scenario file of the full map (its seed, replication 1).
    static func run(_ name: String) throws -> (result: RunResult, network: Network) {
        let doc = try ScenarioReader.read(file: CanThoMapTests.repo.appendingPathComponent("scenarios/\(name).yaml").path)
        let net = try NetworkBuilder.build(doc.map.spec)
        let setup = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles, demand: doc.spec.demand,
                                        incidents: doc.spec.events,
                                        timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        var sim = Simulation(setup: setup, seed: doc.spec.seed, controllers: net.programs.map { FixedTimeController(plan: .init($0)) })
        return (sim.run(), net)
    }

    /// The flood on the full map: the same trips, Mậu Thân northbound at 30% for 40 minutes.
    /// The stop line at J1 binds (its segment's mean time about doubles) and the network's
    /// delay rises (README: +2.8 s per demanded vehicle over 5 replications).
    @Test func theMauThanFloodSlowsTheLastSegmentIntoJ1() throws {
        let (dry, net) = try Self.run("ninh-kieu-full-am-peak")
        let (wet, _) = try Self.run("flood-mau-than-full")
        #expect(wet.warnings.isEmpty)
        #expect(wet.summary.totalDelayVehH > dry.summary.totalDelayVehH)
        let s = Int(net.segmentIndexByID["mau-than-9"]!)
        let a = try #require(dry.roads.first { $0.segment == s }), b = try #require(wet.roads.first { $0.segment == s })
        #expect(b.meanTravelTime > 1.5 * a.meanTravelTime, "J1 approach: \(a.meanTravelTime) s dry, \(b.meanTravelTime) s flooded")
    }
}
