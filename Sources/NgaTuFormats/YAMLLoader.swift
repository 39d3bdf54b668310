import Foundation
import NgaTuCore
import Yams

/// Turns the bytes of a file into a Yams node tree, refusing hostile input with a message:
/// too large, not UTF-8, YAML syntax errors, nesting too deep, aliases that expand too far.
enum YAMLLoader {
    /// Files larger than this are refused before parsing.
    static let maxBytes = 8 << 20
    /// Deepest nesting of lists and mappings accepted (the formats need about 6).
    static let maxDepth = 64
    /// Values visited in the whole tree, counting every use of an alias, are limited to this
    /// plus the file's size in bytes: an alias "bomb" stops here instead of running for ever.
    static let baseVisitBudget = 1_000_000

    /// Reads at most `maxBytes + 1` bytes of a file, so that a huge or endless file is refused
    /// without reading it all. Only a regular file is read: the file is opened without
    /// blocking and checked before any read, so a FIFO, a device or a folder is refused at once
    /// (a FIFO would otherwise wait for a writer for ever).
    static func readFile(_ path: String, displayName: String) throws(InputError) -> Data {
        func fail(_ message: String) -> InputError {
            InputError(file: displayName, line: 1, column: 1, path: nil, message: message)
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw fail("no such file")
            case EACCES, EPERM: throw fail("cannot be read (permission denied)")
            case EISDIR: throw fail("is a directory, not a YAML file")
            default: throw fail("cannot be read (\(String(cString: strerror(errno))))")
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { close(fd); throw fail("cannot be read (\(String(cString: strerror(errno))))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: close(fd); throw fail("is a directory, not a YAML file")
        case S_IFIFO: close(fd); throw fail("is a pipe (FIFO), not a YAML file; give a regular file")
        case S_IFCHR, S_IFBLK: close(fd); throw fail("is a device, not a YAML file; give a regular file")
        default: close(fd); throw fail("is not a regular file; give a YAML file")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            return try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            let ns = error as NSError
            let code = (ns.userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? (ns.domain == NSPOSIXErrorDomain ? ns.code : Int(EIO))
            throw fail("cannot be read (\(String(cString: strerror(Int32(code)))))")
        }
    }

    /// The text of `data` and its root node, or the first problem found.
    static func load(_ data: Data, file: String) throws(InputError) -> (text: String, root: Node) {
        func fail(_ loc: SourceLocation, _ message: String) -> InputError {
            InputError(file: file, at: loc, path: nil, message: message)
        }
        guard data.count <= maxBytes else {
            throw fail(.start, "the file is larger than \(maxBytes >> 20) MiB; map and scenario files are far smaller")
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw fail(.start, "the file is UTF-16 text; save it as UTF-8")
        }
        if let bad = firstInvalidUTF8(bytes) {
            throw fail(location(ofByte: bad, in: bytes), "the file is not UTF-8 text (invalid byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); save it as UTF-8")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let (loc, what) = LexicalGuard.complexKeyWithAliases(in: text) {
            throw fail(loc, "\(what) cannot be a mapping key in a file that uses aliases (`*name`); keys must be plain text")
        }
        let root: Node?
        do {
            // The basic resolver: readers take every scalar as its text (`YValue`), so tags
            // need no resolving, and Yams' duplicate-key check hashes keys as text instead of
            // matching each against the default resolver's regular expressions.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw translate(error, text: text, file: file)
        } catch {
            throw fail(.start, "cannot parse YAML")
        }
        guard let root else { throw fail(.start, "the file is empty") }
        var budget = baseVisitBudget + bytes.count
        try checkShape(root, depth: 1, budget: &budget, file: file)
        return (text, root)
    }

    /// Walks the whole tree once, counting visits (aliases are shared nodes, so a bomb is a
    /// small tree visited very many times) and depth.
    private static func checkShape(_ node: Node, depth: Int, budget: inout Int, file: String) throws(InputError) {
        budget -= 1
        if budget < 0 {
            throw InputError(file: file, at: node.mark.map(loc) ?? .start, path: nil,
                             message: "the file expands to too many values through its aliases (`*name`); refusing it")
        }
        if depth > maxDepth {
            throw InputError(file: file, at: node.mark.map(loc) ?? .start, path: nil,
                             message: "lists and mappings are nested more than \(maxDepth) deep")
        }
        switch node {
        case .scalar, .alias:
            return
        case .sequence(let seq):
            for child in seq { try checkShape(child, depth: depth + 1, budget: &budget, file: file) }
        case .mapping(let map):
            for (k, v) in map {
                try checkShape(k, depth: depth + 1, budget: &budget, file: file)
                try checkShape(v, depth: depth + 1, budget: &budget, file: file)
            }
        }
    }

    static func loc(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line, column: mark.column) }

    /// Yams' errors as one-line messages at the problem's line and column.
    static func translate(_ error: YamlError, text: String, file: String) -> InputError {
        func clean(_ s: String) -> String {
            s.replacingOccurrences(of: "\n", with: " ").trimmingSpaces()
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(clean(problem))"
            if problem == "but found another document" {
                message = "a file holds one YAML document, but a second one starts here"
            } else if let context {
                message += " (\(clean(context.text)) at line \(context.mark.line), column \(context.mark.column))"
            }
            if problem.contains("found character that cannot start any token"),
               lineText(text, mark.line).dropFirst(max(0, mark.column - 1)).hasPrefix("\t") {
                message += "; YAML does not allow tabs for indentation"
            }
            return InputError(file: file, at: loc(mark), path: nil, message: message)
        case let .reader(problem, offset, value, _):
            let at = offset.map { location(ofCharacter: $0, in: text) } ?? .start
            var message = "the file cannot be read as YAML: \(clean(problem))"
            if value >= 0 { message += " (U+\(String(UInt32(bitPattern: value), radix: 16, uppercase: true)))" }
            return InputError(file: file, at: at, path: nil, message: message)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return InputError(file: file, at: loc(context.mark), path: nil,
                              message: duplicates.count == 1 ? "key \(keys) appears more than once in the same mapping"
                                                             : "keys \(keys) appear more than once in the same mapping")
        default:
            return InputError(file: file, line: 1, column: 1, path: nil, message: "cannot parse YAML: \(Echo.excerpt(String(describing: error), limit: 200))")
        }
    }

    static func lineText(_ text: String, _ line: Int) -> Substring {
        var n = 1
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if n == line { return l }
            n += 1
        }
        return ""
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var it = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        return SourceLocation(line: line, column: prefix.unicodeScalars.count + 1)
    }

    static func location(ofCharacter offset: Int, in text: String) -> SourceLocation {
        var line = 1, column = 1, n = 0
        for ch in text {
            if n == offset { break }
            if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += 1 }
            n += 1
        }
        return SourceLocation(line: line, column: column)
    }
}

/// A cheap scan of the text, before Yams sees it, for mapping keys that are not plain text.
///
/// Yams hashes every mapping key to find duplicates; a key that is a list or an alias to one
/// is hashed in full, so an alias "bomb" used as a key would run for ever inside the parser,
/// before any of our checks. Map and scenario keys are always plain text, so when a file uses
/// aliases at all, keys written as `? …`, `[…]:`, `{…}:` or `*alias:` are refused up front.
enum LexicalGuard {
    static func complexKeyWithAliases(in text: String) -> (SourceLocation, String)? {
        // An alias starts with a `*` at the start of a line or after a space, tab, `[`, `{` or
        // `,` (the scan below sees the same character before it): without one the file uses
        // no alias and there is nothing to find (most files; the scan was a fifth of reading
        // the full Ninh Kiều map).
        var before = UInt8(ascii: "\n"), aliasLike = false
        for b in text.utf8 {
            if b == UInt8(ascii: "*"), before == UInt8(ascii: "\n") || before == UInt8(ascii: " ") || before == UInt8(ascii: "\t")
                || before == UInt8(ascii: "[") || before == UInt8(ascii: "{") || before == UInt8(ascii: ",") {
                aliasLike = true
                break
            }
            before = b
        }
        guard aliasLike else { return nil }
        var usesAlias = false
        var suspect: (SourceLocation, String)?
        var inSingle = false, inDouble = false
        var lineNo = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let chars = Array(rawLine.unicodeScalars)
            var i = 0
            var prev: Unicode.Scalar = " "
            while i < chars.count {
                let c = chars[i]
                if inDouble {
                    if c == "\\" { i += 2; prev = "x"; continue }
                    if c == "\"" { inDouble = false; prev = c }
                    i += 1; continue
                }
                if inSingle {
                    if c == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" { i += 2; continue }
                        inSingle = false; prev = c
                    }
                    i += 1; continue
                }
                let atTokenStart = prev == " " || prev == "\t" || prev == "[" || prev == "{" || prev == ","
                if c == "#", prev == " " || prev == "\t" { break }
                if c == "\"", atTokenStart || prev == ":" { inDouble = true; prev = c; i += 1; continue }
                if c == "'", atTokenStart || prev == ":" { inSingle = true; prev = c; i += 1; continue }
                if c == "*", atTokenStart {
                    usesAlias = true
                    var j = i + 1
                    while j < chars.count, !" \t,[]{}".unicodeScalars.contains(chars[j]) { j += 1 }
                    var k = j
                    while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
                    if k < chars.count, chars[k] == ":", suspect == nil {
                        suspect = (SourceLocation(line: lineNo, column: i + 1), "an alias (`*name`)")
                    }
                    prev = chars[max(i, j - 1)]; i = j; continue
                }
                if c == "?", atTokenStart, i + 1 == chars.count || chars[i + 1] == " " || chars[i + 1] == "\t",
                   suspect == nil {
                    suspect = (SourceLocation(line: lineNo, column: i + 1), "an explicit `?` key")
                }
                if c == "]" || c == "}", suspect == nil {
                    var k = i + 1
                    while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
                    if k < chars.count, chars[k] == ":",
                       k + 1 == chars.count || " \t".unicodeScalars.contains(chars[k + 1]) {
                        suspect = (SourceLocation(line: lineNo, column: i + 1), "a list or mapping")
                    }
                }
                prev = c
                i += 1
            }
        }
        return usesAlias ? suspect : nil
    }
}
