/// A set of Unicode scalars with constant-time lookup: a bitmap over the Basic
/// Multilingual Plane plus a small set for the rest. Built once from grammar rules.
struct ScalarSet: Sendable {
    private var bits: [UInt64]
    private var astral: Set<UInt32>

    init() {
        bits = Array(repeating: 0, count: 1024)
        astral = []
    }

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        self.init()
        for scalar in scalars { insert(scalar) }
    }

    init(_ set: CodePointSet) {
        self.init()
        formUnion(set)
    }

    mutating func insert(_ scalar: Unicode.Scalar) {
        insert(value: scalar.value)
    }

    private mutating func insert(value: UInt32) {
        if value < 0x10000 {
            bits[Int(value >> 6)] |= 1 << UInt64(value & 63)
        } else {
            astral.insert(value)
        }
    }

    mutating func formUnion(_ set: CodePointSet) {
        for range in set.ranges {
            for value in range { insert(value: value) }
        }
    }

    mutating func formUnion(_ other: ScalarSet) {
        for index in 0..<bits.count { bits[index] |= other.bits[index] }
        astral.formUnion(other.astral)
    }

    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x10000 { return bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
        return astral.contains(value)
    }

    /// The first position in `[start, end)` of `scalars` whose scalar is in the set, or
    /// `end`. For scans that look at every scalar of a text: reads both the text and the
    /// bitmap through pointers. Inlined: the scans stop often (at every marker character),
    /// and a call each time cost as much as the scanning.
    @inline(__always)
    func firstIndex(in scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
        precondition(start >= 0 && end <= scalars.count, "range out of bounds")
        guard astral.isEmpty else {
            var position = start
            while position < end && !contains(scalars[position]) { position += 1 }
            return position
        }
        return scalars.withUnsafeBufferPointer { text in
            bits.withUnsafeBufferPointer { bits in
                var position = start
                while position < end {
                    let value = text[position].value
                    if value < 0x10000 && bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 { break }
                    position += 1
                }
                return position
            }
        }
    }
}

/// Character tests the segmenter needs that are facts of Unicode, not of any grammar.
enum Scalars {
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\u{A0}"
    }

    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
    }

    /// CJK unified ideographs (the basic block and extension A).
    @inline(__always)
    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF)
    }
}
