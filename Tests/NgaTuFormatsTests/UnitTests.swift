import Foundation
import NgaTuCore
import Testing
@testable import NgaTuFormats

@Suite("Quantities")
struct QuantityTests {
    @Test(arguments: [
        ("90", QuantityText.number(90)),
        ("90 s", .quantity(90, .time)),
        ("1.5 min", .quantity(90, .time)),
        ("1 h", .quantity(3600, .time)),
        ("2 hours", .quantity(7200, .time)),
        ("420 m", .quantity(420, .length)),
        ("0.42 km", .quantity(420, .length)),
        ("40 km/h", .quantity(40, .speed)),
        ("40 KM/H", .quantity(40, .speed)),
        ("10 m/s", .quantity(36, .speed)),
        ("1200 veh/h", .quantity(1200, .flow)),
        ("20 veh/min", .quantity(1200, .flow)),
        ("7m", .quantity(7, .length)),
        ("-5 m", .quantity(-5, .length)),
        ("1e3", .number(1000)),
        ("2e s", .unknownUnit(2, "e s")),
        ("3 furlongs", .unknownUnit(3, "furlongs")),
        ("fast", .notANumber),
        (".nan", .notANumber),
        ("inf", .notANumber),
        ("", .notANumber),
    ])
    func parse(_ text: String, _ expected: QuantityText) {
        if case .quantity(let x, let d) = QuantityText(text), case .quantity(let y, let e) = expected {
            #expect(abs(x - y) < 1e-9 && d == e)
        } else {
            #expect(QuantityText(text) == expected)
        }
    }

