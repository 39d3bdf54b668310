import Foundation

/// The physical dimension of a quantity the files may write with a unit.
public enum QuantityDimension: String, Sendable, CaseIterable {
    case time, length, speed, flow

    /// Units the readers accept (lower case), each with its factor to the default unit:
    /// seconds, metres, km/h, veh/h. Unit names are matched case-insensitively.
    public var units: [(name: String, factor: Double)] {
        switch self {
        case .time:
            return [("s", 1), ("sec", 1), ("secs", 1), ("second", 1), ("seconds", 1),
                    ("min", 60), ("mins", 60), ("minute", 60), ("minutes", 60),
                    ("h", 3600), ("hr", 3600), ("hrs", 3600), ("hour", 3600), ("hours", 3600)]
        case .length:
            return [("m", 1), ("metre", 1), ("metres", 1), ("meter", 1), ("meters", 1), ("km", 1000)]
        case .speed:
            return [("km/h", 1), ("kmh", 1), ("kph", 1), ("m/s", 3.6)]
        case .flow:
            return [("veh/h", 1), ("pcu/h", 1), ("veh/min", 60), ("pcu/min", 60), ("veh/s", 3600)]
        }
    }

    /// The default unit, in which numbers without a unit are read.
    public var defaultUnit: String {
        switch self {
        case .time: return "s"
        case .length: return "m"
        case .speed: return "km/h"
        case .flow: return "veh/h"
        }
    }

    /// The largest magnitude a file may give, in the default unit: far beyond any road or day
    /// a scenario models, and small enough that every time the engine derives from it (in
    /// microseconds, Int64) stays finite. A value outside is a typo, reported as such.
    public var largest: Double {
        switch self {
        case .time: return 366 * 86_400         // a year
        case .length: return 1_000_000           // 1000 km
        case .speed: return 500                  // km/h
        case .flow: return 100_000               // veh/h
        }
    }

    /// The smallest positive value a file may give (0 stays allowed where the key allows it):
    /// a road at 0.000001 km/h would take longer than any run to cross.
    public var smallestPositive: Double {
        switch self {
        case .time: return 0.001                 // s
        case .length: return 0.1                 // m
        case .speed: return 1                    // km/h
        case .flow: return 0.01                  // veh/h: one vehicle in 100 h
        }
    }

    /// How an error message asks for a value of this dimension.
    var wanted: String {
        switch self {
        case .time: return "a duration such as \"3 s\""
        case .length: return "a length such as \"420 m\""
        case .speed: return "a speed such as \"40 km/h\""
        case .flow: return "a flow such as \"1200 veh/h\""
        }
    }

    var noun: String {
        switch self {
        case .time: return "a duration"
        case .length: return "a length"
        case .speed: return "a speed"
        case .flow: return "a flow"
        }
    }

    var unitList: String {
        switch self {
        case .time: return "s, min or h"
        case .length: return "m or km"
        case .speed: return "km/h or m/s"
        case .flow: return "veh/h, veh/min or veh/s"
        }
    }
}

/// What a scalar's text says as a quantity.
enum QuantityText: Equatable {
    /// A plain number: in the default unit of whatever is expected.
    case number(Double)
    /// A number with a known unit, converted to that dimension's default unit.
    case quantity(Double, QuantityDimension)
    /// A number followed by something that is no unit we know.
    case unknownUnit(Double, String)
    /// Not a number at all.
    case notANumber

    /// Reads `"1.5 min"`, `"0.42 km"`, `"20 veh/min"`, `"90"`. The number is a decimal with an
    /// optional sign, fraction and exponent; spaces between number and unit are optional.
    init(_ text: String) {
        if let x = Self.plainNumber(text) { self = .number(x); return }
        self.init(general: text)
    }

    /// The general reading (`init` takes a plain number the short way first).
    init(general text: String) {
        let s = Array(text.trimmingSpaces().unicodeScalars)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < s.count, ("0"..."9").contains(s[i]) { i += 1 }
            return i - start
        }
        if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
        var n = digits()
        if i < s.count, s[i] == "." { i += 1; n += digits() }
        guard n > 0 else { self = .notANumber; return }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            let save = i
            i += 1
            if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
            if digits() == 0 { i = save }
        }
        let numberText = String(String.UnicodeScalarView(s[0..<i]))
        guard let value = Double(numberText) else { self = .notANumber; return }
        let unit = String(String.UnicodeScalarView(s[i...])).trimmingSpaces()
        if unit.isEmpty { self = .number(value); return }
        let lower = unit.lowercased()
        for dim in QuantityDimension.allCases {
            if let u = dim.units.first(where: { $0.name == lower }) {
                self = .quantity(value * u.factor, dim)
                return
            }
        }
        self = .unknownUnit(value, unit)
    }

    /// The value of a text that is a number of that form and nothing else (no space, no
    /// unit), read without arrays of its characters: most numbers of a map (its coordinates:
    /// 15,000 instructions each the general way). Nil for any other text, which the general
    /// reading then takes: both give `Double(text)` for such a text.
    static func plainNumber(_ text: String) -> Double? {
        let plain = text.utf8.withContiguousStorageIfAvailable { b -> Bool in
            var i = 0
            func digits() -> Int {
                let start = i
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
                return i - start
            }
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            var n = digits()
            if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; n += digits() }
            guard n > 0 else { return false }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return false }
            }
            return i == b.count
        }
        return plain == true ? Double(text) : nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

