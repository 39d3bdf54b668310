import HeapModule

/// The pending events of a run, handed out in (time, priority, sequence) order: a timing wheel
/// over the integer-microsecond times instead of one comparison heap.
///
/// Why: an event here lands a bounded time ahead (headways, free-flow times, signal stages,
/// samples), so almost every insert is O(1) into an unsorted bucket of 2^`shift` µs on the
/// wheel; only the events sharing the bucket being drained are compared, in a small binary
/// heap by the full (time, order) key, so the order is exactly one heap's. Events beyond the
/// wheel's span (`wheelSize` buckets) wait in a heap and join their bucket when the wheel
/// reaches it. Memory is owned here (plain pointers, no copy-on-write checks on the hot path)
/// and freed with the queue.
struct EventQueue: ~Copyable {
    /// log2 of a bucket's width in µs (16.384 ms).
    static let shift: Int64 = 16
    static let wheelBits = 13
    /// Buckets on the wheel: 2^14 × 16.4 ms ≈ 268 s ahead.
    static let wheelSize = 1 << wheelBits
    static let mask = Int64(wheelSize - 1)
    static let words = wheelSize >> 6

    /// Events of the bucket being drained: a binary min-heap `current[0 ..< end]`.
    private var current: UnsafeMutablePointer<Event>
    private var currentCapacity = 64
    private var end = 0
    /// Bucket number (time >> shift) being drained; an event whose bucket is ≤ it joins `current`.
    private var bucket: Int64 = 0
    /// Per wheel slot: first node of its unsorted list, −1 when empty.
    private let head: UnsafeMutablePointer<Int32>
    /// One bit per wheel slot whose list is not empty (finds the next bucket a word at a time).
    private let occupied: UnsafeMutablePointer<UInt64>
    /// List nodes: an event and the next node of its slot (or of the free list).
    private var nodeEvent: UnsafeMutablePointer<Event>
    private var nodeNext: UnsafeMutablePointer<Int32>
    private var nodeCapacity = 256
    private var nodesUsed: Int32 = 0
    private var freeNode: Int32 = -1
    private var inWheel = 0
    /// Events more than the wheel's span ahead, and the bucket of the earliest (.max if none).
    private var far = Heap<Event>()
    private var farBucket = Int64.max
    /// Events pending.
    private(set) var count = 0

    init() {
        current = .allocate(capacity: currentCapacity)
        head = .allocate(capacity: Self.wheelSize)
        head.initialize(repeating: -1, count: Self.wheelSize)
        occupied = .allocate(capacity: Self.words)
        occupied.initialize(repeating: 0, count: Self.words)
        nodeEvent = .allocate(capacity: nodeCapacity)
        nodeNext = .allocate(capacity: nodeCapacity)
    }

