@testable import Gongwen
import Testing

/// The probes `gongwen bench` times: they must do the same work as the pipeline.
@Suite("Bench stage probes")
struct StageProbeTests {
    static let documents = [
        "seeds/000_b45d32b8338ddaf9.txt",        // UTF-8
        "encodings/seed000-gb18030.txt",         // GB18030, decoded through ICU
        "encodings/seed000-utf16le-bom.txt",     // UTF-16 with a byte-order mark
    ]

    @Test(arguments: documents)
    func timedStagesGiveTheSameJSON(_ path: String) throws {
        let bytes = try FixturePaths.bytes(path)
        let pipeline = try Pipeline()
        let encoder = DocumentEncoder(pretty: false)
        var times = StageTimes()
        let length = try StageProbe(pipeline: pipeline).timeStages(bytes, encoder: encoder, into: &times)
        let expected = encoder.encode(try pipeline.parse(bytes: bytes, name: "bench.txt")).count
        #expect(length == expected)
        #expect(times.stages.allSatisfy { $0.seconds >= 0 })
        #expect(times.total > 0)
    }

    /// ICU alone normalizes the same text gongwen decodes (NFKC of the whole text, in
    /// UTF-16 units), whatever the encoding.
    @Test(arguments: documents)
    func icuFloorReadsEveryEncoding(_ path: String) throws {
        let bytes = try FixturePaths.bytes(path)
        let probe = StageProbe(pipeline: try Pipeline())
        let utf8 = try FixturePaths.bytes(StageProbeTests.documents[0])
        #expect(try probe.icuFloor(bytes) == probe.icuFloor(utf8))
    }
}
