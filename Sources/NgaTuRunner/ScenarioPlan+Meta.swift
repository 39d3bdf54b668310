import NgaTuControllers
import NgaTuCore
import NgaTuFormats
public import NgaTuResults

extension ScenarioPlan {
    /// The metadata of the results (`run_meta`): scenario, map, seeds, strategies with their
    /// resolved parameters, the sweep, and properties a report needs.
    ///
    /// Properties, in order: `scenario_file`, `map_file`, `duration_s`, `warmup_s`,
    /// `sample_interval_s`, `arrivals`, `controlled_junctions` and `signalised_junctions`
    /// (ids separated by `;`), `seed_rule`, `map_title`, `demand_veh_h`, `max_wait_warning_s`,
    /// `fixed_plans` (`estimated` when any signalised junction runs a plan marked
    /// `estimate: true` or the default plan of a junction without one, else `given`), and when the scenario
    /// gives them `priority_junctions` and `critical_gap_s` (under `yield`), `reroute_share`
    /// (when above 0: the share of vehicles routing around capacity cuts), `title_vi` and
    /// `question_vi` (the Vietnamese title and question), `start_s` (seconds after midnight) and
    /// `period` (`06:00–07:00`) when the scenario gives `start:`; `variants` (names joined by `;`),
    /// `baseline_variant` and per variant `variant_vi.NAME` and `variant_en.NAME` (its changes in
    /// words) when it gives `variants:`; then, for each controller kind run
    /// (fixed-time always: the junctions a strategy does not control keep it), `words_vi.KIND`
    /// and `words_en.KIND`: the registry's plain words the report shows.
    public func meta(scenarioHash: String, startedAt: String) -> RunMeta {
        let spec = document.spec
        let seeds = (1...replications).map { Int(truncatingIfNeeded: seed(ofReplication: $0)) }
        func ids(_ js: [Int]) -> String { js.map { network.junctionIDs[$0] }.joined(separator: ";") }
        var properties = [
            MetaEntry("scenario_file", document.sourceMap.file),
            MetaEntry("map_file", document.map.sourceMap.file),
            MetaEntry("duration_s", NumberFormat.format(spec.duration)),
            MetaEntry("warmup_s", NumberFormat.format(spec.warmup)),
            MetaEntry("sample_interval_s", NumberFormat.format(spec.sampleInterval)),
            MetaEntry("arrivals", spec.demand.arrivals.rawValue),
            MetaEntry("controlled_junctions", ids(controlled)),
            MetaEntry("signalised_junctions", ids(network.signalisedJunctions)),
            MetaEntry("seed_rule", "replication r uses seed + r - 1 for every strategy"),
            MetaEntry("map_title", document.map.spec.title.isEmpty ? document.map.spec.id : document.map.spec.title),
            MetaEntry("demand_veh_h", NumberFormat.format(totalDemandVehH)),
            MetaEntry("max_wait_warning_s", NumberFormat.format(spec.maxWaitWarning)),
            MetaEntry("fixed_plans", fixedPlansAreEstimates ? "estimated" : "given"),
        ]
        if spec.model.priorityJunctions == .yield {
            properties.append(MetaEntry("priority_junctions", spec.model.priorityJunctions.rawValue))
            properties.append(MetaEntry("critical_gap_s", NumberFormat.format(spec.model.criticalGap)))
        }
        if spec.model.rerouteShare > 0 {
            properties.append(MetaEntry("reroute_share", NumberFormat.format(spec.model.rerouteShare)))
        }
        if let start = spec.start {
            properties.append(MetaEntry("start_s", NumberFormat.format(start)))
            properties.append(MetaEntry("period", ClockText.format(0, start: start) + "–" + ClockText.format(spec.duration, start: start)))
        }
        if !spec.variants.isEmpty {
            properties.append(MetaEntry("variants", spec.variants.map(\.name).joined(separator: ";")))
            properties.append(MetaEntry("baseline_variant", spec.variants[spec.baselineVariant].name))
            for v in spec.variants {
                let words = VariantWords.describe(v, spec: spec, map: document.map.spec)
                properties.append(MetaEntry("variant_vi.\(v.name)", words.vi))
                properties.append(MetaEntry("variant_en.\(v.name)", words.en))
                if !v.events.isEmpty {
                    properties.append(MetaEntry("variant_events.\(v.name)", String(v.events.count)))
                }
                if !v.signals.isEmpty {
                    properties.append(MetaEntry("variant_signals.\(v.name)", v.signals.map(\.junction).joined(separator: ";")))
                }
            }
        }
        if let t = spec.titleVi { properties.append(MetaEntry("title_vi", t)) }
        if let q = spec.questionVi { properties.append(MetaEntry("question_vi", q)) }
        var kinds: [String] = []
        for kind in [FixedTimeStrategy.name] + strategies.map(\.controller) where !kinds.contains(kind) { kinds.append(kind) }
        for kind in kinds {
            guard let words = ControllerRegistry.strategy(named: kind)?.plainWords else { continue }
            properties.append(MetaEntry("words_vi.\(kind)", words.vi))
            properties.append(MetaEntry("words_en.\(kind)", words.en))
        }
        return RunMeta(
            scenarioID: spec.id, scenarioHash: scenarioHash, title: spec.title,
            question: spec.question.isEmpty ? nil : spec.question, language: spec.language,
            mapID: document.map.spec.id, mapAttribution: document.map.spec.attribution,
            seed: Int(truncatingIfNeeded: seed), seeds: seeds, replications: replications,
            softwareVersion: NgaTuVersion.current, startedAt: startedAt,
            strategies: strategies.map { StrategyMeta(name: $0.name, controller: $0.controller, parameters: $0.resolved) },
            baseline: baseline, sweep: sweep, properties: properties)
    }

    /// True when a signalised junction's fixed plan is not a real one: marked as an estimate
    /// in the map, or made by default because the map gives none.
    var fixedPlansAreEstimates: Bool {
        let estimated = Set(document.map.spec.signals.filter(\.estimate).map(\.junction))
        return network.programs.contains { $0.isDefault || estimated.contains(network.junctionIDs[Int($0.junction)]) }
    }
}
