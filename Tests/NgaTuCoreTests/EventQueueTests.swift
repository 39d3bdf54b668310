import HeapModule
import Testing
@testable import NgaTuCore

/// The timing wheel hands out events in exactly the order of the binary heap it replaced:
/// (time, priority, sequence), on random streams with equal times, far-ahead events, events
/// in the bucket being drained and stale (cancelled) events.
@Suite struct EventQueueTests {
    /// xorshift64: a fixed stream per test seed.
    struct Stream {
        var x: UInt64
        mutating func next() -> UInt64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
        mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    }

    /// A delay drawn to hit every path: the same instant, the bucket being drained, the next
    /// buckets, the wheel's far side, beyond the wheel (the far heap) and the exact boundaries.
    static func delay(_ r: inout Stream) -> SimTime {
        let width = SimTime(1) << EventQueue.shift
        let span = width * SimTime(EventQueue.wheelSize)
        switch r.below(10) {
        case 0: return 0
        case 1: return SimTime(r.below(UInt64(width)))
        case 2: return SimTime(r.below(4)) * 1_000_000           // equal times across events
        case 3: return SimTime(r.below(UInt64(span)))
        case 4: return span - 1 + SimTime(r.below(3))              // the wheel's edge
        case 5: return span * SimTime(1 + r.below(3)) + SimTime(r.below(UInt64(width)))
        case 6: return width * SimTime(r.below(40))                // bucket boundaries
        default: return SimTime(r.below(3_000_000))                // headways and free-flow times
        }
    }

    /// Pops and inserts on both queues side by side (each popped event followed by 0–3 new
    /// ones, as a handler does) and compares every popped event.
    func compare(seed: UInt64, steps: Int, initial: Int) -> Int {
        var r = Stream(x: seed | 1)
        var wheel = EventQueue()
        var heap = Heap<Event>()
        var sequence: UInt64 = 0
        var now: SimTime = 0
        func make(_ r: inout Stream, at t: SimTime) -> Event {
            sequence += 1
            let kind = UInt64(r.below(9))
            return Event(time: t, order: kind << 56 | sequence, target: Int32(r.below(100)), version: UInt32(r.below(4)))
        }
        for _ in 0..<initial {
            let e = make(&r, at: Self.delay(&r))
            wheel.insert(e); heap.insert(e)
        }
        var popped = 0
        for _ in 0..<steps {
            let a = wheel.popMin(), b = heap.popMin()
            #expect(a?.time == b?.time && a?.order == b?.order && a?.target == b?.target && a?.version == b?.version)
            guard let e = a, a?.order == b?.order else { return popped }
            #expect(e.time >= now)
            now = e.time
            popped += 1
            for _ in 0..<r.below(4) {
                let n = make(&r, at: now + Self.delay(&r))
                wheel.insert(n); heap.insert(n)
            }
            #expect(wheel.count == heap.count)
        }
        // Drain both.
        while let b = heap.popMin() {
            let a = wheel.popMin()
            #expect(a?.time == b.time && a?.order == b.order)
            popped += 1
        }
        #expect(wheel.popMin() == nil && wheel.isEmpty)
        return popped
    }

    @Test(arguments: [1, 2, 3, 42, 1234, 98765] as [UInt64])
    func sameOrderAsTheHeap(seed: UInt64) {
        #expect(compare(seed: seed, steps: 20_000, initial: 500) > 20_000)
    }

    @Test func sameOrderWithFewPendingEvents() {
        // One or two events pending: the wheel skips long empty stretches.
        for seed in 1...50 as ClosedRange<UInt64> { _ = compare(seed: seed &* 7919, steps: 300, initial: 1) }
    }

    /// Stale events stay queued and are popped in order; the handler skips them by version
    /// (as `Simulation.scheduleWake` does): the live events handed out match the heap's.
    @Test func cancelledEventsAreSkippedInTheSameOrder() {
        var r = Stream(x: 0x9E3779B97F4A7C15)
        var wheel = EventQueue()
        var heap = Heap<Event>()
        var version = [UInt32](repeating: 0, count: 16)
        var sequence: UInt64 = 0
        var liveWheel: [UInt64] = [], liveHeap: [UInt64] = []
        var now: SimTime = 0
        for step in 0..<30_000 {
            // Reschedule a target (making its pending event stale) or pop.
            if step % 3 != 2 || heap.isEmpty {
                let target = Int(r.below(16))
                version[target] &+= 1
                sequence += 1
                let e = Event(time: now + Self.delay(&r), order: 6 << 56 | sequence,
                              target: Int32(target), version: version[target])
                wheel.insert(e); heap.insert(e)
            } else {
                let a = wheel.popMin()!, b = heap.popMin()!
                #expect(a.order == b.order && a.time == b.time)
                now = a.time
                if a.version == version[Int(a.target)] { liveWheel.append(a.order) }
                if b.version == version[Int(b.target)] { liveHeap.append(b.order) }
            }
        }
        #expect(liveWheel == liveHeap)
        #expect(liveWheel.count > 100)
    }

    /// An event scheduled before the one just popped (never done by the engine) still comes
    /// out first, as from a heap.
    @Test func anEarlierEventComesOutFirst() {
        var q = EventQueue()
        q.insert(Event(time: 5_000_000, order: 1, target: 0, version: 0))
        q.insert(Event(time: 9_000_000, order: 2, target: 1, version: 0))
        #expect(q.popMin()?.order == 1)
        q.insert(Event(time: 1_000_000, order: 3, target: 2, version: 0))
        #expect(q.popMin()?.order == 3)
        #expect(q.popMin()?.order == 2)
        #expect(q.popMin() == nil)
    }
}
