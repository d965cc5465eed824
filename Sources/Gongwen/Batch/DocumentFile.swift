import Foundation

/// The size and modification time of a file: the cheap half of the up-to-date check.
public struct FileStamp: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var size: Int
    /// Modification time, whole seconds since 1970.
    public var seconds: Int
    /// Modification time, the nanoseconds part.
    public var nanoseconds: Int

    public init(size: Int, seconds: Int, nanoseconds: Int) {
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ info: stat) {
        #if canImport(Darwin)
        self.init(size: Int(info.st_size), seconds: Int(info.st_mtimespec.tv_sec),
                  nanoseconds: Int(info.st_mtimespec.tv_nsec))
        #else
        self.init(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        #endif
    }

    /// `size@seconds.nanoseconds`, the form kept in the batch index.
    public var description: String {
        let nanos = String(nanoseconds)
        return "\(size)@\(seconds).\(String(repeating: "0", count: max(0, 9 - nanos.count)))\(nanos)"
    }

    /// Parses `description`'s form.
    public init?(_ text: String) {
        let parts = text.split(separator: "@")
        guard parts.count == 2, let size = Int(parts[0]) else { return nil }
        let time = parts[1].split(separator: ".")
        guard time.count == 2, let seconds = Int(time[0]), let nanos = Int(time[1]) else { return nil }
        self.init(size: size, seconds: seconds, nanoseconds: nanos)
    }
}

/// Why a document file could not be read. The description says what to do.
public enum DocumentReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound
    /// A symbolic link whose target does not exist.
    case brokenLink
    case isDirectory
    /// A FIFO, socket or device.
    case notRegularFile
    /// The operating system refused: permission denied, I/O error, … (`strerror` text).
    case system(String)

    public var description: String {
        switch self {
        case .notFound: return "no such file"
        case .brokenLink: return "broken symbolic link (its target does not exist)"
        case .isDirectory: return "is a folder, not a file"
        case .notRegularFile: return "not a regular file (a FIFO, socket or device); gongwen reads text files only"
        case .system(let message): return "cannot read: \(message)"
        }
    }

    static func fromErrno(_ code: Int32, path: String) -> DocumentReadError {
        if code == ENOENT {
            var info = stat()
            return lstat(path, &info) == 0 ? .brokenLink : .notFound
        }
        if code == EISDIR { return .isDirectory }
        return .system(String(cString: strerror(code)))
    }
}

/// Reading document files with POSIX calls: one `open`, one `fstat`, reads into one buffer.
public enum DocumentFile {
    /// The stamp of the file at `path` (following symbolic links).
    public static func stamp(atPath path: String) throws(DocumentReadError) -> FileStamp {
        var info = stat()
        guard stat(path, &info) == 0 else { throw DocumentReadError.fromErrno(errno, path: path) }
        try checkRegular(info)
        return FileStamp(info)
    }

    /// The bytes of the file at `path` and its stamp as of just before the read (so a
    /// file that changes while it is read looks changed next time).
    public static func read(atPath path: String) throws(DocumentReadError) -> (bytes: [UInt8], stamp: FileStamp) {
        // O_NONBLOCK so that opening a FIFO does not wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw DocumentReadError.fromErrno(errno, path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DocumentReadError.fromErrno(errno, path: path) }
        try checkRegular(info)
        let stamp = FileStamp(info)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(stamp.size + 1)
        var chunk = [UInt8](repeating: 0, count: max(64 * 1024, min(stamp.size + 1, 16 << 20)))
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DocumentReadError.fromErrno(errno, path: path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return (bytes, stamp)
    }

    private static func checkRegular(_ info: stat) throws(DocumentReadError) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw .isDirectory
        default: throw .notRegularFile
        }
    }
}
