/// Character classes the extractor needs, by code point (no tables to load).
enum TextClasses {
    /// Ends a clause: ， , ； ; 。 ： : ！ ! ？ ? and line breaks.
    @inline(__always)
    static func isClauseBreak(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2C, 0x3B, 0x3002, 0x3A, 0x21, 0x3F, 0x0A, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F: return true
        default: return false
        }
    }

    /// Ends a sentence: 。 ； ; ！ ? and line breaks.
    @inline(__always)
    static func isSentenceBreak(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
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

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}"
    }
}
