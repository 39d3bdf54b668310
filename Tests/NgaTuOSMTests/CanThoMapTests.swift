import Foundation
import Testing
@testable import NgaTuOSM
@testable import NgaTuCantho
import NgaTuCore
import NgaTuFormats

/// The committed maps are regenerated here from the fixtures and compared byte for byte.
/// After an intended change, run `maps/tools/build-maps.sh` and commit the new files.
@Suite struct CanThoMapTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ name: String) throws -> String {
        String(decoding: try fixture("cantho/" + name), as: UTF8.self)
    }

    static func ninhKieu() throws -> ImportedMap {
        try NinhKieuMap.build(edgesCSV: text("osm2018_major_edges.csv"), nodesCSV: text("osm2018_major_nodes.csv"),
                              keyJunctionsCSV: text("key_junctions_ninhkieu.csv"))
    }

    static func yaml(_ m: ImportedMap, background: String? = nil) -> String {
        MapWriter.yaml(m.spec, header: m.header, roadComments: m.roadComments,
                       junctionComments: m.junctionComments, signalComments: m.signalComments, background: background)
    }

    @Test func ninhKieuMatchesCommittedFile() throws {
        let committed = try String(contentsOf: Self.repo.appendingPathComponent("maps/ninh-kieu.yaml"), encoding: .utf8)
        #expect(Self.yaml(try Self.ninhKieu(), background: "ninh-kieu-streets.geojson") == committed)
    }

    @Test func tanAnMatchesCommittedFile() throws {
        let m = try TanAnDowntownMap.build(osmXML: fixture("cantho/osm2020_downtown_tanan.osm"))
        let committed = try String(contentsOf: Self.repo.appendingPathComponent("maps/tan-an-downtown.yaml"), encoding: .utf8)
        #expect(Self.yaml(m) == committed)
        #expect(m.spec.disconnectedBoundaries().isEmpty)
        #expect(m.spec.junctions.contains { $0.control == .signal })
    }

    @Test func ninhKieuFigures() throws {
        let m = try Self.ninhKieu()
        let signals = m.spec.junctions.filter { $0.control == .signal }
        // The key junctions of FACTS.md §3 (J9 lies outside the box); J7, J14 and S3 are real
        // junctions through the side streets kept up to a boundary (see the map header).
        #expect(signals.count >= 15)
        for key in ["j1-mau-than-3-2", "j2-3-2-nvl", "j3-mau-than-nvc", "j4-nvl-nvc", "j5-nvl-30-4", "j6-30-4-hoa-binh",
                    "j7-hoa-binh-nguyen-trai", "j8-30-4-quang-trung", "j10-cmt8-nguyen-trai", "j12-cmt8-nvc",
                    "j13-mau-than-30-4", "j14-thd-hung-vuong",
                    "s1-hoa-binh-ngo-quyen", "s2-pdp-ngo-quyen", "s3-pdp-nguyen-an-ninh"] {
            #expect(signals.contains { $0.id == key }, "\(key) signalised")
        }
        #expect(m.spec.junctions.filter { $0.control == .boundary }.count >= 6)
        #expect(m.spec.disconnectedBoundaries().isEmpty)
        #expect(m.spec.attribution == "© OpenStreetMap contributors, ODbL")
        #expect(m.roadLengthM > 25_000)
        // J1 is a crossroads: 3/2, Trần Hưng Đạo and Mậu Thân on both sides, all two-way.
        let j1 = SignalPlanner.legs(of: m.spec, junction: "j1-mau-than-3-2")
        #expect(j1.count == 4)
        #expect(Set(j1.map { Geo.compass($0.bearing) }).count == 4)
        // No stray `none` stubs: every plain junction joins at least three roads.
        for j in m.spec.junctions where j.control == .none {
            #expect(m.spec.roads.filter { $0.from == j.id || $0.to == j.id }.count >= 3, "\(j.id) is a stub")
        }
        // Ids: unique, [a-z0-9-].
        let ids = m.spec.junctions.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(m.spec.roads.map(\.id)).count == m.spec.roads.count)
        for id in ids + m.spec.roads.map(\.id) {
            #expect(id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(id)")
        }
        // Every signal has a plan whose times add up and whose approaches are real neighbours.
        for j in signals {
            let plan = try #require(m.spec.signals.first { $0.junction == j.id })
            let total = plan.phases.reduce(0) { $0 + $1.green + plan.yellow + plan.allRed }
            #expect(abs(total - plan.cycle) < 1e-9)
            #expect((60...70).contains(plan.cycle) || plan.phases.count >= 3)
            let legs = Set(SignalPlanner.legs(of: m.spec, junction: j.id).map(\.neighbour))
            // Movements (`nvc-x:left!`) name their approach before the colon.
            let approaches = plan.phases.flatMap(\.allow).map { String($0.split(separator: ":")[0]) }
            #expect(Set(approaches) == legs)
        }
        // The big junctions whose permitted left ran over capacity have a protected left phase.
        for id in ["j10-cmt8-nguyen-trai", "j5-nvl-30-4", "j3-mau-than-nvc"] {
            let plan = try #require(m.spec.signals.first { $0.junction == id })
            #expect(plan.cycle == 90 && plan.phases.count == 3)
            #expect(plan.phases.contains { $0.allow.contains { $0.hasSuffix(":left!") } })
            #expect(m.header.contains { $0.hasPrefix("protected left: \(id.hasPrefix("j10") ? "J10" : id.hasPrefix("j5") ? "J5" : "J3"):") })
        }
        // Every road that uses an estimate says so.
        for r in m.spec.roads where m.roadComments[r.id] == nil {
            Issue.record("road \(r.id) has no estimate marker")
        }
    }
}
