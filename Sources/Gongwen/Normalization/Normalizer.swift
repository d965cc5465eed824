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
        scalars.withUnsafeBufferPointer { source in
            output.keyFold = keyFold
            output.simplified = simplifiedTable
            var index = 0
            while index < count && !output.overflowed {
                let scalar = source[index]
                let value = scalar.value
                // The segment NFKC must see as a whole: this scalar and any that combine with it.
                var end = index + 1
                while end < count, source[end].value < 0x10000, joins[Int(source[end].value)] { end += 1 }
                if end == index + 1 && value < 0x10000 && value != 0x0D {
                    let folded = fold[Int(value)]
                    if folded == CharacterTables.identity {
                        output.emit(scalar, index, end)
                    } else if folded < 0x110000 {
                        output.emit(Normalizer.scalar(folded), index, end)
                    } else if folded == CharacterTables.expands {
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

        /// Writes one clean scalar from the original range `start..<end`, with its view form
        /// and, when asked, its Simplified form.
        @inline(__always)
        mutating func emit(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            guard count < text.count else {
                overflowed = true
                return
            }
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
            // Checked above: all four buffers have the same capacity.
            text.baseAddress![count] = clean
            key.baseAddress![count] = keyScalar
            starts.baseAddress![count] = Int32(truncatingIfNeeded: start)
            ends.baseAddress![count] = Int32(truncatingIfNeeded: end)
            count += 1
        }

        /// `emit` for the rare cases, kept out of line.
        @inline(never)
        mutating func emitRarely(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            emit(scalar, start, end)
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
