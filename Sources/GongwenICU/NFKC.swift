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
}
