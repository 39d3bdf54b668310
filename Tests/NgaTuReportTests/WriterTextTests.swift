import Foundation
import Testing
import NgaTuResults
import NgaTuXML
@testable import NgaTuReport

/// The report's and GeoJSON's text written in bytes (issue 19) gives the very text the `String`
/// code before it gave: each fast writer against that code, kept here as the reference.
@Suite("Writers in bytes give the same text")
struct WriterTextTests {
    // MARK: References: the code the byte writers replaced.

    static func svgNumberBefore(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return "0" }
        let tenths = Int((x * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : "", a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    static func jsonStringBefore(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func xmlBefore(_ s: String, whitespaceAsReferences: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t" where whitespaceAsReferences: out += "&#9;"
            case "\n" where whitespaceAsReferences: out += "&#10;"
            case "\r" where whitespaceAsReferences: out += "&#13;"
            default:
                let v = scalar.value
                let allowed = v == 0x09 || v == 0x0A || v == 0x0D || !(v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF)
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Texts of every kind the escapers meet: ids, Vietnamese names, markup characters,
    /// controls, C1 controls, U+2028/2029, U+FFFE/FFFF, emoji, and random scalars.
    static func texts() -> [String] {
        var texts = ["", "j7-hoa-binh", "Nguyễn Văn Cừ – 30 Tháng 4", "Đường 3/2", "a&b<c>d\"e'f", "tab\there", "line\nend\r",
                     "\u{7F}del", "c1\u{85}\u{9F}", "\u{A0}nbsp", "ls\u{2028}ps\u{2029}", "\u{FFFE}\u{FFFF}\u{FFFD}", "🚦 đèn",
                     "\u{1}\u{1F}", "back\\slash", "\u{E2}\u{80}", "\u{C2}\u{80}", "ÿ€"]
        var rng = SystemRandomNumberGenerator()
        let pool: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0xFF, 0x100...0x1EFF, 0x2000...0x206F, 0xFFF0...0xFFFF, 0x1F300...0x1F5FF]
        for _ in 0..<3_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                let range = pool.randomElement(using: &rng)!
                if let u = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { s.append(u) }
            }
            texts.append(String(s))
        }
        return texts
    }

    // MARK: Tests

    @Test("svgNumber and TextBytes' SVG points: the text of the interpolations they replace")
    func svgNumbers() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.95, -0.95, 1, -1, 12.25, 999_999_999_999.9, 1e12, -1e12,
                                .infinity, -.infinity, .nan, .leastNonzeroMagnitude, 123.45, -0.15]
        for _ in 0..<50_000 {
            values.append(Double.random(in: -2_000...2_000, using: &rng))
            values.append(Double(Int.random(in: -100_000...100_000, using: &rng)) / 20)
        }
        for x in values where svgNumber(x) != Self.svgNumberBefore(x) {
            Issue.record("\(x): \(svgNumber(x)) against \(Self.svgNumberBefore(x))")
        }
        let points = (0..<500).map { _ in (x: Double.random(in: -50...900, using: &rng), y: Double.random(in: -50...900, using: &rng)) }
        var text = TextBytes()
        text.append(svgPoints: points)
        #expect(text.string == points.map { Self.svgNumberBefore($0.x) + "," + Self.svgNumberBefore($0.y) }.joined(separator: " "))
    }

    @Test("numbers in bytes: NumberFormat's text, integers as String(n)")
    func numbers() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e15, -1e15, 999_999_999_999_999, 1e-5, 2.5e20, .nan, .infinity,
                                .greatestFiniteMagnitude, .leastNonzeroMagnitude, 123_456_789.5]
        for _ in 0..<20_000 {
            values.append(Double.random(in: -1e6...1e6, using: &rng))
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &rng)))
        }
        for x in values {
            var t = TextBytes()
            t.append(number: x)
            #expect(t.string == NumberFormat.format(x), "\(x)")
        }
        for n in [0, 1, 9, 10, -10, 12345, Int.max, Int.min, Int(Int32.min)] + (0..<2_000).map({ _ in Int.random(in: Int.min...Int.max, using: &rng) }) {
            var t = TextBytes()
            t.append(integer: n)
            #expect(t.string == String(n))
        }
    }

    @Test("JSON strings and XML escaping: the same text as the scalar-by-scalar code, plain texts unchanged")
    func escaping() {
        for s in Self.texts() {
            #expect(GeoJSONExport.string(s) == Self.jsonStringBefore(s), "\(Array(s.unicodeScalars.map(\.value)))")
            #expect(XMLEscape.text(s) == Self.xmlBefore(s, whitespaceAsReferences: false), "\(Array(s.unicodeScalars.map(\.value)))")
            #expect(XMLEscape.attribute(s) == Self.xmlBefore(s, whitespaceAsReferences: true), "\(Array(s.unicodeScalars.map(\.value)))")
        }
    }

    @Test("the playback's queue classes: occupancyClass's class for every queue")
    func occupancyClasses() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let lanes = Int.random(in: -1...5, using: &rng)
            let length = [0, -3, Double.random(in: 1...800, using: &rng), 50, 7 / 0.9].randomElement(using: &rng)!
            let classes = PlaybackSection.OccupancyClasses(lanes: lanes, lengthM: length)
            for pcu in [0, -1, .nan, .infinity, 1, 25.0 / 7, 50.0 / 7, 100.0 / 7, 200.0 / 7, Double.random(in: 0...120, using: &rng)] {
                #expect(classes.of(pcu) == PlaybackSection.occupancyClass(pcu, lanes: lanes, lengthM: length), "\(pcu) on \(lanes) lanes, \(length) m")
            }
        }
    }

    /// The mean queue per strategy, junction and time as one dictionary of times per pair gave it.
    static func meanJunctionQueuesBefore(_ data: ReportData) -> [String: [String: [(timeS: Double, pcu: Double)]]] {
        struct Key: Hashable { var strategy: String; var junction: String }
        var sums: [Key: [Double: (sum: Double, count: Int)]] = [:]
        func add(_ entry: inout (sum: Double, count: Int), _ x: Double) { entry.sum += x; entry.count += 1 }
        for row in data.tables.junctionQueues where row.sweep == data.reference {
            add(&sums[Key(strategy: row.strategy, junction: row.junction), default: [:]][row.timeS, default: (0, 0)], row.queuedPcu)
        }
        var out: [String: [String: [(timeS: Double, pcu: Double)]]] = [:]
        for (key, byTime) in sums {
            out[key.strategy, default: [:]][key.junction] = byTime.keys.sorted().map { t in (t, byTime[t]!.sum / Double(byTime[t]!.count)) }
        }
        return out
    }

    @Test("mean junction queues: the same series whatever the rows' order")
    func meanJunctionQueues() {
        var tables = ReportFixture.tables()
        var rng = SystemRandomNumberGenerator()
        for order in 0..<3 {
            if order == 1 { tables.junctionQueues.reverse() }
            if order == 2 { tables.junctionQueues.shuffle(using: &rng) }
            let data = ReportData(tables: tables, language: "en")
            let now = data.meanJunctionQueues(), before = Self.meanJunctionQueuesBefore(data)
            #expect(!now.isEmpty)
            #expect(Set(now.keys) == Set(before.keys))
            for (s, byJunction) in before {
                #expect(Set(now[s]?.keys ?? [:].keys) == Set(byJunction.keys))
                for (j, points) in byJunction {
                    let mine = now[s]?[j] ?? []
                    #expect(mine.map(\.timeS) == points.map(\.timeS) && mine.map(\.pcu) == points.map(\.pcu), "\(s) \(j)")
                }
            }
        }
    }
}
