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
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[range])
        return String(view)
    }

    /// The matching view of a range as a string.
    public func keyString(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: key[range])
        return String(view)
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
