/// The output of segmentation: the document's metadata, preamble and section tree, plus
/// an outline in clean-text coordinates that later stages (extraction) work from.
public struct SectionTree: Sendable {
    public var title: String?
    public var issuer: String?
    public var docNumber: String?
    /// The plan year the title states.
    public var year: Int?
    /// The signing date, `YYYY-MM-DD`.
    public var date: String?
    public var preamble: [Block]
    public var sections: [Section]
    public var diagnostics: [Diagnostic]
    /// Every section in document order, with clean-text ranges.
    public var outline: [OutlineEntry]
    /// Clean-text ranges dropped as boilerplate; extraction skips them.
    public var boilerplate: [Range<Int>]

    public init(title: String? = nil, issuer: String? = nil, docNumber: String? = nil, year: Int? = nil,
                date: String? = nil, preamble: [Block] = [], sections: [Section] = [],
                diagnostics: [Diagnostic] = [], outline: [OutlineEntry] = [], boilerplate: [Range<Int>] = []) {
        self.title = title
        self.issuer = issuer
        self.docNumber = docNumber
        self.year = year
        self.date = date
        self.preamble = preamble
        self.sections = sections
        self.diagnostics = diagnostics
        self.outline = outline
        self.boilerplate = boilerplate
    }
}

/// One section of the outline, in clean-text coordinates.
public struct OutlineEntry: Sendable, Equatable {
    /// The section's id (`"2.1"`).
    public var id: String
    /// Index of the parent in `SectionTree.outline`, nil for roots.
    public var parent: Int?
    public var level: Int
    public var style: SectionStyle
    /// The whole section in the clean text (marker to end of last content).
    public var range: Range<Int>
    /// The heading in the clean text.
    public var headingRange: Range<Int>
    public var heading: String

    public init(id: String, parent: Int?, level: Int, style: SectionStyle, range: Range<Int>,
                headingRange: Range<Int>, heading: String) {
        self.id = id
        self.parent = parent
        self.level = level
        self.style = style
        self.range = range
        self.headingRange = headingRange
        self.heading = heading
    }
}
