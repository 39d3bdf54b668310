import Foundation
import NgaTuReport
import NgaTuResults

/// `report.html` and the map's GeoJSON files of a results folder, written into its staging
/// folder by `run` and `merge` alike, so that both publish the same bytes.
enum ReportFile {
    static func write(_ staging: URL, _ tables: ResultTables) throws {
        try write(staging, tables, calibration: [])
    }

    /// With a fit to counts (`calibration:`), its section in the report.
    static func write(_ staging: URL, _ tables: ResultTables, calibration: [CalibrationRow]) throws {
        let html = ReportBuilder.html(tables: tables, language: tables.meta.language, calibration: calibration)
        try Data(html.utf8).write(to: staging.appendingPathComponent("report.html"))
        try GeoJSONExport.writeAll(tables, into: staging)
    }
}
