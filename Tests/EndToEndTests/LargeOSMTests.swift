import Foundation
import Testing

/// City-size OpenStreetMap files (issue 14): `import-osm` streams the XML, so a file past the
/// old ~10 MB ceiling of the in-memory parser imports, and the map it writes validates; XML
/// errors are words with a line and column; a path that is not a regular file is refused.
@Suite struct LargeOSMTests {
    /// A street grid of `grid`² junctions (shape nodes on every block side, signals at every
    /// fifth crossing) with buildings filling the blocks until the file has `bytes` bytes, like
    /// `scripts/city_osm.py`.
    static func city(grid g: Int, bytes: Int) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(bytes + 1 << 20)
        func w(_ s: String) { out.append(contentsOf: s.utf8) }
        func node(_ id: Int, _ lat: Double, _ lon: Double, signal: Bool = false) {
            let head = " <node id=\"\(id)\" visible=\"true\" version=\"3\" changeset=\"81234567\" timestamp=\"2020-01-21T08:15:00Z\" user=\"mapper\" uid=\"1234\" lat=\"\(lat)\" lon=\"\(lon)\""
            w(signal ? head + ">\n  <tag k=\"highway\" v=\"traffic_signals\"/>\n </node>\n" : head + "/>\n")
        }
        let step = 0.0011
        w("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n")
        for i in 0..<g { for j in 0..<g {
            node(1 + i * g + j, 10 + Double(i) * step, 105.7 + Double(j) * step,
                 signal: i % 5 == 0 && j % 5 == 0 && i > 0 && j > 0 && i < g - 1 && j < g - 1)
        } }
        var id = g * g + 1
        var roads: [[Int]] = []
        for i in 0..<g { for j in 0..<g { for (di, dj) in [(0, 1), (1, 0)] where i + di < g && j + dj < g {
            var refs = [1 + i * g + j]
            for t in [1.0 / 3, 2.0 / 3] {
                node(id, 10 + (Double(i) + Double(di) * t) * step + (dj == 1 ? 0.00002 : 0),
                     105.7 + (Double(j) + Double(dj) * t) * step + (di == 1 ? 0.00002 : 0))
                refs.append(id); id += 1
            }
            roads.append(refs + [1 + (i + di) * g + j + dj])
        } } }
        var buildings: [Int] = []
        var b = 0
        while out.count + buildings.count * 200 < bytes {
            let bi = (b / 7) % (g - 1), bj = (b / 7 / (g - 1)) % (g - 1), k = b % 7 + 7 * (b / (7 * (g - 1) * (g - 1)))
            let lat = 10 + (Double(bi) + 0.2 + 0.09 * Double(k % 7)) * step
            let lon = 105.7 + (Double(bj) + 0.2 + 0.09 * Double((k / 7) % 7)) * step
            for (dlat, dlon) in [(0.0, 0.0), (0, 0.00008), (0.00008, 0.00008), (0.00008, 0)] { node(id, lat + dlat, lon + dlon); id += 1 }
            buildings.append(id - 4)
            b += 1
        }
        var way = 1
        for (k, refs) in roads.enumerated() {
            w(" <way id=\"\(way)\" version=\"2\">\n" + refs.map { "  <nd ref=\"\($0)\"/>\n" }.joined())
            w("  <tag k=\"highway\" v=\"\(k % 10 == 0 ? "primary" : "residential")\"/>\n  <tag k=\"name\" v=\"Đường &amp; phố \(k % 40)\"/>\n </way>\n")
            way += 1
        }
        for first in buildings {
            w(" <way id=\"\(way)\" version=\"1\">\n" + [first, first + 1, first + 2, first + 3, first].map { "  <nd ref=\"\($0)\"/>\n" }.joined())
            w("  <tag k=\"building\" v=\"yes\"/>\n </way>\n")
            way += 1
        }
        w("</osm>\n")
        return Data(out)
    }

    /// A 13 MB extract (past the old ~10 MB ceiling) imports and its map validates.
    @Test func aFileLargerThanTheOldCeilingImports() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let data = Self.city(grid: 20, bytes: 13_000_000)
        #expect(data.count > 12_000_000)
        try data.write(to: cli.path("city.osm"))
        let r = try cli.run(["import-osm", "city.osm", "--out", "city.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.range(of: #"city\.yaml: 39\d junctions \(9 signalised, 0 boundaries\), 7\d\d roads"#, options: .regularExpression) != nil, "\(r.stdout)")
        let v = try cli.run(["validate", "city.yaml"])
        #expect(v.status == 0, "\(v.stderr)")
        let text = try String(contentsOf: cli.path("city.yaml"), encoding: .utf8)
        #expect(text.contains("Đường & phố"), "entities decoded")
    }

    /// A map past the 8 MiB that `validate` reads (a 125 × 125 street grid, about 31,000
    /// roads) is not written: one limit for the writer and the reader, so every map written
    /// validates; the existing file stays.
    @Test func aMapPastTheReadersLimitIsNotWritten() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try Self.city(grid: 125, bytes: 0).write(to: cli.path("roads.osm"))
        // An earlier import's map (its header names the importer), so the size is what refuses.
        let earlier = Data("# Imported from OpenStreetMap XML by NgaTuOSM.OSMImporter.\nmine\n".utf8)
        try earlier.write(to: cli.path("map.yaml"))
        let r = try cli.run(["import-osm", "roads.osm", "--out", "map.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.range(of: #"^ngatu import-osm: the map would be (8\.\d|9\.\d) MiB, more than the 8 MiB a map file may hold \(156\d\d junctions, 3\d{4} roads\); import a smaller area with --bbox S,W,N,E\n$"#,
                               options: .regularExpression) != nil, "\(r.stderr)")
        #expect(try cli.bytes("map.yaml") == earlier)
        #expect(try cli.entries() == ["map.yaml", "roads.osm"])
    }

    /// Bad XML is named in words at its line and column, never as a parser's error code.
    @Test(arguments: [
        ("<osm>\n <node id=\"1\" lat=\"1\" lon=\"2\">\n</way>\n", "bad.osm:3:1: malformed input: </way> does not close <node>"),
        ("<osm>\n <node id=\"1\" lat=\"1\" lon=\"2\"/>\n", "bad.osm:3:1: malformed input: the file ends inside <osm> (truncated?)"),
        ("\u{7F}ELF\u{2}\u{1}", "bad.osm:1:1: malformed input: text before the first element; an OSM file starts with <osm>"),
        ("<osm><tag k=\"a\" v=\"&bogus;\"/></osm>", "bad.osm:1:20: malformed input: unknown entity &bogus;"),
        ("<osm><node id=\"1\" lat=\"1\" lon=\"2\" lat=\"3\"/></osm>", "bad.osm:1:42: malformed input: attribute lat appears twice in <node>"),
    ])
    func badXMLIsNamedInWords(_ xml: String, _ expected: String) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        try Data(xml.utf8).write(to: cli.path("bad.osm"))
        let r = try cli.run(["import-osm", "bad.osm", "--out", "m.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix(expected), "\(r.stderr)")
        #expect(!r.stderr.contains("Domain=") && !r.stderr.contains("(null)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!cli.exists("m.yaml"))
    }

    /// A FIFO, a device or a folder as the input is refused at once (a FIFO would otherwise
    /// block the read: the command is killed after 20 s if it hangs, and the test fails).
    @Test(arguments: [("pipe", "is a pipe (FIFO)"), ("/dev/zero", "is a device"), ("folder", "is a folder")])
    func inputThatIsNotARegularFileIsRefused(_ input: String, _ what: String) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        #expect(mkfifo(cli.path("pipe").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: cli.path("folder"), withIntermediateDirectories: false)
        let running = try cli.start(["import-osm", input, "--out", "m.yaml"])
        let deadline = Date(timeIntervalSinceNow: 20)
        while running.process.isRunning, Date() < deadline { usleep(10_000) }
        let hung = running.process.isRunning
        if hung { kill(running.pid, SIGKILL) }
        #expect(!hung)
        let r = running.finish()
        #expect(r.status == 1)
        #expect(r.stderr == "\(input):1:1: \(what), not an OSM XML file; give a regular file\n", "\(r.stderr)")
    }
}
