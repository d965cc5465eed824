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
}
