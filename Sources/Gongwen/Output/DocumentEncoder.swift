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
        json.key("schema"); json.string(Document.schema)
        json.key("generator")
        json.beginObject()
        json.key("tool"); json.string(document.generator.tool)
        json.key("version"); json.string(document.generator.version)
        json.key("grammar"); json.string(document.generator.grammar)
        json.key("grammarSha256"); json.string(document.generator.grammarSha256)
        json.endObject()
        json.key("source")
        json.beginObject()
        json.key("name"); json.string(document.source.name)
        json.key("sha256"); json.string(document.source.sha256)
        json.key("encoding"); json.string(document.source.encoding)
        json.key("bytes"); json.int(document.source.bytes)
        json.key("characters"); json.int(document.source.characters)
        json.endObject()
        json.key("title"); json.string(document.title)
        json.key("issuer"); json.string(document.issuer)
        json.key("docNumber"); json.string(document.docNumber)
        json.key("year"); json.int(document.year)
        json.key("date"); json.string(document.date)
        json.key("preamble"); write(document.preamble, to: &json)
        json.key("sections")
        json.beginArray()
        for section in document.sections { write(section, to: &json) }
        json.endArray()
        json.key("quantities")
        json.beginArray()
        for quantity in document.quantities { write(quantity, to: &json) }
        json.endArray()
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in document.diagnostics {
            json.beginObject()
            json.key("code"); json.string(diagnostic.code)
            json.key("message"); json.string(diagnostic.message)
            json.key("span"); json.span(diagnostic.span)
            json.key("severity"); json.string(diagnostic.severity.rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    private func write(_ blocks: [Block], to json: inout JSONWriter) {
        json.beginArray()
        for block in blocks {
            json.beginObject()
            json.key("text")
            if let pieces = block.pieces { json.string(pieces) } else { json.string(block.text) }
            json.key("span"); json.span(block.span)
            json.endObject()
        }
        json.endArray()
    }

    private func write(_ section: Section, to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(section.id)
        json.key("level"); json.int(section.level)
        json.key("style"); json.string(section.style.rawValue)
        json.key("marker"); json.string(section.marker)
        json.key("number"); json.int(section.number)
        json.key("heading"); json.string(section.heading)
        json.key("span"); json.span(section.span)
        json.key("headingSpan"); json.span(section.headingSpan)
        json.key("blocks"); write(section.blocks, to: &json)
        json.key("children")
        json.beginArray()
        for child in section.children { write(child, to: &json) }
        json.endArray()
        json.endObject()
    }

    private func write(_ quantity: Quantity, to json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(quantity.id)
        json.key("section"); json.string(quantity.section)
        json.key("text"); json.string(quantity.text)
        json.key("span"); json.span(quantity.span)
        switch quantity.amount {
        case .single(let value):
            json.key("value"); json.decimal(value)
        case .range(let low, let high):
            json.key("low"); json.decimal(low)
            json.key("high"); json.decimal(high)
        }
        json.key("unit"); json.string(quantity.unit)
        json.key("dimension"); json.string(quantity.dimension.rawValue)
        json.key("comparator"); json.string(quantity.comparator?.rawValue)
        json.key("cue"); json.string(quantity.cue)
        json.key("cueSpan"); json.span(quantity.cueSpan)
        json.key("change"); json.string(quantity.change?.rawValue)
        json.key("role"); json.string(quantity.role.rawValue)
        json.key("indicator"); json.string(quantity.indicator)
        json.key("year"); json.int(quantity.year)
        json.endObject()
    }
}

/// The JSON Schema (draft 2020-12) of the output, as shipped in the tool.
public let documentSchema: String = EmbeddedFiles.schema
