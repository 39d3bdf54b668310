import Foundation
import Testing
import NgaTuCore
import NgaTuFormats

/// Every committed map builds in the core, and every committed scenario reads, builds its
/// simulation setup at every sweep point and runs a short fixed-time smoke version that
/// delivers vehicles. Errors are reported as file:line:col with the key's path.
@Suite struct MapsAndScenariosTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(in folder: String) throws -> [String] {
        let dir = repo.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test func everyMapBuilds() throws {
        let maps = try Self.files(in: "maps")
        #expect(maps.count >= 3)
        for path in maps {
            let doc: MapDocument
            do { doc = try MapReader.read(file: path) } catch { Issue.record("\(error)"); continue }
            do {
                let net = try NetworkBuilder.build(doc.spec)
                // Every signal program gives every approach with a movement some green.
                for p in net.programs {
                    let served = Set(p.phases.flatMap { $0.movements.map { net.movementFrom[Int($0)] } })
                    let j = Int(p.junction)
                    for k in Int(net.approachStart[j])..<Int(net.approachStart[j + 1]) {
                        let s = net.approachSegments[k]
                        let hasMovement = net.movementStart[Int(s)] < net.movementStart[Int(s) + 1]
                        #expect(!hasMovement || served.contains(s),
                                "\(path): approach \(net.approachName[Int(s)]) of \(net.junctionIDs[j]) never gets green")
                    }
                }
            } catch {
                Issue.record("\(doc.sourceMap.inputError(for: error))")
            }
        }
    }

    @Test func everyScenarioRunsAShortSmokeVersion() throws {
        let scenarios = try Self.files(in: "scenarios")
        #expect(scenarios.count >= 4)
        for path in scenarios {
            let doc: ScenarioDocument
            do { doc = try ScenarioReader.read(file: path) } catch { Issue.record("\(error)"); continue }
            let net: Network
            do { net = try NetworkBuilder.build(doc.map.spec) } catch {
                Issue.record("\(doc.map.sourceMap.inputError(for: error))"); continue
            }
            let scales = doc.spec.sweep.first { $0.key == "demand_scale" }?.values ?? [1]
            for scale in scales {
                var demand = doc.spec.demand
                demand.scale = scale
                let full: SimulationSetup, smoke: SimulationSetup
                do {
                    full = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles, demand: demand,
                                               incidents: doc.spec.events,
                                               timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
                    smoke = try SimulationSetup(network: net, model: doc.spec.model, classes: doc.spec.vehicles, demand: demand,
                                                incidents: doc.spec.events,
                                                timing: RunTiming(duration: min(doc.spec.duration, 20 * 60),
                                                                  warmup: min(doc.spec.warmup, 5 * 60)))
                } catch {
                    Issue.record("\(path) at demand_scale \(scale): \(doc.sourceMap.inputError(for: error))"); continue
                }
                #expect(full.flows.count == doc.spec.demand.flows.count || !full.flows.isEmpty)
                guard scale == 1 || scales.count == 1 else { continue }
                var sim = Simulation(setup: smoke, seed: doc.spec.seed,
                                     controllers: net.programs.map { FixedTimeController(plan: .init($0)) })
                let r = sim.run()
                #expect(r.summary.vehiclesFinished > 0, "\(path): no vehicle finished in the smoke run")
                #expect(r.warnings.isEmpty, "\(path): gridlock warnings in the smoke run: \(r.warnings)")
            }
        }
    }

    /// The weekday scenario's demand is a realistic day of at least 500,000 trips: the flows'
    /// peak rates times the mean of the daily profile over 24 h.
    @Test func weekdayScenarioCarriesHalfAMillionTripsADay() throws {
        let path = try Self.files(in: "scenarios").first { $0.hasSuffix("ninh-kieu-weekday.yaml") }!
        let doc = try ScenarioReader.read(file: path)
        let setup = try SimulationSetup(network: try NetworkBuilder.build(doc.map.spec), classes: doc.spec.vehicles,
                                        demand: doc.spec.demand, timing: RunTiming(duration: doc.spec.duration, warmup: doc.spec.warmup))
        #expect(doc.spec.duration == 86_400)
        let perSecond = setup.flows.reduce(0) { $0 + $1.rate }
        let trips = perSecond * setup.meanProfileFactor(from: 0, to: 86_400) * 86_400
        #expect(trips > 500_000 && trips < 600_000, "expected trips a day: \(trips)")
        let peak = perSecond * 3600
        #expect(peak > 35_000, "peak hour: \(peak) veh/h")
        // Local trips: most flows start or end at a junction that is not a boundary.
        let local = setup.flows.filter { setup.network.junctionControl[$0.origin] != .boundary
            || setup.network.junctionControl[$0.destination] != .boundary }
        #expect(local.reduce(0) { $0 + $1.rate } > 0.6 * perSecond)
    }
}
