import Foundation
import Testing
@testable import NgaTuResults

/// `OutputFile.refusal(_:unlessMarked:by:)`: a command replaces only what it wrote itself
/// (`ngatu import-sumo`'s maps and scenarios, `ngatu calibrate`'s files).
@Suite struct OutputFileOwnershipTests {
    @Test func aFileTheUserWroteIsRefusedAndOneTheCommandWroteIsNot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ownership-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let marker = "by ngatu import-sumo"
        let absent = dir.appendingPathComponent("new.yaml").path
        #expect(OutputFile.refusal(absent, unlessMarked: marker, by: "ngatu import-sumo") == nil)

        let ours = dir.appendingPathComponent("ours.yaml").path
        try "# Imported from SUMO by ngatu import-sumo: grid.net.xml\nmap: grid\n".write(toFile: ours, atomically: true, encoding: .utf8)
        #expect(OutputFile.refusal(ours, unlessMarked: marker, by: "ngatu import-sumo") == nil)

        let users = dir.appendingPathComponent("mine.yaml").path
        let text = "map: mine\n# a note that mentions ngatu import-sumo but not as its writer\n"
        try text.write(toFile: users, atomically: true, encoding: .utf8)
        #expect(OutputFile.refusal(users, unlessMarked: marker, by: "ngatu import-sumo")
                == "\(users) exists and was not written by ngatu import-sumo; it is left as it is (choose another --out)")
        #expect(try String(contentsOfFile: users, encoding: .utf8) == text)

        // A marker outside a comment line does not make the file ours.
        let quoted = dir.appendingPathComponent("quoted.yaml").path
        try "title: \"made by ngatu import-sumo\"\n".write(toFile: quoted, atomically: true, encoding: .utf8)
        #expect(OutputFile.refusal(quoted, unlessMarked: marker, by: "ngatu import-sumo") != nil)
    }
}
