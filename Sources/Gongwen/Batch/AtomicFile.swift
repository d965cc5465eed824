import Foundation
import Synchronization

/// Why an output could not be written.
public struct AtomicFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): cannot write: \(message)" }
}

/// The temporary files being written right now, so a signal handler can remove them.
public final class TemporaryFiles: Sendable {
    private let paths = Mutex<Set<String>>([])

    public init() {}

    /// Registers a temporary file.
    public func insert(_ path: String) { paths.withLock { _ = $0.insert(path) } }
    /// Forgets a temporary file (renamed or removed).
    public func remove(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    /// The files in flight.
    public var current: Set<String> { paths.withLock { $0 } }

    /// Unlinks every file in flight; returns how many there were.
    @discardableResult
    public func removeAll() -> Int {
        paths.withLock { set in
            for path in set { unlink(path) }
            defer { set.removeAll() }
            return set.count
        }
    }
}

/// Writing a file so that no reader ever sees half of it: the bytes go to a temporary
/// file in the same folder (`.NAME.PID.N.tmp`, hidden, never ending in the output's
/// extension), which is then renamed over the target in one step. A run killed midway
/// leaves at most such a temporary file, never a partial output.
///
/// There is no `fsync`: the rename is atomic against a crash of the process (kill, Ctrl-C),
/// which is what a batch needs; surviving a power cut would need one per file and folder.
public enum AtomicFile {
    private static let counter = Atomic<Int>(0)

    /// Writes `bytes` to `path`, creating missing parent folders.
    /// - Parameter inFlight: where to register the temporary file while it exists.
    public static func write(_ bytes: [UInt8], to path: String, inFlight: TemporaryFiles? = nil) throws(AtomicFileError) {
        let folder = parentFolder(of: path)
        let temporary = temporaryPath(for: path)
        inFlight?.insert(temporary)
        defer { inFlight?.remove(temporary) }
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try createFolders(folder)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw AtomicFileError(path: path, message: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw AtomicFileError(path: path, message: String(cString: strerror(failure)))
        }
    }

    /// A fresh temporary name next to `path`: `dir/.name.PID.N.tmp`.
    public static func temporaryPath(for path: String) -> String {
        let folder = parentFolder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let temporary = ".\(name).\(getpid()).\(number).tmp"
        return folder.isEmpty ? temporary : (folder == "/" ? "/" + temporary : folder + "/" + temporary)
    }

    /// True for a name `temporaryPath` makes (`.c.json.123.4.tmp`).
    public static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return false }
        return parts[parts.count - 1].allSatisfy(\.isNumber) && parts[parts.count - 2].allSatisfy(\.isNumber)
            && !parts[parts.count - 1].isEmpty && !parts[parts.count - 2].isEmpty
    }

    /// Removes temporary files left under `folder` by runs that were killed (whose process
    /// is gone). Returns how many it removed.
    @discardableResult
    public static func removeStaleTemporaries(under folder: String) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var removed = 0
        while let relative = enumerator.nextObject() as? String {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            guard isTemporary(name) else { continue }
            let parts = name.dropLast(4).split(separator: ".")
            guard let pid = Int32(parts[parts.count - 2]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // another live run is writing it
            if unlink(folder + "/" + relative) == 0 { removed += 1 }
        }
        return removed
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `mkdir -p`, tolerant of other threads creating the same folders.
    static func createFolders(_ folder: String) throws(AtomicFileError) {
        guard !folder.isEmpty else { return }
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw AtomicFileError(path: folder, message: String(cString: strerror(errno))) }
        try createFolders(parentFolder(of: folder))
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw AtomicFileError(path: folder, message: String(cString: strerror(errno)))
        }
    }
}
