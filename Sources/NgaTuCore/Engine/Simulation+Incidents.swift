/// Incidents: capacity scaled (flooding, works) or segments closed between two times. On a
/// closure, vehicles that have not yet reached a closed segment are routed around it.
extension Simulation {
    mutating func startIncident(_ i: Int) {
        let inc = setup.incidents[i]
        for s32 in inc.segments {
            let s = Int(s32)
            if inc.isClosure { closedCount[s] += 1 } else { capacityFactor[s] *= inc.factor; updateHeadways(s) }
        }
        if inc.isClosure { reroute() }
    }

    mutating func endIncident(_ i: Int) {
        let inc = setup.incidents[i]
        for s32 in inc.segments {
            let s = Int(s32)
            if inc.isClosure { closedCount[s] -= 1 } else { capacityFactor[s] /= inc.factor; updateHeadways(s) }
            // Reopened or faster: wake the approaches and boundary queue in front of it.
            blocked[s] = true
            spaceFreed(s)
            if approach.queueCount[s] > 0 { scheduleWake(s, at: now) }
        }
        if inc.isClosure { reroute() }
    }

    /// New routes for the flows and for every vehicle whose remaining route crosses a closed
    /// segment it has not reached, never through a movement no signal phase serves. Vehicles
    /// with no way around keep their route and wait.
    mutating func reroute() {
        let closed = (0..<net.segmentCount).map { closedCount[$0] > 0 }
        let served = net.servedMovements()
        let router = Router(network: net)
        for (f, flow) in setup.flows.enumerated() {
            let route = router.route(from: flow.origin, to: flow.destination, closed: closed, served: served) ?? flow.route
            flowRouteBase[f] = Int32(routeSeg.count)
            Simulation.appendRoute(route, network: net, seg: &routeSeg, mov: &routeMov)
            flowRouteEnd[f] = Int32(routeSeg.count)
        }
        var cache: [Int: (Int32, Int32)] = [:]
        for v in 0..<vehicleSlots where vState[v] != .free {
            let base = Int(vRouteBase[v]), end = Int(vRouteEnd[v])
            let onSegment = vState[v] == .onSegment
            let firstAhead = base + Int(vStep[v]) + (onSegment ? 1 : 0)
            guard (firstAhead..<end).contains(where: { closed[Int(routeSeg[$0])] }) else { continue }
            let dest = setup.flows[Int(vFlow[v])].destination
            if onSegment {
                let s = Int(vSegment[v])
                let key = s * net.junctionCount + dest
                if cache[key] == nil {
                    guard let r = router.route(continuingOn: s, to: dest, closed: closed, served: served) else { continue }
                    let b = Int32(routeSeg.count)
                    Simulation.appendRoute(r, network: net, seg: &routeSeg, mov: &routeMov)
                    cache[key] = (b, Int32(routeSeg.count))
                }
                let (nb, ne) = cache[key]!
                let oldMovement = Int(routeMov[base + Int(vStep[v])])
                vRouteBase[v] = nb; vRouteEnd[v] = ne; vStep[v] = 0
                let newMovement = Int(routeMov[Int(nb)])
                if vArrival[v] <= now && oldMovement != newMovement && isQueued(v, in: oldMovement) {
                    unlink(v, from: oldMovement)
                    enqueue(v, newMovement)
                    scheduleWake(s, at: now)
                }
            } else {
                // Waiting at the boundary: take the flow's new route if it starts on the same segment.
                let f = Int(vFlow[v])
                if routeSeg[Int(flowRouteBase[f])] == routeSeg[base] {
                    vRouteBase[v] = flowRouteBase[f]; vRouteEnd[v] = flowRouteEnd[f]; vStep[v] = 0
                }
            }
        }
    }

    func isQueued(_ v: Int, in m: Int) -> Bool {
        var x = Int(qHead[m])
        while x >= 0 { if x == v { return true }; x = Int(vNext[x]) }
        return false
    }

    /// Removes `v` from the middle of movement `m`'s queue (closures only; linear).
    mutating func unlink(_ v: Int, from m: Int) {
        var prev = -1, x = Int(qHead[m])
        while x >= 0 && x != v { prev = x; x = Int(vNext[x]) }
        guard x == v else { return }
        if prev < 0 { qHead[m] = vNext[v] } else { vNext[prev] = vNext[v] }
        if qTail[m] == Int32(v) { qTail[m] = Int32(prev) }
        qCount[m] -= 1
        qMilli[m] -= Int64(vMilli[v])
        totalQueueMilli -= Int64(vMilli[v])
        approach.queueChanged(Int(net.movementFrom[m]), count: -1, milli: -Int64(vMilli[v]), now: now, warmup: warmupTime)
    }
}
