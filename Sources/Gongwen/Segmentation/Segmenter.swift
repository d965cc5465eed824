/// Stage 3: clean text → section tree, preamble and document metadata.
///
/// The work is done in a few linear passes over the lines of the clean text:
/// 1. drop site boilerplate and read a document information table (`Boilerplate.swift`);
/// 2. drop a table of contents (`TableOfContents.swift`);
/// 3. find the signature and signing date at the end (`MetadataReader.swift`);
/// 4. recognise markers and build the tree, headings and paragraphs (`TreeBuilder.swift`);
/// 5. read title, issuer, number and year from the lines before the first section.
///
/// A `Segmenter` holds only its compiled rules, so one value can be shared by many threads.
public struct Segmenter: Sendable {
    public let rules: SectionRules

    public init(rules: SectionRules) {
        self.rules = rules
    }

    /// Segments a normalized document. Never fails: what it notices goes into diagnostics.
    public func segment(_ text: NormalizedText) -> SectionTree {
        let key = text.key
        var lines = LineSplitter.split(key, rules: rules)
        var roles = [LineRole](repeating: .body, count: lines.count)
        var diagnostics: [Diagnostic] = []
        var boilerplate: [Range<Int>] = []
        var fields = MetadataReader.Fields()

        // 1. Site furniture and the document information table.
        dropBoilerplate(text, &lines, &roles, &boilerplate, &diagnostics, &fields)

        // 2. A table of contents.
        for range in TableOfContents.find(key, lines: lines, roles: roles, rules: rules) {
            let clean = lines[range.lowerBound].start..<lines[range.upperBound - 1].end
            for index in range where roles[index] == .body {
                roles[index] = .dropped
                boilerplate.append(lines[index].start..<lines[index].end)
            }
            diagnostics.append(Diagnostic(code: "table-of-contents",
                                          message: "table of contents dropped: the sections are the body's headings",
                                          span: text.span(clean)))
        }

        // 3. The signing date and the signature above it.
        let reader = MetadataReader(rules: rules, text: text, lines: lines, roles: roles)
        var signature = MetadataReader.Signature()
        let dates = reader.dates
        var dateLine = lines.count - 1
        while dateLine >= 0 {
            if roles[dateLine] == .body, let date = dates.standaloneDate(lines[dateLine]) {
                signature.date = date
                break
            }
            dateLine -= 1
        }
        if dateLine >= 0 {
            roles[dateLine] = .meta
            var index = dateLine - 1
            while index >= 0 && signature.organs.count < 3 {
                if roles[index] == .dropped { index -= 1; continue }
                guard roles[index] == .body, reader.isOrganLine(lines[index]) else { break }
                signature.organs.insert(ScalarString.make(text.text, lines[index].start..<lines[index].end), at: 0)
                roles[index] = .meta
                index -= 1
            }
        }

        // 4. The tree.
        var builder = TreeBuilder(rules: rules, text: text, lines: lines, roles: roles,
                                  indentedDocument: isIndented(lines, roles))
        builder.build()
        diagnostics += builder.diagnostics

        // 5. Metadata from the lines before the first section.
        let meta = MetadataReader(rules: rules, text: text, lines: lines, roles: roles)
            .read(headEnd: builder.firstSectionLine ?? lines.count, fields: fields, signature: signature)
        for index in meta.menuLines {
            let range = lines[index].start..<lines[index].end
            boilerplate.append(range)
            diagnostics.append(Diagnostic(code: "boilerplate-dropped", message: "site menu dropped", span: text.span(range)))
        }
        let hidden = meta.metaLines.union(meta.menuLines)
        var preamble: [Block] = []
        for block in builder.preamble
        where !builder.pieceLines[builder.blocks[block].pieces].allSatisfy({ hidden.contains($0) }) {
            preamble.append(makeBlock(builder.blocks[block], builder, text))
        }

        // 6. Sections, ids and spans.
        let nodes = builder.nodes
        // Nodes come in document order, a parent before its children and siblings in their
        // order: each id is its parent's and its place among the siblings counted so far.
        var ids: [String] = []
        var levels: [Int] = []
        var childCounts: [Int] = []
        ids.reserveCapacity(nodes.count)
        levels.reserveCapacity(nodes.count)
        childCounts.reserveCapacity(nodes.count)
        var rootCount = 0
        for index in nodes.indices {
            if let parent = nodes[index].parent {
                childCounts[parent] += 1
                ids.append(ids[parent] + Segmenter.idPart(childCounts[parent], child: true))
                levels.append(levels[parent] + 1)
            } else {
                rootCount += 1
                ids.append(Segmenter.idPart(rootCount, child: false))
                levels.append(1)
            }
            childCounts.append(0)
        }
        var outline: [OutlineEntry] = []
        outline.reserveCapacity(nodes.count)
        for index in nodes.indices {
            // The fields are read where they stand: a copy of a node retains its path.
            let heading = builder.headingPieces[nodes[index].heading]
            let marker = nodes[index].marker
            outline.append(OutlineEntry(id: ids[index], parent: nodes[index].parent, level: levels[index],
                                        style: rules.markers[nodes[index].style].style,
                                        range: marker.lowerBound..<nodes[index].end,
                                        headingRange: headingRange(marker, heading),
                                        heading: ScalarString.make(text.text, heading, separator: TextPieces.separator)))
        }
        var sections: [Section] = []
        sections.reserveCapacity(builder.roots.count)
        for root in builder.roots { sections.append(section(root, nodes, ids, outline, builder, text)) }

        return SectionTree(title: meta.title, issuer: meta.issuer, docNumber: meta.docNumber, year: meta.year,
                           date: meta.date, preamble: preamble, sections: sections, diagnostics: diagnostics,
                           outline: outline, boilerplate: boilerplate.sorted { $0.lowerBound < $1.lowerBound })
    }

