public import Foundation
import NgaTuCore
import Yams

/// A map or a scenario, told apart by the top-level key `scenario:` (for `ngatu validate`,
/// which takes either).
public enum InputFile: Sendable, Equatable {
    case map(MapDocument)
    case scenario(ScenarioDocument)

    /// Reads the file at `path` as a scenario when it has a top-level `scenario:` key, else as a map.
    public static func read(file path: String) throws(InputError) -> InputFile {
        try parse(YAMLLoader.readFile(path, displayName: path), file: path)
    }

    public static func parse(_ data: Data, file: String) throws(InputError) -> InputFile {
        let (_, root) = try YAMLLoader.load(data, file: file)
        if case .mapping(let m) = root, m.contains(where: { $0.key.string == "scenario" }) {
            return .scenario(try ScenarioReader.parse(data, file: file))
        }
        return .map(try MapReader.parse(data, file: file))
    }
}
