/// A one-pass UTF-8 decoder that also measures how UTF-8-like the bytes are, so the
/// decoder can tell "UTF-8 with a bad byte" from "a legacy encoding".
struct UTF8Decoding {
    /// The decoded scalars; invalid sequences became U+FFFD.
    var scalars: [Unicode.Scalar] = []
    /// Byte offset of the first invalid sequence.
    var firstInvalidOffset: Int?
    /// How many invalid sequences there were.
    var invalidCount = 0
    /// How many valid multi-byte sequences there were.
    var multibyteCount = 0

    init(_ bytes: [UInt8], from start: Int = 0) {
        var invalidCount = 0
        var multibyteCount = 0
        var firstInvalidOffset: Int?
        // At most one scalar per byte: decode straight into uninitialized storage.
        scalars = [Unicode.Scalar](unsafeUninitializedCapacity: max(bytes.count - start, 0)) { output, written in
            var out = 0
            bytes.withUnsafeBufferPointer { buffer in
                var index = start
                let count = buffer.count
                while index < count {
                    let lead = buffer[index]
                    if lead < 0x80 {
                        output[out] = Unicode.Scalar(lead)
                        out += 1
                        index += 1
                        continue
                    }
                    // Fast path for the common case in Chinese text, a valid three-byte
                    // sequence (what the general path below would accept, decided with
                    // fewer branches).
                    if lead & 0xF0 == 0xE0, index + 2 < count {
                        let second = buffer[index + 1], third = buffer[index + 2]
                        if second & 0xC0 == 0x80 && third & 0xC0 == 0x80 {
                            let value = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
                            if value >= 0x800 && (value < 0xD800 || value > 0xDFFF) {
                                output[out] = Unicode.Scalar(value)!
                                out += 1
                                multibyteCount += 1
                                index += 3
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
                              buffer[index + 1 + taken] & 0xC0 == 0x80 {
                            value = (value << 6) | UInt32(buffer[index + 1 + taken] & 0x3F)
                            taken += 1
                        }
                    }
                    if length > 0, taken == length - 1, value >= minimum, let scalar = Unicode.Scalar(value) {
                        output[out] = scalar
                        out += 1
                        multibyteCount += 1
                        index += length
                    } else {
                        // One U+FFFD for the broken sequence (its lead byte and the
                        // continuation bytes that belonged to it).
                        if firstInvalidOffset == nil { firstInvalidOffset = index }
                        invalidCount += 1
                        output[out] = "\u{FFFD}"
                        out += 1
                        index += 1 + taken
                    }
                }
            }
            written = out
        }
        self.invalidCount = invalidCount
        self.multibyteCount = multibyteCount
        self.firstInvalidOffset = firstInvalidOffset
    }

    /// True when the bytes are UTF-8 with a few bad sequences rather than another
    /// encoding: valid multi-byte sequences far outnumber invalid ones.
    var looksLikeUTF8: Bool {
        invalidCount == 0 || multibyteCount >= 8 * invalidCount
    }
}
