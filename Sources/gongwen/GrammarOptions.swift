import ArgumentParser
import Foundation
import Gongwen

/// `--grammar DIR`, shared by every command that parses.
struct GrammarOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A folder of *.rules files to use instead of the built-in grammar.",
        valueName: "dir"))
    var grammar: String?

    /// The grammar to use; prints `file:line: rule …: message` and exits on a bad one.
    func load() throws -> Grammar {
        guard let grammar else { return Grammar.builtIn }
        do {
            return try Grammar(directory: URL(fileURLWithPath: grammar))
        } catch {
            throw CLIError("grammar error: \(error)")
        }
    }
}

/// Decoding options shared by commands that read documents.
struct DecodingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Read input in this encoding instead of detecting it (UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK, Big5, …).",
        valueName: "name"))
    var encoding: String?

    @Flag(name: .long, help: "Replace bytes that are invalid in the encoding with U+FFFD (and say so in diagnostics) instead of failing.")
    var lossy = false

    @Flag(name: .long, help: "Convert Traditional Chinese to Simplified in the output text.")
    var simplified = false

    var options: Pipeline.Options {
        Pipeline.Options(encoding: encoding, lossy: lossy, simplified: simplified)
    }

    func validate() throws {
        if let encoding, !Decoder.isKnownEncoding(encoding) {
            throw ValidationError("unknown encoding '\(encoding)'; try UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK or Big5")
        }
    }
}

/// An error the CLI reports as `gongwen: error: …` with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
