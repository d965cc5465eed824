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
        // a provision word (an award, a subsidy) that applies to other dimensions: a cap
        // or threshold near it is still part of the rule (补贴不超过2次, 40岁以下…补贴)
        var provisionNearby = false
        // after the unit, within the clause
        var q = tailEnd
        while q < clauseEnd && q - tailEnd < 12 {
            if let m = rules.rolesAfter.longestMatch(in: key, at: q), let role = m.payload.role,
               m.payload.reach != .adjacent || q - tailEnd <= 6 {
                if m.payload.dimensions.map({ $0.contains(e.dimension) }) ?? true { return role }
                if role == .provision { provisionNearby = true }
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
            // 年内 inside 三年内: a period, not this year
            if key[m.start] == "年", m.start > 0, isNumeral(key[m.start - 1]) { continue }
            if let dims = m.payload.dimensions, !dims.contains(e.dimension) {
                if role == .provision { provisionNearby = true }
                continue
            }
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
        // a bound in a rule's article is a threshold even where a word says 已 (已毕业企业
        // 累计达到5家以上)
        if strongInClause == .baseline && sectionRole == .provision && comparator != nil { return .provision }
        if let strongInClause { return strongInClause }
        // a condition: …N…的，(给予…); 对…满N年的护理员
        if conditionClause(clauseEnd) { return .provision }
        if thresholdFollows(tailEnd), comparator != nil || conditionStart(clauseStart) || key[max(0, e.start - 1)] == "满" {
            return .provision
        }
        // a cap (at most, less than) next to an award: part of the rule (补贴不超过2次);
        // a floor next to one can be the plan's own count (全年资助项目不少于100项)
        if comparator == .atMost || comparator == .lessThan, provisionNearby { return .provision }
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

    private func isNumeral(_ s: Unicode.Scalar) -> Bool {
        NumberScanner.isDigit(s) || "〇零一二两三四五六七八九十百千万亿几".unicodeScalars.contains(s)
    }

    /// A clause that ends in 的 before a comma (连续两年保持在库的，再给予…): the
    /// condition of a rule.
    private func conditionClause(_ clauseEnd: Int) -> Bool {
        guard clauseEnd < key.count, key[clauseEnd] == "," || key[clauseEnd] == "，" else { return false }
        var p = clauseEnd
        while p > 0 && TextClasses.isSpace(key[p - 1]) { p -= 1 }
        return p > 0 && key[p - 1] == "的"
    }

    /// A clause that opens a condition: 对…, 凡…
    private func conditionStart(_ clauseStart: Int) -> Bool {
        var p = clauseStart
        while p < key.count && TextClasses.isSpace(key[p]) { p += 1 }
        return p < key.count && (key[p] == "对" || key[p] == "凡")
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
