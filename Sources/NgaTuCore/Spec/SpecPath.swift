/// Where in a map or scenario a value sits, as the user would name it:
/// `signals.nvc-304.phases[1].allow[2]`. File readers turn a path back into line and column.
public struct SpecPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }
    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = SpecPath()

    public func key(_ k: String) -> SpecPath { SpecPath(components + [.key(k)]) }
    public func index(_ i: Int) -> SpecPath { SpecPath(components + [.index(i)]) }

    /// The parent path, or nil at the root.
    public var parent: SpecPath? {
        components.isEmpty ? nil : SpecPath(Array(components.dropLast()))
    }

    public var description: String {
        var s = ""
        for c in components {
            switch c {
            case .key(let k): s += s.isEmpty ? k : ".\(k)"
            case .index(let i): s += "[\(i)]"
            }
        }
        return s.isEmpty ? "(top level)" : s
    }
}

/// An error in the user's input, found by the core's validation: the path says where.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: SpecPath
    public var message: String
    public init(_ path: SpecPath, _ message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}
