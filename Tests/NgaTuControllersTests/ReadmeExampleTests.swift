import Foundation
import Testing
import NgaTuCore
import NgaTuControllers

/// README's strategy example is this target's `ReadmeCyclicStrategy.swift`: it compiles, and
/// run on random demand it is safe, never faults and keeps its greens.
@Suite struct ReadmeExampleTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theReadmeShowsTheCompiledExample() throws {
        let readme = try String(contentsOf: Self.repo.appendingPathComponent("README.md"), encoding: .utf8)
        let file = try String(contentsOf: Self.repo.appendingPathComponent("Tests/NgaTuControllersTests/ReadmeCyclicStrategy.swift"),
                              encoding: .utf8)
        let start = try #require(file.range(of: "public import NgaTuCore\n"))
        let code = file[start.lowerBound...]
        #expect(readme.contains("```swift\n" + code + "```"))
    }

    @Test func theExampleRunsSafely() throws {
        let net = try NetworkBuilder.build(Fixture.crossroads())
        let setup = try SimulationSetup(network: net, classes: Fixture.cars,
                                        demand: DemandSpec(arrivals: .poisson, flows: [FlowSpec(from: "n", to: "s", rate: 400),
                                                                                      FlowSpec(from: "e", to: "w", rate: 400)]),
                                        timing: RunTiming(duration: 900))
        var params = ControllerParameters(Fixture.params([("green", .number(12))]), path: Fixture.paramsPath)
        let made = try CyclicStrategy.make(&params, StrategyContext(setup: setup, controlled: net.signalisedJunctions))
        var options = SimulationOptions()
        options.recordSignals = true
        var sim = Simulation(setup: setup, seed: 1, controllers: [made.controllers[net.signalisedJunctions[0]]!], options: options)
        let result = sim.run()
        let fault = sim.controllerFault
        #expect(fault == nil)
        let greens = sim.signalLog.filter { $0.stage == .green }
        #expect(greens.count > 20)
        // Phases alternate, each green lasting its 12 s.
        for (a, b) in zip(greens, greens.dropFirst()) { #expect(a.phase != b.phase) }
        #expect(result.counters.finished > 100)
    }
}
