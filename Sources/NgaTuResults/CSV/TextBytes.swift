/// UTF-8 text built as bytes, for the output files written in bulk (CSV, GeoJSON, the report's
/// drawings): appending a literal, a string or a number is a copy of its bytes, without the
/// checks and growth of a `String` append (a few hundred instructions each, most of the
/// GeoJSON files' cost). The text is the same as the `String` appends gave.
public struct TextBytes: Sendable {
    public var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var isEmpty: Bool { bytes.isEmpty }
    public var count: Int { bytes.count }

    /// The text as a `String` (the bytes are UTF-8 by construction).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    @inlinable public mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inlinable public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inlinable public mutating func append(_ other: TextBytes) {
        bytes.append(contentsOf: other.bytes)
    }

    @inlinable public mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// `n` in decimal, as `String(n)` writes it.
    public mutating func append(integer n: Int) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(unsigned: n.magnitude)
        } else {
            append(unsigned: UInt(n))
        }
    }

    /// `n` in decimal.
    public mutating func append(unsigned n: UInt) {
        if n < 10 { bytes.append(UInt8(ascii: "0") + UInt8(n)); return }
        // Digits last first, then turned round in place.
        var i = bytes.count
        var rest = n
        repeat { bytes.append(UInt8(ascii: "0") + UInt8(rest % 10)); rest /= 10 } while rest != 0
        var j = bytes.count - 1
        while i < j { bytes.swapAt(i, j); i += 1; j -= 1 }
    }

    /// `x` as `NumberFormat.format(x)` writes it (nothing for NaN and infinities).
    public mutating func append(number x: Double) {
        guard x.isFinite else { return }
        if x == x.rounded(.towardZero) && abs(x) < 1e15 {
            append(integer: Int(Int64(x)))
        } else {
            append(x.description)
        }
    }
}
