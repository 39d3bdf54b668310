import Foundation
import SQLiteStore
import Testing
@testable import NgaTuResults

@Suite struct ResultStoreTests {
    @Test func everyTableRoundTrips() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = Sweep(product: [("demand_scale", [0.8, 1.2]), ("saturation_flow", [1800])])
        let meta = Fixture.meta(sweep: sweep)
        let path = dir.appendingPathComponent("results.sqlite").path
        let store = try ResultStore.create(at: path, meta: meta)
        var records: [RunRecord] = []
        for p in sweep.points { for s in ["fixed", "webster"] { for r in 1...2 {
            records.append(Fixture.record(s, r, sweep: p))
        } } }
        for r in records.reversed() { try store.insert(r) }
        let runs = records.map(\.run)
        let comparison = ComparisonBuilder(meta: meta).build(from: runs)
        let junctions = JunctionAggregator(meta: meta).aggregate(records.flatMap(\.junctions))
        try store.replaceAggregates(comparison: comparison, junctions: junctions)
        try store.setFinishedAt("2026-11-28T11:00:00Z")

        // Rows come back in canonical order: strategies, then sweep points, then replications.
        let expected = ResultTables(meta: meta, runs: records.map(\.run), junctionRuns: records.flatMap(\.junctions),
                                    timeSeries: records.flatMap(\.timeSeries), signalTiming: records.flatMap(\.signalTiming),
                                    signalPhases: records.flatMap(\.signalPhases), warnings: records.flatMap(\.warnings))
            .canonicallyOrdered()
        #expect(expected.runs.map(\.strategy) == ["fixed", "fixed", "fixed", "fixed", "webster", "webster", "webster", "webster"])
        let reopened = try ResultStore.open(at: path)
        let t = try reopened.loadTables()
        var expectedMeta = meta
        expectedMeta.finishedAt = "2026-11-28T11:00:00Z"
        #expect(t.meta == expectedMeta)
        #expect(t.meta.sweep.keys == ["demand_scale", "saturation_flow"])
        #expect(t.runs == expected.runs)
        #expect(t.comparison == comparison)
        #expect(t.junctions == junctions)
        #expect(t.junctionRuns == expected.junctionRuns)
        #expect(t.timeSeries == expected.timeSeries)
        #expect(t.signalTiming == expected.signalTiming)
        #expect(t.signalPhases == expected.signalPhases)
        #expect(t.warnings == expected.warnings)
        // Controller inputs are per sweep point: later replications' duplicates are ignored.
        #expect(t.controllerInputs.count == 2 * 2 * 2)
        #expect(t.controllerInputs.first?.note == "flow ratio of phase 1")
        #expect(t.signalTiming.first?.greenShares == [0.52, 0.48])
        #expect(t.warnings.first?.junctions == ["nvc-304", "mt-304"])
    }

    /// The published file is the same whatever order the runs were stored in: stored in key
    /// order, the partial database itself is that file (`isCanonicalFile`, published as it is);
    /// stored reversed or shuffled, or with a later replication adding controller inputs, the
    /// copy writes it afresh in the canonical sequence. Either way it holds the rows of the
    /// partial database in canonical order.
    @Test func copyIsTheSameFileWhateverOrderTheRunsFinished() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = Sweep(product: [("demand_scale", [0.8, 1.2])])
        let meta = Fixture.meta(sweep: sweep)
        var records: [RunRecord] = []
        for s in ["fixed", "webster"] { for p in sweep.points { for r in 1...3 {
            records.append(Fixture.record(s, r, sweep: p))
        } } }
        var shuffled = records
        var generator = SystemRandomNumberGenerator()
        shuffled.shuffle(using: &generator)
        // Key order, but the second replication of one point brings a controller input more.
        var extraInput = records
        extraInput[1].controllerInputs.append(ControllerInputRow(strategy: "fixed", sweep: sweep.points[0], junction: "nvc-304",
                                                                 key: "y_2", value: 0.25))
        let junction = MapJunctionRow(id: "nvc-304", name: "Nguyễn Văn Cừ", at: MapCoordinate(latitude: 10.03, longitude: 105.77), control: "signal")
        var files: [Data] = []
        var tables: [ResultTables] = []
        for (i, order) in [records, records.reversed(), shuffled, extraInput].enumerated() {
            let partial = dir.appendingPathComponent("partial-\(i).sqlite").path
            let store = try ResultStore.create(at: partial, meta: meta)
            try store.writeMapGeometry(junctions: [junction], roads: [], incidents: [])
            for r in order { try store.insert(r) }
            try store.replaceAggregates(comparison: ComparisonBuilder(meta: meta).build(from: records.map(\.run)),
                                        junctions: JunctionAggregator(meta: meta).aggregate(records.flatMap(\.junctions)))
            try store.replaceMovementAggregates(movements: [], roads: [])
            try store.setFinishedAt("2026-12-07T23:59:00Z")
            #expect(store.isCanonicalFile == (i == 0), "order \(i)")
            let copy = dir.appendingPathComponent("copy-\(i).sqlite").path
            try store.copy(to: copy)
            files.append(try Data(contentsOf: URL(fileURLWithPath: copy)))
            let published = try ResultStore.open(at: copy)
            tables.append(try published.loadTables())
            #expect(try published.loadTables() == store.loadTables())
            if i == 0 { #expect(try Data(contentsOf: URL(fileURLWithPath: partial)) == files[0], "the partial database is the file") }
        }
        #expect(files[0] == files[1])
        #expect(files[0] == files[2])
        #expect(tables[0].runs.map(\.strategy) == Array(repeating: "fixed", count: 6) + Array(repeating: "webster", count: 6))
        #expect(tables[0].runs.map(\.replication) == [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3])
        #expect(tables[0].meta.finishedAt == "2026-12-07T23:59:00Z")
        // The extra input is in the copy, with the point's first run: the copy of the same
        // runs stored shuffled with it is the same file.
        #expect(tables[3].controllerInputs.count == tables[0].controllerInputs.count + 1)
        let again = try ResultStore.create(at: dir.appendingPathComponent("partial-4.sqlite").path, meta: meta)
        try again.writeMapGeometry(junctions: [junction], roads: [], incidents: [])
        for r in extraInput.reversed() { try again.insert(r) }
        try again.replaceAggregates(comparison: ComparisonBuilder(meta: meta).build(from: records.map(\.run)),
                                    junctions: JunctionAggregator(meta: meta).aggregate(records.flatMap(\.junctions)))
        try again.setFinishedAt("2026-12-07T23:59:00Z")
        try again.copy(to: dir.appendingPathComponent("copy-4.sqlite").path)
        #expect(try Data(contentsOf: dir.appendingPathComponent("copy-4.sqlite")) == files[3])
    }

    /// The store keeps the metadata and the rows it has read until their table is written: what
    /// it returns is always what the file holds, read afresh (-0.0 comes back as 0.0 and NaN as
    /// nothing, as SQLite stores them), also after a write that failed and was rolled back.
    @Test func rowsKeptAfterReadingAreTheRowsOfTheFile() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = Sweep(product: [("demand_scale", [0.8, 1.2])])
        let meta = Fixture.meta(sweep: sweep)
        let path = dir.appendingPathComponent("results.sqlite").path
        let store = try ResultStore.create(at: path, meta: meta)
        var records: [RunRecord] = []
        for p in sweep.points { for s in ["webster", "fixed"] { for r in [2, 1] {
            var record = Fixture.record(s, r, sweep: p)
            record.run.meanStops = -0.0
            record.run.latentDelayVehH = .nan
            record.timeSeries[0].queuedPcu = -0.0
            records.append(record)
        } } }
        for r in records { try store.insert(r) }
        let meta2 = try store.meta()
        try store.replaceAggregates(comparison: ComparisonBuilder(meta: meta2).build(from: records.map(\.run)),
                                    junctions: JunctionAggregator(meta: meta2).aggregate(records.flatMap(\.junctions)))
        _ = try store.loadTables()
        try store.replaceSensitivity([])
        try store.setFinishedAt("2026-11-28T11:00:00Z")
        let kept = try store.loadTables()
        let read = try ResultStore.open(at: path).loadTables()
        #expect(kept == read)
        #expect(kept.runs.count == 8 && kept.timeSeries.count == 16 && kept.controllerInputs.count == 8)
        #expect(kept.runs.allSatisfy { $0.meanStops.map { $0 == 0 && $0.sign == .plus } == true && $0.latentDelayVehH == nil })
        #expect(kept.timeSeries.allSatisfy { $0.queuedPcu.sign == .plus })
        // A failed write (a run stored twice) leaves the kept rows as the file's.
        #expect(throws: SQLiteError.self) { try store.insert(records[0]) }
        #expect(try store.loadTables() == read)
    }

    /// A store created for a run keeps what it writes and reads it from memory: the same rows,
    /// in the same order, as the file gives (segment queues rounded, -0.0 as 0), except for the
    /// tables it cannot know (`controller_inputs`, stored with "insert or ignore").
    @Test func rowsWrittenByAFreshStoreAreTheRowsOfTheFile() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = Sweep(product: [("demand_scale", [1.0, 0.8])])
        let meta = Fixture.meta(sweep: sweep)
        let path = dir.appendingPathComponent("results.sqlite").path
        let store = try ResultStore.create(at: path, meta: meta)
        var records: [RunRecord] = []
        for p in sweep.points { for s in ["webster", "fixed"] { for r in [2, 1] {
            var record = Fixture.record(s, r, sweep: p)
            record.junctionQueues = (0..<3).map {
                JunctionQueueRow(strategy: s, sweep: p, replication: r, timeS: Double(60 * $0), junction: "nvc-304",
                                 queuedPcu: $0 == 0 ? -0.0 : 1.0 / 3 * Double($0))
            }
            record.segmentQueues = ["a", "a~r"].map {
                SegmentQueueRow(strategy: s, sweep: p, replication: r, segment: $0, firstS: 60, stepS: 60,
                                queuedPcu: [0, -0.04, 0.26, 1.0 / 3, 12.449, 7])
            }
            records.append(record)
        } } }
        for r in records { try store.insert(r) }
        try store.replaceAggregates(comparison: ComparisonBuilder(meta: meta).build(from: records.map(\.run)),
                                    junctions: JunctionAggregator(meta: meta).aggregate(records.flatMap(\.junctions)))
        for table in [RunRow.tableName, JunctionQueueRow.tableName, SegmentQueueRow.tableName, ComparisonRow.tableName] {
            #expect(store.keepsWrittenRows(of: table), "\(table)")
        }
        #expect(!store.keepsWrittenRows(of: ControllerInputRow.tableName))
        let kept = try store.loadTables()
        #expect(kept == (try ResultStore.open(at: path).loadTables()))
        #expect(kept.segmentQueues.first?.queuedPcu.map(\.bitPattern) == [0, 0, 0.3, 0.3, 12.4, 7].map(\.bitPattern))
        #expect(kept.junctionQueues.first?.queuedPcu.bitPattern == (0.0).bitPattern)
        #expect(kept.runs.map(\.strategy) == ["fixed", "fixed", "fixed", "fixed", "webster", "webster", "webster", "webster"])
        // A failed write forgets them: the file is read again.
        #expect(throws: SQLiteError.self) { try store.insert(records[0]) }
        #expect(!store.keepsWrittenRows(of: RunRow.tableName))
        #expect(try store.loadTables() == kept)
    }

    /// The map geometry a store wrote is given back from memory as the file gives it.
    @Test func mapGeometryWrittenIsTheFilesMap() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("results.sqlite").path
        let store = try ResultStore.create(at: path, meta: Fixture.meta())
        let junctions = [MapJunctionRow(id: "a", name: "Cầu Hưng Lợi", at: MapCoordinate(latitude: 10.0312345678901, longitude: -0.0), control: "signal"),
                         MapJunctionRow(id: "b", at: MapCoordinate(latitude: 1e-7, longitude: 105.7), control: "boundary")]
        let roads = [MapRoadRow(id: "r", name: "3/2", from: "a", to: "b", lanesForward: 2, lanesBackward: 1, oneway: false,
                                shape: [MapCoordinate(latitude: 10.0312345678901, longitude: -0.0), MapCoordinate(latitude: 0.1 + 0.2, longitude: 105.70000000000002),
                                        MapCoordinate(latitude: 1e-7, longitude: 105.7)]),
                     MapRoadRow(id: "s", from: "b", to: "a", oneway: true)]
        let incidents = [IncidentRow(kind: "closure", road: "r", fromS: -0.0, toS: 600.5, factor: 0, bothDirections: true)]
        let background = [[MapCoordinate(latitude: 10.01, longitude: 105.76), MapCoordinate(latitude: 10.02, longitude: -0.0)], []]
        try store.writeMapGeometry(junctions: junctions, roads: roads, incidents: incidents, background: background)
        let kept = try store.mapGeometry(), read = try ResultStore.open(at: path).mapGeometry()
        #expect(kept.junctions == read.junctions && kept.roads == read.roads && kept.incidents == read.incidents)
        #expect(try store.mapBackground() == ResultStore.open(at: path).mapBackground())
        #expect(kept.junctions[0].at.longitude.sign == .plus && kept.roads[0].shape[1].latitude == 0.1 + 0.2)
    }

    @Test("results written before the delay-per-demanded-vehicle columns still read, those values missing")
    func olderResultsWithoutTheNewColumnsRead() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        do {
            let store = try ResultStore.create(at: path, meta: Fixture.meta())
            try store.insert(Fixture.record("fixed", 1))
            for c in ["vehicles_demanded", "mean_delay_all_s", "latent_delay_veh_h", "max_wait_s"] {
                try store.database.execute("ALTER TABLE runs DROP COLUMN \(c)")
            }
            try store.database.execute("ALTER TABLE junction_runs DROP COLUMN max_wait_s")
            try store.database.execute("ALTER TABLE junction_runs DROP COLUMN still_queued_veh")
        }
        let t = try ResultStore.open(at: path).loadTables()
        #expect(t.runs.count == 1 && t.junctionRuns.count == 2)
        let run = try #require(t.runs.first)
        #expect(run.vehiclesDemanded == 103)   // finished + unfinished
        #expect(run.meanDelayAllS == nil && run.latentDelayVehH == nil && run.maxWaitS == nil)
        #expect(t.junctionRuns.allSatisfy { $0.maxWaitS == nil && $0.stillQueuedVeh == nil })
    }

    @Test func completedRunsAfterPartialInserts() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("partial.sqlite").path
        let meta = Fixture.meta()
        do {
            let store = try ResultStore.create(at: path, meta: meta)
            try store.insert(Fixture.record("fixed", 1))
            try store.insert(Fixture.record("webster", 2))
            // A run that fails midway (a row of another run) stores nothing at all.
            var bad = Fixture.record("fixed", 2)
            bad.timeSeries.append(Fixture.record("fixed", 3).timeSeries[0])
            #expect(throws: ResultStoreError.self) { try store.insert(bad) }
            // A duplicate run is refused by the database and rolled back as a whole.
            var duplicate = Fixture.record("fixed", 1)
            duplicate.junctions = []
            #expect(throws: SQLiteError.self) { try store.insert(duplicate) }
        }
        let resumed = try ResultStore.openForResume(at: path, meta: meta)
        #expect(try resumed.completedRuns() == [
            RunKey(strategy: "fixed", sweep: Fixture.unit, replication: 1),
            RunKey(strategy: "webster", sweep: Fixture.unit, replication: 2),
        ])
        #expect(try resumed.rows(TimeSeriesRow.self).count == 4)
        #expect(try resumed.rows(JunctionRunRow.self).count == 4)
        try resumed.insert(Fixture.record("fixed", 2))
        #expect(try resumed.completedRuns().count == 3)

        var other = meta
        other.scenarioHash = "changed"
        #expect(throws: ResultStoreError.self) { _ = try ResultStore.openForResume(at: path, meta: other) }
    }

    @Test func schemaHasTheCSVColumns() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try ResultStore.create(at: dir.appendingPathComponent("r.sqlite").path, meta: Fixture.meta())
        #expect(try store.database.columns(of: "runs") == RunRow.columnNames(sweepKeys: ["demand_scale"]))
        #expect(try store.database.columns(of: "comparison") == ComparisonRow.columnNames(sweepKeys: ["demand_scale"]))
        #expect(try store.database.columns(of: "junctions") == JunctionRow.columnNames(sweepKeys: ["demand_scale"]))
        #expect(try store.database.columns(of: "timeseries") == TimeSeriesRow.columnNames(sweepKeys: ["demand_scale"]))
        #expect(try store.database.tableExists("run_meta"))
    }
}

@Suite struct SQLiteStoreTests {
    @Test func typedBindsReadsAndErrors() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER, d REAL, s TEXT NOT NULL)")
        try db.run("INSERT INTO t VALUES (?1, ?2, ?3)", [42, 2.5, "Cần Thơ"])
        try db.run("INSERT INTO t VALUES (?1, ?2, ?3)", [Int?.none, Double.nan, "x"])
        let rows = try db.query("SELECT i, d, s FROM t ORDER BY rowid")
        #expect(rows == [[.integer(42), .real(2.5), .text("Cần Thơ")], [.null, .null, .text("x")]])
        do {
            try db.run("INSERT INTO t VALUES (1, 1, NULL)")
            Issue.record("expected a constraint error")
        } catch let e as SQLiteError {
            #expect(e.message.contains("NOT NULL"))
        }
        #expect(throws: SQLiteError.self) { try db.execute("SELEC nonsense") }
    }

    @Test func transactionRollsBackOnError() throws {
        struct Boom: Error {}
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT count(*) FROM t") == [[.integer(0)]])
        #expect(!db.isInTransaction)
    }
}
