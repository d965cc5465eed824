/// One paragraph being assembled: the clean ranges it is made of (more than one when the
/// source broke it) are `TreeBuilder.pieces[pieces]`, and the lines they came from the
/// same range of `TreeBuilder.pieceLines`.
///
/// Paragraphs, sections and their pieces live in a few flat arrays of the builder rather
/// than in arrays of their own (which cost an allocation each, and retains on every access).
/// Text is only ever added to the paragraph opened last, so each one's pieces are contiguous.
struct BlockBuilder: Sendable {
    /// The section it belongs to, nil for the preamble.
    var owner: Int?
    var pieces: Range<Int>
    /// The next paragraph of the same section, or -1.
    var next = -1
}

/// A section being assembled.
struct SectionNode: Sendable {
    var parent: Int?
    var style: Int
    var level: Int
    var number: Int
    var path: [Int]
    var marker: Range<Int>
    /// Its heading's pieces: `TreeBuilder.headingPieces[heading]` (none, one, or two when the
    /// heading went on on the next line).
    var heading: Range<Int>
    /// Its paragraphs and children, as linked lists (index of the first and last, or -1;
    /// `BlockBuilder.next` and `nextSibling` link them).
    var firstBlock = -1
    var lastBlock = -1
    var firstChild = -1
    var lastChild = -1
    var nextSibling = -1
    /// The end of its own content (heading or last block), clean coordinates.
    var end: Int
    var line: Int
}

/// Where the text before a marker stands, which decides what markers may count there.
enum MarkerContext: Sendable, Equatable, CaseIterable {
    /// At the start of a line or of a run-on paragraph.
    case lineStart
    /// Right after a sentence end (`。` `;` `!` `?`).
    case sentence
    /// Right after an item start (`：`): only an item list may begin.
    case itemStart
    /// Right after an item continuation (`，`): only the next item may follow.
    case itemContinue
    /// Glued to the text before it.
    case glued

    /// Its bit in `SectionRules.markerContexts`.
    var bit: UInt8 {
        switch self {
        case .lineStart: return 1
        case .sentence: return 2
        case .itemStart: return 4
        case .itemContinue: return 8
        case .glued: return 16
        }
    }
}

/// Stage-internal: walks the lines once, recognises markers, and builds the section tree,
/// its headings and paragraphs. Linear in the text: every position is looked at a bounded
/// number of times; markers are only tried where a marker character stands.
///
/// Its methods that only read the builder are `mutating` too, or static: called from a
/// mutating method, a non-mutating one gets a copy of the whole builder (a memcpy of some
/// 300 bytes per call, and the markers are looked for many thousand times a document),
/// while a mutating one gets its address.
struct TreeBuilder {
    /// How a marker fits the tree.
    enum Decision {
        /// A sibling of the open section at stack index `index`.
        case sibling(index: Int, diagnostic: String?)
        /// A child of the section at stack index `keep - 1` (a root when 0).
        case child(keep: Int)
        /// An inline item under `parent`.
        case item(parent: Int)
    }

    /// The line text was last read from. Whether it ends a sentence or goes on is asked only
    /// when the next line starts a paragraph (`endsTerminal`, `endsContinuing`).
    struct Tail {
        var line: Int
        var heading: Bool
    }

    let rules: SectionRules
    let text: NormalizedText
    let key: [Unicode.Scalar]
    let lines: [Line]
    let roles: [LineRole]
    let indentedDocument: Bool

