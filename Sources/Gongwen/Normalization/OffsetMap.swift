/// Maps positions of the clean (normalized) text back to Unicode-scalar offsets of the
/// decoded original (SPEC §1).
///
/// Each clean scalar comes from a range of original scalars: usually one, several when
/// NFKC or line-break folding merged them (`\r\n` → `\n`), and a range shared by several
/// clean scalars when one original expanded (`℃` → `°C`).
public struct OffsetMap: Sendable, Equatable {
    /// Original start of the source range of each clean scalar.
    var starts: [Int32]
    /// Original end of the source range of each clean scalar.
    var ends: [Int32]
    /// Length of the original text.
    public let originalCount: Int

    init(starts: [Int32], ends: [Int32], originalCount: Int) {
        self.starts = starts
        self.ends = ends
        self.originalCount = originalCount
    }

    /// Number of clean scalars mapped.
    public var count: Int { starts.count }

    /// The original span whose normalization gave the clean range `range`.
    public func originalSpan(of range: Range<Int>) -> Span {
        if range.isEmpty {
            let at = range.lowerBound < starts.count ? Int(starts[range.lowerBound]) : originalCount
            return Span(at, at)
        }
        return Span(Int(starts[range.lowerBound]), Int(ends[range.upperBound - 1]))
    }

    /// True when clean position `index` falls between source ranges, not inside the
    /// expansion of one original character (`°|C` from `℃` is not a boundary).
    public func isBoundary(_ index: Int) -> Bool {
        index <= 0 || index >= starts.count || starts[index] != starts[index - 1]
    }

    /// The original offset where the clean scalar at `index` starts.
    public func originalOffset(of index: Int) -> Int {
        index < starts.count ? Int(starts[index]) : originalCount
    }
}
