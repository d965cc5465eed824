@testable import Gongwen
import Testing

/// The offset map as a property: for many random ranges of the clean text, slicing the
/// original at the mapped span and normalizing it gives the same clean text.
@Suite("Offset map property")
struct OffsetMapPropertyTests {
    let normalizer = Normalizer(rules: NormalizationRules(grammar: .builtIn))

    /// Texts mixing what normalization changes: fullwidth, spaces, CRLF, expansions,
    /// zero-width characters, kept markers, Traditional characters.
    static let samples = [
        "（一）全年新增２００家企业，增长５％以上。\r\n（二）气温７℃左右，面积３．５万亩。",
        "一、总体目标\u{3000}\u{3000}到２０２５年，研发投入强度达到２.５％。①加强领导；②完善机制。",
        "第\u{00A0}1\u{00A0}0\u{00A0}条\u{200B}  最高奖励５０万元。㈠组织保障⑴资金保障\r\r\n",
        "臺北市雨水下水道計畫興建總長度約 540 公里，已完成 522.158公里。Ⅱ、實施計畫",
        "e\u{0301}cole ＡＢＣ ｱｲｳ ㍻ ㎡ ﬁ \u{1D400}𝐀 ＃１",
    ]

    @Test(arguments: samples)
    func randomRangesRoundTrip(sample: String) {
        let normalized = normalizer.normalize(DecodedText(sample))
        let count = normalized.text.count
        var generator = SplitMix64(seed: UInt64(sample.unicodeScalars.count))
        for _ in 0..<500 {
            let a = Int(generator.next() % UInt64(count + 1))
            let b = Int(generator.next() % UInt64(count + 1))
            let range = min(a, b)..<max(a, b)
            // A range that cuts an expansion (`°|C` of `℃`) has no source of its own.
            guard normalized.map.isBoundary(range.lowerBound), normalized.map.isBoundary(range.upperBound) else { continue }
            let original = normalized.originalString(range)
            let again = normalizer.normalize(DecodedText(original))
            let expected = normalized.string(range)
            let actual = again.string(0..<again.text.count)
            #expect(actual == expected, "range \(range) of \(sample.debugDescription)")
        }
    }

    @Test(arguments: samples)
    func spansAreMonotonicAndInBounds(sample: String) {
        let normalized = normalizer.normalize(DecodedText(sample))
        var previousEnd = 0
        for index in 0..<normalized.text.count {
            let span = normalized.span(index..<index + 1)
            #expect(span.start <= span.end)
            #expect(span.end <= normalized.original.scalars.count)
            #expect(span.start >= previousEnd || span.end == previousEnd)
            previousEnd = max(previousEnd, span.end)
        }
    }
}

/// A small deterministic random generator, so failures reproduce.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
