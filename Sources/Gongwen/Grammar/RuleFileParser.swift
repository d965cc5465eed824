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
///
/// The parser walks Unicode scalars (not `Character`s): grammar files have hundreds of
/// rules and are parsed at every start of the tool.
enum RuleFileParser {
    static func parse(_ text: String, file: String) throws(GrammarError) -> [Rule] {
        let scalars = Array(text.unicodeScalars)
        var rules: [Rule] = []
        var pending: [Unicode.Scalar] = []
        var pendingLine = 0
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            lineNumber += 1
            var line = scalars[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if line.last == "\r" { line = line.dropLast() }
            if pending.isEmpty { pendingLine = lineNumber }
            var stripped = try stripComment(line, file: file, line: lineNumber)
            if stripped.last == "\\" {
                stripped.removeLast()
                pending += stripped
                pending.append(" ")
                continue
            }
            let logical = pending + stripped
            pending.removeAll(keepingCapacity: true)
            if let rule = try parseLine(logical, file: file, line: pendingLine) {
                rules.append(rule)
            }
        }
        if !pending.isEmpty, let rule = try parseLine(pending, file: file, line: pendingLine) {
            rules.append(rule)
        }
        return rules
    }

    /// The line without its comment and trailing blanks; quotes protect `#`.
    private static func stripComment(_ line: ArraySlice<Unicode.Scalar>, file: String, line number: Int) throws(GrammarError) -> [Unicode.Scalar] {
        let line = Array(line)
        var inQuotes = false
        var end = line.count
        for (index, scalar) in line.enumerated() {
            if scalar == "\"" { inQuotes.toggle() }
            if scalar == "#" && !inQuotes {
                end = index
                break
            }
        }
        if inQuotes {
            throw GrammarError(file: file, line: number, rule: nil, message: "unterminated quoted value")
        }
        while end > 0, line[end - 1] == " " || line[end - 1] == "\t" { end -= 1 }
        return Array(line[0..<end])
    }

    private static func parseLine(_ line: [Unicode.Scalar], file: String, line number: Int) throws(GrammarError) -> Rule? {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var inQuotes = false
        var hasToken = false
        var index = 0
        while index <= line.count {
            let scalar: Unicode.Scalar = index < line.count ? line[index] : " "
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < line.count && line[index + 1] == "\"" {
                        current.append("\"")
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    current.append(scalar)
                }
            } else if scalar == "\"" {
                inQuotes = true
                hasToken = true
            } else if scalar == " " || scalar == "\t" {
                if hasToken { tokens.append(String(current)) }
                current = String.UnicodeScalarView()
                hasToken = false
            } else {
                current.append(scalar)
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
