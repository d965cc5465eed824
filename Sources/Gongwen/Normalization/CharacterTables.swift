import GongwenICU

/// Per-code-point tables for the Basic Multilingual Plane, built once per process from
/// ICU: what NFKC makes of each code point alone, and its Simplified form. Looking a code
/// point up is an array index, which keeps normalization near the speed of a copy.
enum CharacterTables {
    /// Marks a code point NFKC leaves alone.
    static let identity: UInt32 = 0xFFFF_FFFF
    /// Marks a code point whose NFKC form is several code points (see `nfkcExpansions`).
    static let expands: UInt32 = 0xFFFF_FFFE

    /// NFKC of each BMP code point alone: `identity`, `expands`, or the single result.
    static let nfkc: [UInt32] = tables.nfkc
    /// The multi-code-point NFKC results.
    static let nfkcExpansions: [UInt32: [Unicode.Scalar]] = tables.expansions
    /// True for code points NFKC may combine with what precedes them.
    static let joinsPrevious: [Bool] = tables.joins

    private static let tables: (nfkc: [UInt32], expansions: [UInt32: [Unicode.Scalar]], joins: [Bool]) = {
        var nfkc = [UInt32](repeating: identity, count: 0x10000)
        var expansions: [UInt32: [Unicode.Scalar]] = [:]
        var joins = [Bool](repeating: false, count: 0x10000)
        for value in UInt32(0)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if !NFKC.hasBoundaryBefore(scalar) { joins[Int(value)] = true }
            if NFKC.isInert(scalar) { continue }
            guard let folded = try? NFKC.normalize([UInt16(value)]) else { continue }
            let scalars = Array(String(decoding: folded, as: UTF16.self).unicodeScalars)
            if scalars.count == 1 {
                nfkc[Int(value)] = scalars[0].value
            } else {
                nfkc[Int(value)] = expands
                expansions[value] = scalars
            }
        }
        return (nfkc, expansions, joins)
    }()

    /// Simplified form of each BMP code point (ICU `Traditional-Simplified`), where it is
    /// a single code point; `identity` elsewhere. Only the code points ICU says the
    /// transliterator may change are looked up, a few hundred at a time, one per line.
    static let simplified: [UInt32] = {
        var table = [UInt32](repeating: identity, count: 0x10000)
        guard let transliterator = try? Transliterator(id: "Traditional-Simplified"),
              let sourceSet = try? transliterator.sourceSet() else { return table }
        var values: [UInt32] = []
        for range in sourceSet {
            for value in range where value < 0x10000 && !(0xD800...0xDFFF).contains(value) { values.append(value) }
        }
        var start = 0
        while start < values.count {
            let chunk = values[start..<min(start + 256, values.count)]
            var units: [UInt16] = []
            for value in chunk {
                units.append(UInt16(value))
                units.append(0x0A)
            }
            if let output = try? transliterator.transliterate(units) {
                let lines = String(decoding: output, as: UTF16.self).split(separator: "\n", omittingEmptySubsequences: false)
                if lines.count >= chunk.count {
                    for (offset, value) in chunk.enumerated() {
                        let scalars = lines[offset].unicodeScalars
                        if scalars.count == 1, let only = scalars.first, only.value != value {
                            table[Int(value)] = only.value
                        }
                    }
                }
            }
            start += 256
        }
        return table
    }()
}
