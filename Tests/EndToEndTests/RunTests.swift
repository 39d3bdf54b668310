import Foundation
import Testing

/// `ngatu run` on small fixture scenarios: the numbers in the files, their byte identity over
/// job counts and over an interrupted and resumed run, and nothing written for bad input.
@Suite struct RunTests {
    static let runsHeader = "strategy,demand_scale,replication,seed,vehicles_finished,vehicles_unfinished,vehicles_waiting,mean_travel_time_s,mean_delay_s,mean_stops,total_delay_veh_h,mean_delay_pcu_s,throughput_veh_h,vehicles_demanded,mean_delay_all_s,latent_delay_veh_h,max_wait_s"

    @Test func sweepWritesEveryFileWithKnownSigns() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("12 runs"))
        #expect(!r.stderr.contains("warning"))
        let out = "results/e2e-sweep"
        for f in csvFiles + ["results.sqlite", "report.html", "roads.geojson", "junctions.geojson"] { #expect(cli.exists("\(out)/\(f)"), "\(f)") }
        #expect(!cli.exists("results/e2e-sweep.partial"))
        let sqlite = try cli.bytes("\(out)/results.sqlite")
        #expect(sqlite.prefix(16) == Data("SQLite format 3\0".utf8))

        let text = try String(contentsOf: cli.path("\(out)/runs.csv"), encoding: .utf8)
        #expect(text.hasPrefix(Self.runsHeader + "\n"))
        let runs = try cli.csv("\(out)/runs.csv").rows
        #expect(runs.count == 2 * 2 * 3)
        // Rows in canonical order: strategy, sweep point, replication; seed = 7 + r − 1.
        #expect(runs.map { $0["strategy"]! } == Array(repeating: "fixed", count: 6) + Array(repeating: "fixed-copy", count: 6))
        #expect(runs.map { $0["demand_scale"]! } == ["0.5", "0.5", "0.5", "1", "1", "1", "0.5", "0.5", "0.5", "1", "1", "1"])
        #expect(runs.map { $0["replication"]! } == ["1", "2", "3", "1", "2", "3", "1", "2", "3", "1", "2", "3"])
        #expect(runs.map { $0["seed"]! } == ["7", "8", "9", "7", "8", "9", "7", "8", "9", "7", "8", "9"])

        // Common random numbers: the same controllers on the same seed give the same run.
        for (a, b) in zip(runs[0..<6], runs[6..<12]) {
            var a = a, b = b
            a["strategy"] = nil; b["strategy"] = nil
            #expect(a == b)
        }
        // More demand, more delay, in every replication.
        for k in 0..<3 {
            let low = runs[k], high = runs[3 + k]
            #expect(Double(high["total_delay_veh_h"]!)! > Double(low["total_delay_veh_h"]!)!)
            #expect(Int(high["vehicles_finished"]!)! > Int(low["vehicles_finished"]!)!)
        }

        let comparison = try cli.csv("\(out)/comparison.csv")
        #expect(comparison.header == ["strategy", "demand_scale", "measure", "n", "mean", "sd", "ci95_low", "ci95_high",
                                      "diff_vs_baseline", "diff_ci95_low", "diff_ci95_high", "p_value"])
        #expect(comparison.rows.count == 2 * 2 * 13)
        for row in comparison.rows {
            #expect(row["n"] == "3")
            if row["strategy"] == "fixed" {
                #expect(row["diff_vs_baseline"] == "" && row["p_value"] == "")
            } else {
                // Identical paired runs: difference exactly 0, p = 1 by the zero-variance rule.
                #expect(row["diff_vs_baseline"] == "0" && row["diff_ci95_low"] == "0" && row["diff_ci95_high"] == "0")
                #expect(row["p_value"] == "1")
            }
        }
        func mean(_ measure: String, _ scale: String) -> Double {
            Double(comparison.rows.first { $0["strategy"] == "fixed" && $0["measure"] == measure && $0["demand_scale"] == scale }!["mean"]!)!
        }
        #expect(mean("total_delay_veh_h", "1") > mean("total_delay_veh_h", "0.5"))
        #expect(mean("mean_delay_s", "1") > mean("mean_delay_s", "0.5"))
        let sampleMean = (0..<3).map { Double(runs[$0]["total_delay_veh_h"]!)! }.reduce(0, +) / 3
        #expect(abs(mean("total_delay_veh_h", "0.5") - sampleMean) < 1e-12)

        let junctions = try cli.csv("\(out)/junctions.csv")
        #expect(junctions.header.prefix(12) == ["strategy", "demand_scale", "junction", "approach", "control_delay_s", "los",
                                                "max_queue_veh", "max_queue_pcu", "max_queue_m", "mean_queue_pcu",
                                                "throughput_veh", "degree_of_saturation"])
        #expect(junctions.rows.count == 2 * 2 * 4)   // 4 approaches of the one signalised junction
        #expect(Set(junctions.rows.map { $0["approach"]! }) == ["N", "S", "E", "W"])
        #expect(junctions.rows.allSatisfy { ["A", "B", "C", "D", "E", "F"].contains($0["los"]!) })

        let series = try cli.csv("\(out)/timeseries.csv")
        #expect(series.header == ["strategy", "demand_scale", "replication", "time_s", "vehicles_in_network",
                                  "mean_speed_kmh", "queued_pcu"])
        #expect(series.rows.count == 12 * 8)   // 8 min sampled every 60 s
        #expect(series.rows.prefix(8).map { $0["time_s"]! } == ["60", "120", "180", "240", "300", "360", "420", "480"])
    }

    @Test func jobCountDoesNotChangeAnyByte() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let one = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "1", "--out", "one", "--quiet"])
        let two = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "2", "--out", "two", "--quiet"])
        let four = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "4", "--out", "four", "--quiet"])
        #expect(one.status == 0 && two.status == 0 && four.status == 0)
        #expect(one.stderr.isEmpty && one.stdout.isEmpty, "--quiet")
        for f in csvFiles {
            #expect(try cli.bytes("one/\(f)") == cli.bytes("two/\(f)"), "\(f)")
            #expect(try cli.bytes("one/\(f)") == cli.bytes("four/\(f)"), "\(f)")
        }
    }

    @Test func interruptedRunResumesToTheSameBytes() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let whole = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "1", "--out", "whole"])
        #expect(whole.status == 0)

        let cut = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "2", "--out", "cut"],
                              environment: ["NGATU_STOP_AFTER_RUNS": "5"])
        #expect(cut.status == 3, "the test hook exits with 3")
        #expect(!cli.exists("cut"), "nothing published")
        #expect(cli.exists("cut.partial/results.sqlite"))

        let resumed = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "2", "--out", "cut", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming: 5 of 12 runs already done"))
        #expect(resumed.stdout.contains("12 runs (5 resumed)"))
        // Only the 7 missing runs were simulated by the resumed process.
        #expect(resumed.stderr.components(separatedBy: "\n").filter { $0.contains("done: ") }.count == 7)
        #expect(!cli.exists("cut.partial"))
        for f in csvFiles { #expect(try cli.bytes("whole/\(f)") == cli.bytes("cut/\(f)"), "\(f)") }
    }

    @Test func resumeRefusesOtherReplications() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let cut = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--jobs", "1", "--out", "cut"],
                              environment: ["NGATU_STOP_AFTER_RUNS": "2"])
        #expect(cut.status == 3)
        let other = try cli.run(["run", CLI.fixture("good/sweep.yaml"), "--out", "cut", "--resume", "--replications", "2"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("cannot resume"))
        #expect(cli.exists("cut.partial/results.sqlite"), "the unfinished results are kept")
    }

    @Test func oneReplicationLeavesIntervalsEmpty() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture("good/one-replication.yaml"), "--out", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        for f in csvFiles {
            let text = try String(contentsOf: cli.path("out/\(f)"), encoding: .utf8).lowercased()
            #expect(!text.contains("nan") && !text.contains("inf"), "\(f)")
        }
        let comparison = try cli.csv("out/comparison.csv").rows
        #expect(comparison.count == 2 * 13)
        for row in comparison {
            #expect(row["n"] == "1")
            #expect(row["sd"] == "" && row["ci95_low"] == "" && row["ci95_high"] == "")
            #expect(row["p_value"] == "" && row["diff_ci95_low"] == "")
            #expect(row["mean"] != "")
            #expect(row["diff_vs_baseline"] == (row["strategy"] == "other" ? "0" : ""))
        }
    }

    @Test func gridlockIsWarnedOnStderr() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture("good/gridlock.yaml"), "--out", "out", "--quiet"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("ngatu: warning: fixed [demand_scale=1] replication 1 at "))
        #expect(r.stderr.contains("gridlock at c"))
    }

    @Test(arguments: ["bad/scen-unknown-controller.yaml", "bad/scen-map-has-error.yaml", "bad/scen-unknown-key.yaml"])
    func invalidInputWritesNothing(_ file: String) throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture(file), "--out", "out"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "one clean line: \(r.stderr)")
        #expect(try cli.entries().isEmpty, "no results and no partial directory")
    }

    @Test func reportIsRebuiltFromTheDatabase() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        #expect(try cli.run(["run", CLI.fixture("good/one-replication.yaml"), "--out", "out", "--quiet"]).status == 0)
        try FileManager.default.removeItem(at: cli.path("out/report.html"))
        let r = try cli.run(["report", "out", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: cli.path("out/report.html"), encoding: .utf8)
        let htmlTag = html.range(of: "<html[^>]*>", options: .regularExpression).map { String(html[$0]) } ?? ""
        #expect(htmlTag.contains("lang=\"en\"") && htmlTag.contains("show-en"))
        // The Vietnamese title and question went through results.sqlite to the rebuilt page.
        #expect(html.contains("<h1><span lang=\"vi\">Một lần chạy</span><span lang=\"en\">One replication</span></h1>"))
        #expect(html.contains("<span lang=\"vi\">một lần chạy có đủ để lập báo cáo không?</span><span lang=\"en\">does one replication still make a report?</span>"))
        let missing = try cli.run(["report", "nowhere"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no results database"))
    }
}

/// A paired difference whose sign is known: Webster against an equal split when one road
/// carries most of the traffic.
@Suite struct KnownSignTests {
    @Test func websterBeatsEqualSplitOnUnequalFlows() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let r = try cli.run(["run", CLI.fixture("good/unequal.yaml"), "--out", "out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try cli.csv("out/comparison.csv").rows
        let delay = try #require(rows.first { $0["strategy"] == "webster" && $0["measure"] == "mean_delay_s" })
        let diff = try #require(Double(delay["diff_vs_baseline"] ?? ""))
        let high = try #require(Double(delay["diff_ci95_high"] ?? ""))
        let p = try #require(Double(delay["p_value"] ?? ""))
        #expect(diff < -5 && high < 0 && p < 0.01)
        let base = try #require(rows.first { $0["strategy"] == "fixed" && $0["measure"] == "mean_delay_s" })
        #expect(base["diff_vs_baseline"] == "")
    }
}
