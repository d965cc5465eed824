@testable import Gongwen
import Testing

@Suite("Normalization")
struct NormalizerTests {
    let normalizer = Normalizer(rules: NormalizationRules(grammar: .builtIn))

    func clean(_ text: String) -> String {
        let normalized = normalizer.normalize(DecodedText(text))
        return normalized.string(0..<normalized.text.count)
    }

    func key(_ text: String) -> String {
        let normalized = normalizer.normalize(DecodedText(text))
        return normalized.keyString(0..<normalized.key.count)
    }

    @Test("NFKC folds fullwidth digits, letters and punctuation", arguments: [
        ("２０２４年", "2024年"), ("（一）", "(一)"), ("１．", "1."), ("５％以上", "5%以上"),
        ("ＧＤＰ", "GDP"), ("R＆D", "R&D"), ("，；：！？", ",;:!?"), ("中文。", "中文。"),
    ])
    func nfkc(input: String, expected: String) {
        #expect(clean(input) == expected)
    }

    @Test("spaces of every kind become a plain space", arguments: [
        "\u{3000}", "\u{00A0}", "\u{2002}", "\u{2003}", "\u{202F}", "\u{205F}",
    ])
    func spaces(space: String) {
        #expect(clean("第\(space)1\(space)条") == "第 1 条")
    }

    @Test func lineBreaksBecomeNewlines() {
        #expect(clean("一\r\n二\r三\n四") == "一\n二\n三\n四")
    }

    @Test func zeroWidthCharactersAreDropped() {
        #expect(clean("新\u{200B}增\u{FEFF}") == "新增")
    }

    @Test("marker characters keep their form", arguments: ["①", "⑳", "⑴", "⒈", "㈠", "Ⅱ"])
    func markersAreKept(marker: String) {
        #expect(clean(marker + "加强领导") == marker + "加强领导")
    }

    @Test("range dashes and tildes read as '-' in the matching view only", arguments: [
        "3—5家", "3–5家", "3-5家", "3~5家", "3～5家", "3〜5家", "3－5家", "3‒5家",
    ])
    func dashes(text: String) {
        #expect(key(text) == "3-5家")
        #expect(clean(text).unicodeScalars.count == 4)
    }

    @Test func matchingViewIsSimplified() {
        #expect(key("營業額達到1.2億元") == "营业额达到1.2亿元")
        #expect(clean("營業額達到1.2億元") == "營業額達到1.2億元")
        let simplifying = Normalizer(rules: NormalizationRules(grammar: .builtIn), simplified: true)
        let normalized = simplifying.normalize(DecodedText("營業額達到1.2億元"))
        #expect(normalized.string(0..<normalized.text.count) == "营业额达到1.2亿元")
    }

    @Test func expansionsMapToTheirSource() {
        let normalized = normalizer.normalize(DecodedText("气温7℃左右"))
        #expect(normalized.string(0..<normalized.text.count) == "气温7°C左右")
        // Both clean scalars of °C come from the one original ℃ at offset 3.
        #expect(normalized.span(3..<5) == Span(3, 4))
        #expect(normalized.span(3..<4) == Span(3, 4))
    }

    @Test func crlfMapsToBothCharacters() {
        let normalized = normalizer.normalize(DecodedText("一\r\n二"))
        #expect(normalized.span(1..<2) == Span(1, 3))
        #expect(normalized.span(2..<3) == Span(3, 4))
    }
}
