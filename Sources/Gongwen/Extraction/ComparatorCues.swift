/// Finds the comparator of a quantity: a word right before the number (or further back
/// in the clause for words with `reach=clause`), a word after the unit, or 余/多 inside
/// the number. Holds only what it found: the rules and the key view are passed to `find`
/// (made once per quantity, it then retains nothing).
struct ComparatorCues {
    var comparator: Comparator?
    var cueRange: Range<Int>?
    /// Whether the comparator came from before the number (a list shares it).
    var fromBefore = false
    /// Start of the run of comparator and link words right before the number.
    var chainStart = 0
    /// End of the quantity's text and the comparator words after it.
    var tailEnd = 0
    /// Whether 在 stands in the words right before the number (在24小时内).
    var zaiBefore = false
    /// A comparator after the unit that counts only in provisions (15日内).
    private var provisionOnly: (Comparator, Range<Int>, DimensionSet?)?

    mutating func find(_ e: Expression, rules: QuantityRules, key: [Unicode.Scalar], lowerBound: Int, previousEnd: Int) {
        // before, adjacent: skip spaces and `none` words
        var p = e.start
        var before: (Comparator, Range<Int>)?
        while p > lowerBound {
            if TextClasses.isSpace(key[p - 1]) { p -= 1; continue }
            guard let m = rules.comparatorsBefore.longestMatch(in: key, endingAt: p, lowerBound: lowerBound)
                    ?? ComparatorCues.despacedBeforeMatch(rules, key, endingAt: p, lowerBound: lowerBound) else { break }
            let range = (p - m.length)..<p
            if case .bound(let c) = m.payload.op {
                if m.payload.dimensions.map({ $0.contains(e.dimension) }) ?? true {
                    before = (c, range)
                    p = range.lowerBound
                }
                break
            }
            p = range.lowerBound
        }
        chainStart = p
        zaiBefore = key[p..<e.start].contains("在") || p > 0 && key[p - 1] == "在"
        // 近 before a period is "the last" (近3年内, 近两年): at most, not about
        if let (c, range) = before, c == .approximately, range.count == 1, key[range.lowerBound] == "近",
           e.dimension == .duration {
            before = (.atMost, range)
        }
        // before, anywhere in the clause
        if before == nil {
            var end = p
            while end > lowerBound && end > previousEnd {
                if let m = rules.comparatorsBefore.longestMatch(in: key, endingAt: end, lowerBound: lowerBound),
                   m.payload.clauseReach, case .bound(let c) = m.payload.op,
                   m.payload.dimensions.map({ $0.contains(e.dimension) }) ?? true {
                    before = (c, (end - m.length)..<end)
                    break
                }
                end -= 1
            }
        }
        // after the unit
        var q = e.end
        var after: (Comparator, Range<Int>)?
        var inclusive = false
        tailEnd = e.end
        while q < key.count {
            if TextClasses.isSpace(key[q]) { q += 1; continue }
            guard let m = rules.comparatorsAfter.longestMatch(in: key, at: q) ?? ComparatorCues.despacedAfterMatch(rules, key, at: q) else { break }
            let range = q..<(q + m.length)
            var stop = false
            switch m.payload.op {
            case .none:
                break
            case .inclusive:
                inclusive = true
            case .bound(let c):
                if m.payload.dimensions.map({ !$0.contains(e.dimension) }) ?? false { stop = true; break }
                if m.payload.provisionOnly {
                    provisionOnly = (c, range, m.payload.dimensions)
                    stop = true
                    break
                }
                if after == nil { after = (c, range) } else { stop = true }
            }
            if stop { break }
            q = range.upperBound
            tailEnd = q
        }
        if let (c, range) = before {
            comparator = c
            cueRange = range
            fromBefore = true
        } else if let (c, range) = after {
            comparator = c
            cueRange = range
        } else if let over = e.last.over ?? e.first.over {
            comparator = .moreThan
            cueRange = over
        }
        if inclusive {
            if comparator == .lessThan { comparator = .atMost }
            if comparator == .moreThan { comparator = .atLeast }
        }
    }

    /// An after word broken by a space in scraped text (以 上): matched with the spaces
    /// left out; the length covers them.
    private static func despacedAfterMatch(_ rules: QuantityRules, _ key: [Unicode.Scalar], at start: Int) -> (length: Int, payload: ComparatorEntry)? {
        // Without a space in the window the buffer would be the text itself, where the
        // plain match already failed: skip building it (the common case).
        guard hasSpace(key, start, min(key.count, start + 6)) else { return nil }
        var buffer: [Unicode.Scalar] = []
        var ends: [Int] = []
        var k = start
        var gap = 0
        while k < key.count && buffer.count < 6 && gap <= 1 {
            if TextClasses.isSpace(key[k]) {
                gap += 1
            } else {
                buffer.append(key[k])
                ends.append(k + 1)
                gap = 0
            }
            k += 1
        }
        guard let m = rules.comparatorsAfter.longestMatch(in: buffer, at: 0) else { return nil }
        return (ends[m.length - 1] - start, m.payload)
    }

