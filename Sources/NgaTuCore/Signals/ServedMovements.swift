/// Which movements a junction's signal plan ever gives right of way.
///
/// A route through a movement that no phase serves never gets a green: its vehicles queue
/// until the end of the run, and every strategy shows it the same way, because adaptive
/// strategies choose among the plan's phases and never make new ones. Such a route is refused
/// before anything is simulated (`SimulationSetup`).
extension Network {
    /// Per movement: false only for a movement at a signalised junction that no phase of its
    /// program includes (permitted or protected).
    public func servedMovements() -> [Bool] {
        var served = [Bool](repeating: true, count: movementCount)
        for program in programs {
            for m in program.movements { served[Int(m)] = false }
            for phase in program.phases {
                for m in phase.movements { served[Int(m)] = true }
            }
        }
        return served
    }

    /// The first movement of `route` (consecutive segments) that `served` marks as never
    /// served, or nil.
    public func firstUnservedMovement(on route: [Int32], served: [Bool]) -> Int? {
        guard route.count > 1 else { return nil }
        for k in 0..<(route.count - 1) {
            if let m = movement(from: Int(route[k]), to: Int(route[k + 1])), !served[m] { return m }
        }
        return nil
    }

    /// A movement in words for messages: `S:left (Mậu Thân → Trần Hưng Đạo)` with the
    /// approach as plans name it, and the roads' names (or segment ids) in and out.
    public func describeMovement(_ m: Int) -> String {
        let from = Int(movementFrom[m]), to = Int(movementTo[m])
        func road(_ s: Int) -> String { segmentNames[s].isEmpty ? segmentIDs[s] : segmentNames[s] }
        return "\(approachName[from]):\(movementTurn[m].rawValue) (\(road(from)) → \(road(to)))"
    }

    /// A junction in words for messages: `"id" (name)`, or `"id"` when it has no name.
    public func describeJunction(_ j: Int) -> String {
        junctionNames[j].isEmpty ? "\"\(junctionIDs[j])\"" : "\"\(junctionIDs[j])\" (\(junctionNames[j]))"
    }
}
