import Foundation
@testable import Gongwen
import Testing

/// The output contract over every fixture: the JSON validates against the schema the
/// tool ships, and every element's span slices the original to its text.
@Suite("Output contract")
struct OutputContractTests {
    static let fixtures = FixtureChecker.fixtures(in: FixturePaths.fixtures)

    /// Validates every fixture's output with Python's `jsonschema` (installed by `.ci/run`).
    @Test func everyFixtureValidatesAgainstTheSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("schema.json")
        try Data(documentSchema.utf8).write(to: schema)
        let checker = (try FixtureChecker(pipeline: try Pipeline(), folder: FixturePaths.fixtures))
        for (index, input) in Self.fixtures.enumerated() {
            try Data(try checker.output(for: input)).write(to: folder.appendingPathComponent("\(index).json"))
        }
        let script = """
            import json, sys, glob, os
            import jsonschema
            folder = sys.argv[1]
            schema = json.load(open(os.path.join(folder, 'schema.json')))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for path in sorted(glob.glob(os.path.join(folder, '[0-9]*.json'))):
                for error in validator.iter_errors(json.load(open(path))):
                    bad += 1
                    print(path, list(error.absolute_path), error.message)
            sys.exit(1 if bad else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "schema validation failed:\n\(output)")
    }

    /// `original[span]` normalizes to `text` for every element that has both (white space
    /// aside: a paragraph broken across lines is joined in `text`).
    @Test(arguments: fixtures)
    func spansSliceTheOriginal(input: URL) throws {
        let pipeline = try Pipeline()
        let bytes = Array(try Data(contentsOf: input))
        let decoded = try Decoder().decode(bytes)
        let document = try pipeline.parse(bytes: bytes, name: input.lastPathComponent)
        let original = decoded.scalars

        func check(_ text: String, _ span: Span, _ what: String) {
            guard span.start <= span.end, span.end <= original.count else {
                Issue.record("\(input.lastPathComponent): \(what) span \(span) is out of bounds")
                return
            }
            let slice = DecodedText(scalars: Array(original[span.start..<span.end]), encoding: "UTF-8")
            let normalized = pipeline.normalize(slice)
            let cleaned = normalized.string(0..<normalized.text.count)
            #expect(squeezed(cleaned) == squeezed(text), "\(input.lastPathComponent): \(what) \(span)")
        }

        for block in document.preamble { check(block.text, block.span, "preamble block") }
        var stack = document.sections
        while let section = stack.popLast() {
            check(section.heading, section.headingSpan, "heading of section \(section.id)")
            #expect(section.span.start <= section.headingSpan.start && section.headingSpan.end <= section.span.end,
                    "\(input.lastPathComponent): section \(section.id) span does not hold its heading")
            for block in section.blocks { check(block.text, block.span, "block of section \(section.id)") }
            stack += section.children
        }
        for quantity in document.quantities {
            check(quantity.text, quantity.span, "quantity \(quantity.id)")
            #expect((quantity.comparator == nil) == (quantity.cue == nil) && (quantity.cue == nil) == (quantity.cueSpan == nil),
                    "\(input.lastPathComponent): quantity \(quantity.id) has a comparator without its cue or the reverse")
            if let cue = quantity.cue, let cueSpan = quantity.cueSpan { check(cue, cueSpan, "cue of \(quantity.id)") }
        }
    }

    private func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
