internal import CICUShim

/// An ICU transliterator, e.g. `Traditional-Simplified`.
///
/// An ICU transliterator is not safe to use from two threads at once; this type guards
/// nothing, so give each thread its own or use it once to build a table.
public final class Transliterator {
    private let handle: UnsafeMutableRawPointer
    /// The ICU id it was opened with.
    public let id: String

    /// Opens the transliterator `id` (an ICU transform id).
    public init(id: String) throws(ICUError) {
        var status: Int32 = 0
        let units = id.utf16Array
        let opened = gw_transliterator_open(units, Int32(units.count), &status)
        try ICUError.check(status, "gw_transliterator_open")
        guard let opened else { throw ICUError(code: 1, function: "gw_transliterator_open") }
        self.handle = opened
        self.id = id
    }

    private init(handle: UnsafeMutableRawPointer, id: String) {
        self.handle = handle
        self.id = id
    }

    /// Opens `id` like `init(id:)`, but straight from the rules ICU's data holds for it when
    /// it is a plain rule-based transliterator: that skips building ICU's registry of every
    /// transliterator, which costs several times more than parsing the rules (about 140M
    /// instructions of 170M for `Traditional-Simplified`). Falls back to `init(id:)`.
    public static func fromRules(id: String) throws(ICUError) -> Transliterator {
        var status: Int32 = 0
        if let opened = id.withCString({ gw_transliterator_open_rules($0, &status) }), status <= 0 {
            return Transliterator(handle: opened, id: id)
        }
        return try Transliterator(id: id)
    }

    deinit { gw_transliterator_close(handle) }

    /// Transliterates UTF-16 text.
    public func transliterate(_ units: [UInt16]) throws(ICUError) -> [UInt16] {
        var capacity = units.count * 2 + 16
        for _ in 0..<2 {
            var buffer = units
            buffer.append(contentsOf: repeatElement(0, count: capacity - units.count))
            var length = Int32(units.count)
            var status: Int32 = 0
            gw_transliterate(handle, &buffer, &length, Int32(capacity), &status)
            if status == gw_buffer_overflow() {
                capacity = Int(length) + 16
                continue
            }
            try ICUError.check(status, "gw_transliterate")
            return Array(buffer.prefix(Int(length)))
        }
        throw ICUError(code: gw_buffer_overflow(), function: "gw_transliterate")
    }

    /// Transliterates each unit on its own (BMP code points, no surrogates), like calling
    /// `transliterate([unit])` for each, in one call: the results one after the other in
    /// `units`, the result of `source[i]` ending at `ends[i]`.
    public func transliterateEach(_ source: [UInt16]) throws(ICUError) -> (units: [UInt16], ends: [Int32]) {
        var ends = [Int32](repeating: 0, count: source.count)
        let flat = try source.withUnsafeBufferPointer { source throws(ICUError) in
            try ends.withUnsafeMutableBufferPointer { ends throws(ICUError) in
                try withGrowingUTF16Buffer(initialCapacity: source.count * 2 + 16, function: "gw_transliterate_each") { dest, capacity, status in
                    gw_transliterate_each(handle, source.baseAddress, Int32(source.count), dest, capacity, ends.baseAddress, &status)
                }
            }
        }
        return (flat, ends)
    }

    /// The code points this transliterator may change (ICU's source set).
    public func sourceSet() throws(ICUError) -> [ClosedRange<UInt32>] {
        var capacity = 4096
        for _ in 0..<2 {
            var buffer = [Int32](repeating: 0, count: capacity * 2)
            var status: Int32 = 0
            let count = Int(gw_transliterator_source_set(handle, &buffer, Int32(capacity), &status))
            try ICUError.check(status, "gw_transliterator_source_set")
            if count > capacity {
                capacity = count
                continue
            }
            return (0..<count).map { UInt32(buffer[2 * $0])...UInt32(buffer[2 * $0 + 1]) }
        }
        throw ICUError(code: gw_buffer_overflow(), function: "gw_transliterator_source_set")
    }

    /// Transliterates a string.
    public func transliterate(_ text: String) throws(ICUError) -> String {
        String(decoding: try transliterate(text.utf16Array), as: UTF16.self)
    }
}
