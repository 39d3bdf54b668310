import NgaTuFormats
public import NgaTuResults

extension ScenarioPlan {
    /// The blocks of `sensitivity.csv` in the order they are run: per parameter in file order,
    /// the scenario's own value (the main runs, no variant) when it has one, then each other
    /// value once, with the variant (its index in `sensitivity`) whose plan reruns every job.
    public var sensitivityBlocks: [(block: SensitivityBlock, variant: Int?)] {
        var parameters: [String] = []
        for v in sensitivity where !parameters.contains(v.parameter) { parameters.append(v.parameter) }
        var out: [(block: SensitivityBlock, variant: Int?)] = []
        for parameter in parameters {
            var values: [Double] = []
            if let own = Sensitivity.value(of: parameter, in: spec) {
                values.append(own)
                out.append((SensitivityBlock(parameter: parameter, value: own, isBase: true), nil))
            }
            for (i, v) in sensitivity.enumerated() where v.parameter == parameter && !values.contains(v.value) {
                values.append(v.value)
                out.append((SensitivityBlock(parameter: parameter, value: v.value, isBase: false), i))
            }
        }
        return out
    }
}

extension ScenarioRunner {
    /// Reruns every job of the plan once per sensitivity value (same seeds, one estimated
    /// parameter changed) and returns `sensitivity.csv`'s rows (`SensitivityTable`).
    ///
    /// The reruns are kept in memory, not in the partial database: an interrupted check is
    /// rerun in full by `--resume` (the main runs are not). A shard stores its reruns instead
    /// (`runShardReruns`) and the merge makes the same rows from those of every shard.
    func sensitivityRows(baseRuns: [RunRow]) throws(RunnerError) -> [SensitivityRow] {
        let variants = plan.sensitivity
        guard !variants.isEmpty else { return [] }
        let blocks = plan.sensitivityBlocks
        let jobs = plan.jobs
        let progress = ProgressReporter(style: options.progress, total: jobs.count * blocks.filter { $0.variant != nil }.count,
                                        alreadyDone: 0, write: stderr)
        progress.note("sensitivity: \(variants.count) values of \(Set(variants.map(\.parameter)).count) estimated parameters, \(jobs.count) runs each")
        progress.start()
        var reruns: [SensitivityKey: [RunRow]] = [:]
        for case let (block, variant?) in blocks {
            var runs: [RunRow] = []
            // Only the run rows are kept: no playback queues.
            try JobPool.run(jobs, threads: min(options.jobs, max(1, jobs.count)), plan: variants[variant].plan,
                            playback: false, idle: progress.tick) { (job, record) throws(RunnerError) in
                runs.append(record.run)
                progress.runFinished("\(block.parameter) = \(NumberFormat.format(block.value)): \(record.key)")
            }
            reruns[SensitivityKey(block)] = runs
        }
        progress.finish()
        return SensitivityTable.rows(blocks: blocks.map(\.block), meta: meta, baseRuns: baseRuns,
                                     runs: { reruns[SensitivityKey($0)] ?? [] })
    }

    /// A shard's part of the sensitivity check: runs the reruns the split gives it that are not
    /// stored yet, each stored at once (one transaction) so that `--resume` keeps it.
    func runShardReruns(_ reruns: [(variant: Int, job: RunJob)], store: ResultStore) throws(RunnerError) {
        guard !reruns.isEmpty else { return }
        let variants = plan.sensitivity
        let done: Set<SensitivityRunKey>
        do { done = Set(try store.sensitivityReruns().map(\.key)) } catch {
            throw .output("\(output.partialDatabase.path): \(FailureText.describe(error))")
        }
        let pending = reruns.filter {
            !done.contains(SensitivityRunKey(parameter: variants[$0.variant].parameter, value: variants[$0.variant].value,
                                             run: variants[$0.variant].plan.key(of: $0.job)))
        }
        let progress = ProgressReporter(style: options.progress, total: reruns.count, alreadyDone: reruns.count - pending.count,
                                        lineInterval: options.progressInterval, write: stderr)
        progress.note("sensitivity: \(reruns.count) reruns in this shard")
        progress.start()
        var order: [Int] = []
        for r in pending where !order.contains(r.variant) { order.append(r.variant) }
        for variant in order {
            let v = variants[variant]
            let jobs = pending.filter { $0.variant == variant }.map(\.job)
            try JobPool.run(jobs, threads: min(options.jobs, max(1, jobs.count)), plan: v.plan,
                            poll: min(1, max(0.05, options.progressInterval)), playback: false, idle: progress.tick) { (job, record) throws(RunnerError) in
                let row = SensitivityRunRow(parameter: v.parameter, value: v.value, run: record.run)
                do { try store.insert(row) } catch {
                    throw .output("\(output.partialDatabase.path): cannot store \(row.key): \(FailureText.describe(error))")
                }
                progress.runFinished(row.key.description)
            }
        }
        progress.finish()
    }
}

/// A block's parameter and value, as a dictionary key.
struct SensitivityKey: Hashable {
    var parameter: String
    var value: Double
    init(_ block: SensitivityBlock) { parameter = block.parameter; value = block.value }
    init(_ rerun: SensitivityRunRow) { parameter = rerun.parameter; value = rerun.value }
}
