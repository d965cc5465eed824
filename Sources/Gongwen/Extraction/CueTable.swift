/// Cue words found backward from a number: a reversed trie for words ending at a
/// position, and a forward trie to tell a cue from a longer word that contains it
/// (增加 inside 增加值, 应 inside 供应), which the grammar lists as a shield.
struct CueTable<Payload: Sendable>: Sendable {
    private var backward = ScalarTrie<Payload>(reversed: true)
    private var forward = ScalarTrie<Bool>()
    private(set) var longest = 0

    mutating func insert(_ word: String, _ payload: Payload, shield: Bool) {
        backward.insert(word, payload)
        forward.insert(word, shield)
        longest = max(longest, word.unicodeScalars.count)
    }

    /// The cue word ending at `end` (not before `lowerBound`), unless a longer shield
    /// word covers it. Returns its start and payload.
    @inline(__always)
    func match(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (start: Int, payload: Payload)? {
        // callers step back one position at a time: most positions end no cue word, and
        // this answers them inline, without a call
        guard end - 1 >= lowerBound, end - 1 < key.count, backward.mayBegin(key[end - 1]) else { return nil }
        return matchSlow(in: key, endingAt: end, lowerBound: lowerBound)
    }

    private func matchSlow(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (start: Int, payload: Payload)? {
        guard let found = backward.longestMatch(in: key, endingAt: end, lowerBound: lowerBound) else { return nil }
        let start = end - found.length
        // A longer word starting at or a little before `start` that reaches past `end`.
        var from = start
        while from >= max(lowerBound, start - longest + 1) {
            if let other = forward.longestMatch(in: key, at: from), from + other.length > end, other.payload,
               other.length > found.length {
                return nil
            }
            from -= 1
        }
        return (start, found.payload)
    }
}
