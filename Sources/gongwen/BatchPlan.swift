import Foundation
import Gongwen

/// One `gongwen batch` run: what to read, where to write, and how.
struct BatchPlan: Sendable {
    /// Where the documents go.
    enum Destination: Sendable {
        /// One JSON file per document under this folder, mirroring the input tree.
        case folder(String)
        /// One JSON Lines stream (`-` for standard output).
        case jsonLines(String)
    }

    var inputs: [String]
    var destination: Destination
    var walker: DocumentWalker
    var jobs: Int
    var force: Bool
    var pipeline: Pipeline
}

/// What happened to one document.
enum BatchOutcome: Sendable {
    case converted(bytes: Int, quantities: Int, line: [UInt8]?)
    case skipped
    case failed(path: String, reason: String)
}

/// The tally of a run, for the summary.
struct BatchSummary: Sendable {
    var counts: ProgressReporter.Counts
    var failures: [(path: String, reason: String)]
    var failuresNotKept: Int
    var seconds: Double
    var interrupted: Int32?
    var removedTemporaries: Int

    /// The failures alone, for `--quiet`.
    var failureLines: [String] {
        failures.map { "gongwen: error: \($0.path): \($0.reason)" } + (failuresNotKept > 0 ? ["gongwen: … and \(failuresNotKept) more failures"] : [])
    }

    /// The summary lines, e.g. `1990 converted, 0 up to date, 10 failed; …`.
    var lines: [String] {
        var lines: [String] = []
        if !failures.isEmpty {
            lines.append("gongwen: \(counts.failed) failed:")
            for failure in failures { lines.append("  \(failure.path): \(failure.reason)") }
            if failuresNotKept > 0 { lines.append("  … and \(failuresNotKept) more") }
        }
        let c = counts
        let megabytes = Double(c.bytes) / 1e6
        let perSecond = seconds > 0 ? Double(c.converted) / seconds : 0
        let throughput = seconds > 0 ? megabytes / seconds : 0
        var summary = "\(c.converted) converted, \(c.skipped) up to date, \(c.failed) failed; "
            + "\(c.quantities) quantities; "
            + String(format: "%.1f MB converted in %.1f s (%.1f MB/s, %.0f documents/s)", megabytes, seconds, throughput, perSecond)
        if let interrupted {
            summary = "interrupted by \(interrupted == SIGINT ? "SIGINT" : "SIGTERM") after \(c.done) documents: " + summary
        }
        lines.append("gongwen: " + summary)
        if removedTemporaries > 0 {
            lines.append("gongwen: removed \(removedTemporaries) temporary \(removedTemporaries == 1 ? "file" : "files") left by an earlier run that was killed")
        }
        return lines
    }
}

/// Runs a `BatchPlan`: walks the inputs lazily, converts on `jobs` threads through a
/// bounded queue, writes each output atomically and records it in the index.
final class BatchRunner: Sendable {
    /// Failure reasons kept for the summary; more are only counted.
    static let keptFailures = 1000

    let plan: BatchPlan
    let progress: ProgressReporter
    let interrupt: BatchInterrupt
    private let claimed = Locked<[String: String]>([:])
    private let failures = Locked<(kept: [(path: String, reason: String)], more: Int)>(([], 0))

    init(plan: BatchPlan, progress: ProgressReporter, interrupt: BatchInterrupt) {
        self.plan = plan
        self.progress = progress
        self.interrupt = interrupt
    }

    func run() throws -> BatchSummary {
        var removed = 0
        var index: BatchIndex?
        var walker = plan.walker
        if case .folder(let folder) = plan.destination {
            do {
                index = try BatchIndex(folder: folder)
            } catch {
                throw CLIError("\(error)")
            }
            removed = AtomicFile.removeStaleTemporaries(under: folder)
            if let identity = DocumentWalker.FolderIdentity(path: folder) { walker.skipping.insert(identity) }
        }
        let sink = try JSONLinesSink(destination: plan.destination, inFlight: interrupt.inFlight)
        countInBackground(walker)
        progress.start()
        let check = UpToDateCheck(settings: plan.pipeline.settingsFingerprint, force: plan.force)
        let encoder = DocumentEncoder(pretty: sink == nil)
        var entries = walker.walk(plan.inputs)
        OrderedWork.run(
            jobs: plan.jobs,
            window: plan.jobs * 8,
            next: { entries.next() },
            transform: { [self] entry in convert(entry, check: check, index: index, encoder: encoder) },
            deliver: { [self] outcome in record(outcome, sink: sink) },
            shouldStop: { [interrupt] in interrupt.signal != nil }
        )
        progress.stop()
        try sink?.finish(keep: interrupt.signal == nil)
        if let index, case .folder(let folder) = plan.destination {
            try? index.compact(folder: folder)
        }
        let kept = failures.withLock { $0 }
        return BatchSummary(counts: progress.snapshot, failures: kept.kept, failuresNotKept: kept.more,
                            seconds: progress.elapsed, interrupted: interrupt.signal, removedTemporaries: removed)
    }

    /// Counts the documents on a second, cheap walk (names only), so the bar has a total.
    private func countInBackground(_ walker: DocumentWalker) {
        guard progress.mode != .quiet else { return }
        let inputs = plan.inputs
        let progress = self.progress
        let thread = Thread {
            var count = 0
            for _ in walker.walk(inputs) { count += 1 }
            progress.setTotal(count)
        }
        thread.name = "gongwen-counter"
        thread.start()
    }

