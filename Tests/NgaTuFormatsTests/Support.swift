import Foundation
import NgaTuCore
@testable import NgaTuFormats

/// Paths of the test fixtures (copied into the test bundle).
enum Fixture {
    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}

/// Runs `body` and returns the `InputError` it throws, or nil when it throws none.
func inputError<T>(_ body: () throws(InputError) -> T) -> InputError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
