import HeapModule

/// Shortest routes by free-flow time over the directed segment graph (movements are the
/// edges, so banned turns and U-turns are respected). Deterministic: ties go to the lower index.
public struct Router: Sendable {
    public let network: Network

    public init(network: Network) { self.network = network }

    private struct Entry: Comparable {
        var cost: Double
        var segment: Int32
        static func < (a: Entry, b: Entry) -> Bool { (a.cost, a.segment) < (b.cost, b.segment) }
    }

    /// Route (segments, first leaving `origin`, last entering `destination`) between two
    /// junctions, avoiding `closed` segments and, when `served` is given, the movements it marks
    /// false (a detour must not take a turn no signal phase ever serves); nil when there is none.
    /// `cost`, when given, replaces each segment's free-flow time as its cost (s).
    public func route(from origin: Int, to destination: Int, closed: [Bool]? = nil, served: [Bool]? = nil,
                      cost: [Double]? = nil) -> [Int32]? {
        let starts = (0..<network.segmentCount).filter {
            Int(network.segmentFrom[$0]) == origin && !(closed?[$0] ?? false)
        }
        return search(starts: starts.map { Int32($0) }, destination: destination, closed: closed, served: served, cost: cost)
    }

    /// Route that starts with segment `current` (the vehicle is on it) and ends at `destination`.
    public func route(continuingOn current: Int, to destination: Int, closed: [Bool]? = nil, served: [Bool]? = nil,
                      cost: [Double]? = nil) -> [Int32]? {
        search(starts: [Int32(current)], destination: destination, closed: closed, served: served, cost: cost)
    }

    private func search(starts: [Int32], destination: Int, closed: [Bool]?, served: [Bool]?, cost: [Double]?) -> [Int32]? {
        let n = network.segmentCount
        var dist = Array(repeating: Double.infinity, count: n)
        var prev = Array(repeating: Int32(-1), count: n)
        var heap = Heap<Entry>()
        for s in starts {
            dist[Int(s)] = cost?[Int(s)] ?? network.freeFlowTime(Int(s))
            heap.insert(Entry(cost: dist[Int(s)], segment: s))
        }
        while let e = heap.popMin() {
            let s = Int(e.segment)
            if e.cost > dist[s] { continue }
            if Int(network.segmentTo[s]) == destination {
                var path: [Int32] = [Int32(s)]
                var c = s
                while prev[c] >= 0 { c = Int(prev[c]); path.append(Int32(c)) }
                return path.reversed()
            }
            for m in Int(network.movementStart[s])..<Int(network.movementStart[s + 1]) {
                let t = Int(network.movementTo[m])
                if closed?[t] ?? false { continue }
                if let served, !served[m] { continue }
                let c = e.cost + (cost?[t] ?? network.freeFlowTime(t))
                if c < dist[t] || (c == dist[t] && Int32(s) < prev[t]) {
                    dist[t] = c; prev[t] = Int32(s)
                    heap.insert(Entry(cost: c, segment: Int32(t)))
                }
            }
        }
        return nil
    }
}
