public import NgaTuCore

/// A line and column in a file, both counted from 1; the column counts Unicode characters.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static let start = SourceLocation(line: 1, column: 1)
    public var description: String { "\(line):\(column)" }
}

/// An error in a map or scenario file, with the place the user should look at.
///
/// `description` reads like a compiler diagnostic:
/// `scenarios/x.yaml:12:5: strategies[2].params.gap: expected a duration such as "3 s", got "fast"`.
/// The readers stop at the first error they find and throw it (see the README's "Input errors").
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it (or as it was resolved from a scenario's `map:`).
    public var file: String
    public var line: Int
    public var column: Int
    /// The key path of the offending value, e.g. `strategies[2].params.gap`; nil for errors that
    /// have none (YAML syntax, bad bytes, a file that cannot be read).
    public var path: SpecPath?
    public var message: String

    public init(file: String, line: Int, column: Int, path: SpecPath?, message: String) {
        self.file = file; self.line = line; self.column = column; self.path = path; self.message = message
    }

    public init(file: String, at location: SourceLocation, path: SpecPath?, message: String) {
        self.init(file: file, line: location.line, column: location.column, path: path, message: message)
    }

    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    public var description: String {
        if let path, !path.components.isEmpty {
            return "\(file):\(line):\(column): \(path): \(message)"
        }
        return "\(file):\(line):\(column): \(message)"
    }
}
