import Foundation
@testable import Gongwen
import Testing

@Suite("Decoding")
struct DecoderTests {
    let sample = "科技工作要点：新增200家，增长5%。"

    /// Ways of writing the sample as bytes.
    enum Form: String, CaseIterable, Sendable {
        case utf8, utf8WithBOM, utf16LE, utf16BE

        var encoding: String {
            switch self {
            case .utf8, .utf8WithBOM: return "UTF-8"
            case .utf16LE: return "UTF-16LE"
            case .utf16BE: return "UTF-16BE"
            }
        }

        func bytes(_ text: String) -> [UInt8] {
            switch self {
            case .utf8: return Array(text.utf8)
            case .utf8WithBOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
            case .utf16LE: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case .utf16BE: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            }
        }
    }

    @Test("each encoding decodes to the same text", arguments: Form.allCases)
    func detects(form: Form) throws {
        let decoded = try Decoder().decode(form.bytes(sample))
        #expect(decoded.encoding == form.encoding)
        #expect(decoded.string == sample)
    }

    @Test func gb18030IsDetectedWhenNotUTF8() throws {
        // "科技新增200家" in GB18030.
        let bytes: [UInt8] = [0xBF, 0xC6, 0xBC, 0xBC, 0xD0, 0xC2, 0xD4, 0xF6, 0x32, 0x30, 0x30, 0xBC, 0xD2]
        let decoded = try Decoder().decode(bytes)
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.string == "科技新增200家")
    }

    @Test func forcedEncodingOverridesDetection() throws {
        let decoded = try Decoder(forcedEncoding: "GBK").decode([0xBF, 0xC6, 0xBC, 0xBC])
        #expect(decoded.encoding == "GBK")
        #expect(decoded.string == "科技")
    }

    @Test func emptyInputIsAnEmptyDocument() throws {
        let decoded = try Decoder().decode([])
        #expect(decoded.scalars.isEmpty)
        #expect(decoded.encoding == "UTF-8")
    }

    @Test func nulByteMeansBinary() {
        #expect(throws: DecodingError.binary(offset: 3)) {
            try Decoder().decode([0x50, 0x4B, 0x03, 0x00, 0x41])
        }
    }

    @Test func invalidUTF8InTheMiddleNamesTheByteOffset() throws {
        var bytes = Array(String(repeating: sample, count: 5).utf8)
        let offset = Array(sample.utf8).count * 2
        bytes.insert(0xFF, at: offset)
        #expect(throws: DecodingError.invalidBytes(encoding: "UTF-8", offset: offset)) {
            try Decoder().decode(bytes)
        }
        let lossy = try Decoder(lossy: true).decode(bytes)
        #expect(lossy.scalars.filter { $0 == "\u{FFFD}" }.count == 1)
        #expect(lossy.diagnostics.map(\.code) == ["replaced-bytes"])
        #expect(lossy.diagnostics.first?.message.contains("byte offset \(offset)") == true)
        // The span points at the replacement character in the decoded text.
        let position = try #require(lossy.scalars.firstIndex(of: "\u{FFFD}"))
        #expect(lossy.diagnostics.first?.span == Span(position, position + 1))
    }

    @Test func truncatedUTF16IsAnError() {
        #expect(throws: DecodingError.invalidBytes(encoding: "UTF-16LE", offset: 4)) {
            try Decoder().decode([0xFF, 0xFE, 0x11, 0x79, 0x80])
        }
    }

    @Test func loneSurrogateInUTF16IsAnError() {
        #expect(throws: DecodingError.invalidBytes(encoding: "UTF-16LE", offset: 2)) {
            try Decoder().decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])
        }
    }

    @Test func unknownForcedEncoding() {
        #expect(throws: DecodingError.unknownEncoding("klingon")) {
            try Decoder(forcedEncoding: "klingon").decode([0x41])
        }
    }

    @Test func errorMessagesSayWhatToDo() {
        let message = DecodingError.invalidBytes(encoding: "UTF-8", offset: 12).description
        #expect(message == "invalid UTF-8 byte sequence at byte offset 12; name the right encoding with --encoding, or use --lossy to replace bad bytes with U+FFFD")
    }
}
