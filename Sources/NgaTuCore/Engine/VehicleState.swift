/// Where a vehicle slot is (one byte per slot in the run's columns).
enum VehicleState: UInt8 {
    /// Not in use: on the free list or never handed out.
    case free = 0
    /// Generated, waiting at its boundary for room on its first segment.
    case waiting = 1
    /// On a segment: in transit or queued at a stop line.
    case onSegment = 2
}
