import Foundation
@testable import Gongwen
import Testing

@Suite("Batch: atomic writes")
struct BatchAtomicFileTests {
    @Test func writesCreateFoldersAndLeaveNoTemporaryFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.path + "/a/b/c.json"
        try AtomicFile.write(Array("{}\n".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "{}\n")
        try AtomicFile.write(Array("{\"x\":1}\n".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "{\"x\":1}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/a/b") == ["c.json"])
    }

    @Test func temporaryNamesAreHiddenAndNeverOutputs() {
        let name = (AtomicFile.temporaryPath(for: "/out/a/c.json") as NSString).lastPathComponent
        #expect(name.hasPrefix(".c.json."))
        #expect(name.hasSuffix(".tmp"))
        #expect(!name.hasSuffix(".json"))
        #expect(AtomicFile.isTemporary(name))
        #expect(!AtomicFile.isTemporary("c.json"))
        #expect(!AtomicFile.isTemporary(".gongwen-index.jsonl"))
        #expect(!AtomicFile.isTemporary(".notes.tmp"))
    }

    @Test func aFailedWriteLeavesTheOldOutputAndNoTemporary() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.path + "/c.json"
        try AtomicFile.write(Array("old".utf8), to: target)
        // A folder in the way of the rename makes it fail after the bytes are written.
        try FileManager.default.createDirectory(atPath: folder.path + "/d.json/x", withIntermediateDirectories: true)
        #expect(throws: AtomicFileError.self) { try AtomicFile.write(Array("new".utf8), to: folder.path + "/d.json") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["c.json", "d.json"])
    }

    @Test func inFlightFilesAreRegisteredOnlyWhileWriting() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inFlight = TemporaryFiles()
        try AtomicFile.write([1, 2, 3], to: folder.path + "/x.json", inFlight: inFlight)
        #expect(inFlight.current.isEmpty)
        let stray = AtomicFile.temporaryPath(for: folder.path + "/y.json")
        _ = FileManager.default.createFile(atPath: stray, contents: Data([1]))
        inFlight.insert(stray)
        #expect(inFlight.removeAll() == 1)
        #expect(!FileManager.default.fileExists(atPath: stray))
    }

    @Test func staleTemporariesOfDeadRunsAreRemoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // pid 2^22+1 is above Linux's pid_max default, so no live process has it.
        try folder.write("a/.c.json.4194305.7.tmp", "{\"half")
        try folder.write("a/c.json", "{}")
        let ours = AtomicFile.temporaryPath(for: folder.path + "/a/d.json")
        _ = FileManager.default.createFile(atPath: ours, contents: Data([1]))
        #expect(AtomicFile.removeStaleTemporaries(under: folder.path) == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/a").sorted()
        #expect(names == [(ours as NSString).lastPathComponent, "c.json"])
    }
}

@Suite("Batch: up-to-date check and index")
struct BatchUpToDateTests {
    let stamp = FileStamp(size: 100, seconds: 1_700_000_000, nanoseconds: 5)

    func entry(_ stamp: FileStamp, settings: String = "S") -> IndexEntry {
        IndexEntry(output: "a/c.json", stamp: stamp, sha256: "H", settings: settings)
    }

    @Test func sameStampAndSettingsIsUpToDate() {
        let check = UpToDateCheck(settings: "S")
        #expect(check.decide(entry: entry(stamp), outputExists: true, input: stamp) == .upToDate)
    }

    @Test func everyReasonToConvert() {
        let check = UpToDateCheck(settings: "S")
        #expect(check.decide(entry: nil, outputExists: true, input: stamp) == .convert(reason: "not converted before"))
        #expect(check.decide(entry: entry(stamp, settings: "T"), outputExists: true, input: stamp)
            == .convert(reason: "tool version, grammar or options changed"))
        #expect(check.decide(entry: entry(stamp), outputExists: false, input: stamp) == .convert(reason: "output missing"))
        var bigger = stamp
        bigger.size += 1
        #expect(check.decide(entry: entry(stamp), outputExists: true, input: bigger) == .convert(reason: "input changed size"))
        let forced = UpToDateCheck(settings: "S", force: true)
        #expect(forced.decide(entry: entry(stamp), outputExists: true, input: stamp) == .convert(reason: "forced"))
    }

    @Test func aNewTimeWithTheSameSizeAsksForTheHash() {
        let check = UpToDateCheck(settings: "S")
        var touched = stamp
        touched.nanoseconds += 1
        #expect(check.decide(entry: entry(stamp), outputExists: true, input: touched) == .compareHash(expected: "H"))
        #expect(check.decide(expected: "H", actual: "H") == .upToDate)
        #expect(check.decide(expected: "H", actual: "G") == .convert(reason: "input changed"))
    }

    @Test func settingsFingerprintFollowsOptions() throws {
        let plain = try Pipeline().settingsFingerprint
        #expect(plain == (try Pipeline().settingsFingerprint))
        #expect(plain != (try Pipeline(options: .init(simplified: true)).settingsFingerprint))
        #expect(plain != (try Pipeline(options: .init(lossy: true)).settingsFingerprint))
        #expect(plain != (try Pipeline(options: .init(encoding: "GB18030")).settingsFingerprint))
    }

    @Test func stampsRoundTripThroughText() {
        #expect(stamp.description == "100@1700000000.000000005")
        #expect(FileStamp(stamp.description) == stamp)
        #expect(FileStamp("garbage") == nil)
    }

    @Test func theIndexSurvivesReopeningCompactingAndATornLastLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a/c.json", "{}")
        try folder.write("b.json", "{}")
        do {
            let index = try BatchIndex(folder: folder.path)
            index.record(entry(stamp))
            index.record(IndexEntry(output: "b.json", stamp: stamp, sha256: "B", settings: "S"))
            index.record(IndexEntry(output: "gone.json", stamp: stamp, sha256: "G", settings: "S"))
            var newer = stamp
            newer.seconds += 1
            index.record(entry(newer))
        }
        // A run killed in the middle of an append leaves half a line.
        let handle = try #require(FileHandle(forWritingAtPath: folder.path + "/" + BatchIndex.fileName))
        handle.seekToEndOfFile()
        handle.write(Data("{\"output\":\"x.json\",\"sta".utf8))
        handle.closeFile()

        let reopened = try BatchIndex(folder: folder.path)
        #expect(reopened.count == 3)
        #expect(reopened.entry(for: "a/c.json")?.stamp.seconds == stamp.seconds + 1)
        try reopened.compact(folder: folder.path)
        let lines = try String(contentsOfFile: reopened.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)  // gone.json has no output and the torn line is dropped
        #expect(try BatchIndex(folder: folder.path).entry(for: "b.json")?.sha256 == "B")
    }
}
