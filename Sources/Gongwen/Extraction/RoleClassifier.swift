/// Decides a quantity's role (SPEC §2): target, baseline, provision or other.
///
/// In order: a strong cue word in the same clause (the nearest before the number, or a
/// description word after it); a threshold written as `N以上的…` (an eligibility
/// condition → provision); a strong cue word earlier in the sentence; the role of the
/// section (its heading or an enclosing one: a review of past work, goals and tasks,
/// articles of a measure); a weak cue word (a plan's action verbs); and last the
/// dimension: levels, amounts and counts default to target, lengths, areas,
/// durations and temperatures to other.
struct RoleClassifier {
    let rules: QuantityRules
    let key: [Unicode.Scalar]

    func role(_ e: Expression, comparator: Comparator?, changed: Bool, tailEnd: Int, clauseStart: Int, sentenceStart: Int,
              clauseEnd: Int, chainStart: Int, sectionRole: Role?) -> Role {
        // after the unit, within the clause
        var q = tailEnd
        while q < clauseEnd && q - tailEnd < 12 {
            if let m = rules.rolesAfter.longestMatch(in: key, at: q), let role = m.payload.role,
               m.payload.dimensions.map({ $0.contains(e.dimension) }) ?? true,
               m.payload.reach != .adjacent || q - tailEnd <= 6 {
                return role
            }
            q += 1
        }
        // before: the nearest strong word, and the nearest weak one
        var strongInClause: Role?
        var strongInSentence: Role?
        var weak: Role?
        var end = e.start
        while end > sentenceStart && strongInSentence == nil {
            guard let m = rules.roles.match(in: key, endingAt: end, lowerBound: sentenceStart) else { end -= 1; continue }
            defer { end = m.start }
            guard let role = m.payload.role else { continue }
            if let dims = m.payload.dimensions, !dims.contains(e.dimension) { continue }
            switch m.payload.reach {
            case .adjacent:
                var gap = 0
                var plain = true
                for k in end..<e.start where !TextClasses.isSpace(key[k]) {
                    gap += 1
                    if !"约为在".unicodeScalars.contains(key[k]) { plain = false }
                }
                if gap > 1 || !plain || changed && role == .other { continue }
            case .clause:
                if end <= clauseStart { continue }
            case .sentence:
                break
            }
            if m.payload.strong {
                if end > clauseStart && strongInClause == nil { strongInClause = role }
                strongInSentence = role
            } else if weak == nil {
                weak = role
            }
        }
        // a description word does not turn a rule's threshold into a description
        if strongInClause == .other && sectionRole == .provision { return .provision }
        if let strongInClause { return strongInClause }
        if comparator != nil, thresholdFollows(tailEnd) { return .provision }
        if let strongInSentence { return strongInSentence }
        if let sectionRole {
            // descriptions stay descriptions in a review
            return sectionRole
        }
        if let weak { return weak }
        if changed { return .target }
        switch e.dimension {
        case .length, .area, .temperature, .duration, .other: return .other
        default: return .target
        }
    }

    /// `…以上的企业`, `…万元的，`: the number is part of a condition.
    private func thresholdFollows(_ position: Int) -> Bool {
        var p = position
        while p < key.count && TextClasses.isSpace(key[p]) { p += 1 }
        return p < key.count && key[p] == "的"
    }

    private static func occurrences(of word: [Unicode.Scalar], in text: [Unicode.Scalar]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        while i + word.count <= text.count {
            if text[i..<(i + word.count)].elementsEqual(word) { result.append(i..<(i + word.count)) }
            i += 1
        }
        return result
    }

    /// The role each outline entry gets from its heading or an enclosing one; articles
    /// (第一条) and the entries under them are provisions unless a heading word says
    /// otherwise.
    static func sectionRoles(_ outline: [OutlineEntry], key: [Unicode.Scalar], rules: QuantityRules) -> [Role?] {
        var own: [Role?] = []
        own.reserveCapacity(outline.count)
        for entry in outline {
            var found: Role?
            if entry.style != .article {
                // the key view of the heading: Traditional headings match Simplified words
                let lower = max(0, min(entry.headingRange.lowerBound, key.count))
                let upper = max(lower, min(entry.headingRange.upperBound, key.count))
                let heading = Array(key[lower..<upper])
                // occurrences of shield words
                var shielded: [Range<Int>] = []
                for (word, role) in rules.headings where role == nil {
                    for range in occurrences(of: word, in: heading) { shielded.append(range) }
                }
                outer: for (word, role) in rules.headings where role != nil {
                    for range in occurrences(of: word, in: heading)
                    where !shielded.contains(where: { $0.overlaps(range) && $0.count > range.count }) {
                        found = role
                        break outer
                    }
                }
            } else {
                found = .provision
            }
            own.append(found)
        }
        var result: [Role?] = []
        result.reserveCapacity(outline.count)
        for index in outline.indices {
            var current: Int? = index
            var role: Role?
            while let c = current {
                if let r = own[c] { role = r; break }
                current = outline[c].parent
            }
            result.append(role)
        }
        return result
    }
}
