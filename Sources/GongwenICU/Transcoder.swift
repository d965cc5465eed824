internal import CICUShim

/// Converts bytes in a legacy encoding (GB18030, GBK, Big5, …) to Unicode through an ICU
/// converter.
public struct Transcoder: Sendable {
    /// What went wrong while converting.
    public enum Failure: Error, Equatable, Sendable {
        /// ICU does not know the encoding name.
        case unknownEncoding(String)
        /// The bytes at `offset` are not valid in the encoding.
        case invalidBytes(offset: Int)
        /// ICU failed for another reason.
        case icu(ICUError)
    }

    /// The result of a conversion.
    public struct Output: Sendable {
        /// The text as UTF-16 units.
        public var utf16: [UInt16]
        /// How many invalid byte sequences were replaced by U+FFFD (lossy mode only).
        public var replacements: Int
        /// The byte offset of the first invalid sequence, if any.
        public var firstInvalidOffset: Int?
    }

    /// The encoding name as given (an ICU converter name or alias).
    public let encoding: String

    /// Creates a transcoder for `encoding`; throws `.unknownEncoding` when ICU lacks it.
    public init(encoding: String) throws(Failure) {
        guard Transcoder.canonicalName(of: encoding) != nil else {
            throw .unknownEncoding(encoding)
        }
        self.encoding = encoding
    }

    /// ICU's canonical name for an encoding name or alias, or nil when unknown.
    public static func canonicalName(of encoding: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        let found = encoding.withCString { gw_converter_exists($0, &buffer, Int32(buffer.count)) }
        guard found == 1 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Converts `bytes`. Without `lossy`, the first invalid byte sequence throws
    /// `.invalidBytes(offset:)`; with it, each one becomes U+FFFD and is counted.
    public func decode(_ bytes: [UInt8], lossy: Bool) throws(Failure) -> Output {
        guard bytes.count < Int32.max - 1 else { throw .icu(ICUError(code: gw_buffer_overflow(), function: "gw_convert_to_utf16")) }
        var status: Int32 = 0
        var badOffset: Int64 = -1
        var badCount: Int64 = 0
        let capacity = bytes.count + 1
        let units = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
            let written = encoding.withCString { name in
                bytes.withUnsafeBufferPointer { source in
                    gw_convert_to_utf16(name, source.baseAddress, Int32(source.count),
                                        buffer.baseAddress, Int32(capacity), lossy ? 1 : 0,
                                        &badOffset, &badCount, &status)
                }
            }
            count = Int(written)
        }
        if status > 0 {
            if !lossy && badOffset >= 0 { throw .invalidBytes(offset: Int(badOffset)) }
            throw .icu(ICUError(code: status, function: "gw_convert_to_utf16"))
        }
        return Output(utf16: units, replacements: Int(badCount),
                      firstInvalidOffset: badOffset >= 0 ? Int(badOffset) : nil)
    }
}
