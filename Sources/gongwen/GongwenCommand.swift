import ArgumentParser
import Foundation
import Gongwen

@main
struct GongwenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongwen",
        abstract: "Turn Chinese policy documents into structured JSON: section tree and numeric targets.",
        discussion: """
            gongwen reads work plans, implementation plans and government work reports \
            (UTF-8, UTF-16 or GB18030 text), segments them into their section tree \
            (一、 → (一) → 1. → (1), 第一章, 第一条, ①, 一是…) and extracts every numeric \
            target with its unit, comparator and meaning.

            Examples:
              gongwen parse Fixtures/seeds/000_b45d32b8338ddaf9.txt
              gongwen parse --format tree plan.txt
              gongwen batch corpus -o out
              jq -c '{id: .url, text: .body}' pages.jsonl | gongwen stream > docs.jsonl
              swift build -c release && .build/release/gongwen bench
              gongwen check                  # compare Fixtures/ with their expected JSON
              gongwen schema                 # the JSON Schema of the output
              gongwen grammar check Grammars
            """,
        version: Pipeline.version,
        subcommands: [ParseCommand.self, BatchCommand.self, StreamCommand.self, BenchCommand.self,
                      CheckCommand.self, SchemaCommand.self, GrammarCommand.self]
    )

    /// Runs the command; a `CLIError` prints as `gongwen: error: …` (like every other
    /// error the tool reports itself) and exits with status 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            printError("error: \(error)")
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