    /// Converts one document (on a worker thread).
    private func convert(_ entry: DocumentWalker.Entry, check: UpToDateCheck, index: BatchIndex?,
                         encoder: DocumentEncoder) -> BatchOutcome {
        if let problem = entry.problem { return .failed(path: entry.path, reason: problem) }
        let outputRelative = entry.outputRelativePath
        var known: (bytes: [UInt8], stamp: FileStamp)?
        var outputPath: String?
        if case .folder(let folder) = plan.destination, let index {
            let first = claimed.withLock { table -> String? in
                if let first = table[outputRelative] { return first }
                table[outputRelative] = entry.path
                return nil
            }
            if let first {
                return .failed(path: entry.path, reason: "would overwrite \(outputRelative), already made from \(first); rename one of them")
            }
            let path = folder + "/" + outputRelative
            outputPath = path
            let stamp: FileStamp
            do {
                stamp = try DocumentFile.stamp(atPath: entry.path)
            } catch {
                return .failed(path: entry.path, reason: error.description)
            }
            switch check.decide(entry: index.entry(for: outputRelative), outputExists: access(path, F_OK) == 0, input: stamp) {
            case .upToDate:
                return .skipped
            case .compareHash(let expected):
                do {
                    let read = try DocumentFile.read(atPath: entry.path)
                    if check.decide(expected: expected, actual: UpToDateCheck.sha256(read.bytes)) == .upToDate {
                        index.record(IndexEntry(output: outputRelative, stamp: read.stamp, sha256: expected,
                                                settings: check.settings))
                        return .skipped
                    }
                    known = read
                } catch {
                    return .failed(path: entry.path, reason: error.description)
                }
            case .convert:
                break
            }
        }
        let input: (bytes: [UInt8], stamp: FileStamp)
        if let known {
            input = known
        } else {
            do {
                input = try DocumentFile.read(atPath: entry.path)
            } catch {
                return .failed(path: entry.path, reason: error.description)
            }
        }
        let document: Document
        do {
            document = try plan.pipeline.parse(bytes: input.bytes, name: entry.fileName)
        } catch {
            return .failed(path: entry.path, reason: error.description)
        }
        var json = encoder.encode(document)
        json.append(0x0A)
        if let outputPath, let index {
            do {
                try AtomicFile.write(json, to: outputPath, inFlight: interrupt.inFlight)
            } catch {
                return .failed(path: entry.path, reason: error.description)
            }
            index.record(IndexEntry(output: outputRelative, stamp: input.stamp, sha256: document.source.sha256,
                                    settings: check.settings))
            return .converted(bytes: input.bytes.count, quantities: document.quantities.count, line: nil)
        }
        return .converted(bytes: input.bytes.count, quantities: document.quantities.count, line: json)
    }

    /// Tallies one outcome (in input order, one at a time).
    private func record(_ outcome: BatchOutcome, sink: JSONLinesSink?) {
        switch outcome {
        case .converted(let bytes, let quantities, let line):
            if let line, let sink, !sink.append(line) {
                progress.update { $0.failed += 1 }
                keepFailure(path: sink.path, reason: "cannot write: \(String(cString: strerror(errno)))")
                return
            }
            progress.update {
                $0.converted += 1
                $0.bytes += bytes
                $0.quantities += quantities
            }
        case .skipped:
            progress.update { $0.skipped += 1 }
        case .failed(let path, let reason):
            progress.update { $0.failed += 1 }
            keepFailure(path: path, reason: reason)
        }
    }

    private func keepFailure(path: String, reason: String) {
        failures.withLock { list in
            if list.kept.count < BatchRunner.keptFailures {
                list.kept.append((path, reason))
            } else {
                list.more += 1
            }
        }
    }
}

/// The `--jsonl` output: a temporary file renamed into place at the end (or standard
/// output), written in input order.
final class JSONLinesSink: Sendable {
    let path: String
    private let temporary: String?
    private let fd: Int32
    private let inFlight: TemporaryFiles

    /// Opens the sink, or returns nil when the destination is a folder.
    init?(destination: BatchPlan.Destination, inFlight: TemporaryFiles) throws {
        guard case .jsonLines(let path) = destination else { return nil }
        self.path = path
        self.inFlight = inFlight
        if path == "-" {
            temporary = nil
            fd = STDOUT_FILENO
            return
        }
        let temporary = AtomicFile.temporaryPath(for: path)
        inFlight.insert(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            inFlight.remove(temporary)
            throw CLIError("\(path): cannot write: \(String(cString: strerror(errno)))")
        }
        self.temporary = temporary
        self.fd = fd
    }

    /// Appends one line; false on a write error.
    func append(_ line: [UInt8]) -> Bool {
        writeAll(fd, line)
    }

    /// Closes the stream: renames it into place when `keep`, removes it otherwise.
    func finish(keep: Bool) throws {
        guard let temporary else { return }
        defer { inFlight.remove(temporary) }
        close(fd)
        if keep {
            guard rename(temporary, path) == 0 else {
                let message = String(cString: strerror(errno))
                unlink(temporary)
                throw CLIError("\(path): cannot write: \(message)")
            }
        } else {
            unlink(temporary)
        }
    }
}
