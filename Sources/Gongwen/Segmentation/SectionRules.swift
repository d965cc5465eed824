/// The section rules of a grammar (heading markers, sentence ends, boilerplate).
public struct SectionRules: Sendable {
    /// Rule kinds the segmenter reads.
    static let kinds: [RuleKind] = []

    public init(grammar: Grammar) throws(GrammarError) {}
}
