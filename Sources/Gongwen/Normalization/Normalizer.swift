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
    public let simplified: Bool
    /// What the clean text makes of each BMP code point (`identity`, `expands`, `drop`, or one code point).
    let fold: [UInt32]
    /// What the matching view makes of each BMP code point of the clean text.
    let keyFold: [UInt32]

    /// `fold`, `keyFold`, the Simplified table when asked, and `joinsPrevious` in one
    /// entry per BMP code point, so the common case costs one lookup a scalar: see `Entry`.
    let entries: [UInt64]

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
        self.entries = Entry.table(fold: fold, keyFold: keyFold, simplified: simplified ? CharacterTables.simplified : nil)
    }

    /// The combined per-code-point table: bits 0–31 the clean scalar (already through the
    /// Simplified table when asked) or `slow`; bits 32–62 its matching-view scalar; bit 63
    /// set when the code point may combine with what precedes it (`joinsPrevious`).
    enum Entry {
        /// The code point needs the general path: it expands, is dropped, or is `\r`.
        static let slow: UInt32 = 0xFFFF_FFFC
        static let joins: UInt64 = 1 << 63
        /// What a supplementary scalar looks up: the general path, joining nothing.
        static let supplementary = UInt64(slow)

        static func table(fold: [UInt32], keyFold: [UInt32], simplified: [UInt32]?) -> [UInt64] {
            var table = [UInt64](repeating: UInt64(slow), count: 0x10000)
            let joins = CharacterTables.joinsPrevious
            for value in 0..<0x10000 {
                var entry = UInt64(slow)
                let folded = fold[value]
                let single: UInt32? = folded == CharacterTables.identity ? UInt32(value) : folded < 0x110000 ? folded : nil
                if let single, value != 0x0D, !(0xD800...0xDFFF).contains(value) {
                    // What `Output.emitRarely` would make of the single scalar NFKC gave.
                    var key = single
                    var clean = single
                    if single < 0x10000 {
                        if keyFold[Int(single)] != CharacterTables.identity { key = keyFold[Int(single)] }
                        if let simplified, simplified[Int(single)] != CharacterTables.identity { clean = simplified[Int(single)] }
                    }
                    entry = UInt64(key) << 32 | UInt64(clean)
                }
                if joins[value] { entry |= Entry.joins }
                table[value] = entry
            }
            return table
        }
    }

    private static func isSpaceSeparator(_ value: UInt32) -> Bool {
        Unicode.Scalar(value)?.properties.generalCategory == .spaceSeparator
    }

    /// Normalizes decoded text.
    public func normalize(_ original: DecodedText) -> NormalizedText {
        // Room for some expansion (℃ → °C); a text that expands more is done again with more.
        var capacity = original.scalars.count + original.scalars.count / 16 + 16
        while true {
            if let normalized = normalize(original, capacity: capacity) { return normalized }
            capacity *= 2
        }
    }

    /// Normalizes into arrays of `capacity` scalars; nil when the output does not fit.
    ///
    /// One pass writes the clean text, the matching view and both halves of the offset map
    /// straight into the storage of the four result arrays (appending to four arrays scalar
    /// by scalar, a second pass for the view, or copying from scratch buffers cost more than
    /// the table lookups themselves). The common case (a BMP scalar NFKC maps to at most one
    /// scalar) stays in a tight loop; the rest goes through `emitRarely`, so that the loop
    /// keeps its state in registers.
    private func normalize(_ original: DecodedText, capacity: Int) -> NormalizedText? {
        let count = original.scalars.count
        var written = 0
        var fits = true
        var key: [Unicode.Scalar] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        let text = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { textBuffer, textCount in
        key = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { keyBuffer, keyCount in
        starts = [Int32](unsafeUninitializedCapacity: capacity) { startBuffer, startCount in
        ends = [Int32](unsafeUninitializedCapacity: capacity) { endBuffer, endCount in
            var output = Output(text: textBuffer, key: keyBuffer, starts: startBuffer, ends: endBuffer)
            run(original.scalars, into: &output)
            written = output.count
            fits = !output.overflowed
            endCount = written
        }
            startCount = written
        }
            keyCount = written
        }
            textCount = written
        }
        guard fits else { return nil }
        return NormalizedText(original: original, text: text, key: key,
                              map: OffsetMap(starts: starts, ends: ends, originalCount: count))
    }

    private func run(_ scalars: [Unicode.Scalar], into output: inout Output) {
        let count = scalars.count
        let simplifiedTable = simplified ? CharacterTables.simplified : []
        fold.withUnsafeBufferPointer { fold in
        keyFold.withUnsafeBufferPointer { keyFold in
        simplifiedTable.withUnsafeBufferPointer { simplifiedTable in
        CharacterTables.joinsPrevious.withUnsafeBufferPointer { joins in
        entries.withUnsafeBufferPointer { entries in
        scalars.withUnsafeBufferPointer { source in
            output.keyFold = keyFold
            output.simplified = simplifiedTable
            @inline(__always) func entry(_ scalar: Unicode.Scalar) -> UInt64 {
                scalar.value < 0x10000 ? entries[Int(scalar.value)] : Entry.supplementary
            }
            var index = 0
            // The entry of the scalar at `index`, read while looking ahead from the one before.
            var current = count > 0 ? entry(source[0]) : 0
            while index < count && !output.overflowed {
                // The common case: a scalar that stays one scalar, with no combining scalar after it.
                let next = index + 1
                let following = next < count ? entry(source[next]) : 0
                let clean = UInt32(truncatingIfNeeded: current)
                if following & Entry.joins == 0 && clean != Entry.slow {
                    output.emit(clean: Normalizer.scalar(clean),
                                key: Normalizer.scalar(UInt32(truncatingIfNeeded: current >> 32) & 0x7FFF_FFFF),
                                index, next)
                    index = next
                    current = following
                    continue
                }
                let scalar = source[index]
                let value = scalar.value
                // The segment NFKC must see as a whole: this scalar and any that combine with it.
                var end = index + 1
                while end < count, source[end].value < 0x10000, joins[Int(source[end].value)] { end += 1 }
                if end == index + 1 && value < 0x10000 && value != 0x0D {
                    // A code point alone that NFKC expands or that is dropped (every other
                    // one took the common path above).
                    if fold[Int(value)] == CharacterTables.expands {
                        for piece in CharacterTables.nfkcExpansions[value] ?? [scalar] { output.emitRarely(spaceFolded(piece), index, end) }
                    }
                    // else `drop`: nothing emitted
                } else if value == 0x0D {
                    end = index + 1 < count && source[index + 1] == "\n" ? index + 2 : index + 1
                    output.emitRarely("\n", index, end)
                } else {
                    for piece in normalizeSegment(scalars[index..<end]) { output.emitRarely(spaceFolded(piece), index, end) }
                }
                index = end
                current = end < count ? entry(source[end]) : 0
            }
        }
        }
        }
        }
        }
        }
    }

    /// A table entry as a scalar. The tables hold only valid scalars besides their markers
    /// (which are tested first), so the hot loop skips the validity check of `Unicode.Scalar(_:)`.
    @inline(__always)
    private static func scalar(_ value: UInt32) -> Unicode.Scalar {
        assert(Unicode.Scalar(value) != nil)
        return unsafeBitCast(value, to: Unicode.Scalar.self)
    }

    /// Where `run` writes: the storage of the four result arrays.
    private struct Output {
        let text: UnsafeMutableBufferPointer<Unicode.Scalar>
        let key: UnsafeMutableBufferPointer<Unicode.Scalar>
        let starts: UnsafeMutableBufferPointer<Int32>
        let ends: UnsafeMutableBufferPointer<Int32>
        private(set) var count = 0
        /// Set when a scalar did not fit; what was written is then incomplete.
        private(set) var overflowed = false
        var keyFold = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
        /// Empty unless the clean text is converted to Simplified too.
        var simplified = UnsafeBufferPointer<UInt32>(start: nil, count: 0)

        init(text: UnsafeMutableBufferPointer<Unicode.Scalar>, key: UnsafeMutableBufferPointer<Unicode.Scalar>,
             starts: UnsafeMutableBufferPointer<Int32>, ends: UnsafeMutableBufferPointer<Int32>) {
            self.text = text
            self.key = key
            self.starts = starts
            self.ends = ends
        }

        /// Writes a clean scalar and its view form, both already looked up.
        @inline(__always)
        mutating func emit(clean: Unicode.Scalar, key keyScalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            guard count < text.count else {
                overflowed = true
                return
            }
            // Checked above: all four buffers have the same capacity.
            text.baseAddress![count] = clean
            key.baseAddress![count] = keyScalar
            starts.baseAddress![count] = Int32(truncatingIfNeeded: start)
            ends.baseAddress![count] = Int32(truncatingIfNeeded: end)
            count += 1
        }

        /// Writes one clean scalar of the rare cases (expansions, line breaks, segments NFKC
        /// saw whole) from the original range `start..<end`: looks up its view form and,
        /// when asked, its Simplified form (the common path has them in its table entry).
        /// Kept out of line, so that the common loop keeps its state in registers.
        @inline(never)
        mutating func emitRarely(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            var keyScalar = scalar
            var clean = scalar
            let value = scalar.value
            if value < 0x10000 {
                let folded = keyFold[Int(value)]
                if folded != CharacterTables.identity { keyScalar = Normalizer.scalar(folded) }
                if !simplified.isEmpty {
                    let simple = simplified[Int(value)]
                    if simple != CharacterTables.identity { clean = Normalizer.scalar(simple) }
                }
            }
            emit(clean: clean, key: keyScalar, start, end)
        }
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
