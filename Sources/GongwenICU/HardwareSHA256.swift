internal import CICUShim

/// SHA-256 block compression in hardware (the x86 SHA extensions), through the package's
/// one C target. Not ICU; it sits in this module because this is where Swift meets that
/// target. `Gongwen.SHA256` uses it when `isAvailable`, its own code otherwise.
public enum HardwareSHA256 {
    /// True when this CPU has the instructions.
    public static let isAvailable: Bool = gw_sha256_accelerated() == 1

    /// Compresses `count` 64-byte blocks at `blocks` into the eight words of `state`.
    /// Only when `isAvailable`.
    public static func compress(state: UnsafeMutablePointer<UInt32>, blocks: UnsafePointer<UInt8>, count: Int) {
        precondition(isAvailable)
        gw_sha256_blocks(state, blocks, Int64(count))
    }
}
