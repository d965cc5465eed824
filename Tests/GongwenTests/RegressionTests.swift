import Foundation
@testable import Gongwen
import Testing

/// `gongwen check` as part of the suite: every fixture document's output equals its
/// expected JSON. After a deliberate rule change, run `gongwen check --update`.
@Suite("Fixture regression")
struct RegressionTests {
    static let fixtures = FixtureChecker.fixtures(in: FixturePaths.fixtures)

    @Test func thereAreFixtures() {
        #expect(Self.fixtures.count >= 25)
    }

    @Test(arguments: fixtures)
    func fixtureMatchesExpectedJSON(input: URL) throws {
        let result = (try FixtureChecker(pipeline: try Pipeline(), folder: FixturePaths.fixtures)).check(input)
        switch result.outcome {
        case .same:
            break
        case .differs(let differences):
            let shown = differences.prefix(20).map { "  \($0)" }.joined(separator: "\n")
            Issue.record("\(input.lastPathComponent) differs from \(result.expectedFile.lastPathComponent) (run `gongwen check --update` after a deliberate change):\n\(shown)")
        case .missingExpected:
            Issue.record("\(input.lastPathComponent) has no expected file; run `gongwen check --update`")
        case .failed(let message):
            Issue.record("\(input.lastPathComponent): \(message)")
        }
        for entry in result.fixed {
            Issue.record("\(entry.fixture) \(entry.path) is right now: remove line \(entry.line) of \(KnownDifferences.fileName)")
        }
    }

    @Test(arguments: fixtures)
    func twoRunsAreByteIdentical(input: URL) throws {
        let checker = (try FixtureChecker(pipeline: try Pipeline(), folder: FixturePaths.fixtures))
        #expect(try checker.output(for: input) == checker.output(for: input))
    }

    @Test func changedValueIsNamedWithPathAndBothValues() throws {
        let input = FixturePaths.fixtures.appendingPathComponent("seeds/001_2352938c2767157c.txt")
        let checker = (try FixtureChecker(pipeline: try Pipeline(), folder: FixturePaths.fixtures))
        let actual = try JSONValue(parsing: checker.output(for: input))
        // Change one value: the first quantity's comparator, or the title when there is none.
        var edited = actual
        if case .object(var members) = actual, let index = members.firstIndex(where: { $0.key == "title" }) {
            members[index].value = .string("改过的标题")
            edited = .object(members)
        }
        let differences = JSONDiff.documents(expected: edited, actual: actual)
        #expect(differences.count == 1)
        #expect(differences.first?.path == "title")
        #expect(differences.first?.expected == "\"改过的标题\"")
        #expect(differences.first?.actual == actual["title"]?.compactText)
    }

    @Test func quantityDifferencesAreNamedByID() throws {
        let expected = try JSONValue(parsing: Array("""
            {"quantities":[{"id":"q1","text":"5%","span":[3,5],"comparator":">="},{"id":"q2","text":"3家","span":[9,11],"comparator":null}]}
            """.utf8))
        let actual = try JSONValue(parsing: Array("""
            {"quantities":[{"id":"q1","text":"2个","span":[1,3],"comparator":null},{"id":"q2","text":"5%","span":[3,5],"comparator":null},{"id":"q3","text":"3家","span":[9,11],"comparator":null}]}
            """.utf8))
        let lines = JSONDiff.documents(expected: expected, actual: actual).map(\.description)
        #expect(lines.contains("quantities[q1].comparator: expected \">=\", actual null"))
        #expect(lines.contains("quantities[q1]: extra (actual 2个 at [1,3])"))
        #expect(lines.count == 2)
    }

    @Test func sectionDifferencesFollowTheTree() throws {
        let expected = try JSONValue(parsing: Array("""
            {"sections":[{"id":"1","heading":"总体要求","headingSpan":[2,6],"children":[{"id":"1.1","heading":"目标","headingSpan":[10,12],"children":[]}]}]}
            """.utf8))
        let actual = try JSONValue(parsing: Array("""
            {"sections":[{"id":"1","heading":"总体要求","headingSpan":[2,6],"children":[{"id":"1.1","heading":"目标任务","headingSpan":[10,12],"children":[]}]}]}
            """.utf8))
        let differences = JSONDiff.documents(expected: expected, actual: actual)
        #expect(differences.map(\.description) == ["sections[0].children[0].heading: expected \"目标\", actual \"目标任务\""])
    }

