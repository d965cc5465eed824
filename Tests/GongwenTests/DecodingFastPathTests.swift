import Testing
@testable import Gongwen

/// The decoders' fast paths against plain reference decoders, on random bytes.
@Suite("Decoding fast paths")
struct DecodingFastPathTests {
    /// The UTF-8 decoder without its three-byte fast path.
    static func referenceUTF8(_ bytes: [UInt8]) -> (scalars: [Unicode.Scalar], invalid: Int, multibyte: Int, first: Int?) {
        var scalars: [Unicode.Scalar] = []
        var invalid = 0, multibyte = 0
        var first: Int?
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { scalars.append(Unicode.Scalar(lead)); index += 1; continue }
            var length = 0
            var value: UInt32 = 0
            var minimum: UInt32 = 0
            switch lead {
            case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); minimum = 0x10000
            default: length = 0
            }
            var taken = 0
            if length > 0 {
                while taken < length - 1, index + 1 + taken < bytes.count, bytes[index + 1 + taken] & 0xC0 == 0x80 {
                    value = (value << 6) | UInt32(bytes[index + 1 + taken] & 0x3F)
                    taken += 1
                }
            }
            if length > 0, taken == length - 1, value >= minimum, let scalar = Unicode.Scalar(value) {
                scalars.append(scalar); multibyte += 1; index += length
            } else {
                if first == nil { first = index }
                invalid += 1
                scalars.append("\u{FFFD}")
                index += 1 + taken
            }
        }
        return (scalars, invalid, multibyte, first)
    }

    @Test func utf8MatchesTheReferenceOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x61], [0xE4, 0xB8, 0xAD], [0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xE0, 0xA0],
                                 [0xEF, 0xBF, 0xBD], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xFF], [0xE5]]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += Bool.random(using: &generator) ? pieces.randomElement(using: &generator)!
                    : [UInt8.random(in: 0...255, using: &generator)]
            }
            let fast = UTF8Decoding(bytes)
            let reference = DecodingFastPathTests.referenceUTF8(bytes)
            #expect(fast.scalars == reference.scalars, "\(bytes)")
            #expect(fast.invalidCount == reference.invalid && fast.multibyteCount == reference.multibyte
                    && fast.firstInvalidOffset == reference.first, "\(bytes)")
        }
    }

    @Test func utf16MatchesStringDecoding() {
        var generator = SystemRandomNumberGenerator()
        let units: [UInt16] = [0x41, 0x4E2D, 0xD83D, 0xDE00, 0xDC00, 0xDBFF, 0xFFFD, 0xE000, 0x0A]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in units.randomElement(using: &generator)! }
            #expect(Decoder.scalars(ofUTF16: text) == Array(String(decoding: text, as: UTF16.self).unicodeScalars), "\(text)")
        }
    }
}
