/// Typed indices into the network's flat arrays, so a segment index cannot be used where a
/// junction index is meant. Inside the engine the raw `Int32` is used directly.
public struct TypedIndex<Tag>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var raw: Int32
    @inline(__always) public init(_ raw: Int32) { self.raw = raw }
    @inline(__always) public init(_ raw: Int) { self.raw = Int32(raw) }
    @inline(__always) public var int: Int { Int(raw) }
    public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
    public var description: String { "\(raw)" }
}

public enum JunctionTag {}
public enum SegmentTag {}
public enum MovementTag {}

public typealias JunctionIndex = TypedIndex<JunctionTag>
public typealias SegmentIndex = TypedIndex<SegmentTag>
public typealias MovementIndex = TypedIndex<MovementTag>

/// Turn of a movement, from the angle between incoming and outgoing segments; right-hand traffic.
public enum Turn: String, Sendable, CaseIterable {
    case left, through, right, uturn
}
