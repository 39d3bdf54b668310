import Foundation
import Testing

/// Runs the built `ngatu` binary (next to this test bundle in the build products directory:
/// `swift build --build-tests` builds it) in a scratch directory.
struct CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The scratch directory, the working directory of every command.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ngatu-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Commands run in an existing `directory` (e.g. a folder inside another scratch directory).
    init(directory: URL) throws { self.directory = directory }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    static var binary: URL {
        let products = Bundle.module.bundleURL.deletingLastPathComponent()
        return products.appendingPathComponent("ngatu")
    }

    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A command started and not waited for.
    struct Running {
        let process: Process
        let out: URL, err: URL
        let handles: [FileHandle]
        var pid: Int32 { process.processIdentifier }

        /// Waits for the command and returns what it printed.
        func finish() -> Output {
            process.waitUntilExit()
            for h in handles { try? h.close() }
            defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
            return Output(status: process.terminationStatus,
                          stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }
    }

    /// Runs `ngatu args…`; stdout and stderr go through files (no pipe can fill up).
    @discardableResult
    func run(_ args: [String], environment: [String: String] = [:]) throws -> Output {
        try start(args, environment: environment).finish()
    }

    /// Starts `ngatu args…` without waiting for it.
    func start(_ args: [String], environment: [String: String] = [:]) throws -> Running {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary.path),
                "build the CLI first: swift build --build-tests")
        let id = UUID().uuidString
        let out = directory.appendingPathComponent(".stdout-\(id)"), err = directory.appendingPathComponent(".stderr-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = args
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NGATU_STOP_AFTER_RUNS"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        return Running(process: process, out: out, err: err, handles: [outHandle, errHandle])
    }

    func path(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name).path) }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: path(name)) }

    /// Entries of the scratch directory, without the captured-output files.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".std") }.sorted()
    }

    /// A CSV file as a header and rows of cells (the test files hold no quoted commas).
    func csv(_ name: String) throws -> (header: [String], rows: [[String: String]]) {
        let text = try String(contentsOf: path(name), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "", "\(name) ends with a newline")
        let header = lines[0].components(separatedBy: ",")
        let rows = lines.dropFirst().filter { !$0.isEmpty }.map { line -> [String: String] in
            let cells = line.components(separatedBy: ",")
            #expect(cells.count == header.count, "\(name): \(line)")
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        return (header, rows)
    }
}

/// The four CSV files of formats.md.
let csvFiles = ["runs.csv", "comparison.csv", "junctions.csv", "timeseries.csv", "movements.csv", "roads.csv", "differences.csv"]
