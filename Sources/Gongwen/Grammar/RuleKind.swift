import GongwenICU

/// The declaration of one kind of rule: its fields and what values they take. Every stage
/// declares the kinds it reads; the loader rejects rules of unknown kinds, unknown or
/// missing fields, and values of the wrong type, naming file, line and rule.
public struct RuleKind: Sendable {
    /// The kind's word, the first token of a rule line.
    public var name: String
    /// One line saying what the kind is for (shown by `gongwen grammar kinds`).
    public var summary: String
    public var fields: [Field]
    /// Whether two rules of this kind may share a name.
    public var allowsDuplicateNames: Bool

    public init(_ name: String, _ summary: String, fields: [Field], allowsDuplicateNames: Bool = false) {
        self.name = name
        self.summary = summary
        self.fields = fields
        self.allowsDuplicateNames = allowsDuplicateNames
    }

    /// One `key=value` field of a rule kind.
    public struct Field: Sendable {
        public var key: String
        public var type: FieldType
        public var required: Bool
        public var summary: String

        public static func required(_ key: String, _ type: FieldType, _ summary: String) -> Field {
            Field(key: key, type: type, required: true, summary: summary)
        }

        public static func optional(_ key: String, _ type: FieldType, _ summary: String) -> Field {
            Field(key: key, type: type, required: false, summary: summary)
        }
    }

    /// What a field's value must be.
    public enum FieldType: Sendable {
        /// Any text.
        case text
        /// A whole number.
        case integer
        /// A plain decimal number (`100000000`, `0.5`).
        case decimal
        /// `yes` or `no`.
        case flag
        /// A `|`-separated list of words.
        case list
        /// One of the given words.
        case choice([String])
        /// An ICU regular expression.
        case pattern
        /// A `|`-separated list of code points or ranges: `U+2460..U+24FF|U+3000`.
        case codePoints
    }

    /// Checks one rule of this kind.
    func validate(_ rule: Rule) throws(GrammarError) {
        for (key, value) in rule.fields {
            guard let field = fields.first(where: { $0.key == key }) else {
                let known = fields.map(\.key).joined(separator: ", ")
                throw GrammarError(rule, "unknown field '\(key)' (a \(name) rule takes: \(known))")
            }
            try field.type.check(value, key: key, rule: rule)
        }
        for field in fields where field.required && rule[field.key] == nil {
            throw GrammarError(rule, "missing field '\(field.key)' (\(field.summary))")
        }
    }
}

extension RuleKind.FieldType {
    func check(_ value: String, key: String, rule: Rule) throws(GrammarError) {
        switch self {
        case .text, .list:
            break
        case .integer:
            if Int(value) == nil { throw GrammarError(rule, "field '\(key)' must be a whole number, found '\(value)'") }
        case .decimal:
            if ExactDecimal(value) == nil { throw GrammarError(rule, "field '\(key)' must be a decimal number, found '\(value)'") }
        case .flag:
            if !["yes", "no", "true", "false", "1", "0"].contains(value) {
                throw GrammarError(rule, "field '\(key)' must be yes or no, found '\(value)'")
            }
        case .choice(let options):
            if !options.contains(value) {
                throw GrammarError(rule, "field '\(key)' must be one of \(options.joined(separator: ", ")); found '\(value)'")
            }
        case .pattern:
            do {
                _ = try ICURegex(value)
            } catch {
                throw GrammarError(rule, "field '\(key)': bad pattern at offset \(error.offset): \(error.name)")
            }
        case .codePoints:
            if CodePointSet(parsing: value) == nil {
                throw GrammarError(rule, "field '\(key)' must be code points like U+2460..U+24FF|U+3000, found '\(value)'")
            }
        }
    }
}

/// A set of code points written as `U+2460..U+24FF|U+3000` or as literal characters.
public struct CodePointSet: Sendable, Equatable {
    public var ranges: [ClosedRange<UInt32>]

    public init(ranges: [ClosedRange<UInt32>] = []) { self.ranges = ranges }

    /// Parses `|`-separated items: `U+XXXX`, `U+XXXX..U+YYYY`, or literal characters
    /// (each character of the item is one code point).
    public init?(parsing text: String) {
        var ranges: [ClosedRange<UInt32>] = []
        for item in text.split(separator: "|") {
            if item.hasPrefix("U+") {
                let bounds = item.split(separator: ".", omittingEmptySubsequences: true)
                guard bounds.count == 1 || bounds.count == 2,
                      let low = CodePointSet.hex(bounds[0]),
                      let high = bounds.count == 2 ? CodePointSet.hex(bounds[1]) : low,
                      low <= high else { return nil }
                ranges.append(low...high)
            } else {
                for scalar in item.unicodeScalars { ranges.append(scalar.value...scalar.value) }
            }
        }
        self.ranges = ranges
    }

    private static func hex(_ text: Substring) -> UInt32? {
        guard text.hasPrefix("U+") else { return nil }
        return UInt32(text.dropFirst(2), radix: 16)
    }

    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        for range in ranges where range.contains(scalar.value) { return true }
        return false
    }

    public mutating func formUnion(_ other: CodePointSet) { ranges += other.ranges }
}
