/// What extraction found.
public struct Extraction: Sendable {
    public var quantities: [Quantity]
    public var diagnostics: [Diagnostic]

    public init(quantities: [Quantity] = [], diagnostics: [Diagnostic] = []) {
        self.quantities = quantities
        self.diagnostics = diagnostics
    }
}

/// Stage 4: clean text and section tree → quantities (SPEC §2 Quantity, §4).
///
/// One linear pass over the key view finds numbers; each number with a unit is checked
/// against the exclusions, then its comparator, change, role, indicator and year are
/// read from the words around it. Every word list comes from the grammar, compiled once
/// in `QuantityRules`. `Extractor` holds no mutable state: share one across threads.
public struct Extractor: Sendable {
    public let rules: QuantityRules

    public init(rules: QuantityRules) {
        self.rules = rules
    }

    /// Finds every quantity. Never fails: what it notices goes into diagnostics.
    public func extract(_ text: NormalizedText, tree: SectionTree) -> Extraction {
        var pass = ExtractionPass(rules: rules, text: text, tree: tree)
        // about one quantity per 70 characters of policy text: most documents never regrow
        pass.quantities.reserveCapacity(text.key.count / 64)
        pass.run()
        return Extraction(quantities: pass.quantities, diagnostics: pass.diagnostics)
    }
}

/// The state of extraction over one document.
struct ExtractionPass {
    let rules: QuantityRules
    let text: NormalizedText
    let tree: SectionTree
    let key: [Unicode.Scalar]
    let scanner: QuantityScanner
    /// 1 where numbers are names or structure: quotations, titles, section markers,
    /// boilerplate.
    var excluded: [UInt8]
    /// Every position whose character may start a number, in order, found by the same
    /// pass over the text as the quotations (`run` skips those then excluded).
    var numberStarts: [Int] = []
    /// The role each outline entry's headings give (nil: none).
    var sectionRoles: [Role?]
    var quantities: [Quantity] = []
    var diagnostics: [Diagnostic] = []
    /// The document's year in the ROC calendar when it is dated that way (民国, or a
    /// plan year written with three digits), else nil.
    /// Read on first need (a three-digit number before 年), not for every document: it
    /// scans the whole text.
    lazy var rocYearOfDocument: Int? = ExtractionPass.rocYear(key: key, documentYear: tree.year)
    /// The quantity analysed last (clean-text facts the next one needs).
    var lastFound: Found?
    /// The document's own year: the plan year of its title, else the year it is dated.
    let documentYear: Int?
    /// An emergency plan (预案 in the title): its numbers are rules for others.
    let procedure: Bool
    /// Built once per document (not per quantity): each holds the rules and the key view.
    let roleClassifier: RoleClassifier
    let indicatorFinder: IndicatorFinder

    /// What the next quantity needs to know of the one before it. Holds no `Expression`
    /// (only its start and dimension): it is copied once per quantity.
    struct Found {
        /// Where the quantity's text starts.
        var start: Int
        var dimension: Dimension
        var comparator: Comparator?
        /// Where its comparator's words are (shared by the items of a list).
        var cueRange: Range<Int>?
        var comparatorFromBefore: Bool
        var change: Change?
        /// (Its indicator is that of the last quantity, `quantities.last`: kept there only,
        /// so a `Found` holds no string and copies without reference counting.)
        var indicatorBefore: Bool
        /// Where an indicator read after the unit ends.
        var indicatorAfterEnd: Int?
        /// End of the text and of any comparator after it.
        var tailEnd: Int
        /// Where the words that belong to it may start (the clause, or after the number before).
        var lower: Int
    }

