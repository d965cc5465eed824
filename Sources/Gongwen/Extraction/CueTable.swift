/// Cue words found backward from a number: a reversed trie for words ending at a
/// position, and a forward trie to tell a cue from a longer word that contains it
/// (增加 inside 增加值, 应 inside 供应), which the grammar lists as a shield.
///
/// The two tries live in one final class instance: a `CueTable` is then a single
/// reference, and reading `rules.roles` on every step of a backward walk retains one
/// pointer instead of copying two tries' worth of arrays (copy-on-write on `insert`).
struct CueTable<Payload: Sendable>: Sendable {
    private final class Tables: @unchecked Sendable {
        // Mutated only through `CueTable.insert`, on a uniquely referenced instance,
        // while the grammar is built; read-only (and so safe to share) afterwards.
        // `@exclusivity(unchecked)`: no dynamic access check on every read of a lookup.
        @exclusivity(unchecked) var backward = ScalarTrie<Payload>(reversed: true)
        @exclusivity(unchecked) var forward = ScalarTrie<Bool>()
        @exclusivity(unchecked) var longest = 0

        func copy() -> Tables {
            let t = Tables()
            t.backward = backward
            t.forward = forward
            t.longest = longest
            return t
        }
    }

    private var tables = Tables()
    var longest: Int { tables.longest }

    mutating func insert(_ word: String, _ payload: Payload, shield: Bool) {
        if !isKnownUniquelyReferenced(&tables) { tables = tables.copy() }
        tables.backward.insert(word, payload)
        tables.forward.insert(word, shield)
        tables.longest = max(tables.longest, word.unicodeScalars.count)
    }

    /// The cue word ending at `end` (not before `lowerBound`), unless a longer shield
    /// word covers it. Returns its start and payload.
    @inline(__always)
    func match(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (start: Int, payload: Payload)? {
        // callers step back one position at a time: most positions end no cue word, and
        // this answers them inline, without a call
        guard end - 1 >= lowerBound, end - 1 < key.count, tables.backward.mayBegin(key[end - 1]) else { return nil }
        return matchSlow(in: key, endingAt: end, lowerBound: lowerBound)
    }

    private func matchSlow(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (start: Int, payload: Payload)? {
        let tables = self.tables
        guard let found = tables.backward.longestMatch(in: key, endingAt: end, lowerBound: lowerBound) else { return nil }
        let start = end - found.length
        // A longer word starting at or a little before `start` that reaches past `end`.
        var from = start
        while from >= max(lowerBound, start - longest + 1) {
            if let other = tables.forward.longestMatch(in: key, at: from), from + other.length > end, other.payload,
               other.length > found.length {
                return nil
            }
            from -= 1
        }
        return (start, found.payload)
    }
}
