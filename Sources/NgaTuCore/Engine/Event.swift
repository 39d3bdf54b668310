/// Simulation time in integer microseconds: exact, repeatable arithmetic.
public typealias SimTime = Int64

@inline(__always) func micros(_ seconds: Double) -> SimTime { SimTime((seconds * 1_000_000).rounded()) }
@inline(__always) func seconds(_ t: SimTime) -> Double { Double(t) / 1_000_000 }

/// What an event does. The raw value is its priority among events at the same instant:
/// incidents first, then controller decisions, signal stage changes, new vehicles, arrivals at
/// stop lines, discharges, and samples last.
enum EventKind: UInt8 {
    case incidentStart = 0
    case incidentEnd = 1
    case controllerAsk = 2
    case signalStage = 3
    case generate = 4
    case arrive = 5
    case serve = 6
    case entry = 7
    case sample = 8
}

/// One scheduled event, ordered by (time, priority, sequence number) so ties are explicit and
/// runs repeat. `version` lets a newer schedule make an older event stale.
struct Event: Comparable {
    var time: SimTime
    /// priority << 56 | sequence number.
    var order: UInt64
    var target: Int32
    var version: UInt32

    @inline(__always) var kind: EventKind { EventKind(rawValue: UInt8(truncatingIfNeeded: order >> 56))! }

    @inline(__always) static func < (a: Event, b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }
    @inline(__always) static func == (a: Event, b: Event) -> Bool { a.time == b.time && a.order == b.order }
}
