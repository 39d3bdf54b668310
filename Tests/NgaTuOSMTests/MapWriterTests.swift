import Foundation
import Testing
import NgaTuCore
import NgaTuFormats

@Suite struct MapWriterTests {
    static let spec = MapSpec(
        id: "test-map", title: "Ngã tư: \"Cần Thơ\" # 1", attribution: "© OpenStreetMap contributors, ODbL",
        junctions: [
            JunctionSpec(id: "a", name: "Nguyễn Văn Cừ – 30 Tháng 4", at: LatLon(10.0279, 105.7681), control: .signal),
            JunctionSpec(id: "b", name: "back\\slash", at: LatLon(10.03010001, 105.77020004), control: .boundary),
            JunctionSpec(id: "yes", at: LatLon(10, 105), control: .priority, banned: ["N:left"]),
        ],
        roads: [
            RoadSpec(id: "r-1", name: "Đường 30/4: chính", from: "a", to: "b", lanesForward: 2, lanesBackward: 1,
                     widthM: 7, speedKmh: 40, shape: [LatLon(10.0279, 105.7681), LatLon(10.0301, 105.7702)]),
            RoadSpec(id: "r-2", from: "b", to: "yes", lanesForward: 1, speedKmh: 50, oneway: true, lengthM: 420),
        ],
        signals: [SignalPlanSpec(junction: "a", cycle: 64, phases: [
            PhaseSpec(name: "N–S", green: 27, allow: ["N", "S:left!"]),
            PhaseSpec(name: "E", green: 27, allow: ["b"]),
        ])])

    @Test func writesTheMapFormat() {
        let y = MapWriter.yaml(Self.spec, header: ["line one", "© OSM"], roadComments: ["r-1": "estimate: lanes"])
        let expected = """
        # line one
        # © OSM
        map: test-map
        title: "Ngã tư: \\"Cần Thơ\\" # 1"
        attribution: "© OpenStreetMap contributors, ODbL"
        junctions:
          - id: a
            name: "Nguyễn Văn Cừ – 30 Tháng 4"
            at: [10.0279, 105.7681]
            control: signal
          - id: b
            name: "back\\\\slash"
            at: [10.0301, 105.7702]
            control: boundary
          - id: "yes"
            at: [10, 105]
            control: priority
            banned: [N:left]
        roads:
          - id: r-1  # estimate: lanes
            name: "Đường 30/4: chính"
            from: a
            to: b
            lanes: {forward: 2, backward: 1}
            width: 7 m
            speed: 40 km/h
            shape: [[10.0279, 105.7681], [10.0301, 105.7702]]
          - id: r-2
            from: b
            to: "yes"
            lanes: 1
            speed: 50 km/h
            oneway: true
            length: 420 m
        signals:
          a:
            cycle: 64 s
            offset: 0 s
            yellow: 3 s
            all_red: 2 s
            phases:
              - name: "N–S"
                green: 27 s
                allow: [N, S:left!]
              - name: "E"
                green: 27 s
                allow: [b]

        """
        #expect(y == expected)
        #expect(MapWriter.yaml(Self.spec) == MapWriter.yaml(Self.spec))
    }

    /// `right_on_red:` is written as a flow mapping and reads back as it was.
    @Test func rightOnRedRoundTrips() throws {
        var spec = Self.spec
        spec.junctions[0].rightOnRed = [RightOnRedSpec(approach: "N", classes: ["motorbike", "bicycle"]),
                                        RightOnRedSpec(approach: "b", classes: ["motorbike"])]
        let y = MapWriter.yaml(spec)
        #expect(y.contains("    right_on_red: {N: [motorbike, bicycle], b: [motorbike]}\n"))
        #expect(try MapReader.parse(y, file: "m.yaml").spec.junctions.map(\.rightOnRed) == spec.junctions.map(\.rightOnRed))
        let empty = y.replacingOccurrences(of: "b: [motorbike]}", with: "b: []}")
        #expect(throws: InputError.self) { try MapReader.parse(empty, file: "m.yaml") }
        let upper = y.replacingOccurrences(of: "b: [motorbike]}", with: "b: [Motorbike]}")
        #expect(throws: InputError.self) { try MapReader.parse(upper, file: "m.yaml") }
    }

    @Test func quotesControlCharacters() {
        #expect(MapWriter.quoted("a\nb\u{1}") == "\"a\\nb\\u0001\"")
    }
}
