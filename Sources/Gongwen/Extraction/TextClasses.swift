/// Character classes the extractor needs, by code point (no tables to load).
enum TextClasses {
    /// False for a scalar that ends neither a clause nor a sentence, as most do (Han lies
    /// between the ASCII marks and 。, or between 。 and the fullwidth ones); true for the
    /// few that may, which `isClauseBreak` and `isSentenceBreak` then tell apart.
    @inline(__always)
    static func mayBreak(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return !(v > 0x3F && v != 0x3002 && v < 0xFF01)
    }

    /// Ends a clause: ， , ； ; 。 ： : ！ ! ？ ? and line breaks.
    @inline(__always)
    static func isClauseBreak(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if !mayBreak(s) { return false }
        switch v {
        case 0x2C, 0x3B, 0x3002, 0x3A, 0x21, 0x3F, 0x0A, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F: return true
        default: return false
        }
    }

    /// Ends a sentence: 。 ； ; ！ ? and line breaks.
    @inline(__always)
    static func isSentenceBreak(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if !mayBreak(s) { return false }
        switch v {
        case 0x3B, 0x3002, 0x21, 0x3F, 0x0A, 0xFF1B, 0xFF01, 0xFF1F: return true
        default: return false
        }
    }

    @inline(__always)
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
    }

    @inline(__always)
    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value)
    }

    /// Joins the items of a list: 、 和 及 与 或 (a switch: no string to decode per call).
    @inline(__always)
    static func isListMark(_ s: Unicode.Scalar) -> Bool {
        s == "、" || isConjunction(s)
    }

    /// 和 及 与 或
    @inline(__always)
    static func isConjunction(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x548C, 0x53CA, 0x4E0E, 0x6216: return true
        default: return false
        }
    }

    /// Whether `unit` is the one-scalar word `word` (a Han character with no decomposition
    /// of its own), by the same canonical equivalence as `unit == String(word)` but without
    /// normalizing both strings: only a compatibility ideograph can stand for another Han
    /// character, so only then is the full comparison needed.
    static func isUnit(_ unit: String, _ word: Unicode.Scalar) -> Bool {
        var scalars = unit.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return false }
        if first == word { return scalars.next() == nil }
        if isCompatibilityIdeograph(first) { return unit == String(word) }
        return false
    }

    /// A CJK compatibility ideograph (U+F900–FAFF, U+2F800–2FA1F): equal as a string to
    /// the unified ideograph it stands for.
    @inline(__always)
    static func isCompatibilityIdeograph(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}"
    }
}

extension NormalizedText {
    /// `slice(range)` without the spaces and line breaks at its ends (the same string as
    /// `slice(range).trimmingSpaces`, trimmed on indices instead of a second string).
    func trimmedSlice(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && (TextClasses.isSpace(text[lower]) || text[lower] == "\n") { lower += 1 }
        while upper > lower && (TextClasses.isSpace(text[upper - 1]) || text[upper - 1] == "\n") { upper -= 1 }
        return slice(lower..<upper)
    }

    /// The clean text of a range as a string, built from UTF-8 in one allocation
    /// (`string(_:)` appends scalar by scalar, which dominates on short slices).
    func slice(_ range: Range<Int>) -> String {
        let scalars = text
        var byteCount = 0
        for i in range { byteCount += UTF8.width(scalars[i]) }
        return String(unsafeUninitializedCapacity: byteCount) { buffer in
            var o = 0
            for i in range {
                let v = scalars[i].value
                switch v {
                case 0..<0x80:
                    buffer[o] = UInt8(v); o += 1
                case 0x80..<0x800:
                    buffer[o] = UInt8(0xC0 | (v >> 6)); buffer[o + 1] = UInt8(0x80 | (v & 0x3F)); o += 2
                case 0x800..<0x10000:
                    buffer[o] = UInt8(0xE0 | (v >> 12)); buffer[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[o + 2] = UInt8(0x80 | (v & 0x3F)); o += 3
                default:
                    buffer[o] = UInt8(0xF0 | (v >> 18)); buffer[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[o + 3] = UInt8(0x80 | (v & 0x3F)); o += 4
                }
            }
            return o
        }
    }
}
