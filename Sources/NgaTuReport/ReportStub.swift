import NgaTuResults

/// Stand-in for the workshop report until the NgaTuReport module lands: a minimal valid page
/// listing the scenario and its strategies. `ngatu run` and `ngatu report` call it.
public enum ReportBuilder {
    public static func html(tables: ResultTables, language: String) -> String {
        let m = tables.meta
        func esc(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                default: out.append(c)
                }
            }
            return out
        }
        let title = m.title.isEmpty ? m.scenarioID : m.title
        let items = m.strategies.map { "<li>\(esc($0.name)) (\(esc($0.controller)))</li>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="\(esc(language))"><head><meta charset="utf-8"><title>\(esc(title))</title></head>
            <body><h1>\(esc(title))</h1><p>\(tables.runs.count) runs</p><ul>\(items)</ul>
            <p>\(esc(m.mapAttribution))</p></body></html>

            """
    }
}
