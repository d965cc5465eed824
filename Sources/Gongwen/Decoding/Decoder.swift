import GongwenICU

/// Stage 1: bytes → text.
///
/// UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised; bytes that are not
/// UTF-8 are decoded as GB18030 (which covers GBK and GB2312) through ICU. A forced
/// encoding overrides detection. Invalid bytes are an error, or with `lossy` U+FFFD and a
/// diagnostic.
public struct Decoder: Sendable {
    /// An encoding name that overrides detection (any ICU converter name).
    public var forcedEncoding: String?
    /// Replace invalid bytes with U+FFFD instead of failing.
    public var lossy: Bool

    public init(forcedEncoding: String? = nil, lossy: Bool = false) {
        self.forcedEncoding = forcedEncoding
        self.lossy = lossy
    }

    /// Decodes `bytes`. An empty input is an empty text.
    public func decode(_ bytes: [UInt8]) throws(DecodingError) -> DecodedText {
        if let forced = forcedEncoding {
            return try decode(bytes, as: forced)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return try decodeUTF16(bytes, from: 2, bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes, from: 2, bigEndian: true) }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // The UTF-8 pass also finds the first NUL byte (every byte 0 is read as a lead byte).
        let utf8 = UTF8Decoding(bytes, from: start)
        if let nul = utf8.firstNulOffset { throw .binary(offset: nul) }
        if utf8.looksLikeUTF8 || start == 3 {
            return try finish(utf8, encoding: "UTF-8")
        }
        return try decodeWithICU(bytes, encoding: "GB18030")
    }

    private func decode(_ bytes: [UInt8], as name: String) throws(DecodingError) -> DecodedText {
        switch name.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "UTF-8", "UTF8":
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let utf8 = UTF8Decoding(bytes, from: start)
            if let nul = utf8.firstNulOffset { throw .binary(offset: nul) }
            return try finish(utf8, encoding: "UTF-8")
        case "UTF-16LE":
            return try decodeUTF16(bytes, from: bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0, bigEndian: false)
        case "UTF-16BE":
            return try decodeUTF16(bytes, from: bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0, bigEndian: true)
        case "UTF-16":
            if bytes.starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes, from: 2, bigEndian: true) }
            return try decodeUTF16(bytes, from: bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0, bigEndian: false)
        default:
            if let nul = bytes.firstIndex(of: 0) { throw .binary(offset: nul) }
            return try decodeWithICU(bytes, encoding: name)
        }
    }

    private func finish(_ utf8: UTF8Decoding, encoding: String) throws(DecodingError) -> DecodedText {
        guard let bad = utf8.firstInvalidOffset else {
            return DecodedText(scalars: utf8.scalars, encoding: encoding)
        }
        guard lossy else { throw .invalidBytes(encoding: encoding, offset: bad) }
        return DecodedText(scalars: utf8.scalars, encoding: encoding,
                           diagnostics: [replacedBytes(count: utf8.invalidCount, first: bad, encoding: encoding, in: utf8.scalars)])
    }

    private func decodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) throws(DecodingError) -> DecodedText {
        let encoding = bigEndian ? "UTF-16BE" : "UTF-16LE"
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity((bytes.count - start) / 2)
        var firstBad: Int?
        var badCount = 0
        var index = start
        func unit(at i: Int) -> UInt16 {
            bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i])
        }
        while index + 1 < bytes.count {
            let first = unit(at: index)
            if first < 0xD800 || first > 0xDFFF {
                scalars.append(Unicode.Scalar(first)!)
                index += 2
                continue
            }
            if first <= 0xDBFF, index + 3 < bytes.count {
                let second = unit(at: index + 2)
                if second >= 0xDC00 && second <= 0xDFFF {
                    let value = 0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00)
                    scalars.append(Unicode.Scalar(value)!)
                    index += 4
                    continue
                }
            }
            if firstBad == nil { firstBad = index }
            badCount += 1
            scalars.append("\u{FFFD}")
            index += 2
        }
        if index < bytes.count {
            if firstBad == nil { firstBad = index }
            badCount += 1
            scalars.append("\u{FFFD}")
        }
        guard let bad = firstBad else { return DecodedText(scalars: scalars, encoding: encoding) }
        guard lossy else { throw .invalidBytes(encoding: encoding, offset: bad) }
        return DecodedText(scalars: scalars, encoding: encoding,
                           diagnostics: [replacedBytes(count: badCount, first: bad, encoding: encoding, in: scalars)])
    }

    private func decodeWithICU(_ bytes: [UInt8], encoding: String) throws(DecodingError) -> DecodedText {
        let output: Transcoder.Output
        do {
            output = try Transcoder(encoding: encoding).decode(bytes, lossy: lossy)
        } catch .unknownEncoding(let name) {
            throw .unknownEncoding(name)
        } catch .invalidBytes(let offset) {
            throw .invalidBytes(encoding: encoding, offset: offset)
        } catch {
            if case .icu(let icuError) = error { throw .converter(icuError.description) }
            throw .converter("\(error)")
        }
        let scalars = Decoder.scalars(ofUTF16: output.utf16)
        var diagnostics: [Diagnostic] = []
        if output.replacements > 0, let first = output.firstInvalidOffset {
            diagnostics.append(replacedBytes(count: output.replacements, first: first, encoding: encoding, in: scalars))
        }
        return DecodedText(scalars: scalars, encoding: encoding, diagnostics: diagnostics)
    }

    /// The scalars of UTF-16 text, each unpaired surrogate replaced by U+FFFD (what
    /// `String(decoding:as:)` gives, without building the string first).
    static func scalars(ofUTF16 units: [UInt16]) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(units.count)
        units.withUnsafeBufferPointer { units in
            var index = 0
            while index < units.count {
                let unit = units[index]
                index += 1
                if unit < 0xD800 || unit > 0xDFFF {
                    scalars.append(Unicode.Scalar(unit)!)
                } else if unit <= 0xDBFF, index < units.count, units[index] >= 0xDC00 && units[index] <= 0xDFFF {
                    scalars.append(Unicode.Scalar(0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(units[index] - 0xDC00))!)
                    index += 1
                } else {
                    scalars.append("\u{FFFD}")
                }
            }
        }
        return scalars
    }

    /// The diagnostic of a lossy decode; its span is the first U+FFFD in the text.
    private func replacedBytes(count: Int, first: Int, encoding: String, in scalars: [Unicode.Scalar]) -> Diagnostic {
        let position = scalars.firstIndex(of: "\u{FFFD}")
        return Diagnostic(code: "replaced-bytes",
                          message: "replaced \(count) invalid \(encoding) byte sequence\(count == 1 ? "" : "s") with U+FFFD (first at byte offset \(first))",
                          span: position.map { Span($0, $0 + 1) }, severity: .warning)
    }
}

extension Decoder {
    /// True when `name` is an encoding the decoder can read.
    public static func isKnownEncoding(_ name: String) -> Bool {
        switch name.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "UTF-8", "UTF8", "UTF-16", "UTF-16LE", "UTF-16BE": return true
        default: return Transcoder.canonicalName(of: name) != nil
        }
    }
}
