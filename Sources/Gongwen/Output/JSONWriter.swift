/// A small streaming JSON writer that writes keys in the order given, so output is
/// byte-for-byte stable. Pretty form indents by two spaces; compact form has no spaces.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    let pretty: Bool
    private var depth = 0
    /// Whether the current container has had an element yet.
    private var hasElement: [Bool] = []

    init(pretty: Bool, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() { openContainer(UInt8(ascii: "{")) }
    mutating func endObject() { closeContainer(UInt8(ascii: "}")) }
    mutating func beginArray() { openContainer(UInt8(ascii: "[")) }
    mutating func endArray() { closeContainer(UInt8(ascii: "]")) }

    /// Starts a member of the current object. Keys are literals that need no escaping,
    /// copied as they are (a `StaticString`: no `String` to scan or release).
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        pendingValueAfterKey = true
    }

    /// Starts a member whose name is not known at compile time (escaped like a string).
    mutating func key(dynamic name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        pendingValueAfterKey = true
    }

    mutating func string(_ value: String) { startValue(); writeString(value) }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func int(_ value: Int) { startValue(); writeInt(value) }
    mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }
    mutating func decimal(_ value: ExactDecimal) { startValue(); bytes += Array(value.description.utf8) }
    mutating func null() { startValue(); raw("null") }
    /// A literal already in JSON form (a number or `true`/`false`).
    mutating func literal(_ text: String) { startValue(); bytes += Array(text.utf8) }

    /// A span as `[start, end]` (always on one line).
    mutating func span(_ span: Span) {
        startValue()
        bytes.append(UInt8(ascii: "["))
        writeInt(span.start)
        bytes.append(UInt8(ascii: ","))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        writeInt(span.end)
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func span(_ span: Span?) { if let span { self.span(span) } else { null() } }

    // MARK: - Layout

    private var pendingValueAfterKey = false

    private mutating func startValue() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
        } else {
            separate()
        }
    }

    private mutating func separate() {
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasElement[hasElement.count - 1] = true
        newline()
    }

    private mutating func openContainer(_ byte: UInt8) {
        startValue()
        bytes.append(byte)
        hasElement.append(false)
        depth += 1
    }

    private mutating func closeContainer(_ byte: UInt8) {
        let hadElements = hasElement.removeLast()
        depth -= 1
        if hadElements { newline() }
        bytes.append(byte)
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Decimal digits straight into the output (no `String` per number).
    private mutating func writeInt(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: 0x30 &+ magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Copy runs of bytes that need no escape in one go. Most text has no byte to
            // escape, so the scan looks at eight bytes at a time first (a word with no
            // byte below 0x20, no '"' and no '\\' is copied as it is).
            let count = utf8.count
            let base = UnsafeRawPointer(utf8.baseAddress)
            var runStart = 0
            var index = 0
            while index < count {
                if index + 8 <= count, let base {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if !JSONWriter.mayNeedEscape(word) {
                        index += 8
                        continue
                    }
                }
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                index += 1
                runStart = index
                bytes.append(0x5C)
                switch byte {
                case UInt8(ascii: "\""): bytes.append(0x22)
                case UInt8(ascii: "\\"): bytes.append(0x5C)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    raw("u00")
                    hex.withUTF8Buffer { digits in
                        bytes.append(digits[Int(byte >> 4)])
                        bytes.append(digits[Int(byte & 15)])
                    }
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// False when none of the eight bytes of `word` is below 0x20, '"' or '\\'. (True may
    /// be a false alarm; the bytes are then looked at one by one.)
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20; a byte equal to 0x22 or 0x5C (zero after the xor).
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return control | hasQuote | hasBackslash != 0
    }
}
