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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw CLIError("\(directory): no such folder (gongwen check looks for Fixtures/ in the current folder by default)")
        }
        guard isDirectory.boolValue else { throw CLIError("\(directory): not a folder; give the folder that holds the fixtures") }
        let fixtures = FixtureChecker.fixtures(in: folder)
        guard !fixtures.isEmpty else { throw CLIError("\(directory): no *.txt fixtures found") }
        let checker: FixtureChecker
        do {
            checker = try FixtureChecker(pipeline: try Pipeline(grammar: grammarOptions.load()), folder: folder)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(directory)/\(KnownDifferences.fileName): \(error.localizedDescription)")
        }
        var differing = 0
        var differenceCount = 0
        var knownCount = 0
        var fixed: [String] = []
        var updated: [String] = []
        for input in fixtures {
            let result = checker.check(input)
            let name = display(result.name)
            knownCount += result.known.count
            fixed += result.fixed.map { "\($0.fixture) \($0.path)  (\(KnownDifferences.fileName):\($0.line))" }
            switch result.outcome {
            case .same:
                break
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
            // Rewrite what differs, and files whose known differences need the layout
            // restored; a file that differs only in `generator` is left alone.
            if update, let bytes = result.update,
               result.outcome != .same
                || (!result.known.isEmpty && FileManager.default.contents(atPath: result.expectedFile.path).map(Array.init) != bytes) {
                try InputFile.writeAtomically(bytes, to: result.expectedFile.path)
                updated.append(display(FixtureChecker.expectedFile(for: input).path.replacingOccurrences(of: checker.folder.path + "/", with: "")))
            }
        }
        if !fixed.isEmpty {
            print("now right, remove from \(KnownDifferences.fileName):")
            for line in fixed { print("  \(line)") }
        }
        var summary = differing == 0
            ? "check: all \(fixtures.count) fixtures match"
            : "check: \(differing) of \(fixtures.count) fixtures differ (\(differenceCount) difference\(differenceCount == 1 ? "" : "s"))"
        if knownCount > 0 { summary += "; \(knownCount) known differences listed in \(KnownDifferences.fileName)" }
        print(summary)
        if update {
            print(updated.isEmpty ? "updated nothing" : "updated \(updated.count) expected file(s):")
            for path in updated { print("  \(path)") }
            return
        }
        if differing > 0 { throw ExitCode(1) }
    }

    /// A fixture path as the user would type it: the folder given, then the relative path.
    private func display(_ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
