/// Cue words found backward from a number: a reversed trie for words ending at a
/// position, and a forward trie to tell a cue from a longer word that contains it
/// (增加 inside 增加值, 应 inside 供应), which the grammar lists as a shield.
///
/// The two tries live in one final class instance: a `CueTable` is then a single
/// reference, and reading `rules.roles` on every step of a backward walk retains one
/// pointer instead of copying two tries' worth of arrays.
struct CueTable<Payload: Sendable>: Sendable {
    /// The tries, immutable once built: sharing one instance across threads is safe, and
    /// reading them needs no exclusivity checks.
    private final class Tables: Sendable {
        let backward: ScalarTrie<Payload>
        let forward: ScalarTrie<Bool>
        let longest: Int
        /// The shield words alone: which scalars begin one (most positions begin none,
        /// and there no forward lookup can find a shield).
        let shields: ScalarTrie<Bool>
        let longestShield: Int

        init(backward: ScalarTrie<Payload> = ScalarTrie(reversed: true), forward: ScalarTrie<Bool> = ScalarTrie(), longest: Int = 0,
             shields: ScalarTrie<Bool> = ScalarTrie(), longestShield: Int = 0) {
            self.backward = backward
            self.forward = forward
            self.longest = longest
            self.shields = shields
            self.longestShield = longestShield
        }
    }

    private var tables = Tables()
    var longest: Int { tables.longest }

    mutating func insert(_ word: String, _ payload: Payload, shield: Bool) {
        // Take the tries out and drop this table's reference first, so they are uniquely
        // referenced and grow in place (the grammar is loaded once, at start-up).
        var backward = tables.backward
        var forward = tables.forward
        var shields = tables.shields
        let longest = max(tables.longest, word.unicodeScalars.count)
        let longestShield = shield ? max(tables.longestShield, word.unicodeScalars.count) : tables.longestShield
        tables = Tables()
        backward.insert(word, payload)
        forward.insert(word, shield)
        if shield { shields.insert(word, true) }
        tables = Tables(backward: backward, forward: forward, longest: longest, shields: shields, longestShield: longestShield)
    }

    /// The cue word ending at `end` (not before `lowerBound`), unless a longer shield
    /// word covers it. Returns its start and payload.
    @inline(__always)
    func match(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (start: Int, payload: Payload)? {
        // callers step back one position at a time: most positions end no cue word, and
        // this answers them inline, without a call
        guard end - 1 >= lowerBound, end - 1 < key.count, tables.backward.mayEnd(in: key, at: end, lowerBound: lowerBound) else { return nil }
        return matchSlow(in: key, endingAt: end, lowerBound: lowerBound)
    }

    /// The greatest `p <= end` above `lowerBound` where `match` may find a word (see
    /// `ScalarTrie.lastPossibleEnd`): a backward walk skips the positions in between in
    /// one tight loop.
    func lastPossibleEnd(in key: [Unicode.Scalar], from end: Int, lowerBound: Int) -> Int {
        tables.backward.lastPossibleEnd(in: key, from: end, lowerBound: lowerBound)
    }

    private func matchSlow(in key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (start: Int, payload: Payload)? {
        let tables = self.tables
        guard let found = tables.backward.longestMatch(in: key, endingAt: end, lowerBound: lowerBound) else { return nil }
        let start = end - found.length
        // A longer word starting at or a little before `start` that reaches past `end`:
        // only a shield counts, so only where one begins, and near enough to reach past `end`.
        var from = start
        let lowest = max(lowerBound, start - longest + 1, end - tables.longestShield + 1)
        while from >= lowest {
            if tables.shields.mayBegin(key[from]),
               let other = tables.forward.longestMatch(in: key, at: from), from + other.length > end, other.payload,
               other.length > found.length {
                return nil
            }
            from -= 1
        }
        return (start, found.payload)
    }
}
