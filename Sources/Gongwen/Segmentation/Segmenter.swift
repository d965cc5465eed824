/// Stage 3: clean text → section tree, preamble and document metadata.
public struct Segmenter: Sendable {
    public let rules: SectionRules

    public init(rules: SectionRules) {
        self.rules = rules
    }

    /// Segments a normalized document. Never fails: what it notices goes into diagnostics.
    public func segment(_ text: NormalizedText) -> SectionTree {
        SectionTree()
    }
}
