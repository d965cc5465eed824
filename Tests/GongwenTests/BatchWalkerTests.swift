import Foundation
@testable import Gongwen
import Testing

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "gongwen-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes a file (creating folders) and returns its path.
    @discardableResult
    func write(_ relative: String, _ contents: String = "一、总体要求\n") throws -> String {
        try write(relative, bytes: Array(contents.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Batch: globs")
struct BatchGlobTests {
    @Test(arguments: [
        ("*.txt", "a.txt", true),
        ("*.txt", "dir/sub/a.txt", true),
        ("*.txt", "a.txt.bak", false),
        ("*.txt", ".hidden.txt", true),
        ("?.txt", "a.txt", true),
        ("?.txt", "ab.txt", false),
        ("[ab]*.txt", "b1.txt", true),
        ("[!ab]*.txt", "b1.txt", false),
        ("[0-9][0-9]_*.txt", "03_plan.txt", true),
        ("drafts/*", "drafts/a.txt", true),
        ("drafts/*", "x/drafts/a.txt", false),
        ("drafts/*", "drafts/sub/a.txt", false),
        ("drafts/**", "drafts/sub/a.txt", true),
        ("**/drafts/*.txt", "drafts/a.txt", true),
        ("**/drafts/*.txt", "x/y/drafts/a.txt", true),
        ("2024/**/*.txt", "2024/a.txt", true),
        ("2024/**/*.txt", "2024/q1/jan/a.txt", true),
        ("2024/**/*.txt", "2023/a.txt", false),
        ("./a/*.txt", "a/b.txt", true),
        ("计划*.txt", "计划2024.txt", true),
        ("*\\*.txt", "a*.txt", true),
        ("*\\*.txt", "ab.txt", false),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }
}

@Suite("Batch: walker")
struct BatchWalkerTests {
    @Test func walksRecursivelyInNameOrderWithIncludesAndExcludes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("b.txt")
        try folder.write("a.txt")
        try folder.write("notes.md")
        try folder.write("sub/c.txt")
        try folder.write("sub/deeper/d.txt")
        try folder.write("drafts/e.txt")
        let walker = DocumentWalker(exclude: [Glob("drafts")])
        let found = Array(walker.walk([folder.path])).map(\.relativePath)
        #expect(found == ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"])

        let markdown = DocumentWalker(include: [Glob("*.md"), Glob("sub/*/*.txt")])
        #expect(Array(markdown.walk([folder.path])).map(\.relativePath) == ["notes.md", "sub/deeper/d.txt"])
    }

    @Test func filesGivenByNameAreAlwaysTakenAndMissingOnesReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let notes = try folder.write("notes.md")
        let entries = Array(DocumentWalker().walk([notes, folder.path + "/missing.txt"]))
        #expect(entries.count == 2)
        #expect(entries[0] == DocumentWalker.Entry(path: notes, relativePath: "notes.md"))
        #expect(entries[1].problem == "no such file")
    }

    @Test func danglingLinksAreOfferedAndFolderLinksNotFollowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("real/a.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/gone.txt", withDestinationPath: "/nonexistent/x")
        let entries = Array(DocumentWalker().walk([folder.path]))
        #expect(entries.map(\.relativePath) == ["gone.txt", "real/a.txt"])
        #expect(throws: DocumentReadError.brokenLink) { try DocumentFile.read(atPath: entries[0].path) }
    }

    @Test func theOutputFolderIsSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.txt")
        try folder.write("out/old.txt")
        let skip = try #require(DocumentWalker.FolderIdentity(path: folder.path + "/out"))
        let walker = DocumentWalker(skipping: [skip])
        #expect(Array(walker.walk([folder.path])).map(\.relativePath) == ["a.txt"])
    }

    @Test(arguments: [
        ("a/b/c.txt", "a/b/c.json"),
        ("c.txt", "c.json"),
        ("c", "c.json"),
        ("a/c.tar.txt", "a/c.tar.json"),
        ("a/.hidden", "a/.hidden.json"),
    ])
    func outputPathsMirrorTheTree(relative: String, output: String) {
        #expect(DocumentWalker.Entry(path: "/x/" + relative, relativePath: relative).outputRelativePath == output)
    }

    @Test func readerNamesWhatIsWrong() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: DocumentReadError.isDirectory) { try DocumentFile.read(atPath: folder.path) }
        #expect(throws: DocumentReadError.notFound) { try DocumentFile.read(atPath: folder.path + "/nope.txt") }
        #expect(mkfifo(folder.path + "/pipe.txt", 0o644) == 0)
        #expect(throws: DocumentReadError.notRegularFile) { try DocumentFile.read(atPath: folder.path + "/pipe.txt") }
        let path = try folder.write("a.txt", "你好")
        let read = try DocumentFile.read(atPath: path)
        #expect(read.bytes == Array("你好".utf8))
        #expect(read.stamp == (try DocumentFile.stamp(atPath: path)))
        #expect(read.stamp.size == 6)
    }
}
