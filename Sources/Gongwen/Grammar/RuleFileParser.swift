/// Reads the text of one grammar file into rules.
///
/// The format, for people who edit rules without touching Swift:
///
///     # A comment runs from # to the end of the line (outside quotes).
///     unit 亿元  base=元 scale=100000000 dimension=currency
///     comparator 不少于  op=">=" position=before
///
/// One rule per line: a kind, a name, then `key=value` fields. A value is a bare word
/// (no spaces, no `#`, no `"`) or a double-quoted string taken literally, backslashes
/// included, where `""` stands for one `"`. Lists separate items with `|`.
/// A line ending in `\` continues on the next line.
enum RuleFileParser {
    static func parse(_ text: String, file: String) throws(GrammarError) -> [Rule] {
        var rules: [Rule] = []
        var pending = ""
        var pendingLine = 0
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if pending.isEmpty { pendingLine = lineNumber }
            let stripped = try stripComment(line, file: file, line: lineNumber)
            if stripped.hasSuffix("\\") {
                pending += stripped.dropLast() + " "
                continue
            }
            let logical = pending + stripped
            pending = ""
            if let rule = try parseLine(logical, file: file, line: pendingLine) {
                rules.append(rule)
            }
        }
        if !pending.isEmpty, let rule = try parseLine(pending, file: file, line: pendingLine) {
            rules.append(rule)
        }
        return rules
    }

    /// The line without its comment; quotes protect `#`.
    private static func stripComment(_ line: Substring, file: String, line number: Int) throws(GrammarError) -> String {
        var inQuotes = false
        var result = ""
        for character in line {
            if character == "\"" { inQuotes.toggle() }
            if character == "#" && !inQuotes { break }
            result.append(character)
        }
        if inQuotes {
            throw GrammarError(file: file, line: number, rule: nil, message: "unterminated quoted value")
        }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }

    private static func parseLine(_ line: String, file: String, line number: Int) throws(GrammarError) -> Rule? {
        var tokens: [String] = []
        var current = ""
        var inQuotes = false
        var hasToken = false
        var characters = Array(line)
        characters.append(" ")
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if inQuotes {
                if character == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" {
                        current.append("\"")
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
                hasToken = true
            } else if character == " " || character == "\t" {
                if hasToken { tokens.append(current) }
                current = ""
                hasToken = false
            } else {
                current.append(character)
                hasToken = true
            }
            index += 1
        }
        guard !tokens.isEmpty else { return nil }
        guard tokens.count >= 2 else {
            throw GrammarError(file: file, line: number, rule: nil,
                               message: "a rule needs a kind and a name, e.g. 'unit 亿元 base=元 …'; found only '\(tokens[0])'")
        }
        var rule = Rule(kind: tokens[0], name: tokens[1], fields: [], file: file, line: number)
        for token in tokens.dropFirst(2) {
            guard let equals = token.firstIndex(of: "="), equals != token.startIndex else {
                throw GrammarError(file: file, line: number, rule: rule.id,
                                   message: "expected key=value, found '\(token)'")
            }
            let key = String(token[..<equals])
            if rule[key] != nil {
                throw GrammarError(file: file, line: number, rule: rule.id, message: "field '\(key)' is given twice")
            }
            rule.fields.append((key, String(token[token.index(after: equals)...])))
        }
        return rule
    }
}
