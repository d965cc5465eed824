import GongwenICU

/// Stage 2: decoded text → clean text, matching view and offset map.
///
/// ICU NFKC folds fullwidth digits, letters and punctuation to halfwidth; ideographic,
/// no-break and other spaces become a plain space; `\r\n` and `\r` become `\n`. Marker
/// characters the grammar keeps (`①`, `⑴`, `㈠`, `Ⅱ`) stay as written, so the segmenter
/// can still tell their levels apart. With `simplified`, Traditional characters become
/// Simplified (ICU `Traditional-Simplified`).
public struct Normalizer: Sendable {
    /// Convert Traditional to Simplified in the clean text too (the matching view always is).
    public var simplified: Bool
    /// What the clean text makes of each BMP code point (`identity`, `expands`, `drop`, or one code point).
    let fold: [UInt32]
    /// What the matching view makes of each BMP code point of the clean text.
    let keyFold: [UInt32]

    static let drop: UInt32 = 0xFFFF_FFFD

    public init(rules: NormalizationRules, simplified: Bool = false) {
        self.simplified = simplified
        // The rules are applied range by range rather than by asking every rule set about
        // each of the 65536 code points (this runs at every start of the tool).
        func bmp(_ set: CodePointSet) -> [Int] {
            var values: [Int] = []
            for range in set.ranges {
                for value in range where value < 0x10000 && (value < 0xD800 || value > 0xDFFF) { values.append(Int(value)) }
            }
            return values
        }
        let spaces = CharacterTables.spaceSeparators
        var fold = CharacterTables.nfkc
        for value in bmp(rules.keep) { fold[value] = CharacterTables.identity }
        for value in bmp(rules.drop) { fold[value] = Normalizer.drop }
        for value in 0..<0x10000 where value < 0xD800 || value > 0xDFFF {
            let folded = fold[value]
            if folded < 0x110000 {
                // A single code point: a space separator becomes a plain space.
                if folded < 0x10000 ? spaces[Int(folded)] : Normalizer.isSpaceSeparator(folded) { fold[value] = 0x20 }
            } else if folded == CharacterTables.identity, value != 0x20, spaces[value] {
                fold[value] = 0x20
            }
        }
        var keyFold = CharacterTables.simplified
        var isDash = [Bool](repeating: false, count: 0x10000)
        for value in bmp(rules.dashes) {
            keyFold[value] = 0x2D
            isDash[value] = true
        }
        // Dashes are matched after NFKC: also fold what NFKC turns into a listed dash.
        for value in 0..<0x10000 where fold[value] < 0x10000 && isDash[Int(fold[value])] {
            keyFold[Int(fold[value])] = 0x2D
        }
        self.fold = fold
        self.keyFold = keyFold
    }

    private static func isSpaceSeparator(_ value: UInt32) -> Bool {
        Unicode.Scalar(value)?.properties.generalCategory == .spaceSeparator
    }

    /// Normalizes decoded text.
    public func normalize(_ original: DecodedText) -> NormalizedText {
        let source = original.scalars
        let count = source.count
        var text: [Unicode.Scalar] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        text.reserveCapacity(count)
        starts.reserveCapacity(count)
        ends.reserveCapacity(count)
        let joins = CharacterTables.joinsPrevious

        func emit(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            text.append(scalar)
            starts.append(Int32(start))
            ends.append(Int32(end))
        }

        var index = 0
        while index < count {
            let scalar = source[index]
            let value = scalar.value
            if value == 0x0D {
                let end = index + 1 < count && source[index + 1] == "\n" ? index + 2 : index + 1
                emit("\n", index, end)
                index = end
                continue
            }
            // The segment NFKC must see as a whole: this scalar and any that combine with it.
            var end = index + 1
            while end < count, source[end].value < 0x10000, joins[Int(source[end].value)] { end += 1 }
            if end == index + 1 && value < 0x10000 {
                let folded = fold[Int(value)]
                if folded == CharacterTables.identity {
                    emit(scalar, index, end)
                } else if folded == Normalizer.drop {
                    // dropped: nothing emitted
                } else if folded == CharacterTables.expands {
                    for piece in CharacterTables.nfkcExpansions[value] ?? [scalar] { emit(spaceFolded(piece), index, end) }
                } else {
                    emit(Unicode.Scalar(folded)!, index, end)
                }
            } else {
                for piece in normalizeSegment(source[index..<end]) { emit(spaceFolded(piece), index, end) }
            }
            index = end
        }

        var key = text
        for position in 0..<key.count {
            let value = key[position].value
            if value < 0x10000 {
                let folded = keyFold[Int(value)]
                if folded != CharacterTables.identity { key[position] = Unicode.Scalar(folded)! }
            }
        }
        if simplified {
            let table = CharacterTables.simplified
            for position in 0..<text.count where text[position].value < 0x10000 {
                let folded = table[Int(text[position].value)]
                if folded != CharacterTables.identity { text[position] = Unicode.Scalar(folded)! }
            }
        }
        return NormalizedText(original: original, text: text, key: key,
                              map: OffsetMap(starts: starts, ends: ends, originalCount: count))
    }

    private func spaceFolded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.value != 0x20 && scalar.properties.generalCategory == .spaceSeparator ? " " : scalar
    }

    /// NFKC of a segment that needs context (combining marks, supplementary characters).
    private func normalizeSegment(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        guard let folded = try? NFKC.normalize(String(view)) else { return Array(scalars) }
        return Array(folded.unicodeScalars)
    }
}
