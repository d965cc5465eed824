/// Builds strings from clean-text scalars quickly: UTF-8 encoded straight into the new
/// string's storage (appending scalars to a `String.UnicodeScalarView` one by one is many
/// times slower, and the segmenter makes a string of every heading and paragraph).
enum ScalarString {
    /// The string of `scalars[range]`.
    static func make(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        make(scalars, [range])
    }

    /// The string of several ranges of `scalars`, concatenated; `separator` goes between two
    /// ranges when the scalars on both sides are Latin letters or digits.
    static func make(_ scalars: [Unicode.Scalar], _ ranges: [Range<Int>], separator: Unicode.Scalar? = nil) -> String {
        var capacity = 0
        for range in ranges { capacity += range.count * 4 + 1 }
        if capacity == 0 { return "" }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            var previous: Unicode.Scalar?
            for range in ranges {
                if let separator, let last = previous, let first = range.first,
                   Scalars.isASCIIAlphanumeric(last), Scalars.isASCIIAlphanumeric(scalars[first]) {
                    count = write(separator, to: buffer, at: count)
                }
                for index in range {
                    count = write(scalars[index], to: buffer, at: count)
                }
                if let last = range.last { previous = scalars[last] }
            }
            return count
        }
    }

    @inline(__always)
    private static func write(_ scalar: Unicode.Scalar, to buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        let value = scalar.value
        if value < 0x80 {
            buffer[index] = UInt8(value)
            return index + 1
        }
        if value < 0x800 {
            buffer[index] = UInt8(0xC0 | (value >> 6))
            buffer[index + 1] = UInt8(0x80 | (value & 0x3F))
            return index + 2
        }
        if value < 0x10000 {
            buffer[index] = UInt8(0xE0 | (value >> 12))
            buffer[index + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer[index + 2] = UInt8(0x80 | (value & 0x3F))
            return index + 3
        }
        buffer[index] = UInt8(0xF0 | (value >> 18))
        buffer[index + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
        buffer[index + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
        buffer[index + 3] = UInt8(0x80 | (value & 0x3F))
        return index + 4
    }
}
