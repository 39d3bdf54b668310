import Foundation
public import NgaTuResults

/// The report's charts and maps as standalone SVG files for slides (`ngatu report DIR
/// --figures`): `figure-NAME.svg` beside `report.html`, one per chart, the names stable (from
/// the figure's `data-figure`, e.g. `figure-measure-mean_delay_all_s.svg`,
/// `figure-los-map-1-fixed.svg`), in one language, each with the page's styles inside so it
/// looks as on the page. The same names the page's save buttons give.
public enum FigureExport {
    /// (file name, SVG text) of every figure of the report in `language`.
    public static func figures(tables: ResultTables, language: String) -> [(name: String, svg: String)] {
        let lang = language == "en" ? "en" : "vi"
        let html = ReportBuilder.html(tables: tables, language: lang)
        return figures(html: html, language: lang)
    }

    static func figures(html: String, language: String) -> [(name: String, svg: String)] {
        let other = language == "en" ? "vi" : "en"
        var out: [(String, String)] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"") {
            guard let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) else { break }
            let svg = String(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
            guard let nameStart = svg.range(of: " data-figure=\""),
                  let nameEnd = svg.range(of: "\"", range: nameStart.upperBound..<svg.endIndex) else { continue }
            let name = String(svg[nameStart.upperBound..<nameEnd.lowerBound])
            out.append(("figure-\(name).svg", standalone(svg, dropping: other)))
        }
        return out
    }

    /// The SVG with the other language's text removed, the page's styles inside and its size
    /// from the view box.
    static func standalone(_ svg: String, dropping other: String) -> String {
        var s = svg
        // Drop the other language's tspans (never nested).
        let open = "<tspan lang=\"\(other)\">"
        while let a = s.range(of: open), let b = s.range(of: "</tspan>", range: a.upperBound..<s.endIndex) {
            s.removeSubrange(a.lowerBound..<b.upperBound)
        }
        guard let tagEnd = s.firstIndex(of: ">") else { return s }
        var size = ""
        if let vb = s.range(of: "viewBox=\"0 0 "), let q = s.range(of: "\"", range: vb.upperBound..<s.endIndex) {
            let parts = s[vb.upperBound..<q.lowerBound].split(separator: " ")
            if parts.count == 2 { size = " width=\"\(parts[0])\" height=\"\(parts[1])\"" }
        }
        let head = String(s[..<tagEnd]).replacingOccurrences(of: " class=\"chart\"", with: " class=\"chart\"\(size) font-family=\"Noto Sans, DejaVu Sans, Arial, sans-serif\"")
        let style = "<style>" + PageAssets.css + "</style>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + head + ">" + style + String(s[s.index(after: tagEnd)...]) + "\n"
    }

    /// A figure name from free text: lower-case letters, digits and `-`.
    static func slug(_ s: String) -> String {
        var out = ""
        for c in s.lowercased().unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) { out.unicodeScalars.append(c) } else if !out.hasSuffix("-") { out += "-" }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(40))
    }
}
