import Foundation
import Testing

@Suite("Batch: the command", .enabled(if: GongwenExecutable.url != nil, "the gongwen executable is not built"))
struct BatchCommandTests {
    @Test func convertsGoodFilesReportsBadOnesAndSkipsOnRerun() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let seed = try FixturePaths.bytes("seeds/000_b45d32b8338ddaf9.txt")
        try folder.write("in/a/one.txt", bytes: seed)
        try folder.write("in/a/b/two.txt", bytes: seed)
        try folder.write("in/notes.md", "skip me")
        try folder.write("in/bad/binary.txt", bytes: [0x61, 0x00, 0x62])
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/in/bad/gone.txt", withDestinationPath: "/nonexistent")
        let out = folder.path + "/out"

        let first = try GongwenExecutable.runCapturingErrors(["batch", "--jobs", "2", folder.path + "/in", "-o", out])
        #expect(first.status == 1)
        #expect(first.errors.contains("binary.txt: binary file: NUL byte at byte offset 1"))
        #expect(first.errors.contains("gone.txt: broken symbolic link"))
        #expect(first.errors.contains("2 converted, 0 up to date, 2 failed"))
        let json = try Data(contentsOf: URL(fileURLWithPath: out + "/a/b/two.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((object["source"] as? [String: Any])?["name"] as? String == "two.txt")
        #expect(FileManager.default.fileExists(atPath: out + "/a/one.json"))
        #expect(!FileManager.default.fileExists(atPath: out + "/notes.json"))

        let second = try GongwenExecutable.runCapturingErrors(["batch", folder.path + "/in", "-o", out])
        #expect(second.errors.contains("0 converted, 2 up to date, 2 failed"))

        try folder.write("in/a/one.txt", bytes: seed + Array("\n补充。".utf8))
        let third = try GongwenExecutable.runCapturingErrors(["batch", "--exclude", "bad", folder.path + "/in", "-o", out])
        #expect(third.status == 0)
        #expect(third.errors.contains("1 converted, 1 up to date, 0 failed"))
    }

    @Test func jsonLinesHoldOneDocumentPerLineInWalkOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let seed = try FixturePaths.bytes("seeds/000_b45d32b8338ddaf9.txt")
        for name in ["c", "a", "b"] { try folder.write("in/\(name).txt", bytes: seed) }
        let result = try GongwenExecutable.runCapturingErrors(["batch", folder.path + "/in", "--jsonl", "-", "--quiet"])
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        let names = try String(decoding: result.output, as: UTF8.self).split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (object["source"] as? [String: Any])?["name"] as? String
        }
        #expect(names == ["a.txt", "b.txt", "c.txt"])
    }

    @Test func badFlagCombinationsAreRefused() throws {
        #expect(try GongwenExecutable.runCapturingErrors(["batch", "x"]).status == 64)
        #expect(try GongwenExecutable.runCapturingErrors(["batch", "x", "-o", "o", "--jsonl", "j"]).status == 64)
        #expect(try GongwenExecutable.runCapturingErrors(["batch", "x", "-o", "o", "--jobs", "0"]).status == 64)
    }
}
