/// The `boilerplate` rules: site furniture that is not part of the document (breadcrumbs,
/// `本站小编…`, time stamps, page numbers, share/print buttons, markdown leftovers).
///
/// All patterns live in one flat token array and the rules are plain values, so checking
/// every rule against every short line copies and retains nothing.
struct BoilerplateRules: Sendable {
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

    struct Entry: Sendable {
        var match: Match
        var action: Action
        var tokens: Range<Int>
        var first: Unicode.Scalar?
        /// Longer lines are never this boilerplate (real paragraphs are long).
        var maxLength: Int
    }

    private(set) var entries: [Entry] = []
    private(set) var names: [String] = []
    private var tokens: [LinePattern.Token] = []
    /// The longest line any rule looks at.
    private(set) var maxLength = 0
    /// Which rules can match a line, from the characters in it (bit i: entry i). A flat
    /// table rather than a dictionary, since every character of every short line is looked up:
    /// for a BMP scalar, 1 + its row in `startMasks` and `scanMasks`, or 0.
    private var triggerRows: [UInt8] = []
    /// The line and prefix rules whose match can start with the row's character.
    private var startMasks: [UInt64] = []
    /// The suffix and contains rules whose match can start with the row's character.
    private var scanMasks: [UInt64] = []
    /// Rules that always run: no first character known (or not in the table), or past the 64th.
    private var alwaysMask: UInt64 = 0

    init() {}

    init(_ rules: [Rule], defaultMaxLength: Int) throws(GrammarError) {
        var firsts: [[Unicode.Scalar]?] = []
        for rule in rules {
            guard let pattern = LinePattern(rule["pattern"] ?? "") else { throw GrammarError(rule, "empty or malformed pattern") }
            let match = Match(rawValue: rule["match"] ?? "line") ?? .line
            let action = Action(rawValue: rule["action"] ?? "drop") ?? .drop
            if action == .strip && match != .prefix { throw GrammarError(rule, "action=strip needs match=prefix") }
            let start = tokens.count
            tokens += pattern.tokens
            let entry = Entry(match: match, action: action, tokens: start..<tokens.count, first: pattern.first,
                              maxLength: rule.int("max-length") ?? defaultMaxLength)
            entries.append(entry)
            names.append(rule.name)
            firsts.append(pattern.firstScalars)
            maxLength = max(maxLength, entry.maxLength)
        }
        triggerRows = [UInt8](repeating: 0, count: 0x10000)
        for (index, entry) in entries.enumerated() {
            let newRows = Set(firsts[index] ?? []).filter { $0.value < 0x10000 && triggerRows[Int($0.value)] == 0 }.count
            guard index < 64, let scalars = firsts[index], scalars.allSatisfy({ $0.value < 0x10000 }),
                  startMasks.count + newRows <= 255 else {
                if index < 64 { alwaysMask |= 1 << UInt64(index) }
                continue
            }
            for scalar in scalars {
                if triggerRows[Int(scalar.value)] == 0 {
                    startMasks.append(0)
                    scanMasks.append(0)
                    triggerRows[Int(scalar.value)] = UInt8(startMasks.count)
                }
                let row = Int(triggerRows[Int(scalar.value)]) - 1
                switch entry.match {
                case .line, .prefix: startMasks[row] |= 1 << UInt64(index)
                case .suffix, .contains: scanMasks[row] |= 1 << UInt64(index)
                }
            }
        }
    }

    /// The first rule matching the line `[start, end)`, and where: the end of the stripped
    /// prefix for `strip` rules, `end` for dropped lines.
    func firstMatch(_ key: [Unicode.Scalar], start: Int, end: Int) -> (rule: Int, end: Int)? {
        guard end > start, end - start <= maxLength else { return nil }
        precondition(start >= 0 && end <= key.count, "line out of bounds")
        // Only rules whose first character the line has can match: a line or prefix rule
        // must start with it, a suffix or contains rule may find it anywhere. A suffix or
        // contains rule matches when it matches at any of its first characters, so those
        // are tried in this one pass over the line, where the characters are found.
        var mask = alwaysMask
        var scanned: UInt64 = 0
        var matched: UInt64 = 0
        key.withUnsafeBufferPointer { text in
            triggerRows.withUnsafeBufferPointer { rows in
                func row(_ position: Int) -> Int {
                    let value = text[position].value
                    return value < 0x10000 ? Int(rows[Int(value)]) : 0
                }
                let first = row(start)
                if first > 0 { mask |= startMasks[first - 1] }
                for position in start..<end {
                    let found = row(position)
                    guard found > 0 else { continue }
                    let rules = scanMasks[found - 1]
                    scanned |= rules
                    var pending = rules & ~matched
                    while pending != 0 {
                        let index = pending.trailingZeroBitCount
                        if matches(index, key, at: position, start: start, end: end) { matched |= 1 << UInt64(index) }
                        pending &= pending - 1
                    }
                }
            }
        }
        mask |= scanned
        // In rule order: the lowest bit first, then the rules past the 64th.
        while mask != 0 {
            let index = mask.trailingZeroBitCount
            let bit: UInt64 = 1 << UInt64(index)
            if scanned & bit != 0 {
                if matched & bit != 0 { return (index, end) }
            } else if let found = apply(index, key, start: start, end: end) {
                return (index, found)
            }
            mask &= mask - 1
        }
        for index in min(64, entries.count)..<entries.count {
            if let found = apply(index, key, start: start, end: end) { return (index, found) }
        }
        return nil
    }

    /// Whether suffix or contains rule `index` matches the line `[start, end)` at `position`.
    private func matches(_ index: Int, _ key: [Unicode.Scalar], at position: Int, start: Int, end: Int) -> Bool {
        let entry = entries[index]
        guard end - start <= entry.maxLength else { return false }
        // Inside a run the pattern starts with (`\d`, `x+`) only the run's first scalar needs
        // trying: the match would be the same.
        if position > start && LinePattern.continuesRun(tokens, entry.tokens, before: key[position - 1]) { return false }
        let toEnd = entry.match == .suffix
        return LinePattern.match(tokens, entry.tokens, key, from: position, limit: end, toEnd: toEnd) != nil
    }

    private func apply(_ index: Int, _ key: [Unicode.Scalar], start: Int, end: Int) -> Int? {
        let entry = entries[index]
        guard end - start <= entry.maxLength else { return nil }
        switch entry.match {
        case .line:
            if let first = entry.first, key[start] != first { return nil }
            return LinePattern.match(tokens, entry.tokens, key, from: start, limit: end, toEnd: true) != nil ? end : nil
        case .prefix:
            if let first = entry.first, key[start] != first { return nil }
            guard let matched = LinePattern.match(tokens, entry.tokens, key, from: start, limit: end, toEnd: false) else { return nil }
            return entry.action == .strip ? matched : end
        case .suffix:
            var from = end - 1
            while from >= start {
                if LinePattern.canStart(tokens, entry.tokens, with: key[from]),
                   LinePattern.match(tokens, entry.tokens, key, from: from, limit: end, toEnd: true) != nil { return end }
                from -= 1
            }
            return nil
        case .contains:
            var from = start
            while from < end {
                if LinePattern.canStart(tokens, entry.tokens, with: key[from]),
                   LinePattern.match(tokens, entry.tokens, key, from: from, limit: end, toEnd: false) != nil { return end }
                from += 1
            }
            return nil
        }
    }
}

/// A `meta-field` rule: a label of the document information table some government sites
/// print above the text (`发文机关：国务院办公厅  成文日期：2005年06月11日`).
final class MetaFieldRule: Sendable {
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
