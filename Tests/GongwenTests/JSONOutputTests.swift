import Foundation
@testable import Gongwen
import Testing

@Suite("JSON output")
struct JSONOutputTests {
    @Test func emptyDocumentHasEveryKeyInOrder() throws {
        let document = try Pipeline().parse(bytes: [], name: "empty.txt")
        let json = String(decoding: DocumentEncoder(pretty: false).encode(document), as: UTF8.self)
        let keys = ["schema", "generator", "source", "title", "issuer", "docNumber", "year", "date",
                    "preamble", "sections", "quantities", "diagnostics"]
        var position = json.startIndex
        for key in keys {
            let range = try #require(json.range(of: "\"\(key)\":", range: position..<json.endIndex), "missing \(key)")
            position = range.upperBound
        }
        #expect(json.contains("\"title\":null"))
        #expect(json.contains("\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""))
    }

    @Test func stringsAreEscaped() {
        var writer = JSONWriter(pretty: false)
        writer.beginArray()
        writer.string("a\"b\\c\nd\u{01}中")
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[\"a\\\"b\\\\c\\nd\\u0001中\"]")
    }

    /// Short strings take a byte-copy path and long ones a word-at-a-time scan: both must
    /// escape wherever the byte falls, and agree with Foundation's reading of the result.
    @Test(arguments: [
        "", "q1", "个", "\"", "ab\\", "\tx", "中文中文中文中文\"", String(repeating: "中", count: 8) + "\n",
        String(repeating: "a", count: 24), String(repeating: "a", count: 25) + "\"", "\u{1F}" + String(repeating: "长", count: 40),
        String(repeating: "长", count: 40) + "\\", String(repeating: "x\"", count: 30),
    ])
    func stringsRoundTrip(_ text: String) throws {
        var writer = JSONWriter(pretty: false)
        writer.beginArray()
        writer.string(text)
        writer.endArray()
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(parsed == [text])
    }

    /// Short strings are checked and copied a word at a time, words overlapping at the
    /// end: an escape at any position of any length up to past the short path must be
    /// found, and a clean string copied whole.
    @Test func escapesAtEveryPositionOfShortStrings() throws {
        for length in 0...72 {
            var texts = [String(repeating: "b", count: length)]
            for position in 0..<length {
                for escaped in ["\"", "\\", "\n", "\u{1F}"] {
                    var characters = Array(repeating: "a", count: length)
                    characters[position] = escaped
                    texts.append(characters.joined())
                }
            }
            for text in texts {
                var writer = JSONWriter(pretty: false)
                writer.beginArray()
                writer.string(text)
                writer.endArray()
                let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
                #expect(parsed == [text], "length \(length): \(text.debugDescription)")
            }
        }
    }

    /// Numbers are counted and written two digits at a time: every length and sign must
    /// read as `description` does, alone and in a span.
    @Test func integersMatchDescription() {
        let values = [0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 9999, 10000, 99999, 100_000, 999_999,
                      1_000_000, 123_456_789, Int.max, Int.min, -1, -10, -99_999]
        for value in values {
            var writer = JSONWriter(pretty: false)
            writer.beginArray()
            writer.int(value)
            writer.span(Span(value, 12))
            writer.endArray()
            #expect(String(decoding: writer.bytes, as: UTF8.self) == "[\(value),[\(value),12]]")
        }
    }

    /// The encoder writes enum values from `StaticString`s: each must spell its raw value.
    @Test func enumValuesSpellTheirRawValues() {
        for value in SectionStyle.allCases { #expect("\(value.json)" == value.rawValue) }
        for value in Comparator.allCases { #expect("\(value.json)" == value.rawValue) }
        for value in Change.allCases { #expect("\(value.json)" == value.rawValue) }
        for value in Role.allCases { #expect("\(value.json)" == value.rawValue) }
        for value in Dimension.allCases { #expect("\(value.json)" == value.rawValue) }
        for value in [Diagnostic.Severity.info, .warning, .error] { #expect("\(value.json)" == value.rawValue) }
    }

    @Test func prettyAndCompactCarryTheSameData() throws {
        let bytes = try FixturePaths.bytes("seeds/000_b45d32b8338ddaf9.txt")
        let document = try Pipeline().parse(bytes: bytes, name: "seed.txt")
        let pretty = try JSONSerialization.jsonObject(with: Data(DocumentEncoder(pretty: true).encode(document))) as? NSDictionary
        let compact = try JSONSerialization.jsonObject(with: Data(DocumentEncoder(pretty: false).encode(document))) as? NSDictionary
        #expect(pretty == compact)
    }
}
