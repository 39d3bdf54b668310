import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NgaTuXML

/// Whatever the string, an attribute, element text and a comment made from it parse as
/// well-formed XML, and the attribute and text read back as the string without the
/// characters XML cannot hold.
@Suite struct XMLEscapeTests {
    /// What a parser reports of a document: the attribute, the text and the comment.
    final class Reader: NSObject, XMLParserDelegate {
        var attribute: String?, text = "", comment: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "e" { attribute = attributes["a"] }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, foundComment comment: String) { self.comment = comment }
    }

    /// Parses the document made from `s`; nil when it is not well-formed.
    func parse(_ s: String) -> Reader? {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r><!-- " + XMLEscape.comment(s) + " --><e a=\""
            + XMLEscape.attribute(s) + "\">" + XMLEscape.text(s) + "</e></r>"
        let parser = XMLParser(data: Data(doc.utf8))
        let reader = Reader()
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }

    /// `s` without the characters XML cannot hold (the escaper drops them).
    func kept(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            let v = $0.value
            return v == 9 || v == 10 || v == 13 || !(v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF)
        }))
    }

    /// A parser's end-of-line handling: a carriage return (with or without a line feed after
    /// it) written literally reads back as a line feed.
    func endOfLines(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    func check(_ s: String) {
        guard let r = parse(s) else { Issue.record("not well-formed for \(s.unicodeScalars.map { String($0.value, radix: 16) })"); return }
        let k = kept(s)
        #expect(r.attribute == k, "attribute of \(s.debugDescription)")
        #expect(r.text == endOfLines(k), "text of \(s.debugDescription)")
        // The comment keeps every character; only spaces are put between hyphens.
        let c = r.comment ?? ""
        #expect(!c.contains("--"), "comment of \(s.debugDescription)")
        #expect(endOfLines(c).replacingOccurrences(of: " ", with: "") == endOfLines(k).replacingOccurrences(of: " ", with: ""),
                "comment of \(s.debugDescription)")
    }

    @Test func theHardCases() {
        for s in ["a---b", "--", "-->", "-", "---", "a-", "<!-- x -->", "]]>", "&amp;", "\"'<>&", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}",
                  "\u{7F}\u{85}\u{9F}", "\u{FFFE}\u{FFFF}\u{FFFD}", "tab\tline\nreturn\r", "\r\n", "Ngã Tư 🚦", "", "a--b--c", "- -"] {
            check(s)
        }
        // The parser rejects what a replacement of "--" by "- -" wrote for a---b.
        #expect(!XMLParser(data: Data("<r><!-- a- --b --></r>".utf8)).parse())
        #expect(XMLEscape.comment("a---b") == "a- - -b")
        #expect(XMLEscape.comment("--") == "- - ")
        #expect(XMLEscape.text("\u{1}x\u{FFFF}") == "x")
    }

    /// Random strings over an alphabet rich in the characters that matter.
    @Test func randomStringsStayWellFormed() {
        var state: UInt64 = 2026
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let special: [Unicode.Scalar] = ["-", "-", "-", ">", "<", "&", "\"", "'", "]", "!", "\t", "\n", "\r", " ", "a", "ã",
                                         "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{85}", "\u{FFFE}", "\u{FFFF}", "\u{1F6A6}"]
        for _ in 0..<2000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 24) {
                if next() % 4 == 0 {
                    // Any scalar at all, surrogates excepted.
                    var v = UInt32(next() % 0x110000)
                    if (0xD800...0xDFFF).contains(v) { v = 0x2D }
                    s.append(Unicode.Scalar(v)!)
                } else {
                    s.append(special[Int(next() % UInt64(special.count))])
                }
            }
            check(String(s))
        }
    }
}
