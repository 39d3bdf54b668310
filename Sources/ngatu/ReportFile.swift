import Foundation
import NgaTuReport
import NgaTuResults

/// `report.html`, the map's GeoJSON files and, for a calibrated scenario, `calibration.csv` of
/// a results folder, written into its staging folder by `run` and `merge` alike, so that both
/// publish the same bytes.
enum ReportFile {
    static func write(_ staging: URL, _ tables: ResultTables) throws {
        try write(staging, tables, fit: nil)
    }

    /// With a fit to counts (`calibration:`), `calibration.csv` and its section in the report.
    static func write(_ staging: URL, _ tables: ResultTables, fit: CalibrationFit?) throws {
        if let fit {
            try Data(fit.csv.utf8).write(to: staging.appendingPathComponent("calibration.csv"))
        }
        let html = ReportBuilder.html(tables: tables, language: tables.meta.language, calibration: fit?.rows ?? [])
        try Data(html.utf8).write(to: staging.appendingPathComponent("report.html"))
        try GeoJSONExport.writeAll(tables, into: staging)
    }
}
