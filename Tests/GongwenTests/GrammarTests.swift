import Foundation
@testable import Gongwen
import Testing

@Suite("Grammar loading")
struct GrammarTests {
    func load(_ text: String, file: String = "units.rules") throws(GrammarError) -> Grammar {
        try Grammar(files: [(file, text)], defaultName: "test")
    }

    @Test func builtInGrammarLoadsAndCompiles() throws {
        let grammar = Grammar.builtIn
        #expect(grammar.name == "gongwen-default")
        #expect(grammar.sha256.count == 64)
        #expect(!grammar.rules("unit").isEmpty)
        _ = try Pipeline(grammar: grammar)
    }

    @Test func repositoryGrammarEqualsTheBuiltInOne() throws {
        let fromDisk = try Grammar(directory: FixturePaths.grammars)
        #expect(fromDisk.sha256 == Grammar.builtIn.sha256)
    }

    @Test func fieldsAndQuotes() throws {
        let grammar = try load("""
            # comment line
            unit 亿元 base=元 scale=100000000 dimension=currency   # trailing comment
            unit "个 百分点" base="百分点" dimension=ratio
            """)
        let rules = grammar.rules("unit")
        #expect(rules.count == 2)
        #expect(rules[0]["scale"] == "100000000")
        #expect(rules[0].decimal("scale") == ExactDecimal(100_000_000))
        #expect(rules[0].line == 2)
        #expect(rules[1].name == "个 百分点")
    }

    @Test func continuationLines() throws {
        let grammar = try load("unit 万元 base=元 \\\n   scale=10000 dimension=currency\n")
        #expect(grammar.rules("unit").first?.int("scale") == 10000)
    }

    @Test("errors name file, line and rule", arguments: [
        ("unit 亿元 base=元 dimension=money", "units.rules:1: rule unit 亿元: field 'dimension' must be one of currency, count, ratio, area, mass, length, volume, energy, power, duration, temperature, other; found 'money'"),
        ("\n\nunit 亿元 dimension=currency", "units.rules:3: rule unit 亿元: missing field 'base' (the base unit the value is expressed in (万元 → 元))"),
        ("unit 亿元 base=元 scale=lots dimension=currency", "units.rules:1: rule unit 亿元: field 'scale' must be a decimal number, found 'lots'"),
        ("unit 亿元 base=元 dimension=currency colour=red", "units.rules:1: rule unit 亿元: unknown field 'colour' (a unit rule takes: base, scale, dimension)"),
        ("unit 亿元 base=元 base=元 dimension=currency", "units.rules:1: rule unit 亿元: field 'base' is given twice"),
        ("unit 亿元 base=\"元 dimension=currency", "units.rules:1: unterminated quoted value"),
        ("unit", "units.rules:1: a rule needs a kind and a name, e.g. 'unit 亿元 base=元 …'; found only 'unit'"),
        ("unit 元 base=元 dimension=currency\nunit 元 base=元 dimension=currency", "units.rules:2: rule unit 元: defined twice (first at units.rules:1)"),
        ("keep x chars=U+ZZZZ", "units.rules:1: rule keep x: field 'chars' must be code points like U+2460..U+24FF|U+3000, found 'U+ZZZZ'"),
    ])
    func errors(text: String, message: String) {
        do {
            _ = try load(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func unknownKindListsTheKnownOnes() {
        do {
            _ = try load("colour red")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("units.rules:1: rule colour red: unknown rule kind 'colour' (known kinds: "))
        }
    }

    @Test func directoryErrorsNameThePath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-grammar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("unit 元 base=元 dimension=cash\n".utf8).write(to: folder.appendingPathComponent("units.rules"))
        do {
            _ = try Grammar(directory: folder)
            Issue.record("expected an error")
        } catch {
            #expect(error.file == folder.appendingPathComponent("units.rules").path)
            #expect(error.line == 1)
            #expect(error.rule == "unit 元")
        }
    }

    @Test func emptyFolderIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: GrammarError.self) { try Grammar(directory: folder) }
    }
}
