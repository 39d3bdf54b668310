public import Foundation
import SQLiteStore

/// A results directory (`results/<scenario>/` or `--out DIR`) written atomically.
///
/// Protocol, with `<out>` the target directory and `<parent>`/`<name>` its parent and name:
/// 1. While a scenario runs, finished runs go into the partial database
///    `<out>.partial/results.sqlite` (beside the target, one transaction per run; see
///    `openPartialStore`). `--resume` reopens it and skips `completedRuns()`; a run without
///    `--resume` starts it afresh (deleting only the partial database and its journals). The previous complete results in `<out>` are untouched.
/// 2. `finish` computes `comparison` and `junctions` into the partial database, then
///    `publish` writes everything into a fresh staging directory
///    `<parent>/.<name>.staging-<token>/`: the four CSV files, the database (`results.sqlite`:
///    the partial database itself, linked under a second name, when it was written in the
///    canonical sequence, else its canonical copy; see `ResultStore.copy(to:)`) and any extra
///    files (the report); every file and the directory are flushed to disk.
/// 3. The swap: `<out>` (if any) is renamed to `<parent>/.<name>.old-<token>`, the staging
///    directory is renamed to `<out>`, the parent directory is flushed, and the old
///    directory and `<out>.partial/` are deleted.
///
/// Every rename is atomic, so a crash or `kill -9` at any moment leaves `<out>` either the
/// previous complete results, the new complete results, or (between the two renames of step
/// 3) absent; and the partial database survives until the new results are in place. Before
/// each publish, `recoverInterruptedSwap()` repairs what a crash left: when `<out>` is absent
/// and an old directory exists it is renamed back; stale staging and old directories are
/// removed. If writing throws, the staging directory is removed and `<out>` is unchanged.
///
/// The whole `<out>` is replaced, so it is replaced only when it holds nothing but a run's own
/// files (`replaceRefusal`); `<out>.partial/` likewise (`partialRefusal`). One process writes
/// an `<out>` at a time: the runner holds `lock()` from before it opens the partial database
/// until it has published.
public struct ResultDirectory: Sendable {
    public let target: URL

    public init(_ target: URL) { self.target = target.standardizedFileURL }

    public init(path: String) { self.init(URL(fileURLWithPath: path)) }

    /// The files a run publishes into `<out>`: only a folder holding nothing else (and a
    /// `results.sqlite` with ngatu's run metadata) is replaced.
    public static let ownFileNames: Set<String> = Set(CSVWriter.fileNames + [CSVWriter.sensitivityFileName, CSVWriter.movementsFileName, CSVWriter.roadsFileName,
                                                                    CSVWriter.differencesFileName,
                                                                    "results.sqlite", "report.html", "roads.geojson", "junctions.geojson",
                                                                    "calibration.csv"])

    /// The files a run keeps in `<out>.partial/`: the database, SQLite's journals, the lock.
    static let partialFileNames: Set<String> = [
        "results.sqlite", "results.sqlite-journal", "results.sqlite-wal", "results.sqlite-shm", RunLock.fileName,
    ]

    /// Why `target` must not be replaced, or nil when it may: it is absent, an empty folder,
    /// or earlier results (nothing but `ownFileNames`, with a `results.sqlite` holding run
    /// metadata). Publishing replaces the whole folder, so `--out .`, a symbolic link or a
    /// folder holding any other file is refused rather than deleted.
    public var replaceRefusal: String? {
        ReplaceableDirectory.refusal(target.path, what: "results folder") { entries in
            // `figure-NAME.svg`: the figures `ngatu report --figures` writes beside the report.
            let others = entries.filter { !($0.hasPrefix("figure-") && $0.hasSuffix(".svg")) }
            if let foreign = ReplaceableDirectory.foreignEntry(others, names: Self.ownFileNames) { return foreign }
            guard entries.contains("results.sqlite") else { return "holds no results.sqlite" }
            return Self.isResultsDatabase(database.path) ? nil : "holds a results.sqlite that ngatu did not write"
        }
    }

    /// Why `<out>.partial/` must not be used, or nil when it may: it is absent, empty, or holds
    /// nothing but `partialFileNames` with ngatu's marker (its lock file, or run metadata in
    /// its database). Anything else is the user's and is left alone.
    public var partialRefusal: String? {
        ReplaceableDirectory.refusal(partialDirectory.path, what: "folder of unfinished results") { entries in
            if let foreign = ReplaceableDirectory.foreignEntry(entries, names: Self.partialFileNames) { return foreign }
            if entries.contains(RunLock.fileName),
               let text = FileManager.default.contents(atPath: partialDirectory.appendingPathComponent(RunLock.fileName).path),
               RunLock.isLockText(Array(text)) { return nil }
            if entries.contains("results.sqlite"), Self.isResultsDatabase(partialDatabase.path) { return nil }
            return "carries no mark of a ngatu run"
        }
    }

