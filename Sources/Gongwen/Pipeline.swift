/// The whole conversion: decode → normalize → segment → extract → document.
///
/// Build one `Pipeline` per grammar and reuse it: rules are compiled once here, and
/// `parse` is safe to call from several threads at once.
public struct Pipeline: Sendable {
    /// Options of a conversion.
    public struct Options: Sendable {
        /// An encoding that overrides detection.
        public var encoding: String?
        /// Replace undecodable bytes with U+FFFD instead of failing.
        public var lossy: Bool
        /// Convert Traditional characters to Simplified in the output text.
        public var simplified: Bool

        public init(encoding: String? = nil, lossy: Bool = false, simplified: Bool = false) {
            self.encoding = encoding
            self.lossy = lossy
            self.simplified = simplified
        }
    }

    /// The tool's version, recorded in every output.
    public static let version = "0.1.0"

    /// The rules in use.
    public let grammar: Grammar
    /// How input is decoded and output written.
    public let options: Options
    let decoder: Decoder
    let normalizer: Normalizer
    let segmenter: Segmenter
    let extractor: Extractor

    /// Compiles the grammar's rules. Throws when a rule cannot be compiled.
    public init(grammar: Grammar = .builtIn, options: Options = Options()) throws(GrammarError) {
        self.grammar = grammar
        self.options = options
        self.decoder = Decoder(forcedEncoding: options.encoding, lossy: options.lossy)
        self.normalizer = Normalizer(rules: NormalizationRules(grammar: grammar), simplified: options.simplified)
        self.segmenter = Segmenter(rules: try SectionRules(grammar: grammar))
        self.extractor = Extractor(rules: try QuantityRules(grammar: grammar))
    }

    /// Converts the bytes of one file.
    /// - Parameters:
    ///   - bytes: the raw file contents.
    ///   - name: the file name recorded in `source.name` (`-` for standard input).
    /// - Throws: `DecodingError` when the bytes are not text in the detected or forced encoding.
    public func parse(bytes: [UInt8], name: String) throws(DecodingError) -> Document {
        let decoded = try decoder.decode(bytes)
        return parse(decoded, source: Pipeline.source(of: bytes, decoded: decoded, name: name))
    }

    /// Converts text that arrived as a string (the `stream` command's `text` field):
    /// `source` describes its UTF-8 bytes; a leading byte-order mark is removed, as for files.
    public func parse(text: String, name: String) -> Document {
        let bytes = Array(text.utf8)
        var decoded = DecodedText(text)
        if decoded.scalars.first == "\u{FEFF}" { decoded.scalars.removeFirst() }
        return parse(decoded, source: Pipeline.source(of: bytes, decoded: decoded, name: name))
    }

    static func source(of bytes: [UInt8], decoded: DecodedText, name: String) -> Source {
        Source(name: name, sha256: SHA256.hash(bytes).hexString, encoding: decoded.encoding,
               bytes: bytes.count, characters: decoded.scalars.count)
    }

    /// A hash of everything besides the input bytes that decides the output: tool version,
    /// grammar hash and the conversion options. Two runs with the same fingerprint turn the
    /// same bytes into the same JSON.
    public var settingsFingerprint: String {
        let text = """
            gongwen \(Pipeline.version)
            grammar \(grammar.sha256)
            encoding \(options.encoding ?? "-")
            lossy \(options.lossy)
            simplified \(options.simplified)
            """
        return SHA256.hash(Array(text.utf8)).hexString
    }

    /// Converts text that is already decoded.
    public func parse(_ decoded: DecodedText, source: Source) -> Document {
        let normalized = normalizer.normalize(decoded)
        let tree = segmenter.segment(normalized)
        let extraction = extractor.extract(normalized, tree: tree)
        return document(decoded: decoded, source: source, tree: tree, extraction: extraction)
    }

    /// The document the stages' results make up.
    func document(decoded: DecodedText, source: Source, tree: SectionTree, extraction: Extraction) -> Document {
        Document(
            generator: Generator(tool: "gongwen", version: Pipeline.version, grammar: grammar.name,
                                 grammarSha256: grammar.sha256),
            source: source,
            title: tree.title,
            issuer: tree.issuer,
            docNumber: tree.docNumber,
            year: tree.year,
            date: tree.date,
            preamble: tree.preamble,
            sections: tree.sections,
            quantities: extraction.quantities,
            diagnostics: decoded.diagnostics + tree.diagnostics + extraction.diagnostics
        )
    }

    /// Normalizes text the way `parse` does (for tests and tools that need the clean text).
    public func normalize(_ decoded: DecodedText) -> NormalizedText {
        normalizer.normalize(decoded)
    }
}
