import Foundation
import GongwenICU

/// Pieces of the pipeline run alone, for `gongwen bench` to put end-to-end throughput
/// next to what its first stages cost.
public struct StageProbe: Sendable {
    let pipeline: Pipeline

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    /// Decodes only; returns the scalar count (so the work is not optimised away).
    public func decode(_ bytes: [UInt8]) throws(DecodingError) -> Int {
        try pipeline.decoder.decode(bytes).scalars.count
    }

    /// Decodes and runs gongwen's normalizer (NFKC with the offset map and the
    /// grammar's rules); returns the normalized scalar count.
    public func decodeAndNormalize(_ bytes: [UInt8]) throws(DecodingError) -> Int {
        pipeline.normalize(try pipeline.decoder.decode(bytes)).text.count
    }

    /// The ICU floor, ICU alone: its converter decodes the bytes to UTF-16 (UTF-16 with
    /// its byte-order mark, else UTF-8, else GB18030, as gongwen's decoder detects), then
    /// its NFKC normalizes them; returns the NFKC length in UTF-16 units.
    public func icuFloor(_ bytes: [UInt8]) throws -> Int {
        let encoding: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            encoding = "UTF-16"
        } else {
            encoding = "UTF-8"
        }
        // Bytes that are not UTF-8 are GB18030 (the decoder's fallback).
        let units = try (try? Transcoder(encoding: encoding).decode(bytes, lossy: false).utf16)
            ?? Transcoder(encoding: "GB18030").decode(bytes, lossy: false).utf16
        return try NFKC.normalize(units).count
    }

    /// Converts one document end to end (decode → hash → normalize → segment → extract →
    /// compact JSON) and adds the thread CPU time of each stage to `times`; returns the
    /// JSON's length. The answer to "where does the time go" without a profiler.
    public func timeStages(_ bytes: [UInt8], encoder: DocumentEncoder, into times: inout StageTimes) throws(DecodingError) -> Int {
        var clock = StageClock()
        let decoded = try pipeline.decoder.decode(bytes)
        times.decode += clock.lap()
        let source = Pipeline.source(of: bytes, decoded: decoded, name: "bench.txt")
        times.hash += clock.lap()
        let normalized = pipeline.normalizer.normalize(decoded)
        times.normalize += clock.lap()
        let tree = pipeline.segmenter.segment(normalized)
        times.segment += clock.lap()
        let extraction = pipeline.extractor.extract(normalized, tree: tree)
        let document = pipeline.document(decoded: decoded, source: source, tree: tree, extraction: extraction)
        times.extract += clock.lap()
        let length = encoder.encode(document).count
        times.encode += clock.lap()
        return length
    }
}

/// Thread CPU seconds spent in each stage of the pipeline, summed over documents.
public struct StageTimes: Sendable {
    public var decode = 0.0
    /// SHA-256 of the input (`source.sha256`).
    public var hash = 0.0
    public var normalize = 0.0
    public var segment = 0.0
    /// Extraction, and putting the document together.
    public var extract = 0.0
    /// Compact JSON.
    public var encode = 0.0

    public init() {}

    /// The stages in pipeline order, with their names.
    public var stages: [(name: String, seconds: Double)] {
        [("decode", decode), ("hash (SHA-256)", hash), ("normalize", normalize), ("segment", segment),
         ("extract", extract), ("JSON", encode)]
    }

    public var total: Double { decode + hash + normalize + segment + extract + encode }
}

/// Laps of the calling thread's CPU clock (it counts only the time this thread ran, not
/// the time other processes had the core).
struct StageClock {
    private var last = StageClock.now()

    /// Seconds since the previous lap (or since the clock was made).
    mutating func lap() -> Double {
        let now = StageClock.now()
        defer { last = now }
        return now - last
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
