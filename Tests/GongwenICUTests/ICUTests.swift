import GongwenICU
import Testing

@Suite("ICU wrappers")
struct ICUTests {
    @Test func versionIsReported() {
        #expect(!icuVersion.isEmpty)
        #expect(icuVersion.first?.isNumber == true)
    }

    @Test("NFKC folds fullwidth forms", arguments: [
        ("１２３", "123"), ("（一）", "(一)"), ("５％", "5%"), ("ＡＢＣ", "ABC"), ("\u{3000}", " "), ("中文", "中文"),
    ])
    func nfkc(input: String, expected: String) throws {
        #expect(try NFKC.normalize(input) == expected)
    }

    @Test func inertAndBoundaryFacts() {
        #expect(NFKC.isInert("中"))
        #expect(!NFKC.isInert("１"))
        #expect(NFKC.hasBoundaryBefore("a"))
        #expect(!NFKC.hasBoundaryBefore("\u{0301}"))
    }

    @Test func gb18030RoundTrip() throws {
        // "科技" in GB18030.
        let output = try Transcoder(encoding: "GB18030").decode([0xBF, 0xC6, 0xBC, 0xBC], lossy: false)
        #expect(String(decoding: output.utf16, as: UTF16.self) == "科技")
        #expect(output.replacements == 0)
    }

    @Test func invalidBytesNameTheOffset() throws {
        // 0xFF is never valid in GB18030.
        #expect(throws: Transcoder.Failure.invalidBytes(offset: 2)) {
            try Transcoder(encoding: "GB18030").decode([0xBF, 0xC6, 0xFF, 0xBC, 0xBC], lossy: false)
        }
    }

    @Test func lossyConversionReplacesAndCounts() throws {
        let output = try Transcoder(encoding: "GB18030").decode([0xBF, 0xC6, 0xFF, 0xBC, 0xBC], lossy: true)
        #expect(String(decoding: output.utf16, as: UTF16.self) == "科\u{FFFD}技")
        #expect(output.replacements == 1)
        #expect(output.firstInvalidOffset == 2)
    }

    @Test func unknownEncoding() {
        #expect(throws: Transcoder.Failure.unknownEncoding("no-such-encoding")) {
            try Transcoder(encoding: "no-such-encoding")
        }
    }

    @Test func traditionalToSimplified() throws {
        let transliterator = try Transliterator(id: "Traditional-Simplified")
        #expect(try transliterator.transliterate("萬億臺灣") == "万亿台湾")
    }

    @Test func regexFindsAndReportsSyntaxErrors() throws {
        let regex = try ICURegex("[0-9]+家")
        #expect(regex.firstMatch(in: "新增200家企业") == 2..<6)
        #expect(regex.copy().matches("3家"))
        #expect(throws: ICURegex.SyntaxError.self) { try ICURegex("(unclosed") }
    }
}
