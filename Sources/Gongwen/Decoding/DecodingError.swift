/// Why bytes could not be decoded. Messages say what is wrong, where, and what to do.
public enum DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file holds a NUL byte: it is binary, not text.
    case binary(offset: Int)
    /// A byte sequence invalid in the encoding.
    case invalidBytes(encoding: String, offset: Int)
    /// `--encoding` named an encoding ICU does not know.
    case unknownEncoding(String)
    /// ICU failed unexpectedly.
    case converter(String)

    public var description: String {
        switch self {
        case .binary(let offset):
            return "binary file: NUL byte at byte offset \(offset); gongwen reads text files only"
        case .invalidBytes(let encoding, let offset):
            return "invalid \(encoding) byte sequence at byte offset \(offset); "
                + "name the right encoding with --encoding, or use --lossy to replace bad bytes with U+FFFD"
        case .unknownEncoding(let name):
            return "unknown encoding '\(name)'; try UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK or Big5"
        case .converter(let message):
            return "text conversion failed: \(message)"
        }
    }
}
