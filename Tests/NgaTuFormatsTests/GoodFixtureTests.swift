import Foundation
import NgaTuCore
import Testing
@testable import NgaTuFormats

@Suite("Good fixtures")
struct GoodFixtureTests {
    @Test func crossroadsMap() throws {
        let doc = try MapReader.read(file: Fixture.path("good/crossroads.yaml"))
        let map = doc.spec
        #expect(map.id == "test-crossroads")
        #expect(map.title == "Ngã tư thử nghiệm")
        #expect(map.attribution == "hand-made test data, CC0")
        #expect(map.junctions.map(\.id) == ["c", "bn", "bs", "be", "bw"])
        #expect(map.junctions[0].at == LatLon(10.03, 105.77))
        #expect(map.junctions[0].control == .signal)
        #expect(map.junctions[0].banned == ["N:uturn", "S:uturn"])
        #expect(map.junctions[1].name == "North end")
        #expect(map.junctions[1].control == .boundary)

        let rn = map.roads[0], rs = map.roads[1], re = map.roads[2], rw = map.roads[3]
        #expect(rn.name == "North arm" && rn.from == "bn" && rn.to == "c")
        #expect(rn.lanesForward == 2 && rn.lanesBackward == 2)
        #expect(rn.widthM == 7.0)
        #expect(rn.speedKmh == 40)
        #expect(rn.lengthM == 400)                      // "0.4 km"
        #expect(rs.lanesForward == 2 && rs.lanesBackward == 1)
        #expect(rs.speedKmh == 30 && !rs.oneway && rs.lengthM == nil)
        #expect(re.lengthM == 400 && re.shape.count == 3 && re.shape[1] == LatLon(10.0301, 105.7720))
        #expect(re.lanesForward == 1 && re.lanesBackward == 1 && re.speedKmh == 40)   // defaults
        #expect(abs(rw.speedKmh - 36) < 1e-9)          // "10 m/s"
        #expect(rw.saturationFlow == 1800)              // "30 veh/min"

        let plan = try #require(map.signals.first)
        #expect(map.signals.count == 1)
        #expect(plan.junction == "c")
        #expect(plan.cycle == 90)                       // "1.5 min"
        #expect(plan.offset == 0 && plan.yellow == 3 && plan.allRed == 2)
        #expect(plan.phases.map(\.name) == ["N-S", "E-W"])
        #expect(plan.phases.map(\.green) == [40, 40])
        #expect(plan.phases[1].allow == ["E:through", "E:right", "E:left", "W"])
        #expect(plan.phases[0].yellow == nil && plan.phases[0].allRed == nil)
    }