    /// True when `path` opens as a results database with its run metadata: ngatu's marker.
    static func isResultsDatabase(_ path: String) -> Bool {
        guard let store = try? ResultStore.open(at: path, readOnly: true) else { return false }
        return (try? store.meta()) != nil
    }

    /// Takes the one-writer lock of this folder (creating `<out>.partial/`); held until the
    /// returned lock is released or the process ends. Throws `RunLockError.busy` at once when
    /// another run holds it.
    public func lock() throws(RunLockError) -> RunLock {
        try RunLock.makeFolders(parent.path)
        return try RunLock.acquire(in: partialDirectory.path)
    }

    var parent: URL { target.deletingLastPathComponent() }
    var name: String { target.lastPathComponent }

    /// `<out>.partial/`: the in-progress database's directory.
    public var partialDirectory: URL { parent.appendingPathComponent(name + ".partial") }

    /// `<out>.partial/results.sqlite`.
    public var partialDatabase: URL { partialDirectory.appendingPathComponent("results.sqlite") }

    /// The final database, `<out>/results.sqlite`.
    public var database: URL { target.appendingPathComponent("results.sqlite") }

    /// Opens the in-progress database: with `resume`, the existing one when it was made for the
    /// same scenario (else `ResultStoreError.incompatibleResume`) or a new one; without, a new
    /// one replacing any left over.
    public func openPartialStore(meta: RunMeta, resume: Bool) throws -> ResultStore {
        let fm = FileManager.default
        if !resume || partialIsPublished { removePartialFiles(keepingLock: true) }
        try fm.createDirectory(at: partialDirectory, withIntermediateDirectories: true)
        return resume
            ? try ResultStore.openForResume(at: partialDatabase.path, meta: meta)
            : try ResultStore.create(at: partialDatabase.path, meta: meta)
    }

    /// True when an interrupted run left a partial database to resume.
    public var hasPartialResults: Bool { FileProbe.exists(partialDatabase.path) && !partialIsPublished }

    /// True when the partial database is also `<out>/results.sqlite` (one file under two
    /// names): a publish put it in place and stopped before deleting its partial name. Those
    /// results are complete and published; resuming would write into the published file, so
    /// the partial name is dropped instead.
    var partialIsPublished: Bool {
        var partial = stat(), published = stat()
        guard stat(partialDatabase.path, &partial) == 0, partial.st_nlink > 1,
              stat(database.path, &published) == 0 else { return false }
        return partial.st_dev == published.st_dev && partial.st_ino == published.st_ino
    }

    /// Deletes the partial database when it holds no run metadata, i.e. a run was stopped
    /// while creating it (between the file's creation and its first commit): it holds no run,
    /// so there is nothing to resume, and `--resume` then runs every run instead of refusing.
    /// Only called once the partial folder is known to be ngatu's. True when deleted.
    @discardableResult
    public func discardBlankPartialDatabase() -> Bool {
        guard hasPartialResults else { return false }
        let blank: Bool = {
            // Opened for writing, so that a hot journal of the first transaction rolls back.
            guard let db = try? SQLiteDatabase(path: partialDatabase.path, mode: .readWrite) else { return false }
            return (try? db.tableExists("run_meta")) == false
        }()
        guard blank else { return false }
        removePartialFiles(keepingLock: true)
        return true
    }

    /// Completes a run: computes the comparison and the junction averages into `store` (the
    /// partial database), records `finishedAt`, publishes everything into `<out>` and deletes
    /// the partial directory. `extraFiles` may add files (e.g. `report.html`) to the staging
    /// directory. Returns the tables as published. Do not use `store` afterwards.
    @discardableResult
    public func finish(store: ResultStore, finishedAt: String,
                       extraFiles: (_ staging: URL, _ tables: ResultTables) throws -> Void = { _, _ in }) throws -> ResultTables {
        let meta = try store.meta()
        let runs = try store.rows(RunRow.self)
        let junctionRuns = try store.rows(JunctionRunRow.self)
        let (comparison, differences) = ComparisonBuilder(meta: meta).buildWithDifferences(from: runs)
        try store.replaceAggregates(comparison: comparison, junctions: JunctionAggregator(meta: meta).aggregate(junctionRuns),
                                    differences: differences)
        let aggregator = MovementRoadAggregator(meta: meta)
        try store.replaceMovementAggregates(movements: aggregator.movements(try store.rowsIfPresent(MovementRunRow.self)),
                                            roads: aggregator.roads(try store.rowsIfPresent(RoadRunRow.self)))
        try store.setFinishedAt(finishedAt)
        let tables = try store.loadTables()
        try publish(tables, database: store, extraFiles: extraFiles)
        if store.path == partialDatabase.path { removePartialFiles(keepingLock: false) }
        return tables
    }

