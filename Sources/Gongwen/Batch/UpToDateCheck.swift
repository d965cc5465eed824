import Foundation
import Synchronization

/// What a batch index remembers about one output: the input it was made from and the
/// settings it was made with.
public struct IndexEntry: Equatable, Sendable {
    /// The output's path relative to the output folder (`a/b/c.json`), the key.
    public var output: String
    /// The input's size and modification time when it was read.
    public var stamp: FileStamp
    /// Hex SHA-256 of the input bytes.
    public var sha256: String
    /// `Pipeline.settingsFingerprint` of the run that wrote it.
    public var settings: String

    public init(output: String, stamp: FileStamp, sha256: String, settings: String) {
        self.output = output
        self.stamp = stamp
        self.sha256 = sha256
        self.settings = settings
    }

    /// The entry as one JSON line (no newline).
    var jsonLine: [UInt8] {
        var json = JSONWriter(pretty: false, capacity: 256)
        json.beginObject()
        json.key("output"); json.string(output)
        json.key("stamp"); json.string(stamp.description)
        json.key("sha256"); json.string(sha256)
        json.key("settings"); json.string(settings)
        json.endObject()
        return json.bytes
    }

    init?(jsonLine: [UInt8]) {
        guard let members = try? JSONLines.parseObject(jsonLine),
              let output = members["output"]?.string,
              let stamp = members["stamp"]?.string.flatMap(FileStamp.init),
              let sha256 = members["sha256"]?.string,
              let settings = members["settings"]?.string
        else { return nil }
        self.init(output: output, stamp: stamp, sha256: sha256, settings: settings)
    }
}

/// The small index a batch keeps in its output folder (`.gongwen-index.jsonl`): one JSON
/// line per output written, appended as soon as the output is in place, and rewritten
/// compactly at the end of a run. A line cut short by a kill is ignored on reading; an
/// output whose line is missing is simply converted again.
public final class BatchIndex: Sendable {
    /// The index's file name inside the output folder.
    public static let fileName = ".gongwen-index.jsonl"

    /// The index file's path.
    public let path: String
    private let state: Mutex<(entries: [String: IndexEntry], appender: Int32)>

    /// Loads the index of `folder` (an empty one when there is none yet) and opens it for
    /// appending. Throws when the file exists but cannot be opened.
    public init(folder: String) throws(AtomicFileError) {
        path = folder.hasSuffix("/") ? folder + BatchIndex.fileName : folder + "/" + BatchIndex.fileName
        var entries: [String: IndexEntry] = [:]
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            var reader = LineReader(fileDescriptor: fd)
            while let line = reader.next() {
                if let entry = IndexEntry(jsonLine: line) { entries[entry.output] = entry }
            }
            close(fd)
        }
        try AtomicFile.createFolders(folder)
        let appender = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard appender >= 0 else { throw AtomicFileError(path: path, message: String(cString: strerror(errno))) }
        state = Mutex((entries, appender))
    }

    deinit {
        state.withLock { _ = close($0.appender) }
    }

    /// The entry for an output path, if any.
    public func entry(for output: String) -> IndexEntry? {
        state.withLock { $0.entries[output] }
    }

    /// How many outputs the index knows.
    public var count: Int { state.withLock { $0.entries.count } }

    /// Records an output just written (one `write` of one line, so concurrent records do
    /// not interleave).
    public func record(_ entry: IndexEntry) {
        state.withLock { state in
            state.entries[entry.output] = entry
            let line = entry.jsonLine + [0x0A]
            _ = line.withUnsafeBytes { write(state.appender, $0.baseAddress, $0.count) }
        }
    }

    /// Rewrites the index atomically with one line per known output (dropping superseded
    /// lines and lines for outputs that no longer exist under `folder`).
    public func compact(folder: String) throws(AtomicFileError) {
        let lines: [UInt8] = state.withLock { state in
            var bytes: [UInt8] = []
            for key in state.entries.keys.sorted() {
                guard access(folder + "/" + key, F_OK) == 0, let entry = state.entries[key] else { continue }
                bytes += entry.jsonLine
                bytes.append(0x0A)
            }
            return bytes
        }
        try AtomicFile.write(lines, to: path)
        state.withLock { state in
            close(state.appender)
            state.appender = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        }
    }
}

/// Decides whether an output can be kept: same input (by size and modification time, or
/// failing that by SHA-256) converted with the same settings, and the output still there.
public struct UpToDateCheck: Sendable {
    /// What to do with one input.
    public enum Decision: Equatable, Sendable {
        /// Keep the output.
        case upToDate
        /// Convert; the reason is for `--verbose`-style reports.
        case convert(reason: String)
        /// Size and settings agree but the time differs: hash the input and compare.
        case compareHash(expected: String)
    }

    /// The fingerprint of this run's settings.
    public var settings: String
    /// Convert everything (`--force`).
    public var force: Bool

    public init(settings: String, force: Bool = false) {
        self.settings = settings
        self.force = force
    }

    /// The cheap decision: from the index entry, whether the output exists, and the input's stamp.
    public func decide(entry: IndexEntry?, outputExists: Bool, input: FileStamp) -> Decision {
        if force { return .convert(reason: "forced") }
        guard let entry else { return .convert(reason: "not converted before") }
        guard entry.settings == settings else { return .convert(reason: "tool version, grammar or options changed") }
        guard outputExists else { return .convert(reason: "output missing") }
        guard entry.stamp.size == input.size else { return .convert(reason: "input changed size") }
        if entry.stamp == input { return .upToDate }
        return .compareHash(expected: entry.sha256)
    }

    /// The decision after hashing: up to date when the hashes agree.
    public func decide(expected: String, actual: String) -> Decision {
        expected == actual ? .upToDate : .convert(reason: "input changed")
    }
}

extension UpToDateCheck {
    /// Hex SHA-256 of `bytes`, as `source.sha256` has it.
    public static func sha256(_ bytes: [UInt8]) -> String { SHA256.hash(bytes).hexString }
}
