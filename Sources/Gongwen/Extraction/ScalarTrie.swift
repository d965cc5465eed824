/// A trie over Unicode scalars, built once from grammar words and read without
/// allocation: forward (`longestMatch(at:)`) and backward (`longestMatch(endingAt:)`).
///
/// The edges live in one open-addressing table keyed by (node, scalar) with a cheap
/// multiplicative hash: a step costs a few instructions, not a SipHash of a dictionary.
struct ScalarTrie<Payload: Sendable>: Sendable {
    /// Per node: the index of its payload, or -1.
    private var nodePayloads: [Int32] = [-1]
    private var payloads: [Payload] = []
    /// Edge table: key `node << 32 | scalar` (`emptySlot` when free) and the child node.
    private var slotKeys = [UInt64](repeating: ScalarTrie.emptySlot, count: 64)
    private var slotChildren = [Int32](repeating: 0, count: 64)
    private var edgeCount = 0
    private let reversed: Bool
    /// Bit set over the BMP of the scalars a lookup can begin with: most lookups fail
    /// on the first scalar, and this answers them without hashing.
    private var firstBits = [UInt64](repeating: 0, count: 1024)
    private var firstOutsideBMP = false
    /// The words of one scalar, as a bit set like `firstBits`.
    private var singleBits = [UInt64](repeating: 0, count: 1024)
    private var singleOutsideBMP = false
    /// A Bloom filter over the first two scalars of the longer words: a lookup whose first
    /// scalar begins a word but whose first two begin none (and that is no word alone)
    /// fails without a walk.
    private var pairBits = [UInt64](repeating: 0, count: ScalarTrie.pairWords)
    private static var pairWords: Int { 64 }

    private static var emptySlot: UInt64 { UInt64.max }

    /// A trie read forward from a position; `reversed` builds one read backward from an
    /// end position (words are stored back to front).
    init(reversed: Bool = false) {
        self.reversed = reversed
    }

    var isEmpty: Bool { payloads.isEmpty }