    /// Completes a shard (`ngatu run --shard K/N`): records `finishedAt` and publishes the
    /// database alone into `<out>` (its raw per-run rows; no statistics, CSV or report: those
    /// are computed once over every shard by `ngatu merge`), then deletes the partial directory.
    public func finishShard(store: ResultStore, finishedAt: String) throws {
        try store.setFinishedAt(finishedAt)
        try publishFiles { staging in
            let copy = staging.appendingPathComponent("results.sqlite")
            try store.copy(to: copy.path)
            try DurableFile.sync(copy.path)
        }
        if store.path == partialDatabase.path { removePartialFiles(keepingLock: false) }
    }

    /// Deletes the files ngatu keeps in `<out>.partial/` (and, unless `keepingLock`, the lock
    /// file and the folder when nothing else is left in it). Nothing else is touched.
    func removePartialFiles(keepingLock: Bool) {
        for name in Self.partialFileNames where !(keepingLock && name == RunLock.fileName) {
            unlink(partialDirectory.appendingPathComponent(name).path)
        }
        if !keepingLock { rmdir(partialDirectory.path) }
    }

    /// Writes `tables` as CSV, a copy of `database` (when given) and the extra files into a
    /// staging directory, then swaps it into place (steps 2 and 3 of the protocol).
    public func publish(_ tables: ResultTables, database: ResultStore?,
                        extraFiles: (_ staging: URL, _ tables: ResultTables) throws -> Void = { _, _ in }) throws {
        try publishFiles { staging in
            try CSVWriter(sweepKeys: tables.meta.sweep.keys,
                          clockStart: tables.meta.property("start_s").flatMap(Double.init)).writeAll(tables, into: staging)
            if let database {
                let published = staging.appendingPathComponent("results.sqlite")
                // The partial database written in the canonical sequence is the file a copy
                // would write: it is published as it is, under a second name (the partial one
                // stays until the results are in place), instead of writing every row again.
                if database.path == partialDatabase.path, database.isCanonicalFile,
                   link(partialDatabase.path, published.path) == 0 {
                } else {
                    try database.copy(to: published.path)
                }
                try DurableFile.sync(published.path)
            }
            try extraFiles(staging, tables)
        }
    }

    /// Steps 2 and 3 of the protocol for whatever `write` puts into the staging directory.
    func publishFiles(_ write: (_ staging: URL) throws -> Void) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        try recoverInterruptedSwap()
        let token = Self.token()
        let staging = parent.appendingPathComponent(".\(name).staging-\(token)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            try write(staging)
            try DurableFile.sync(staging.path)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        try swap(in: staging, token: token)
    }

    /// Puts `staging` at `target`: the old directory is renamed away, the new one in, the old
    /// one deleted.
    func swap(in staging: URL, token: String) throws {
        let old = parent.appendingPathComponent(".\(name).old-\(token)")
        let hadOld = FileProbe.exists(target.path)
        if hadOld { try DurableFile.rename(target.path, old.path) }
        do {
            try DurableFile.rename(staging.path, target.path)
        } catch {
            if hadOld { try? DurableFile.rename(old.path, target.path) }
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        try DurableFile.sync(parent.path)
        if hadOld { try? FileManager.default.removeItem(at: old) }
    }

    /// Repairs what an interrupted publish left beside the target: restores `<out>` from an old
    /// directory when `<out>` is missing, and removes stale staging and old directories.
    public func recoverInterruptedSwap() throws {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        let olds = entries.filter { $0.hasPrefix(".\(name).old-") }.sorted()
        let stagings = entries.filter { $0.hasPrefix(".\(name).staging-") }
        var remaining = olds
        if !FileProbe.exists(target.path), let last = olds.last {
            // Tokens sort by time: the newest old directory is the latest complete results.
            try DurableFile.rename(parent.appendingPathComponent(last).path, target.path)
            remaining.removeLast()
        }
        for e in remaining + stagings { try? fm.removeItem(at: parent.appendingPathComponent(e)) }
    }

    /// A token that sorts by creation time and is unique per process: nanoseconds and pid.
    static func token() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let nanos = UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
        let digits = String(nanos)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "-\(getpid())"
    }
}
