/// Reads the document metadata (SPEC §2): title, issuer, document number, plan year and
/// signing date, from the lines before the first section, the document information table
/// and the signature at the end.
struct MetadataReader {
    struct Result {
        var title: String?
        var issuer: String?
        var docNumber: String?
        var year: Int?
        var date: String?
        /// Lines read into the metadata (title, issuer line, document number): not preamble.
        var metaLines: Set<Int> = []
        /// Lines of a site menu before the title: dropped.
        var menuLines: [Int] = []
    }

    /// What the document information table said.
    struct Fields {
        var title: Range<Int>?
        var issuer: Range<Int>?
        var date: String?
        var docNumber: Range<Int>?
    }

    /// The signature found before the pre-pass: the signing date and the organs above it.
    struct Signature {
        var date: String?
        var organs: [String] = []
    }

    let rules: SectionRules
    let text: NormalizedText
    let key: [Unicode.Scalar]
    let lines: [Line]
    let roles: [LineRole]

    init(rules: SectionRules, text: NormalizedText, lines: [Line], roles: [LineRole]) {
        self.rules = rules
        self.text = text
        self.key = text.key
        self.lines = lines
        self.roles = roles
    }

    var dates: DateReader { DateReader(rules: rules, key: key) }

    /// Reads the metadata; `headEnd` is the first line of the first section.
    func read(headEnd: Int, fields: Fields, signature: Signature) -> Result {
        var result = Result()
        let head = (0..<min(headEnd, lines.count)).filter { roles[$0] == .body }

        // Title: the information table, else the first line that reads like a title.
        var titleLines: [Int] = []
        var titleRanges: [Range<Int>] = []
        if let title = fields.title {
            titleRanges = [title]
        } else {
            titleLines = findTitle(head)
            titleRanges = titleLines.map { lines[$0].start..<lines[$0].end }
        }
        if !titleRanges.isEmpty { result.title = compact(titleRanges) }
        result.metaLines.formUnion(titleLines)
        var titleKey: [Unicode.Scalar] = []
        var titleClean: [Unicode.Scalar] = []
        var titleLength = 0
        for range in titleRanges { titleLength += range.count }
        titleKey.reserveCapacity(titleLength)
        titleClean.reserveCapacity(titleLength)
        for range in titleRanges {
            for position in range where !Scalars.isSpace(key[position]) {
                titleKey.append(key[position])
                titleClean.append(text.text[position])
            }
        }
        if !titleKey.isEmpty {
            for index in head where !titleLines.contains(index) && isCompactly(titleKey, lines[index]) {
                result.metaLines.insert(index)
            }
            // The title the information table named, printed again (maybe split) above the text.
            if fields.title != nil {
                let printed = findTitle(head)
                if printed.flatMap({ compactKey(lines[$0]) }) == titleKey { result.metaLines.formUnion(printed) }
            }
        }

        // A site menu: a run of short lines before the title line.
        if let first = titleLines.first {
            var run: [Int] = []
            for index in head where index < first {
                if isMenuLine(lines[index]) {
                    run.append(index)
                } else {
                    if run.count >= rules.limits.menuRun { result.menuLines += run }
                    run = []
                }
            }
            if run.count >= rules.limits.menuRun { result.menuLines += run }
        }

        // Issuer: the table, an organ line above the title, the organ the title names, the signature.
        if let issuer = fields.issuer {
            result.issuer = ScalarString.make(text.text, issuer)
        } else if let first = titleLines.first,
                  let organLine = head.last(where: { $0 < first && isOrganLine(lines[$0]) && !result.menuLines.contains($0) }) {
            result.issuer = ScalarString.make(text.text, lines[organLine].start..<lines[organLine].end)
            result.metaLines.insert(organLine)
        } else if let organ = organ(inTitle: titleClean, folded: titleKey) {
            result.issuer = organ
        } else if !signature.organs.isEmpty {
            result.issuer = signature.organs.joined(separator: " ")
        }

        // Document number: the table, else a line before the first section.
        if let number = fields.docNumber {
            result.docNumber = ScalarString.make(text.text, number)
            for index in head {
                if let range = docNumber(in: lines[index]), range.count + 2 >= lines[index].length {
                    result.metaLines.insert(index)
                }
            }
        } else {
            for index in head {
                if let range = docNumber(in: lines[index]) {
                    result.docNumber = ScalarString.make(text.text, range)
                    if range.count + 2 >= lines[index].length { result.metaLines.insert(index) }
                    break
                }
            }
        }

        // Year: what the title states.
        if !titleKey.isEmpty {
            result.year = DateReader(rules: rules, key: titleKey).titleYear(from: 0, to: titleKey.count)
        }

        // Date: the table, the signature, else a dated subtitle under the title (——2025年1月14日在…).
        if let date = fields.date {
            result.date = date
        } else if let date = signature.date {
            result.date = date
        } else {
            for index in head where key[lines[index].start] == "-" {
                if let date = dates.firstDate(from: lines[index].start, to: lines[index].end) {
                    result.date = date
                    break
                }
            }
        }
        return result
    }

