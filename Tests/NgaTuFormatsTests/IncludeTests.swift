import Foundation
import NgaTuCore
import Testing
@testable import NgaTuFormats

/// `include: FILE.yaml` for a mapping and `demand.flows_file:` (formats.md additions).
@Suite struct IncludeTests {
    /// A scratch folder with the test crossroads map.
    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ngatu-include-\(UUID().uuidString)")
        init() throws {
            try FileManager.default.createDirectory(at: url.appendingPathComponent("demand"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Fixture.path("good/crossroads.yaml"), toPath: url.appendingPathComponent("crossroads.yaml").path)
        }
        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            let p = url.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: p))
            return p
        }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static func scenario(demand: String) -> String {
        """
        scenario: inc
        map: crossroads.yaml
        duration: 1 h
        vehicles:
          motorbike: {share: 0.85, pcu: 0.3}
          car:       {share: 0.15, pcu: 1.0}
        \(demand)
        """
    }

    static let inline = scenario(demand: """
        demand:
          arrivals: uniform
          flows:
            - {from: bn, to: bs, rate: 900 veh/h}
            - {from: bs, to: bn, rate: 20 veh/min, mix: {car: 0.3, motorbike: 0.7}}
            - {from: be, to: bw, rate: 600, via: [re, rw]}
          profile: [[0 min, 0.7], [30 min, 1.2]]
        """)

    @Test func includeAndFlowsFileGiveTheInlineSpec() throws {
        let f = try Folder(); defer { f.remove() }
        let expected = try ScenarioReader.read(file: f.write("inline.yaml", Self.inline)).spec
        try f.write("demand/am.csv", """
            # a comment line
            from,to,rate,car,motorbike,via
            bn,bs,900 veh/h,,,
            bs,bn,1200,0.3,0.7,
            "be",bw,600,,,re;rw

            """)
        try f.write("demand/am.yaml", "arrivals: uniform\nflows_file: am.csv\nprofile: [[0 min, 0.7], [30 min, 1.2]]\n")
        let doc = try ScenarioReader.read(file: f.write("inc.yaml", Self.scenario(demand: "demand: {include: demand/am.yaml}")))
        var spec = doc.spec; spec.id = expected.id
        #expect(spec.demand == expected.demand)
        #expect(doc.otherFiles == [f.path("demand/am.yaml"), f.path("demand/am.csv")])
        // Inline flows first, then the file's.
        let both = try ScenarioReader.read(file: f.write("both.yaml", Self.scenario(demand: """
            demand:
              flows:
                - {from: bw, to: be, rate: 100}
              flows_file: demand/am.csv
            """))).spec
        #expect(both.demand.flows.map(\.from) == ["bw", "bn", "bs", "be"])
    }

    @Test func errorsPointIntoTheIncludedFile() throws {
        let f = try Folder(); defer { f.remove() }
        try f.write("demand/bad.yaml", "arrivals: uniform\nflows:\n  - {from: bn, to: bs, rate: 9 furlongs}\n")
        try f.write("s.yaml", Self.scenario(demand: "demand: {include: demand/bad.yaml}"))
        var e = try #require(inputError { () throws(InputError) in try ScenarioReader.read(file: f.path("s.yaml")) })
        #expect(e.file == f.path("demand/bad.yaml") && e.line == 3 && e.column == 30, "\(e)")
        #expect(e.description.contains("demand.flows[0].rate: unknown unit \"furlongs\""), "\(e)")

        try f.write("demand/key.yaml", "arrivals: uniform\nflowz: []\n")
        try f.write("s.yaml", Self.scenario(demand: "demand: {include: demand/key.yaml}"))
        e = try #require(inputError { () throws(InputError) in try ScenarioReader.read(file: f.path("s.yaml")) })
        #expect(e.file == f.path("demand/key.yaml") && e.line == 2 && e.column == 1 && e.message.contains("did you mean `flows`?"), "\(e)")

        try f.write("s.yaml", Self.scenario(demand: "demand: {include: demand/none.yaml}"))
        e = try #require(inputError { () throws(InputError) in try ScenarioReader.read(file: f.path("s.yaml")) })
        #expect(e.file == f.path("s.yaml") && e.line == 7 && e.column == 19 && e.message.contains("cannot read included file"), "\(e)")

        try f.write("demand/loop.yaml", "include: loop.yaml\n")
        try f.write("s.yaml", Self.scenario(demand: "demand: {include: demand/loop.yaml}"))
        e = try #require(inputError { () throws(InputError) in try ScenarioReader.read(file: f.path("s.yaml")) })
        #expect(e.file == f.path("demand/loop.yaml") && e.message.contains("includes itself"), "\(e)")

        try f.write("demand/x.csv", "from,to,rate\nbn,bs,900\nbn,bq,100\n")
        try f.write("s.yaml", Self.scenario(demand: "demand: {flows_file: demand/x.csv}"))
        e = try #require(inputError { () throws(InputError) in try ScenarioReader.read(file: f.path("s.yaml")) })
        #expect(e.file == f.path("demand/x.csv") && e.line == 3 && e.column == 4, "\(e)")
        #expect(e.message.contains("unknown junction \"bq\""), "\(e)")

        try f.write("demand/y.csv", "from,to,rate,lorry\nbn,bs,900,1\n")
        try f.write("s.yaml", Self.scenario(demand: "demand: {flows_file: demand/y.csv}"))
        e = try #require(inputError { () throws(InputError) in try ScenarioReader.read(file: f.path("s.yaml")) })
        #expect(e.file == f.path("demand/y.csv") && e.line == 1 && e.column == 14 && e.message.contains("unknown column `lorry`"), "\(e)")
    }

    /// The shipped Ninh Kiều scenarios read their demand from scenarios/demand/: the same spec
    /// as the inline block they held before (kept as text here: the flows of the CSV file).
    @Test func shippedScenariosShareTheAmPeakDemand() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let am = try ScenarioReader.read(file: repo.appendingPathComponent("scenarios/ninh-kieu-am-peak.yaml").path).spec
        let flood = try ScenarioReader.read(file: repo.appendingPathComponent("scenarios/flood-mau-than.yaml").path).spec
        let corridor = try ScenarioReader.read(file: repo.appendingPathComponent("scenarios/corridor-30-4.yaml").path).spec
        // The AM peak: seven flows of its own (no signalised approach empty), then the CSV's 55.
        #expect(am.demand.flows.count == 62)
        #expect(am.demand.flows.map(\.rate).reduce(0, +) == 10_550)
        #expect(flood.demand == am.demand)
        #expect(Array(corridor.demand.flows.dropFirst(4)) == Array(am.demand.flows.dropFirst(7)))
        #expect(corridor.demand.profile.map(\.time) == am.demand.profile.map(\.time))
    }
}