    /// The short way for plain numbers reads every text as the general reading does: 20,000
    /// random texts of digits, signs, points, exponents, spaces and a unit letter, and every
    /// coordinate-like text.
    @Test func plainNumbersReadAsInGeneral() {
        let alphabet = Array("0123456789+-.eE m")
        var generator = SystemRandomNumberGenerator()
        var texts = ["10.0312345678901", "-105.7", "+3", ".5", "5.", "1e", "1e+", "1e-7", "0x10", "- 1", "1 ", "٣"]
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...9, using: &generator)
            texts.append(String((0..<n).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for t in texts {
            #expect(QuantityText(t) == QuantityText(general: t), "\(t)")
            if let x = QuantityText.plainNumber(t) { #expect(x.bitPattern == Double(t)?.bitPattern, "\(t)") }
        }
        #expect(QuantityText.plainNumber("10.0312345678901") == 10.0312345678901)
        #expect(QuantityText.plainNumber("1 m") == nil && QuantityText.plainNumber("1e") == nil)
    }

    @Test func formatting() {
        #expect(formatNumber(90) == "90")
        #expect(formatNumber(0.95) == "0.95")
        #expect(formatNumber(1.0 / 3) == "0.333")
    }
}

@Suite("Suggestions, paths and comments")
struct HelperTests {
    @Test func suggestions() {
        #expect(Suggest.closest(to: "warmpu", among: ScenarioReader.topKeys) == "warmup")
        #expect(Suggest.closest(to: "lenght", among: MapReader.roadKeys) == "length")
        #expect(Suggest.closest(to: "colour", among: MapReader.roadKeys) == nil)
        #expect(Suggest.distance("kitten", "sitting") == 3)
        #expect(Suggest.closest(to: String(repeating: "x", count: 100_000), among: ["x"]) == nil)
    }

    @Test func paths() {
        #expect(Paths.join("scenarios", "../maps/a.yaml") == "maps/a.yaml")
        #expect(Paths.join("", "maps/a.yaml") == "maps/a.yaml")
        #expect(Paths.join("/x/scenarios", "../maps/./a.yaml") == "/x/maps/a.yaml")
        #expect(Paths.join("/x/scenarios", "/abs/a.yaml") == "/abs/a.yaml")
        #expect(Paths.join("a", "../../b.yaml") == "../b.yaml")
        #expect(Paths.directory(of: "scenarios/x.yaml") == "scenarios")
        #expect(Paths.directory(of: "x.yaml") == "")
    }

    @Test func question() {
        #expect(ScenarioReader.question(in: "\n# Is it faster?\n#   Really?\n#\n\nscenario: x\n# later\n") == "Is it faster? Really?")
        #expect(ScenarioReader.question(in: "scenario: x # no\n") == "")
        // The first paragraph only, without a "Question:" label: the method notes that follow stay in the file.
        #expect(ScenarioReader.question(in: "# Question: does it work?\n# Yes.\n#\n# Demand is synthetic.\nscenario: x\n") == "does it work? Yes.")
    }

    @Test func questionInBothLanguages() {
        let both = "# Question: does it work?\n#\n# Câu hỏi: có chạy không?\n#   Thật không?\n#\n# Demand is synthetic.\nscenario: x\n"
        #expect(ScenarioReader.questions(in: both) == ("does it work?", "có chạy không? Thật không?"))
        // The Vietnamese paragraph first, the English after it: each still goes to its side.
        let viFirst = "# Câu hỏi: có chạy không?\n#\n# Question: does it work?\nscenario: x\n"
        #expect(ScenarioReader.questions(in: viFirst) == ("does it work?", "có chạy không?"))
        // Only a Vietnamese question: it is the question (both sides), as before.
        #expect(ScenarioReader.questions(in: "# Câu hỏi: có chạy không?\nscenario: x\n") == ("có chạy không?", nil))
        // An unlabelled first paragraph stays the question; a comment after the first key is not read.
        #expect(ScenarioReader.questions(in: "# Is it faster?\nscenario: x\n# Câu hỏi: không\n") == ("Is it faster?", nil))
    }

    @Test func descriptionFormat() {
        let e = InputError(file: "scenarios/x.yaml", line: 12, column: 5,
                           path: SpecPath.root.key("strategies").index(2).key("params").key("gap"),
                           message: "expected a duration such as \"3 s\", got \"fast\"")
        #expect(e.description == "scenarios/x.yaml:12:5: strategies[2].params.gap: expected a duration such as \"3 s\", got \"fast\"")
        let f = InputError(file: "m.yaml", line: 1, column: 1, path: nil, message: "the file is empty")
        #expect(f.description == "m.yaml:1:1: the file is empty")
    }
}

@Suite("Inline maps")
struct InlineMapTests {
    static let head = """
        map: t
        junctions:
          - {id: a, at: [10, 105], control: boundary}
          - {id: b, at: [10.01, 105], control: boundary}
        roads:

        """

    @Test func onewayLanes() throws {
        let m = try MapReader.parse(Self.head + "  - {id: r, from: a, to: b, oneway: yes, lanes: 3}\n", file: "t.yaml").spec
        #expect(m.roads[0].oneway && m.roads[0].lanesForward == 3 && m.roads[0].lanesBackward == 0)
        let n = try MapReader.parse(Self.head + "  - {id: r, from: a, to: b, oneway: true, lanes: {forward: 2}}\n", file: "t.yaml").spec
        #expect(n.roads[0].lanesForward == 2 && n.roads[0].lanesBackward == 0)
    }

    @Test("left_bay: a boolean for both directions or per direction; written back as read")
    func leftBay() throws {
        let both = try MapReader.parse(Self.head + "  - {id: r, from: a, to: b, left_bay: false}\n", file: "t.yaml").spec
        #expect(!both.roads[0].leftBayForward && !both.roads[0].leftBayBackward)
        let one = try MapReader.parse(Self.head + "  - {id: r, from: a, to: b, left_bay: {backward: no}}\n", file: "t.yaml").spec
        #expect(one.roads[0].leftBayForward && !one.roads[0].leftBayBackward)
        let none = try MapReader.parse(Self.head + "  - {id: r, from: a, to: b}\n", file: "t.yaml").spec
        #expect(none.roads[0].leftBayForward && none.roads[0].leftBayBackward)
        for m in [both, one, none] {
            #expect(try MapReader.parse(MapWriter.yaml(m), file: "w.yaml").spec == m)
        }
        #expect(!MapWriter.yaml(none).contains("left_bay"))
        #expect(MapWriter.yaml(one).contains("left_bay: {forward: true, backward: false}"))
    }

    @Test("left_bay errors name the file, line, column and key path")
    func leftBayErrors() throws {
        func message(_ road: String) throws -> String {
            try #require(inputError { () throws(InputError) in
                try MapReader.parse(Self.head + road + "\n", file: "t.yaml")
            }).description
        }
        #expect(try message("  - {id: r, from: a, to: b, left_bay: none}")
                == "t.yaml:6:39: roads[0].left_bay: expected true or false, got \"none\"")
        #expect(try message("  - {id: r, from: a, to: b, left_bay: {forward: false, back: true}}")
                .hasPrefix("t.yaml:6:56: roads[0].left_bay.back: unknown key `back`"))
        #expect(try message("  - {id: r, from: a, to: b, oneway: true, left_bay: {backward: false}}")
                == "t.yaml:6:64: roads[0].left_bay.backward: a oneway road has no backward approach; drop `backward` or set `oneway: false`")
        #expect(try message("  - {id: r, from: a, to: b, left_bay: {}}")
                == "t.yaml:6:29: roads[0].left_bay: give `forward`, `backward` or both, such as {forward: false}")
    }

    @Test("an optional key left empty reads as absent")
    func emptyOptionalKeys() throws {
        let m = try MapReader.parse(Self.head + "  - {id: r, from: a, to: b, width: }\nsignals:\n# none yet\n", file: "t.yaml").spec
        #expect(m.signals.isEmpty && m.roads[0].widthM == nil)
    }

    @Test("ids that YAML would read as booleans or numbers stay text")
    func plainScalarsAsText() throws {
        let text = """
            map: "no"
            junctions:
              - {id: no, at: [10, 105], control: boundary}
              - {id: "123", at: [10.01, 105], control: boundary}
            roads:
              - {id: on, from: no, to: 123, name: 30}
            """
        let m = try MapReader.parse(text, file: "t.yaml").spec
        #expect(m.id == "no" && m.junctions.map(\.id) == ["no", "123"] && m.roads[0].id == "on" && m.roads[0].name == "30")
    }

    @Test("a plan without a cycle gets the sum of its phases")
    func cycleFromPhases() throws {
        let text = """
            map: t
            junctions:
              - {id: c, at: [10, 105], control: signal}
              - {id: b, at: [10.01, 105], control: boundary}
            roads:
              - {id: r, from: b, to: c}
            signals:
              c:
                phases:
                  - {green: 30 s, allow: [N]}
                  - {green: 20 s, allow: [N:left!], yellow: 4 s, all_red: 0}
            """
        let plan = try MapReader.parse(text, file: "t.yaml").spec.signals[0]
        #expect(plan.cycle == 30 + 5 + 20 + 4)
        #expect(plan.phases[1].yellow == 4 && plan.phases[1].allRed == 0)
    }

    @Test("every recorded error place is inside the file")
    func errorColumnsForUnknownKey() throws {
        let e = try #require(inputError { () throws(InputError) in
            try MapReader.parse(Self.head + "  - {id: r, from: a, to: b, lenght: 3}\n", file: "t.yaml")
        })
        #expect(e.description == "t.yaml:6:29: roads[0].lenght: unknown key `lenght`; did you mean `length`?")
    }
}

