import Foundation
import NgaTuCore
import Testing
@testable import NgaTuFormats

/// One bad fixture: which reader it is meant for, the line the error must name (nil: any),
/// and a fragment of the message (or of the whole description).
struct BadCase: CustomTestStringConvertible, Sendable {
    enum Kind: Sendable { case map, scenario }
    let file: String
    let kind: Kind
    let line: Int?
    let fragment: String
    init(_ file: String, _ kind: Kind, line: Int?, _ fragment: String) {
        self.file = file; self.kind = kind; self.line = line; self.fragment = fragment
    }
    var testDescription: String { file }
}

let badCases: [BadCase] = [
        BadCase("map-syntax-colon.yaml", .map, line: 11, "YAML syntax error"),
        BadCase("map-tab-indent.yaml", .map, line: 3, "tabs"),
        BadCase("map-unclosed-bracket.yaml", .map, line: 3, "YAML syntax error"),
        BadCase("map-duplicate-key.yaml", .map, line: 12, "key `speed` appears more than once"),
        BadCase("map-duplicate-keys.yaml", .map, line: 8, "keys `from`, `to` appear more than once"),
        BadCase("map-unknown-key.yaml", .map, line: 12, "did you mean `length`?"),
        BadCase("map-unknown-top-key.yaml", .map, line: 2, "did you mean `junctions`?"),
        BadCase("map-bad-unit.yaml", .map, line: 9, "unknown unit \"furlongs\""),
        BadCase("map-wrong-dimension.yaml", .map, line: 12, "is a duration, expected a speed such as \"40 km/h\""),
        BadCase("map-negative-length.yaml", .map, line: 12, "length must be greater than 0"),
        BadCase("map-lanes-fraction.yaml", .map, line: 12, "lanes must be a whole number"),
        BadCase("map-lanes-text.yaml", .map, line: 12, "expected a whole number, got \"two\""),
        BadCase("map-unknown-junction.yaml", .map, line: 11, "unknown junction \"bnn\"; did you mean `bn`?"),
        BadCase("map-duplicate-junction.yaml", .map, line: 6, "duplicate junction id \"bn\""),
        BadCase("map-duplicate-road.yaml", .map, line: 9, "duplicate road id \"rn\""),
        BadCase("map-bad-control.yaml", .map, line: 5, "did you mean `signal`?"),
        BadCase("map-at-three.yaml", .map, line: 4, "expected [latitude, longitude], got a list of 3"),
        BadCase("map-latitude-range.yaml", .map, line: 3, "latitude must be between -90 and 90"),
        BadCase("map-plan-sum.yaml", .map, line: 11, "greens and intergreens add up to 85 s"),
        BadCase("map-plan-unknown-junction.yaml", .map, line: 10, "plan for unknown junction \"cc\""),
        BadCase("map-plan-not-signal.yaml", .map, line: 10, "its control is boundary, not signal"),
        BadCase("map-phase-no-allow.yaml", .map, line: 12, "missing key `allow`"),
        BadCase("map-oneway-backward.yaml", .map, line: 13, "a oneway road has no backward lanes"),
        BadCase("map-id-uppercase.yaml", .map, line: 3, "lower-case letters"),
        BadCase("map-root-list.yaml", .map, line: 1, "expected a map file"),
        BadCase("map-empty.yaml", .map, line: 1, "the file is empty"),
        BadCase("map-nan-speed.yaml", .map, line: 9, "expected a speed such as \"40 km/h\", got \".nan\""),
        BadCase("map-infinite-length.yaml", .map, line: 9, "must be a finite number"),
        BadCase("map-two-documents.yaml", .map, line: 9, "a second one starts here"),
        BadCase("map-merge-key.yaml", .map, line: 4, "merge keys"),
        BadCase("map-missing-roads.yaml", .map, line: 1, "missing key `roads`"),
        BadCase("map-deep-nesting.yaml", .map, line: 2, "nested more than 64 deep"),
        BadCase("map-alias-bomb.yaml", .map, line: nil, "too many values through its aliases"),
        BadCase("map-alias-key.yaml", .map, line: 4, "cannot be a mapping key"),
        BadCase("map-is-scenario.yaml", .map, line: 1, "this is a scenario file"),
        BadCase("map-speed-text.yaml", .map, line: 9, "expected a speed such as \"40 km/h\", got \"fast\""),
        BadCase("map-phase-list-allow-mapping.yaml", .map, line: 13, "expected text, got a mapping"),
        BadCase("scen-duration-text.yaml", .scenario, line: 3, "expected a duration such as \"3 s\", got \"fast\""),
        BadCase("scen-warmup-too-long.yaml", .scenario, line: 4, "must be shorter than the duration"),
        BadCase("scen-replications-zero.yaml", .scenario, line: 4, "replications must be at least 1"),
        BadCase("scen-shares-sum.yaml", .scenario, line: 4, "vehicle shares add up to 0.95, not 1"),
        BadCase("scen-baseline-unknown.yaml", .scenario, line: 7, "did you mean `webster`?"),
        BadCase("scen-duplicate-strategy.yaml", .scenario, line: 6, "duplicate strategy name \"fixed\""),
        BadCase("scen-flow-same-junction.yaml", .scenario, line: 6, "two different junctions"),
        BadCase("scen-flow-unknown-junction.yaml", .scenario, line: 6, "unknown junction \"bss\""),
        BadCase("scen-event-unknown-road.yaml", .scenario, line: 5, "did you mean `rn`?"),
        BadCase("scen-event-direction.yaml", .scenario, line: 5, "events[0].direction: expected one of one | both, got \"boht\"; did you mean `both`?"),
        BadCase("scen-profile-decreasing.yaml", .scenario, line: 8, "profile times must increase"),
        BadCase("scen-unknown-key.yaml", .scenario, line: 4, "unknown key `warmpu`; did you mean `warmup`?"),
        BadCase("scen-param-bad-unit.yaml", .scenario, line: 11, "strategies[2].params.gap: unknown unit \"furlongs\""),
        BadCase("scen-is-map.yaml", .scenario, line: 1, "this is a map file"),
        BadCase("scen-missing-map-file.yaml", .scenario, line: 2, "cannot read map file"),
        BadCase("scen-language.yaml", .scenario, line: 4, "expected one of vi | en, got \"fr\""),
        BadCase("scen-mix-unknown-class.yaml", .scenario, line: 9, "unknown vehicle class \"moto\""),
        BadCase("scen-sweep-unknown-key.yaml", .scenario, line: 5, "did you mean `demand_scale`?"),
        BadCase("scen-flow-negative-rate.yaml", .scenario, line: 6, "a rate must not be negative"),
        BadCase("scen-via-unknown-segment.yaml", .scenario, line: 6, "unknown road \"rx\""),
        BadCase("scen-junctions-not-signal.yaml", .scenario, line: 4, "junction \"bn\" is not signalised"),
        BadCase("scen-flow-rate-wrong-unit.yaml", .scenario, line: 6, "is a speed, expected a flow such as \"1200 veh/h\""),
        BadCase("scen-seed-too-large.yaml", .scenario, line: 5, "the seed must be a whole number from 0 to 9223372036854775806, got \"9223372036854775807\""),
        BadCase("scen-flow-rate-pcu.yaml", .scenario, line: 6, "a demand rate counts vehicles (veh/h, veh/min or veh/s), not PCU, got \"900 pcu/h\""),
        BadCase("scen-map-has-error.yaml", .scenario, line: 12, "did you mean `length`?"),
        BadCase("map-not-utf8.yaml", .map, line: 2, "not UTF-8 text"),
        BadCase("map-control-character.yaml", .map, line: 4, "control characters are not allowed"),
        BadCase("scen-duration-empty.yaml", .scenario, line: 3, "duration: `duration` has no value"),
        BadCase("map-utf16.yaml", .map, line: 1, "UTF-16"),
        BadCase("map-speed-crawl.yaml", .map, line: 9, "speed must be at least 1 km/h, got \"0.0001 km/h\""),
        BadCase("map-length-huge.yaml", .map, line: 9, "length must be at most 1000000 m, got \"1e308\""),
        BadCase("scen-sample-interval-huge.yaml", .scenario, line: 4, "sample interval must be at most 31622400 s, got \"1e308\""),
        BadCase("scen-sample-interval-tiny.yaml", .scenario, line: 4, "sample interval must be at least 1 s"),
        BadCase("scen-pcu-huge.yaml", .scenario, line: 6, "pcu must be between 0.05 and 10, got \"1e308\""),
        BadCase("scen-jam-spacing-tiny.yaml", .scenario, line: 5, "jam spacing must be at least 0.1 m"),
        BadCase("scen-rate-trickle.yaml", .scenario, line: 6, "a rate must be at least 0.01 veh/h"),
        BadCase("scen-priority-rule.yaml", .scenario, line: 5, "model.priority_junctions: expected one of merge | yield, got \"give-way\""),
        BadCase("scen-demand-scale-huge.yaml", .scenario, line: 8, "a demand scale must be between 0.001 and 100"),
        BadCase("scen-max-wait-negative.yaml", .scenario, line: 4, "longest wait before a warning must be greater than 0"),
        BadCase("scen-max-wait-length.yaml", .scenario, line: 4, "is a length, expected a duration"),
]

@Suite("Bad input fixtures")
struct BadInputTests {
    @Test("every bad fixture is refused with its line and message", arguments: badCases)
    func refused(_ c: BadCase) throws {
        let path = Fixture.path("bad/" + c.file)
        let error: InputError?
        switch c.kind {
        case .map: error = inputError { () throws(InputError) in try MapReader.read(file: path) }
        case .scenario: error = inputError { () throws(InputError) in try ScenarioReader.read(file: path) }
        }
        let e = try #require(error, "\(c.file) was accepted")
        #expect(e.description.contains(c.fragment), "\(e.description)")
        if let line = c.line { #expect(e.line == line, "\(e.description)") }
        #expect(e.column >= 1)
        #expect(!e.description.contains("\n"), "one line: \(e.description)")
        #expect(e.description.hasPrefix(e.file + ":\(e.line):\(e.column): "))
    }

    @Test("there are at least 30 bad fixtures, and each one is in the table")
    func everyFixtureListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixture.path("bad"))
        #expect(files.count >= 30)
        #expect(Set(files) == Set(badCases.map(\.file)))
    }
}
