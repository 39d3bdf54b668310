import Foundation
import Testing
@testable import NgaTuOSM
@testable import NgaTuCantho
import NgaTuCore
import NgaTuFormats

/// `maps/ninh-kieu-full.yaml`, the full drivable network: regenerated from the fixtures and
/// compared byte for byte, loaded and validated by the core (every boundary reaches another
/// and is reached from one), with the skeleton's signals.
@Suite struct NinhKieuFullMapTests {
    static func full() throws -> ImportedMap {
        try NinhKieuFullMap.build(roadsGeoJSON: fixture("cantho/osm2018_roads_ninhkieu.geojson"),
                                  edgesCSV: CanThoMapTests.text("osm2018_major_edges.csv"),
                                  nodesCSV: CanThoMapTests.text("osm2018_major_nodes.csv"),
                                  keyJunctionsCSV: CanThoMapTests.text("key_junctions_ninhkieu.csv"))
    }

    @Test func matchesTheCommittedFileLoadsAndValidates() throws {
        let m = try Self.full()
        let yaml = CanThoMapTests.yaml(m)
        let committed = try String(contentsOf: CanThoMapTests.repo.appendingPathComponent("maps/ninh-kieu-full.yaml"), encoding: .utf8)
        #expect(yaml == committed)
        // The committed file reads back and the core builds it: its boundary check refuses a
        // boundary that cannot reach, or be reached from, another.
        let doc = try MapReader.parse(committed, file: "maps/ninh-kieu-full.yaml")
        let net = try NetworkBuilder.build(doc.spec)
        #expect(m.spec.disconnectedBoundaries().isEmpty)
        #expect(doc.spec.attribution.contains("© OpenStreetMap contributors"))
        // Hundreds of junctions; every signalised junction of the skeleton is signalised here.
        #expect(net.junctionCount > 200)
        let skeleton = try CanThoMapTests.ninhKieu()
        let signals = Set(doc.spec.junctions.filter { $0.control == .signal }.map(\.id))
        for j in skeleton.spec.junctions where j.control == .signal {
            let near = doc.spec.junctions.filter { $0.control == .signal }
                .min { Geo.distance($0.at, j.at) < Geo.distance($1.at, j.at) }
            #expect(near.map { Geo.distance($0.at, j.at) <= 60 } == true, "\(j.id) has a signal nearby")
        }
        #expect(signals.count >= skeleton.spec.junctions.filter { $0.control == .signal }.count)
        #expect(doc.spec.junctions.filter { $0.control == .priority }.count > 100)
        // Every road that uses an estimate says so: only the few whose lanes and speed are both
        // tagged in OSM carry no marker.
        #expect(m.spec.roads.filter { m.roadComments[$0.id] == nil }.count <= 10)
    }
}
