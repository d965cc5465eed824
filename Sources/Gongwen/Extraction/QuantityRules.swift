/// The quantity rules of a grammar (numerals, units, comparators, cues, exclusions).
public struct QuantityRules: Sendable {
    /// Rule kinds the extractor reads.
    static let kinds: [RuleKind] = [
        RuleKind("unit", "a unit or classifier after a number, with its base unit and magnitude", fields: [
            .required("base", .text, "the base unit the value is expressed in (万元 → 元)"),
            .optional("scale", .decimal, "what one of this unit is in the base unit (万元: 10000); default 1"),
            .required("dimension", .choice(Dimension.allCases.map(\.rawValue)), "what the unit measures"),
        ]),
    ]

    public init(grammar: Grammar) throws(GrammarError) {}
}
