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
        let result = FixtureChecker(pipeline: try Pipeline()).check(input)
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
    }

    @Test(arguments: fixtures)
    func twoRunsAreByteIdentical(input: URL) throws {
        let checker = FixtureChecker(pipeline: try Pipeline())
        #expect(try checker.output(for: input) == checker.output(for: input))
    }

    @Test func changedValueIsNamedWithPathAndBothValues() throws {
        let input = FixturePaths.fixtures.appendingPathComponent("seeds/001_2352938c2767157c.txt")
        let checker = FixtureChecker(pipeline: try Pipeline())
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
        let bytes = try FixtureChecker(pipeline: try Pipeline()).output(for: input)
        let value = try JSONValue(parsing: bytes)
        #expect(value["schema"]?.stringValue == "gongwen.document/1")
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array("{\"a\":}".utf8)) }
    }
}
