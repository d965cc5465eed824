/// A trie over Unicode scalars, built once from grammar words and read without
/// allocation: forward (`longestMatch(at:)`) and backward (`longestMatch(endingAt:)`).
struct ScalarTrie<Payload: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [UInt32: Int32] = [:]
        var payload: Int32 = -1
    }

    private var nodes: [Node] = [Node()]
    private var payloads: [Payload] = []
    private let reversed: Bool
    /// Bit set over the BMP of the scalars a lookup can begin with: most lookups fail
    /// on the first scalar, and this answers them without hashing.
    private var firstBits = [UInt64](repeating: 0, count: 1024)
    private var firstOutsideBMP = false

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
        }
        var node = 0
        for scalar in scalars {
            if let next = nodes[node].children[scalar.value] {
                node = Int(next)
            } else {
                nodes.append(Node())
                let next = nodes.count - 1
                nodes[node].children[scalar.value] = Int32(next)
                node = next
            }
        }
        if nodes[node].payload < 0 {
            payloads.append(payload)
            nodes[node].payload = Int32(payloads.count - 1)
        }
    }

    @inline(__always)
    private func mayBegin(_ scalar: Unicode.Scalar) -> Bool {
        let v = Int(scalar.value)
        if v >= 0x10000 { return firstOutsideBMP }
        return firstBits[v >> 6] & (1 << UInt64(v & 63)) != 0
    }

    /// The longest word starting at `start` (not reaching past `limit`).
    func longestMatch(in key: [Unicode.Scalar], at start: Int, limit: Int? = nil) -> (length: Int, payload: Payload)? {
        let end = min(limit ?? key.count, key.count)
        guard start < end, mayBegin(key[start]) else { return nil }
        var node = 0
        var best: (Int, Int32)?
        var index = start
        while index < end, let next = nodes[node].children[key[index].value] {
            node = Int(next)
            index += 1
            if nodes[node].payload >= 0 { best = (index - start, nodes[node].payload) }
        }
        guard let best else { return nil }
        return (best.0, payloads[Int(best.1)])
    }

    /// The longest word ending at `end` (not reaching before `lowerBound`). Only for a
    /// trie built `reversed`.
    func longestMatch(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int = 0) -> (length: Int, payload: Payload)? {
        guard end - 1 >= lowerBound, end - 1 < key.count, mayBegin(key[end - 1]) else { return nil }
        var node = 0
        var best: (Int, Int32)?
        var index = end - 1
        while index >= lowerBound, let next = nodes[node].children[key[index].value] {
            node = Int(next)
            if nodes[node].payload >= 0 { best = (end - index, nodes[node].payload) }
            index -= 1
        }
        guard let best else { return nil }
        return (best.0, payloads[Int(best.1)])
    }
}
