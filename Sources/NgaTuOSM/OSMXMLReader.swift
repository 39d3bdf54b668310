import Foundation

/// A streaming reader for the XML that OpenStreetMap writes: elements with attributes,
/// comments, processing instructions, a DOCTYPE, CDATA and text (skipped). It reads its input
/// in 1 MiB chunks and hands each start and end tag to a callback, so an import holds only
/// what it keeps, never the file: a city extract of hundreds of megabytes streams through.
///
/// It checks what an import needs to trust: tags nest and match, attribute values are quoted
/// UTF-8 with the five predefined entities and character references, one root element.
/// Errors carry the line and column (in characters) where the problem is.
struct OSMXMLReader {
    /// Where the bytes come from: a file descriptor or bytes in memory.
    private let fd: Int32?
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    private var atEOF = false

    private(set) var line = 1
    private(set) var column = 1

    static let chunk = 1 << 20
    /// Deepest element nesting accepted (OSM needs 3).
    static let maxDepth = 256
    /// Longest name or attribute value accepted: a tag value in OSM is at most 255 characters.
    static let maxTokenBytes = 1 << 20

    /// Reads from an open file descriptor (not closed here).
    init(fileDescriptor: Int32) {
        fd = fileDescriptor
        buffer = [UInt8](repeating: 0, count: Self.chunk)
    }

    /// Reads from bytes in memory.
    init(data: Data) {
        fd = nil
        buffer = [UInt8](data)
        end = buffer.count
        atEOF = true
    }

    struct Failure: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// A start tag: its name and attributes in file order; `selfClosing` for `<x/>`.
    struct StartTag {
        var name: String
        var attributes: [(name: String, value: String)]
        var selfClosing: Bool
        var line: Int
        var column: Int

        subscript(_ key: String) -> String? { attributes.first { $0.name == key }?.value }
    }

    enum Event {
        case start(StartTag)
        case end(name: String)
    }

    // MARK: Bytes

    /// The next byte without consuming it, nil at the end of the input.
    @inline(__always)
    private mutating func peek() throws -> UInt8? {
        if position < end { return buffer[position] }
        try refill()
        return position < end ? buffer[position] : nil
    }

    @inline(__always)
    private mutating func advance(_ b: UInt8) {
        position += 1
        if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
    }

    /// The next byte, consumed; nil at the end.
    @inline(__always)
    private mutating func next() throws -> UInt8? {
        guard let b = try peek() else { return nil }
        advance(b)
        return b
    }

