import ArgumentParser
import Foundation
import Gongwen

struct GrammarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grammar",
        abstract: "Check and explore grammars (the rule files that drive gongwen).",
        subcommands: [Check.self, Kinds.self, Export.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a grammar folder; print 'file:line: rule NAME: problem' for the first error.",
            discussion: """
                Without a folder, checks the built-in grammar. Exit status 0 when the grammar \
                loads and every stage compiles it, 1 otherwise.

                Example:
                  gongwen grammar check Grammars
                """
        )

        @Argument(help: ArgumentHelp("The grammar folder (default: the built-in grammar).", valueName: "dir"))
        var directory: String?

        func run() throws {
            let grammar: Grammar
            do {
                grammar = try directory.map { try Grammar(directory: URL(fileURLWithPath: $0)) } ?? Grammar.builtIn
                _ = try Pipeline(grammar: grammar)
            } catch let error as GrammarError {
                throw CLIError("grammar error: \(error)")
            }
            print("grammar \(grammar.name): \(grammar.files.count) files, \(grammar.rules.count) rules, sha256 \(grammar.sha256)")
        }
    }

    struct Kinds: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule kind with its fields.",
            discussion: "Example:\n  gongwen grammar kinds"
        )

        func run() {
            for kind in RuleKind.all {
                print("\(kind.name): \(kind.summary)")
                for field in kind.fields {
                    print("    \(field.key)\(field.required ? "" : " (optional)"): \(field.summary)")
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in grammar's files into a folder, to start your own.",
            discussion: "Example:\n  gongwen grammar export my-grammar && $EDITOR my-grammar/units.rules"
        )

        @Argument(help: ArgumentHelp("The folder to create.", valueName: "dir"))
        var directory: String

        func run() throws {
            let url = URL(fileURLWithPath: directory)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for file in Grammar.builtIn.files {
                let target = url.appendingPathComponent(file.name)
                if FileManager.default.fileExists(atPath: target.path) {
                    throw CLIError("\(target.path): exists already; not overwriting")
                }
                try InputFile.writeAtomically(Array(file.contents.utf8), to: target.path)
            }
            print("wrote \(Grammar.builtIn.files.count) files to \(directory)")
        }
    }
}
