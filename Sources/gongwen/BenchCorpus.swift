import Foundation
import Gongwen

/// The documents `gongwen bench` runs over: each file read once, then referred to as
/// many times as it takes to reach the target size (repeats share their bytes).
struct BenchCorpus: CustomStringConvertible {
    let folder: String
    var documents: [[UInt8]] = []
    /// Indexes into `documents`, in the order they are converted.
    var sequence: [Int] = []
    var totalBytes = 0
    var leftOut: [(path: String, reason: String)] = []

    /// The repository's `Fixtures/`, found from the current folder upwards.
    static func defaultFolder() throws -> String {
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        while true {
            let fixtures = folder.appendingPathComponent("Fixtures")
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: fixtures.path) {
                return fixtures.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path {
                throw CLIError("no corpus given and no gongwen repository (Package.swift and Fixtures/) above \(FileManager.default.currentDirectoryPath); name a folder: gongwen bench CORPUS")
            }
            folder = parent
        }
    }

    /// Reads every `*.txt` under `folder` (or the file itself), keeps those that convert.
    init(loading folder: String, pipeline: Pipeline, megabytes: Int) throws {
        self.folder = folder
        for entry in DocumentWalker().walk([folder]) {
            do {
                if let problem = entry.problem { throw CLIError(problem) }
                let bytes = try DocumentFile.read(atPath: entry.path).bytes
                _ = try pipeline.parse(bytes: bytes, name: entry.fileName)
                guard !bytes.isEmpty else { throw CLIError("empty") }
                documents.append(bytes)
            } catch {
                leftOut.append((entry.path, "\(error)"))
            }
        }
        guard !documents.isEmpty else { throw CLIError("\(folder): no document that converts") }
        let target = megabytes * 1_000_000
        var next = 0
        while totalBytes < target {
            sequence.append(next)
            totalBytes += documents[next].count
            next = (next + 1) % documents.count
        }
    }

    var description: String {
        let unique = documents.reduce(0) { $0 + $1.count }
        var text = String(format: "corpus: %d documents (%.2f MB) from %@, repeated to %d documents, %.1f MB",
                          documents.count, Double(unique) / 1e6, folder, sequence.count, Double(totalBytes) / 1e6)
        if !leftOut.isEmpty {
            text += "\nleft out \(leftOut.count) that do not convert: "
                + leftOut.prefix(5).map { "\(($0.path as NSString).lastPathComponent) (\($0.reason.prefix(40))…)" }.joined(separator: ", ")
        }
        return text
    }
}

/// The measurements: each the best of `rounds`.
struct Bench {
    struct Result {
        var seconds: Double
    }

    let corpus: BenchCorpus
    let pipeline: Pipeline
    let rounds: Int

    /// Decode → normalize → segment → extract → compact JSON, on `jobs` threads.
    func endToEnd(jobs: Int) -> Result {
        let encoder = DocumentEncoder(pretty: false)
        let documents = corpus.documents
        let pipeline = self.pipeline
        return best {
            var position = 0
            var outputBytes = 0
            OrderedWork.run(
                jobs: jobs,
                window: jobs * 8,
                next: {
                    guard position < corpus.sequence.count else { return nil }
                    defer { position += 1 }
                    return corpus.sequence[position]
                },
                transform: { index in
                    (try? pipeline.parse(bytes: documents[index], name: "bench.txt")).map { encoder.encode($0).count } ?? 0
                },
                deliver: { outputBytes += $0 }
            )
            precondition(outputBytes > 0)
        }
    }

    /// One probe over the corpus on one thread.
    func stage(_ probe: (StageProbe, [UInt8]) throws -> Int) -> Result {
        let stages = StageProbe(pipeline: pipeline)
        return best {
            var total = 0
            for index in corpus.sequence { total &+= (try? probe(stages, corpus.documents[index])) ?? 0 }
            precondition(total > 0)
        }
    }

    private func best(_ body: () -> Void) -> Result {
        var fastest = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            body()
            fastest = min(fastest, (ContinuousClock.now - start).seconds)
        }
        return Result(seconds: fastest)
    }
}

enum BenchReport {
    static func table(_ rows: [(String, Bench.Result)], bytes: Int, documents: Int) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        var lines = [pad("", width) + "      MB/s    documents/s    seconds"]
        for (name, result) in rows {
            lines.append(pad(name, width) + String(format: "  %8.1f  %13.0f  %9.3f", Double(bytes) / 1e6 / result.seconds,
                                                  Double(documents) / result.seconds, result.seconds))
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    static func peakMemoryMegabytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage.ru_maxrss / 1024  // kilobytes on Linux
    }
}
