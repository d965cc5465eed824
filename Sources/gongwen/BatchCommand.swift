import ArgumentParser
import Foundation
import Gongwen

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Convert many documents in parallel: one JSON file per document, or one JSON Lines stream.",
        discussion: """
            Files and folders are read; folders recursively, taking the files whose name \
            matches --include (default *.txt) and no --exclude. A pattern without '/' \
            looks at the file name, one with '/' at the path below the folder given; \
            '**' spans folders. Each document becomes OUTDIR/PATH.json, where PATH is \
            its path below the folder given (a/b/c.txt → OUTDIR/a/b/c.json), written \
            atomically: an interrupted run leaves no half-written JSON, only hidden \
            '.NAME.PID.N.tmp' files, which the next run removes.

            A rerun skips every document whose output is up to date: same input (size \
            and modification time, or else SHA-256), same tool version, grammar and \
            options, as recorded in OUTDIR/.gongwen-index.jsonl. --force converts all.

            A file that cannot be read or decoded is reported with its reason and the \
            others go on. At the end a summary; exit status 1 when anything failed, \
            130 after Ctrl-C (press it twice to stop at once).

            Examples:
              gongwen batch corpus -o out
              gongwen batch corpus --include '*.txt' --include '*.text' --exclude 'drafts/**' -o out
              gongwen batch a.txt b.txt --jsonl all.jsonl
              gongwen batch --jobs 1 --quiet corpus -o out
            """
    )

    @Argument(help: ArgumentHelp("Files and folders to convert.", valueName: "input"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Write one JSON file per document into this folder.", valueName: "outdir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Write all documents to this JSON Lines file instead ('-' for standard output).", valueName: "file"))
    var jsonl: String?

    @Option(name: .long, help: ArgumentHelp("Take files in folders whose name or path matches this glob (repeatable; default *.txt).", valueName: "glob"))
    var include: [String] = []

    @Option(name: .long, help: ArgumentHelp("Skip files and folders whose name or path matches this glob (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Convert this many documents at once (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "Convert every document, even when its output is up to date.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print no progress and no summary; failures are still reported.")
    var quiet = false

    @OptionGroup var decoding: DecodingOptions
    @OptionGroup var grammarOptions: GrammarOptions

    func validate() throws {
        if (output == nil) == (jsonl == nil) {
            throw ValidationError("give an output folder with -o OUTDIR, or one stream with --jsonl FILE (not both)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if force && jsonl != nil { throw ValidationError("--force applies to -o OUTDIR; --jsonl always converts everything") }
        if let output {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), !isFolder.boolValue {
                throw ValidationError("\(output) is a file; -o takes a folder")
            }
        }
    }

    func run() throws {
        let plan = BatchPlan(
            inputs: inputs,
            destination: output.map { .folder($0) } ?? .jsonLines(jsonl ?? "-"),
            walker: DocumentWalker(include: (include.isEmpty ? ["*.txt"] : include).map(Glob.init),
                                   exclude: exclude.map(Glob.init)),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            force: force,
            pipeline: try Pipeline(grammar: grammarOptions.load(), options: decoding.options)
        )
        let progress = ProgressReporter(mode: .choose(quiet: quiet))
        let interrupt = BatchInterrupt { [progress] signal in
            progress.say("\(signal == SIGINT ? "interrupted" : "terminated"); finishing the documents in progress (again to stop now)")
        }
        interrupt.install()
        let summary = try BatchRunner(plan: plan, progress: progress, interrupt: interrupt).run()
        interrupt.uninstall()
        for line in quiet ? summary.failureLines : summary.lines { writeError(line + "\n") }
        if summary.interrupted != nil { throw ExitCode(interrupt.exitStatus) }
        if summary.counts.failed > 0 { throw ExitCode(1) }
    }
}
