import GongwenICU
import Testing
@testable import Gongwen

/// The start-up tables are built from ICU in bulk; these tests build them the plain way
/// (one ICU or stdlib call per code point, the transliterator opened by id) and compare.
@Suite("Character tables")
struct CharacterTablesTests {
    @Test func nfkcTablesMatchPerCodePointICUCalls() throws {
        for value in UInt32(0)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else {
                #expect(CharacterTables.nfkc[Int(value)] == CharacterTables.identity)
                #expect(!CharacterTables.joinsPrevious[Int(value)])
                continue
            }
            #expect(CharacterTables.joinsPrevious[Int(value)] == !NFKC.hasBoundaryBefore(scalar), "U+\(value)")
            if NFKC.isInert(scalar) {
                #expect(CharacterTables.nfkc[Int(value)] == CharacterTables.identity, "U+\(value)")
                continue
            }
            let scalars = Array(String(decoding: try NFKC.normalize([UInt16(value)]), as: UTF16.self).unicodeScalars)
            if scalars.count == 1 {
                #expect(CharacterTables.nfkc[Int(value)] == scalars[0].value, "U+\(value)")
            } else {
                #expect(CharacterTables.nfkc[Int(value)] == CharacterTables.expands, "U+\(value)")
                #expect(CharacterTables.nfkcExpansions[value] == scalars, "U+\(value)")
            }
        }
    }

    @Test func spaceSeparatorsMatchTheStandardLibrary() {
        for value in UInt32(0)..<0x10000 {
            let expected = Unicode.Scalar(value)?.properties.generalCategory == .spaceSeparator
            #expect(CharacterTables.spaceSeparators[Int(value)] == expected, "U+\(value)")
        }
    }

    /// The table the plain way: the transliterator opened by id, the source set run through
    /// it a few hundred code points at a time, one per line.
    static func referenceSimplifiedTable() throws -> [UInt32] {
        let transliterator = try Transliterator(id: "Traditional-Simplified")
        var table = [UInt32](repeating: CharacterTables.identity, count: 0x10000)
        var values: [UInt32] = []
        for range in try transliterator.sourceSet() {
            for value in range where value < 0x10000 && !(0xD800...0xDFFF).contains(value) { values.append(value) }
        }
        var start = 0
        while start < values.count {
            let chunk = values[start..<min(start + 256, values.count)]
            var units: [UInt16] = []
            for value in chunk { units += [UInt16(value), 0x0A] }
            let lines = String(decoding: try transliterator.transliterate(units), as: UTF16.self)
                .split(separator: "\n", omittingEmptySubsequences: false)
            for (offset, value) in chunk.enumerated() {
                let scalars = lines[offset].unicodeScalars
                if scalars.count == 1, let only = scalars.first, only.value != value { table[Int(value)] = only.value }
            }
            start += 256
        }
        return table
    }

    @Test func simplifiedTableMatchesTheTransliteratorOpenedById() throws {
        let table = CharacterTables.simplified
        #expect(table == (try CharacterTablesTests.referenceSimplifiedTable()))
        #expect(table[0x570B] == 0x56FD)  // 國 → 国
        #expect(table.filter { $0 != CharacterTables.identity }.count > 2000)
    }

    @Test func normalizerTablesMatchPerCodePointRules() {
        let rules = NormalizationRules(grammar: .builtIn)
        let normalizer = Normalizer(rules: rules)
        var fold = CharacterTables.nfkc
        var keyFold = [UInt32](repeating: CharacterTables.identity, count: 0x10000)
        for value in 0..<0x10000 {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            if rules.keep.contains(scalar) { fold[value] = CharacterTables.identity }
            if rules.drop.contains(scalar) { fold[value] = Normalizer.drop }
            if fold[value] < 0x110000, let folded = Unicode.Scalar(fold[value]),
               folded.properties.generalCategory == .spaceSeparator {
                fold[value] = 0x20
            } else if fold[value] == CharacterTables.identity, value != 0x20,
                      scalar.properties.generalCategory == .spaceSeparator {
                fold[value] = 0x20
            }
            if CharacterTables.simplified[value] != CharacterTables.identity { keyFold[value] = CharacterTables.simplified[value] }
            if rules.dashes.contains(scalar) { keyFold[value] = 0x2D }
        }
        for value in 0..<0x10000 where fold[value] < 0x10000 && rules.dashes.contains(Unicode.Scalar(fold[value])!) {
            keyFold[Int(fold[value])] = 0x2D
        }
        #expect(normalizer.fold == fold)
        #expect(normalizer.keyFold == keyFold)
    }
}

@Suite("Normalization: texts that expand")
struct NormalizerExpansionTests {
    @Test func textsThatExpandMuchStillNormalizeWhole() {
        let normalizer = Normalizer(rules: NormalizationRules(grammar: .builtIn))
        for (piece, expected) in [("℃", "°C"), ("\u{FDFA}", String(String.UnicodeScalarView(CharacterTables.nfkcExpansions[0xFDFA]!)))] {
            for repeats in [1, 15, 16, 17, 200] {
                let text = String(repeating: "一" + piece, count: repeats)
                let normalized = normalizer.normalize(DecodedText(text))
                #expect(normalized.string(0..<normalized.text.count) == String(repeating: "一" + expected, count: repeats))
                #expect(normalized.key.count == normalized.text.count && normalized.map.count == normalized.text.count)
                #expect(normalized.span(0..<normalized.text.count) == Span(0, 2 * repeats))
            }
        }
    }
}
