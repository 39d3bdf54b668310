/// Incidents: capacity scaled (flooding, works) or segments closed between two times. On a
/// closure, vehicles that have not yet reached a closed segment are routed around it; with
/// `model.reroute_share`, that share of vehicles also routes around capacity cuts. Routes change
/// only here, at an incident's start and end, never per vehicle step.
extension Simulation {
    mutating func startIncident(_ i: Int) {
        let inc = setup.incidents[i]
        let cut = !inc.isClosure && inc.factor < 1
        for s32 in inc.segments {
            let s = Int(s32)
            if inc.isClosure { closedCount[s] += 1 } else { capacityFactor[s] *= inc.factor; updateHeadways(s) }
            if cut { cutCount[s] += 1 }
        }
        if inc.isClosure { reroute() }
        if rerouteShare > 0 && (inc.isClosure || cut) { rerouteInformed() }
    }

    mutating func endIncident(_ i: Int) {
        let inc = setup.incidents[i]
        let cut = !inc.isClosure && inc.factor < 1
        for s32 in inc.segments {
            let s = Int(s32)
            if inc.isClosure { closedCount[s] -= 1 } else { capacityFactor[s] /= inc.factor; updateHeadways(s) }
            if cut { cutCount[s] -= 1 }
            // Reopened or faster: wake the approaches and boundary queue in front of it.
            blocked[s] = true
            spaceFreed(s)
            if approach.queueCount[s] > 0 { scheduleWake(s, at: now) }
        }
        if inc.isClosure { reroute() }
        if rerouteShare > 0 && (inc.isClosure || cut) { rerouteInformed() }
    }

    /// Whether vehicle `v` is one of the `model.reroute_share` informed of capacity cuts: a
    /// hash of the run seed, its flow and its departure time against the share, so a vehicle
    /// is informed or not for its whole trip and, its departure being drawn from its flow's
    /// own random stream, the same vehicles are informed under every strategy.
    @inline(__always) func isInformed(_ v: Int) -> Bool {
        if rerouteShare >= 1 { return true }
        var z = rerouteSeed ^ (UInt64(UInt32(bitPattern: vFlow[v])) &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(bitPattern: vDepart[v])
        // SplitMix64's finaliser.
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53 < rerouteShare
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
        // Informed vehicles are rerouted by `rerouteInformed`, around closures and cuts alike.
        for v in 0..<vehicleSlots where vState[v] != .free && !(rerouteShare > 0 && isInformed(v)) {
            rerouteVehicle(v, avoiding: closed, closed: closed, served: served, cost: nil, router: router, cache: &cache,
                           flowBase: flowRouteBase, flowEnd: flowRouteEnd)
        }
    }

    /// New routes for the informed share (`model.reroute_share`): per flow, the cheapest route
    /// around closures where a cut segment costs its free-flow time / its capacity factor (a
    /// road at 30% of its capacity counts as 3.3 times as long: the flow it can pass is cut by
    /// that much), for the flows whose route crosses a cut (the others keep theirs, so a `via`
    /// route stays and, when the last cut ends, every flow has its route back); per informed
    /// vehicle whose remaining route crosses a closed or cut segment it has not reached, the
    /// same from where it is. Vehicles already on a detour when a cut ends keep it.
    mutating func rerouteInformed() {
        let ns = net.segmentCount
        let closed = (0..<ns).map { closedCount[$0] > 0 }
        let avoid = (0..<ns).map { closedCount[$0] > 0 || cutCount[$0] > 0 }
        let cost = (0..<ns).map { net.freeFlowTime($0) / capacityFactor[$0] }
        let served = net.servedMovements()
        let router = Router(network: net)
        for (f, flow) in setup.flows.enumerated() {
            let base = Int(flowRouteBase[f]), end = Int(flowRouteEnd[f])
            guard (base..<end).contains(where: { cutCount[Int(routeSeg[$0])] > 0 }),
                  let route = router.route(from: flow.origin, to: flow.destination, closed: closed, served: served, cost: cost) else {
                flowInformedBase[f] = flowRouteBase[f]; flowInformedEnd[f] = flowRouteEnd[f]
                continue
            }
            flowInformedBase[f] = Int32(routeSeg.count)
            Simulation.appendRoute(route, network: net, seg: &routeSeg, mov: &routeMov)
            flowInformedEnd[f] = Int32(routeSeg.count)
        }
        var cache: [Int: (Int32, Int32)] = [:]
        for v in 0..<vehicleSlots where vState[v] != .free && isInformed(v) {
            rerouteVehicle(v, avoiding: avoid, closed: closed, served: served, cost: cost, router: router, cache: &cache,
                           flowBase: flowInformedBase, flowEnd: flowInformedEnd)
        }
    }

    /// Gives vehicle `v` a new route when its remaining route crosses a segment `avoiding` marks
    /// that it has not reached: on a segment, the cheapest route on from there (cached per
    /// segment and destination), moved to the new movement's queue if it waits at the stop line;
    /// waiting at the boundary, its flow's route (`flowBase`/`flowEnd`) if that starts on the
    /// same segment. A vehicle with no way on keeps its route and waits.
    mutating func rerouteVehicle(_ v: Int, avoiding avoid: [Bool], closed: [Bool], served: [Bool], cost: [Double]?,
                                 router: Router, cache: inout [Int: (Int32, Int32)], flowBase: [Int32], flowEnd: [Int32]) {
        let base = Int(vRouteBase[v]), end = Int(vRouteEnd[v])
        let onSegment = vState[v] == .onSegment
        let firstAhead = base + Int(vStep[v]) + (onSegment ? 1 : 0)
        guard (firstAhead..<end).contains(where: { avoid[Int(routeSeg[$0])] }) else { return }
        let dest = setup.flows[Int(vFlow[v])].destination
        if onSegment {
            let s = Int(vSegment[v])
            let key = s * net.junctionCount + dest
            if cache[key] == nil {
                guard let r = router.route(continuingOn: s, to: dest, closed: closed, served: served, cost: cost) else { return }
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
            if routeSeg[Int(flowBase[f])] == routeSeg[base] {
                vRouteBase[v] = flowBase[f]; vRouteEnd[v] = flowEnd[f]; vStep[v] = 0
            }
        }
    }

    func isQueued(_ v: Int, in m: Int) -> Bool {
        var x = Int(qHead[m])
        while x >= 0 { if x == v { return true }; x = Int(vNext[x]) }
        return false
    }

    /// Removes `v` from the middle of movement `m`'s queue (rerouting only; linear).
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
