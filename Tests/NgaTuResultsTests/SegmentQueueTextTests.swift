import Foundation
import Testing
@testable import NgaTuResults

/// `segment_queues.queued_pcu` is written and read without the general number formatter and
/// parser: the same texts and numbers as they give.
@Suite("Segment queue samples as text")
struct SegmentQueueTextTests {
    static func values() -> [Double] {
        var rng = SystemRandomNumberGenerator()
        var xs: [Double] = [0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.15, 0.25, 1, -1, 9.95, 12.34, 99.99, 1e12 - 0.05, 1e12,
                            3e12, 1e15, 1e16, 1e300, -1e300, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]
        for _ in 0..<20_000 {
            xs.append(Double.random(in: 0...60, using: &rng))
            xs.append(Double.random(in: -5_000...5_000, using: &rng))
            xs.append(Double(Float.random(in: 0...300, using: &rng)))
            xs.append(Double(Int.random(in: -100_000...100_000, using: &rng)) / 10)
        }
        return xs
    }

    @Test("a sample's text is NumberFormat's text of the sample rounded to 0.1")
    func text() {
        let bad = Self.values().filter { SegmentQueueRow.sampleText($0) != NumberFormat.format(($0 * 10).rounded() / 10) }
        #expect(bad.isEmpty, "\(bad.prefix(5).map { "\($0): \(SegmentQueueRow.sampleText($0))" })")
    }

    @Test("the samples a store keeps are those its text reads back as")
    func stored() {
        let xs = Self.values().filter { $0.isFinite && $0.magnitude < 1e11 }
        for chunk in stride(from: 0, to: xs.count, by: 500) {
            let part = Array(xs[chunk..<min(xs.count, chunk + 500)])
            #expect(SegmentQueueRow.storedSamples(part)?.map(\.bitPattern)
                    == SegmentQueueRow.samples(SegmentQueueRow.samplesText(part))?.map(\.bitPattern))
        }
        #expect(SegmentQueueRow.storedSamples([1, 3e12]) == nil)
    }

    @Test("samples read back as Double reads each text; anything but a finite number is refused")
    func parse() {
        let finite = Self.values().filter(\.isFinite)
        var texts = finite.map(SegmentQueueRow.sampleText) + finite.map { String($0) }
        texts += ["007", "-0", "5.", ".5", "-.5", "1e3", "+2", "1.5e-3", "123456789012345", "1234567890123456", "0.000000000000001",
                  "12.3456789012345", "9007199254740993", "  1   2 ", ""]
        for t in texts {
            let parsed = t.split(separator: " ").map { Double($0) }
            let expected: [UInt64]? = parsed.allSatisfy { $0?.isFinite == true } ? parsed.map { $0!.bitPattern } : nil
            #expect(SegmentQueueRow.samples(t)?.map(\.bitPattern) == expected, "\(t)")
        }
        // One text with every sample, as a row holds them.
        let row = finite.prefix(2_000).map(SegmentQueueRow.sampleText).joined(separator: " ")
        #expect(SegmentQueueRow.samples(row)?.map(\.bitPattern) == row.split(separator: " ").map { Double($0)!.bitPattern })
        for t in ["1 x 2", "1 nan", "inf", "1 -", "1.2.3", "1e999"] {
            #expect(SegmentQueueRow.samples(t) == nil, "\(t)")
        }
    }
}
