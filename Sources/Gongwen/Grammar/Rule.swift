/// One line of a grammar file: `KIND NAME key=value key="value with spaces" …`.
///
/// Rules are generic here; each pipeline stage reads the kinds it owns (see `RuleKind`)
/// and the loader checks every rule against its kind's declared fields before any
/// document is parsed.
public struct Rule: Sendable, Equatable {
    /// The rule kind, the first word (`unit`, `marker`, `comparator`, …).
    public var kind: String
    /// The rule's name, the second word; `kind name` identifies the rule.
    public var name: String
    /// The `key=value` fields in the order written.
    public var fields: [(key: String, value: String)]
    /// The file (name only) and 1-based line the rule came from.
    public var file: String
    public var line: Int

    /// `kind name`, as error messages and provenance name it.
    public var id: String { "\(kind) \(name)" }

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// A `|`-separated list value; empty when absent.
    public func list(_ key: String) -> [String] {
        guard let value = self[key], !value.isEmpty else { return [] }
        return value.split(separator: "|", omittingEmptySubsequences: true).map(String.init)
    }

    /// An integer value (validated at load time when the kind declares it).
    public func int(_ key: String) -> Int? {
        self[key].flatMap { Int($0) }
    }

    /// An exact decimal value.
    public func decimal(_ key: String) -> ExactDecimal? {
        self[key].flatMap { ExactDecimal($0) }
    }

    /// A yes/no flag.
    public func flag(_ key: String) -> Bool {
        switch self[key] {
        case "yes", "true", "1": return true
        default: return false
        }
    }

    public static func == (lhs: Rule, rhs: Rule) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name && lhs.file == rhs.file && lhs.line == rhs.line
            && lhs.fields.elementsEqual(rhs.fields) { $0.key == $1.key && $0.value == $1.value }
    }
}