    var nodes: [SectionNode] = []
    var roots: [Int] = []
    var stack: [Int] = []
    /// The last number of each level (by `MarkerMatch.level`), or -1.
    var runLast: [Int]
    /// The open item list: its parent section and last number.
    var group: (parent: Int, last: Int)?
    /// The item whose paragraph is being read.
    var currentItem: Int?
    /// The paragraph text is being added to (always the last of `blocks`).
    var currentBlock: Int?
    /// Every paragraph, in the order they were opened.
    var blocks: [BlockBuilder] = []
    /// The paragraphs of the preamble (indices into `blocks`).
    var preamble: [Int] = []
    /// The clean ranges paragraphs are made of, and the line of each.
    var pieces: [Range<Int>] = []
    var pieceLines: [Int] = []
    /// The clean ranges headings are made of.
    var headingPieces: [Range<Int>] = []
    var tail: Tail?
    var diagnostics: [Diagnostic] = []
    var firstSectionLine: Int?
    /// The line whose end a heading reached (its tail is the heading's).
    var headingFilledLine: Int?
    /// What `startsWithMarker` found at the start of line `foundAtLine` (-1: nothing kept),
    /// for `lineStartMarker`. Only the line number is reset (a plain store; resetting the
    /// result would destroy it each time).
    var foundAtLineStart: (MarkerMatch, Int, Decision)?
    var foundAtLine = -1

    init(rules: SectionRules, text: NormalizedText, lines: [Line], roles: [LineRole], indentedDocument: Bool) {
        self.rules = rules
        self.text = text
        self.key = text.key
        self.lines = lines
        self.roles = roles
        self.indentedDocument = indentedDocument
        runLast = [Int](repeating: -1, count: rules.levelSlots)
        // Room for the usual: about one section, paragraph and piece a line.
        nodes.reserveCapacity(lines.count)
        blocks.reserveCapacity(lines.count)
        pieces.reserveCapacity(lines.count + 16)
        pieceLines.reserveCapacity(lines.count + 16)
        headingPieces.reserveCapacity(lines.count)
        stack.reserveCapacity(16)
        roots.reserveCapacity(16)
    }

    // MARK: - The pass

    mutating func build() {
        var index = 0
        var resume: Int?
        while index < lines.count {
            guard roles[index] == .body else {
                if roles[index] == .meta { tail = nil; currentBlock = nil; currentItem = nil }
                index += 1
                continue
            }
            let line = lines[index]
            var position = line.start
            if let resumeAt = resume {
                position = resumeAt
                resume = nil
            } else if let (match, style, decision) = lineStartMarker(line: index) {
                let next = open(match, style: style, decision: decision, line: index)
                if next.line != index {
                    index = next.line
                    resume = next.position
                    continue
                }
                position = next.position
            } else {
                startParagraph(line: index)
            }
            if let next = scan(line: index, from: position) {
                index = next.line
                resume = next.position
                continue
            }
            index += 1
        }
        // A section ends where its last descendant ends (children come after their parent).
        for index in nodes.indices.reversed() {
            if let parent = nodes[index].parent { nodes[parent].end = max(nodes[parent].end, nodes[index].end) }
        }
    }

    /// Reads the rest of a line from `position`: text, and markers after boundaries.
    /// Returns where to resume when a heading ran onto a later line.
    private mutating func scan(line index: Int, from position: Int) -> (line: Int, position: Int)? {
        let line = lines[index]
        var segmentStart = position
        while let (at, match, style, decision) = nextMarker(line: index, from: segmentStart) {
            append(segmentStart..<at, line: index)
            let next = open(match, style: style, decision: decision, line: index)
            if next.line != index { return next }
            segmentStart = next.position
        }
        let appended = append(segmentStart..<line.end, line: index)
        if appended || headingFilledLine != index { recordTail(line: index, heading: false) }
        return nil
    }

    /// The first marker the tree accepts on a line from `position` on (not at the line
    /// start), and where it stands.
    ///
    /// The text has many marker characters (一, 二 …) that turn out not to be markers: a
    /// cheap test of the scalar before each passes over most of them.
    private mutating func nextMarker(line index: Int, from position: Int) -> (Int, MarkerMatch, Int, Decision)? {
        let line = lines[index]
        var cursor = position
        while cursor < line.end {
            // Markers are only tried where a marker character stands: skip to the next one.
            cursor = rules.markerStart.firstIndex(in: key, from: cursor, to: line.end)
            guard cursor < line.end else { break }
            if cursor > line.start, TreeBuilder.mayFollow(key[cursor - 1], key[cursor], rules),
               let context = context(before: cursor, line: line),
               let (match, style, decision) = findMarker(at: cursor, line: index, context: context) {
                return (cursor, match, style, decision)
            }
            cursor += 1
        }
        return nil
    }

