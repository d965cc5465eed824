/// A small streaming JSON writer that writes keys in the order given, so output is
/// byte-for-byte stable. Pretty form indents by two spaces; compact form has no spaces.
///
/// The bytes go into one growing raw allocation rather than a Swift array: every write
/// makes room once and then stores bytes through a pointer (appending to an array checks
/// uniqueness and capacity byte by byte, which cost more than the JSON itself).
/// Noncopyable, because it owns that allocation.
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    let pretty: Bool
    /// Open containers.
    private var depth = 0
    /// A key was written; the next value is its value (no separator before it).
    private var pendingValueAfterKey = false

    init(pretty: Bool, capacity: Int = 4096) {
        self.pretty = pretty
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The JSON written so far.
    var bytes: [UInt8] {
        // One memcpy into the array's storage (`Array(UnsafeBufferPointer(…))` copies
        // through the generic sequence path, several times slower).
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.initialize(from: base, count: count)
            initialized = count
        }
    }

    mutating func beginObject() { openContainer(UInt8(ascii: "{")) }
    mutating func endObject() { closeContainer(UInt8(ascii: "}")) }
    mutating func beginArray() { openContainer(UInt8(ascii: "[")) }
    mutating func endArray() { closeContainer(UInt8(ascii: "]")) }

    /// Starts a member of the current object. Keys are literals that need no escaping,
    /// copied as they are (a `StaticString`: no `String` to scan or release).
    /// Inlined so that each call site copies a name of known length and bytes: the copy
    /// below then compiles to a few stores of constants.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        separate()
        reserve(name.utf8CodeUnitCount + 4)
        var out = JSONWriter.putQuotedName(name, at: base + count)
        if pretty {
            out[0] = UInt8(ascii: " ")
            out += 1
        }
        count = out - base
        pendingValueAfterKey = true
    }

    /// `"name":` into room already reserved at `out`; returns where it ends. Keys are a
    /// few bytes long: a byte loop beats a call to memcpy.
    @inline(__always)
    private static func putQuotedName(_ name: StaticString, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let length = name.utf8CodeUnitCount
        var out = start
        out[0] = UInt8(ascii: "\"")
        let source = name.utf8Start
        for index in 0..<length { out[1 &+ index] = source[index] }
        out += length &+ 1
        out[0] = UInt8(ascii: "\"")
        out[1] = UInt8(ascii: ":")
        return out + 2
    }

    /// Starts a member of the current object when the caller knows whether it is the
    /// object's first member (`first`, a constant at every call site): compact output then
    /// needs no look at the last byte written, and the comma, the quoted name and the colon
    /// go in after one check for room. Pretty output takes the path of `key(_:)`.
    @inline(__always)
    mutating func key(_ name: StaticString, first: Bool) {
        guard !pretty else { keyWithLayout(name); return }
        reserve(name.utf8CodeUnitCount + 4)
        var out = base + count
        if !first {
            out[0] = UInt8(ascii: ",")
            out += 1
        }
        count = JSONWriter.putQuotedName(name, at: out) - base
        pendingValueAfterKey = true
    }

    /// `key(_:)` out of line: the pretty path of `key(_:first:)`, kept out of its
    /// inlined body.
    @inline(never)
    private mutating func keyWithLayout(_ name: StaticString) { key(name) }

    /// Starts a member whose name is not known at compile time (escaped like a string).
    mutating func key(dynamic name: String) {
        separate()
        writeString(name)
        reserve(2)
        put(UInt8(ascii: ":"))
        if pretty { put(UInt8(ascii: " ")) }
        pendingValueAfterKey = true
    }

    mutating func string(_ value: String) { startValue(); writeString(value) }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    /// A text of the clean text, encoded straight from its scalars (the same bytes as
    /// `string(pieces.string)`, without making the string).
    mutating func string(_ pieces: TextPieces) { startValue(); writeString(pieces) }
    /// A string known at compile time that needs no escape (an enum's raw value): its
    /// bytes copied between quotes, with no scan for bytes to escape.
    mutating func string(plain value: StaticString) {
        startValue()
        let length = value.utf8CodeUnitCount
        reserve(length + 2)
        let out = base + count
        out[0] = UInt8(ascii: "\"")
        JSONWriter.copyShort(value.utf8Start, length, to: out + 1)
        out[length &+ 1] = UInt8(ascii: "\"")
        count += length &+ 2
    }

    /// Copies `length` bytes: up to sixteen as two overlapping words (eight or four bytes
    /// each), fewer than four byte by byte, more through `update(from:count:)`. Every load
    /// stays within the source.
    @inline(__always)
    private static func copyShort(_ start: UnsafePointer<UInt8>, _ length: Int, to out: UnsafeMutablePointer<UInt8>) {
        let source = UnsafeRawPointer(start)
        let target = UnsafeMutableRawPointer(out)
        if length > 16 {
            out.update(from: start, count: length)
        } else if length >= 8 {
            let low = source.loadUnaligned(as: UInt64.self)
            let high = source.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
            target.storeBytes(of: low, as: UInt64.self)
            target.storeBytes(of: high, toByteOffset: length &- 8, as: UInt64.self)
        } else if length >= 4 {
            let low = source.loadUnaligned(as: UInt32.self)
            let high = source.loadUnaligned(fromByteOffset: length &- 4, as: UInt32.self)
            target.storeBytes(of: low, as: UInt32.self)
            target.storeBytes(of: high, toByteOffset: length &- 4, as: UInt32.self)
        } else {
            for index in 0..<length { out[index] = start[index] }
        }
    }

    mutating func string(plain value: StaticString?) { if let value { string(plain: value) } else { null() } }
    mutating func int(_ value: Int) { startValue(); writeInt(value) }
    mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }
    mutating func decimal(_ value: ExactDecimal) { startValue(); writeDecimal(value) }
    /// `null`: four bytes in one store (no call to copy a literal; half the values of a
    /// quantity may be null).
    mutating func null() {
        startValue()
        reserve(4)
        // "null" in memory order, read as a little-endian word.
        UnsafeMutableRawPointer(base + count).storeBytes(of: UInt32(0x6C6C_756E).littleEndian, as: UInt32.self)
        count += 4
    }
    /// A literal already in JSON form (a number or `true`/`false`).
    mutating func literal(_ text: String) { startValue(); writeRaw(text) }

    /// A span as `[start, end]` (always on one line): both numbers, the brackets and the
    /// comma after one check for room, through a local pointer.
    mutating func span(_ span: Span) {
        startValue()
        reserve(44)
        var out = base + count
        out[0] = UInt8(ascii: "[")
        out = JSONWriter.storeInt(span.start, at: out + 1)
        out[0] = UInt8(ascii: ",")
        out += 1
        if pretty {
            out[0] = UInt8(ascii: " ")
            out += 1
        }
        out = JSONWriter.storeInt(span.end, at: out)
        out[0] = UInt8(ascii: "]")
        count = out + 1 - base
    }

    mutating func span(_ span: Span?) { if let span { self.span(span) } else { null() } }

    // MARK: - Room and raw bytes

    /// Makes room for `extra` more bytes; the `put`s after it do not check.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    /// Rare (the encoder reserves enough up front): kept out of line so that the inlined
    /// writes stay small.
    @inline(never)
    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// One byte into room already reserved.
    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Bytes into room already reserved.
    @inline(__always)
    private mutating func put(_ source: UnsafePointer<UInt8>, _ length: Int) {
        (base + count).update(from: source, count: length)
        count += length
    }

    @inline(__always)
    private mutating func put(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        put(start, source.count)
    }

    /// The UTF-8 of a string that needs no escaping.
    private mutating func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard let start = utf8.baseAddress else { return }
            reserve(utf8.count)
            put(start, utf8.count)
        }
    }

    // MARK: - Layout

    @inline(__always)
    private mutating func startValue() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
        } else {
            separate()
        }
    }

    /// A comma before every element of a container but the first, then the line break.
    /// Whether the container has an element yet is read off the last byte written: its
    /// opening bracket when it is empty, else the end of a value (`"`, a digit, `}`, `]`,
    /// `l`, `e`), which is never a bracket that opens.
    @inline(__always)
    private mutating func separate() {
        guard depth > 0 else { return }
        let last = base[count - 1]
        if last != UInt8(ascii: "{") && last != UInt8(ascii: "[") {
            reserve(1)
            put(UInt8(ascii: ","))
        }
        newline()
    }

    private mutating func openContainer(_ byte: UInt8) {
        startValue()
        reserve(1)
        put(byte)
        depth += 1
    }

    private mutating func closeContainer(_ byte: UInt8) {
        // Empty when the last byte is still the opening bracket (see `separate`).
        let opening = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
        let hadElements = base[count - 1] != opening
        depth -= 1
        if hadElements { newline() }
        reserve(1)
        put(byte)
    }

    @inline(__always)
    private mutating func newline() {
        guard pretty else { return }
        reserve(1 + 2 * depth)
        put(UInt8(ascii: "\n"))
        (base + count).initialize(repeating: 0x20, count: 2 * depth)
        count += 2 * depth
    }

    /// Decimal digits straight into the output (no `String` per number).
    private mutating func writeInt(_ value: Int) {
        reserve(21)
        count = JSONWriter.storeInt(value, at: base + count) - base
    }

    /// The decimal digits of `value` (and its sign) at `out`, in room already reserved (21
    /// bytes); returns the end of what it wrote. Spans are most of the numbers written, so
    /// the digits are counted by comparison (short numbers first) and written two at a time
    /// from a table (half the divisions of one digit at a time), each pair one 16-bit store.
    @inline(__always)
    private static func storeInt(_ value: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var out = start
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            out += 1
        }
        var magnitude = value.magnitude
        let length = digitCount(magnitude)
        let pairs = UnsafeRawPointer(digitPairs.utf8Start)
        var index = length
        while magnitude >= 100 {
            let pair = Int(truncatingIfNeeded: magnitude % 100) &* 2
            magnitude /= 100
            index &-= 2
            UnsafeMutableRawPointer(out + index).storeBytes(
                of: pairs.loadUnaligned(fromByteOffset: pair, as: UInt16.self), as: UInt16.self)
        }
        if magnitude >= 10 {
            let pair = Int(truncatingIfNeeded: magnitude) &* 2
            UnsafeMutableRawPointer(out + index - 2).storeBytes(
                of: pairs.loadUnaligned(fromByteOffset: pair, as: UInt16.self), as: UInt16.self)
        } else {
            out[index - 1] = UInt8(truncatingIfNeeded: 0x30 &+ magnitude)
        }
        return out + length
    }

    /// How many decimal digits `magnitude` has (numbers of up to five digits, nearly all
    /// of them, in at most five comparisons).
    @inline(__always)
    private static func digitCount(_ magnitude: UInt) -> Int {
        if magnitude < 10 { return 1 }
        if magnitude < 100 { return 2 }
        if magnitude < 1000 { return 3 }
        if magnitude < 10000 { return 4 }
        if magnitude < 100_000 { return 5 }
        var length = 6
        var bound: UInt = 1_000_000
        while length < 20 && magnitude >= bound {
            length += 1
            bound = bound &* 10
        }
        return length
    }

    /// "00", "01", … "99" back to back: the two digits of `n` are at `2n` and `2n + 1`.
    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// `value.description` straight into the output (no `String`s): the significand's
    /// digits, then the zeros of a positive exponent, or the point a negative one places.
    private mutating func writeDecimal(_ value: ExactDecimal) {
        var magnitude = value.significand.magnitude
        let exponent = value.exponent
        var digitCount = 0
        var rest = magnitude
        repeat {
            digitCount += 1
            rest /= 10
        } while rest > 0
        // sign, "0.", leading zeros, digits, trailing zeros
        reserve(digitCount + Int(exponent.magnitude) + 4)
        if value.significand < 0 { put(UInt8(ascii: "-")) }
        let point = digitCount + exponent
        if exponent < 0 && point <= 0 {
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "."))
            (base + count).initialize(repeating: UInt8(ascii: "0"), count: -point)
            count += -point
        }
        // The digits from the last, leaving a byte for the point when it falls among them.
        let withPoint = exponent < 0 && point > 0
        let length = digitCount + (withPoint ? 1 : 0)
        var index = count + length
        var written = 0
        repeat {
            if withPoint && written == -exponent {
                index -= 1
                base[index] = UInt8(ascii: ".")
            }
            index -= 1
            base[index] = UInt8(truncatingIfNeeded: 0x30 &+ magnitude % 10)
            magnitude /= 10
            written += 1
        } while written < digitCount
        count += length
        if exponent > 0 {
            (base + count).initialize(repeating: UInt8(ascii: "0"), count: exponent)
            count += exponent
        }
    }

    @inline(__always)
    private mutating func writeString(_ value: String) {
        // Native strings (all the encoder sees) always have contiguous UTF-8; the copy
        // below is only for a bridged one.
        if value.utf8.withContiguousStorageIfAvailable({ writeString(utf8: $0) }) == nil {
            var copy = value
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { writeString(utf8: $0) }
        }
    }

    private mutating func writeString(utf8: UnsafeBufferPointer<UInt8>) {
        // Room for the text and its quotes; an escape makes room for itself.
        reserve(utf8.count + 2)
        guard let start = utf8.baseAddress else {
            put(UInt8(ascii: "\""))
            put(UInt8(ascii: "\""))
            return
        }
        // Most strings are short (ids, units, indicators, headings) and need no escape:
        // look at them a word at a time, and copy them a word at a time if they are clean.
        if utf8.count <= 64 && writeShortClean(start, utf8.count) { return }
        put(UInt8(ascii: "\""))
        // Copy runs of bytes that need no escape in one go. Most text has no byte to
        // escape, so the scan looks at eight bytes at a time first (a word with no
        // byte below 0x20, no '"' and no '\\' is copied as it is).
        let length = utf8.count
        let raw = UnsafeRawPointer(start)
        var runStart = 0
        var index = 0
        while index < length {
            if index + 8 <= length {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !JSONWriter.mayNeedEscape(word) {
                    index += 8
                    continue
                }
            }
            let byte = start[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            // The run, the escape (at most 6 bytes), and room for the rest again.
            put(start + runStart, index - runStart)
            reserve(6 + length - index + 1)
            index += 1
            runStart = index
            writeEscape(byte)
        }
        put(start + runStart, length - runStart)
        put(UInt8(ascii: "\""))
    }

    /// A string of at most 64 bytes, quoted, into reserved room, if none of its bytes
    /// needs an escape; false (and nothing written) otherwise. Whole words are checked
    /// and copied eight bytes at a time, the last one overlapping the one before where the
    /// length is not a multiple of eight; four to seven bytes are two overlapping 32-bit
    /// words; fewer go byte by byte. (Every load stays within the string.)
    @inline(__always)
    private mutating func writeShortClean(_ start: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let source = UnsafeRawPointer(start)
        let out = base + count
        let target = UnsafeMutableRawPointer(out + 1)
        if length >= 8 {
            // The words at 0, 8, 16 that lie wholly before the last eight bytes, then those.
            let last = length &- 8
            var flags = JSONWriter.escapeFlags(source.loadUnaligned(fromByteOffset: last, as: UInt64.self))
            var offset = 0
            while offset < last {
                flags |= JSONWriter.escapeFlags(source.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset &+= 8
            }
            if flags != 0 { return false }
            offset = 0
            while offset < last {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: last, as: UInt64.self), toByteOffset: last, as: UInt64.self)
        } else if length >= 4 {
            let low = source.loadUnaligned(as: UInt32.self)
            let high = source.loadUnaligned(fromByteOffset: length &- 4, as: UInt32.self)
            if JSONWriter.mayNeedEscape(UInt64(low) | UInt64(high) << 32) { return false }
            target.storeBytes(of: low, as: UInt32.self)
            target.storeBytes(of: high, toByteOffset: length &- 4, as: UInt32.self)
        } else {
            for index in 0..<length {
                let byte = start[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
                out[1 &+ index] = byte
            }
        }
        out[0] = UInt8(ascii: "\"")
        out[1 &+ length] = UInt8(ascii: "\"")
        count += length &+ 2
        return true
    }

    /// `writeString(pieces.string)` without the string: each scalar is UTF-8 encoded
    /// into the output, and the ASCII ones JSON must escape are escaped.
    private mutating func writeString(_ pieces: TextPieces) {
        reserve(1)
        put(UInt8(ascii: "\""))
        pieces.scalars.withUnsafeBufferPointer { scalars in
            var previous: Int?
            for range in pieces.ranges where !range.isEmpty {
                precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count, "range out of bounds")
                // Room for the separator, every scalar at its longest, and the closing quote;
                // an escape makes room for itself.
                reserve(range.count * 4 + 8)
                if let previous, ScalarString.needsSeparator(scalars, previous, range.lowerBound) {
                    put(UInt8(ascii: " "))
                }
                var index = range.lowerBound
                while index < range.upperBound {
                    index = writeUnescaped(scalars, from: index, to: range.upperBound)
                    guard index < range.upperBound else { break }
                    reserve(6 + (range.upperBound - index) * 4 + 8)
                    writeEscape(UInt8(truncatingIfNeeded: scalars[index].value))
                    index += 1
                }
                previous = range.upperBound - 1
            }
        }
        reserve(1)
        put(UInt8(ascii: "\""))
    }

    /// Encodes scalars from `start` into reserved room up to `end` or the first one JSON
    /// must escape; returns where it stopped. (The hot loop of paragraph text: it keeps
    /// the write position in a local rather than in `self`.)
    @inline(__always)
    private mutating func writeUnescaped(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, to end: Int) -> Int {
        var out = base + count
        var index = start
        while index < end {
            let scalar = scalars[index]
            let value = scalar.value
            if UTF8Encoding.isThreeBytes(value) {
                // Nearly all Chinese text; the caller reserved four bytes a scalar.
                UTF8Encoding.storeThreeBytes(value, at: out)
                out += 3
            } else {
                if value < 0x80 && (value < 0x20 || value == 0x22 || value == 0x5C) { break }
                out += UTF8Encoding.write(scalar, to: out)
            }
            index &+= 1
        }
        count = out - base
        return index
    }

    /// The escape of a byte that may not stand in a JSON string, into reserved room.
    private mutating func writeEscape(_ byte: UInt8) {
        put(0x5C)
        switch byte {
        case UInt8(ascii: "\""): put(0x22)
        case UInt8(ascii: "\\"): put(0x5C)
        case 0x0A: put(UInt8(ascii: "n"))
        case 0x0D: put(UInt8(ascii: "r"))
        case 0x09: put(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            put(UInt8(ascii: "u"))
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "0"))
            hex.withUTF8Buffer { digits in
                put(digits[Int(byte >> 4)])
                put(digits[Int(byte & 15)])
            }
        }
    }

    /// False when none of the eight bytes of `word` is below 0x20, '"' or '\\'. (True may
    /// be a false alarm; the bytes are then looked at one by one.)
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool { escapeFlags(word) != 0 }

    /// The high bit of each byte of `word` that may need an escape (see `mayNeedEscape`);
    /// the flags of several words can be or-ed and tested once.
    @inline(__always)
    private static func escapeFlags(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20; a byte equal to 0x22 or 0x5C (zero after the xor).
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return control | hasQuote | hasBackslash
    }
}