    /// Adds a word; a word added twice keeps its first payload.
    mutating func insert(_ word: String, _ payload: Payload) {
        var scalars = Array(word.unicodeScalars)
        if reversed { scalars.reverse() }
        if let first = scalars.first {
            let v = Int(first.value)
            if v < 0x10000 { firstBits[v >> 6] |= 1 << UInt64(v & 63) } else { firstOutsideBMP = true }
            if scalars.count == 1 {
                if v < 0x10000 { singleBits[v >> 6] |= 1 << UInt64(v & 63) } else { singleOutsideBMP = true }
            } else {
                let bit = ScalarTrie.pairBit(first, scalars[1])
                pairBits[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        var node = 0
        for scalar in scalars {
            if let next = child(node, scalar.value) {
                node = next
            } else {
                nodePayloads.append(-1)
                let next = nodePayloads.count - 1
                addEdge(node, scalar.value, next)
                node = next
            }
        }
        if nodePayloads[node] < 0 {
            payloads.append(payload)
            nodePayloads[node] = Int32(payloads.count - 1)
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func addEdge(_ node: Int, _ scalar: UInt32, _ next: Int) {
        if (edgeCount + 1) * 2 > slotKeys.count { grow() }
        let key = UInt64(node) << 32 | UInt64(scalar)
        let mask = slotKeys.count - 1
        var s = ScalarTrie.slot(key, mask: mask)
        while slotKeys[s] != ScalarTrie.emptySlot { s = (s + 1) & mask }
        slotKeys[s] = key
        slotChildren[s] = Int32(next)
        edgeCount += 1
    }

    private mutating func grow() {
        let oldKeys = slotKeys
        let oldChildren = slotChildren
        let size = slotKeys.count * 2
        slotKeys = [UInt64](repeating: ScalarTrie.emptySlot, count: size)
        slotChildren = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for (i, key) in oldKeys.enumerated() where key != ScalarTrie.emptySlot {
            var s = ScalarTrie.slot(key, mask: mask)
            while slotKeys[s] != ScalarTrie.emptySlot { s = (s + 1) & mask }
            slotKeys[s] = key
            slotChildren[s] = oldChildren[i]
        }
    }

    /// The child of `node` along `scalar`, if any.
    @inline(__always)
    private func child(_ node: Int, _ scalar: UInt32) -> Int? {
        let key = UInt64(node) << 32 | UInt64(scalar)
        let mask = slotKeys.count - 1
        var s = ScalarTrie.slot(key, mask: mask)
        while true {
            let k = slotKeys[s]
            if k == key { return Int(slotChildren[s]) }
            if k == ScalarTrie.emptySlot { return nil }
            s = (s + 1) & mask
        }
    }

    /// Whether some word begins with `scalar` (ends with it, in a `reversed` trie).
    @inline(__always)
    func mayBegin(_ scalar: Unicode.Scalar) -> Bool {
        let v = Int(scalar.value)
        if v >= 0x10000 { return firstOutsideBMP }
        return firstBits[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    @inline(__always)
    private static func pairBit(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Int {
        Int(truncatingIfNeeded: (first.value &* 0x9E37_79B1 &+ second.value &* 0x85EB_CA77) >> 20) & (pairWords * 64 - 1)
    }

    /// For a `reversed` trie: whether some word may end at `end` (not reaching before
    /// `lowerBound`, `lowerBound < end <= key.count`), judged by its last two scalars.
    /// False only when none does; cheaper than `longestMatch` for the positions where a
    /// word's last scalar stands but not the one before it.
    @inline(__always)
    func mayEnd(in key: [Unicode.Scalar], at end: Int, lowerBound: Int) -> Bool {
        let last = key[end - 1]
        let v = Int(last.value)
        if v >= 0x10000 { return firstOutsideBMP }
        guard firstBits[v >> 6] & (1 << UInt64(v & 63)) != 0 else { return false }
        if singleBits[v >> 6] & (1 << UInt64(v & 63)) != 0 { return true }
        guard end - 2 >= lowerBound else { return false }
        let bit = ScalarTrie.pairBit(last, key[end - 2])
        return pairBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// The longest word starting at `start` (not reaching past `limit`).
    @inline(__always)
    func longestMatch(in key: [Unicode.Scalar], at start: Int, limit: Int? = nil) -> (length: Int, payload: Payload)? {
        let end = min(limit ?? key.count, key.count)
        guard start < end, mayBegin(key[start]) else { return nil }
        return longestMatchSlow(in: key, at: start, end: end)
    }

    private func longestMatchSlow(in key: [Unicode.Scalar], at start: Int, end: Int) -> (length: Int, payload: Payload)? {
        var node = 0
        var bestLength = 0
        var bestPayload: Int32 = -1
        var index = start
        while index < end, let next = child(node, key[index].value) {
            node = next
            index += 1
            let p = nodePayloads[node]
            if p >= 0 { bestLength = index - start; bestPayload = p }
        }
        guard bestPayload >= 0 else { return nil }
        return (bestLength, payloads[Int(bestPayload)])
    }

    /// For a `reversed` trie: the greatest `p` with `lowerBound < p <= end` where some word
    /// may end (its last scalar stands at `p - 1`), or where the walk stops when there is
    /// none (`lowerBound`, or `end` when that is not above it). A backward walk may jump
    /// there: `longestMatch(endingAt:)` finds nothing at the positions in between.
    func lastPossibleEnd(in key: [Unicode.Scalar], from end: Int, lowerBound: Int) -> Int {
        var p = min(end, key.count)
        while p > lowerBound {
            let v = Int(key[p - 1].value)
            if v < 0x10000 {
                if firstBits[v >> 6] & (1 << UInt64(v & 63)) != 0 { return p }
            } else if firstOutsideBMP {
                return p
            }
            p -= 1
        }
        return p
    }

    /// The longest word ending at `end` (not reaching before `lowerBound`). Only for a
    /// trie built `reversed`.
    @inline(__always)
    func longestMatch(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int = 0) -> (length: Int, payload: Payload)? {
        guard end - 1 >= lowerBound, end - 1 < key.count, mayBegin(key[end - 1]) else { return nil }
        return longestMatchSlow(in: key, endingAt: end, lowerBound: lowerBound)
    }

    private func longestMatchSlow(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (length: Int, payload: Payload)? {
        var node = 0
        var bestLength = 0
        var bestPayload: Int32 = -1
        var index = end - 1
        while index >= lowerBound, let next = child(node, key[index].value) {
            node = next
            let p = nodePayloads[node]
            if p >= 0 { bestLength = end - index; bestPayload = p }
            index -= 1
        }
        guard bestPayload >= 0 else { return nil }
        return (bestLength, payloads[Int(bestPayload)])
    }

    /// Calls `body` with the length and payload of every word starting at `start` (not
    /// reaching past `end`), shortest first.
    func forEachMatch(in key: [Unicode.Scalar], at start: Int, end: Int, _ body: (Int, Payload) -> Void) {
        guard start < end, mayBegin(key[start]) else { return }
        var node = 0
        var index = start
        while index < end, let next = child(node, key[index].value) {
            node = next
            index += 1
            let p = nodePayloads[node]
            if p >= 0 { body(index - start, payloads[Int(p)]) }
        }
    }
}