    /// Whether a marker starting with `scalar` may follow `previous`, the scalar right before
    /// it: a space or a boundary (the context decides), or for a digit what it may be glued
    /// to. The cheap test before `context(before:line:)`, which finds no context for the rest.
    /// (Static: a method called from a mutating one would get a copy of the builder.)
    @inline(__always)
    private static func mayFollow(_ previous: Unicode.Scalar, _ scalar: Unicode.Scalar, _ rules: SectionRules) -> Bool {
        Scalars.isSpace(previous) || rules.markerBoundary.contains(previous)
            || (Scalars.isDigit(scalar) && !Scalars.isASCIIAlphanumeric(previous) && !rules.glueBlockers.contains(previous))
    }

    /// What stands before `position` on its line.
    private mutating func context(before position: Int, line: Line) -> MarkerContext? {
        var before = position - 1
        while before >= line.start && Scalars.isSpace(key[before]) { before -= 1 }
        guard before >= line.start else { return .lineStart }
        let previous = key[before]
        if rules.sentenceEnd.contains(previous) { return .sentence }
        if rules.itemStart.contains(previous) { return .itemStart }
        if rules.itemContinue.contains(previous) { return .itemContinue }
        if before == position - 1 && Scalars.isDigit(key[position]) && !Scalars.isASCIIAlphanumeric(previous)
            && !rules.glueBlockers.contains(previous) && !Scalars.isSpace(previous) {
            return .glued
        }
        return nil
    }

    /// The first marker at `position` that the tree accepts in this context.
    private mutating func findMarker(at position: Int, line index: Int, context: MarkerContext) -> (MarkerMatch, Int, Decision)? {
        let line = lines[index]
        let value = key[position].value
        guard value < 0x10000, rules.candidateIndex[Int(value)] > 0 else { return nil }
        var numerals = NumeralMemo()
        for slot in rules.candidateLists[Int(rules.candidateIndex[Int(value)]) - 1] {
            let styleIndex = rules.candidateStyles[slot]
            // Styles that cannot stand here are passed over before their rules are touched.
            guard rules.markerContexts[styleIndex] & context.bit != 0 else { continue }
            // A glued marker only continues the run of its level (see `evaluate`): with no
            // number read at that level yet, none can be one.
            if context == .glued, rules.runLevels[styleIndex] >= 0, runLast[rules.runLevels[styleIndex]] < 0 { continue }
            let style = rules.markers[styleIndex]
            guard let match = style.match(key, at: position, limit: line.end, numerals: &numerals) else { continue }
            if let decision = evaluate(match, style: style, context: context, line: line) {
                return (match, styleIndex, decision)
            }
        }
        return nil
    }

    // MARK: - Accepting markers

    /// Whether a marker counts here, and where it goes in the tree. Changes nothing (mutating
    /// only to read the builder in place, see the type's comment).
    private mutating func evaluate(_ match: MarkerMatch, style: MarkerStyle, context: MarkerContext, line: Line) -> Decision? {
        if style.item { return evaluateItem(match, style: style, context: context) }
        guard style.allows(context) else { return nil }
        if style.wholeLine {
            var position = match.range.upperBound
            while position < line.end {
                if rules.sentenceEnd.contains(key[position]) { return nil }
                position += 1
            }
        }
        let number = match.number
        if let index = stack.lastIndex(where: { nodes[$0].level == match.level }) {
            let open = nodes[stack[index]]
            if match.path.count > 1
                && !TreeBuilder.samePrefix(match.path, match.path.count - 1, open.path, max(open.path.count - 1, 0)) {
                return nil
            }
            if number == open.number + 1 { return .sibling(index: index, diagnostic: nil) }
            guard context == .lineStart else { return nil }
            if number == open.number { return .sibling(index: index, diagnostic: "numbering-repeat") }
            if number > open.number + 1 && number <= open.number + rules.limits.numberingGap {
                return .sibling(index: index, diagnostic: "numbering-gap")
            }
            return nil
        }
        var keep = stack.count
        if let parentLevel = style.parentLevel(of: match) {
            guard let index = stack.lastIndex(where: { nodes[$0].level == parentLevel }),
                  TreeBuilder.samePrefix(nodes[stack[index]].path, nodes[stack[index]].path.count,
                                         match.path, match.path.count - 1) else { return nil }
            keep = index + 1
        }
        if number == 1 && context != .glued { return .child(keep: keep) }
        if match.level < runLast.count, runLast[match.level] >= 0, number == runLast[match.level] + 1 {
            return .child(keep: keep)
        }
        return nil
    }

