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
    /// The document's own year (the plan year of its title, else the year it is dated).
    var documentYear: Int? = nil
    /// An emergency plan (预案): its numbers are norms for the bodies it names —
    /// thresholds, stockpiles, drills, time limits — not goals of its own.
    var procedure = false

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
        // where the nearest strong word of the clause starts, and whether it is modal
        var clauseCueStart = e.start
        var clauseCueModal = false
        var end = e.start
        while end > sentenceStart && strongInSentence == nil {
            end = rules.roles.lastPossibleEnd(in: key, from: end, lowerBound: sentenceStart)
            if end <= sentenceStart { break }
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
                    if !RoleClassifier.isPlainLink(key[k]) { plain = false }
                }
                if gap > 1 || !plain || changed && role == .other { continue }
            case .clause:
                if end <= clauseStart { continue }
            case .sentence:
                break
            }
            if m.payload.strong {
                if end > clauseStart && strongInClause == nil {
                    strongInClause = role
                    clauseCueStart = m.start
                    clauseCueModal = m.payload.modal
                }
                strongInSentence = role
            } else if weak == nil {
                weak = role
            }
        }
        // a modal earlier in the clause (企业应当确保研发投入不低于3%): a rule laid down for
        // others, unless a firm goal word (力争, 目标) stands between it and the number
        if strongInClause == .target, !clauseCueModal,
           let modal = modalRole(before: clauseCueStart, clauseStart: clauseStart, dimension: e.dimension) {
            strongInClause = modal
            strongInSentence = modal
        }
        // a condition (…的，), a trigger (达到…时) or an attribute of what a rule is about
        // (…以上的企业)
        let trigger = triggerClause(clauseEnd, after: tailEnd) || triggerFollows(tailEnd)
        let condition = conditionClause(clauseEnd) || trigger || thresholdFollows(tailEnd)
        // a bound (not "about")
        let bound = comparator != nil && comparator != .approximately
        // a description word does not turn a rule's threshold into a description
        if strongInClause == .other && (sectionRole == .provision || (procedure || condition) && bound) { return .provision }
        // a bound in a rule's article is a threshold even where a word says 已 (已毕业企业
        // 累计达到5家以上); 已, 上年度 inside a condition or a trigger is part of the rule
        // (上年度销售收入不超过2亿元的, 或者已达到30毫米以上时)
        if strongInClause == .baseline && (sectionRole == .provision && comparator != nil || conditionClause(clauseEnd)
                                           || trigger || condition && bound) { return .provision }
        if let strongInClause { return strongInClause }
        // a condition: …N…的，(给予…); 对…满N年的护理员; a trigger: 达到50毫米以上时
        if conditionClause(clauseEnd) || trigger { return .provision }
        if thresholdFollows(tailEnd), comparator != nil || conditionStart(clauseStart) || key[max(0, e.start - 1)] == "满" {
            return .provision
        }
        // a cap (at most, less than) next to an award: part of the rule (补贴不超过2次);
        // a floor next to one can be the plan's own count (全年资助项目不少于100项)
        if comparator == .atMost || comparator == .lessThan, provisionNearby { return .provision }
        if let strongInSentence { return strongInSentence }
        // a year before the document's own, stated as reached (2024年…达到860亿元 in a
        // plan for 2025): a starting point
        if let documentYear, !thresholdFollows(tailEnd), let year = statedYear(before: e.start, lowerBound: sentenceStart),
           year < documentYear {
            return .baseline
        }
        if procedure {
            // a plan's goals and tasks heading in an emergency plan is still a rule for others
            if let sectionRole, sectionRole != .target { return sectionRole }
            return .provision
        }
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

    /// The role of a modal word (应当, 须, 不得) between `clauseStart` and `position`, if
    /// one stands there (the clause part before the nearest cue word only).
    private func modalRole(before position: Int, clauseStart: Int, dimension: Dimension) -> Role? {
        var end = position
        while end > clauseStart {
            end = rules.roles.lastPossibleEnd(in: key, from: end, lowerBound: clauseStart)
            if end <= clauseStart { break }
            guard let m = rules.roles.match(in: key, endingAt: end, lowerBound: clauseStart) else { end -= 1; continue }
            end = m.start
            if m.payload.modal, let role = m.payload.role, m.payload.dimensions?.contains(dimension) ?? true { return role }
        }
        return nil
    }

    private func isNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "〇", "零", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "几": return true
        default: return NumberScanner.isDigit(s)
        }
    }

    /// A clause that ends in 的 before a comma (连续两年保持在库的，再给予…): the
    /// condition of a rule.
    private func conditionClause(_ clauseEnd: Int) -> Bool {
        guard clauseEnd < key.count, key[clauseEnd] == "," || key[clauseEnd] == "，" else { return false }
        var p = clauseEnd
        while p > 0 && TextClasses.isSpace(key[p - 1]) { p -= 1 }
        return p > 0 && key[p - 1] == "的"
    }

    /// A clause that ends in 时 (降雨量达到50毫米以上时，启动…): the trigger of a rule.
    /// Not 同时, 及时, 按时 … (words, not a "when").
    private func triggerClause(_ clauseEnd: Int, after tailEnd: Int) -> Bool {
        guard clauseEnd < key.count, TextClasses.isClauseBreak(key[clauseEnd]) else { return false }
        var p = clauseEnd
        while p > 0 && TextClasses.isSpace(key[p - 1]) { p -= 1 }
        // (not the unit's own 时: 15亿千瓦时)
        guard p > 1, p - 1 >= tailEnd, key[p - 1] == "时" else { return false }
        return !RoleClassifier.makesWordOfShi(key[p - 2])
    }

    /// 约, 为, 在: what may stand between an adjacent cue word and its number.
    private static func isPlainLink(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "约", "为", "在": return true
        default: return false
        }
    }

    /// A character that makes 时 after it part of a word (同时, 及时, 按时 …), not a "when".
    private static func makesWordOfShi(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "同", "及", "按", "适", "届", "随", "临", "准", "实", "暂", "小", "当", "每", "瓦": return true
        default: return false
        }
    }

    /// 时 right after the quantity (达到30毫米以上时发布预警): a trigger.
    private func triggerFollows(_ position: Int) -> Bool {
        var p = position
        while p < key.count && TextClasses.isSpace(key[p]) { p += 1 }
        return p < key.count && key[p] == "时" && !(p + 1 < key.count && "间段期代".unicodeScalars.contains(key[p + 1]))
    }

    /// The nearest written year (YYYY年) before `position` in the sentence, unless it is
    /// a year to reach or compare with (到2027年, 比2020年, 2023—2025年).
    private func statedYear(before position: Int, lowerBound: Int) -> Int? {
        var end = position
        while end - 5 >= lowerBound {
            if key[end - 1] == "年", (1...4).allSatisfy({ NumberScanner.isDigit(key[end - 1 - $0]) }),
               end - 6 < lowerBound || !NumberScanner.isDigit(key[end - 6]) {
                var value = 0
                for k in (end - 5)..<(end - 1) { value = value * 10 + Int(key[k].value - 48) }
                guard (1900...2100).contains(value) else { return nil }
                var b = end - 5
                while b > lowerBound && TextClasses.isSpace(key[b - 1]) { b -= 1 }
                if b > lowerBound && "到至比较—-~～".unicodeScalars.contains(key[b - 1]) { return nil }
                return value
            }
            end -= 1
        }
        return nil
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

    /// The role the words of one heading (`lower..<upper` of the key view) give: of the
    /// role words not covered by a longer overlapping shield word, the one listed first
    /// in the grammar. One pass over the heading with the trie; `shields` and
    /// `candidates` are scratch buffers reused across headings.
    private static func headingRole(key: [Unicode.Scalar], _ lower: Int, _ upper: Int, rules: QuantityRules,
                                    shields: inout [Range<Int>],
                                    candidates: inout [(range: Range<Int>, word: HeadingWord)]) -> Role? {
        shields.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        var i = lower
        while i < upper {
            rules.headingWords.forEachMatch(in: key, at: i, end: upper) { length, word in
                if word.role == nil { shields.append(i..<(i + length)) } else { candidates.append((i..<(i + length), word)) }
            }
            i += 1
        }
        var best: HeadingWord?
        for c in candidates where best.map({ c.word.index < $0.index }) ?? true {
            if !shields.contains(where: { $0.overlaps(c.range) && $0.count > c.range.count }) { best = c.word }
        }
        return best?.role
    }

    /// The role each outline entry gets from its heading or an enclosing one; articles
    /// (第一条) and the entries under them are provisions unless a heading word says
    /// otherwise.
    static func sectionRoles(_ outline: [OutlineEntry], key: [Unicode.Scalar], rules: QuantityRules) -> [Role?] {
        var own: [Role?] = []
        own.reserveCapacity(outline.count)
        var shields: [Range<Int>] = []
        var candidates: [(range: Range<Int>, word: HeadingWord)] = []
        for entry in outline {
            var found: Role?
            if entry.style != .article {
                // the key view of the heading: Traditional headings match Simplified words
                let lower = max(0, min(entry.headingRange.lowerBound, key.count))
                let upper = max(lower, min(entry.headingRange.upperBound, key.count))
                found = headingRole(key: key, lower, upper, rules: rules, shields: &shields, candidates: &candidates)
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
