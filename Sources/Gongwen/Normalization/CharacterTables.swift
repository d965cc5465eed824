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

    /// True for the BMP code points of general category Zs (space separators), from ICU's
    /// data in one call (asking `Unicode.Scalar.properties` of every code point costs
    /// about 20M instructions at every start).
    static let spaceSeparators: [Bool] = {
        var table = [Bool](repeating: false, count: 0x10000)
        let ranges: [ClosedRange<UInt32>]
        if let fromICU = try? CharacterProperties.spaceSeparators() {
            ranges = fromICU
        } else {
            ranges = (UInt32(0)..<0x10000).filter { Unicode.Scalar($0)?.properties.generalCategory == .spaceSeparator }
                .map { $0...$0 }
        }
        for range in ranges { for value in range where value < 0x10000 { table[Int(value)] = true } }
        return table
    }()

    private static let tables: (nfkc: [UInt32], expansions: [UInt32: [Unicode.Scalar]], joins: [Bool]) = {
        var nfkc = [UInt32](repeating: identity, count: 0x10000)
        var expansions: [UInt32: [Unicode.Scalar]] = [:]
        var joins = [Bool](repeating: false, count: 0x10000)
        // Two ICU calls for the whole plane instead of two or three per code point (this
        // runs at every start of the tool): the inert/boundary flags of every code point,
        // then the NFKC form of each code point that is not inert, each on its own.
        guard let flags = try? NFKC.bmpFlags() else { return (nfkc, expansions, joins) }
        var pending: [UInt16] = []
        for value in 0..<0x10000 where value < 0xD800 || value > 0xDFFF {
            if flags[value] & 2 == 0 { joins[value] = true }
            if flags[value] & 1 == 0 { pending.append(UInt16(value)) }
        }
        guard let folded = try? NFKC.normalizeEach(pending) else { return (nfkc, expansions, joins) }
        var start = 0
        for (unit, end) in zip(pending, folded.ends) {
            let value = UInt32(unit)
            let scalars = decodeUTF16(folded.units[start..<Int(end)])
            start = Int(end)
            if scalars.count == 1 {
                nfkc[Int(value)] = scalars[0].value
            } else {
                nfkc[Int(value)] = expands
                expansions[value] = scalars
            }
        }
        return (nfkc, expansions, joins)
    }()

    /// The scalars of UTF-16 units; an unpaired surrogate becomes U+FFFD (as
    /// `String(decoding:as:)` does, which is much slower for thousands of tiny strings).
    private static func decodeUTF16(_ units: ArraySlice<UInt16>) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        var index = units.startIndex
        while index < units.endIndex {
            let unit = units[index]
            index += 1
            if unit >= 0xD800 && unit <= 0xDBFF, index < units.endIndex, units[index] >= 0xDC00 && units[index] <= 0xDFFF {
                scalars.append(Unicode.Scalar(0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(units[index] - 0xDC00))!)
                index += 1
            } else {
                scalars.append(Unicode.Scalar(UInt32(unit)) ?? "\u{FFFD}")
            }
        }
        return scalars
    }

    /// Simplified form of each BMP code point (ICU `Traditional-Simplified`), where it is
    /// a single code point; `identity` elsewhere. Only the code points ICU says the
    /// transliterator may change are looked up, each on its own, in one call. The
    /// transliterator is opened from its rules in ICU's data, which skips building ICU's
    /// registry of all transliterators (most of the cost of opening it by id).
    static let simplified: [UInt32] = simplifiedTable(using: try? Transliterator.fromRules(id: "Traditional-Simplified"))

    /// The table `simplified` holds, read from `transliterator`.
    static func simplifiedTable(using transliterator: Transliterator?) -> [UInt32] {
        var table = [UInt32](repeating: identity, count: 0x10000)
        guard let transliterator, let sourceSet = try? transliterator.sourceSet() else { return table }
        var values: [UInt16] = []
        for range in sourceSet {
            for value in range where value < 0x10000 && !(0xD800...0xDFFF).contains(value) { values.append(UInt16(value)) }
        }
        guard let output = try? transliterator.transliterateEach(values) else { return table }
        var start = 0
        for (value, end) in zip(values, output.ends) {
            let scalars = decodeUTF16(output.units[start..<Int(end)])
            start = Int(end)
            if scalars.count == 1, let only = scalars.first, only.value != UInt32(value) {
                table[Int(value)] = only.value
            }
        }
        return table
    }
}