@Suite("Hostile input")
struct HostileInputTests {
    @Test func tooLarge() throws {
        var data = Data("map: big\ntitle: \"".utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: YAMLLoader.maxBytes))
        data.append(Data("\"\n".utf8))
        let e = try #require(inputError { () throws(InputError) in try MapReader.parse(data, file: "big.yaml") })
        #expect(e.message.contains("larger than 8 MiB"))
    }

    @Test("nesting deeper than the parser's own limit is a syntax error, not a crash")
    func veryDeepNesting() throws {
        let text = "map: x\njunctions: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let e = try #require(inputError { () throws(InputError) in try MapReader.parse(text, file: "deep.yaml") })
        #expect(e.line == 2)
    }

    @Test("a deep but legal block nesting is refused by depth")
    func blockNesting() throws {
        var text = "map: x\nroads: []\njunctions:\n"
        for i in 0..<70 { text += String(repeating: "  ", count: i + 1) + "- \n" }
        text += String(repeating: "  ", count: 71) + "- x\n"
        let e = try #require(inputError { () throws(InputError) in try MapReader.parse(text, file: "deep.yaml") })
        #expect(e.message.contains("nested more than 64"))
    }

    @Test("a wide alias bomb inside a list of strings is stopped by the visit budget")
    func aliasBombAsValue() throws {
        var text = "scenario: x\nmap: m.yaml\nduration: 1 h\n"
        text += "strategies:\n  - name: a\n    controller: b\n    params:\n"
        text += "      l0: &l0 [" + Array(repeating: "x", count: 20).joined(separator: ", ") + "]\n"
        for i in 1..<8 {
            text += "      l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 20).joined(separator: ", ") + "]\n"
        }
        let start = Date()
        let e = try #require(inputError { () throws(InputError) in
            try ScenarioReader.parse(Data(text.utf8), file: "bomb.yaml") { (_: String) throws(InputError) -> MapDocument in
                MapDocument(spec: MapSpec(id: "m"), sourceMap: SourceMap(file: "m.yaml"))
            }
        })
        #expect(e.message.contains("too many values"))
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("binary junk is refused")
    func binaryJunk() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let bytes = (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let e = inputError { () throws(InputError) in try MapReader.parse(Data(bytes), file: "junk.yaml") }
            #expect(e != nil)
        }
    }

    @Test("truncations of a good file never crash")
    func truncations() throws {
        let text = try String(contentsOfFile: Fixture.path("good/crossroads-scenario.yaml"), encoding: .utf8)
        let scalars = Array(text.unicodeScalars)
        for cut in stride(from: 0, to: scalars.count, by: 7) {
            let prefix = String(String.UnicodeScalarView(scalars[..<cut]))
            do {
                _ = try ScenarioReader.parse(prefix, file: Fixture.path("good/cut.yaml"))
            } catch {
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
    }
}
