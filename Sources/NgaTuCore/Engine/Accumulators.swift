/// Running sums of measured trips.
struct TripAccumulator {
    var count = 0
    var travel: SimTime = 0
    var delay: SimTime = 0
    var stops = 0
    var delayPCU = 0.0
    var pcu = 0.0

    mutating func finished(travel t: SimTime, delay d: SimTime, stops s: Int, milli: Int32) {
        count += 1; travel += t; delay += d; stops += s
        let p = Double(milli) / 1000
        delayPCU += Double(d) / 1_000_000 * p
        pcu += p
    }
}

/// Running sums per approach (incoming segment): queues, arrivals, releases and waits.
struct ApproachAccumulator {
    var queueCount: [Int32]
    var queueMilli: [Int64]
    var lastChange: [SimTime]
    var queueIntegral: [Double]       // milli-PCU × µs over the measured window
    var maxQueueVehicles: [Int32]
    var maxQueueMilli: [Int64]
    /// Demand: vehicles that entered the segment or queued at the boundary to enter it.
    var arrivals: [Int32]
    var arrivalsMilli: [Int64]
    var releases: [Int32]
    var waitSum: [SimTime]

    init(segments n: Int) {
        queueCount = Array(repeating: 0, count: n); queueMilli = Array(repeating: 0, count: n)
        lastChange = Array(repeating: 0, count: n); queueIntegral = Array(repeating: 0, count: n)
        maxQueueVehicles = Array(repeating: 0, count: n); maxQueueMilli = Array(repeating: 0, count: n)
        arrivals = Array(repeating: 0, count: n); arrivalsMilli = Array(repeating: 0, count: n)
        releases = Array(repeating: 0, count: n); waitSum = Array(repeating: 0, count: n)
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
    }
}
