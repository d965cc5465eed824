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
    ///
    /// One pass writes the clean text, the matching view and both halves of the offset map
    /// through pointers (appending to four arrays scalar by scalar, and a second pass for
    /// the view, cost more than the table lookups themselves). The common case (a BMP
    /// scalar NFKC maps to at most one scalar) stays in a tight loop; the rest goes through
    /// `emitRarely`, so that the loop keeps its state in registers.
    public func normalize(_ original: DecodedText) -> NormalizedText {
        let count = original.scalars.count
        let simplifiedTable = simplified ? CharacterTables.simplified : []
        return fold.withUnsafeBufferPointer { fold in
        keyFold.withUnsafeBufferPointer { keyFold in
        simplifiedTable.withUnsafeBufferPointer { simplifiedTable in
        CharacterTables.joinsPrevious.withUnsafeBufferPointer { joins in
        original.scalars.withUnsafeBufferPointer { source in
            var output = Output(capacity: count + count / 16 + 16, keyFold: keyFold, simplified: simplifiedTable)
            defer { output.deallocate() }
            var index = 0
            while index < count {
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
                    for piece in normalizeSegment(original.scalars[index..<end]) { output.emitRarely(spaceFolded(piece), index, end) }
                }
                index = end
            }
            let arrays = output.arrays()
            return NormalizedText(original: original, text: arrays.text, key: arrays.key,
                                  map: OffsetMap(starts: arrays.starts, ends: arrays.ends, originalCount: count))
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

    /// The four outputs of `normalize`, in buffers that grow by doubling.
    private struct Output {
        private var text: UnsafeMutablePointer<Unicode.Scalar>
        private var key: UnsafeMutablePointer<Unicode.Scalar>
        private var starts: UnsafeMutablePointer<Int32>
        private var ends: UnsafeMutablePointer<Int32>
        private var count = 0
        private var capacity: Int
        private let keyFold: UnsafeBufferPointer<UInt32>
        /// Empty unless the clean text is converted to Simplified too.
        private let simplified: UnsafeBufferPointer<UInt32>

        init(capacity: Int, keyFold: UnsafeBufferPointer<UInt32>, simplified: UnsafeBufferPointer<UInt32>) {
            self.capacity = capacity
            self.keyFold = keyFold
            self.simplified = simplified
            text = .allocate(capacity: capacity)
            key = .allocate(capacity: capacity)
            starts = .allocate(capacity: capacity)
            ends = .allocate(capacity: capacity)
        }

        /// Writes one clean scalar from the original range `start..<end`, with its view form
        /// and, when asked, its Simplified form.
        @inline(__always)
        mutating func emit(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            if count == capacity { grow() }
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
            text[count] = clean
            key[count] = keyScalar
            starts[count] = Int32(truncatingIfNeeded: start)
            ends[count] = Int32(truncatingIfNeeded: end)
            count += 1
        }

        /// `emit` for the rare cases, kept out of line.
        @inline(never)
        mutating func emitRarely(_ scalar: Unicode.Scalar, _ start: Int, _ end: Int) {
            emit(scalar, start, end)
        }

        @inline(never)
        private mutating func grow() {
            let newCapacity = capacity * 2
            func moved<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
                let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
                new.moveInitialize(from: old, count: count)
                old.deallocate()
                return new
            }
            text = moved(text)
            key = moved(key)
            starts = moved(starts)
            ends = moved(ends)
            capacity = newCapacity
        }

        func arrays() -> (text: [Unicode.Scalar], key: [Unicode.Scalar], starts: [Int32], ends: [Int32]) {
            (Array(UnsafeBufferPointer(start: text, count: count)), Array(UnsafeBufferPointer(start: key, count: count)),
             Array(UnsafeBufferPointer(start: starts, count: count)), Array(UnsafeBufferPointer(start: ends, count: count)))
        }

        func deallocate() {
            text.deallocate()
            key.deallocate()
            starts.deallocate()
            ends.deallocate()
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