    /// The numbers and dotted numbers ids are made of, `"1"` and `".1"` up to 99: made
    /// once, since making them for each section cost more than the rest of its id.
    private static let idNumbers: [String] = (0..<100).map { String($0) }
    private static let idSuffixes: [String] = (0..<100).map { "." + String($0) }

    /// The part of an id a section's position adds: `"3"` for a root, `".3"` for a child.
    private static func idPart(_ position: Int, child: Bool) -> String {
        guard position < idNumbers.count else { return child ? "." + String(position) : String(position) }
        return child ? idSuffixes[position] : idNumbers[position]
    }

    /// The section of node `index`, with its subtree.
    private func section(_ index: Int, _ nodes: [SectionNode], _ ids: [String], _ outline: [OutlineEntry],
                         _ builder: TreeBuilder, _ text: NormalizedText) -> Section {
        // The lists are counted first, so that each array is made once at its size.
        var count = 0
        var block = nodes[index].firstBlock
        while block >= 0 {
            count += 1
            block = builder.blocks[block].next
        }
        var blocks: [Block] = []
        if count > 0 { blocks.reserveCapacity(count) }
        block = nodes[index].firstBlock
        while block >= 0 {
            blocks.append(makeBlock(builder.blocks[block], builder, text))
            block = builder.blocks[block].next
        }
        count = 0
        var child = nodes[index].firstChild
        while child >= 0 {
            count += 1
            child = nodes[child].nextSibling
        }
        var children: [Section] = []
        if count > 0 { children.reserveCapacity(count) }
        child = nodes[index].firstChild
        while child >= 0 {
            children.append(section(child, nodes, ids, outline, builder, text))
            child = nodes[child].nextSibling
        }
        let marker = nodes[index].marker
        return Section(id: ids[index], level: outline[index].level, style: outline[index].style,
                       marker: ScalarString.make(text.text, marker), number: nodes[index].number,
                       heading: outline[index].heading,
                       span: text.span(marker.lowerBound..<nodes[index].end),
                       headingSpan: text.span(outline[index].headingRange),
                       blocks: blocks, children: children)
    }