    /// A before word broken by a space (以 上至).
    private static func despacedBeforeMatch(_ rules: QuantityRules, _ key: [Unicode.Scalar], endingAt end: Int, lowerBound: Int) -> (length: Int, payload: ComparatorEntry)? {
        guard hasSpace(key, max(lowerBound, end - 6), end) else { return nil }
        var buffer: [Unicode.Scalar] = []
        var starts: [Int] = []
        var k = end
        var gap = 0
        while k > lowerBound && buffer.count < 6 && gap <= 1 {
            if TextClasses.isSpace(key[k - 1]) {
                gap += 1
            } else {
                buffer.append(key[k - 1])
                starts.append(k - 1)
                gap = 0
            }
            k -= 1
        }
        buffer.reverse()
        guard let m = rules.comparatorsBefore.longestMatch(in: buffer, endingAt: buffer.count) else { return nil }
        return (end - starts[m.length - 1], m.payload)
    }

    private static func hasSpace(_ key: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        var k = max(0, start)
        while k < end {
            if TextClasses.isSpace(key[k]) { return true }
            k += 1
        }
        return false
    }

    /// Applies the comparators that count only in provisions (a time limit: 15日内).
    mutating func applyProvisionOnly(_ e: Expression) {
        guard comparator == nil, let (c, range, _) = provisionOnly else { return }
        comparator = c
        cueRange = range
        tailEnd = max(tailEnd, range.upperBound)
    }
}

/// Finds whether a quantity is a rise or a fall from the words before it.
enum ChangeCues {
    static func find(_ e: Expression, rules: QuantityRules, key: [Unicode.Scalar], lowerBound: Int, level: inout Bool) -> Change? {
        let floor = max(lowerBound, e.start - 24)
        var end = e.start
        while end > floor {
            guard let m = rules.changes.match(in: key, endingAt: end, lowerBound: floor) else {
                // a compared value stands between: 增速高于全国平均水平1个百分点 is a difference
                if let r = rules.references.match(in: key, endingAt: end, lowerBound: floor), r.payload { return nil }
                end -= 1
                continue
            }
            switch m.payload.direction {
            case .none:
                end = m.start
                continue
            case .level:
                level = true
                return nil
            case .change(let change):
                if m.payload.amountOnly && (e.dimension == .ratio || e.dimension == .duration) {
                    end = m.start
                    continue
                }
                let wordEnd = m.start + (end - m.start)
                if rules.changeVetoBefore.longestMatch(in: key, endingAt: m.start, lowerBound: max(0, m.start - 4)) != nil {
                    return nil
                }
                if rules.changeVetoAfter.longestMatch(in: key, at: wordEnd) != nil { return nil }
                return change
            }
        }
        return nil
    }
}

/// The year a target is for: 到2015年 → 2015; 全年 → the document's year; 十二五末 → 2015.
enum YearFinder {
    static func find(_ e: Expression, rules: QuantityRules, key: [Unicode.Scalar], sentenceStart: Int, documentYear: Int?) -> Int? {
        var end = e.start
        while end > sentenceStart {
            // a four-digit year: YYYY年
            if key[end - 1] == "年", end - 5 >= sentenceStart,
               (1...4).allSatisfy({ NumberScanner.isDigit(key[end - 1 - $0]) }),
               end - 6 < sentenceStart || !NumberScanner.isDigit(key[end - 6]) {
                var value = 0
                for k in (end - 5)..<(end - 1) { value = value * 10 + Int(key[k].value - 48) }
                if (1900...2100).contains(value) { return value }
            }
            if let m = rules.years.match(in: key, endingAt: end, lowerBound: sentenceStart) {
                switch m.payload.kind {
                case .document:
                    if let documentYear { return documentYear }
                case .planEnd(let year):
                    if end < key.count && key[end] == "末" || end + 1 < key.count && key[end + 1] == "末" { return year }
                case .by:
                    break
                }
                end = m.start
                continue
            }
            end -= 1
        }
        return nil
    }
}

enum ChangeCuesProbe {
    /// Whether a change word (of any direction but a shield) ends inside `start..<end`.
    static func hasChangeWord(rules: QuantityRules, key: [Unicode.Scalar], start: Int, end: Int) -> Bool {
        var k = end
        while k > start {
            if let m = rules.changes.match(in: key, endingAt: k, lowerBound: start) {
                if case .none = m.payload.direction { k = m.start; continue }
                return true
            }
            k -= 1
        }
        return false
    }
}