    init(rules: QuantityRules, text: NormalizedText, tree: SectionTree) {
        self.rules = rules
        self.text = text
        self.tree = tree
        self.key = text.key
        self.scanner = QuantityScanner(rules: rules, text: text)
        self.excluded = [UInt8](repeating: 0, count: text.key.count)
        self.sectionRoles = []
        self.documentYear = tree.year ?? tree.date.flatMap { Int($0.prefix(4)) }
        let procedure = tree.title.map { ExtractionPass.contains($0, "预案") } ?? false
        self.procedure = procedure
        self.roleClassifier = RoleClassifier(rules: rules, key: text.key, documentYear: documentYear, procedure: procedure)
        self.indicatorFinder = IndicatorFinder(rules: rules, text: text)
        markExcludedRegions()
        sectionRoles = RoleClassifier.sectionRoles(tree.outline, key: key, rules: rules)
    }

    mutating func run() {
        var i = 0
        var outlineIndex = 0
        var open: [Int] = []
        var next = 0
        // locals: a stored property passed to a call was copied first (160 bytes per call)
        let scanner = self.scanner
        var expression = Expression.blank()
        var tokens: [NumeralToken] = []
        while next < numberStarts.count {
            let candidate = numberStarts[next]
            next += 1
            if candidate < i || excluded[candidate] != 0 { continue }
            i = candidate
            var scannedEnd = i + 1
            guard scanner.expression(at: i, scannedEnd: &scannedEnd, into: &expression, tokens: &tokens) else {
                i = max(i + 1, scannedEnd)
                continue
            }
            // one copy into a constant: passed on from the variable, it was copied before
            // each call (three times in all)
            let found = expression
            if isExcluded(found) {
                i = max(i + 1, found.first.end)
                continue
            }
            // the innermost section holding it
            while outlineIndex < tree.outline.count && tree.outline[outlineIndex].range.lowerBound <= found.start {
                while let top = open.last, tree.outline[top].range.upperBound <= tree.outline[outlineIndex].range.lowerBound {
                    open.removeLast()
                }
                open.append(outlineIndex)
                outlineIndex += 1
            }
            while let top = open.last, tree.outline[top].range.upperBound <= found.start { open.removeLast() }
            analyse(found, section: open.last)
            i = found.end
        }
    }

    // MARK: - exclusions

    private mutating func markExcludedRegions() {
        let count = key.count
        for range in tree.boilerplate { mark(range) }
        for entry in tree.outline where entry.headingRange.lowerBound > entry.range.lowerBound {
            mark(entry.range.lowerBound..<min(entry.headingRange.lowerBound, entry.range.upperBound))
        }
        // quotations and titles, and on the way the characters that may start a number
        numberStarts.reserveCapacity(count / 8)
        var i = 0
        while i < count {
            i = rules.nextQuoteOpener(in: key, from: i, numberStarts: &numberStarts)
            guard i < count else { break }
            if rules.mayStartNumber(key[i]) { numberStarts.append(i) }
            guard let quote = rules.quote(openedBy: key[i]) else { i += 1; continue }
            var j = i + 1
            var sentence = false
            var closed = false
            while j < count && j - i < 120 {
                let s = key[j]
                if s == quote.close { closed = true; break }
                if s == "\n" { break }
                if s == "," || s == "。" || s == ";" { sentence = true }
                j += 1
            }
            if closed && (quote.always || !sentence) {
                mark(i..<(j + 1))
                i = j + 1
            } else {
                i += 1
            }
        }
    }

    private mutating func mark(_ range: Range<Int>) {
        let lower = max(0, range.lowerBound)
        let upper = min(excluded.count, range.upperBound)
        if lower < upper { for k in lower..<upper { excluded[k] = 1 } }
    }

