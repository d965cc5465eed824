import ArgumentParser
import Foundation
import Gongwen

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Convert documents to gongwen JSON (schema gongwen.document/1).",
        discussion: """
            One document prints as an indented JSON object; several print as one compact \
            JSON object per line (JSON Lines), in the order given. A file that cannot be \
            read or decoded is reported on standard error with the byte offset at fault; \
            the others are still converted, and the exit status is 1.

            Examples:
              gongwen parse plan.txt
              gongwen parse --encoding GB18030 old-plan.txt -o old-plan.json
              cat plan.txt | gongwen parse -
              gongwen parse --format tree plan.txt
            """
    )

    @Argument(help: ArgumentHelp("Text files to convert; '-' reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Print each document on one line even when there is only one.")
    var compact = false

    @Option(name: .long, help: "Output format: json (the SPEC's document object) or tree (an indented outline with each section's quantities).")
    var format: OutputFormat = .json

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case json, tree
    }

    @OptionGroup var decoding: DecodingOptions
    @OptionGroup var grammarOptions: GrammarOptions

    func run() throws {
        let pipeline = try Pipeline(grammar: grammarOptions.load(), options: decoding.options)
        let encoder = DocumentEncoder(pretty: files.count == 1 && !compact)
        var out: [UInt8] = []
        var failures = 0
        for file in files {
            do {
                let bytes = try InputFile.read(file)
                let document: Document
                do {
                    document = try pipeline.parse(bytes: bytes, name: file == "-" ? "-" : (file as NSString).lastPathComponent)
                } catch {
                    throw CLIError("\(file): \(error)")
                }
                switch format {
                case .json:
                    out += encoder.encode(document)
                    out.append(0x0A)
                case .tree:
                    out += Array(TreeFormatter().format(document).utf8)
                }
            } catch {
                printError("error: \(error)")
                failures += 1
            }
        }
        if let output {
            try InputFile.writeAtomically(out, to: output)
        } else {
            FileHandle.standardOutput.write(bytes: out)
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
