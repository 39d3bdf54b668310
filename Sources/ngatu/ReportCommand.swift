import ArgumentParser
import Foundation
import NgaTuReport
import NgaTuResults
import NgaTuRunner

/// `ngatu report RESULTS_DIR [--lang vi|en] [--figures]`: rebuilds report.html from
/// results.sqlite; with `--figures` also every chart and map as `figure-NAME.svg` beside it.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html of a results directory from its results.sqlite.")

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case vi, en
    }

    @Argument(help: "A results directory written by `ngatu run`.")
    var results: String

    @Option(help: "Language of the report (default: the scenario's `language:`).")
    var lang: Language?

    @Flag(help: "Also write every chart and map as figure-NAME.svg beside report.html (for slides).")
    var figures = false

    func run() throws {
        let directory = URL(fileURLWithPath: results)
        let database = directory.appendingPathComponent("results.sqlite").path
        do {
            let tables = try ResultStore.open(at: database, readOnly: true).loadTables()
            // A calibrated scenario's results hold the fit to its counts beside the database.
            let fit = (try? String(contentsOf: directory.appendingPathComponent("calibration.csv"), encoding: .utf8))
                .flatMap(CalibrationRow.parse) ?? []
            let html = ReportBuilder.html(tables: tables, language: lang?.rawValue ?? tables.meta.language, calibration: fit)
            let target = directory.appendingPathComponent("report.html")
            try OutputFile.write(html, to: target.path)
            print("ngatu: wrote \(target.path)")
            if figures {
                let list = FigureExport.figures(tables: tables, language: lang?.rawValue ?? tables.meta.language)
                for f in list { try OutputFile.write(f.svg, to: directory.appendingPathComponent(f.name).path) }
                print("ngatu: wrote \(list.count) figures (figure-*.svg) in \(directory.path)")
            }
        } catch {
            throw CLIFailure(code: 1, message: "ngatu report: \(FailureText.describe(error))")
        }
    }
}
