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
        ScalarString.make(text, range)
    }

    /// The matching view of a range as a string.
    public func keyString(_ range: Range<Int>) -> String {
        ScalarString.make(key, range)
    }

    /// The original span of a clean range.
    public func span(_ range: Range<Int>) -> Span {
        map.originalSpan(of: range)
    }

    /// The original text of a clean range.
    public func originalString(_ range: Range<Int>) -> String {
        let span = map.originalSpan(of: range)
        return ScalarString.make(original.scalars, span.start..<span.end)
    }
}

extension Collection where Element == Unicode.Scalar {
    /// The scalars as a `String`, encoded to UTF-8 in one pass straight into the string's
    /// storage (much faster than appending to a `String.UnicodeScalarView` one scalar at a time).
    var utf8String: String {
        let count = self.count
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count * 4) { buffer in
            let out = buffer.baseAddress!
            var written = 0
            for scalar in self { written += UTF8Encoding.write(scalar, to: out + written) }
            return written
        }
    }
}
