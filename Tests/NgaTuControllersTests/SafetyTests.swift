import Testing
import Foundation
import NgaTuCore
@testable import NgaTuControllers

/// A small seeded generator (SplitMix64) for the random networks and demand of the tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Safety of every strategy on random small networks with random demand: the core's signal
/// log shows green → yellow → all-red → another green with the plan's yellow and all-red,
/// every green lasts at least the minimum green, and no phase gives right of way to crossing
/// movements (checked by an independent geometric test).
@Suite struct SafetyTests {
    /// Every registered strategy: a new one is checked without editing this test.
    static let strategies = ControllerRegistry.strategies.map { $0.name }

    /// A random arterial of 2–3 junctions (or a 2 × 2 grid) and its corridor.
    func randomMap(_ rng: inout SplitMix, case k: Int) -> (map: MapSpec, corridor: [String]) {
        if k % 4 == 3 { return (Fixture.grid(rows: 2, cols: 2, spacing: Double.random(in: 150...400, using: &rng)), ["j0-0", "j0-1"]) }
        let n = Int.random(in: 2...3, using: &rng)
        let gaps = (1..<n).map { _ in Double.random(in: 120...500, using: &rng).rounded() }
        let sides = (0..<n).map { _ in ["N", "S", "NS"].randomElement(using: &rng)! }
        let cycles = (0..<n).map { _ in [40.0, 60, 90].randomElement(using: &rng)! }
        let map = Fixture.arterial(gaps: gaps, sides: sides, cycles: cycles, lanes: Int.random(in: 1...2, using: &rng),
                                   plans: Bool.random(using: &rng))
        return (map, (0..<n).map { "a\($0)" })
    }

    func randomDemand(_ rng: inout SplitMix, _ net: Network) -> DemandSpec {
        let boundaries = (0..<net.junctionCount).filter { net.junctionControl[$0] == .boundary }.map { net.junctionIDs[$0] }
        var flows: [FlowSpec] = []
        for o in boundaries { for d in boundaries where d != o && Double.random(in: 0...1, using: &rng) < 0.5 {
            flows.append(FlowSpec(from: o, to: d, rate: Double.random(in: 30...400, using: &rng).rounded()))
        } }
        return DemandSpec(arrivals: .poisson, flows: flows)
    }

    @Test func everyControllerIsSafeOnRandomNetworks() throws {
        var rng = SplitMix(2026)
        var runs = 0, greens = 0
        for k in 0..<8 {
            let (map, corridor) = randomMap(&rng, case: k)
            let net = try NetworkBuilder.build(map)
            for p in net.programs { checkPhasesAreConflictFree(net, p) }
            let setup = try SimulationSetup(network: net, demand: randomDemand(&rng, net), timing: RunTiming(duration: 900))
            for s in Self.strategies {
                let params = s == "green-wave" ? Fixture.params([("corridor", .list(corridor))]) : []
                let made = try Fixture.controllers(s, params, setup: setup)
                var options = SimulationOptions()
                options.recordSignals = true
                var sim = Simulation(setup: setup, seed: UInt64(k), controllers: made.controllers, options: options)
                _ = sim.run()
                let fault = sim.controllerFault
                #expect(fault == nil, "\(s) case \(k): \(String(describing: fault))")
                for (p, program) in net.programs.enumerated() {
                    let minGreen = max(setup.model.minGreenFloor, made.controllers[p].minGreen)
                    let log = sim.signalLog.filter { $0.program == p }
                    greens += checkSequence(log, program: program, minGreen: minGreen, label: "\(s) case \(k) program \(p)")
                }
                runs += 1
            }
        }
        print("safety: \(runs) runs, \(greens) greens checked")
        #expect(greens > runs * 10)
    }

    /// Checks a program's log; returns the number of greens.
    func checkSequence(_ log: [SignalLogEntry], program: SignalProgram, minGreen: Double, label: String) -> Int {
        guard let first = log.first else { Issue.record("\(label): no green at all"); return 0 }
        // Before the first green every movement is red (a plan's offset may delay it).
        #expect(first.stage == .green, "\(label): the first change is a green")
        var greens = 1
        for (a, b) in zip(log, log.dropFirst()) {
            let phase = program.phases[a.phase]
            let dt = b.time - a.time
            switch a.stage {
            case .green:
                #expect(b.stage == .yellow && b.phase == a.phase, "\(label): green of \(a.phase) must end in its yellow")
                #expect(dt >= minGreen - 1e-6, "\(label): green of phase \(a.phase) at \(a.time) lasted \(dt) s < \(minGreen) s")
            case .yellow:
                #expect(abs(dt - phase.yellow) < 1e-6, "\(label): yellow of \(a.phase) lasted \(dt) s")
                if phase.allRed > 0 {
                    #expect(b.stage == .allRed && b.phase == a.phase, "\(label): yellow must be followed by all-red")
                } else {
                    #expect(b.stage == .green && b.phase != a.phase, "\(label): yellow must be followed by another green")
                }
            default:
                #expect(abs(dt - phase.allRed) < 1e-6, "\(label): all-red of \(a.phase) lasted \(dt) s")
                #expect(b.stage == .green && b.phase != a.phase, "\(label): all-red must be followed by another phase's green")
            }
            if b.stage == .green { greens += 1 }
        }
        return greens
    }

    /// Independent of the network builder: movements of a phase from different approaches
    /// whose paths cross (chords of the junction's circle of legs interleave) are only allowed
    /// when one of them is permitted and yields to the other.
    func checkPhasesAreConflictFree(_ net: Network, _ p: SignalProgram) {
        let j = Int(p.junction)
        let proj = LocalProjection(origin: net.junctionPositions[j])
        func bearing(_ other: Int) -> Double {
            let (x, y) = proj.xy(net.junctionPositions[other])
            let a = atan2(y, x) * 180 / .pi
            return a < 0 ? a + 360 : a
        }
        // Points on the circle: an incoming leg's in-lane sits counter-clockwise of its out-lane.
        func inPoint(_ m: Int) -> Double { bearing(Int(net.segmentFrom[Int(net.movementFrom[m])])) + 0.1 }
        func outPoint(_ m: Int) -> Double { bearing(Int(net.segmentTo[Int(net.movementTo[m])])) - 0.1 }
        func cross(_ a: (Double, Double), _ b: (Double, Double)) -> Bool {
            if a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1 { return false }
            let lo = min(a.0, a.1), hi = max(a.0, a.1)
            return (b.0 > lo && b.0 < hi) != (b.1 > lo && b.1 < hi)
        }
        for phase in p.phases {
            let ms = phase.movements.map(Int.init)
            for x in 0..<ms.count { for y in 0..<ms.count where x < y {
                let a = ms[x], b = ms[y]
                guard net.movementFrom[a] != net.movementFrom[b] else { continue }
                guard cross((inPoint(a), outPoint(a)), (inPoint(b), outPoint(b))) else { continue }
                let yields = (phase.permitted[x] && phase.opposing[x].contains(Int32(b)))
                    || (phase.permitted[y] && phase.opposing[y].contains(Int32(a)))
                #expect(yields, "phase \(phase.name) at \(net.junctionIDs[j]) gives crossing movements \(a) and \(b) right of way")
            } }
        }
    }
}
