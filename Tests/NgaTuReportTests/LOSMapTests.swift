import Foundation
import Testing
import NgaTuResults
@testable import NgaTuReport

/// The level-of-service map: labels that never overlap, an arm per approach in its own colour,
/// the conventional green-to-red scale with letters.
@Suite("Level-of-service map")
struct LOSMapTests {
    static let tables = ReportFixture.tables()
    static var map: ReportMap { ReportMap(junctions: tables.mapJunctions, roads: tables.mapRoads, incidents: tables.incidents)! }

    @Test("every signal and street is labelled, and no two labels overlap")
    func labels() {
        let map = Self.map
        #expect(map.labelledJunctions == Set(Self.tables.mapJunctions.filter(\.isSignalised).map(\.id)))
        #expect(Set(map.labelledStreets).isSuperset(of: ["Đường 30 Tháng 4", "Nguyễn Văn Cừ"]), "\(map.labelledStreets)")
        let boxes = map.labelBoxes
        #expect(boxes.count >= 5)
        for i in boxes.indices { for j in boxes.indices where j > i { #expect(!boxes[i].overlaps(boxes[j]), "\(boxes[i]) \(boxes[j])") } }
        // Short ids from the map's ids, names otherwise.
        #expect(ReportMap.shortLabel(MapJunctionRow(id: "j7-hoa-binh-nguyen-trai", name: "Hòa Bình × Nguyễn Trãi", at: .init(latitude: 0, longitude: 0), control: "signal")) == "J7")
        #expect(ReportMap.shortLabel(MapJunctionRow(id: "nvc-304", name: "Nguyễn Văn Cừ – 30 Tháng 4", at: .init(latitude: 0, longitude: 0), control: "signal")) == "Nguyễn Văn Cừ – 30 Th…")
    }

    @Test("boxes overlap as rotated rectangles do")
    func overlaps() {
        let a = LabelBox(x: 0, y: 0, width: 100, height: 10, angle: .pi / 4)
        #expect(!a.overlaps(LabelBox(x: 30, y: -30, width: 10, height: 10)))   // beside the diagonal
        #expect(a.overlaps(LabelBox(x: 30, y: 30, width: 10, height: 10)))     // on it
        #expect(LabelBox(x: 0, y: 0, width: 10, height: 10).overlaps(LabelBox(x: 9, y: 0, width: 10, height: 10)))
    }

    @Test("the layout's grid of taken boxes places exactly what testing every taken box would")
    func layoutMatchesScan() {
        // Many rotated boxes, some long (roads), some crossing cell edges, some touching.
        var seed: UInt64 = 19
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        var layout = LabelLayout(width: 800, height: 600)
        var taken: [LabelBox] = []
        var placedCount = 0
        for k in 0..<600 {
            let box = LabelBox(x: next() * 820 - 10, y: next() * 620 - 10, width: k % 7 == 0 ? 5 + next() * 300 : 4 + next() * 60,
                               height: 3 + next() * 14, angle: k % 3 == 0 ? 0 : (next() - 0.5) * .pi)
            if k % 4 == 0 {
                layout.block(box); taken.append(box); continue
            }
            let candidates = [box, LabelBox(x: box.x + 32, y: box.y, width: box.width, height: box.height), LabelBox(x: box.x, y: box.y + 10, width: 20, height: 14)]
            let inside = { (b: LabelBox) in b.corners.allSatisfy { $0.0 >= 1 && $0.1 >= 1 && $0.0 <= 799 && $0.1 <= 599 } }
            let expected = candidates.first { c in inside(c) && !taken.contains { $0.overlaps(c) } }
            let got = layout.place(candidates)
            #expect(got == expected, "box \(k)")
            if let e = expected { taken.append(e); placedCount += 1 }
        }
        #expect(layout.taken == taken)
        #expect(placedCount > 20 && placedCount < 400, "\(placedCount)")
    }

    @Test("approaches named as the core names them: the compass side 25 m along the incoming road, the neighbour's id on a shared side")
    func approachNames() throws {
        let c = MapCoordinate(latitude: 10, longitude: 105)
        func at(_ north: Double, _ east: Double) -> MapCoordinate {
            MapCoordinate(latitude: 10 + north / 110_574, longitude: 105 + east / (111_320 * cos(10 * Double.pi / 180)))
        }
        let junctions = [MapJunctionRow(id: "c", at: c, control: "signal"),
                         MapJunctionRow(id: "n", at: at(300, 0), control: "boundary"),
                         MapJunctionRow(id: "e", at: at(0, 300), control: "boundary"),
                         MapJunctionRow(id: "s1", at: at(-300, 20), control: "boundary"),
                         MapJunctionRow(id: "s2", at: at(-300, -20), control: "boundary"),
                         MapJunctionRow(id: "ne", at: at(200, 200), control: "boundary")]
        let roads = [MapRoadRow(id: "rn", from: "n", to: "c"), MapRoadRow(id: "re", from: "c", to: "e"),
                     MapRoadRow(id: "rs1", from: "s1", to: "c"), MapRoadRow(id: "rs2", from: "s2", to: "c"),
                     MapRoadRow(id: "rne", from: "ne", to: "c", oneway: true)]
        let map = try #require(ReportMap(junctions: junctions, roads: roads, incidents: []))
        let legs = try #require(map.legs["c"])
        #expect(Dictionary(uniqueKeysWithValues: legs.map { ($0.segment, $0.approach) })
                == ["rn": "N", "re~r": "E", "rs1": "s1", "rs2": "s2", "rne": "NE"])
        // Arms point outwards: north is up on the drawing.
        let north = try #require(legs.first { $0.approach == "N" })
        #expect(north.dy < -0.99 && abs(north.dx) < 0.01)
    }

    @Test("one arm per approach, coloured by that approach's level of service")
    func arms() throws {
        var tables = Self.tables
        let map = Self.map
        // The fixture's rows are hand-named; name them as the map's geometry does.
        let legs = try #require(map.legs["nvc-304"])
        let names = Set(legs.map(\.approach))
        tables.junctions = tables.junctions.map { r in
            var r = r
            if r.junction == "nvc-304", !names.contains(r.approach) { r.approach = "NE" }
            return r
        }
        #expect(names == ["NE", "S", "E", "W"])
        let data = ReportData(tables: tables, language: "en")
        let service = data.junctionService("fixed")
        let svg = map.svg(id: "m", title: Bi(same: "t"), service: service, language: "en").raw
        for row in service["nvc-304"]!.approaches {
            #expect(svg.contains("data-approach=\"\(row.approach)\" data-los=\"\(row.los ?? "")\""), "\(row.approach)")
            #expect(svg.contains("stroke=\"\(LevelOfService.fill(row.los))\""))
        }
        // The junction's own disc follows the weighted delay; the legend says so.
        let page = ReportBuilder.html(tables: Self.tables, language: "en")
        #expect(page.contains("disc: the junction (weighted delay); arm: each approach"))
    }

    @Test("levels of service run from green (A) to red (F), each letter readable on its colour")
    func scale() {
        #expect(LevelOfService.letters.map(LevelOfService.fill) == ["#009E73", "#7FCDAA", "#F0E442", "#E69F00", "#D55E00", "#8E0B2E"])
        func luminance(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            let bytes: [Int] = [(v >> 16) & 255, (v >> 8) & 255, v & 255]
            func linear(_ b: Int) -> Double {
                let x = Double(b) / 255
                return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
            }
            let r = linear(bytes[0]), g = linear(bytes[1]), bl = linear(bytes[2])
            return 0.2126 * r + 0.7152 * g + 0.0722 * bl
        }
        for letter in LevelOfService.letters {
            let a = luminance(LevelOfService.fill(letter)), b = luminance(LevelOfService.ink(letter))
            #expect((max(a, b) + 0.05) / (min(a, b) + 0.05) >= 4.5, "\(letter)")
        }
    }
}

/// The optional background streets under every map: one thin subpath per line that touches the
/// drawing, none when the map names no background.
@Suite("Map background streets")
struct MapBackgroundTests {
    /// Lines drawn: subpaths of the background path.
    static func count(_ svg: String) -> Int {
        guard let start = svg.range(of: "<path class=\"bg-streets\" d=\"") else { return 0 }
        let d = svg[start.upperBound...].prefix { $0 != "\"" }
        return d.filter { $0 == "M" }.count
    }