    /// Drops site furniture (boilerplate rules) and document information table lines, and
    /// strips markdown heading marks.
    private func dropBoilerplate(_ text: NormalizedText, _ lines: inout [Line], _ roles: inout [LineRole],
                                 _ boilerplate: inout [Range<Int>], _ diagnostics: inout [Diagnostic],
                                 _ fields: inout MetadataReader.Fields) {
        let key = text.key
        let limit = rules.boilerplate.maxLength
        for index in lines.indices {
            let line = lines[index]
            guard line.length <= limit else { continue }
            var message: String?
            var strip: Int?
            if readFields(key, line, &fields) {
                message = "document information table dropped (its fields were read into the metadata)"
            } else if let found = rules.boilerplate.firstMatch(key, start: line.start, end: line.end) {
                message = "\(rules.boilerplate.names[found.rule]) dropped"
                if rules.boilerplate.entries[found.rule].action == .strip && found.end < line.end { strip = found.end }
            }
            guard let message else { continue }
            let range = line.start..<(strip ?? line.end)
            boilerplate.append(range)
            diagnostics.append(Diagnostic(code: "boilerplate-dropped", message: message, span: text.span(range)))
            if let strip {
                lines[index].start = MarkerStyle.skipSpaces(key, strip, line.end)
            } else {
                roles[index] = .dropped
            }
        }
    }

    /// Reads the fields of a document information table line; false when it is not one.
    private func readFields(_ key: [Unicode.Scalar], _ line: Line, _ fields: inout MetadataReader.Fields) -> Bool {
        guard !rules.fields.isEmpty, rules.fieldStarts.contains(key[line.start]) else { return false }
        var position = line.start
        var found = false
        outer: while position < line.end {
            for field in rules.fields {
                guard let read = field.read(key, at: position, limit: line.end) else { continue }
                found = true
                position = read.end
                if !read.value.isEmpty {
                    switch field.key {
                    case .title: fields.title = fields.title ?? read.value
                    case .issuer: fields.issuer = fields.issuer ?? read.value
                    case .docNumber: fields.docNumber = fields.docNumber ?? read.value
                    case .date:
                        if fields.date == nil {
                            fields.date = DateReader(rules: rules, key: key).firstDate(from: read.value.lowerBound,
                                                                                       to: read.value.upperBound)
                        }
                    case .none: break
                    }
                }
                continue outer
            }
            break
        }
        return found
    }

    /// Whether the document starts its paragraphs with an indent (so an unindented line
    /// continues the one before).
    private func isIndented(_ lines: [Line], _ roles: [LineRole]) -> Bool {
        var indented = 0
        var total = 0
        for (index, line) in lines.enumerated() where roles[index] == .body && !line.runOn {
            total += 1
            if line.indent >= rules.limits.indent { indented += 1 }
        }
        // Continuation lines are unindented too, so a third of indented lines is enough.
        return indented >= 3 && indented * 10 >= total * 3 && indented < total
    }

    /// The clean range of a heading: from its first piece to its last; empty right after
    /// the marker when it has none.
    private func headingRange(_ marker: Range<Int>, _ pieces: ArraySlice<Range<Int>>) -> Range<Int> {
        guard let first = pieces.first, let last = pieces.last else {
            return marker.upperBound..<marker.upperBound
        }
        return first.lowerBound..<last.upperBound
    }

    /// A paragraph: its pieces of the clean text (the string is made only when asked for).
    @inline(__always)
    private func makeBlock(_ block: BlockBuilder, _ builder: TreeBuilder, _ text: NormalizedText) -> Block {
        let pieces = builder.pieces[block.pieces]
        let span = text.span(pieces.first!.lowerBound..<pieces.last!.upperBound)
        return Block(pieces: TextPieces(scalars: text.text, ranges: pieces), span: span)
    }
}
