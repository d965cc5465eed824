internal import CICUShim

/// A compiled ICU regular expression.
///
/// ICU's regex object holds the text it searches, so one instance must not be used by
/// two threads at once: `copy()` gives another thread its own (the compiled pattern is
/// shared).
public final class ICURegex {
    /// A pattern that ICU could not compile.
    public struct SyntaxError: Error, Equatable, Sendable {
        /// ICU's status name, e.g. `U_REGEX_MISSING_CLOSE_BRACKET`.
        public var name: String
        /// Offset (in UTF-16 units) in the pattern where ICU stopped.
        public var offset: Int
    }

    private let handle: UnsafeMutableRawPointer
    /// The pattern as written.
    public let pattern: String

    /// Compiles `pattern`.
    public init(_ pattern: String) throws(SyntaxError) {
        var status: Int32 = 0
        var errorOffset: Int32 = 0
        let units = pattern.utf16Array
        let opened = gw_regex_open(units, Int32(units.count), &errorOffset, &status)
        guard status <= 0, let opened else {
            throw SyntaxError(name: String(cString: gw_error_name(status)), offset: Int(max(errorOffset, 0)))
        }
        self.handle = opened
        self.pattern = pattern
    }

    private init(handle: UnsafeMutableRawPointer, pattern: String) {
        self.handle = handle
        self.pattern = pattern
    }

    deinit { gw_regex_close(handle) }

    /// An independent copy for use on another thread.
    public func copy() -> ICURegex {
        var status: Int32 = 0
        guard let cloned = gw_regex_clone(handle, &status), status <= 0 else {
            // Cloning a compiled pattern fails only when memory runs out.
            fatalError("uregex_clone failed: \(String(cString: gw_error_name(status)))")
        }
        return ICURegex(handle: cloned, pattern: pattern)
    }

    /// The first match in `units` at or after `start`, as UTF-16 offsets.
    public func firstMatch(in units: [UInt16], from start: Int = 0) -> Range<Int>? {
        var status: Int32 = 0
        var matchStart: Int32 = 0
        var matchEnd: Int32 = 0
        let found = units.withUnsafeBufferPointer { text in
            gw_regex_find(handle, text.baseAddress, Int32(text.count), Int32(start), &matchStart, &matchEnd, &status)
        }
        guard found == 1, status <= 0 else { return nil }
        return Int(matchStart)..<Int(matchEnd)
    }

    /// The first match in `text`, as a range of the string's UTF-16 view offsets.
    public func firstMatch(in text: String) -> Range<Int>? {
        firstMatch(in: text.utf16Array)
    }

    /// True when the pattern matches somewhere in `text`.
    public func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }
}
