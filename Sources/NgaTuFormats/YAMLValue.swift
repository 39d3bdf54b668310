import Foundation
import NgaTuCore
import Yams

/// Collects the source map while a reader walks the tree.
final class WalkContext {
    let file: String
    var sourceMap: SourceMap
    /// Files read besides the main one (`include:` and `flows_file:`), in the order read, as
    /// their names appear in messages: a run's fingerprint covers them too.
    var otherFiles: [String] = []

    init(file: String) {
        self.file = file
        self.sourceMap = SourceMap(file: file)
    }

    /// Records a file read besides the main one (once).
    func read(_ other: String) { if !otherFiles.contains(other) { otherFiles.append(other) } }
}

/// A YAML value together with its key path and its place in the file. The typed accessors
/// throw an `InputError` that names both.
struct YValue {
    let node: Node
    let path: SpecPath
    /// Where errors about this value point: the value itself for scalars and flow collections,
    /// the key that introduces it for block collections.
    let location: SourceLocation
    let context: WalkContext
    /// The file the value is written in: the main file, or the file an `include:` names.
    let file: String
    /// The files included on the way to this value, outermost first (to refuse a cycle).
    var includeChain: [String] = []

    /// The most nested `include:`s followed from one file.
    static let maxIncludeDepth = 8

    static func root(_ node: Node, context: WalkContext) -> YValue {
        let loc = node.mark.map(YAMLLoader.loc) ?? .start
        context.sourceMap.record(.root, .start)
        return YValue(node: node, path: .root, location: loc, context: context, file: context.file)
    }

    /// The node's own position.
    var valueLocation: SourceLocation { node.mark.map(YAMLLoader.loc) ?? location }

    func error(_ message: String) -> InputError {
        InputError(file: file, at: location, path: path, message: message)
    }

    func error(_ message: String, path: SpecPath) -> InputError {
        context.sourceMap.inputError(at: path, message)
    }

    private func child(_ node: Node, path: SpecPath, keyLocation: SourceLocation?) -> YValue {
        var loc = node.mark.map(YAMLLoader.loc) ?? location
        if let keyLocation {
            switch node {
            case .mapping(let m) where m.style != .flow: loc = keyLocation
            case .sequence(let s) where s.style != .flow: loc = keyLocation
            default: break
            }
        }
        context.sourceMap.record(path, loc)
        return YValue(node: node, path: path, location: loc, context: context, file: file, includeChain: includeChain)
    }

    /// `{include: FILE.yaml}` (the only key of its mapping) replaced by the mapping that file
    /// holds, read relative to the file the key is in; values from it are placed in that file.
    /// Any other value is returned as it is.
    func resolvingInclude() throws(InputError) -> YValue {
        guard case .mapping(let m) = node, let first = m.first(where: { k, _ in
            if case .scalar(let ks) = k { return ks.string == "include" } else { return false } }) else { return self }
        let keyLoc = first.key.mark.map(YAMLLoader.loc) ?? location
        let includeValue = child(first.value, path: path.key("include"), keyLocation: keyLoc)
        guard m.count == 1 else {
            throw InputError(file: file, at: keyLoc, path: path.key("include"),
                             message: "`include:` must be the only key of its mapping (the included file gives every key of it)")
        }
        let name = try includeValue.text("a YAML file name, relative to this file")
        let target = Paths.join(Paths.directory(of: file), name)
        if target == file || includeChain.contains(target) {
            throw includeValue.error("\"\(Echo.excerpt(name))\" includes itself (through \((includeChain + [file]).joined(separator: " → ")))")
        }
        guard includeChain.count < Self.maxIncludeDepth else {
            throw includeValue.error("includes are nested more than \(Self.maxIncludeDepth) deep")
        }
        let data: Data
        do { data = try YAMLLoader.readFile(target, displayName: target) } catch {
            throw includeValue.error("cannot read included file \"\(Echo.excerpt(target, limit: 200))\": \(error.message)")
        }
        let (_, root) = try YAMLLoader.load(data, file: target)
        context.read(target)
        let rootLoc = root.mark.map(YAMLLoader.loc) ?? .start
        context.sourceMap.place(path, in: target, at: rootLoc)
        let included = YValue(node: root, path: path, location: rootLoc, context: context, file: target,
                              includeChain: includeChain + [file])
        guard case .mapping = root else {
            throw included.error("an included file must hold a mapping (the keys of `\(path)`), got \(included.described)")
        }
        return try included.resolvingInclude()
    }

    // MARK: - What the value is

