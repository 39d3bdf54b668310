import Foundation
import Testing
@testable import NgaTuOSM
import NgaTuCore

func fixture(_ path: String) throws -> Data {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(path)
    return try Data(contentsOf: url)
}

@Suite struct OSMImporterTests {
    @Test func onewayMinusOneReversesTheWay() throws {
        let m = try OSMImporter.importXML(fixture("oneway-triangle.osm"), options: OSMImportOptions(mapId: "t"))
        let r11 = try #require(m.spec.roads.first { $0.id.hasPrefix("w11-") })
        #expect(r11.oneway)
        #expect(r11.from == "n3" && r11.to == "n2")
        let r12 = try #require(m.spec.roads.first { $0.id.hasPrefix("w12-") })
        #expect(r12.from == "n1" && r12.to == "n3" && r12.oneway)
        #expect(r12.lanesForward == 2)
        #expect(r12.widthM == 7)
        #expect(r12.speedKmh == 60)             // one-way, 2 lanes: divided-road limit
        let r10 = try #require(m.spec.roads.first { $0.id.hasPrefix("w10-") })
        #expect(!r10.oneway && r10.lanesForward == 1 && r10.speedKmh == 30)
        #expect(m.roadComments[r10.id] == "estimate: lanes, speed")
        #expect(m.roadComments[r12.id] == "estimate: speed")
    }

    @Test func dualCarriagewayNodesMergeAndSignalSnaps() throws {
        let box = BoundingBox(south: 10.0005, west: 104.9985, north: 10.0035, east: 105.0015)
        let m = try OSMImporter.importXML(fixture("dual-carriageway.osm"), options: OSMImportOptions(mapId: "t", bbox: box))
        let inner = m.spec.junctions.filter { $0.control != .boundary }
        #expect(inner.count == 1)
        let centre = try #require(inner.first)
        #expect(centre.control == .signal)         // node 5 is 15 m from node 2 on way 100
        #expect(abs(centre.at.lat - 10.002) < 0.00002)
        #expect(m.spec.junctions.filter { $0.control == .boundary }.count == 4)
        #expect(m.spec.roads.count == 4)
        // The two carriageways became one two-way road on each side, 3 lanes one way, 2 the other.
        let vvk = m.spec.roads.filter { $0.name == "Võ Văn Kiệt" }
        #expect(vvk.count == 2)
        for r in vvk {
            #expect(!r.oneway)
            #expect(Set([r.lanesForward, r.lanesBackward]) == [2, 3])
        }
        // The untagged primary street: default lanes and undivided speed, marked estimate.
        let street = m.spec.roads.filter { $0.name == "Đường: \"Thử\"" }
        #expect(street.count == 2)
        #expect(street.allSatisfy { $0.lanesForward == 2 && $0.speedKmh == 50 && !$0.oneway })
        #expect(street.allSatisfy { m.roadComments[$0.id] == "estimate: lanes, speed" })
        #expect(m.spec.disconnectedBoundaries().isEmpty)
        #expect(!m.spec.roads.contains { $0.id.hasPrefix("w300") })   // footway not imported
    }

    @Test func bboxCutsEndAtBoundariesWithIds() throws {
        let box = BoundingBox(south: 10.0005, west: 104.9985, north: 10.0035, east: 105.0015)
        let m = try OSMImporter.importXML(fixture("dual-carriageway.osm"), options: OSMImportOptions(mapId: "t", bbox: box))
        for b in m.spec.junctions where b.control == .boundary {
            #expect(b.id.hasPrefix("b"))
            let onEdge = abs(b.at.lat - box.south) < 1e-6 || abs(b.at.lat - box.north) < 1e-6
                || abs(b.at.lon - box.west) < 1e-6 || abs(b.at.lon - box.east) < 1e-6
            #expect(onEdge, "\(b.id) at \(b.at)")
        }
        for j in m.spec.junctions { #expect(j.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }) }
        // Without the box nothing is cut: the ends are dead ends at the data's edge.
        let whole = try OSMImporter.importXML(fixture("dual-carriageway.osm"), options: OSMImportOptions(mapId: "t"))
        #expect(!whole.spec.junctions.contains { $0.id.hasPrefix("b") })
        #expect(whole.spec.junctions.filter { $0.control == .boundary }.count == 4)
    }

    @Test func tagParsing() {
        let (two, _) = WayAttributes.fromTags(["highway": "primary", "lanes": "3"])!
        #expect(two.lanesForward == 2 && two.lanesBackward == 2 && !two.lanesEstimated)
        let (fb, _) = WayAttributes.fromTags(["highway": "primary", "lanes": "3", "lanes:forward": "2", "lanes:backward": "1"])!
        #expect(fb.lanesForward == 2 && fb.lanesBackward == 1)
        let (rev, reversed) = WayAttributes.fromTags(["highway": "secondary", "oneway": "-1"])!
        #expect(rev.oneway && reversed)
        let (no, r2) = WayAttributes.fromTags(["highway": "secondary", "oneway": "no"])!
        #expect(!no.oneway && !r2)
        #expect(RoadDefaults.parseSpeed("30 mph") == 48.3)
        #expect(RoadDefaults.parseSpeed("50") == 50)
        #expect(RoadDefaults.parseSpeed("none") == nil)
        #expect(RoadDefaults.parseWidth("7,5 m") == 7.5)
        // OSM typos fall back to the class defaults (marked as estimates) instead of reaching the map.
        #expect(RoadDefaults.parseSpeed("999999999999999999999") == nil)
        #expect(RoadDefaults.parseSpeed("0.5") == nil)
        #expect(RoadDefaults.parseSpeed("inf") == nil)
        #expect(RoadDefaults.parseWidth("1e300") == nil)
        #expect(RoadDefaults.parseCount("99999") == nil)
        #expect(RoadDefaults.parseCount("1e300") == nil)
        #expect(RoadDefaults.parseCount("2;3") == 2)
        let (typo, _) = WayAttributes.fromTags(["highway": "primary", "maxspeed": "5000", "lanes": "40"])!
        #expect(typo.speedKmh == 50 && typo.speedEstimated && typo.lanesEstimated && typo.lanesForward == 2)
        #expect(BoundingBox(parsing: "10.01,105.74,10.05,105.79") == BoundingBox(south: 10.01, west: 105.74, north: 10.05, east: 105.79))
        #expect(BoundingBox(parsing: "10.05,105.74,10.01,105.79") == nil)
    }

    @Test func malformedXMLThrows() {
        #expect(throws: OSMImportError.self) {
            try OSMImporter.importXML(Data("<osm><node id=\"1\"".utf8), options: OSMImportOptions(mapId: "t"))
        }
    }

    @Test func nodeOffTheGlobeThrows() {
        for (lat, lon) in [("10", "181"), ("-91", "105"), ("nan", "105")] {
            let xml = "<osm>\n<node id=\"7\" lat=\"\(lat)\" lon=\"\(lon)\"/>\n</osm>"
            let error = #expect(throws: OSMImportError.self) {
                try OSMImporter.importXML(Data(xml.utf8), options: OSMImportOptions(mapId: "t"))
            }
            #expect(error?.description == "malformed input: node 7 has lat \(lat), lon \(lon): latitude must lie in -90…90 and longitude in -180…180")
            #expect(error?.line == 2)
        }
    }
}
