import ArgumentParser
import Foundation
import Gongwen

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Regression-test the rules: parse every fixture and compare with its expected JSON.",
        discussion: """
            Every NAME.txt under the folder is parsed and compared with NAME.json beside \
            it. Each difference is printed with the fixture, the path of the element and \
            expected vs actual:

              Fixtures/seeds/001.txt
                quantities[q17].comparator: expected ">=", actual null
                sections[2].children[0].heading: expected "…", actual "…"

            Sections are matched by heading position and quantities by span, so one new \
            quantity shows as one extra line. The generator object (tool version, grammar \
            hash) is not compared. Exit status 1 on any difference.

            A rule author's loop: edit a file in Grammars/, run 'gongwen check \
            --grammar Grammars', read the differences, then 'gongwen check --update' to \
            accept them, and commit the rules with the updated fixtures.
            """
    )

    @Argument(help: ArgumentHelp("The fixture folder.", valueName: "dir"))
    var directory: String = "Fixtures"

    @Flag(name: .long, help: "Rewrite the expected JSON of every fixture that differs (or has none), and list them.")
    var update = false

    @Flag(name: .long, help: "Print only the summary line and the names of differing fixtures.")
    var brief = false

    @OptionGroup var grammarOptions: GrammarOptions

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let fixtures = FixtureChecker.fixtures(in: folder)
        guard !fixtures.isEmpty else { throw CLIError("\(directory): no *.txt fixtures found") }
        let checker = FixtureChecker(pipeline: try Pipeline(grammar: grammarOptions.load()))
        var differing = 0
        var differenceCount = 0
        var updated: [String] = []
        for input in fixtures {
            let result = checker.check(input)
            let name = relativePath(of: input, under: folder)
            switch result.outcome {
            case .same:
                continue
            case .differs(let differences):
                differing += 1
                differenceCount += differences.count
                print(name)
                if !brief { for difference in differences { print("  \(difference)") } }
            case .missingExpected:
                differing += 1
                print("\(name)\n  no expected file \(result.expectedFile.lastPathComponent)")
            case .failed(let message):
                differing += 1
                print("\(name)\n  \(message)")
            }
            if update, let actual = result.actual {
                try InputFile.writeAtomically(actual, to: result.expectedFile.path)
                updated.append(relativePath(of: result.expectedFile, under: folder))
            }
        }
        let summary = differing == 0
            ? "check: all \(fixtures.count) fixtures match"
            : "check: \(differing) of \(fixtures.count) fixtures differ (\(differenceCount) differences)"
        print(summary)
        if update {
            print(updated.isEmpty ? "updated nothing" : "updated \(updated.count) expected file(s):")
            for path in updated { print("  \(path)") }
            return
        }
        if differing > 0 { throw ExitCode(1) }
    }

    private func relativePath(of url: URL, under folder: URL) -> String {
        let base = folder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return path }
        return directory.hasSuffix("/") ? directory + path.dropFirst(base.count + 1) : directory + "/" + path.dropFirst(base.count + 1)
    }
}
