import Foundation

/// Places where a fixture's expected JSON holds the truth (for the seeds: the gold
/// annotations) and the tool does not reach it yet, listed in `known-differences.tsv` at
/// the top of the fixture folder:
///
///     # fixture<TAB>path<TAB>why
///     seeds/003_c779d1736a54a27d.txt	quantities[q9].role	a count that only describes (民族) reads as a reached value
///
/// `gongwen check` reports these as known instead of failing, reports an entry that no
/// longer differs as fixed (so the list stays true), and `--update` keeps the expected
/// value at these paths.
public struct KnownDifferences: Sendable {
    /// One listed difference.
    public struct Entry: Equatable, Sendable {
        /// The fixture, relative to the fixture folder (`seeds/003_….txt`).
        public var fixture: String
        /// The element path as `check` prints it (`quantities[q9].role`).
        public var path: String
        /// Why the tool differs.
        public var reason: String
        /// Line in the list file.
        public var line: Int
    }

    /// The list file's name in a fixture folder.
    public static let fileName = "known-differences.tsv"

    public private(set) var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads the list of a fixture folder; no file means no known differences.
    public init(folder: URL) throws {
        let url = folder.appendingPathComponent(KnownDifferences.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let text = try String(contentsOf: url, encoding: .utf8)
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 2 else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [
                    NSLocalizedDescriptionKey: "\(url.path):\(number): expected fixture<TAB>path<TAB>why",
                ])
            }
            entries.append(Entry(fixture: cells[0], path: cells[1], reason: cells.count > 2 ? cells[2] : "", line: number))
        }
    }

    /// The entries of one fixture.
    public func entries(for fixture: String) -> [Entry] {
        entries.filter { $0.fixture == fixture }
    }
}
