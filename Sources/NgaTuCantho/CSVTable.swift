/// A comma-separated table with a header row (RFC 4180 quoting), read into rows of strings.
struct CSVTable: Sendable {
    var header: [String]
    var rows: [[String: String]]

    init(_ text: String) throws {
        var records: [[String]] = []
        var field = "", record: [String] = []
        var quoted = false, afterQuote = false
        var it = text.makeIterator()
        while let c = it.next() {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }   // doubled quote inside a quoted field
                quoted = true; afterQuote = false
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\n", "\r\n":
                record.append(field); field = ""; afterQuote = false
                records.append(record); record = []
            case "\r":
                break
            default:
                field.append(c); afterQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let head = records.first else { throw OSMImportError.empty("CSV without a header row") }
        header = head.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = []
        for (i, r) in records.dropFirst().enumerated() where !(r.count == 1 && r[0].isEmpty) {
            guard r.count == header.count else {
                throw OSMImportError.malformed("CSV row \(i + 2): \(r.count) fields, header has \(header.count)")
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, r)))
        }
    }
}

import Foundation
import NgaTuCore
import NgaTuOSM

/// `LINESTRING(lon lat, lon lat, …)` → points.
func parseWKTLineString(_ text: String) throws -> [LatLon] {
    guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"),
          text[..<open].trimmingCharacters(in: .whitespaces).uppercased() == "LINESTRING" else {
        throw OSMImportError.malformed("not a WKT LINESTRING: \(text.prefix(40))")
    }
    return try text[text.index(after: open)..<close].split(separator: ",").map { pair in
        let xy = pair.split(separator: " ").compactMap { Double($0) }
        guard xy.count == 2 else { throw OSMImportError.malformed("bad WKT point: \(pair)") }
        return LatLon(xy[1], xy[0])
    }
}
