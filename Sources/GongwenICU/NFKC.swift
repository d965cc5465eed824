internal import CICUShim

/// ICU's NFKC normalization, and the per-code-point facts the normalizer needs to keep an
/// offset map (which code points NFKC leaves alone, and where it may combine).
public enum NFKC {
    /// The NFKC form of a UTF-16 string.
    public static func normalize(_ units: [UInt16]) throws(ICUError) -> [UInt16] {
        try units.withUnsafeBufferPointer { source throws(ICUError) in
            try withGrowingUTF16Buffer(initialCapacity: source.count + 8, function: "gw_nfkc") { dest, capacity, status in
                gw_nfkc(source.baseAddress, Int32(source.count), dest, capacity, &status)
            }
        }
    }

    /// The NFKC form of a string.
    public static func normalize(_ text: String) throws(ICUError) -> String {
        String(decoding: try normalize(text.utf16Array), as: UTF16.self)
    }

    /// True when NFKC leaves `scalar` alone whatever surrounds it.
    public static func isInert(_ scalar: Unicode.Scalar) -> Bool {
        var status: Int32 = 0
        return gw_nfkc_is_inert(scalar.value, &status) == 1 && status <= 0
    }

    /// True when NFKC never combines `scalar` with the text before it.
    public static func hasBoundaryBefore(_ scalar: Unicode.Scalar) -> Bool {
        var status: Int32 = 0
        return gw_nfkc_has_boundary_before(scalar.value, &status) == 1 && status <= 0
    }

    /// `isInert` and `hasBoundaryBefore` of every BMP code point, in one ICU pass: entry
    /// `c` has bit 0 set when `c` is inert, bit 1 when it has a boundary before it.
    public static func bmpFlags() throws(ICUError) -> [UInt8] {
        var status: Int32 = 0
        let flags = [UInt8](unsafeUninitializedCapacity: 0x10000) { buffer, count in
            gw_nfkc_bmp_flags(buffer.baseAddress, &status)
            count = status > 0 ? 0 : 0x10000
        }
        try ICUError.check(status, "gw_nfkc_bmp_flags")
        return flags
    }

    /// The NFKC form of each unit on its own (BMP code points, no surrogates), like calling
    /// `normalize([unit])` for each, in one call: the results one after the other in
    /// `units`, the result of `source[i]` ending at `ends[i]`.
    public static func normalizeEach(_ source: [UInt16]) throws(ICUError) -> (units: [UInt16], ends: [Int32]) {
        var ends = [Int32](repeating: 0, count: source.count)
        let flat = try source.withUnsafeBufferPointer { source throws(ICUError) in
            try ends.withUnsafeMutableBufferPointer { ends throws(ICUError) in
                try withGrowingUTF16Buffer(initialCapacity: source.count * 2 + 16, function: "gw_nfkc_each") { dest, capacity, status in
                    gw_nfkc_each(source.baseAddress, Int32(source.count), dest, capacity, ends.baseAddress, &status)
                }
            }
        }
        return (flat, ends)
    }
}

/// Character properties from ICU's data.
public enum CharacterProperties {
    /// The code points of general category Zs (space separators).
    public static func spaceSeparators() throws(ICUError) -> [ClosedRange<UInt32>] {
        var buffer = [Int32](repeating: 0, count: 2 * 64)
        var status: Int32 = 0
        let count = Int(gw_space_separators(&buffer, 64, &status))
        try ICUError.check(status, "gw_space_separators")
        guard count <= 64 else { throw ICUError(code: gw_buffer_overflow(), function: "gw_space_separators") }
        return (0..<count).map { UInt32(buffer[2 * $0])...UInt32(buffer[2 * $0 + 1]) }
    }
}