    @Test func crossroadsScenarioUsesEveryKey() throws {
        let doc = try ScenarioReader.read(file: Fixture.path("good/crossroads-scenario.yaml"))
        let s = doc.spec
        #expect(s.id == "crossroads-pm")
        #expect(s.title == "Test crossroads, evening peak")
        #expect(s.question == "Does actuated control cut delay at the test crossroads when the evening peak comes?")
        #expect(s.mapPath == Fixture.path("good/crossroads.yaml"))
        #expect(s.mapPath.hasPrefix("/"))
        #expect(doc.map.spec.id == "test-crossroads")
        #expect(s.duration == 3600)                     // "1 h"
        #expect(s.warmup == 900)                        // "15 min"
        #expect(s.replications == 3)
        #expect(s.seed == 2026)
        #expect(s.vehicles == [VehicleClass(name: "motorbike", share: 0.85, pcu: 0.3),
                               VehicleClass(name: "car", share: 0.15, pcu: 1.0)])
        #expect(s.model.saturationFlow == 1800 && s.model.startupLostTime == 2 && s.model.greenExtension == 2)
        #expect(s.model.jamSpacing == 7 && s.model.laneWidth == 3.5 && s.model.criticalGap == 4)
        #expect(s.model.stopThreshold == 1 && s.model.minGreenFloor == 5 && s.model.priorityJunctions == .yield)
        #expect(s.titleVi == "Ngã tư thử nghiệm, cao điểm chiều")

        #expect(s.demand.arrivals == .uniform)
        #expect(s.demand.flows.count == 3)
        #expect(s.demand.flows[0] == FlowSpec(from: "bn", to: "bs", rate: 900))
        #expect(s.demand.flows[1].rate == 1200)         // "20 veh/min"
        #expect(s.demand.flows[1].mix?.map(\.name) == ["car", "motorbike"])
        #expect(s.demand.flows[1].mix?.map(\.share) == [0.3, 0.7])
        #expect(s.demand.flows[2].rate == 600 && s.demand.flows[2].via == ["re", "rw"])
        #expect(s.demand.flows[0].mix == nil && s.demand.flows[0].via == nil)
        #expect(s.demand.profile.map(\.time) == [0, 1800, 3600])
        #expect(s.demand.profile.map(\.factor) == [0.7, 1.2, 0.9])

        #expect(s.strategies.map(\.name) == ["fixed", "webster", "actuated", "max-pressure", "sotl"])
        #expect(s.strategies.map(\.controller) == ["fixed-time", "webster", "actuated", "max-pressure", "sotl"])
        let actuated = s.strategies[2].params
        #expect(actuated.map(\.key) == ["min_green", "max_green", "gap"])
        #expect(actuated[1].value == .number(90) && actuated[1].dimension == "time")
        #expect(actuated[2].path.description == "strategies[2].params.gap")
        let sotl = s.strategies[4].params
        #expect(sotl[0] == StrategyParam(key: "threshold", value: .number(40), dimension: nil,
                                         path: SpecPath.root.key("strategies").index(4).key("params").key("threshold")))
        #expect(sotl[1].value == .text("queue"))
        #expect(sotl[2].value == .list(["N", "S"]))
        #expect(s.baseline == "webster")
        #expect(s.controlledJunctions == ["c"])
        #expect(s.sweep == [SweepAxis(key: "demand_scale", values: [0.8, 1.0, 1.2])])
        #expect(s.events == [IncidentSpec(kind: .capacity, road: "rn", from: 1200, to: 3000, factor: 0.4),
                             IncidentSpec(kind: .closure, road: "rw~r", from: 1800, to: 2400, direction: .both)])
        #expect(s.sampleInterval == 30)
        #expect(s.language == "en")
    }

    @Test func minimalScenarioGetsDefaults() throws {
        let s = try ScenarioReader.read(file: Fixture.path("good/minimal-scenario.yaml")).spec
        #expect(s.title == "" && s.question == "")
        #expect(s.duration == 600 && s.warmup == 0 && s.replications == 1 && s.seed == 1)
        #expect(s.vehicles == VehicleClass.canThoDefault)
        #expect(s.model == ModelParameters())
        #expect(s.demand.arrivals == .poisson && s.demand.profile.isEmpty)
        #expect(s.strategies == [StrategySpec(name: "fixed", controller: "fixed-time")])
        #expect(s.baseline == "fixed")
        #expect(s.controlledJunctions == nil)
        #expect(s.sweep == [SweepAxis(key: "demand_scale", values: [1])])
        #expect(s.events.isEmpty && s.sampleInterval == 60 && s.language == "vi")
        #expect(s.mapPath == Fixture.path("good/crossroads.yaml"))
    }

    @Test("the source map places every value the core may name")
    func sourceMapOfCrossroads() throws {
        let doc = try MapReader.read(file: Fixture.path("good/crossroads.yaml"))
        let sm = doc.sourceMap
        let allow = SpecPath.root.key("signals").key("c").key("phases").index(1).key("allow").index(2)
        #expect(sm.location(of: allow) == SourceLocation(line: 53, column: 37))
        #expect(sm.location(of: SpecPath.root.key("roads").index(3)) == SourceLocation(line: 36, column: 5))
        #expect(sm.location(of: SpecPath.root.key("roads").index(1).key("from")) == SourceLocation(line: 26, column: 11))
        // a key the file leaves out points at the mapping that would hold it
        #expect(sm.location(of: SpecPath.root.key("roads").index(3).key("length")) == SourceLocation(line: 36, column: 5))
        #expect(sm.location(of: SpecPath.root.key("signals").key("c")) == SourceLocation(line: 42, column: 3))
        #expect(sm.location(of: SpecPath.root.key("nowhere")) == .start)

        let e = sm.inputError(for: SpecError(allow, "approach E of junction \"c\" has no left movement"))
        #expect(e.description == "\(Fixture.path("good/crossroads.yaml")):53:37: signals.c.phases[1].allow[2]: approach E of junction \"c\" has no left movement")
    }

    @Test("a controller's SpecError about a parameter names the scenario's line")
    func strategyParamError() throws {
        let doc = try ScenarioReader.read(file: Fixture.path("good/crossroads-scenario.yaml"))
        let gap = doc.spec.strategies[2].params[2]
        let e = doc.sourceMap.inputError(for: SpecError(gap.path, "expected a duration such as \"3 s\", got \"fast\""))
        #expect(e.line == 37)
        #expect(e.description.hasSuffix(":37:94: strategies[2].params.gap: expected a duration such as \"3 s\", got \"fast\""))
        #expect(doc.sourceMap.location(of: SpecPath.root.key("demand").key("flows").index(2)).line == 32)
    }

    @Test("validate tells maps from scenarios")
    func inputFileKinds() throws {
        guard case .map(let m) = try InputFile.read(file: Fixture.path("good/crossroads.yaml")) else {
            Issue.record("map read as a scenario"); return
        }
        #expect(m.spec.id == "test-crossroads")
        guard case .scenario(let s) = try InputFile.read(file: Fixture.path("good/minimal-scenario.yaml")) else {
            Issue.record("scenario read as a map"); return
        }
        #expect(s.spec.id == "crossroads-minimal")
        let e = inputError { () throws(InputError) in try InputFile.read(file: Fixture.path("bad/map-empty.yaml")) }
        #expect(e?.message == "the file is empty")
    }
}
