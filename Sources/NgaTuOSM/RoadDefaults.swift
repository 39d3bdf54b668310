import Foundation

/// How OSM `highway` classes and tags become lanes and speeds, with the documented defaults
/// for Vietnamese urban roads where a tag is missing (shared/data/cantho/FACTS.md §2).
///
/// Defaults are estimates ([E] in FACTS.md); every road that uses one is marked in the map.
/// - Speed: the built-up-area limits of Thông tư 31/2019 (carried into TT 38/2024): 60 km/h on
///   divided roads and on one-way carriageways of ≥ 2 lanes, 50 km/h on undivided two-way
///   roads and single-lane one-way roads; 40 km/h on tertiary streets and links, 30 km/h on
///   residential and unclassified streets (hẻm), 80 km/h on motorways.
/// - Lanes per direction (3.5 m car lanes; motorcycles use the whole width): motorway 3,
///   trunk and primary 2, secondary 2 one-way / 1 two-way, everything else 1.
public enum RoadDefaults {
    /// The `highway` values imported by default: motorway … residential/unclassified and links.
    public static let drivableClasses: Set<String> = [
        "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
        "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link",
    ]

    /// Rank of a class: lower is more important (used to choose names and settle ties).
    public static func rank(_ highway: String) -> Int {
        let order = ["motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential"]
        let base = highway.hasSuffix("_link") ? String(highway.dropLast(5)) : highway
        let r = order.firstIndex(of: base) ?? order.count
        return highway.hasSuffix("_link") ? r * 2 + 1 : r * 2
    }

    /// Default lanes per direction for a class.
    public static func lanes(highway: String, oneway: Bool) -> Int {
        switch highway {
        case "motorway": return 3
        case "trunk", "primary": return 2
        case "secondary": return oneway ? 2 : 1
        default: return 1
        }
    }

    /// Default speed limit in km/h for a class and layout.
    public static func speed(highway: String, oneway: Bool, lanes: Int) -> Double {
        switch highway {
        case "motorway": return 80
        case "trunk", "primary", "secondary": return (oneway && lanes >= 2) ? 60 : 50
        case "tertiary": return 40
        case "unclassified", "residential", "living_street": return 30
        default: return 40   // links
        }
    }

    /// Parses an OSM `maxspeed` value ("50", "50 km/h", "30 mph"); nil when not numeric or
    /// outside the speeds a map may give (1–500 km/h): a typo in OSM gets the class default.
    public static func parseSpeed(_ text: String?) -> Double? {
        guard var t = text?.trimmingCharacters(in: .whitespaces).lowercased(), !t.isEmpty else { return nil }
        var factor = 1.0
        if t.hasSuffix("mph") { factor = 1.609344; t = String(t.dropLast(3)) }
        else if t.hasSuffix("km/h") { t = String(t.dropLast(4)) }
        else if t.hasSuffix("kmh") { t = String(t.dropLast(3)) }
        guard let v = Double(t.trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0 else { return nil }
        let kmh = (v * factor * 10).rounded() / 10
        return (1...500).contains(kmh) ? kmh : nil
    }

    /// Parses an OSM `width` value in metres ("7", "7.5 m", "7,5"); nil when not numeric or not
    /// a carriageway's width (1–200 m).
    public static func parseWidth(_ text: String?) -> Double? {
        guard var t = text?.trimmingCharacters(in: .whitespaces).lowercased(), !t.isEmpty else { return nil }
        if t.hasSuffix("m") { t = String(t.dropLast()) }
        t = t.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)
        guard let v = Double(t), (1...200).contains(v) else { return nil }
        return v
    }

    /// Parses a lane count (`lanes`): the first number of "2;3" style values; nil when not a
    /// count from 1 to 16 (the most a map may give).
    public static func parseCount(_ text: String?) -> Int? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        let first = t.split(whereSeparator: { $0 == ";" || $0 == "|" }).first.map(String.init) ?? t
        if let v = Int(first.trimmingCharacters(in: .whitespaces)) { return (1...16).contains(v) ? v : nil }
        if let d = Double(first.trimmingCharacters(in: .whitespaces)), d > 0, d <= 16 { return Int(d.rounded(.up)) }
        return nil
    }
}

/// Attributes of one drivable way, resolved from tags (or from the 2018 CSV columns).
package struct WayAttributes: Sendable, Equatable {
    package var name: String
    package var highway: String
    package var oneway: Bool
    package var lanesForward: Int
    package var lanesBackward: Int
    package var speedKmh: Double
    /// Width per direction in metres (OSM `width` is the whole carriageway).
    package var widthM: Double?
    package var lanesEstimated: Bool
    package var speedEstimated: Bool

    /// Resolves OSM tags. Returns the attributes and whether the node order must be reversed
    /// (`oneway=-1`).
    package static func fromTags(_ tags: [String: String]) -> (WayAttributes, reversed: Bool)? {
        guard let highway = tags["highway"] else { return nil }
        let ow = (tags["oneway"] ?? "").lowercased()
        var oneway = ["yes", "true", "1", "-1", "reverse"].contains(ow)
        let reversed = ow == "-1" || ow == "reverse"
        if tags["junction"] == "roundabout" || tags["junction"] == "circular", ow.isEmpty { oneway = true }
        if highway == "motorway", ow.isEmpty { oneway = true }

        var forward: Int?, backward: Int?
        let total = RoadDefaults.parseCount(tags["lanes"])
        let tf = RoadDefaults.parseCount(tags["lanes:forward"])
        let tb = RoadDefaults.parseCount(tags["lanes:backward"])
        if oneway {
            forward = (reversed ? tb : tf) ?? total
        } else {
            forward = tf ?? total.map { Int((Double($0) / 2).rounded(.up)) }
            backward = tb ?? total.map { Int((Double($0) / 2).rounded(.up)) }
            if let total, tf != nil, tb == nil { backward = max(1, total - tf!) }
            if let total, tb != nil, tf == nil { forward = max(1, total - tb!) }
        }
        let lanesEstimated = forward == nil || (!oneway && backward == nil)
        let lf = forward ?? RoadDefaults.lanes(highway: highway, oneway: oneway)
        let lb = oneway ? lf : (backward ?? RoadDefaults.lanes(highway: highway, oneway: oneway))
        let tagged = RoadDefaults.parseSpeed(tags["maxspeed"])
        let speed = tagged ?? RoadDefaults.speed(highway: highway, oneway: oneway, lanes: lf)
        var width = RoadDefaults.parseWidth(tags["width"])
        if let w = width, !oneway { width = w / 2 }
        let attrs = WayAttributes(name: tags["name"] ?? "", highway: highway, oneway: oneway,
                                  lanesForward: lf, lanesBackward: lb, speedKmh: speed, widthM: width,
                                  lanesEstimated: lanesEstimated, speedEstimated: tagged == nil)
        return (attrs, reversed)
    }
}
