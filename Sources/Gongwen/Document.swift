/// A half-open range `[start, end)` of Unicode-scalar offsets into the decoded original
/// text (SPEC §1): slicing the original at a span gives the raw source of an element.
public struct Span: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var description: String { "[\(start), \(end))" }
}

/// One paragraph of body text.
public struct Block: Equatable, Sendable {
    /// The clean (normalized) text; a paragraph the source broke mid-sentence is joined.
    ///
    /// A paragraph from the segmenter makes this string when it is asked for (each time):
    /// it keeps only where its text is in the clean text, which the JSON encoder writes
    /// out straight from the scalars (a `String` per paragraph cost more to make and
    /// validate than the rest of segmentation's text handling).
    public var text: String {
        get { pieces?.string ?? storedText }
        set {
            storedText = newValue
            pieces = nil
        }
    }
    /// The raw range in the original.
    public var span: Span
    /// The text as given; unused while `pieces` is set.
    private var storedText: String
    /// Where the text is in the clean text, for a paragraph from the segmenter.
    private(set) var pieces: TextPieces?

    public init(text: String, span: Span) {
        self.storedText = text
        self.span = span
        self.pieces = nil
    }

    /// A paragraph whose text is `pieces` of the clean text.
    init(pieces: TextPieces, span: Span) {
        self.storedText = ""
        self.span = span
        self.pieces = pieces
    }

    public static func == (lhs: Block, rhs: Block) -> Bool {
        lhs.span == rhs.span && lhs.text == rhs.text
    }
}

/// The marker style of a section heading (SPEC §2).
public enum SectionStyle: String, CaseIterable, Sendable {
    case chapter, part, article, formal, roman, han
    case hanParen = "han-paren"
    case arabic
    case arabicParen = "arabic-paren"
    case decimal, circled, shi
}

/// One node of the section tree.
public struct Section: Equatable, Sendable {
    /// Position path: `"3"` is the third root, `"3.1.2"` the second child of its first child.
    public var id: String
    /// Depth in the tree, 1 for roots.
    public var level: Int
    public var style: SectionStyle
    /// The marker as written (`一、`, `(一)`, `11.`, `二是`).
    public var marker: String
    /// The marker's ordinal (`十二` → 12).
    public var number: Int
    /// The heading without its closing punctuation.
    public var heading: String
    /// The whole section, marker to the end of its last content.
    public var span: Span
    /// The heading text.
    public var headingSpan: Span
    /// Body paragraphs directly in this section.
    public var blocks: [Block]
    public var children: [Section]

    public init(id: String, level: Int, style: SectionStyle, marker: String, number: Int,
                heading: String, span: Span, headingSpan: Span, blocks: [Block] = [],
                children: [Section] = []) {
        self.id = id
        self.level = level
        self.style = style
        self.marker = marker
        self.number = number
        self.heading = heading
        self.span = span
        self.headingSpan = headingSpan
        self.blocks = blocks
        self.children = children
    }
}

/// A comparator between the stated value and the real one (SPEC §2).
public enum Comparator: String, CaseIterable, Sendable {
    case atLeast = ">="
    case moreThan = ">"
    case atMost = "<="
    case lessThan = "<"
    case approximately = "~"
}

/// Whether a quantity is a rise or a fall.
public enum Change: String, CaseIterable, Sendable {
    case increase, decrease
}

/// What a quantity is for in the plan (SPEC §2).
public enum Role: String, CaseIterable, Sendable {
    case target, baseline, provision, other
}

/// What a unit measures.
public enum Dimension: String, CaseIterable, Sendable {
    case currency, count, ratio, area, mass, length, volume, energy, power, duration, temperature, other
}

/// The value of a quantity: one number, or a range.
public enum Amount: Equatable, Sendable {
    case single(ExactDecimal)
    case range(low: ExactDecimal, high: ExactDecimal)
}

/// One numeric expression with its unit and meaning.
public struct Quantity: Equatable, Sendable {
    /// `q1`, `q2`, … in document order.
    public var id: String
    /// The innermost section holding it; nil in the preamble.
    public var section: String?
    /// The number with its unit, as clean text (`300亿元`, `3-5家`).
    public var text: String
    public var span: Span
    /// The value in the base unit.
    public var amount: Amount
    /// The base unit (`元`, `%`, `家`, `百分点`).
    public var unit: String
    public var dimension: Dimension
    public var comparator: Comparator?
    /// The comparator's words as written, and where.
    public var cue: String?
    public var cueSpan: Span?
    public var change: Change?
    public var role: Role
    /// What is measured (`全市技术合同成交额`).
    public var indicator: String?
    /// The year the value is for.
    public var year: Int?