    // MARK: - Title

    /// The title's lines: the first title-like line ending in a title word (办法, 意见,
    /// 方案 …), joined with the line before when that one opens it (关于…); else the first
    /// short title-like line.
    private func findTitle(_ head: [Int]) -> [Int] {
        var candidates: [Int] = []
        for index in head where isTitleShaped(lines[index]) { candidates.append(index) }
        for (position, index) in candidates.enumerated() {
            let line = lines[index]
            guard endsWithTitleWord(line) else { continue }
            if position > 0 {
                let previousIndex = candidates[position - 1]
                let previous = lines[previousIndex]
                // The title's first half: it opens the title (关于…), or the second half is a
                // short tail (… / 实施细则) right under a longer line.
                let opens = contains(rules.titleOpenings, previous) && !contains(rules.titleOpenings, line)
                let tail = line.length * 2 <= previous.length && line.length <= 8
                if previousIndex == index - 1 && !endsWithTitleWord(previous) && (opens || (tail && !line.blankBefore)) {
                    return [previousIndex, index]
                }
            }
            return [index]
        }
        if let first = candidates.first, lines[first].length <= rules.limits.titleLength * 2 / 3 {
            return [first]
        }
        return []
    }

    private func isTitleShaped(_ line: Line) -> Bool {
        let length = line.length
        guard length >= 2, length <= rules.limits.titleLength else { return false }
        if rules.sentenceEnd.firstIndex(in: key, from: line.start, to: line.end) < line.end { return false }
        let last = key[line.end - 1]
        if rules.terminal.contains(last) || rules.continuation.contains(last) { return false }
        if key[line.start] == "-" { return false }
        if isOrganLine(line) || dates.standaloneDate(line) != nil || docNumber(in: line) != nil { return false }
        return true
    }

    private func endsWithTitleWord(_ line: Line) -> Bool {
        var end = line.end
        while end > line.start && rules.closers.contains(key[end - 1]) { end -= 1 }
        return SectionRules.suffix(of: rules.titleSuffixes, in: key, start: line.start, end: end) != nil
    }

    private func isMenuLine(_ line: Line) -> Bool {
        guard line.length <= rules.limits.menuLength else { return false }
        for position in line.start..<line.end {
            let scalar = key[position]
            if rules.sentenceEnd.contains(scalar) || rules.terminal.contains(scalar) || rules.continuation.contains(scalar) {
                return false
            }
        }
        return !isOrganLine(line)
    }

    private func contains(_ words: [[Unicode.Scalar]], _ line: Line) -> Bool {
        var position = line.start
        while position < line.end {
            if MarkerStyle.prefix(of: words, in: key, at: position, limit: line.end) != nil { return true }
            position += 1
        }
        return false
    }

    // MARK: - Issuer

