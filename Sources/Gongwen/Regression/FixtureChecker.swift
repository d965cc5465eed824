import Foundation

/// Regression checks for rule authors: every fixture document (`*.txt` under a folder)
/// is parsed and compared with its expected JSON beside it (`NAME.json`).
public struct FixtureChecker: Sendable {
    /// The outcome for one fixture.
    public enum Outcome: Equatable, Sendable {
        /// Output equals the expected JSON (ignoring `generator`).
        case same
        /// Output differs.
        case differs([JSONDifference])
        /// There is no expected file yet.
        case missingExpected
        /// The fixture or its expected file could not be read or parsed.
        case failed(String)
    }

    /// One checked fixture.
    public struct Result: Sendable {
        public var input: URL
        public var expectedFile: URL
        public var outcome: Outcome
        /// The output as it would be written by `--update` (nil when parsing failed).
        public var actual: [UInt8]?
    }

    public let pipeline: Pipeline
    private let encoder = DocumentEncoder(pretty: true)

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
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

    /// The JSON `gongwen` writes for a fixture (pretty, with a final newline).
    public func output(for input: URL) throws -> [UInt8] {
        let bytes = Array(try Data(contentsOf: input))
        let document = try pipeline.parse(bytes: bytes, name: input.lastPathComponent)
        return encoder.encode(document) + [0x0A]
    }

    /// Parses one fixture and compares it with its expected file.
    public func check(_ input: URL) -> Result {
        let expectedFile = FixtureChecker.expectedFile(for: input)
        let actual: [UInt8]
        do {
            actual = try output(for: input)
        } catch {
            return Result(input: input, expectedFile: expectedFile, outcome: .failed("cannot parse: \(error)"), actual: nil)
        }
        guard let expectedData = FileManager.default.contents(atPath: expectedFile.path) else {
            return Result(input: input, expectedFile: expectedFile, outcome: .missingExpected, actual: actual)
        }
        let expectedBytes = Array(expectedData)
        if expectedBytes == actual {
            return Result(input: input, expectedFile: expectedFile, outcome: .same, actual: actual)
        }
        do {
            let differences = JSONDiff.documents(expected: try JSONValue(parsing: expectedBytes),
                                                 actual: try JSONValue(parsing: actual))
            return Result(input: input, expectedFile: expectedFile,
                          outcome: differences.isEmpty ? .same : .differs(differences), actual: actual)
        } catch {
            return Result(input: input, expectedFile: expectedFile,
                          outcome: .failed("\(expectedFile.lastPathComponent): \(error)"), actual: actual)
        }
    }
}
