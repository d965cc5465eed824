import Foundation
@testable import Gongwen
import Testing

/// A seed converted to other encodings parses to the same JSON but for `source`'s
/// encoding, bytes and hash.
@Suite("Encoding parity")
struct EncodingParityTests {
    static let reference = "seeds/000_b45d32b8338ddaf9.txt"

    @Test(arguments: [
        ("encodings/seed000-gb18030.txt", "GB18030"),
        ("encodings/seed000-utf16le-bom.txt", "UTF-16LE"),
        ("encodings/seed000-utf16be-bom.txt", "UTF-16BE"),
        ("encodings/seed000-utf8-bom.txt", "UTF-8"),
    ])
    func sameDocument(path: String, encoding: String) throws {
        let pipeline = try Pipeline()
        var expected = try pipeline.parse(bytes: FixturePaths.bytes(Self.reference), name: "seed.txt")
        let actual = try pipeline.parse(bytes: FixturePaths.bytes(path), name: "seed.txt")
        #expect(actual.source.encoding == encoding)
        expected.source.encoding = actual.source.encoding
        expected.source.bytes = actual.source.bytes
        expected.source.sha256 = actual.source.sha256
        let encoder = DocumentEncoder()
        #expect(encoder.encode(actual) == encoder.encode(expected))
    }

    @Test func sourceFieldsDescribeTheBytes() throws {
        let bytes = try FixturePaths.bytes(Self.reference)
        let document = try Pipeline().parse(bytes: bytes, name: "seed.txt")
        #expect(document.source.bytes == bytes.count)
        #expect(document.source.sha256 == "8b94a327b3b725b24d48ce8a156e7a821e2f09c7ae0ad8ed54e7da7bd1e44603")
        #expect(document.source.characters == 3659)
    }

    @Test func invalidByteFixture() throws {
        let bytes = try FixturePaths.bytes("encodings/invalid-utf8-middle.bytes")
        #expect(throws: DecodingError.invalidBytes(encoding: "UTF-8", offset: 5184)) {
            try Pipeline().parse(bytes: bytes, name: "bad.txt")
        }
        let lossy = try Pipeline(options: .init(lossy: true)).parse(bytes: bytes, name: "bad.txt")
        #expect(lossy.diagnostics.contains { $0.code == "replaced-bytes" && $0.severity == .warning })
    }
}
