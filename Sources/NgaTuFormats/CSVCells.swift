import Foundation

/// The cells of a small CSV input file (`demand.flows_file`), each with its line and column so
/// that errors point into the file. RFC 4180: `,` separates, `"` quotes (`""` is a quote), LF
/// or CRLF ends a row; blank lines and lines starting with `#` are skipped; cells are trimmed.
enum CSVCells {
    struct Cell: Sendable, Equatable {
        var text: String
        var line: Int
        var column: Int
    }

    static func parse(_ data: Data, file: String) throws(InputError) -> [[Cell]] {
        guard data.count <= YAMLLoader.maxBytes else {
            throw InputError(file: file, line: 1, column: 1, path: nil,
                             message: "the file is larger than \(YAMLLoader.maxBytes >> 20) MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, line: 1, column: 1, path: nil, message: "the file is not UTF-8 text; save it as UTF-8")
        }
        var rows: [[Cell]] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = String(line).trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            var cells: [Cell] = []
            var current = "", column = 1, start = 1, inQuotes = false, quotedOnce = false
            var chars = Array(line)
            chars.append(",")
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if inQuotes {
                    if c == "\"" {
                        if i + 1 < chars.count - 1, chars[i + 1] == "\"" { current.append("\""); i += 1; column += 1 } else { inQuotes = false }
                    } else { current.append(c) }
                } else if c == "\"", current.trimmingSpaces().isEmpty, !quotedOnce {
                    inQuotes = true; quotedOnce = true; current = ""
                } else if c == "," {
                    cells.append(Cell(text: current.trimmingSpaces(), line: lineNumber, column: start))
                    current = ""; start = column + 1; quotedOnce = false
                } else {
                    current.append(c)
                }
                i += 1; column += 1
            }
            if inQuotes {
                throw InputError(file: file, line: lineNumber, column: start, path: nil, message: "a quoted cell is not closed on its line")
            }
            rows.append(cells)
        }
        return rows
    }
}
