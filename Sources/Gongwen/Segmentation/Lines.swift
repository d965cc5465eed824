/// One line of the clean text with its content trimmed, or one paragraph of a run-on line.
struct Line: Sendable {
    /// Content start (after the indent) and end (before trailing spaces), clean coordinates.
    var start: Int
    var end: Int
    /// Spaces before the content on its physical line; 0 for the later paragraphs of a run-on line.
    var indent: Int
    /// A blank line separates it from the previous line.
    var blankBefore: Bool
    /// A paragraph cut out of a run-on line at a space.
    var runOn: Bool

    var length: Int { end - start }
}

/// What a line is to the segmenter.
enum LineRole: Sendable, Equatable {
    /// Text: headings and paragraphs.
    case body
    /// Site furniture, a document information table or a table of contents: dropped.
    case dropped
    /// A signature or signing-date line: read into the metadata, not a paragraph.
    case meta
}

/// Splits clean text into lines, and run-on lines (one scraped line whose paragraphs are
/// separated by spaces) into their paragraphs.
enum LineSplitter {
    static func split(_ key: [Unicode.Scalar], rules: SectionRules) -> [Line] {
        // Reads the text through a pointer: this pass looks at every scalar.
        key.withUnsafeBufferPointer { split($0, rules: rules) }
    }

    private static func split(_ key: UnsafeBufferPointer<Unicode.Scalar>, rules: SectionRules) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(key.count / 40 + 1)
        var blank = false
        var lineStart = 0
        let count = key.count
        while lineStart <= count {
            var lineEnd = lineStart
            var breaks = 0
            while lineEnd < count {
                let scalar = key[lineEnd]
                // Nearly every scalar is past U+3000, the highest newline or space: one test.
                if scalar.value > 0x3000 {
                    lineEnd += 1
                    continue
                }
                if scalar == "\n" { break }
                if Scalars.isSpace(scalar) && lineEnd > lineStart && rules.sentenceEnd.contains(key[lineEnd - 1]) { breaks += 1 }
                lineEnd += 1
            }
            var start = lineStart
            while start < lineEnd && Scalars.isSpace(key[start]) { start += 1 }
            var end = lineEnd
            while end > start && Scalars.isSpace(key[end - 1]) { end -= 1 }
            if start == end {
                blank = true
            } else if breaks >= rules.limits.runonBreaks && isRunOn(key, start, end, rules) {
                var segment = start
                var first = true
                while segment < end {
                    var segmentEnd = segment
                    while segmentEnd < end && !Scalars.isSpace(key[segmentEnd]) { segmentEnd += 1 }
                    lines.append(Line(start: segment, end: segmentEnd, indent: first ? start - lineStart : 0,
                                      blankBefore: first && blank, runOn: true))
                    first = false
                    segment = MarkerStyle.skipSpaces(key, segmentEnd, end)
                }
                blank = false
            } else {
                lines.append(Line(start: start, end: end, indent: start - lineStart, blankBefore: blank, runOn: false))
                blank = false
            }
            lineStart = lineEnd + 1
        }
        return lines
    }

    /// A run-on line has several sentence ends followed by a space and more text.
    private static func isRunOn(_ key: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, _ rules: SectionRules) -> Bool {
        var breaks = 0
        var position = start
        while position + 2 < end {
            if rules.sentenceEnd.contains(key[position]) && Scalars.isSpace(key[position + 1]) {
                let next = MarkerStyle.skipSpaces(key, position + 1, end)
                if next < end {
                    breaks += 1
                    if breaks >= rules.limits.runonBreaks { return true }
                }
            }
            position += 1
        }
        return false
    }
}