    @Test func jsonValueParsesWhatTheEncoderWrites() throws {
        let input = FixturePaths.fixtures.appendingPathComponent("seeds/000_b45d32b8338ddaf9.txt")
        let bytes = try (try FixtureChecker(pipeline: try Pipeline(), folder: FixturePaths.fixtures)).output(for: input)
        let value = try JSONValue(parsing: bytes)
        #expect(value["schema"]?.stringValue == "gongwen.document/1")
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array("{\"a\":}".utf8)) }
    }
}

@Suite("JSON diff of arrays")
struct JSONDiffArrayTests {
    func value(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }

    @Test func insertedElementIsOneExtra() throws {
        let expected = try value(#"{"preamble":[{"text":"a"},{"text":"b"},{"text":"c"}]}"#)
        let actual = try value(#"{"preamble":[{"text":"x"},{"text":"a"},{"text":"b"},{"text":"c"}]}"#)
        #expect(JSONDiff.documents(expected: expected, actual: actual).map(\.description)
                == [#"preamble[0]: extra (actual {"text":"x"})"#])
    }

    @Test func changedElementIsComparedFieldByField() throws {
        let expected = try value(#"{"preamble":[{"text":"a"},{"text":"b"},{"text":"c"}]}"#)
        let actual = try value(#"{"preamble":[{"text":"a"},{"text":"B"},{"text":"c"}]}"#)
        #expect(JSONDiff.documents(expected: expected, actual: actual).map(\.description)
                == [#"preamble[1].text: expected "b", actual "B""#])
    }

    @Test func removedElementIsOneMissing() throws {
        let expected = try value(#"{"diagnostics":[{"code":"a"},{"code":"b"}]}"#)
        let actual = try value(#"{"diagnostics":[{"code":"b"}]}"#)
        #expect(JSONDiff.documents(expected: expected, actual: actual).map(\.description)
                == [#"diagnostics[0]: missing (expected {"code":"a"})"#])
    }
}

@Suite("Known differences")
struct KnownDifferencesTests {
    func value(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }

    @Test func everyListedFixtureExists() throws {
        let known = try KnownDifferences(folder: FixturePaths.fixtures)
        for entry in known.entries {
            #expect(FileManager.default.fileExists(atPath: FixturePaths.fixtures.appendingPathComponent(entry.fixture).path),
                    "known-differences.tsv:\(entry.line) names a missing fixture \(entry.fixture)")
            #expect(!entry.reason.isEmpty, "known-differences.tsv:\(entry.line) gives no reason")
        }
    }

    @Test func patchKeepsExpectedValuesAtKnownPaths() throws {
        let expected = try value(#"{"title":"甲","sections":[{"headingSpan":[5,9],"heading":"目标","children":[]}],"quantities":[{"id":"q1","span":[3,5],"role":"other"}]}"#)
        let actual = try value(#"{"title":"乙","sections":[{"headingSpan":[5,9],"heading":"目标任务","children":[]}],"quantities":[{"id":"q1","span":[1,2],"role":"target"},{"id":"q2","span":[3,5],"role":"baseline"}]}"#)
        let patched = JSONPatch.carry(["quantities[q1].role", "sections[0].heading"], from: expected, into: actual)
        #expect(patched["quantities"]?.elements[1]["role"] == .string("other"))
        #expect(patched["quantities"]?.elements[0]["role"] == .string("target"))
        #expect(patched["sections"]?.elements[0]["heading"] == .string("目标"))
        #expect(patched["title"] == .string("乙"))
    }

    @Test func parsedOutputReserializesByteForByte() throws {
        let input = FixturePaths.fixtures.appendingPathComponent("seeds/002_08fb4489c5a11158.txt")
        let bytes = try (try FixtureChecker(pipeline: try Pipeline(), folder: FixturePaths.fixtures)).output(for: input)
        var writer = JSONWriter(pretty: true)
        writer.value(try JSONValue(parsing: bytes))
        #expect(writer.bytes + [0x0A] == bytes)
    }
}
