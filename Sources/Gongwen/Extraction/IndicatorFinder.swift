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

    let key: [Unicode.Scalar]

    init(rules: QuantityRules, text: NormalizedText) {
        self.rules = rules
        self.text = text
        self.key = text.key
    }

    /// The indicator of `e`. `listPrevious`, `sameClause` and `sentencePrevious` are the
    /// quantity before it when it stands in the same list, clause or sentence (else nil);
    /// `previousIndicator` is that quantity's indicator.
    func find(_ e: Expression, lowerBound: Int, chainStart: Int, tailEnd: Int, clauseEnd: Int,
              listPrevious: ExtractionPass.Found?, sameClause: ExtractionPass.Found?,
              sentenceStart: Int = 0, sentencePrevious: ExtractionPass.Found? = nil,
              changed: Bool = false, previousIndicator: String? = nil) -> (text: String?, before: Bool, afterEnd: Int?) {
        // a time limit (10个工作日内完成审核): what must be done in it follows
        if e.dimension == .duration, tailEnd > e.end, key[tailEnd - 1] == "内" {
            var a = tailEnd
            var b = clauseEnd
            while a < b && TextClasses.isSpace(key[a]) { a += 1 }
            while a < b, let m = rules.cuts.longestMatch(in: key, at: a, limit: b), m.length >= 2, b - (a + m.length) >= 2 { a += m.length }
            while b > a && TextClasses.isSpace(key[b - 1]) { b -= 1 }
            if b - a >= 2 { return (text.trimmedSlice(a..<b), false, nil) }
        }
        let found = findNoun(e, lowerBound: lowerBound, chainStart: chainStart, tailEnd: tailEnd, clauseEnd: clauseEnd,
                             listPrevious: listPrevious, sameClause: sameClause, previousIndicator: previousIndicator)
        if found.text != nil { return found }
        // a clause with no noun of its own (，年增2.5%; ，累计达到16万个; ，较上年增加300公顷):
        // the indicator of the number before it in the sentence
        // (of the same kind, or its rate of change: 总产值达到500亿元，年增2.5%; not the base
        // of a rate before a cap: 按首年租金的20%给予补助，最高50万元)
        if let previous = sentencePrevious, previous.indicatorBefore, let indicator = previousIndicator,
           previous.dimension == e.dimension || e.dimension == .ratio && changed {
            return (indicator, true, nil)
        }
        // a cap after an award (按…给予补助，最高50万元): the award
        var end = e.start
        while end > sentenceStart {
            if let m = rules.roles.match(in: key, endingAt: end, lowerBound: sentenceStart), let role = m.payload.role {
                if role == .provision, m.payload.dimensions?.contains(.currency) ?? false,
                   rules.links.longestMatch(in: key, endingAt: end, lowerBound: m.start) == nil {
                    return (text.slice(m.start..<end), false, nil)
                }
                end = m.start
                continue
            }
            end -= 1
        }
        return found
    }

    private func findNoun(_ e: Expression, lowerBound: Int, chainStart: Int, tailEnd: Int, clauseEnd: Int,
                          listPrevious: ExtractionPass.Found?, sameClause: ExtractionPass.Found?,
                          previousIndicator: String?) -> (text: String?, before: Bool, afterEnd: Int?) {
        // the noun after the previous number was its indicator (5个集聚区、20个新场景)
        var lowerBound = lowerBound
        if let afterEnd = sameClause?.indicatorAfterEnd {
            var p = e.start
            while p > afterEnd && (TextClasses.isSpace(key[p - 1]) || TextClasses.isListMark(key[p - 1])) { p -= 1 }
            // (the noun ran up to this number: only when a list mark ends it, 全市综合性和30场)
            if p <= afterEnd && (afterEnd < e.start || e.start > 0 && TextClasses.isListMark(key[e.start - 1])) {
                lowerBound = max(lowerBound, afterEnd)
            }
        }
        // before the number: cut the links, then the plan words
        var end = min(chainStart, e.start)
        while end > lowerBound {
            if TextClasses.isSpace(key[end - 1]) { end -= 1; continue }
            if let m = rules.links.longestMatch(in: key, endingAt: end, lowerBound: lowerBound) { end -= m.length; continue }
            if let m = rules.changes.match(in: key, endingAt: end, lowerBound: lowerBound) {
                // a rise (增长) or a new level (压缩至, 降至) joins the indicator to the number
                if case .change = m.payload.direction, end - m.start <= 2 { end = m.start; continue }
                if case .level = m.payload.direction { end = m.start; continue }
            }
            break
        }
        // the value compared with is no part of it: 单位产品能耗较上年 → 单位产品能耗
        var r = end
        while r > lowerBound {
            if let m = rules.references.match(in: key, endingAt: r, lowerBound: lowerBound) {
                if m.payload { end = m.start; break }
                r = m.start
                continue
            }
            r -= 1
        }
        while end > lowerBound && TextClasses.isSpace(key[end - 1]) { end -= 1 }
        var start = lowerBound
        while start < end && (TextClasses.isSpace(key[start]) || TextClasses.isListMark(key[start])) { start += 1 }
        let endsInDe = start < end && key[end - 1] == "的"
        (start, end) = trim(start, end)
        // a generic measure (设立总规模不低于1亿元的引导资金): the noun after 的 says what
        let generic = start < end && isGenericMeasure(start, end) && followsDe(tailEnd)
        // 次 counts an action: the noun after it names it (每半年召开1次专题会议)
        // a count after a short verb phrase (每年遴选100家重点企业, 集中办好12件民生实事):
        // the noun after it is what is counted
        let verbBefore = e.dimension == .count && start < end && end - start <= 4 && !endsInDe
            && tailEnd + 1 < clauseEnd && TextClasses.isHan(key[tailEnd + 1])
            && !key[tailEnd..<clauseEnd].contains("(")   // (三个会计年度(实际经营期…): an aside follows
        let preferAfter = (e.unit.isUnit("次", rules: rules, text: text) || verbBefore || start < end && (key[end - 1] == "等" || e.dimension == .count && endsInDe))
            && tailEnd < clauseEnd && TextClasses.isHan(key[tailEnd]) && !followsDe(tailEnd)
        if start < end && !isFragment(start, end) && !generic && !preferAfter {
            return (text.trimmedSlice(start..<end), true, nil)
        }
        if !preferAfter, !generic, let previous = listPrevious ?? sameClause, previous.indicatorBefore, let indicator = previousIndicator {
            return (indicator, true, nil)
        }
        // after the unit
        var a = tailEnd
        while a < clauseEnd && TextClasses.isSpace(key[a]) { a += 1 }
        // 100万元和30万元奖励: the noun follows the last number of the list
        var guardCount = 0
        while a < clauseEnd && TextClasses.isListMark(key[a]) && guardCount < 8 {
            var k = a + 1
            while k < clauseEnd && TextClasses.isSpace(key[k]) { k += 1 }
            var scannedEnd = 0
            var next = Expression.blank()
            var tokens: [NumeralToken] = []
            guard k < clauseEnd, rules.mayStartNumber(key[k]),
                  QuantityScanner(rules: rules, text: text).expression(at: k, scannedEnd: &scannedEnd, into: &next,
                                                                      tokens: &tokens) else { break }
            a = next.end
            while a < clauseEnd && TextClasses.isSpace(key[a]) { a += 1 }
            guardCount += 1
        }
        var b = a
        while b < clauseEnd && key[b] != "、" && !NumberScanner.isDigit(key[b]) {
            // a plan verb ends the noun (困难老年人家庭实施适老化改造)
            if !generic, b - a >= 2, rules.stripStart.longestMatch(in: key, at: b).map({ $0.length >= 2 }) ?? false { break }
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
        // a verb of granting before the noun (给予补助): the noun
        while a < b, let m = rules.cuts.longestMatch(in: key, at: a, limit: b), m.length >= 2, b - (a + m.length) >= 2 { a += m.length }
        // (and no conjunction before the next number: 12座车站及1座机厂 → 车站)
        while b > a && (TextClasses.isSpace(key[b - 1]) || TextClasses.isConjunction(key[b - 1])) { b -= 1 }
        if a < b && !isFragment(a, b, plain: true) { return (text.trimmedSlice(a..<b), false, afterEnd) }
        if preferAfter || generic, start < end { return (text.trimmedSlice(start..<end), true, nil) }
        return (nil, false, nil)
    }

    /// 的 right after the quantity (and its comparator words).
    private func followsDe(_ position: Int) -> Bool {
        var p = position
        while p < key.count && TextClasses.isSpace(key[p]) { p += 1 }
        return p < key.count && key[p] == "的"
    }

    /// A word that only says "amount" (规模, 总额): the measured thing is named elsewhere.
    private static let genericMeasures: [[Unicode.Scalar]] = ["规模", "总规模", "资金规模", "金额", "总金额", "总额", "数量", "总量"]
        .map { Array($0.unicodeScalars) }
    /// The characters those words end with: a phrase ending otherwise needs no word compared.
    private static let genericMeasureEnds: [Unicode.Scalar] = genericMeasures.map { $0[$0.count - 1] }

    private func isGenericMeasure(_ start: Int, _ end: Int) -> Bool {
        guard end > start, IndicatorFinder.genericMeasureEnds.contains(key[end - 1]) else { return false }
        for word in IndicatorFinder.genericMeasures {
            // the word alone, or after plan words only (设立规模)
            let wordStart = end - word.count
            if wordStart >= start, key[end - 1] == word[word.count - 1], key[wordStart..<end].elementsEqual(word),
               wordStart == start || allStrip(start, wordStart) { return true }
        }
        return false
    }

    /// A leftover that names nothing: one character (年, 较), plan or link words only
    /// (再给予), or a bare per-unit denominator (按每台).
    private func isFragment(_ start: Int, _ end: Int, plain: Bool = false) -> Bool {
        var count = 0
        var only: Unicode.Scalar = " "
        for k in start..<end where !TextClasses.isSpace(key[k]) {
            count += 1
            only = key[k]
            if count > 1 { break }
        }
        if count == 0 { return true }
        if count == 1 && IndicatorFinder.isFunctionCharacter(only) { return true }
        if plain { return false }
        if allStrip(start, end) { return true }
        if let m = rules.links.longestMatch(in: key, endingAt: end, lowerBound: start), m.length == end - start { return true }
        var s = start
        if key[s] == "按" { s += 1 }
        if s < end && key[s] == "每" && end - s <= 3 { return true }
        return false
    }

    /// Cuts plan words at the start and function words at the end, keeping at least
    /// three characters unless the whole phrase is plan words.
    private func trim(_ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        // after the last cut word (且, a bracket): the condition or aside ends there
        var c = e - 1
        while c >= s {
            if let m = rules.cuts.longestMatch(in: key, at: c, limit: e), e - (c + m.length) >= 2,
               !closedBracket(at: c, e), m.length == 1 || c > s && !allStrip(s, c) {
                s = c + m.length
                break
            }
            c -= 1
        }
        // which of 按, 年 and 等 the phrase holds, in one pass: the three walks below look
        // for one each, and most phrases hold none
        var hasAn = false
        var hasYear = false
        var hasDeng = false
        for k in s..<max(s, e) {
            switch key[k] {
            case "按": hasAn = true
            case "年": hasYear = true
            case "等": hasDeng = true
            default: break
            }
        }
        // the base of a rate after 按 (重点项目按贷款额的1% → 贷款额); not 按时, 按期
        var k0 = hasAn ? e - 1 : s
        while k0 > s {
            if key[k0 - 1] == "按", !"时期揭需月季日".unicodeScalars.contains(key[k0]),
               key[k0] != "年" || k0 + 1 < e && key[k0 + 1] == "化" {
                var after = k0
                if after < e && (key[after] == "照" || key[after] == "其") { after += 1 }
                if e - after >= 2 { s = after }
                break
            }
            k0 -= 1
        }
        // after a year (2026年全区…, 115年度农业总产值)
        var y = hasYear ? e - 1 : s
        while y > s {
            if key[y] == "年" && isYearEnd(y, s) {
                var after = y + 1
                if after < e && key[after] == "度" { after += 1 }
                if e - after >= 2 { s = after }
                break
            }
            y -= 1
        }
        // after the last 等 (a list ends; the head follows)
        var k = hasDeng ? e - 1 : s
        while k > s {
            if key[k] == "等" && e - (k + 1) >= 2 { s = k + 1; break }
            k -= 1
        }
        s = afterSubject(s, e)
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

    /// 〇 零 一 二 … 九: a digit of a year written in Chinese.
    private static func isChineseDigit(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九": return true
        default: return false
        }
    }

    /// A suffix of an organ name (市财政局, 区政府, 管委会, 主管部门).
    private static func isOrganEnd(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "局", "委", "厅", "府", "办", "门", "会": return true
        default: return false
        }
    }

    /// A character that names nothing alone (年, 较, 和, 的 …).
    private static func isFunctionCharacter(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "年", "较", "比", "前", "后", "再", "另", "并", "及", "和", "或", "与", "等", "的", "为", "在", "以", "且": return true
        default: return false
        }
    }

    /// Verbs an organ acts with on what the number measures (安排, 下达).
    private static let organVerbs: [[Unicode.Scalar]] = ["安排", "下达", "拨付", "筹集", "投入", "统筹", "整合", "落实", "出资"]
        .map { Array($0.unicodeScalars) }

    /// The start of the indicator after a subject at the head of `start..<end`: an organ
    /// and its verb (市财政局安排资金 → 资金), or a scope and the change word
    /// (全市新增就业岗位 → 就业岗位). At least two characters remain.
    private func afterSubject(_ start: Int, _ end: Int) -> Int {
        guard end - start >= 4 else { return start }
        // 全市 / 全省 … + a change word
        if key[start] == "全", "市省区县国镇乡".unicodeScalars.contains(key[start + 1]),
           let m = rules.stripStart.longestMatch(in: key, at: start + 2, limit: end),
           let c = rules.changes.match(in: key, endingAt: start + 2 + m.length, lowerBound: start + 2),
           c.start == start + 2, case .change = c.payload.direction,
           end - (start + 2 + m.length) >= 2 {
            return start + 2 + m.length
        }
        // an organ name (no 的, no list) and its verb
        var j = start + 2
        while j < min(end - 3, start + 10) {
            let c = key[j - 1]
            if c == "的" || c == "、" || TextClasses.isSpace(c) { break }
            if IndicatorFinder.isOrganEnd(c) {
                for verb in IndicatorFinder.organVerbs where j + verb.count <= end - 2
                    && key[j..<(j + verb.count)].elementsEqual(verb) {
                    return j + verb.count
                }
            }
            j += 1
        }
        return start
    }

    /// A bracket whose partner stands inside the phrase: (基地), (LPR) belong to it.
    private func closedBracket(at c: Int, _ e: Int) -> Bool {
        key[c] == "(" && key[(c + 1)..<e].contains(")")
    }

    /// 年 at `y` ends a written year: three or four Arabic digits, or Chinese digits with 〇.
    private func isYearEnd(_ y: Int, _ s: Int) -> Bool {
        var k = y
        var digits = 0
        while k > s && NumberScanner.isDigit(key[k - 1]) { k -= 1; digits += 1 }
        if digits == 3 || digits == 4 { return k == s || !NumberScanner.isDigit(key[k - 1]) }
        var zero = false
        k = y
        var count = 0
        while k > s, IndicatorFinder.isChineseDigit(key[k - 1]) {
            if key[k - 1] == "〇" { zero = true }
            k -= 1
            count += 1
        }
        return zero && count == 4
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
            // no space in reach: the despaced buffer is the text itself, which can match no
            // longer than `m` (skips building it, the common case)
            var spaced = false
            var j = start
            while j < min(limit, start + 6) {
                if TextClasses.isSpace(key[j]) { spaced = true; break }
                j += 1
            }
            if !spaced { return (best, true) }
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
