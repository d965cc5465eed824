/// A `boilerplate` rule: site furniture that is not part of the document (breadcrumbs,
/// `本站小编…`, time stamps, page numbers, share/print buttons, markdown leftovers).
struct BoilerplateRule: Sendable {
    enum Match: String, Sendable {
        /// The pattern is the whole line.
        case line
        /// The line starts with it.
        case prefix
        /// The line ends with it.
        case suffix
        /// The line contains it.
        case contains
    }

    enum Action: String, Sendable {
        /// Drop the whole line.
        case drop
        /// Drop only the matched start of the line (`### ` before a markdown heading).
        case strip
    }

    let name: String
    let match: Match
    let action: Action
    let pattern: LinePattern
    /// Longer lines are never this boilerplate (real paragraphs are long).
    let maxLength: Int

    init(rule: Rule, defaultMaxLength: Int) throws(GrammarError) {
        name = rule.name
        guard let pattern = LinePattern(rule["pattern"] ?? "") else { throw GrammarError(rule, "empty or malformed pattern") }
        self.pattern = pattern
        match = Match(rawValue: rule["match"] ?? "line") ?? .line
        action = Action(rawValue: rule["action"] ?? "drop") ?? .drop
        maxLength = rule.int("max-length") ?? defaultMaxLength
        if action == .strip && match != .prefix { throw GrammarError(rule, "action=strip needs match=prefix") }
    }

    /// Where the rule matches the line `[start, end)`: the end of the stripped prefix for
    /// `strip` rules, `end` for dropped lines; nil when it does not match.
    func apply(_ key: [Unicode.Scalar], start: Int, end: Int) -> Int? {
        guard end - start <= maxLength, end > start else { return nil }
        switch match {
        case .line:
            return pattern.match(key, from: start, limit: end, toEnd: true) != nil ? end : nil
        case .prefix:
            guard let matched = pattern.match(key, from: start, limit: end, toEnd: false) else { return nil }
            return action == .strip ? matched : end
        case .suffix:
            var from = end - 1
            while from >= start {
                if pattern.match(key, from: from, limit: end, toEnd: true) != nil { return end }
                from -= 1
            }
            return nil
        case .contains:
            var from = start
            while from < end {
                if pattern.match(key, from: from, limit: end, toEnd: false) != nil { return end }
                from += 1
            }
            return nil
        }
    }
}

/// A `meta-field` rule: a label of the document information table some government sites
/// print above the text (`发文机关：国务院办公厅  成文日期：2005年06月11日`).
struct MetaFieldRule: Sendable {
    enum Key: String, Sendable {
        case title, issuer, date, docNumber, none
    }

    let label: [Unicode.Scalar]
    let key: Key

    init(rule: Rule) throws(GrammarError) {
        label = Array(rule.name.unicodeScalars)
        guard let key = Key(rawValue: rule["key"] ?? "") else { throw GrammarError(rule, "unknown key") }
        self.key = key
    }

    /// Reads `LABEL: value` at `start`: the label may be spaced out (`标　　题`); the value
    /// runs to a tab, two spaces or the line end. Returns the value range and where reading stopped.
    func read(_ key: [Unicode.Scalar], at start: Int, limit: Int) -> (value: Range<Int>, end: Int)? {
        var position = start
        for (index, scalar) in label.enumerated() {
            if index > 0 { position = MarkerStyle.skipSpaces(key, position, limit) }
            guard position < limit, key[position] == scalar else { return nil }
            position += 1
        }
        position = MarkerStyle.skipSpaces(key, position, limit)
        guard position < limit, key[position] == ":" else { return nil }
        position = MarkerStyle.skipSpaces(key, position + 1, limit)
        let valueStart = position
        var valueEnd = position
        while position < limit {
            let scalar = key[position]
            if scalar == "\t" { break }
            if scalar == " ", position + 1 < limit, Scalars.isSpace(key[position + 1]) { break }
            if !Scalars.isSpace(scalar) { valueEnd = position + 1 }
            position += 1
        }
        return (valueStart..<valueEnd, MarkerStyle.skipSpaces(key, position, limit))
    }
}
