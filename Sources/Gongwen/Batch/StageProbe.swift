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

    /// The ICU floor: decode, then ICU's NFKC over the decoded UTF-16 and nothing else;
    /// returns the NFKC length in UTF-16 units.
    public func icuFloor(_ bytes: [UInt8]) throws -> Int {
        let decoded = try pipeline.decoder.decode(bytes)
        var units: [UInt16] = []
        units.reserveCapacity(decoded.scalars.count + decoded.scalars.count / 8)
        for scalar in decoded.scalars {
            let value = scalar.value
            if value < 0x10000 {
                units.append(UInt16(value))
            } else {
                units.append(UInt16(0xD800 + ((value - 0x10000) >> 10)))
                units.append(UInt16(0xDC00 + ((value - 0x10000) & 0x3FF)))
            }
        }
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

/// Laps of the calling thread's CPU clock (unaffected by other processes' load).
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
