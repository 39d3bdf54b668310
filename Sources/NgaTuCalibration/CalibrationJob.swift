public import Foundation
import NgaTuCore
public import NgaTuFormats
import NgaTuResults
public import NgaTuRunner

/// `ngatu calibrate SCENARIO --counts COUNTS --out NEW.yaml` from start to end: read, fit,
/// simulate, write `NEW.yaml`, `NEW.flows.csv` and `NEW.calibration.csv`.
///
/// Nothing is written until the calibration is done; each file goes through a temporary file
/// renamed over the target (`OutputFile`), the scenario last, after it has been read back and
/// planned like `ngatu validate` would. A target that exists and was not written by
/// `ngatu calibrate` (its first line says so) is refused, and so is the input scenario itself.
public struct CalibrationJob {
    public var scenarioPath: String
    public var countsPath: String
    public var outPath: String
    public var replications: Int?
    public var jobs: Int
    public var rounds: Int
    public var progress: (@Sendable (String) -> Void)?

    public init(scenario: String, counts: String, out: String, replications: Int? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, rounds: Int = 4,
                progress: (@Sendable (String) -> Void)? = nil) {
        scenarioPath = scenario; countsPath = counts; outPath = out; self.replications = replications
        self.jobs = jobs; self.rounds = rounds; self.progress = progress
    }

    /// The files written beside `out`.
    public var flowsPath: String { stem + ".flows.csv" }
    public var tablePath: String { stem + ".calibration.csv" }
    var stem: String { outPath.hasSuffix(".yaml") ? String(outPath.dropLast(5)) : outPath }

    public func run() throws(RunnerError) -> Calibration {
        guard outPath.hasSuffix(".yaml"), !CalibratedScenario.name(of: outPath).hasPrefix(".") || CalibratedScenario.name(of: outPath).count > 5 else {
            throw .usage("--out must name a .yaml file, got \(Echo.excerpt(outPath))")
        }
        let (document, _) = try InputFiles.loadScenario(scenarioPath)
        let network: Network
        do { network = try NetworkBuilder.build(document.map.spec) } catch { throw .input(document.map.sourceMap.inputError(for: error)) }
        // Every target checked before the work: a file not ours, or the input, is refused.
        let inputs = [scenarioPath, countsPath, document.spec.mapPath] + document.otherFiles
        for target in [outPath, flowsPath, tablePath] {
            let t = CalibratedScenario.absolute(target)
            if inputs.contains(where: { CalibratedScenario.absolute($0) == t }) {
                throw .usage("--out \(outPath): \(target) is an input of this calibration; write the calibrated scenario to a new file")
            }
            if let refusal = OutputFile.refusal(target, unlessMarked: CalibratedScenario.marker, by: "ngatu calibrate") {
                throw .output(refusal)
            }
        }
        let counts: CountsFile
        do { counts = try CountsReader.read(file: countsPath, scenario: document.spec, network: network) } catch { throw .input(error) }
        var calibrator = Calibrator(document: document, network: network, counts: counts, replications: replications,
                                    jobs: jobs, rounds: rounds)
        calibrator.progress = progress
        let result = try calibrator.run()

        let spec = document.spec
        guard let text = FileManager.default.contents(atPath: scenarioPath).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw .output("cannot read \(scenarioPath) again")
        }
        let yaml = CalibratedScenario.yaml(original: text, originalPath: scenarioPath, newPath: outPath,
                                           flowsFile: CalibratedScenario.name(of: flowsPath), countsPath: countsPath,
                                           calibration: result, spec: spec)
        do {
            try OutputFile.write(CalibratedScenario.flowsCSV(result.demand, classes: spec.vehicles.map(\.name),
                                                             counts: CalibratedScenario.name(of: countsPath)), to: flowsPath)
            try OutputFile.write("# Counts against the calibrated demand, \(CalibratedScenario.marker): \(result.summary.text)\n"
                                 + CalibratedScenario.csv(result, spec: spec), to: tablePath)
        } catch { throw .output(FailureText.describe(error)) }
        // The new scenario must read and plan as a run would before it is published.
        do {
            let check = try ScenarioReader.parse(Data(yaml.utf8), file: outPath)
            _ = try ScenarioPlan(document: check, options: PlanOptions(replications: 1, strategies: [spec.baseline]))
        } catch let e as InputError {
            throw .output("the calibrated scenario would not be valid (\(e)); nothing written to \(outPath)")
        } catch {
            throw .output("the calibrated scenario would not be valid (\(error)); nothing written to \(outPath)")
        }
        do { try OutputFile.write(yaml, to: outPath) } catch { throw .output(FailureText.describe(error)) }
        return result
    }
}
