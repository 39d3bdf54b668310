import NgaTuFormats
import NgaTuResults

extension ScenarioRunner {
    /// Reruns every job of the plan once per sensitivity variant (same seeds, one estimated
    /// parameter changed) and returns `sensitivity.csv`'s rows: per parameter in file order,
    /// its values ascending with the scenario's own value among them (the rows of the main
    /// comparison, `isBase`), then strategy, sweep point and measure in the comparison's order.
    ///
    /// The variants' runs are kept in memory, not in the partial database: an interrupted
    /// check is rerun in full by `--resume` (the main runs are not).
    func sensitivityRows(baseRuns: [RunRow]) throws(RunnerError) -> [SensitivityRow] {
        let variants = plan.sensitivity
        guard !variants.isEmpty else { return [] }
        let jobs = plan.jobs
        let progress = ProgressReporter(style: options.progress, total: jobs.count * variants.count, alreadyDone: 0, write: stderr)
        progress.note("sensitivity: \(variants.count) values of \(Set(variants.map(\.parameter)).count) estimated parameters, \(jobs.count) runs each")
        progress.start()
        let builder = ComparisonBuilder(meta: meta)
        func comparison(_ runs: [RunRow]) -> [ComparisonRow] {
            var t = ResultTables(meta: meta, runs: runs)
            t = t.canonicallyOrdered()
            t.comparison = builder.build(from: t.runs)
            return t.canonicallyOrdered().comparison
        }
        let base = comparison(baseRuns)
        var parameters: [String] = []
        for v in variants where !parameters.contains(v.parameter) { parameters.append(v.parameter) }
        var out: [SensitivityRow] = []
        for parameter in parameters {
            var blocks: [(value: Double, rows: [SensitivityRow])] = []
            if let own = Sensitivity.value(of: parameter, in: plan.spec) {
                blocks.append((own, base.map { SensitivityRow(parameter: parameter, value: own, isBase: true, comparison: $0) }))
            }
            for variant in variants where variant.parameter == parameter {
                if blocks.contains(where: { $0.value == variant.value }) { continue }
                var runs: [RunRow] = []
                try JobPool.run(jobs, threads: min(options.jobs, max(1, jobs.count)), plan: variant.plan,
                                idle: progress.tick) { (job, record) throws(RunnerError) in
                    runs.append(record.run)
                    progress.runFinished("\(parameter) = \(NumberFormat.format(variant.value)): \(record.key)")
                }
                blocks.append((variant.value, comparison(runs).map {
                    SensitivityRow(parameter: parameter, value: variant.value, isBase: false, comparison: $0)
                }))
            }
            for block in blocks.sorted(by: { $0.value < $1.value }) { out += block.rows }
        }
        progress.finish()
        return out
    }
}