    /// A line made only of organ names (`中共柳河县委 柳河县人民政府`, `国务院办公厅`).
    func isOrganLine(_ line: Line) -> Bool {
        var position = line.start
        var tokens = 0
        while position < line.end {
            let start = position
            while position < line.end && !Scalars.isSpace(key[position]) {
                let scalar = key[position]
                guard Scalars.isIdeograph(scalar) else { return false }
                position += 1
            }
            guard position - start >= 3,
                  SectionRules.suffix(of: rules.issuerSuffixes, in: key, start: start, end: position) != nil else { return false }
            tokens += 1
            position = MarkerStyle.skipSpaces(key, position, line.end)
        }
        return tokens > 0
    }

    /// The organ a title names: its start (after a year) up to an organ ending followed by
    /// `关于`, a year or another cue (`西安市科学技术局2011年度…`, `国务院办公厅关于…`).
    private func organ(inTitle clean: [Unicode.Scalar], folded: [Unicode.Scalar]) -> String? {
        guard !folded.isEmpty else { return nil }
        var start = 0
        if let year = DateReader(rules: rules, key: folded).titleYear(from: 0, to: min(folded.count, 8)), year > 0 {
            // Skip a leading year: digits then 年.
            var position = 0
            while position < folded.count && !rules.dateUnits.isEmpty && folded[position] != rules.dateUnits[0].first { position += 1 }
            if position < 6 && position < folded.count { start = position + 1 }
        }
        var end = start + 2
        while end < folded.count {
            if rules.issuerSuffixEnds.contains(folded[end - 1]),
               let _ = SectionRules.suffix(of: rules.issuerSuffixes, in: folded, start: start, end: end) {
                let followed = Scalars.isDigit(folded[end])
                    || MarkerStyle.prefix(of: rules.issuerFollowers, in: folded, at: end, limit: folded.count) != nil
                if followed { return clean[start..<end].utf8String }
            }
            end += 1
        }
        return nil
    }

    // MARK: - Document number

    /// A document number in a line: `国办函〔2005〕57号` (any brackets of `docnumber-open`).
    func docNumber(in line: Line) -> Range<Int>? {
        var position = line.start
        while position < line.end {
            // Skip to the next opening bracket.
            position = rules.docNumberOpen.firstIndex(in: key, from: position, to: line.end)
            if position < line.end {
                var cursor = position + 1
                var digits = 0
                while cursor < line.end && Scalars.isDigit(key[cursor]) { cursor += 1; digits += 1 }
                if digits == 4, cursor < line.end, rules.docNumberClose.contains(key[cursor]) {
                    cursor += 1
                    let numberStart = cursor
                    while cursor < line.end && Scalars.isDigit(key[cursor]) { cursor += 1 }
                    if cursor > numberStart, cursor < line.end,
                       let end = MarkerStyle.prefix(of: rules.docNumberEnds, in: key, at: cursor, limit: line.end) {
                        var start = position
                        while start > line.start && position - start < 10 && Scalars.isIdeograph(key[start - 1]) { start -= 1 }
                        if start < position { return start..<(cursor + end) }
                    }
                }
            }
            position += 1
        }
        return nil
    }

    // MARK: - Helpers

    /// The clean text of ranges, with the spaces between ideographs removed (`国 家 粮 食` → `国家粮食`).
    func compact(_ ranges: [Range<Int>]) -> String {
        var scalars: [Unicode.Scalar] = []
        var count = 0
        for range in ranges { count += range.count }
        scalars.reserveCapacity(count)
        for range in ranges { scalars += text.text[range] }
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            if Scalars.isSpace(scalar) {
                let before = index > 0 ? scalars[index - 1] : " "
                let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                if Scalars.isIdeograph(before) || Scalars.isIdeograph(after) || Scalars.isSpace(after) { continue }
            }
            kept.append(scalar)
        }
        return kept.utf8String
    }

    /// Whether `compactKey(line)` is `scalars` (compared in place).
    private func isCompactly(_ scalars: [Unicode.Scalar], _ line: Line) -> Bool {
        var index = 0
        for position in line.start..<line.end where !Scalars.isSpace(key[position]) {
            guard index < scalars.count, key[position] == scalars[index] else { return false }
            index += 1
        }
        return index == scalars.count
    }

    private func compactKey(_ line: Line) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for position in line.start..<line.end where !Scalars.isSpace(key[position]) { result.append(key[position]) }
        return result
    }
}
