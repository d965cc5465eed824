import Foundation

/// One member value of a JSON Lines record: its text as written and, for a string,
/// its decoded value.
public struct JSONLineValue: Equatable, Sendable {
    /// The value's JSON text as written in the line (so an `id` is echoed unchanged).
    public var raw: [UInt8]
    /// The decoded string when the value is a JSON string.
    public var string: String?

    /// True when the value is `null`.
    public var isNull: Bool { raw == Array("null".utf8) }
}

/// Why a line is not a JSON object, with the byte offset (0-based) in the line.
public struct JSONLineError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public var description: String { "\(message) at byte \(offset) of the line" }
}

/// A small strict JSON parser for one line holding one object, as read by `gongwen stream`.
/// It validates the whole line, keeps every member's raw text and decodes strings.
public enum JSONLines {
    /// The members of the object on `line` (the last one wins when a key repeats).
    public static func parseObject(_ line: [UInt8]) throws(JSONLineError) -> [String: JSONLineValue] {
        var parser = Parser(bytes: line)
        parser.skipSpace()
        guard parser.peek == UInt8(ascii: "{") else { throw parser.error("expected a JSON object") }
        var members: [String: JSONLineValue] = [:]
        parser.index += 1
        parser.skipSpace()
        if parser.peek == UInt8(ascii: "}") {
            parser.index += 1
        } else {
            while true {
                parser.skipSpace()
                guard parser.peek == UInt8(ascii: "\"") else { throw parser.error("expected a member name") }
                let key = try parser.string()
                parser.skipSpace()
                guard parser.peek == UInt8(ascii: ":") else { throw parser.error("expected ':'") }
                parser.index += 1
                parser.skipSpace()
                let start = parser.index
                let decoded = try parser.value(depth: 1)
                members[key] = JSONLineValue(raw: Array(line[start..<parser.index]), string: decoded)
                parser.skipSpace()
                if parser.peek == UInt8(ascii: ",") {
                    parser.index += 1
                    continue
                }
                guard parser.peek == UInt8(ascii: "}") else { throw parser.error("expected ',' or '}'") }
                parser.index += 1
                break
            }
        }
        parser.skipSpace()
        guard parser.index == line.count else { throw parser.error("unexpected text after the object") }
        return members
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ message: String) -> JSONLineError {
            JSONLineError(message: index < bytes.count ? message : message + " (the line ended)", offset: index)
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
                index += 1
            }
        }

        /// Parses any value; returns the decoded string when it is a string.
        mutating func value(depth: Int) throws(JSONLineError) -> String? {
            guard depth < 256 else { throw error("nested too deeply") }
            guard let byte = peek else { throw error("expected a value") }
            switch byte {
            case UInt8(ascii: "\""):
                return try string()
            case UInt8(ascii: "{"):
                index += 1
                skipSpace()
                if peek == UInt8(ascii: "}") { index += 1; return nil }
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw error("expected a member name") }
                    _ = try string()
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
                    index += 1
                    skipSpace()
                    _ = try value(depth: depth + 1)
                    skipSpace()
                    if peek == UInt8(ascii: ",") { index += 1; continue }
                    guard peek == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                    index += 1
                    return nil
                }
            case UInt8(ascii: "["):
                index += 1
                skipSpace()
                if peek == UInt8(ascii: "]") { index += 1; return nil }
                while true {
                    skipSpace()
                    _ = try value(depth: depth + 1)
                    skipSpace()
                    if peek == UInt8(ascii: ",") { index += 1; continue }
                    guard peek == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                    index += 1
                    return nil
                }
            case UInt8(ascii: "t"): try literal("true"); return nil
            case UInt8(ascii: "f"): try literal("false"); return nil
            case UInt8(ascii: "n"): try literal("null"); return nil
            default:
                try number()
                return nil
            }
        }

        mutating func literal(_ word: String) throws(JSONLineError) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw error("expected a value")
            }
            index += expected.count
        }

        mutating func number() throws(JSONLineError) {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            guard let first = peek, first >= 0x30 && first <= 0x39 else {
                index = start
                throw error("expected a value")
            }
            if first == 0x30 { index += 1 } else { digits() }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard let digit = peek, digit >= 0x30 && digit <= 0x39 else { throw error("expected a digit") }
                digits()
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard let digit = peek, digit >= 0x30 && digit <= 0x39 else { throw error("expected a digit") }
                digits()
            }
        }

        mutating func digits() {
            while let byte = peek, byte >= 0x30 && byte <= 0x39 { index += 1 }
        }

        /// A string starting at the opening quote.
        mutating func string() throws(JSONLineError) -> String {
            index += 1
            var utf8: [UInt8] = []
            var runStart = index
            while true {
                guard index < bytes.count else { throw error("unterminated string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    utf8 += bytes[runStart..<index]
                    index += 1
                    break
                }
                if byte < 0x20 { throw error("control character in a string") }
                if byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                utf8 += bytes[runStart..<index]
                index += 1
                guard let escape = peek else { throw error("unterminated string") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("unpaired surrogate escape")
                    }
                    utf8 += Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    index -= 1
                    throw error("invalid escape")
                }
                runStart = index
            }
            guard let text = String(validating: utf8, as: UTF8.self) else {
                throw JSONLineError(message: "invalid UTF-8 in a string", offset: runStart)
            }
            return text
        }

        mutating func hex4() throws(JSONLineError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("expected four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw error("expected four hex digits")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}

/// Reads a file descriptor line by line (`\n`, a trailing `\r` dropped), holding one
/// line and one read buffer at a time.
public struct LineReader {
    let fd: Int32
    var buffer: [UInt8] = []
    var start = 0
    var atEnd = false
    /// Lines read so far.
    public private(set) var lineNumber = 0

    public init(fileDescriptor: Int32) {
        self.fd = fileDescriptor
    }

    /// The next line without its terminator, nil at the end of input.
    public mutating func next() -> [UInt8]? {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[start..<end])
                start = buffer.count
                lineNumber += 1
                return line
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            searchFrom = buffer.count
            let chunk = 256 * 1024
            let oldCount = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            var count: Int
            repeat {
                count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + oldCount, chunk) }
            } while count < 0 && errno == EINTR
            buffer.removeSubrange((oldCount + max(count, 0))...)
            if count <= 0 { atEnd = true }
        }
    }
}
