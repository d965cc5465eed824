/// Finds a table of contents: a `目录` line followed by a run of heading lines that the
/// body repeats (`1 总则……1` … then `1 总则` again). Its lines are not the section tree.
enum TableOfContents {
    /// The lines `[header, bodyStart)` of each table of contents found.
    static func find(_ key: [Unicode.Scalar], lines: [Line], roles: [LineRole], rules: SectionRules) -> [Range<Int>] {
        guard !rules.tocHeaders.isEmpty else { return [] }
        var found: [Range<Int>] = []
        var index = 0
        while index < lines.count {
            guard roles[index] == .body, isHeader(key, lines[index], rules) else {
                index += 1
                continue
            }
            var entries: [Int] = []
            var first: (line: Line, end: Int)?
            var end: Int?
            var leaders = false
            var next = index + 1
            while next < lines.count {
                if roles[next] != .body { next += 1; continue }
                let line = lines[next]
                let entryEnd = entryEnd(key, line)
                if let first, sameEntry(key, line, entryEnd, first.line, first.end) {
                    end = next
                    break
                }
                guard isEntry(key, line, rules) else { break }
                if entries.isEmpty { first = (line, entryEnd) }
                if hasLeader(key, line) { leaders = true }
                entries.append(next)
                next += 1
            }
            if let end {
                found.append(index..<end)
                index = end
            } else if leaders, let last = entries.last {
                found.append(index..<(last + 1))
                index = last + 1
            } else {
                index += 1
            }
        }
        return found
    }

    private static func isHeader(_ key: [Unicode.Scalar], _ line: Line, _ rules: SectionRules) -> Bool {
        guard line.length <= 12 else { return false }
        for header in rules.tocHeaders where isSpelled(header, key, line) { return true }
        return false
    }

    /// Whether the line, its spaces aside, is `word` (compared in place).
    private static func isSpelled(_ word: [Unicode.Scalar], _ key: [Unicode.Scalar], _ line: Line) -> Bool {
        var index = 0
        for position in line.start..<line.end where !Scalars.isSpace(key[position]) {
            guard index < word.count, key[position] == word[index] else { return false }
            index += 1
        }
        return index == word.count
    }

    private static func isEntry(_ key: [Unicode.Scalar], _ line: Line, _ rules: SectionRules) -> Bool {
        guard line.length <= rules.limits.titleLength * 2 else { return false }
        for position in line.start..<line.end where rules.sentenceEnd.contains(key[position]) { return false }
        return true
    }

    private static func isLeader(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "…" || scalar == "·" || scalar == "-" || scalar == "_" || scalar == "⋯"
    }

    private static func hasLeader(_ key: [Unicode.Scalar], _ line: Line) -> Bool {
        var run = 0
        for position in line.start..<line.end {
            run = isLeader(key[position]) ? run + 1 : 0
            if run >= 3 || key[position] == "…" { return true }
        }
        return false
    }

    /// Where an entry ends without its dot leaders and page number.
    private static func entryEnd(_ key: [Unicode.Scalar], _ line: Line) -> Int {
        var end = line.end
        while end > line.start && (Scalars.isDigit(key[end - 1]) || Scalars.isSpace(key[end - 1])) { end -= 1 }
        var trimmed = end
        while trimmed > line.start && (isLeader(key[trimmed - 1]) || Scalars.isSpace(key[trimmed - 1])) { trimmed -= 1 }
        return trimmed < end ? trimmed : line.end
    }

    /// Whether two entries (each up to its `entryEnd`) are the same, spaces aside: compared
    /// in place.
    private static func sameEntry(_ key: [Unicode.Scalar], _ line: Line, _ end: Int,
                                  _ other: Line, _ otherEnd: Int) -> Bool {
        var position = line.start
        var otherPosition = other.start
        while true {
            while position < end && Scalars.isSpace(key[position]) { position += 1 }
            while otherPosition < otherEnd && Scalars.isSpace(key[otherPosition]) { otherPosition += 1 }
            if position == end || otherPosition == otherEnd { return position == end && otherPosition == otherEnd }
            if key[position] != key[otherPosition] { return false }
            position += 1
            otherPosition += 1
        }
    }
}