    /// Whether the first `count` numbers of `path` are the first `otherCount` of `other`
    /// (compared in place: a decimal marker's parent path, without making arrays).
    private static func samePrefix(_ path: [Int], _ count: Int, _ other: [Int], _ otherCount: Int) -> Bool {
        guard count == otherCount else { return false }
        var index = 0
        while index < count {
            if path[index] != other[index] { return false }
            index += 1
        }
        return true
    }

    /// Items (`一是 … 二是 …`): children of the innermost open section; a list starts with
    /// 一 (when 二 follows) and continues one by one.
    private mutating func evaluateItem(_ match: MarkerMatch, style: MarkerStyle, context: MarkerContext) -> Decision? {
        guard context != .glued, let parent = stack.last else { return nil }
        if let group, group.parent == parent, match.number == group.last + 1 { return .item(parent: parent) }
        guard match.number == 1, context != .itemContinue else { return nil }
        guard let two = style.ordinals.first?.spelling(of: 2), let close = style.closes.first?.first else { return nil }
        var position = match.range.upperBound
        let limit = min(key.count - 1, position + rules.limits.itemLookahead)
        while position < limit {
            if key[position] == two && key[position + 1] == close { return .item(parent: parent) }
            position += 1
        }
        return nil
    }

    // MARK: - Opening sections

    /// Opens an accepted marker's section and reads its heading. Returns where reading goes on.
    private mutating func open(_ match: MarkerMatch, style styleIndex: Int, decision: Decision, line index: Int) -> (line: Int, position: Int) {
        let style = rules.markers[styleIndex]
        foundAtLine = -1
        var parent: Int?
        switch decision {
        case .sibling(let at, let diagnostic):
            if let diagnostic {
                let previous = nodes[stack[at]].number
                let message = diagnostic == "numbering-gap"
                    ? "\(style.name) number \(match.number) follows \(previous): numbers are missing"
                    : "\(style.name) number \(match.number) repeats the previous number"
                diagnostics.append(Diagnostic(code: diagnostic, message: message, span: text.span(match.range), severity: .warning))
            }
            while stack.count > at { stack.removeLast() }
            parent = stack.last
        case .child(let keep):
            while stack.count > keep { stack.removeLast() }
            parent = stack.last
        case .item(let at):
            parent = at
        }
        let node = SectionNode(parent: parent, style: styleIndex, level: match.level, number: match.number,
                               path: match.path, marker: match.range,
                               heading: headingPieces.count..<headingPieces.count,
                               end: match.range.upperBound, line: index)
        let nodeIndex = nodes.count
        nodes.append(node)
        if let parent {
            if nodes[parent].lastChild >= 0 {
                nodes[nodes[parent].lastChild].nextSibling = nodeIndex
            } else {
                nodes[parent].firstChild = nodeIndex
            }
            nodes[parent].lastChild = nodeIndex
        } else {
            roots.append(nodeIndex)
        }
        if style.item {
            group = (parent!, match.number)
            currentItem = nodeIndex
        } else {
            stack.append(nodeIndex)
            if match.level < runLast.count { runLast[match.level] = match.number }
            group = nil
            currentItem = nil
            if firstSectionLine == nil { firstSectionLine = index }
        }
        currentBlock = nil
        return readHeading(of: nodeIndex, item: style.item, line: index, from: match.range.upperBound)
    }

