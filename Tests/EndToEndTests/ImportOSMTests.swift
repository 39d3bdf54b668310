import Foundation
import Testing

/// `ngatu import-osm` on a small OSM fixture: the written map validates; bad input writes nothing.
@Suite struct ImportOSMTests {
    @Test func importedMapValidates() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["import-osm", CLI.fixture("osm/dual-carriageway.osm"), "--out", "dual.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("dual.yaml:") && r.stdout.contains("signalised"))
        let text = try String(contentsOf: cli.path("dual.yaml"), encoding: .utf8)
        #expect(text.contains("© OpenStreetMap contributors"))
        let v = try cli.run(["validate", "dual.yaml"])
        #expect(v.status == 0, "\(v.stderr)")
        #expect(try cli.entries() == ["dual.yaml"])
    }

    /// A Vietnamese file name gives a valid map id: letters folded, spaces to hyphens.
    @Test func vietnameseFileNameGivesAValidID() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["import-osm", CLI.fixture("osm/dual-carriageway.osm"), "--out", "Cần Thơ Đông.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: cli.path("Cần Thơ Đông.yaml"), encoding: .utf8)
        #expect(text.contains("map: can-tho-dong\n"), "\(text.prefix(400))")
        #expect(try cli.run(["validate", "Cần Thơ Đông.yaml"]).status == 0)
    }

    @Test func unreadableOrMalformedInputWritesNothing() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let missing = try cli.run(["import-osm", "nothing.osm", "--out", "a.yaml"])
        #expect(missing.status == 1 && missing.stderr == "nothing.osm:1:1: cannot read the file\n")
        try Data("<osm><node id=\"1\" lat=\"x\"".utf8).write(to: cli.path("broken.osm"))
        let broken = try cli.run(["import-osm", "broken.osm", "--out", "b.yaml"])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("broken.osm:1:"), "\(broken.stderr)")
        #expect(!broken.stderr.contains("Fatal") && broken.stderr.split(separator: "\n").count == 1)
        // A bad element names its line and column.
        try Data("<osm>\n <node id=\"1\" lat=\"10\" lon=\"181\"/>\n</osm>\n".utf8).write(to: cli.path("globe.osm"))
        let globe = try cli.run(["import-osm", "globe.osm", "--out", "c.yaml"])
        #expect(globe.status == 1)
        #expect(globe.stderr.range(of: #"^globe\.osm:2:\d+: malformed input: node 1 has lat 10, lon 181"#, options: .regularExpression) != nil,
                "\(globe.stderr)")
        #expect(try cli.entries().sorted() == ["broken.osm", "globe.osm"])
    }

    /// A file at --out that import-osm did not write is refused (exit 1) and left as it is; a
    /// map it wrote before is replaced.
    @Test func refusesAUsersFileAtOut() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let mine = "# my own notes, not a map\nmap: mine\n"
        try Data(mine.utf8).write(to: cli.path("mine.yaml"))
        let r = try cli.run(["import-osm", CLI.fixture("osm/dual-carriageway.osm"), "--out", "mine.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr == "ngatu import-osm: mine.yaml exists and was not written by ngatu import-osm; it is left as it is (choose another --out)\n",
                "\(r.stderr)")
        #expect(try String(contentsOf: cli.path("mine.yaml"), encoding: .utf8) == mine)
        #expect(try cli.entries() == ["mine.yaml"])
        // Its own map is replaced (run twice: the second run overwrites the first's file).
        let first = try cli.run(["import-osm", CLI.fixture("osm/dual-carriageway.osm"), "--out", "dual.yaml"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try cli.run(["import-osm", CLI.fixture("osm/dual-carriageway.osm"), "--out", "dual.yaml"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try cli.entries().sorted() == ["dual.yaml", "mine.yaml"])
    }
}
