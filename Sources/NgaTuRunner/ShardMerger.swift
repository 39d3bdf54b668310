public import Foundation
public import NgaTuResults

/// `ngatu merge OUT SHARD_DIR...`: the shards of one split run, checked and merged into the
/// results a single `ngatu run` of the whole plan writes, file for file.
///
/// Every check is made before anything is written: each directory is a finished shard
/// written by this version and this build (`BuildIdentity`: the same executable); all are of
/// the same scenario and map files (`scenario_hash`), the same run options and the same split
/// (`ShardInfo.planHash`, the metadata but for its times); no shard is given twice and none is
/// missing; each holds exactly its share of the runs, of the sensitivity check's reruns and,
/// in the one shard the split gives it, the fit to counts. Then the raw runs go into
/// `<OUT>.partial/results.sqlite` (`appendShards`), the sensitivity table is computed from
/// every shard's reruns (`SensitivityTable`, as a run does) and `ResultDirectory.finish`
/// computes every statistic once over all runs and publishes, as a run does (the fit to counts
/// goes to `extraFiles`): so the CSV files, `results.sqlite` and the report are the same bytes
/// as a plain run's (with `SOURCE_DATE_EPOCH` fixing the times). The start time is the
/// earliest shard's.
public struct ShardMerger {
    public let shards: [String]
    public let output: ResultDirectory
    /// The build the shards must have been run by: this executable's (`BuildIdentity`).
    public let build: String

    public init(shards: [String], output: ResultDirectory, build: String = BuildIdentity.current) {
        self.shards = shards; self.output = output; self.build = build
    }

    /// A shard as found on disk.
    struct Found {
        var directory: String
        var database: String
        var meta: RunMeta
        var info: ShardInfo
        var runs: [RunKey]
        /// Its reruns of the sensitivity check.
        var reruns: [SensitivityRunRow]
        /// The fit to counts, in the shard the split gave it to.
        var calibration: CalibrationFit?
    }

    /// Checks, merges and publishes; `extraFiles` adds files (the report, and with a fit to
    /// counts `calibration.csv`) as for a run.
    public func merge(extraFiles: @escaping (_ directory: URL, _ tables: ResultTables, _ calibration: CalibrationFit?) throws -> Void = { _, _, _ in })
        throws(RunnerError) -> RunOutcome {
        let found = try check()
        if let refusal = output.replaceRefusal { throw .output(refusal) }
        if let refusal = output.partialRefusal { throw .output(refusal) }
        let lock: RunLock
        do { lock = try output.lock() } catch {
            switch error {
            case .busy(let pid):
                throw .output("\(output.target.path) is being written by another ngatu run\(pid.map { " (pid \($0))" } ?? ""); wait for it to finish or choose another output folder")
            case .cannotCreate(let path, let reason):
                throw .output("cannot create \(path): \(reason)")
            }
        }
        defer { withExtendedLifetime(lock) {} }
        var meta = found[0].meta
        meta.startedAt = found.map(\.meta.startedAt).min() ?? meta.startedAt
        meta.finishedAt = nil
        let store: ResultStore
        do {
            store = try output.openPartialStore(meta: meta, resume: false)
            try store.appendShards(found.map(\.database))
            // The sensitivity check: computed once over every shard's reruns, as a run does.
            let blocks = found[0].info.sensitivity
            if !blocks.isEmpty {
                var reruns: [SensitivityKey: [RunRow]] = [:]
                for r in found.flatMap(\.reruns) { reruns[SensitivityKey(r), default: []].append(r.run) }
                try store.replaceSensitivity(SensitivityTable.rows(blocks: blocks, meta: meta, baseRuns: try store.rows(RunRow.self),
                                                                   runs: { reruns[SensitivityKey($0)] ?? [] }))
            }
        } catch {
            throw .output("\(output.partialDatabase.path): cannot merge the shards: \(FailureText.describe(error))")
        }
        let fit = found.lazy.compactMap(\.calibration).first
        do {
            let tables = try output.finish(store: store, finishedAt: Timestamp.iso8601(Timestamp.now())) { staging, tables in
                try extraFiles(staging, tables, fit)
            }
            return RunOutcome(directory: output.target, runs: tables.runs.count, resumed: 0, warnings: 0, tables: tables)
        } catch {
            throw .output("cannot publish \(output.target.path): \(FailureText.describe(error))")
        }
    }

