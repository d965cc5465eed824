import ArgumentParser
import Foundation
import Gongwen

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput: end to end on one core and on all, the ICU floor (decode + NFKC only), and the time of each stage.",
        discussion: """
            Build with 'swift build -c release' first; a debug build is many times slower. \
            The corpus is CORPUS (a file or a folder of *.txt), or by default the *.txt \
            documents under the repository's Fixtures/ folder (found from the current \
            folder upwards). Documents that fail to decode are left out. The corpus is \
            repeated in memory to at least --megabytes; the measurements run in turn, \
            --rounds times, and each keeps its best time (timings on a shared machine are noisy). MB is 10^6 bytes of input; CPU s is user + system time of all threads (less \
            sensitive to other load than wall time); peak memory is getrusage's ru_maxrss. \
            Last, passes over the corpus on one thread time each stage apart (thread CPU \
            time; the fastest of --rounds passes is shown): where the time goes, without a profiler.

            Examples:
              swift build -c release && .build/release/gongwen bench
              gongwen bench --megabytes 200 --rounds 5 ~/corpus
            """
    )

    @Argument(help: ArgumentHelp("A file or folder of documents (default: the repository's Fixtures/).", valueName: "corpus"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("Repeat the corpus in memory to at least this many megabytes.", valueName: "n"))
    var megabytes = 50

    @Option(name: .long, help: ArgumentHelp("Run each measurement this many times and keep the fastest.", valueName: "n"))
    var rounds = 3

    @Option(name: .shortAndLong, help: ArgumentHelp("Threads for the parallel measurement (default: one per core).", valueName: "n"))
    var jobs: Int?

    @OptionGroup var decoding: DecodingOptions
    @OptionGroup var grammarOptions: GrammarOptions

    func validate() throws {
        if megabytes < 1 { throw ValidationError("--megabytes must be at least 1") }
        if rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let pipeline = try Pipeline(grammar: grammarOptions.load(), options: decoding.options)
        let folder = try corpus ?? BenchCorpus.defaultFolder()
        let corpus = try BenchCorpus(loading: folder, pipeline: pipeline, megabytes: megabytes)
        print(corpus.description)
        let bench = Bench(corpus: corpus, pipeline: pipeline)
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let results = Bench.fastest([
            ("end to end, 1 thread", bench.endToEnd(jobs: 1)),
            ("end to end, \(jobs) threads", bench.endToEnd(jobs: jobs)),
            ("decode only, 1 thread", bench.stage { try $0.decode($1) }),
            ("decode + gongwen normalize, 1 thread", bench.stage { try $0.decodeAndNormalize($1) }),
            ("ICU floor: decode + NFKC, 1 thread", bench.stage { try $0.icuFloor($1) }),
            ("ICU floor: decode + NFKC, \(jobs) threads", bench.stage(jobs: jobs) { try $0.icuFloor($1) }),
        ], rounds: rounds)
        print(BenchReport.table(results, bytes: corpus.totalBytes, documents: corpus.sequence.count))
        let (one, all) = (results[0].1, results[1].1)
        print(String(format: "parallel speed-up, end to end: %.2f× wall clock with %d threads; CPU per MB %.2f× that of one thread",
                     one.seconds / all.seconds, jobs, all.cpuSeconds / one.cpuSeconds))
        print("peak memory: \(BenchReport.peakMemoryMegabytes()) MB (ru_maxrss)")
        // The stage pass runs --rounds times too; the one with the least total is shown.
        var stages = bench.stageTimes()
        for _ in 1..<rounds {
            let again = bench.stageTimes()
            if again.total < stages.total { stages = again }
        }
        print(BenchReport.stageTable(stages, bytes: corpus.totalBytes))
        #if DEBUG
        print("note: this is a debug build; use 'swift build -c release' for real figures")
        #endif
    }
}
