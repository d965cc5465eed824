internal import CICUShim

/// The one helper through which every buffer-filling ICU call goes: call with a first
/// guess, and if ICU says the buffer was too small, call once more with the size it asked
/// for (the same dance as swift-foundation's ICU layer).
///
/// `fill` receives a buffer and its capacity, and returns the length ICU needed; it sets
/// `status` like an ICU call.
func withGrowingUTF16Buffer(
    initialCapacity: Int,
    function: String,
    _ fill: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32
) throws(ICUError) -> [UInt16] {
    var capacity = max(initialCapacity, 1)
    for _ in 0..<2 {
        var status: Int32 = 0
        var needed: Int32 = 0
        let result = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
            needed = fill(buffer.baseAddress!, Int32(capacity), &status)
            count = status > 0 ? 0 : Int(needed)
        }
        if status == gw_buffer_overflow() {
            capacity = Int(needed) + 1
            continue
        }
        try ICUError.check(status, function)
        return result
    }
    throw ICUError(code: gw_buffer_overflow(), function: function)
}

extension String {
    /// The string's UTF-16 units, as ICU takes them.
    var utf16Array: [UInt16] { Array(utf16) }
}
