/// Finds the indicator of a quantity: the noun phrase it measures, as written.
///
/// Usually the phrase stands before the number, from the start of the clause to the
/// links that join it to the number (`全市技术合同成交额突破5000亿元`); leading plan
/// words are cut (`力争实现…`). When nothing is left — the number follows a verb
/// (`建设5个农业科技示范基地`) — the phrase is the noun after the unit, up to the end
/// of the clause or the head after `的`. A number in a list shares the indicator of
/// the one before it (`70%、80%和90%`).
struct IndicatorFinder {
    let rules: QuantityRules
    let text: NormalizedText

    var key: [Unicode.Scalar] { text.key }

    func find(_ e: Expression, lowerBound: Int, chainStart: Int, tailEnd: Int, clauseEnd: Int,
              listPrevious: ExtractionPass.Found?, sameClause: ExtractionPass.Found?) -> (text: String?, before: Bool, afterEnd: Int?) {
        // the noun after the previous number was its indicator (5个集聚区、20个新场景)
        var lowerBound = lowerBound
        if let afterEnd = sameClause?.indicatorAfterEnd {
            var p = e.start
            while p > afterEnd && (TextClasses.isSpace(key[p - 1]) || "、和及与或".unicodeScalars.contains(key[p - 1])) { p -= 1 }
            if p <= afterEnd { lowerBound = max(lowerBound, afterEnd) }
        }
        // before the number: cut the links, then the plan words
        var end = min(chainStart, e.start)
        while end > lowerBound {
            if TextClasses.isSpace(key[end - 1]) { end -= 1; continue }
            if let m = rules.links.longestMatch(in: key, endingAt: end, lowerBound: lowerBound) { end -= m.length; continue }
            if let m = rules.changes.match(in: key, endingAt: end, lowerBound: lowerBound),
               case .change = m.payload.direction, end - m.start <= 2 { end = m.start; continue }
            break
        }
        var start = lowerBound
        while start < end && (TextClasses.isSpace(key[start]) || "、和及与或".unicodeScalars.contains(key[start])) { start += 1 }
        (start, end) = trim(start, end)
        if start < end {
            return (text.slice(start..<end).trimmingSpaces, true, nil)
        }
        if let previous = listPrevious ?? sameClause, previous.indicatorBefore, let indicator = previous.indicator {
            return (indicator, true, nil)
        }
        // after the unit
        var a = tailEnd
        while a < clauseEnd && TextClasses.isSpace(key[a]) { a += 1 }
        // 100万元和30万元奖励: the noun follows the last number of the list
        var guardCount = 0
        while a < clauseEnd && "、和及与或".unicodeScalars.contains(key[a]) && guardCount < 8 {
            var k = a + 1
            while k < clauseEnd && TextClasses.isSpace(key[k]) { k += 1 }
            var scanned: ScannedNumber?
            guard k < clauseEnd, rules.mayStartNumber(key[k]),
                  let next = QuantityScanner(rules: rules, text: text).expression(at: k, scanned: &scanned) else { break }
            a = next.end
            while a < clauseEnd && TextClasses.isSpace(key[a]) { a += 1 }
            guardCount += 1
        }
        var b = a
        while b < clauseEnd && key[b] != "、" && !NumberScanner.isDigit(key[b]) {
            // a plan verb ends the noun (困难老年人家庭实施适老化改造)
            if b - a >= 2, rules.stripStart.longestMatch(in: key, at: b).map({ $0.length >= 2 }) ?? false { break }
            b += 1
        }
        let afterEnd = b
        // the head after 的 when it is a noun of its own
        var lastDe: Int?
        var firstDe: Int?
        for k in a..<b where key[k] == "的" {
            if firstDe == nil { firstDe = k }
            lastDe = k
        }
        if let lastDe, b - (lastDe + 1) >= 3 {
            a = lastDe + 1
        } else if let firstDe, firstDe - a >= 2 {
            b = firstDe
        }
        while b > a && TextClasses.isSpace(key[b - 1]) { b -= 1 }
        if a < b { return (text.slice(a..<b).trimmingSpaces, false, afterEnd) }
        return (nil, false, nil)
    }

    /// Cuts plan words at the start and function words at the end, keeping at least
    /// three characters unless the whole phrase is plan words.
    private func trim(_ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        // after the last cut word (且, a bracket): the condition or aside ends there
        var c = e - 1
        while c >= s {
            if let m = rules.cuts.longestMatch(in: key, at: c, limit: e), e - (c + m.length) >= 2 { s = c + m.length; break }
            c -= 1
        }
        // after the last 等 (a list ends; the head follows)
        var k = e - 1
        while k > s {
            if key[k] == "等" && e - (k + 1) >= 2 { s = k + 1; break }
            k -= 1
        }
        while s < e, let m = despacedStrip(at: s, limit: e) {
            let rest = e - (s + m.length)
            if rest == 0 || rest >= 3 || allStrip(s + m.length, e) {
                s += m.length
                while s < e && (TextClasses.isSpace(key[s]) || key[s] == "、") { s += 1 }
            } else {
                break
            }
        }
        if s < e && key[s] == "、" { return (e, e) }
        while e > s, let m = rules.stripEnd.longestMatch(in: key, endingAt: e, lowerBound: s), e - m.length - s >= 2 {
            e -= m.length
        }
        return (s, e)
    }

    private func allStrip(_ start: Int, _ end: Int) -> Bool {
        var s = start
        while s < end, let m = despacedStrip(at: s, limit: end) { s += m.length }
        return s == end
    }

    /// A strip word at `start`, also when a stray space breaks it (给予企 业).
    private func despacedStrip(at start: Int, limit: Int) -> (length: Int, payload: Bool)? {
        if let m = rules.stripStart.longestMatch(in: key, at: start, limit: limit) {
            var best = m.length
            // a longer word broken by a space
            var buffer: [Unicode.Scalar] = []
            var ends: [Int] = []
            var k = start
            while k < limit && buffer.count < 6 {
                if !TextClasses.isSpace(key[k]) { buffer.append(key[k]); ends.append(k + 1) }
                k += 1
            }
            if let d = rules.stripStart.longestMatch(in: buffer, at: 0), d.length > 0 { best = max(best, ends[d.length - 1] - start) }
            return (best, true)
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, TextClasses.isSpace(f) || f == "\n" { scalars.removeFirst() }
        while let l = scalars.last, TextClasses.isSpace(l) || l == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
