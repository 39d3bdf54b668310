import Foundation
import Testing

/// `results.sqlite` is the same file whatever `--jobs` (issue 14): the runs are stored as they
/// finish, but the published copy is rebuilt in a fixed order.
@Suite struct DatabaseBytesTests {
    static let scenario = CLI.fixture("good/sweep.yaml")

    /// With `SOURCE_DATE_EPOCH` fixing the start and finish times, every byte of
    /// `results.sqlite` (and of the report) is the same for 1, 2 and 4 jobs.
    @Test func databaseIsByteIdenticalWhateverTheJobs() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        let fixed = ["SOURCE_DATE_EPOCH": "1764547200"]
        for jobs in ["1", "2", "4"] {
            let r = try cli.run(["run", Self.scenario, "--jobs", jobs, "--out", "j\(jobs)", "--quiet"], environment: fixed)
            #expect(r.status == 0, "\(r.stderr)")
        }
        for f in ["results.sqlite", "report.html", "roads.geojson", "junctions.geojson"] {
            #expect(try cli.bytes("j1/\(f)") == cli.bytes("j2/\(f)"), "\(f)")
            #expect(try cli.bytes("j1/\(f)") == cli.bytes("j4/\(f)"), "\(f)")
        }
        let meta = try cli.bytes("j1/results.sqlite")
        #expect(meta.range(of: Data("2025-12-01T00:00:00Z".utf8)) != nil, "started_at from SOURCE_DATE_EPOCH")
    }

    /// Without it, the two files have the same size and differ only inside the two
    /// timestamps of `run_meta` (20 characters each).
    @Test func withoutAFixedTimeOnlyTheTimestampsDiffer() throws {
        let cli = try CLI(); defer { cli.cleanUp() }
        for (jobs, epoch) in [("1", "1764547200"), ("2", "1764633599")] {
            let r = try cli.run(["run", Self.scenario, "--jobs", jobs, "--out", "j\(jobs)", "--quiet"],
                                environment: ["SOURCE_DATE_EPOCH": epoch])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = [UInt8](try cli.bytes("j1/results.sqlite")), b = [UInt8](try cli.bytes("j2/results.sqlite"))
        #expect(a.count == b.count)
        let differing = zip(a, b).filter { $0 != $1 }.count
        #expect(differing > 0 && differing <= 40, "\(differing) bytes differ")
    }
}
