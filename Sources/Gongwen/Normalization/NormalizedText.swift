/// The output of normalization: clean text, a matching view, and the map back to the
/// original.
public struct NormalizedText: Sendable {
    /// The decoded original.
    public let original: DecodedText
    /// The clean text: NFKC (fullwidth → halfwidth), spaces folded, line breaks as `\n`;
    /// Traditional → Simplified when asked. Emitted `text` fields are slices of it.
    public let text: [Unicode.Scalar]
    /// The view rules match against, scalar for scalar the same length as `text`: also
    /// Traditional folded to Simplified and every range dash or tilde folded to `-`, so
    /// one grammar serves both scripts and all dash forms.
    public let key: [Unicode.Scalar]
    /// From clean positions to original offsets.
    public let map: OffsetMap

    public init(original: DecodedText, text: [Unicode.Scalar], key: [Unicode.Scalar], map: OffsetMap) {
        precondition(text.count == key.count && text.count == map.count)
        self.original = original
        self.text = text
        self.key = key
        self.map = map
    }

    /// The clean text of a range as a string.
    public func string(_ range: Range<Int>) -> String {
        text[range].utf8String
    }

    /// The matching view of a range as a string.
    public func keyString(_ range: Range<Int>) -> String {
        key[range].utf8String
    }

    /// The original span of a clean range.
    public func span(_ range: Range<Int>) -> Span {
        map.originalSpan(of: range)
    }

    /// The original text of a clean range.
    public func originalString(_ range: Range<Int>) -> String {
        let span = map.originalSpan(of: range)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: original.scalars[span.start..<span.end])
        return String(view)
    }
}

extension Collection where Element == Unicode.Scalar {
    /// The scalars as a `String`, encoded to UTF-8 in one pass (much faster than
    /// appending to a `String.UnicodeScalarView` one scalar at a time).
    var utf8String: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 3)
        for scalar in self {
            let value = scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if value < 0x800 {
                bytes.append(UInt8(0xC0 | (value >> 6)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            } else if value < 0x10000 {
                bytes.append(UInt8(0xE0 | (value >> 12)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                bytes.append(UInt8(0xF0 | (value >> 18)))
                bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        // The bytes are valid UTF-8 by construction.
        return String(decoding: bytes, as: UTF8.self)
    }
}
