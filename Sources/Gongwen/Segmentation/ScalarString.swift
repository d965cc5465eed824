/// Builds strings from clean-text scalars quickly: UTF-8 encoded straight into the new
/// string's storage (appending scalars to a `String.UnicodeScalarView` one by one is many
/// times slower, and the segmenter makes a string of every heading).
enum ScalarString {
    /// The string of `scalars[range]`.
    static func make(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count, "range out of bounds")
        guard !range.isEmpty else { return "" }
        return scalars.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: range.count * 4) { buffer in
                UTF8Encoding.write(source, range, to: buffer.baseAddress!)
            }
        }
    }

    /// The string of several ranges of `scalars`, concatenated; `separator` goes between two
    /// ranges when the scalars on both sides are Latin letters or digits.
    static func make(_ scalars: [Unicode.Scalar], _ ranges: some Collection<Range<Int>>,
                     separator: Unicode.Scalar? = nil) -> String {
        var capacity = 0
        for range in ranges {
            precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count, "range out of bounds")
            capacity += range.count * 4 + 4
        }
        if capacity == 0 { return "" }
        return scalars.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: capacity) { buffer in
                let start = buffer.baseAddress!
                var count = 0
                var previous: Int?
                for range in ranges where !range.isEmpty {
                    if let separator, let previous, needsSeparator(source, previous, range.lowerBound) {
                        count += UTF8Encoding.write(separator, to: start + count)
                    }
                    count += UTF8Encoding.write(source, range, to: start + count)
                    previous = range.upperBound - 1
                }
                return count
            }
        }
    }

    /// Whether the separator goes between the scalar at `last` and the one at `first`: both
    /// Latin letters or digits.
    @inline(__always)
    static func needsSeparator(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ last: Int, _ first: Int) -> Bool {
        Scalars.isASCIIAlphanumeric(scalars[last]) && Scalars.isASCIIAlphanumeric(scalars[first])
    }
}

/// Where a text stands in the clean text: ranges of its scalars, joined the way the
/// segmenter joins the pieces of a paragraph (a space only between two Latin letters or
/// digits). It keeps the clean text (shared, not copied), so the text can be made into a
/// string, or written out as JSON straight from the scalars, when it is needed.
struct TextPieces: Sendable {
    /// The clean text.
    let scalars: [Unicode.Scalar]
    /// The pieces, in order (a slice of an array shared by all paragraphs of a document).
    let ranges: ArraySlice<Range<Int>>
    static let separator: Unicode.Scalar = " "

    var string: String {
        ScalarString.make(scalars, ranges, separator: TextPieces.separator)
    }
}

/// UTF-8 encoding of scalars into raw memory the caller has made room in (4 bytes a scalar).
enum UTF8Encoding {
    /// Encodes `scalars[range]` at `out`; returns the number of bytes written.
    ///
    /// `out` must have room for four bytes a scalar (every caller reserves that): a
    /// three-byte scalar, nearly all of Chinese text, is written with one four-byte
    /// store whose last byte the next scalar overwrites (or that is left past the end).
    @inline(__always)
    static func write(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>,
                      to out: UnsafeMutablePointer<UInt8>) -> Int {
        var next = out
        for index in range {
            let value = scalars[index].value
            if isThreeBytes(value) {
                storeThreeBytes(value, at: next)
                next += 3
            } else {
                next += write(scalars[index], to: next)
            }
        }
        return next - out
    }

    /// True for 0x800..<0x10000: three UTF-8 bytes, nearly all Chinese text.
    @inline(__always)
    static func isThreeBytes(_ value: UInt32) -> Bool { value &- 0x800 < 0xF800 }

    /// Writes a three-byte scalar with one four-byte store (the fourth byte is overwritten
    /// by what comes next, or left in the room the caller reserved).
    @inline(__always)
    static func storeThreeBytes(_ value: UInt32, at out: UnsafeMutablePointer<UInt8>) {
        let lead = 0xE0 | value >> 12
        let middle = 0x80 | (value >> 6) & 0x3F
        let last = 0x80 | value & 0x3F
        UnsafeMutableRawPointer(out).storeBytes(of: (lead | middle << 8 | last << 16).littleEndian, as: UInt32.self)
    }

    /// Encodes one scalar at `out`; returns the number of bytes written.
    @inline(__always)
    static func write(_ scalar: Unicode.Scalar, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let value = scalar.value
        if value < 0x80 {
            out[0] = UInt8(truncatingIfNeeded: value)
            return 1
        }
        if value < 0x800 {
            out[0] = UInt8(truncatingIfNeeded: 0xC0 | (value >> 6))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            return 2
        }
        if value < 0x10000 {
            out[0] = UInt8(truncatingIfNeeded: 0xE0 | (value >> 12))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
            out[2] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            return 3
        }
        out[0] = UInt8(truncatingIfNeeded: 0xF0 | (value >> 18))
        out[1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F))
        out[2] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
        out[3] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
        return 4
    }
}
