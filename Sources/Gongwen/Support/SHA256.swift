internal import CDigest

/// SHA-256 for `source.sha256` and the grammar hash, computed by the small C target
/// `CDigest` (the CPU's SHA instructions where present: hashing every input is part of
/// the hot path of a batch).
enum SHA256 {
    /// The 32-byte digest of `bytes`.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                gw_sha256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return digest
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hex digits.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