    private mutating func refill() throws {
        guard !atEOF, let fd else { return }
        // The buffer is consumed whole before a refill: nothing is kept but the position.
        position = 0; end = 0
        while end == 0 {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, Self.chunk) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "the file cannot be read (\(String(cString: strerror(errno))))", line: line, column: column)
            }
            if n == 0 { atEOF = true; return }
            end = n
        }
    }

    private func fail(_ message: String) -> Failure { Failure(message: message, line: line, column: column) }

    private mutating func expectByte(_ c: UInt8, _ what: String) throws {
        guard let b = try next() else { throw fail("the file ends inside a tag (truncated?); expected \(what)") }
        guard b == c else { throw fail("expected \(what), found \(Self.show(b))") }
    }

    private static func show(_ b: UInt8) -> String {
        (0x21..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "byte 0x%02X", b)
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    @inline(__always)
    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
            || b == 0x5F || b == 0x3A || b == 0x2D || b == 0x2E || b >= 0x80
    }

    private mutating func skipSpaces() throws {
        while let b = try peek(), Self.isSpace(b) { advance(b) }
    }

    /// Consumes bytes up to and including `terminator` (e.g. `-->`).
    private mutating func skip(through terminator: [UInt8], inside what: String) throws {
        var matched = 0
        while matched < terminator.count {
            guard let b = try next() else { throw fail("the file ends inside \(what) (truncated?)") }
            if b == terminator[matched] { matched += 1 } else { matched = b == terminator[0] ? 1 : 0 }
        }
    }

    // MARK: Tokens

    private mutating func name(_ what: String) throws -> String {
        var bytes: [UInt8] = []
        while let b = try peek(), Self.isNameByte(b) {
            advance(b)
            bytes.append(b)
            if bytes.count > 1000 { throw fail("a name longer than 1000 bytes") }
        }
        guard let first = bytes.first, !(0x30...0x39).contains(first), first != 0x2D, first != 0x2E else {
            if let b = try peek() { throw fail("expected \(what), found \(Self.show(b))") }
            throw fail("the file ends inside a tag (truncated?)")
        }
        guard let s = String(validating: bytes, as: UTF8.self) else { throw fail("a name is not UTF-8 text") }
        return s
    }

    /// A quoted attribute value with entities decoded and white space normalised as XML
    /// requires (a literal tab or line break reads as a space).
    private mutating func attributeValue(scratch: inout [UInt8]) throws -> String {
        guard let quote = try next() else { throw fail("the file ends inside a tag (truncated?)") }
        guard quote == 0x22 || quote == 0x27 else { throw fail("an attribute value must be quoted, found \(Self.show(quote))") }
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard let b = try next() else { throw fail("the file ends inside an attribute value (truncated?)") }
            if b == quote { break }
            switch b {
            case 0x3C: throw fail("'<' inside an attribute value (write &lt;)")
            case 0x26: try entity(into: &scratch)
            case 0x09, 0x0A, 0x0D: scratch.append(0x20)
            default: scratch.append(b)
            }
            if scratch.count > Self.maxTokenBytes { throw fail("an attribute value longer than 1 MiB") }
        }
        guard let s = String(validating: scratch, as: UTF8.self) else {
            throw fail("an attribute value is not UTF-8 text; OSM files are UTF-8")
        }
        return s
    }

    /// After `&`: one of the five predefined entities or a character reference.
    private mutating func entity(into out: inout [UInt8]) throws {
        let at = (line: line, column: column - 1)
        func fail(_ message: String) -> Failure { Failure(message: message, line: at.line, column: at.column) }
        var body: [UInt8] = []
        while true {
            guard let b = try next() else { throw fail("the file ends inside an entity (truncated?)") }
            if b == 0x3B { break }
            body.append(b)
            if body.count > 10 { throw fail("'&' starts no entity (write &amp;)") }
        }
        let text = String(decoding: body, as: UTF8.self)
        let scalar: Unicode.Scalar?
        switch text {
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "amp": scalar = "&"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
            if text.hasPrefix("#x") { scalar = UInt32(text.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            else if text.hasPrefix("#") { scalar = UInt32(text.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init) }
            else { throw fail("unknown entity &\(text.prefix(10)); (XML knows &lt; &gt; &amp; &quot; &apos;)") }
        }
        guard let scalar, scalar.value != 0 else { throw fail("&\(text); is not a character") }
        out.append(contentsOf: Array(String(scalar).utf8))
    }

    // MARK: Events

    private var open: [String] = []
    private var sawRoot = false
    private var scratch: [UInt8] = []

    /// The next start or end tag, or nil at the end of a complete document.
    mutating func nextEvent() throws -> Event? {
        while true {
            let before = (line: line, column: column)
            guard let b = try next() else {
                if let top = open.last { throw fail("the file ends inside <\(top)> (truncated?)") }
                if !sawRoot { throw fail("no XML element in the file; an OSM file starts with <osm>") }
                return nil
            }
            if b != 0x3C {
                if !Self.isSpace(b), open.isEmpty {
                    throw Failure(message: sawRoot ? "text after the end of the document" : "text before the first element; an OSM file starts with <osm>",
                                  line: before.line, column: before.column)
                }
                continue   // text content: OSM keeps nothing in it
            }
            let startLine = line, startColumn = column - 1
            guard let c = try peek() else { throw fail("the file ends inside a tag (truncated?)") }
            switch c {
            case 0x3F:   // <? … ?>
                try skip(through: Array("?>".utf8), inside: "a processing instruction")
            case 0x21:   // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE … >
                advance(c)
                if try peek() == 0x2D {
                    try expectByte(0x2D, "'-'"); try expectByte(0x2D, "'-'")
                    try skip(through: Array("-->".utf8), inside: "a comment")
                } else if try peek() == 0x5B {
                    try skip(through: Array("[CDATA[".utf8), inside: "a CDATA section")
                    try skip(through: Array("]]>".utf8), inside: "a CDATA section")
                } else {
                    var depth = 0
                    while true {
                        guard let d = try next() else { throw fail("the file ends inside <!DOCTYPE> (truncated?)") }
                        if d == 0x5B { depth += 1 } else if d == 0x5D { depth -= 1 } else if d == 0x3E, depth <= 0 { break }
                    }
                }
            case 0x2F:   // </name>
                advance(c)
                let n = try name("an element name")
                try skipSpaces()
                try expectByte(0x3E, "'>'")
                guard let top = open.last else { throw fail("</\(n)> closes no open element") }
                guard top == n else { throw Failure(message: "</\(n)> does not close <\(top)>", line: startLine, column: startColumn) }
                open.removeLast()
                return .end(name: n)
            default:
                let n = try name("an element name")
                if open.isEmpty, sawRoot {
                    throw Failure(message: "a second root element <\(n)>; an OSM file holds one <osm>", line: startLine, column: startColumn)
                }
                var tag = StartTag(name: n, attributes: [], selfClosing: false, line: startLine, column: startColumn)
                while true {
                    let hadSpace = try peek().map(Self.isSpace) ?? false
                    try skipSpaces()
                    guard let d = try peek() else { throw fail("the file ends inside <\(n)> (truncated?)") }
                    if d == 0x3E { advance(d); break }
                    if d == 0x2F { advance(d); try expectByte(0x3E, "'>' after '/'"); tag.selfClosing = true; break }
                    guard hadSpace else { throw fail("expected a space, '>' or '/>' in <\(n)>, found \(Self.show(d))") }
                    let key = try name("an attribute name")
                    try skipSpaces()
                    try expectByte(0x3D, "'=' after attribute \(key)")
                    try skipSpaces()
                    var bytes = scratch
                    scratch = []
                    let value = try attributeValue(scratch: &bytes)
                    scratch = bytes
                    if tag.attributes.contains(where: { $0.name == key }) { throw fail("attribute \(key) appears twice in <\(n)>") }
                    tag.attributes.append((key, value))
                }
                sawRoot = true
                if !tag.selfClosing {
                    guard open.count < Self.maxDepth else { throw fail("elements nested more than \(Self.maxDepth) deep") }
                    open.append(n)
                }
                return .start(tag)
            }
        }
    }
}
