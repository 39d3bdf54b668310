public import NgaTuCore

/// Where each value of a parsed file sits: a table from key path to line and column, filled
/// while the reader walks the YAML. It turns a `SpecError` that the core throws later (it knows
/// only a `SpecPath`) back into a place in the file.
public struct SourceMap: Sendable, Equatable {
    /// The file as the user named it.
    public let file: String
    private var marks: [SpecPath: SourceLocation]
    /// Values read from another file (`include:`): the path of the included mapping → that file.
    private var files: [SpecPath: String] = [:]

    public init(file: String, marks: [SpecPath: SourceLocation] = [:]) {
        self.file = file
        self.marks = marks
    }

    /// The file that holds the value at `path`: the file an enclosing `include:` names, else `file`.
    public func file(of path: SpecPath) -> String {
        var p: SpecPath? = path
        while let q = p {
            if let f = files[q] { return f }
            p = q.parent
        }
        return file
    }

    /// Marks `path` and everything under it as read from `other`, the mapping starting at `location`.
    mutating func place(_ path: SpecPath, in other: String, at location: SourceLocation) {
        files[path] = other
        marks[path] = location
    }

    /// The recorded location of `path`, or of its nearest recorded ancestor (a value the file left
    /// out, such as a defaulted `cycle`, points at the mapping that would hold it); the start of
    /// the file when nothing on the path was recorded.
    public func location(of path: SpecPath) -> SourceLocation {
        var p: SpecPath? = path
        while let q = p {
            if let mark = marks[q] { return mark }
            p = q.parent
        }
        return .start
    }

    /// Whether `path` itself (not an ancestor) was seen in the file.
    public func contains(_ path: SpecPath) -> Bool { marks[path] != nil }

    /// The core's error placed in this file.
    public func inputError(for error: SpecError) -> InputError {
        inputError(at: error.path, error.message)
    }

    /// An error about the value at `path`, placed in this file.
    public func inputError(at path: SpecPath, _ message: String) -> InputError {
        InputError(file: file(of: path), at: location(of: path), path: path, message: message)
    }

    /// Places `path` at `location` unless the file already gave it a place.
    mutating func recordIfAbsent(_ path: SpecPath, _ location: SourceLocation) { record(path, location) }

    mutating func record(_ path: SpecPath, _ location: SourceLocation) {
        // One hash of the path: the `default:` subscript stores `location` only when absent.
        func keep(_ mark: inout SourceLocation) {}
        keep(&marks[path, default: location])
    }
}