    var isNull: Bool {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
        switch s.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The value as an error message quotes it: `"fast"`, `a list`, `a mapping`, `nothing`.
    var described: String {
        switch node {
        case .scalar(let s):
            if isNull { return "nothing" }
            // The whole file as one text (e.g. `map: /etc/passwd`): not quoted, it is not ours to show.
            if path.components.isEmpty { return "plain text" }
            return "\"\(Echo.excerpt(s.string))\""
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    // MARK: - Collections

    /// A mapping whose keys must be among `allowed` (others are errors, with a suggestion).
    func mapping(_ what: String = "a mapping", allowed: [String]) throws(InputError) -> YMapping {
        let m = try anyMapping(what)
        for entry in m.entries where !allowed.contains(entry.key) {
            let file = entry.value.file
            var message = "unknown key `\(Echo.excerpt(entry.key))`"
            if entry.key == "<<" {
                message = "merge keys (`<<`) are not supported; write the keys out"
            } else if let guess = Suggest.closest(to: entry.key, among: allowed) {
                message += "; did you mean `\(guess)`?"
            } else {
                message += "; expected one of: " + allowed.map { "`\($0)`" }.joined(separator: ", ")
            }
            throw InputError(file: file, at: entry.keyLocation, path: entry.value.path, message: message)
        }
        return m
    }

    /// A mapping with free keys (ids, class names, parameter names), in file order.
    func anyMapping(_ what: String = "a mapping") throws(InputError) -> YMapping {
        let resolved = try resolvingInclude()
        guard resolved.file == file else { return try resolved.anyMapping(what) }
        guard case .mapping(let m) = node else { throw error("expected \(what), got \(described)") }
        var entries: [YMapping.Entry] = []
        for (k, v) in m {
            let keyLoc = k.mark.map(YAMLLoader.loc) ?? location
            guard case .scalar(let ks) = k else {
                throw InputError(file: file, at: keyLoc, path: path,
                                 message: "a key must be plain text, not a list or mapping")
            }
            let key = ks.string
            let value = child(v, path: path.key(key), keyLocation: keyLoc)
            entries.append(YMapping.Entry(key: key, keyLocation: keyLoc, value: value))
        }
        return YMapping(owner: self, entries: entries)
    }

    func list(_ what: String = "a list") throws(InputError) -> [YValue] {
        guard case .sequence(let s) = node else { throw error("expected \(what), got \(described)") }
        var items: [YValue] = []
        items.reserveCapacity(s.count)
        for (i, n) in s.enumerated() { items.append(child(n, path: path.index(i), keyLocation: nil)) }
        return items
    }

    // MARK: - Scalars

    private func scalarText(_ what: String) throws(InputError) -> String {
        guard case .scalar(let s) = node, !isNull else { throw error("expected \(what), got \(described)") }
        return s.string
    }

    /// Any scalar as text (`name: 30` is the text "30").
    func text(_ what: String = "text") throws(InputError) -> String {
        try scalarText(what)
    }

    /// An id: lower-case letters, digits and `-`, as the core requires, at most
    /// `maxIdentifierLength` characters (ids become file names: `results/<scenario id>/`).
    func identifier(_ what: String = "an id") throws(InputError) -> String {
        let s = try scalarText("\(what) such as \"nvc-304\"")
        guard YValue.isIdentifier(s) else {
            throw error("\(what) may use only lower-case letters a–z, digits and '-', got \"\(Echo.excerpt(s))\"")
        }
        guard s.utf8.count <= YValue.maxIdentifierLength else {
            throw error("\(what) may be at most \(YValue.maxIdentifierLength) characters long, got \(s.utf8.count) (\"\(Echo.excerpt(s))\")")
        }
        return s
    }

    /// The longest id accepted: ids name files and folders, whose names are limited to 255 bytes.
    static let maxIdentifierLength = 64

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// One of a fixed set of words.
    func choice(_ options: [String]) throws(InputError) -> String {
        let list = options.map { "\($0)" }.joined(separator: " | ")
        let s = try scalarText("one of \(list)")
        guard options.contains(s) else {
            var message = "expected one of \(list), got \"\(Echo.excerpt(s))\""
            if let guess = Suggest.closest(to: s, among: options) { message += "; did you mean `\(guess)`?" }
            throw error(message)
        }
        return s
    }

    func textList(_ what: String = "a list of text") throws(InputError) -> [String] {
        var out: [String] = []
        for item in try list(what) { out.append(try item.text()) }
        return out
    }

    func bool() throws(InputError) -> Bool {
        let s = try scalarText("true or false")
        switch s {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: throw error("expected true or false, got \"\(Echo.excerpt(s))\"")
        }
    }

    enum Sign { case any, nonNegative, positive }

    private func check(_ x: Double, _ sign: Sign, _ noun: String) throws(InputError) -> Double {
        guard x.isFinite else { throw error("\(noun) must be a finite number, got \(described)") }
        switch sign {
        case .any: break
        case .nonNegative: if x < 0 { throw error("\(noun) must not be negative, got \(described)") }
        case .positive: if x <= 0 { throw error("\(noun) must be greater than 0, got \(described)") }
        }
        return x
    }

    /// `x` (in the dimension's default unit) within the dimension's plausible range.
    private func bounded(_ x: Double, _ dimension: QuantityDimension, _ noun: String) throws(InputError) -> Double {
        let unit = dimension.defaultUnit
        if abs(x) > dimension.largest {
            throw error("\(noun) must be at most \(formatNumber(dimension.largest)) \(unit), got \(described)")
        }
        if x != 0 && abs(x) < dimension.smallestPositive {
            throw error("\(noun) must be at least \(formatNumber(dimension.smallestPositive)) \(unit), got \(described)")
        }
        return x
    }

    /// A plain number (no unit).
    /// `range`, when given, is where a sensible value lies (a PCU of 1e308 is a typo).
    func number(_ sign: Sign = .nonNegative, _ noun: String = "the value",
                within range: ClosedRange<Double>? = nil) throws(InputError) -> Double {
        let s = try scalarText("a number")
        switch QuantityText(s) {
        case .number(let x):
            let v = try check(x, sign, noun)
            if let range, !range.contains(v) {
                throw error("\(noun) must be between \(formatNumber(range.lowerBound)) and \(formatNumber(range.upperBound)), got \(described)")
            }
            return v
        case .quantity, .unknownUnit: throw error("expected a plain number without a unit, got \(described)")
        case .notANumber: throw error("expected a number, got \(described)")
        }
    }

    func integer(min: Int, max: Int = Int.max, _ noun: String = "the value") throws(InputError) -> Int {
        let s = try scalarText("a whole number")
        guard let n = Int(s.trimmingSpaces()) else {
            if case .number = QuantityText(s) {
                throw error("\(noun) must be a whole number, got \(described)")
            }
            throw error("expected a whole number, got \(described)")
        }
        guard n >= min else { throw error("\(noun) must be at least \(min), got \(n)") }
        guard n <= max else { throw error("\(noun) must be at most \(max), got \(n)") }
        return n
    }

    /// A quantity of `dimension` in its default unit: a bare number, or a number with a unit.
    func quantity(_ dimension: QuantityDimension, _ sign: Sign = .nonNegative,
                  _ noun: String? = nil) throws(InputError) -> Double {
        let s = try scalarText(dimension.wanted)
        let noun = noun ?? dimension.noun
        switch QuantityText(s) {
        case .number(let x):
            return try bounded(try check(x, sign, noun), dimension, noun)
        case .quantity(let x, let dim):
            guard dim == dimension else {
                throw error("\(described) is \(dim.noun), expected \(dimension.wanted)")
            }
            return try bounded(try check(x, sign, noun), dimension, noun)
        case .unknownUnit(_, let unit):
            throw error("unknown unit \"\(unit)\" in \(described); \(dimension.noun) takes \(dimension.unitList)")
        case .notANumber:
            throw error("expected \(dimension.wanted), got \(described)")
        }
    }
}

/// The entries of a YAML mapping, in file order.
struct YMapping {
    struct Entry {
        let key: String
        let keyLocation: SourceLocation
        let value: YValue
    }
    let owner: YValue
    let entries: [Entry]

    /// The value of `key`; nil when the key is absent or has no value (`signals:` with all its
    /// lines commented out reads as no signals).
    subscript(_ key: String) -> YValue? {
        guard let v = entries.first(where: { $0.key == key })?.value, !v.isNull else { return nil }
        return v
    }

    func required(_ key: String, _ what: String? = nil) throws(InputError) -> YValue {
        let hint = what.map { " (\($0))" } ?? ""
        guard let entry = entries.first(where: { $0.key == key }) else {
            throw InputError(file: owner.file, at: owner.location, path: owner.path.key(key),
                             message: "missing key `\(key)`" + hint)
        }
        guard !entry.value.isNull else { throw entry.value.error("`\(key)` has no value" + hint) }
        return entry.value
    }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }
}
