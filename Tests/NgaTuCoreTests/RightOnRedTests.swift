import Foundation
import Testing
@testable import NgaTuCore

/// "Two-wheelers may turn right on red" (`right_on_red:` on a junction): the classes named
/// turn right during the red in gaps of the traffic that has green and enters their exit or
/// crosses their path; other classes wait for the green as before.
@Suite struct RightOnRedTests {
    static let classes = [VehicleClass(name: "motorbike", share: 0.8, pcu: 0.3),
                          VehicleClass(name: "car", share: 0.2, pcu: 1.0)]

    /// The test crossroads (two phases, 25 s greens, 60 s cycle), motorbikes allowed to turn
    /// right on red from the north when `rightOnRed` is set.
    static func map(rightOnRed: Bool) -> MapSpec {
        var m = TestNetworks.crossroads(arm: 300, lanes: 1)
        if rightOnRed { m.junctions[0].rightOnRed = [RightOnRedSpec(approach: "N", classes: ["motorbike"])] }
        return m
    }

    /// Mean delay (s) per class of the north → west right turners over 2 h after 15 min of
    /// warm-up, against `conflicting` veh/h of eastbound-to-west through traffic (which has its
    /// green while the north approach has red) and the west approach's own 300 veh/h.
    static func rightTurnDelays(rightOnRed: Bool, conflicting: Double) throws -> (motorbike: Double, car: Double, finished: Int) {
        let net = try NetworkBuilder.build(map(rightOnRed: rightOnRed))
        let flows = [FlowSpec(from: "n", to: "w", rate: 300), FlowSpec(from: "e", to: "w", rate: conflicting),
                     FlowSpec(from: "w", to: "e", rate: 300)]
        let setup = try SimulationSetup(network: net, classes: classes, demand: DemandSpec(arrivals: .poisson, flows: flows),
                                        timing: RunTiming(duration: 2.25 * 3600, warmup: 900))
        var options = SimulationOptions()
        options.recordTrips = true
        options.audit = true
        var sim = Simulation(setup: setup, seed: 5, controllers: TestNetworks.fixedControllers(net), options: options)
        let result = sim.run()
        for t in result.timeSeries { #expect(t.generated == t.waiting + t.onSegments + t.finished, "at t=\(t.time)") }
        let turners = result.trips.filter { $0.flow == 0 }
        func mean(_ c: Int) -> Double {
            let d = turners.filter { $0.vehicleClass == c }.map(\.delay)
            return d.reduce(0, +) / Double(max(d.count, 1))
        }
        return (mean(0), mean(1), turners.count)
    }

    @Test func motorbikesTurningRightOnRedWaitLessAndCarsAsBefore() throws {
        let without = try Self.rightTurnDelays(rightOnRed: false, conflicting: 400)
        let with = try Self.rightTurnDelays(rightOnRed: true, conflicting: 400)
        let busy = try Self.rightTurnDelays(rightOnRed: true, conflicting: 1200)
        print("right turn N→W, mean delay (s): without motorbike \(without.motorbike) car \(without.car); "
              + "with (400 veh/h conflicting) motorbike \(with.motorbike) car \(with.car); "
              + "with (1200 veh/h) motorbike \(busy.motorbike) car \(busy.car)")
        // Without the sign every right turner waits out the red: Webster's uniform delay
        // C(1 − g/C)²/2 ≈ 60 × (1 − 23/60)² / 2 ≈ 11.4 s at this low saturation.
        #expect(without.motorbike > 9 && without.motorbike < 14)
        #expect(abs(without.car - without.motorbike) < 3)
        // With it, motorbikes go in the gaps of 400 veh/h (4 s critical gap each way), unless a
        // car waits at the head of the queue.
        #expect(with.motorbike > 2 && with.motorbike < 6)
        // Cars still wait for the green (a motorbike queued behind a car waits with it).
        #expect(with.car > 9 && with.car < 14)
        // Fewer gaps in a heavier conflicting stream: longer waits on red.
        #expect(busy.motorbike > with.motorbike + 1)
        #expect(busy.motorbike < without.motorbike)
        #expect(abs(with.finished - without.finished) <= 2)
    }

    @Test func conflictsAreTheMovementsEnteringOrCrossingTheTurn() throws {
        let net = try NetworkBuilder.build(Self.map(rightOnRed: true))
        func mv(_ a: String, _ b: String) -> Int32 {
            Int32(net.movement(from: Int(net.segmentIndexByID[a]!), to: Int(net.segmentIndexByID[b + "~r"]!))!)
        }
        #expect(net.rightOnRedMovements == [mv("r-n", "r-w")])
        #expect(net.rightOnRedClasses == [["motorbike"]])
        let conflicts = Set(net.rightOnRedConflicts[Int(net.rightOnRedStart[0])..<Int(net.rightOnRedStart[1])])
        // Into the west exit: the eastern through and the southern left; nothing crosses a right turn.
        #expect(conflicts == [mv("r-e", "r-w"), mv("r-s", "r-w")])
    }

    @Test func refusedWhereItCannotApply() {
        var priority = TestNetworks.crossroads(plan: false, control: .priority)
        priority.junctions[0].rightOnRed = [RightOnRedSpec(approach: "N", classes: ["motorbike"])]
        #expect(throws: SpecError.self) { try NetworkBuilder.build(priority) }
        var unknown = Self.map(rightOnRed: false)
        unknown.junctions[0].rightOnRed = [RightOnRedSpec(approach: "NE", classes: ["motorbike"])]
        do {
            _ = try NetworkBuilder.build(unknown)
            Issue.record("an unknown approach was accepted")
        } catch {
            #expect(error.path.description.contains("right_on_red"))
            #expect(error.message.contains("no approach \"NE\""))
        }
        var banned = Self.map(rightOnRed: true)
        banned.junctions[0].banned = ["N:right"]
        banned.signals = []
        #expect(throws: SpecError.self) { try NetworkBuilder.build(banned) }
    }
}
