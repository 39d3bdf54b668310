import Foundation
import Testing
import NgaTuCore
import NgaTuFormats

/// `scenarios/flood-mau-than-full.yaml`: Mậu Thân northbound at 30% of its capacity for 40
/// minutes on the full map, with its routes kept and with every driver routing around the
/// flood (`drivers-detour`, `model.reroute_share: 1`): the flooded segments lose traffic and
/// the side streets take it.
@Suite struct FloodDetourTests {
    /// The seven flooded segments, as the scenario's events name them.
    static func flooded(_ doc: ScenarioDocument) -> [String] { doc.spec.events.map(\.road) }

    /// One fixed-time run (the scenario's seed) of a variant; vehicles recounted at every sample.
    static func run(_ doc: ScenarioDocument, variant name: String) throws -> (result: RunResult, network: Network) {
        let variant = try #require(doc.spec.variants.first { $0.name == name })
        let spec = variant.applied(to: doc.spec, map: doc.map.spec)
        let net = try NetworkBuilder.build(variant.applied(to: doc.map.spec))
        let setup = try SimulationSetup(network: net, model: spec.model, classes: spec.vehicles, demand: spec.demand,
                                        incidents: spec.events, timing: RunTiming(duration: spec.duration, warmup: spec.warmup))
        var options = SimulationOptions()
        options.audit = true
        var sim = Simulation(setup: setup, seed: spec.seed, controllers: net.programs.map { FixedTimeController(plan: .init($0)) },
                             options: options)
        return (sim.run(), net)
    }

    @Test func theDetourLeavesMauThanForTheSideStreets() throws {
        let doc = try ScenarioReader.read(file: CanThoMapTests.repo.appendingPathComponent("scenarios/flood-mau-than-full.yaml").path)
        #expect(doc.spec.model.rerouteShare == 0)
        let (kept, net) = try Self.run(doc, variant: "routes-kept")
        let (detour, _) = try Self.run(doc, variant: "drivers-detour")
        func left(_ r: RunResult, _ id: String) -> Int {
            let s = Int(net.segmentIndexByID[id]!)
            return r.roads.first { $0.segment == s }?.left ?? 0
        }
        for r in [kept, detour] {
            #expect(r.timeSeries.allSatisfy { $0.generated == $0.finished + $0.waiting + $0.onSegments })
            #expect(r.warnings.isEmpty)
        }
        #expect(kept.summary.vehiclesDemanded == detour.summary.vehiclesDemanded)
        // Every flooded segment loses traffic.
        for id in Self.flooded(doc) {
            #expect(left(detour, id) < left(kept, id) * 3 / 4, "\(id): \(left(kept, id)) → \(left(detour, id))")
        }
        // The side streets (hẻm, alleys) take part of it: together, and at least three of them
        // from nothing.
        var gained = 0, total = (kept: 0, detour: 0)
        for (s, id) in net.segmentIDs.enumerated() {
            let road = id.hasSuffix("~r") ? String(id.dropLast(2)) : id
            // Named "Hẻm …" in the 2018 layer, some "hẻm …" or "Hẽm …".
            let name = doc.map.spec.roads.first(where: { $0.id == road })?.name.lowercased() ?? ""
            guard name.hasPrefix("hẻm") || name.hasPrefix("hẽm") else { continue }
            let a = kept.roads.first { $0.segment == s }?.left ?? 0, b = detour.roads.first { $0.segment == s }?.left ?? 0
            total.kept += a; total.detour += b
            if a == 0 && b >= 50 { gained += 1 }
        }
        print("flood detour: flooded mau-than-8~r \(left(kept, "mau-than-8~r")) → \(left(detour, "mau-than-8~r")) vehicles; hẻm segments \(total.kept) → \(total.detour) vehicles, \(gained) from 0 to ≥ 50")
        #expect(gained >= 3)
        #expect(total.detour > total.kept + 300)
    }
}
