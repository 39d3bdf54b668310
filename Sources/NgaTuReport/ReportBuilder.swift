public import NgaTuResults

/// The workshop report: one self-contained XHTML5 page (`report.html`) built from the result
/// tables alone.
///
/// The page needs nothing from outside: styles, the small script and every chart (inline SVG)
/// are in the file, so it opens offline on a projector laptop and prints to A4. It holds both
/// Vietnamese and English; `language` (`vi` or `en`) is the one shown first, and a switch at
/// the top changes it. Without script the page reads in that language and shows every map
/// layer. Every text from input files is escaped (see `Markup`).
///
/// Sections, in order: the question and the scenario; the headline (computed from the
/// comparison rows, see `Headline`); with `variants:`, each variant's changes in words and a
/// matrix of the headline measure over strategies × variants (`VariantSection`) and the roads
/// whose flow changes most per variant (`RoadChangeSection`); one bar chart per measure of `runs.csv` with 95%
/// intervals and a table of the figures; delay per demanded vehicle against the demand sweep; the map with
/// levels of service per strategy; queues over time and the worst approaches; the signal
/// timing per strategy; the incidents on the timeline; the method and its limits, version,
/// scenario hash and warnings; the map data attribution.
///
/// Besides the tables it reads these `RunMeta.properties` when present: `title_vi` and
/// `question_vi` (the Vietnamese sides of the title and question), `map_title`,
/// `period` (free text, e.g. `06:00–07:30`), `duration_s`, `warmup_s`, `demand_veh_h` (total
/// inflow at demand ×1) and `arrivals` (`poisson` or `uniform`).
public enum ReportBuilder {
    /// `calibration`: the rows of the results' `calibration.csv` (a scenario calibrated to
    /// counts), shown as "fit to counts" after the movements; none: no such section.
    public static func html(tables: ResultTables, language: String, calibration: [CalibrationRow] = []) -> String {
        let data = ReportData(tables: tables, language: language)
        let lang = data.language
        let meta = data.meta
        let title = data.title
        var page: Markup = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="\(lang)" xml:lang="\(lang)" class="no-js show-\(lang)">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="Ngã Tư \(meta.softwareVersion)"/>
        <title>\(title.plain(first: lang)) — Ngã Tư</title>
        <style>\n\(Markup(raw: PageAssets.css))</style>
        </head>
        <body>
        <header class="top"><div class="inner"><div>
        <h1>\(title.html)</h1>
        <p>\(Bi("Báo cáo mô phỏng điều khiển đèn tín hiệu — Ngã Tư", "Traffic signal simulation report — Ngã Tư").html)</p>
        </div>
        <div class="switch lang-switch" role="group" aria-label="Ngôn ngữ / Language">\
        <button type="button" data-set-lang="vi" aria-pressed="\(lang == "vi" ? "true" : "false")">Tiếng Việt</button>\
        <button type="button" data-set-lang="en" aria-pressed="\(lang == "en" ? "true" : "false")">English</button>\
        </div></div></header>
        <main>

        """
        page += ScenarioSection.render(data)
        page += ResultSections.headline(data)
        page += VariantSection.render(data)
        page += RoadChangeSection.render(data)
        page += ResultSections.measures(data)
        page += ResultSections.sweep(data)
        page += SensitivitySection.render(data)
        // Laid out once (the label placement is most of its cost) for both maps.
        let map = ReportMap(tables)
        page += MapSection.render(data, map: map)
        page += PlaybackSection.render(data, map: map)
        page += QueueSection.render(data)
        page += MovementSection.render(data)
        page += CalibrationSection.render(calibration)
        page += TimingSection.render(data)
        page += IncidentSection.render(data)
        page += MethodSection.render(data)
        page += MethodSection.attribution(data)
        page += "</main>\n<script>\n\(Markup(raw: PageAssets.script))</script>\n</body>\n</html>\n"
        return page.raw
    }
}