    /// Reads every shard and refuses, naming the directory, anything that would not merge
    /// into the results of one plan. Returns the shards in shard order.
    func check() throws(RunnerError) -> [Found] {
        guard !shards.isEmpty else { throw .usage("give the shard directories to merge") }
        var found: [Found] = []
        let target = Self.canonical(output.target.path)
        for directory in shards {
            if Self.canonical(directory) == target {
                throw .output("\(directory) is one of the shards to merge and the output folder; choose another output folder")
            }
            found.append(try read(directory))
        }
        let first = found[0]
        for f in found {
            if f.meta.softwareVersion != NgaTuVersion.current {
                throw .output("\(f.directory) was written by ngatu \(f.meta.softwareVersion), this is ngatu \(NgaTuVersion.current); rerun that shard with this version (every shard and the merge need one version)")
            }
            if f.info.build != build {
                throw .output("\(f.directory) was written by another build of ngatu (\(BuildIdentity.short(f.info.build))), this merge is \(BuildIdentity.short(build)); rerun that shard with this executable (a build is the SHA-256 of the ngatu file: every shard and the merge need the same file)")
            }
            if f.meta.scenarioHash != first.meta.scenarioHash {
                throw .output("\(f.directory) is a shard of other scenario or map files than \(first.directory) (scenario_hash \(f.meta.scenarioHash.prefix(12))… against \(first.meta.scenarioHash.prefix(12))…); rerun every shard from the same files")
            }
            if f.info.count != first.info.count || f.info.planHash != first.info.planHash || Self.timeless(f.meta) != Self.timeless(first.meta) {
                throw .output("\(f.directory) (shard \(f.info.index)/\(f.info.count)) is of another split than \(first.directory) (shard \(first.info.index)/\(first.info.count)): other --shard count, --replications, --strategy or --sensitivity options; rerun every shard with the same options")
            }
        }
        var byIndex: [Int: Found] = [:]
        for f in found {
            if let other = byIndex[f.info.index] {
                throw .output("shard \(f.info.index)/\(f.info.count) is given twice: \(other.directory) and \(f.directory)")
            }
            byIndex[f.info.index] = f
        }
        let missing = (1...first.info.count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let names = missing.prefix(10).map { "\($0)/\(first.info.count) (\(first.info.runs(of: $0).count + first.info.reruns(of: $0).count) runs)" }
            let more = missing.count > 10 ? " and \(missing.count - 10) more" : ""
            let how = missing.count == 1 ? "run it with `ngatu run SCENARIO --shard \(missing[0])/\(first.info.count) --out DIR`"
                : "run each with `ngatu run SCENARIO --shard K/\(first.info.count) --out DIR`"
            throw .output("\(missing.count == 1 ? "shard" : "shards") \(names.joined(separator: ", "))\(more) \(missing.count == 1 ? "is" : "are") missing: \(how) and give \(missing.count == 1 ? "its folder" : "their folders") to merge")
        }
        let points = first.meta.sweep.points
        for f in found {
            let planned = f.info.runs(of: f.info.index).map { r -> RunKey? in
                points.indices.contains(r.point) ? RunKey(strategy: r.strategy, sweep: points[r.point], replication: r.replication) : nil
            }
            if Set(planned.compactMap { $0 }) != Set(f.runs) || planned.contains(nil) || planned.count != f.runs.count {
                throw .output("\(f.directory) holds \(f.runs.count) runs, not the \(planned.count) runs of shard \(f.info.index)/\(f.info.count); it is damaged: rerun that shard")
            }
            let reruns = f.info.reruns(of: f.info.index).map { r -> SensitivityRunKey? in
                guard case .sensitivity(let parameter, let value) = r.kind, points.indices.contains(r.point) else { return nil }
                return SensitivityRunKey(parameter: parameter, value: value,
                                         run: RunKey(strategy: r.strategy, sweep: points[r.point], replication: r.replication))
            }
            let stored = f.reruns.map(\.key)
            if Set(reruns.compactMap { $0 }) != Set(stored) || reruns.contains(nil) || reruns.count != stored.count {
                throw .output("\(f.directory) holds \(stored.count) reruns of the sensitivity check, not the \(reruns.count) of shard \(f.info.index)/\(f.info.count); it is damaged: rerun that shard")
            }
            if (f.info.calibrationShard == f.info.index) != (f.calibration != nil) {
                throw .output("\(f.directory) \(f.calibration == nil ? "lacks" : "holds") the fit to counts, which the split gives \(f.info.calibrationShard.map { "shard \($0)/\(f.info.count)" } ?? "no shard"); it is damaged: rerun that shard")
            }
        }
        return found.sorted { $0.info.index < $1.info.index }
    }

    /// One shard directory, read-only.
    private func read(_ directory: String) throws(RunnerError) -> Found {
        let database = URL(fileURLWithPath: directory).appendingPathComponent("results.sqlite").path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            let partial = ResultDirectory(path: directory).partialDirectory.path
            let unfinished = FileManager.default.fileExists(atPath: partial)
                ? " (\(partial) holds an unfinished shard: continue it with the same `ngatu run … --shard K/N --out \(directory) --resume`)" : ""
            throw .output("\(directory): no such shard folder\(unfinished)")
        }
        do {
            let store = try ResultStore.open(at: database, readOnly: true)
            guard let info = try store.shard() else {
                throw RunnerError.output("\(directory) holds the results of a whole run, not a shard (`ngatu run --shard K/N` writes shards)")
            }
            let meta = try store.meta()
            guard meta.finishedAt != nil else {
                throw RunnerError.output("\(directory) holds an unfinished shard; finish it with `ngatu run … --resume`")
            }
            return Found(directory: directory, database: database, meta: meta, info: info, runs: try store.storedRunKeys(),
                         reruns: try store.sensitivityReruns(), calibration: try store.calibration())
        } catch let e as RunnerError {
            throw e
        } catch ResultStoreError.missing {
            throw .output("\(directory) holds no results.sqlite: not a shard folder of ngatu run --shard")
        } catch {
            throw .output("\(database): \(FailureText.describe(error))")
        }
    }

    /// The metadata without its times: what shards of one plan share.
    static func timeless(_ meta: RunMeta) -> RunMeta {
        var m = meta
        m.startedAt = ""; m.finishedAt = nil
        return m
    }

    /// The path with links resolved when it exists, else standardized.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
