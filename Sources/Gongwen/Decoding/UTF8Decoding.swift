/// A one-pass UTF-8 decoder that also measures how UTF-8-like the bytes are, so the
/// decoder can tell "UTF-8 with a bad byte" from "a legacy encoding", and notes the first
/// NUL byte (the mark of a binary file) on the way.
struct UTF8Decoding {
    /// The decoded scalars; invalid sequences became U+FFFD.
    var scalars: [Unicode.Scalar] = []
    /// Byte offset of the first invalid sequence.
    var firstInvalidOffset: Int?
    /// Byte offset of the first NUL byte (decoded as U+0000 like any ASCII byte).
    var firstNulOffset: Int?
    /// How many invalid sequences there were.
    var invalidCount = 0
    /// How many valid multi-byte sequences there were.
    var multibyteCount = 0

    init(_ bytes: [UInt8], from start: Int = 0) {
        var tally = Tally()
        // At most one scalar per byte: decode straight into uninitialized storage.
        scalars = [Unicode.Scalar](unsafeUninitializedCapacity: max(bytes.count - start, 0)) { output, written in
            written = bytes.withUnsafeBufferPointer { input in
                UTF8Decoding.decode(input, from: start, into: output, tally: &tally)
            }
        }
        invalidCount = tally.invalidCount
        multibyteCount = tally.multibyteCount
        firstInvalidOffset = tally.firstInvalidOffset
        firstNulOffset = tally.firstNulOffset
    }

    /// True when the bytes are UTF-8 with a few bad sequences rather than another
    /// encoding: valid multi-byte sequences far outnumber invalid ones.
    var looksLikeUTF8: Bool {
        invalidCount == 0 || multibyteCount >= 8 * invalidCount
    }

    /// What the decoding loop counts besides the scalars.
    private struct Tally {
        var invalidCount = 0
        var multibyteCount = 0
        var firstInvalidOffset: Int?
        var firstNulOffset: Int?
    }

    /// The decoding loop: `input` from `start` into `output`; returns the scalars written.
    /// A plain function over buffers, so its counters live in registers (counters captured
    /// by a closure are kept in memory and cost more than the decoding).
    private static func decode(_ input: UnsafeBufferPointer<UInt8>, from start: Int,
                               into output: UnsafeMutableBufferPointer<Unicode.Scalar>, tally: inout Tally) -> Int {
        var out = 0
        var index = start
        let count = input.count
        var multibyteCount = 0
        while index < count {
            let lead = input[index]
            if lead < 0x80 {
                if lead == 0 && tally.firstNulOffset == nil { tally.firstNulOffset = index }
                output[out] = Unicode.Scalar(lead)
                out &+= 1
                index &+= 1
                continue
            }
            // Fast path for the common case in Chinese text, a valid three-byte sequence
            // (what the general path below would accept, decided with fewer branches).
            if lead & 0xF0 == 0xE0, index + 2 < count {
                let second = input[index &+ 1], third = input[index &+ 2]
                if second & 0xC0 == 0x80 && third & 0xC0 == 0x80 {
                    let value = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
                    if value >= 0x800 && (value < 0xD800 || value > 0xDFFF) {
                        // Checked just above: a valid scalar below 0x10000, not a surrogate.
                        output[out] = unsafeBitCast(value, to: Unicode.Scalar.self)
                        out &+= 1
                        multibyteCount &+= 1
                        index &+= 3
                        continue
                    }
                }
            }
            var length = 0
            var value: UInt32 = 0
            var minimum: UInt32 = 0
            switch lead {
            case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); minimum = 0x10000
            default: length = 0
            }
            // Read continuation bytes; `taken` counts those that fit the pattern.
            var taken = 0
            if length > 0 {
                while taken < length - 1, index + 1 + taken < count,
                      input[index + 1 + taken] & 0xC0 == 0x80 {
                    value = (value << 6) | UInt32(input[index + 1 + taken] & 0x3F)
                    taken += 1
                }
            }
            if length > 0, taken == length - 1, value >= minimum, let scalar = Unicode.Scalar(value) {
                output[out] = scalar
                out += 1
                multibyteCount += 1
                index += length
            } else {
                // One U+FFFD for the broken sequence (its lead byte and the continuation
                // bytes that belonged to it).
                if tally.firstInvalidOffset == nil { tally.firstInvalidOffset = index }
                tally.invalidCount += 1
                output[out] = "\u{FFFD}"
                out += 1
                index += 1 + taken
            }
        }
        tally.multibyteCount = multibyteCount
        return out
    }
}