    public init(id: String, section: String?, text: String, span: Span, amount: Amount,
                unit: String, dimension: Dimension, comparator: Comparator? = nil,
                cue: String? = nil, cueSpan: Span? = nil, change: Change? = nil,
                role: Role, indicator: String? = nil, year: Int? = nil) {
        self.id = id
        self.section = section
        self.text = text
        self.span = span
        self.amount = amount
        self.unit = unit
        self.dimension = dimension
        self.comparator = comparator
        self.cue = cue
        self.cueSpan = cueSpan
        self.change = change
        self.role = role
        self.indicator = indicator
        self.year = year
    }
}

/// Something the parser noticed and what it did about it.
public struct Diagnostic: Equatable, Sendable {
    public enum Severity: String, Sendable {
        case info, warning, error
    }

    /// A short stable code, e.g. `joined-paragraph`, `numbering-gap`.
    public var code: String
    /// What happened, in words.
    public var message: String
    /// Where in the original, when it concerns one place.
    public var span: Span?
    /// `info` for what the parser did, `warning` for what a reader should check.
    public var severity: Severity

    public init(code: String, message: String, span: Span? = nil, severity: Severity = .info) {
        self.code = code
        self.message = message
        self.span = span
        self.severity = severity
    }
}

/// What produced a document.
public struct Generator: Equatable, Sendable {
    /// Always `gongwen`.
    public var tool: String
    /// The tool's version.
    public var version: String
    /// The grammar's name.
    public var grammar: String
    /// Hex SHA-256 of the grammar's rule files.
    public var grammarSha256: String

    public init(tool: String = "gongwen", version: String, grammar: String, grammarSha256: String) {
        self.tool = tool
        self.version = version
        self.grammar = grammar
        self.grammarSha256 = grammarSha256
    }
}

/// Facts about the input file.
public struct Source: Equatable, Sendable {
    /// The file name, or `-` for standard input.
    public var name: String
    /// Hex SHA-256 of the raw bytes.
    public var sha256: String
    /// The encoding detected or forced (`UTF-8`, `UTF-16LE`, `GB18030`, …).
    public var encoding: String
    /// Size of the raw input in bytes.
    public var bytes: Int
    /// Unicode scalars in the decoded text.
    public var characters: Int

    public init(name: String, sha256: String, encoding: String, bytes: Int, characters: Int) {
        self.name = name
        self.sha256 = sha256
        self.encoding = encoding
        self.bytes = bytes
        self.characters = characters
    }
}

/// The parsed document (schema `gongwen.document/1`, SPEC §2).
public struct Document: Equatable, Sendable {
    /// The schema name every output carries.
    public static let schema = "gongwen.document/1"

    /// The tool, version and grammar that produced it.
    public var generator: Generator
    /// Facts about the input file.
    public var source: Source
    /// The document's title (first title-like line, boilerplate skipped).
    public var title: String?
    /// The issuing body named by the title or the signature.
    public var issuer: String?
    /// The document number (发文字号) as written.
    public var docNumber: String?
    /// The plan year the title states.
    public var year: Int?
    /// The signing date as `YYYY-MM-DD`.
    public var date: String?
    /// Paragraphs before the first section.
    public var preamble: [Block]
    /// The section tree, roots in document order.
    public var sections: [Section]
    /// Every quantity, flat, in document order.
    public var quantities: [Quantity]
    /// What the parser noticed and did.
    public var diagnostics: [Diagnostic]

    public init(generator: Generator, source: Source, title: String? = nil, issuer: String? = nil,
                docNumber: String? = nil, year: Int? = nil, date: String? = nil, preamble: [Block] = [],
                sections: [Section] = [], quantities: [Quantity] = [], diagnostics: [Diagnostic] = []) {
        self.generator = generator
        self.source = source
        self.title = title
        self.issuer = issuer
        self.docNumber = docNumber
        self.year = year
        self.date = date
        self.preamble = preamble
        self.sections = sections
        self.quantities = quantities
        self.diagnostics = diagnostics
    }
}
