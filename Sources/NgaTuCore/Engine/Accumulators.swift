/// Running sums of measured trips.
struct TripAccumulator {
    var count = 0
    var travel: SimTime = 0
    var delay: SimTime = 0
    /// Delay against the shortest route between the trip's ends (see `TripSummary.totalDelayVehH`).
    var demandDelay: SimTime = 0
    var stops = 0
    var delayPCU = 0.0
    var pcu = 0.0

    mutating func finished(travel t: SimTime, delay d: SimTime, demandDelay dd: SimTime, stops s: Int, milli: Int32) {
        count += 1; travel += t; delay += d; demandDelay += dd; stops += s
        let p = Double(milli) / 1000
        delayPCU += Double(d) / 1_000_000 * p
        pcu += p
    }
}

/// Running sums per turning movement (stop-line arrivals, releases, waits, queue) and per
/// segment (vehicles that left it and their time on it), in the measured window.
struct MovementAccumulator {
    let arrivals: Column<Int32>
    let arrivalsMilli: Column<Int64>
    let releases: Column<Int32>
    let waitSum: Column<SimTime>
    let maxWait: Column<SimTime>
    let maxQueue: Column<Int32>
    /// Per segment: vehicles that left it (into the next one or off the map) and their time on it.
    let left: Column<Int32>
    let travelSum: Column<SimTime>

    init(movements nm: Int, segments ns: Int, memory: ColumnMemory) {
        arrivals = memory.column(repeating: 0, count: nm); arrivalsMilli = memory.column(repeating: 0, count: nm)
        releases = memory.column(repeating: 0, count: nm); waitSum = memory.column(repeating: 0, count: nm)
        maxWait = memory.column(repeating: 0, count: nm); maxQueue = memory.column(repeating: 0, count: nm)
        left = memory.column(repeating: 0, count: ns); travelSum = memory.column(repeating: 0, count: ns)
    }

    @inline(__always) mutating func queued(_ m: Int, milli: Int32, queue: Int32) {
        arrivals[m] += 1; arrivalsMilli[m] += Int64(milli)
        if queue > maxQueue[m] { maxQueue[m] = queue }
    }

    @inline(__always) mutating func released(_ m: Int, wait: SimTime) {
        releases[m] += 1; waitSum[m] += wait
        if wait > maxWait[m] { maxWait[m] = wait }
    }

    @inline(__always) mutating func leftSegment(_ s: Int, after travel: SimTime) {
        left[s] += 1; travelSum[s] += travel
    }
}

/// Running sums per approach (incoming segment): queues, arrivals, releases and waits, in
/// columns of the run's memory.
struct ApproachAccumulator {
    let queueCount: Column<Int32>
    let queueMilli: Column<Int64>
    let lastChange: Column<SimTime>
    let queueIntegral: Column<Double>       // milli-PCU × µs over the measured window
    let maxQueueVehicles: Column<Int32>
    let maxQueueMilli: Column<Int64>
    /// Demand: vehicles that entered the segment or queued at the boundary to enter it.
    let arrivals: Column<Int32>
    let arrivalsMilli: Column<Int64>
    let releases: Column<Int32>
    let waitSum: Column<SimTime>
    /// Longest single wait at the stop line of a vehicle released in the measured window.
    let maxWait: Column<SimTime>

    init(segments n: Int, memory: ColumnMemory) {
        queueCount = memory.column(repeating: 0, count: n); queueMilli = memory.column(repeating: 0, count: n)
        lastChange = memory.column(repeating: 0, count: n); queueIntegral = memory.column(repeating: 0, count: n)
        maxQueueVehicles = memory.column(repeating: 0, count: n); maxQueueMilli = memory.column(repeating: 0, count: n)
        arrivals = memory.column(repeating: 0, count: n); arrivalsMilli = memory.column(repeating: 0, count: n)
        releases = memory.column(repeating: 0, count: n); waitSum = memory.column(repeating: 0, count: n)
        maxWait = memory.column(repeating: 0, count: n)
    }

    @inline(__always) mutating func queueChanged(_ s: Int, count: Int32, milli: Int64, now: SimTime, warmup: SimTime) {
        if now > warmup {
            let from = max(lastChange[s], warmup)
            queueIntegral[s] += Double(queueMilli[s]) * Double(now - from)
        }
        lastChange[s] = now
        queueCount[s] += count
        queueMilli[s] += milli
        if now >= warmup {
            if queueCount[s] > maxQueueVehicles[s] { maxQueueVehicles[s] = queueCount[s] }
            if queueMilli[s] > maxQueueMilli[s] { maxQueueMilli[s] = queueMilli[s] }
        }
    }

    @inline(__always) mutating func arrived(_ s: Int, milli: Int32) {
        arrivals[s] += 1; arrivalsMilli[s] += Int64(milli)
    }

    @inline(__always) mutating func released(_ s: Int, wait: SimTime) {
        releases[s] += 1; waitSum[s] += wait
        if wait > maxWait[s] { maxWait[s] = wait }
    }
}