    /// Reads a heading: to the first sentence end, the line end, or the next marker glued to
    /// it; a heading the source broke across lines continues on the next line.
    private mutating func readHeading(of node: Int, item: Bool, line index: Int, from start: Int) -> (line: Int, position: Int) {
        let line = lines[index]
        let headingStart = MarkerStyle.skipSpaces(key, start, line.end)
        let (position, rest) = headingEnd(item: item, line: index, from: headingStart)
        addHeading(headingStart..<position, to: node)
        if let rest {
            return (index, rest)
        }
        // The heading reached the line end.
        if !item, let next = nextBodyLine(after: index), headingContinues(node: node, line: index, next: next) {
            diagnostics.append(Diagnostic(code: "joined-heading", message: "a heading broken across lines was joined",
                                          span: text.span(nodes[node].marker.lowerBound..<lines[next].end)))
            let nextLine = lines[next]
            var cursor = nextLine.start
            while cursor < nextLine.end && !rules.sentenceEnd.contains(key[cursor]) { cursor += 1 }
            addHeading(nextLine.start..<cursor, to: node)
            if cursor < nextLine.end { return (next, cursor + 1) }
            recordTail(line: next, heading: true)
            headingFilledLine = next
            return (next, nextLine.end)
        }
        recordTail(line: index, heading: true)
        headingFilledLine = index
        return (index, line.end)
    }

    /// Where a heading starting at `headingStart` ends: at the first sentence end (reading
    /// goes on after it), the line end (`rest` nil), or a marker glued to it (reading goes
    /// on at the marker).
    private mutating func headingEnd(item: Bool, line index: Int, from headingStart: Int) -> (end: Int, rest: Int?) {
        let line = lines[index]
        var position = headingStart
        while position < line.end {
            // Only a stop can end the heading: skip to the next one. (The sets are used where
            // they stand: a copy in a local costs two retains and releases.)
            position = item ? rules.itemHeadingStops.firstIndex(in: key, from: position, to: line.end)
                            : rules.headingStops.firstIndex(in: key, from: position, to: line.end)
            guard position < line.end else { break }
            let scalar = key[position]
            if item ? rules.itemEnd.contains(scalar) : rules.sentenceEnd.contains(scalar) { return (position, position + 1) }
            if position > headingStart && rules.markerStart.contains(scalar),
               TreeBuilder.mayFollow(key[position - 1], scalar, rules),
               let context = context(before: position, line: line),
               context == .glued || (item && context == .itemContinue) || (item && context == .sentence),
               findMarker(at: position, line: index, context: context) != nil {
                return (position, position)
            }
            position += 1
        }
        return (position, nil)
    }

    private mutating func addHeading(_ range: Range<Int>, to node: Int) {
        var end = range.upperBound
        var start = range.lowerBound
        while start < end && Scalars.isSpace(key[start]) { start += 1 }
        while end > start && (Scalars.isSpace(key[end - 1]) || rules.headingTrail.contains(key[end - 1])) { end -= 1 }
        guard start < end else { return }
        // A node's heading pieces are added one after the other, before any other node opens.
        assert(nodes[node].heading.upperBound == headingPieces.count)
        headingPieces.append(start..<end)
        nodes[node].heading = nodes[node].heading.lowerBound..<headingPieces.count
        nodes[node].end = max(nodes[node].end, end)
    }

    /// Whether a heading that reached its line end goes on on the next line.
    private mutating func headingContinues(node: Int, line index: Int, next: Int) -> Bool {
        let line = lines[index]
        let nextLine = lines[next]
        if line.runOn || nextLine.runOn || nextLine.blankBefore { return false }
        if startsWithMarker(next) { return false }
        if nodes[node].heading.isEmpty { return true }
        if endsContinuing(line) { return true }
        return indentedDocument && line.indent >= rules.limits.indent && nextLine.indent == 0
    }

    private mutating func startsWithMarker(_ index: Int) -> Bool {
        foundAtLineStart = findMarker(at: lines[index].start, line: index, context: .lineStart)
        foundAtLine = index
        return foundAtLineStart != nil
    }

