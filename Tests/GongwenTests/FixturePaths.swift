import Foundation

/// Paths of the repository's folders, found from this file's location.
enum FixturePaths {
    /// The repository root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // GongwenTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let fixtures = root.appendingPathComponent("Fixtures")
    static let grammars = root.appendingPathComponent("Grammars")

    /// The bytes of a fixture file, e.g. `encodings/empty.txt`.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(relativePath)))
    }
}
