import ArgumentParser
import Foundation
import NgaTuCore
import NgaTuFormats
import NgaTuOSM
import NgaTuResults

/// `ngatu import-osm FILE.osm --out maps/NAME.yaml [--bbox S,W,N,E]`: OpenStreetMap XML to a
/// map file. The map is checked by the network builder before it is written, and written
/// through a temporary file (`OutputFile`), so a failure leaves no half-written map and every
/// existing file as it was; an existing file at `--out` is replaced only when import-osm wrote it.
struct ImportOSMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-osm",
        abstract: "Make a map file from OpenStreetMap XML.",
        discussion: """
            Drivable highway classes, oneway (also -1), lanes, maxspeed and width are read; \
            missing lanes and speeds get defaults for Vietnamese urban roads and are marked as \
            estimates in the file. Nodes tagged highway=traffic_signals make their junction \
            signalised (with a default plan); dual-carriageway junction nodes within 35 m are \
            merged; roads cut by the box end at boundary junctions.
            """)

    @Argument(help: "OpenStreetMap XML file.")
    var file: String

    @Option(help: ArgumentHelp("Map file to write.", valueName: "maps/NAME.yaml"))
    var out: String

    @Option(help: ArgumentHelp("Bounding box: south,west,north,east.", valueName: "S,W,N,E"))
    var bbox: String?

    func run() throws {
        var box: BoundingBox? = nil
        if let b = bbox {
            guard let parsed = BoundingBox(parsing: b) else {
                throw CLIFailure(code: 2, message: "ngatu import-osm: --bbox expects south,west,north,east in degrees (south < north within ±90, west < east within ±180), got \"\(b)\"")
            }
            box = parsed
        }
        // A target that cannot be written, or a file there that import-osm did not write (its
        // header names the importer), is refused before the import's work: a user's map is
        // never replaced.
        if let refusal = OutputFile.refusal(out, unlessMarked: OSMImporter.marker, by: "ngatu import-osm") {
            throw CLIFailure(code: 1, message: "ngatu import-osm: \(refusal)")
        }
        let fd = try Self.openRegularFile(file)
        defer { close(fd) }
        let name = URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
        let id = OSMImportOptions.mapID(fromName: name)
        let imported: ImportedMap
        do {
            imported = try OSMImporter.importFile(fileDescriptor: fd, options: OSMImportOptions(mapId: id, title: name, bbox: box))
        } catch let e as OSMImportError {
            throw CLIFailure(code: 1, message: "\(file):\(e.line):\(e.column): \(e)")
        } catch {
            throw CLIFailure(code: 1, message: "\(file):1:1: \(FailureText.describe(error))")
        }
        if case .failure(let e) = Result(catching: { () throws(SpecError) in try NetworkBuilder.build(imported.spec) }) {
            throw CLIFailure(code: 1, message: "\(file):1:1: the imported map is not valid: \(e)")
        }
        let f0 = imported.spec
        let yaml = MapWriter.yaml(imported.spec, header: imported.header, roadComments: imported.roadComments,
                                  junctionComments: imported.junctionComments, signalComments: imported.signalComments)
        // A map that `validate` and `run` would refuse as too large is not written.
        let size = yaml.utf8.count
        guard size <= MapReader.maxFileBytes else {
            throw CLIFailure(code: 1, message: "ngatu import-osm: the map would be \(String(format: "%.1f", Double(size) / 1_048_576)) MiB, more than the \(MapReader.maxFileBytes >> 20) MiB a map file may hold (\(f0.junctions.count) junctions, \(f0.roads.count) roads); import a smaller area with --bbox S,W,N,E")
        }
        do { try OutputFile.write(yaml, to: out) } catch {
            throw CLIFailure(code: 1, message: "ngatu import-osm: \(FailureText.describe(error))")
        }
        let f = imported.spec
        print("ngatu import-osm: \(out): \(f.junctions.count) junctions (\(f.junctions.filter { $0.control == .signal }.count) signalised, \(f.junctions.filter { $0.control == .boundary }.count) boundaries), \(f.roads.count) roads")
    }

    /// Opens `path` for reading when it is a regular file: a FIFO, a device or a folder is
    /// refused at once (opened without blocking, checked before any read).
    static func openRegularFile(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "" : " (\(String(cString: strerror(errno))))"
            throw CLIFailure(code: 1, message: "\(path):1:1: cannot read the file\(reason)")
        }
        var info = stat()
        let kind: String?
        if fstat(fd, &info) != 0 { kind = "cannot be examined" } else {
            switch info.st_mode & S_IFMT {
            case S_IFREG: kind = nil
            case S_IFDIR: kind = "is a folder"
            case S_IFIFO: kind = "is a pipe (FIFO)"
            case S_IFCHR, S_IFBLK: kind = "is a device"
            default: kind = "is not a regular file"
            }
        }
        if let kind {
            close(fd)
            throw CLIFailure(code: 1, message: "\(path):1:1: \(kind), not an OSM XML file; give a regular file")
        }
        return fd
    }
}
