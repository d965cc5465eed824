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

    /// Starts a member of the current object.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        pendingValueAfterKey = true
    }

    mutating func string(_ value: String) { startValue(); writeString(value) }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func int(_ value: Int) { startValue(); bytes += Array(String(value).utf8) }
    mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }
    mutating func decimal(_ value: ExactDecimal) { startValue(); bytes += Array(value.description.utf8) }
    mutating func null() { startValue(); bytes += Array("null".utf8) }
    /// A literal already in JSON form (a number or `true`/`false`).
    mutating func raw(_ literal: String) { startValue(); bytes += Array(literal.utf8) }

    /// A span as `[start, end]` (always on one line).
    mutating func span(_ span: Span) {
        startValue()
        bytes.append(UInt8(ascii: "["))
        bytes += Array(String(span.start).utf8)
        bytes.append(UInt8(ascii: ","))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        bytes += Array(String(span.end).utf8)
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
        for _ in 0..<depth { bytes += [0x20, 0x20] }
    }

    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Copy runs of bytes that need no escape in one go.
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
                case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
