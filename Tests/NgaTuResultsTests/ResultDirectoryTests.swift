import Foundation
import Testing
@testable import NgaTuResults

@Suite struct ResultDirectoryTests {
    struct Interrupted: Error {}

    func contents(_ url: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            out[name] = try Data(contentsOf: url.appendingPathComponent(name))
        }
        return out
    }

    func complete(_ dir: ResultDirectory, strategies: [String], resume: Bool = false,
                  extra: (URL, ResultTables) throws -> Void = { _, _ in }) throws -> ResultTables {
        let meta = Fixture.meta(strategies: strategies)
        let store = try dir.openPartialStore(meta: meta, resume: resume)
        let done = try store.completedRuns()
        for s in strategies { for r in 1...3 where !done.contains(RunKey(strategy: s, sweep: Fixture.unit, replication: r)) {
            try store.insert(Fixture.record(s, r))
        } }
        return try dir.finish(store: store, finishedAt: "2026-11-28T11:00:00Z", extraFiles: extra)
    }

    @Test func publishesEverythingAndRemovesThePartialDatabase() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = ResultDirectory(root.appendingPathComponent("ninh-kieu-am-peak"))
        let tables = try complete(dir, strategies: ["fixed", "webster"]) { staging, _ in
            try Data("<html></html>".utf8).write(to: staging.appendingPathComponent("report.html"))
        }
        let files = try contents(dir.target)
        #expect(Set(files.keys) == Set(CSVWriter.fileNames + [CSVWriter.movementsFileName, CSVWriter.roadsFileName, CSVWriter.differencesFileName, "results.sqlite", "report.html"]))
        #expect(!FileManager.default.fileExists(atPath: dir.partialDirectory.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["ninh-kieu-am-peak"])
        // The report can be rebuilt from the published database alone.
        let reread = try ResultStore.open(at: dir.database.path).loadTables()
        #expect(reread == tables)
        #expect(reread.comparison.count == 2 * RunMeasure.allCases.count)
        #expect(reread.meta.finishedAt == "2026-11-28T11:00:00Z")
    }

    @Test func oldResultsRemainWhenTheWriterThrowsMidway() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = ResultDirectory(root.appendingPathComponent("out"))
        _ = try complete(dir, strategies: ["fixed"])
        let before = try contents(dir.target)

        #expect(throws: Interrupted.self) {
            _ = try complete(dir, strategies: ["fixed", "webster"]) { staging, _ in
                // The CSV files and the database are already in the staging directory here.
                #expect(FileManager.default.fileExists(atPath: staging.appendingPathComponent("runs.csv").path))
                throw Interrupted()
            }
        }
        #expect(try contents(dir.target) == before)
        // No staging directory is left; the partial database stays for a resume.
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(left == ["out", "out.partial"])
        #expect(dir.hasPartialResults)

        // The resumed run finds all six runs stored and publishes.
        let tables = try complete(dir, strategies: ["fixed", "webster"], resume: true)
        #expect(tables.runs.count == 6)
        #expect(try contents(dir.target) != before)
    }

    @Test func recoversFromACrashBetweenTheTwoRenames() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = ResultDirectory(root.appendingPathComponent("out"))
        _ = try complete(dir, strategies: ["fixed"])
        let before = try contents(dir.target)
        // Simulate kill -9 after the old results were renamed away and before the new ones
        // came in, with a half-written staging directory beside them.
        let fm = FileManager.default
        try fm.moveItem(at: dir.target, to: root.appendingPathComponent(".out.old-00000000000000000001-1"))
        try fm.createDirectory(at: root.appendingPathComponent(".out.staging-00000000000000000002-1"),
                               withIntermediateDirectories: false)
        try dir.recoverInterruptedSwap()
        #expect(try contents(dir.target) == before)
        #expect(try fm.contentsOfDirectory(atPath: root.path) == ["out"])
    }

    @Test func csvFilesDoNotDependOnTheOrderRunsFinished() throws {
        let root = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let sweep = Sweep(product: [("demand_scale", [0.8, 1.0, 1.2])])
        let meta = Fixture.meta(sweep: sweep)
        var records: [RunRecord] = []
        for s in ["fixed", "webster"] { for p in sweep.points { for r in 1...3 { records.append(Fixture.record(s, r, sweep: p)) } } }
        var outputs: [[String: Data]] = []
        for (i, order) in [records, records.reversed(), records.enumerated().sorted { ($0.offset * 7) % 18 < ($1.offset * 7) % 18 }.map(\.element)].enumerated() {
            let dir = ResultDirectory(root.appendingPathComponent("out\(i)"))
            let store = try dir.openPartialStore(meta: meta, resume: false)
            for r in order { try store.insert(r) }
            try dir.finish(store: store, finishedAt: "2026-11-28T11:00:00Z")
            outputs.append(try contents(dir.target).filter { $0.key.hasSuffix(".csv") })
        }
        #expect(outputs[0].count == 7)
        #expect(outputs[0] == outputs[1] && outputs[0] == outputs[2])
    }
}
