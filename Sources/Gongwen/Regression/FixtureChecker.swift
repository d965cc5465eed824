import Foundation

/// Regression checks for rule authors: every fixture document (`*.txt` under a folder)
/// is parsed and compared with its expected JSON beside it (`NAME.json`). Differences
/// listed in the folder's `known-differences.tsv` are reported as known, not as failures.
public struct FixtureChecker: Sendable {
    /// The outcome for one fixture.
    public enum Outcome: Equatable, Sendable {
        /// Output equals the expected JSON (ignoring `generator` and known differences).
        case same
        /// Output differs at places not listed as known.
        case differs([JSONDifference])
        /// There is no expected file yet.
        case missingExpected
        /// The fixture or its expected file could not be read or parsed.
        case failed(String)
    }

    /// One checked fixture.
    public struct Result: Sendable {
        public var input: URL
        /// The fixture's path relative to the fixture folder.
        public var name: String
        public var expectedFile: URL
        public var outcome: Outcome
        /// Differences listed in `known-differences.tsv`.
        public var known: [JSONDifference] = []
        /// Listed differences that no longer differ: the tool now gets them right.
        public var fixed: [KnownDifferences.Entry] = []
        /// What `--update` writes: the output, with the expected values kept at the
        /// known differences (nil when parsing failed).
        public var update: [UInt8]?
    }

    public let pipeline: Pipeline
    /// The fixture folder (names in results and in the known list are relative to it).
    public let folder: URL
    public let knownDifferences: KnownDifferences
    private let encoder = DocumentEncoder(pretty: true)

    /// The folder whose `known-differences.tsv` applies: `folder` or the nearest parent
    /// that has one (so checking `Fixtures/seeds` still honours `Fixtures/`'s list).
    public let listFolder: URL

    /// A checker for the fixtures under `folder`, reading the `known-differences.tsv` of
    /// that folder or of its nearest parent that has one.
    public init(pipeline: Pipeline, folder: URL) throws {
        self.pipeline = pipeline
        self.folder = folder.standardizedFileURL
        var candidate = self.folder
        var found = self.folder
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(KnownDifferences.fileName).path) {
                found = candidate
                break
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { break }
            candidate = parent
        }
        self.listFolder = found
        self.knownDifferences = try KnownDifferences(folder: found)
    }

    /// Every `*.txt` below `folder`, sorted by path.
    public static func fixtures(in folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where url.pathExtension == "txt" {
            found.append(url.standardizedFileURL)
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The expected-output file of a fixture: `NAME.json` beside `NAME.txt`.
    public static func expectedFile(for input: URL) -> URL {
        input.deletingPathExtension().appendingPathExtension("json")
    }

    /// The fixture's path relative to the folder.
    public func name(of input: URL) -> String {
        relativePath(of: input, to: folder)
    }

    /// The fixture's path as `known-differences.tsv` names it.
    public func listName(of input: URL) -> String {
        relativePath(of: input, to: listFolder)
    }

    private func relativePath(of input: URL, to folder: URL) -> String {
        let base = folder.path
        let path = input.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// The JSON `gongwen` writes for a fixture (pretty, with a final newline).
    public func output(for input: URL) throws -> [UInt8] {
        let bytes = Array(try Data(contentsOf: input))
        let document = try pipeline.parse(bytes: bytes, name: input.lastPathComponent)
        return encoder.encode(document) + [0x0A]
    }

    /// Parses one fixture and compares it with its expected file.
    public func check(_ input: URL) -> Result {
        let name = name(of: input)
        let expectedFile = FixtureChecker.expectedFile(for: input)
        var result = Result(input: input, name: name, expectedFile: expectedFile, outcome: .same)
        let actual: [UInt8]
        do {
            actual = try output(for: input)
        } catch {
            result.outcome = .failed("cannot parse: \(error)")
            return result
        }
        result.update = actual
        guard let expectedData = FileManager.default.contents(atPath: expectedFile.path) else {
            result.outcome = .missingExpected
            return result
        }
        let expectedBytes = Array(expectedData)
        let listed = knownDifferences.entries(for: listName(of: input))
        if expectedBytes == actual {
            result.fixed = listed
            return result
        }
        do {
            let expected = try JSONValue(parsing: expectedBytes)
            let parsedActual = try JSONValue(parsing: actual)
            let differences = JSONDiff.documents(expected: expected, actual: parsedActual)
            let listedPaths = Set(listed.map(\.path))
            result.known = differences.filter { listedPaths.contains($0.path) }
            let unknown = differences.filter { !listedPaths.contains($0.path) }
            let differing = Set(differences.map(\.path))
            result.fixed = listed.filter { !differing.contains($0.path) }
            result.outcome = unknown.isEmpty ? .same : .differs(unknown)
            if !result.known.isEmpty {
                let patched = JSONPatch.carry(result.known.map(\.path), from: expected, into: parsedActual)
                var writer = JSONWriter(pretty: true)
                writer.value(patched)
                result.update = writer.bytes + [0x0A]
            }
        } catch {
            result.outcome = .failed("\(expectedFile.lastPathComponent): \(error)")
        }
        return result
    }
}
