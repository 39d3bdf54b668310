import Testing
import NgaTuCore
@testable import NgaTuControllers

/// Validation of every strategy's parameters: clear errors with the params path.
@Suite struct ParameterTests {
    func setup(_ map: MapSpec = Fixture.arterial(gaps: [300, 500])) throws -> SimulationSetup {
        try SimulationSetup(network: try NetworkBuilder.build(map), classes: Fixture.cars, demand: DemandSpec(),
                            timing: RunTiming(duration: 600))
    }

    func error(_ strategy: String, _ params: [(String, StrategyParam.Value)], controlled: [Int]? = nil) throws -> SpecError? {
        let s = try setup()
        do {
            _ = try ControllerRegistry.controllers(strategy: strategy, params: Fixture.params(params), paramsPath: Fixture.paramsPath,
                                                   controllerPath: .root.key("controller"), setup: s,
                                                   controlled: controlled ?? s.network.signalisedJunctions)
            return nil
        } catch { return error }
    }

    @Test func everyStrategyIsRegisteredAndDocumented() {
        let names = ControllerRegistry.strategies.map { $0.name }
        #expect(names == ["fixed-time", "webster", "actuated", "max-pressure", "sotl", "longest-queue-first", "green-wave"])
        for s in ControllerRegistry.strategies {
            for p in s.parameters { #expect(!p.unit.isEmpty || ["direction", "flows"].contains(p.key)); #expect(!p.defaultValue.isEmpty) }
            #expect(!s.summary.isEmpty && !s.plainWords.vi.isEmpty && !s.plainWords.en.isEmpty, "\(s.name)")
        }
    }

    /// One minimum green for every strategy that has one: documented 7 s and resolved to 7 s.
    @Test func everyStrategyHasTheSameMinimumGreen() throws {
        var withMinGreen: [String] = []
        for s in ControllerRegistry.strategies {
            guard let doc = s.parameters.first(where: { $0.key == "min_green" }) else { continue }
            withMinGreen.append(s.name)
            #expect(doc.defaultValue == "7" && MinimumGreen.seconds == 7, "\(s.name)")
            let made = try Fixture.controllers(s.name, [], setup: setup())
            #expect(made.parameters.first { $0.key == "min_green" }?.value == "7 s", "\(s.name)")
        }
        #expect(withMinGreen == ["webster", "actuated", "max-pressure", "sotl", "longest-queue-first"])
    }

    @Test func resolvedParametersGoToRunMeta() throws {
        let made = try Fixture.controllers("actuated", Fixture.params([("gap", .number(2.5))]), setup: setup())
        #expect(made.parameters.map(\.key) == ["min_green", "max_green", "gap", "detector"])
        #expect(made.parameters.map(\.value) == ["7 s", "60 s", "2.5 s", "35 m"])
        #expect((made.controllers[0] as? ActuatedController)?.detectorDistance == 35)
        let sotl = try Fixture.controllers("sotl", [], setup: setup())
        #expect(sotl.parameters.map(\.value) == ["40", "50 m", "7 s", "25 m", "5"])
        #expect(sotl.controllers.allSatisfy { $0.detectorDistance == 50 })
    }

    @Test func nonsenseIsRejectedWithItsPath() throws {
        let p = Fixture.paramsPath
        #expect(try error("actuated", [("gapp", .number(3))]) == SpecError(p.key("gapp"), "unknown parameter \"gapp\" (did you mean gap?)"))
        #expect(try error("actuated", [("min_green", .number(-3))])?.path == p.key("min_green"))
        #expect(try error("actuated", [("min_green", .number(20)), ("max_green", .number(10))])?.path == p.key("max_green"))
        #expect(try error("actuated", [("min_green", .number(70))])?.message == "max_green (60 s) must be at least min_green (70 s)")
        #expect(try error("max-pressure", [("interval", .number(0))])?.path == p.key("interval"))
        #expect(try error("longest-queue-first", [("interval", .text("soon"))])?.path == p.key("interval"))
        #expect(try error("webster", [("min_cycle", .number(90)), ("max_cycle", .number(60))])?.path == p.key("max_cycle"))
        #expect(try error("sotl", [("threshold", .number(-1))])?.path == p.key("threshold"))
        #expect(try error("webster", [("period", .number(60))])
                == SpecError(p.key("period"), "period (60 s) must be 0 (one plan for the run) or at least max_cycle (150 s)"))
        #expect(try error("sotl", [("platoon_distance", .number(80))])?.path == p.key("distance"))
    }

    @Test func greenWaveCorridorErrors() throws {
        let p = Fixture.paramsPath
        #expect(try error("green-wave", [])?.path == p.key("corridor"))
        let unknown = try error("green-wave", [("corridor", .list(["a0", "zz", "a2"]))])
        #expect(unknown == SpecError(p.key("corridor").index(1), "unknown junction \"zz\""))
        let boundary = try error("green-wave", [("corridor", .list(["a0", "w"]))])
        #expect(boundary == SpecError(p.key("corridor").index(1), "junction \"w\" is not signalised"))
        let s = try setup()
        let a2 = Int(s.network.junctionIndexByID["a2"]!)
        let notMine = try error("green-wave", [("corridor", .list(["a0", "a1", "a2"]))],
                                controlled: s.network.signalisedJunctions.filter { $0 != a2 })
        #expect(notMine == SpecError(p.key("corridor").index(2), "junction \"a2\" is not controlled by this strategy"))
        #expect(try error("green-wave", [("corridor", .list(["a0", "a1"])), ("direction", .text("up"))])?.path == p.key("direction"))
        // 12 s cannot hold two 5 s intergreens and two 5 s greens.
        #expect(try error("green-wave", [("corridor", .list(["a0", "a1"])), ("cycle", .number(12))])?.path == p.key("cycle"))
        #expect(try error("green-wave", [("corridor", .list(["a0"]))])?.path == p.key("corridor"))
    }
}
