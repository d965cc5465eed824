/// The normalization rules of a grammar (`normalization.rules`): code points NFKC must
/// not fold (markers like `①` `⑴` `㈠` keep their form), characters to drop, and the
/// characters the matching view folds to `-`.
public struct NormalizationRules: Sendable {
    /// Kept as written (not NFKC-folded).
    public var keep = CodePointSet()
    /// Removed from the clean text (zero-width characters).
    public var drop = CodePointSet()
    /// Folded to `-` in the matching view (range dashes and tildes).
    public var dashes = CodePointSet()

    public init() {}

    /// Reads the rules from a grammar.
    public init(grammar: Grammar) {
        for rule in grammar.rules("keep") { keep.formUnion(CodePointSet(parsing: rule["chars"] ?? "") ?? CodePointSet()) }
        for rule in grammar.rules("drop") { drop.formUnion(CodePointSet(parsing: rule["chars"] ?? "") ?? CodePointSet()) }
        for rule in grammar.rules("dash") { dashes.formUnion(CodePointSet(parsing: rule["chars"] ?? "") ?? CodePointSet()) }
    }

    static let kinds: [RuleKind] = [
        RuleKind("keep", "code points that NFKC must leave as written (marker characters)", fields: [
            .required("chars", .codePoints, "the code points, e.g. U+2460..U+24FF"),
        ]),
        RuleKind("drop", "code points removed from the clean text", fields: [
            .required("chars", .codePoints, "the code points, e.g. U+200B..U+200D"),
        ]),
        RuleKind("dash", "code points that rules see as '-' (range dashes and tildes)", fields: [
            .required("chars", .codePoints, "the code points, e.g. —|–|~"),
        ]),
    ]
}