    /// The marker the tree accepts at the start of a line. `startsWithMarker` may have looked
    /// already, for a heading that reached the end of the line before: nothing changes the
    /// tree in between, so its answer stands.
    @inline(__always)
    private mutating func lineStartMarker(line index: Int) -> (MarkerMatch, Int, Decision)? {
        if foundAtLine == index {
            foundAtLine = -1
            return foundAtLineStart
        }
        foundAtLine = -1
        return findMarker(at: lines[index].start, line: index, context: .lineStart)
    }

    private mutating func nextBodyLine(after index: Int) -> Int? {
        var next = index + 1
        while next < lines.count {
            switch roles[next] {
            case .body: return next
            case .meta: return nil
            case .dropped: next += 1
            }
        }
        return nil
    }

    // MARK: - Paragraphs

    /// A line that starts with text: it goes on the open paragraph when the source broke
    /// that paragraph, else it starts a new one.
    private mutating func startParagraph(line index: Int) {
        if let tail, currentBlock != nil, !tail.heading, !endsTerminal(lines[tail.line]), joins(tail, index) {
            let first = pieces[blocks[currentBlock!].pieces.lowerBound]
            diagnostics.append(Diagnostic(code: "joined-paragraph", message: "a paragraph broken across lines was joined",
                                          span: text.span(first.lowerBound..<lines[index].end)))
            return
        }
        currentBlock = nil
        currentItem = nil
    }

    private mutating func joins(_ tail: Tail, _ index: Int) -> Bool {
        let line = lines[index]
        let limits = rules.limits
        if endsContinuing(lines[tail.line]) { return true }
        if indentedDocument && !line.runOn && line.indent == 0 && !line.blankBefore { return true }
        let previous = lines[tail.line]
        if SectionRules.suffix(of: rules.titleSuffixes, in: key, start: previous.start, end: previous.end) != nil { return false }
        if line.length < limits.shortLine && !endsTerminal(line) { return false }
        return previous.length >= limits.joinLength && (!line.blankBefore || previous.length >= limits.joinLengthBlank)
    }

    /// Adds text to the paragraph being read (a new one when none is open for its owner).
    @discardableResult
    private mutating func append(_ range: Range<Int>, line index: Int) -> Bool {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && Scalars.isSpace(key[start]) { start += 1 }
        while end > start && Scalars.isSpace(key[end - 1]) { end -= 1 }
        guard start < end else { return false }
        let owner = currentItem ?? stack.last
        if currentBlock == nil || blocks[currentBlock!].owner != owner {
            let block = blocks.count
            blocks.append(BlockBuilder(owner: owner, pieces: pieces.count..<pieces.count))
            if let owner {
                if nodes[owner].lastBlock >= 0 {
                    blocks[nodes[owner].lastBlock].next = block
                } else {
                    nodes[owner].firstBlock = block
                }
                nodes[owner].lastBlock = block
            } else {
                preamble.append(block)
            }
            currentBlock = block
        }
        let block = currentBlock!
        assert(block == blocks.count - 1 && blocks[block].pieces.upperBound == pieces.count)
        pieces.append(start..<end)
        pieceLines.append(index)
        blocks[block].pieces = blocks[block].pieces.lowerBound..<pieces.count
        if let owner { nodes[owner].end = max(nodes[owner].end, end) }
        return true
    }

    private mutating func recordTail(line index: Int, heading: Bool) {
        tail = Tail(line: index, heading: heading)
    }

    /// The last character of a line that is not a closing quote or bracket.
    private mutating func lastScalar(_ line: Line) -> Int? {
        var end = line.end - 1
        while end >= line.start && rules.closers.contains(key[end]) { end -= 1 }
        return end >= line.start ? end : nil
    }

    private mutating func endsTerminal(_ line: Line) -> Bool {
        guard let last = lastScalar(line) else { return true }
        return rules.terminal.contains(key[last])
    }

    private mutating func endsContinuing(_ line: Line) -> Bool {
        guard line.end > line.start else { return false }
        if rules.continuation.contains(key[line.end - 1]) { return true }
        guard rules.connectiveEnds.contains(key[line.end - 1]) else { return false }
        return SectionRules.suffix(of: rules.connectives, in: key, start: line.start, end: line.end) != nil
    }
}
