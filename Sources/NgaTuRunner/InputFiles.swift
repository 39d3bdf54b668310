import Foundation
import NgaTuCore
public import NgaTuFormats

/// Reading and checking input files for the command line.
public enum InputFiles {
    /// Reads the scenario at `path` and the map it names, and fingerprints both files.
    public static func loadScenario(_ path: String) throws(RunnerError) -> (document: ScenarioDocument, hash: String) {
        let document: ScenarioDocument
        do { document = try ScenarioReader.read(file: path) } catch { throw .input(error) }
        guard let scenario = FileManager.default.contents(atPath: path),
              let map = FileManager.default.contents(atPath: document.spec.mapPath) else {
            throw .output("cannot read \(path) or its map \(document.spec.mapPath) again")
        }
        var others: [[UInt8]] = []
        for file in document.otherFiles {
            guard let bytes = FileManager.default.contents(atPath: file) else { throw .output("cannot read \(file) again") }
            others.append(Array(bytes))
        }
        return (document, ScenarioHash.of(scenario: Array(scenario), map: Array(map), others: others))
    }

    /// What a file turned out to be.
    public enum Kind: Sendable, Equatable {
        case map, scenario
    }

    /// Checks a map or scenario file as a run would: a map is read and its network built; a
    /// scenario is read with its map and planned in full (network, routes, incidents, every
    /// strategy's controllers at every sweep point). Throws the first error found.
    @discardableResult
    public static func validate(_ path: String) throws(RunnerError) -> Kind {
        let file: InputFile
        do { file = try InputFile.read(file: path) } catch { throw .input(error) }
        switch file {
        case .map(let map):
            do { _ = try NetworkBuilder.build(map.spec) } catch { throw .input(map.sourceMap.inputError(for: error)) }
            return .map
        case .scenario(let scenario):
            let plan = try ScenarioPlan(document: scenario)
            // The counts a calibrated scenario names are read as `run` will read them.
            do { _ = try CountsReader.read(calibrationOf: scenario, network: plan.network) } catch { throw .input(error) }
            return .scenario
        }
    }
}
