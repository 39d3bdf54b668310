import Foundation
import Testing
@testable import NgaTuResults

@Suite struct CSVWriterTests {
    let writer = CSVWriter(sweepKeys: ["demand_scale"])

    @Test func headersStartWithTheColumnsOfFormatsMd() {
        func header<R: ResultRow>(_ r: [R]) -> String { String(writer.csv(r).split(separator: "\n")[0]) }
        #expect(header([RunRow]()) == "strategy,demand_scale,replication,seed,vehicles_finished,vehicles_unfinished,vehicles_waiting,mean_travel_time_s,mean_delay_s,mean_stops,total_delay_veh_h,mean_delay_pcu_s,throughput_veh_h,vehicles_demanded,mean_delay_all_s,latent_delay_veh_h,max_wait_s")
        #expect(header([ComparisonRow]()) == "strategy,demand_scale,measure,n,mean,sd,ci95_low,ci95_high,diff_vs_baseline,diff_ci95_low,diff_ci95_high,p_value")
        #expect(header([JunctionRow]()) == "strategy,demand_scale,junction,approach,control_delay_s,los,max_queue_veh,max_queue_pcu,max_queue_m,mean_queue_pcu,throughput_veh,degree_of_saturation,max_wait_s,still_queued_veh")
        #expect(header([TimeSeriesRow]()) == "strategy,demand_scale,replication,time_s,vehicles_in_network,mean_speed_kmh,queued_pcu")
        let two = CSVWriter(sweepKeys: ["demand_scale", "saturation_flow"]).csv([RunRow]())
        #expect(two.hasPrefix("strategy,demand_scale,saturation_flow,replication,"))
    }

    @Test func numberFormatting() {
        #expect(NumberFormat.format(30.0) == "30")
        #expect(NumberFormat.format(-5.0) == "-5")
        #expect(NumberFormat.format(-0.0) == "0")
        #expect(NumberFormat.format(0.1 + 0.2) == "0.30000000000000004")
        #expect(NumberFormat.format(31.25) == "31.25")
        #expect(NumberFormat.format(1.2345e-5) == "1.2345e-05")
        #expect(NumberFormat.format(2.5e20) == "2.5e+20")
        #expect(NumberFormat.format(Double.nan) == "")
        #expect(NumberFormat.format(Double.infinity) == "")
        for x in [0.1, 1.0 / 3, 2.0 / 3 * 1e-7, 123456.789, 0.006054734461189969] {
            #expect(Double(NumberFormat.format(x)) == x) // lossless
        }
    }

    @Test func quotingFollowsRFC4180() {
        #expect(CSVWriter.field("fixed") == "fixed")
        #expect(CSVWriter.field("Nguyễn Văn Cừ") == "Nguyễn Văn Cừ")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        var run = Fixture.run("webster, \"tuned\"", 1, delay: 30)
        run.meanStops = nil
        let csv = writer.csv([run])
        #expect(csv.split(separator: "\n")[1] == "\"webster, \"\"tuned\"\"\",1,1,2026,100,3,1,90,30,,0.25,15,400,103,8.737864077669903,0.01,95")
    }

    @Test func sameRowsGiveByteIdenticalFiles() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = (1...3).map { Fixture.record("fixed", $0) } + (1...3).map { Fixture.record("webster", $0) }
        let meta = Fixture.meta()
        var tables = ResultTables(meta: meta, runs: records.map(\.run),
                                  junctionRuns: records.flatMap(\.junctions),
                                  timeSeries: records.flatMap(\.timeSeries))
        tables.comparison = ComparisonBuilder(meta: meta).build(from: tables.runs)
        tables.junctions = JunctionAggregator(meta: meta).aggregate(tables.junctionRuns)
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        try writer.writeAll(tables.canonicallyOrdered(), into: a)
        // The same rows in another order (as parallel jobs might finish) give the same bytes.
        var shuffled = tables
        shuffled.runs.reverse(); shuffled.timeSeries.reverse()
        shuffled.comparison = ComparisonBuilder(meta: meta).build(from: shuffled.runs)
        try writer.writeAll(shuffled.canonicallyOrdered(), into: b)
        for name in CSVWriter.fileNames {
            let x = try Data(contentsOf: a.appendingPathComponent(name))
            let y = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(x == y, "\(name) differs")
            #expect(!x.isEmpty)
        }
        let runs = try String(contentsOf: a.appendingPathComponent("runs.csv"), encoding: .utf8)
        #expect(runs.split(separator: "\n").dropFirst().map { $0.prefix(11) } ==
                ["fixed,1,1,2", "fixed,1,2,2", "fixed,1,3,2", "webster,1,1", "webster,1,2", "webster,1,3"])
    }
}

@Suite struct ClockColumnTests {
    static let rows = [
        TimeSeriesRow(strategy: "fixed", sweep: SweepPoint(keys: ["demand_scale"], values: [1]), replication: 1,
                      timeS: 1200, vehiclesInNetwork: 3, meanSpeedKmh: 20, queuedPcu: 1.5),
        TimeSeriesRow(strategy: "fixed", sweep: SweepPoint(keys: ["demand_scale"], values: [1]), replication: 1,
                      timeS: 1230, vehiclesInNetwork: 3, meanSpeedKmh: nil, queuedPcu: 0),
    ]

    @Test func clockColumnOnlyWithAStart() {
        let plain = CSVWriter(sweepKeys: ["demand_scale"])
        #expect(plain.timeSeriesCSV(Self.rows) == plain.csv(Self.rows))
        let clocked = CSVWriter(sweepKeys: ["demand_scale"], clockStart: 6 * 3600).timeSeriesCSV(Self.rows)
        #expect(clocked == """
            strategy,demand_scale,replication,time_s,vehicles_in_network,mean_speed_kmh,queued_pcu,clock
            fixed,1,1,1200,3,20,1.5,06:20
            fixed,1,1,1230,3,,0,06:20:30

            """)
    }

    @Test func clockTextPassesMidnight() {
        #expect(ClockText.format(0, start: 6 * 3600) == "06:00")
        #expect(ClockText.format(5400, start: 23 * 3600) == "24:30")
    }
}
