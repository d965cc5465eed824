import Foundation
@testable import Gongwen
import Testing

@Suite("Stream: JSON Lines reader")
struct StreamJSONLinesTests {
    @Test func membersKeepTheirRawTextAndStringsAreDecoded() throws {
        let line = Array(#"{"id": 12.50, "text":"一、\n\"总体\"\u4e2d\ud83d\ude00", "meta":{"a":[1,true,null]}, "x":null}"#.utf8)
        let members = try JSONLines.parseObject(line)
        #expect(members["id"]?.raw == Array("12.50".utf8))
        #expect(members["id"]?.string == nil)
        #expect(members["text"]?.string == "一、\n\"总体\"中😀")
        #expect(members["meta"]?.raw == Array(#"{"a":[1,true,null]}"#.utf8))
        #expect(members["x"]?.isNull == true)
    }

    @Test(arguments: [
        ("", "expected a JSON object (the line ended) at byte 0 of the line"),
        ("[1]", "expected a JSON object at byte 0 of the line"),
        ("{\"id\":1", "expected ',' or '}' (the line ended) at byte 7 of the line"),
        ("{\"id\":01}", "expected ',' or '}' at byte 7 of the line"),
        ("{\"id\":\"a\\q\"}", "invalid escape at byte 9 of the line"),
        ("{\"id\":\"\\ud800\"}", "unpaired surrogate escape at byte 13 of the line"),
        ("{\"id\":1} x", "unexpected text after the object at byte 9 of the line"),
        ("{id:1}", "expected a member name at byte 1 of the line"),
    ])
    func badLinesSayWhereAndWhat(line: String, message: String) {
        #expect(throws: JSONLineError.self) { try JSONLines.parseObject(Array(line.utf8)) }
        do {
            _ = try JSONLines.parseObject(Array(line.utf8))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func theLineReaderSplitsOnNewlinesAcrossReads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let long = String(repeating: "长", count: 200_000)  // longer than one read
        let path = try folder.write("in.jsonl", "a\r\n\n\(long)\nlast")
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var reader = LineReader(fileDescriptor: fd)
        var lines: [String] = []
        while let line = reader.next() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["a", "", long, "last"])
        #expect(reader.lineNumber == 4)
    }
}

@Suite("Stream: protocol")
struct StreamProtocolTests {
    let handler = StreamProtocol(pipeline: try! Pipeline())

    func respond(_ line: String, number: Int = 1) -> StreamProtocol.Response {
        handler.respond(to: Array(line.utf8), lineNumber: number)
    }

    func text(_ response: StreamProtocol.Response) -> String { String(decoding: response.line, as: UTF8.self) }

    /// The bytes `gongwen parse --compact FILE` prints for a file, without the newline.
    func parseCompact(_ path: String) throws -> [UInt8] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let document = try Pipeline().parse(bytes: bytes, name: (path as NSString).lastPathComponent)
        return DocumentEncoder(pretty: false).encode(document)
    }

    @Test func pathRequestsAnswerExactlyWhatParseCompactPrints() throws {
        let seeds = FixturePaths.fixtures.appendingPathComponent("seeds").path
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 5)
        for (number, file) in files.enumerated() {
            let path = seeds + "/" + file
            let response = respond(#"{"id":"\#(file)","path":"\#(path)"}"#, number: number + 1)
            #expect(response.errorCode == nil)
            #expect(response.line == (try parseCompact(path)), "\(file)")
        }
    }

    @Test func textRequestsMatchTheSameBytesReadFromAFile() throws {
        let path = FixturePaths.fixtures.appendingPathComponent("seeds/000_b45d32b8338ddaf9.txt").path
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        var request = JSONWriter(pretty: false)
        request.beginObject()
        request.key("id"); request.int(7)
        request.key("name"); request.string("000_b45d32b8338ddaf9.txt")
        request.key("text"); request.string(contents)
        request.endObject()
        let response = handler.respond(to: request.bytes, lineNumber: 1)
        #expect(response.line == (try parseCompact(path)))
        #expect(text(respond(#"{"id":1,"text":"一、总体要求"}"#)).contains(#""name":"-""#))
    }

    @Test func errorsAreLinesThatEchoTheIdAsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let binary = try folder.write("binary.txt", bytes: [0x61, 0x00, 0x62])
        let invalid = try folder.write("invalid.txt", bytes: Array("一、总体要求".utf8) + [0xFF] + Array("二、".utf8))
        let cases: [(String, String, String)] = [
            (#"{"id":"doc-1","path":"/nonexistent/a.txt"}"#, #""doc-1""#, "unreadable"),
            (#"{"id":{"k":[1, 2]},"path":"\#(binary)"}"#, #"{"k":[1, 2]}"#, "binary"),
            (#"{"id":3.0,"path":"\#(invalid)"}"#, "3.0", "invalid-bytes"),
            (#"{"id":4}"#, "4", "bad-request"),
            (#"{"id":5,"text":"a","path":"b"}"#, "5", "bad-request"),
            (#"{"id":6,"text":42}"#, "6", "bad-request"),
            (#"{"text":"a","name":1}"#, "null", "bad-request"),
            ("not json", "null", "bad-request"),
        ]
        for (line, id, code) in cases {
            let response = respond(line)
            #expect(response.errorCode == code, "\(line)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.line)) as? [String: Any])
            let error = try #require(object["error"] as? [String: Any])
            #expect(error["code"] as? String == code)
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect(text(response).hasPrefix("{\"id\":\(id),\"error\":"), "\(line)")
        }
        #expect(text(respond("not json", number: 9)).contains("line 9: not a JSON object"))
    }

    @Test func errorLinesEscapeTheirMessage() {
        let line = StreamProtocol.errorLine(id: nil, code: "x", message: "a \"b\"\nc")
        #expect(String(decoding: line, as: UTF8.self) == #"{"id":null,"error":{"code":"x","message":"a \"b\"\nc"}}"#)
    }
}

@Suite("Stream: ordered bounded work")
struct StreamOrderedWorkTests {
    @Test(arguments: [1, 2, 4])
    func resultsComeBackInInputOrderWithinTheWindow(jobs: Int) {
        let inFlight = Locked((now: 0, most: 0))
        var next = 0
        var delivered: [Int] = []
        OrderedWork.run(
            jobs: jobs,
            window: 6,
            next: {
                guard next < 200 else { return nil }
                defer { next += 1 }
                inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                return next
            },
            transform: { (item: Int) -> Int in
                usleep(UInt32((item * 7919) % 5) * 100)  // uneven work, so results finish out of order
                return item * 2
            },
            deliver: { (result: Int) in
                inFlight.withLock { $0.now -= 1 }
                delivered.append(result)
            }
        )
        #expect(delivered == (0..<200).map { $0 * 2 })
        #expect(inFlight.withLock { $0.most } <= max(6, jobs))
    }

    @Test func stoppingFinishesWhatWasTakenAndTakesNoMore() {
        var next = 0
        var delivered: [Int] = []
        OrderedWork.run(
            jobs: 2,
            window: 4,
            next: { () -> Int? in
                defer { next += 1 }
                return next
            },
            transform: { $0 },
            deliver: { delivered.append($0) },
            shouldStop: { next >= 50 }
        )
        #expect(delivered == Array(0..<50))
    }
}

/// A value behind a lock, for tests that count across threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
