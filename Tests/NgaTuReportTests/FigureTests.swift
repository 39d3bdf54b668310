import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NgaTuResults
@testable import NgaTuReport

/// Figures for slides: every chart and map has a stable file name and exports as a standalone
/// SVG in one language with the page's styles.
@Suite("Figures")
struct FigureTests {
    @Test("every chart and map becomes figure-NAME.svg, well-formed, one language, styled")
    func export() throws {
        let tables = ReportFixture.tables()
        let figures = FigureExport.figures(tables: tables, language: "en")
        let names = figures.map(\.name)
        #expect(Set(names).count == names.count, "names are unique")
        for expected in ["figure-measure-mean_delay_all_s.svg", "figure-sweep-chart.svg", "figure-queue-chart.svg",
                         "figure-los-map-1-fixed.svg", "figure-los-map-3-max-pressure.svg", "figure-incident-timeline.svg"] {
            #expect(names.contains(expected), "\(expected) in \(names)")
        }
        // As many as the page has charts and maps.
        let page = ReportBuilder.html(tables: tables, language: "en")
        #expect(figures.count == page.components(separatedBy: " data-figure=\"").count - 1)
        for f in figures {
            let doc = try XMLDocument(data: Data(f.svg.utf8), options: [])
            #expect(doc.rootElement()?.name == "svg", "\(f.name)")
            #expect(!f.svg.contains("<tspan lang=\"vi\">"), "\(f.name) keeps only English")
            #expect(f.svg.contains("<style>") && f.svg.contains(" width=\""))
        }
        // The same names in Vietnamese, the text in Vietnamese.
        let vi = FigureExport.figures(tables: tables, language: "vi")
        #expect(vi.map(\.name) == names)
        #expect(vi.allSatisfy { !$0.svg.contains("<tspan lang=\"en\">") })
        #expect(FigureExport.slug("Max Pressure <b>&") == "max-pressure-b")
    }

    @Test("the page has a save button script for every figure and folds the timing tables")
    func pageHooks() {
        let page = ReportBuilder.html(tables: ReportFixture.tables(), language: "vi")
        #expect(page.contains("svg.chart[data-figure]"))
        #expect(page.contains("<details class=\"appendix\"><summary>"))
    }
}