    private mutating func isExcluded(_ e: Expression) -> Bool {
        let s = e.start
        if excluded[max(0, e.end - 1)] != 0 || excluded[s] != 0 { return true }
        // Latin letters glued to digits: T800, G331, 5G, 5A级, PM2.5
        if e.first.arabic {
            if s > 0 && (TextClasses.isASCIILetter(key[s - 1]) || key[s - 1] == "." || key[s - 1] == "/") { return true }
            if e.first.end < key.count && TextClasses.isASCIILetter(key[e.first.end]) { return true }
            if e.last.end < key.count && TextClasses.isASCIILetter(key[e.last.end]) { return true }
        }
        // a decimal heading left in the text (2　组织机构, 7.2　本预案): a number alone at
        // the start of a line, followed by a space
        if e.first.arabic, e.first.end < key.count, TextClasses.isSpace(key[e.first.end]) {
            var b = s
            while b > 0 && TextClasses.isSpace(key[b - 1]) { b -= 1 }
            if b == 0 || key[b - 1] == "\n" { return true }
        }
        // a word before: 第, 每, 届 (over spaces and earlier members of a list: 第2、3条)
        var p = s
        while p > 0 && (TextClasses.isSpace(key[p - 1]) || key[p - 1] == "、" || NumberScanner.isDigit(key[p - 1])
                        || scanner.numbers.isNumeralDigit(at: p - 1) && p - 1 > 0 && key[p - 1] != "一" ) {
            p -= 1
        }
        if let m = rules.excludeBefore.longestMatch(in: key, endingAt: p, lowerBound: max(0, p - 8)),
           !m.payload.contains(e.dimension) { return true }
        var q = s
        while q > 0 && TextClasses.isSpace(key[q - 1]) { q -= 1 }
        if q != p, let m = rules.excludeBefore.longestMatch(in: key, endingAt: q, lowerBound: max(0, q - 8)),
           !m.payload.contains(e.dimension) { return true }
        // idioms and names covering the first numeral
        if rules.longestWord > 0 {
            var from = max(0, s - rules.longestWord + 1)
            while from <= s {
                if let w = rules.words.longestMatch(in: key, at: from), from + w.length > s,
                   from < s || from + w.length >= e.unitRange.upperBound || e.first.end > from + w.length {
                    return true
                }
                from += 1
            }
        }
        if rules.excludeAfter.longestMatch(in: key, at: e.end) != nil { return true }
        if e.unit.isUnit("年", rules: rules, text: text) {
            if isYear(e) { return true }
        }
        if e.dimension == .duration, e.unit.isUnit("日", rules: rules, text: text) {
            var b = s
            while b > 0 && TextClasses.isSpace(key[b - 1]) { b -= 1 }
            if rules.dateBefore.longestMatch(in: key, endingAt: b, lowerBound: max(0, b - 4)) != nil { return true }
        }
        if e.first.implicitOne {
            let written = text.keyString(e.first.start..<e.unitRange.upperBound)
            if rules.denominators.contains(written), e.end < key.count,
               TextClasses.isHan(key[e.end]) || TextClasses.isASCIILetter(key[e.end]),
               rules.comparatorsAfter.longestMatch(in: key, at: e.end) == nil {
                return true
            }
            if rules.classNames.longestMatch(in: key, at: e.end) != nil { return true }
        }
        return false
    }

    /// N年 that names a year: 2011年, 二〇一一年, 民国 85 年, 95 年 12 月, 100 年底.
    private mutating func isYear(_ e: Expression) -> Bool {
        if e.first.arabicIntegerDigits == 4 || e.last.arabicIntegerDigits == 4 { return true }
        // a three-digit ROC year near the document's own (114年 in a plan for 115年度 = 2026)
        if !e.isRange, e.first.arabicIntegerDigits == 3, let rocYear = rocYearOfDocument,
           let value = Int(exactly: e.first.low.doubleValue), abs(value - rocYear) <= 15,
           !(e.end < key.count && (ExtractionPass.endsYearWord(key[e.end]) || key[e.end] == "一")) {
            return true
        }
        if e.first.positionalWithZero || e.last.positionalWithZero { return true }
        var a = e.end
        while a < key.count && (TextClasses.isSpace(key[a]) || NumberScanner.isDigit(key[a])) { a += 1 }
        if rules.yearAfter.longestMatch(in: key, at: a) != nil { return true }
        if e.end < key.count, ExtractionPass.endsYearWord(key[e.end]) || key[e.end] == "的" { return false }
        var b = e.start
        while b > 0 && TextClasses.isSpace(key[b - 1]) { b -= 1 }
        guard let m = rules.yearBefore.longestMatch(in: key, endingAt: b, lowerBound: max(0, b - 4)), e.first.arabic else { return false }
        if let c = rules.comparatorsBefore.longestMatch(in: key, endingAt: b, lowerBound: max(0, b - 6)), c.length > m.length { return false }
        return true
    }