    @Test("drawn under the roads of the LOS and playback maps when named, absent when not")
    func layer() throws {
        let t = ReportFixture.tables()
        let lats = t.mapJunctions.map(\.at.latitude), lons = t.mapJunctions.map(\.at.longitude)
        let c = MapCoordinate(latitude: (lats.min()! + lats.max()!) / 2, longitude: (lons.min()! + lons.max()!) / 2)
        let inside = [[c, MapCoordinate(latitude: c.latitude + 0.001, longitude: c.longitude + 0.001)],
                      [MapCoordinate(latitude: c.latitude - 0.001, longitude: c.longitude),
                       c, MapCoordinate(latitude: c.latitude, longitude: c.longitude - 0.001)]]
        let far = [[MapCoordinate(latitude: c.latitude + 1, longitude: c.longitude), MapCoordinate(latitude: c.latitude + 1.1, longitude: c.longitude)]]
        let with = try #require(ReportMap(junctions: t.mapJunctions, roads: t.mapRoads, incidents: [], background: inside + far))
        let without = try #require(ReportMap(junctions: t.mapJunctions, roads: t.mapRoads, incidents: []))
        let svg = with.svg(id: "m", title: Bi(same: "t"), service: [:], language: "en").raw
        #expect(Self.count(svg) == 2)   // the far line is clipped away
        // Beneath the roads.
        #expect(svg.range(of: "bg-streets")!.lowerBound < svg.range(of: "class=\"roads\"")!.lowerBound)
        #expect(Self.count(without.svg(id: "m", title: Bi(same: "t"), service: [:], language: "en").raw) == 0)
        #expect(!without.svg(id: "m", title: Bi(same: "t"), service: [:], language: "en").raw.contains("bg-streets"))
        let playback = with.playbackSVG(id: "p", segments: with.directedSegments(), incidents: [], language: "en").raw
        #expect(Self.count(playback) == 2 && playback.contains("© OpenStreetMap contributors"))
        #expect(!without.playbackSVG(id: "p", segments: without.directedSegments(), incidents: [], language: "en").raw.contains("bg-streets"))
        // Through the whole report: every LOS map and the playback map carry it.
        var tables = t
        tables.mapBackground = inside
        let page = ReportBuilder.html(tables: tables, language: "vi")
        #expect(page.components(separatedBy: "class=\"bg-streets\"").count - 1 >= 2)
        #expect(!ReportBuilder.html(tables: t, language: "vi").contains("class=\"bg-streets\""))
    }
}
