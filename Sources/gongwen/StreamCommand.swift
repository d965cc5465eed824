import ArgumentParser
import Foundation
import Gongwen

struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Convert a JSON Lines stream on standard input, one document JSON per line out: a mapper for Spark and Hadoop.",
        discussion: """
            Each input line is {"id": …, "text": "…"} or {"id": …, "path": "…"} (an \
            optional "name" sets source.name; for "text" it defaults to a string "id"). Each output line, in input order, is the \
            document's compact JSON, the same as 'gongwen parse --compact' prints, or \
            {"id":…,"error":{"code":…,"message":…}} when the request is bad or the \
            bytes are not text. Blank input lines are skipped. Memory stays constant: \
            at most a few lines per job are in flight. Spark and Hadoop already run \
            one mapper per core; give --jobs 1 there to avoid running too many threads.

            Examples:
              printf '{"id":1,"path":"plan.txt"}\\n' | gongwen stream
              jq -c '{id: .url, text: .body}' pages.jsonl | gongwen stream > docs.jsonl
              rdd.pipe("gongwen stream")                      # Spark
              hadoop jar hadoop-streaming.jar -mapper 'gongwen stream' -input … -output …
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Convert this many lines at once (default: one per core); output order is kept.", valueName: "n"))
    var jobs: Int?

    @OptionGroup var decoding: DecodingOptions
    @OptionGroup var grammarOptions: GrammarOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let protocolHandler = StreamProtocol(pipeline: try Pipeline(grammar: grammarOptions.load(), options: decoding.options))
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        var reader = LineReader(fileDescriptor: STDIN_FILENO)
        // Set by the delivering worker, read by the others when they take a line.
        let writeFailed = Locked(false)
        OrderedWork.run(
            jobs: jobs,
            window: jobs * 4,
            next: { StreamCommand.nextRequest(&reader) },
            transform: { request in protocolHandler.respond(to: request.line, lineNumber: request.number).line + [0x0A] },
            deliver: { line in
                if !writeAll(STDOUT_FILENO, line) { writeFailed.withLock { $0 = true } }
            },
            shouldStop: { writeFailed.withLock { $0 } }
        )
        if writeFailed.withLock({ $0 }) { throw CLIError("cannot write to standard output: \(String(cString: strerror(errno)))") }
    }

    /// The next non-blank line with its number.
    static func nextRequest(_ reader: inout LineReader) -> (line: [UInt8], number: Int)? {
        while let line = reader.next() {
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                return (line, reader.lineNumber)
            }
        }
        return nil
    }
}
