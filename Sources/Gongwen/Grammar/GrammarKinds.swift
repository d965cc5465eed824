extension RuleKind {
    /// Every rule kind the pipeline reads, by stage. The loader rejects any other.
    public static var all: [RuleKind] {
        [grammarKind] + NormalizationRules.kinds + SectionRules.kinds + QuantityRules.kinds
    }

    /// `grammar NAME description="…"`: names the grammar (recorded in every output).
    static let grammarKind = RuleKind("grammar", "names this grammar; the name goes into every output's generator.grammar", fields: [
        .optional("description", .text, "what this grammar is for"),
        .optional("version", .text, "the grammar's own version"),
    ])
}
