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

    /// Reads every `*.txt` under `folder` (or the file itself), keeps those that convert
    /// and are not empty.
    init(loading folder: String, pipeline: Pipeline, megabytes: Int) throws {
        self.folder = folder
        for entry in DocumentWalker().walk([folder]) {
            do {
                if let problem = entry.problem { throw CLIError(problem) }
                let bytes = try DocumentFile.read(atPath: entry.path).bytes
                _ = try pipeline.parse(bytes: bytes, name: entry.fileName)
                // An empty file is a valid document but adds nothing to measure.
                if !bytes.isEmpty { documents.append(bytes) }
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

/// The measurements. Each is a closure that converts the whole corpus once; `fastest`
/// runs them round-robin, so a burst of load from elsewhere hits all of them alike, and
/// keeps each one's best time.
struct Bench {
    struct Result {
        /// Wall-clock seconds of the fastest round.
        var seconds: Double
        /// CPU seconds (user + system, all threads) of the round with the least CPU.
        var cpuSeconds: Double
    }

    let corpus: BenchCorpus
    let pipeline: Pipeline

    /// Decode → normalize → segment → extract → compact JSON, on `jobs` threads.
    func endToEnd(jobs: Int) -> () -> Void {
        let encoder = DocumentEncoder(pretty: false)
        let pipeline = self.pipeline
        return over(jobs: jobs) { bytes in
            (try? pipeline.parse(bytes: bytes, name: "bench.txt")).map { encoder.encode($0).count } ?? 0
        }
    }

    /// One pass over the corpus on this thread with every stage timed apart.
    func stageTimes() -> StageTimes {
        let probe = StageProbe(pipeline: pipeline)
        let encoder = DocumentEncoder(pretty: false)
        var times = StageTimes()
        var total = 0
        for index in corpus.sequence {
            total &+= (try? probe.timeStages(corpus.documents[index], encoder: encoder, into: &times)) ?? 0
        }
        precondition(total > 0, "the measurement did no work")
        return times
    }

    /// One probe of `StageProbe` over the corpus on `jobs` threads.
    func stage(jobs: Int = 1, _ probe: @escaping (StageProbe, [UInt8]) throws -> Int) -> () -> Void {
        let stages = StageProbe(pipeline: pipeline)
        return over(jobs: jobs) { bytes in (try? probe(stages, bytes)) ?? 0 }
    }

    /// A run of `work` over every document of the sequence, through the same bounded
    /// queue as `batch` and `stream`.
    private func over(jobs: Int, _ work: @escaping ([UInt8]) -> Int) -> () -> Void {
        let corpus = self.corpus
        return {
            var position = 0
            var total = 0
            OrderedWork.run(
                jobs: jobs,
                window: jobs * 8,
                next: {
                    guard position < corpus.sequence.count else { return nil }
                    defer { position += 1 }
                    return corpus.sequence[position]
                },
                transform: { index in work(corpus.documents[index]) },
                deliver: { total &+= $0 }
            )
            precondition(total > 0, "the measurement did no work")
        }
    }

    /// Runs every measurement `rounds` times, interleaved; returns each one's best time.
    static func fastest(_ runs: [(name: String, run: () -> Void)], rounds: Int) -> [(String, Result)] {
        var best = Array(repeating: Result(seconds: .infinity, cpuSeconds: .infinity), count: runs.count)
        for _ in 0..<rounds {
            for (index, entry) in runs.enumerated() {
                let start = ContinuousClock.now
                let cpuStart = BenchReport.cpuSeconds()
                entry.run()
                best[index].seconds = min(best[index].seconds, (ContinuousClock.now - start).seconds)
                best[index].cpuSeconds = min(best[index].cpuSeconds, BenchReport.cpuSeconds() - cpuStart)
            }
        }
        return zip(runs, best).map { ($0.name, $1) }
    }
}

enum BenchReport {
    static func table(_ rows: [(String, Bench.Result)], bytes: Int, documents: Int) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        var lines = [pad("", width) + "      MB/s    documents/s    seconds    CPU s    MB/CPU s"]
        for (name, result) in rows {
            lines.append(pad(name, width) + String(format: "  %8.1f  %13.0f  %9.3f  %7.3f  %10.1f",
                                                  Double(bytes) / 1e6 / result.seconds,
                                                  Double(documents) / result.seconds, result.seconds,
                                                  result.cpuSeconds, Double(bytes) / 1e6 / result.cpuSeconds))
        }
        return lines.joined(separator: "\n")
    }

    /// Milliseconds of CPU per MB of input and share of the total, stage by stage.
    static func stageTable(_ times: StageTimes, bytes: Int) -> String {
        let megabytes = Double(bytes) / 1e6
        let rows = times.stages + [("total", times.total)]
        let width = rows.map(\.name.count).max() ?? 0
        var lines = ["where the time goes, 1 thread (thread CPU time per stage, fastest pass):",
                     "  " + pad("", width) + "   ms/MB   share"]
        for (name, seconds) in rows {
            lines.append("  " + pad(name, width) + String(format: "  %6.2f  %5.1f%%", seconds * 1000 / megabytes,
                                                          100 * seconds / max(times.total, 1e-9)))
        }
        lines.append(String(format: "  (%.1f MB/s of thread CPU end to end)", megabytes / max(times.total, 1e-9)))
        return lines.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// User plus system CPU time of the whole process so far.
    static func cpuSeconds() -> Double {
        let usage = resourceUsage()
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func peakMemoryMegabytes() -> Int {
        resourceUsage().ru_maxrss / 1024  // kilobytes on Linux
    }

    private static func resourceUsage() -> rusage {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}