    /// 内, 以, 之, 多, 后, 来, 间 after N年: a span of years (三年内, 五年以上, 两年间), no date.
    private static func endsYearWord(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "内", "以", "之", "多", "后", "来", "间": return true
        default: return false
        }
    }

    /// The ROC year of a document that writes 民国 (中华民国115年) or whose title
    /// states a three-digit plan year (115年度); nil for others.
    static func rocYear(key: [Unicode.Scalar], documentYear: Int?) -> Int? {
        guard let year = documentYear, year > 1911 else { return nil }
        let roc = year - 1911
        let written = Array(String(roc).unicodeScalars)
        // the ROC number followed by 年 somewhere (title or date): the document counts that way
        var i = 0
        let count = key.count
        while i + written.count < count {
            if key[i] == written[0], i == 0 || !NumberScanner.isDigit(key[i - 1]),
               key[(i)..<(i + written.count)].elementsEqual(written), key[i + written.count] == "年" {
                return roc
            }
            i += 1
        }
        return nil
    }

    // MARK: - boundaries

    /// The clause and sentence starts last found (at `boundaryPosition`). Quantities are
    /// analysed in text order, so the walk back from the next one can stop where the
    /// last one stood: with no break in between, its starts are the same.
    private var boundaryPosition = 0
    private var boundaryClause = 0
    private var boundarySentence = 0

    /// `(clauseStart(before: position), sentenceStart(before: position))`, reusing the
    /// previous answer when `position` is not before it.
    private mutating func starts(before position: Int) -> (clause: Int, sentence: Int) {
        guard position >= boundaryPosition else {
            return (ExtractionPass.clauseStart(before: position, in: key), ExtractionPass.sentenceStart(before: position, in: key))
        }
        var clause: Int?
        var p = position
        while p > boundaryPosition {
            let s = key[p - 1]
            if !TextClasses.mayBreak(s) { p -= 1; continue }
            if TextClasses.isSentenceBreak(s) {
                // every sentence break also ends a clause
                if clause == nil { clause = p }
                break
            }
            if clause == nil && TextClasses.isClauseBreak(s) { clause = p }
            p -= 1
        }
        let sentence = p > boundaryPosition ? p : boundarySentence
        boundaryClause = clause ?? boundaryClause
        boundarySentence = sentence
        boundaryPosition = position
        return (boundaryClause, boundarySentence)
    }

    // (The three walks below are static and take the key: called from a mutating method,
    // an instance method was handed a copy of the whole pass, some 650 bytes, per call.)

    static func clauseStart(before position: Int, in key: [Unicode.Scalar]) -> Int {
        var p = position
        while p > 0 && !TextClasses.isClauseBreak(key[p - 1]) { p -= 1 }
        return p
    }

    static func sentenceStart(before position: Int, in key: [Unicode.Scalar]) -> Int {
        var p = position
        while p > 0 && !TextClasses.isSentenceBreak(key[p - 1]) { p -= 1 }
        return p
    }

    static func clauseEnd(after position: Int, in key: [Unicode.Scalar]) -> Int {
        var p = position
        while p < key.count && !TextClasses.isClauseBreak(key[p]) { p += 1 }
        return p
    }

    // MARK: - one quantity

    private mutating func analyse(_ e: Expression, section: Int?) {
        let previous = lastFound
        let (clause, rawSentence) = starts(before: e.start)
        let headingFloor = section.map { sectionBodyStart($0) } ?? 0
        var lower = max(clause, headingFloor, previous.map { $0.tailEnd } ?? 0)
        // list continuation: 70%、80%和90%; 13000万家、16000万家
        var listPrevious: Found?
        if let previous {
            var p = e.start
            while p > previous.tailEnd && (TextClasses.isSpace(key[p - 1]) || TextClasses.isListMark(key[p - 1])) { p -= 1 }
            if p == previous.tailEnd && p < e.start { listPrevious = previous }
        }
        var cues = ComparatorCues()
        cues.find(e, rules: rules, key: key, lowerBound: max(clause, headingFloor), previousEnd: previous?.tailEnd ?? 0)
        // a threshold inside the noun phrase (每千人口拥有3岁以下婴幼儿托位数达到4.8个;
        // 培育年营业收入超10亿元的老年用品企业3家): the phrase goes on over it
        if let previous, previous.tailEnd >= clause, previous.tailEnd < cues.chainStart,
           previous.comparator != nil || key[previous.tailEnd] == "的",
           TextClasses.isHan(key[previous.tailEnd]), !TextClasses.isListMark(key[previous.tailEnd]),
           nounBefore(max(clause, headingFloor, previous.lower), previous.start) {
            lower = max(clause, headingFloor, previous.lower)
        }
        var levelCue = false
        var change = ChangeCues.find(e, rules: rules, key: key, lowerBound: lower, level: &levelCue)
        if cues.comparator == nil, let lp = listPrevious, lp.comparatorFromBefore {
            // 分别突破A、B: the items share the comparator and its words.
            cues.comparator = lp.comparator
            cues.cueRange = lp.cueRange
        }
        if change == nil, let lp = listPrevious { change = lp.change }
        // 新增1家…基地、2家…企业: one verb for the items of a list
        if change == nil, let previous, previous.tailEnd >= clause, e.start > 0, key[e.start - 1] == "、" {
            change = previous.change
        }
        // 新建省级智能工厂50家、智能制造车间200个: the verb at the head of a list applies
        // to every item that has no verb of its own
        if change == nil, let previous, previous.change != nil, previous.tailEnd >= clause, previous.tailEnd < e.start {
            var p = previous.tailEnd
            while p < e.start && TextClasses.isSpace(key[p]) { p += 1 }
            if p < e.start && key[p] == "、" && previous.dimension == e.dimension && !itemHasVerb(p + 1, e.start) {
                change = previous.change
            }
        }
        let sentence = max(rawSentence, headingFloor)
        let sectionRole = section.flatMap { sectionRoles[$0] }
        let clauseEnd = ExtractionPass.clauseEnd(after: e.end, in: key)
        let role = roleClassifier.role(e, comparator: cues.comparator, changed: change != nil || levelCue, tailEnd: cues.tailEnd,
                                    clauseStart: max(clause, headingFloor),
                                    sentenceStart: sentence,
                                    clauseEnd: clauseEnd, chainStart: cues.chainStart,
                                    sectionRole: sectionRole)
        // a time limit (15日内) bounds a rule's duration; with no 在 before it (未来12小时内,
        // 接到指令后1小时内) it is a bound wherever it is no span of past work (五年内累计引进)
        if role == .provision || !cues.zaiBefore && role != .baseline { cues.applyProvisionOnly(e) }
        var indicator: String?
        var indicatorBefore = false
        var indicatorAfterEnd: Int?
        if role == .target || role == .provision {
            let result = indicatorFinder.find(e, lowerBound: lower, chainStart: cues.chainStart, tailEnd: cues.tailEnd,
                                     clauseEnd: clauseEnd, listPrevious: listPrevious,
                                     sameClause: previous.flatMap { $0.tailEnd >= clause ? $0 : nil },
                                     sentenceStart: sentence,
                                     sentencePrevious: previous.flatMap { $0.tailEnd >= sentence ? $0 : nil },
                                     changed: change != nil,
                                     previousIndicator: previous == nil ? nil : quantities.last?.indicator)
            indicator = result.text
            indicatorBefore = result.before
            indicatorAfterEnd = result.afterEnd
        }
        let year = role == .target
            ? YearFinder.find(e, rules: rules, key: key, sentenceStart: rawSentence, documentYear: tree.year)
            : nil
        let amount: Amount = e.low == e.high ? .single(e.low) : .range(low: e.low, high: e.high)
        let span = text.span(e.start..<e.end)
        if let max = e.max, max < e.high {
            diagnostics.append(Diagnostic(code: "implausible-magnitude",
                                          message: "\(text.slice(e.start..<e.end)) is \(e.high) \(e.unit.text(rules: rules, text: text)): the written value is kept; the magnitude word may be a typo",
                                          span: span, severity: .warning))
        }
        let cueRange = cues.cueRange
        let unit = e.unit.text(rules: rules, text: text)
        quantities.append(Quantity(
            id: ExtractionPass.quantityID(quantities.count + 1),
            section: section.map { tree.outline[$0].id },
            text: text.slice(e.start..<e.end),
            span: span,
            amount: amount,
            unit: unit,
            dimension: e.dimension,
            comparator: cues.comparator,
            cue: cueRange.map { text.slice($0) },
            cueSpan: cueRange.map { text.span($0) },
            change: change,
            role: role,
            indicator: indicator,
            year: year
        ))
        lastFound = Found(start: e.start, dimension: e.dimension, comparator: cues.comparator, cueRange: cues.cueRange,
                          comparatorFromBefore: cues.fromBefore,
                          change: change, indicatorBefore: indicatorBefore,
                          indicatorAfterEnd: indicatorAfterEnd, tailEnd: cues.tailEnd, lower: lower)
    }

    /// `q1` … `q4096`, made once: an id is then a copy of a small string, not a new one.
    private static let quantityIDs: [String] = (1...4096).map { "q\($0)" }

    /// `q` and the decimal digits of `number` (`q12`): the id of a quantity.
    static func quantityID(_ number: Int) -> String {
        number >= 1 && number <= quantityIDs.count ? quantityIDs[number - 1] : "q\(number)"
    }

    /// Whether `word` occurs in `string`, scalar for scalar (no Foundation search).
    /// (Bytes of UTF-8 match from a lead byte only, so a byte match is a scalar match.)
    static func contains(_ string: String, _ word: String) -> Bool {
        let haystack = string.utf8
        let needle = word.utf8
        guard let first = needle.first else { return true }
        var i = haystack.startIndex
        while let k = haystack[i...].firstIndex(of: first) {
            if haystack[k...].starts(with: needle) { return true }
            i = haystack.index(after: k)
        }
        return false
    }

    /// Whether a noun of three or more characters stands between `start` and `end` once
    /// the plan words at its head are cut (推进投资亿元以上的… has none: 投资 is short).
    private func nounBefore(_ start: Int, _ end: Int) -> Bool {
        var s = start
        while s < end, let m = rules.stripStart.longestMatch(in: key, at: s, limit: end) { s += m.length }
        var count = 0
        for k in s..<max(s, end) where TextClasses.isHan(key[k]) { count += 1 }
        return count >= 3
    }

    /// Whether a list item between `start` and `end` has a verb of its own (a plan word of
    /// two or more characters, or a change word).
    private func itemHasVerb(_ start: Int, _ end: Int) -> Bool {
        var k = start
        while k < end {
            if let m = rules.stripStart.longestMatch(in: key, at: k, limit: end), m.length >= 2 { return true }
            k += 1
        }
        // a comparator or link of its own (上线平台企业超过2000家)
        k = end
        while k > start {
            if let m = rules.comparatorsBefore.longestMatch(in: key, endingAt: k, lowerBound: start), case .bound = m.payload.op { return true }
            if let m = rules.links.longestMatch(in: key, endingAt: k, lowerBound: start), m.length >= 2 { return true }
            k -= 1
        }
        return ChangeCuesProbe.hasChangeWord(rules: rules, key: key, start: start, end: end)
    }

    /// Where the body of an outline entry's heading starts (after its marker).
    private func sectionBodyStart(_ index: Int) -> Int {
        let entry = tree.outline[index]
        return entry.headingRange.lowerBound > entry.range.lowerBound ? entry.headingRange.lowerBound : entry.range.lowerBound
    }
}
