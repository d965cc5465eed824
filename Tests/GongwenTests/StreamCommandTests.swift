import Foundation
import Testing

/// End-to-end checks of the `gongwen` executable that `swift test` builds next to the tests.
enum GongwenExecutable {
    static let url: URL? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let binary = candidate.appendingPathComponent("gongwen")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return nil
    }()

    /// Runs gongwen with `arguments` and `input` on standard input; returns standard output and the status.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> (output: [UInt8], status: Int32) {
        let result = try runCapturingErrors(arguments, input: input)
        return (result.output, result.status)
    }

    /// Runs gongwen; returns standard output, standard error and the status.
    static func runCapturingErrors(_ arguments: [String], input: [UInt8] = []) throws
        -> (output: [UInt8], errors: String, status: Int32) {
        let process = Process()
        process.executableURL = try #require(url)
        process.arguments = arguments
        process.currentDirectoryURL = FixturePaths.root
        let stdin = Pipe(), stdout = Pipe()
        let stderr = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: stderr) }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        // Feed standard input from another thread so a full output pipe cannot deadlock us.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
        return (Array(output), errors, process.terminationStatus)
    }
}

@Suite("Stream: the command", .enabled(if: GongwenExecutable.url != nil, "the gongwen executable is not built"))
struct StreamCommandTests {
    @Test func streamPrintsWhatParseCompactPrintsLineForLine() throws {
        let files = ["Fixtures/seeds/000_b45d32b8338ddaf9.txt", "Fixtures/seeds/003_c779d1736a54a27d.txt",
                     "Fixtures/encodings/seed000-gb18030.txt", "Fixtures/encodings/seed000-utf16le-bom.txt",
                     "Fixtures/encodings/empty.txt"]
        let parse = try GongwenExecutable.run(["parse", "--compact"] + files)
        #expect(parse.status == 0)
        let requests = files.enumerated().map { #"{"id":\#($0.offset),"path":"\#($0.element)"}"# }.joined(separator: "\n") + "\n"
        for jobs in ["1", "2"] {
            let stream = try GongwenExecutable.run(["stream", "--jobs", jobs], input: Array(requests.utf8))
            #expect(stream.status == 0)
            #expect(stream.output == parse.output, "--jobs \(jobs)")
        }
    }

    @Test func errorsAreLinesInTheirPlace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let binary = try folder.write("binary.txt", bytes: [0x61, 0x00, 0x62])
        let requests = """
            {"id":"a","path":"Fixtures/seeds/000_b45d32b8338ddaf9.txt"}
            {"id":"b","path":"\(binary)"}

            oops
            {"id":"c","text":"一、总体要求"}

            """
        let stream = try GongwenExecutable.run(["stream"], input: Array(requests.utf8))
        #expect(stream.status == 0)
        let lines = String(decoding: stream.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix(#"{"schema":"gongwen.document/1""#))
        #expect(lines[1].hasPrefix(#"{"id":"b","error":{"code":"binary""#))
        #expect(lines[2].hasPrefix(#"{"id":null,"error":{"code":"bad-request","message":"line 4: "#))
        // A text request without "name" is named by its id.
        #expect(lines[3].contains(#""name":"c""#))
    }
}
