/// What extraction found.
public struct Extraction: Sendable {
    public var quantities: [Quantity]
    public var diagnostics: [Diagnostic]

    public init(quantities: [Quantity] = [], diagnostics: [Diagnostic] = []) {
        self.quantities = quantities
        self.diagnostics = diagnostics
    }
}

/// Stage 4: clean text and section tree → quantities.
public struct Extractor: Sendable {
    public let rules: QuantityRules

    public init(rules: QuantityRules) {
        self.rules = rules
    }

    /// Finds every quantity. Never fails: what it notices goes into diagnostics.
    public func extract(_ text: NormalizedText, tree: SectionTree) -> Extraction {
        Extraction()
    }
}