    deinit {
        current.deallocate(); head.deallocate(); occupied.deallocate()
        nodeEvent.deallocate(); nodeNext.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    mutating func insert(_ e: Event) {
        count &+= 1
        let b = e.time >> Self.shift
        if b <= bucket {
            insertCurrent(e)
        } else if b &- bucket < Int64(Self.wheelSize) {
            let slot = Int(b & Self.mask)
            let n = allocateNode()
            nodeEvent[Int(n)] = e
            nodeNext[Int(n)] = head[slot]
            head[slot] = n
            occupied[slot >> 6] |= 1 << UInt64(slot & 63)
            inWheel &+= 1
        } else {
            far.insert(e)
            farBucket = min(farBucket, b)
        }
    }

    /// Removes and returns the earliest event by (time, order), nil when none is pending.
    mutating func popMin() -> Event? {
        if end == 0 && !advance() { return nil }
        let e = current[0]
        end &-= 1
        if end > 0 { siftDown(current[end], from: 0) }
        count &-= 1
        return e
    }

    // MARK: Inside

    /// Into the bucket being drained (sift up from the end).
    private mutating func insertCurrent(_ e: Event) {
        if end == currentCapacity { growCurrent() }
        var i = end
        while i > 0 {
            let parent = (i - 1) >> 1
            if !(e < current[parent]) { break }
            current[i] = current[parent]
            i = parent
        }
        current[i] = e
        end += 1
    }

    /// Puts `e` into the hole at `i`, moving smaller children up. The hole and child are walked
    /// as pointers: the index form, inlined into `Simulation.handleEvents` through `popMin`, got
    /// a worse register allocation after unrelated changes to `Simulation` (+5.3 M instructions
    /// on bench grid-10x10, +1.1%); this form costs fewer in every build measured.
    @inline(__always) private func siftDown(_ e: Event, from i: Int) {
        var hole = current + i
        var c = i &<< 1 &+ 1
        while c < end {
            var child = current + c
            if c &+ 1 < end && child[1] < child[0] { c &+= 1; child += 1 }
            if !(child.pointee < e) { break }
            hole.pointee = child.pointee
            hole = child
            c = c &<< 1 &+ 1
        }
        hole.pointee = e
    }

    /// Makes the next non-empty bucket current (a heap); false when nothing is pending.
    private mutating func advance() -> Bool {
        var next = farBucket
        if inWheel > 0 { next = min(next, nextOccupiedBucket()) }
        if next == .max { return false }
        bucket = next
        let slot = Int(next & Self.mask)
        var n = head[slot]
        if n >= 0 {
            // The slot holds exactly this bucket: the wheel spans fewer buckets than it has slots.
            var last = n
            while n >= 0 {
                if end == currentCapacity { growCurrent() }
                current[end] = nodeEvent[Int(n)]
                end &+= 1
                last = n
                n = nodeNext[Int(n)]
            }
            inWheel &-= end
            nodeNext[Int(last)] = freeNode
            freeNode = head[slot]
            head[slot] = -1
            occupied[slot >> 6] &= ~(1 << UInt64(slot & 63))
        }
        if farBucket <= next {
            while let f = far.min, f.time >> Self.shift <= next {
                if end == currentCapacity { growCurrent() }
                current[end] = far.removeMin()
                end += 1
            }
            farBucket = far.min.map { $0.time >> Self.shift } ?? .max
        }
        // Floyd's heap construction: O(events in the bucket).
        var i = end / 2
        while i > 0 { i -= 1; siftDown(current[i], from: i) }
        return true
    }

    /// The bucket number of the first occupied slot after the current bucket (some slot is).
    @inline(__always) private func nextOccupiedBucket() -> Int64 {
        let start = Int((bucket + 1) & Self.mask)
        var w = start >> 6
        var bits = occupied[w] & (~0 << UInt64(start & 63))
        while bits == 0 {
            w = (w + 1) & (Self.words - 1)
            bits = occupied[w]
        }
        let slot = w << 6 | bits.trailingZeroBitCount
        return bucket + 1 + Int64((slot - start) & (Self.wheelSize - 1))
    }

    @inline(__always) private mutating func allocateNode() -> Int32 {
        if freeNode >= 0 {
            let n = freeNode
            freeNode = nodeNext[Int(n)]
            return n
        }
        if Int(nodesUsed) == nodeCapacity { growNodes() }
        nodesUsed += 1
        return nodesUsed - 1
    }

    private mutating func growNodes() {
        let capacity = nodeCapacity * 2
        let events = UnsafeMutablePointer<Event>.allocate(capacity: capacity)
        events.moveInitialize(from: nodeEvent, count: nodeCapacity)
        nodeEvent.deallocate(); nodeEvent = events
        let links = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        links.moveInitialize(from: nodeNext, count: nodeCapacity)
        nodeNext.deallocate(); nodeNext = links
        nodeCapacity = capacity
    }

    private mutating func growCurrent() {
        let capacity = currentCapacity * 2
        let bigger = UnsafeMutablePointer<Event>.allocate(capacity: capacity)
        bigger.moveInitialize(from: current, count: end)
        current.deallocate()
        current = bigger
        currentCapacity = capacity
    }
}

/// A bare event loop for `make bench`: `n` pops and inserts on the simulator's own queue
/// (`EventQueue`) with `pending` events waiting, each new event up to 30 s after the one
/// popped, and nothing else. Returns a checksum so the loop is not optimised away.
public func bareEventLoop(events n: Int, pending: Int) -> Int64 {
    var queue = EventQueue()
    var x: UInt64 = 88172645463325252
    func next() -> UInt64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
    for i in 0..<pending {
        queue.insert(Event(time: Int64(next() % 60_000_000), order: UInt64(i), target: 0, version: 0))
    }
    var checksum: Int64 = 0
    var seq = UInt64(pending)
    for _ in 0..<n {
        let e = queue.popMin()!
        checksum &+= e.time
        seq += 1
        queue.insert(Event(time: e.time + Int64(next() % 30_000_000), order: seq, target: e.target, version: 0))
    }
    return checksum
}
