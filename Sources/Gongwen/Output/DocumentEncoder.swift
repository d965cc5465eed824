/// Stage 5: document → canonical JSON (SPEC §2), keys in the order of the SPEC's tables,
/// `null` for absent values, never a missing key.
public struct DocumentEncoder: Sendable {
    /// Indent with two spaces and break lines; otherwise one line.
    public var pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    /// The JSON bytes of a document (no trailing newline).
    public func encode(_ document: Document) -> [UInt8] {
        // Compact output is about one and a half times the input: reserve enough up front.
        var json = JSONWriter(pretty: pretty, capacity: 16 * 1024 + 2 * document.source.bytes)
        json.beginObject()
        json.key("schema", first: true); json.string(Document.schema)
        json.key("generator", first: false)
        json.beginObject()
        json.key("tool", first: true); json.string(document.generator.tool)
        json.key("version", first: false); json.string(document.generator.version)
        json.key("grammar", first: false); json.string(document.generator.grammar)
        json.key("grammarSha256", first: false); json.string(document.generator.grammarSha256)
        json.endObject()
        json.key("source", first: false)
        json.beginObject()
        json.key("name", first: true); json.string(document.source.name)
        json.key("sha256", first: false); json.string(document.source.sha256)
        json.key("encoding", first: false); json.string(document.source.encoding)
        json.key("bytes", first: false); json.int(document.source.bytes)
        json.key("characters", first: false); json.int(document.source.characters)
        json.endObject()
        json.key("title", first: false); json.string(document.title)
        json.key("issuer", first: false); json.string(document.issuer)
        json.key("docNumber", first: false); json.string(document.docNumber)
        json.key("year", first: false); json.int(document.year)
        json.key("date", first: false); json.string(document.date)
        json.key("preamble", first: false); write(document.preamble, to: &json)
        json.key("sections", first: false)
        json.beginArray()
        for index in document.sections.indices { write(document.sections, index, to: &json) }
        json.endArray()
        json.key("quantities", first: false)
        json.beginArray()
        for index in document.quantities.indices { write(document.quantities, index, to: &json) }
        json.endArray()
        json.key("diagnostics", first: false)
        json.beginArray()
        for diagnostic in document.diagnostics {
            json.beginObject()
            json.key("code", first: true); json.string(diagnostic.code)
            json.key("message", first: false); json.string(diagnostic.message)
            json.key("span", first: false); json.span(diagnostic.span)
            json.key("severity", first: false); json.string(plain: diagnostic.severity.json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    private func write(_ blocks: [Block], to json: inout JSONWriter) {
        json.beginArray()
        // Fields read in place by index: iterating would copy each block out (a retain
        // and a release of its text and its pieces).
        for index in blocks.indices {
            json.beginObject()
            json.key("text", first: true)
            if let pieces = blocks[index].pieces { json.string(pieces) } else { json.string(blocks[index].text) }
            json.key("span", first: false); json.span(blocks[index].span)
            json.endObject()
        }
        json.endArray()
    }

    /// Section `index` of `sections`, its fields read in place (passing the section
    /// itself copied it out of the array).
    private func write(_ sections: [Section], _ index: Int, to json: inout JSONWriter) {
        json.beginObject()
        json.key("id", first: true); json.string(sections[index].id)
        json.key("level", first: false); json.int(sections[index].level)
        json.key("style", first: false); json.string(plain: sections[index].style.json)
        json.key("marker", first: false); json.string(sections[index].marker)
        json.key("number", first: false); json.int(sections[index].number)
        json.key("heading", first: false); json.string(sections[index].heading)
        json.key("span", first: false); json.span(sections[index].span)
        json.key("headingSpan", first: false); json.span(sections[index].headingSpan)
        json.key("blocks", first: false); write(sections[index].blocks, to: &json)
        json.key("children", first: false)
        json.beginArray()
        for child in sections[index].children.indices { write(sections[index].children, child, to: &json) }
        json.endArray()
        json.endObject()
    }

    /// Quantity `index` of `quantities`, its fields read in place (passing the quantity
    /// itself copied it out of the array: retains and releases of its strings).
    private func write(_ quantities: [Quantity], _ index: Int, to json: inout JSONWriter) {
        json.beginObject()
        json.key("id", first: true); json.string(quantities[index].id)
        json.key("section", first: false); json.string(quantities[index].section)
        json.key("text", first: false); json.string(quantities[index].text)
        json.key("span", first: false); json.span(quantities[index].span)
        switch quantities[index].amount {
        case .single(let value):
            json.key("value", first: false); json.decimal(value)
        case .range(let low, let high):
            json.key("low", first: false); json.decimal(low)
            json.key("high", first: false); json.decimal(high)
        }
        json.key("unit", first: false); json.string(quantities[index].unit)
        json.key("dimension", first: false); json.string(plain: quantities[index].dimension.json)
        json.key("comparator", first: false); json.string(plain: quantities[index].comparator?.json)
        json.key("cue", first: false); json.string(quantities[index].cue)
        json.key("cueSpan", first: false); json.span(quantities[index].cueSpan)
        json.key("change", first: false); json.string(plain: quantities[index].change?.json)
        json.key("role", first: false); json.string(plain: quantities[index].role.json)
        json.key("indicator", first: false); json.string(quantities[index].indicator)
        json.key("year", first: false); json.int(quantities[index].year)
        json.endObject()
    }
}

// The raw values of the enums the encoder writes, as `StaticString`s: written with
// `JSONWriter.string(plain:)`, no `String` to scan for escapes. (A test checks each
// against `rawValue`.)

extension SectionStyle {
    /// `rawValue` as a `StaticString`.
    var json: StaticString {
        switch self {
        case .chapter: "chapter"
        case .part: "part"
        case .article: "article"
        case .formal: "formal"
        case .roman: "roman"
        case .han: "han"
        case .hanParen: "han-paren"
        case .arabic: "arabic"
        case .arabicParen: "arabic-paren"
        case .decimal: "decimal"
        case .circled: "circled"
        case .shi: "shi"
        }
    }
}

extension Comparator {
    /// `rawValue` as a `StaticString`.
    var json: StaticString {
        switch self {
        case .atLeast: ">="
        case .moreThan: ">"
        case .atMost: "<="
        case .lessThan: "<"
        case .approximately: "~"
        }
    }
}

extension Change {
    /// `rawValue` as a `StaticString`.
    var json: StaticString {
        switch self {
        case .increase: "increase"
        case .decrease: "decrease"
        }
    }
}

extension Role {
    /// `rawValue` as a `StaticString`.
    var json: StaticString {
        switch self {
        case .target: "target"
        case .baseline: "baseline"
        case .provision: "provision"
        case .other: "other"
        }
    }
}

extension Dimension {
    /// `rawValue` as a `StaticString`.
    var json: StaticString {
        switch self {
        case .currency: "currency"
        case .count: "count"
        case .ratio: "ratio"
        case .area: "area"
        case .mass: "mass"
        case .length: "length"
        case .volume: "volume"
        case .energy: "energy"
        case .power: "power"
        case .duration: "duration"
        case .temperature: "temperature"
        case .other: "other"
        }
    }
}

extension Diagnostic.Severity {
    /// `rawValue` as a `StaticString`.
    var json: StaticString {
        switch self {
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// The JSON Schema (draft 2020-12) of the output, as shipped in the tool.
public let documentSchema: String = EmbeddedFiles.schema
