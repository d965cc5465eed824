/// A grammar that cannot be used, reported like a compiler: `file:line: rule NAME: what`.
public struct GrammarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name (or path) the error is in.
    public var file: String
    /// 1-based line; 0 when the error concerns the whole grammar.
    public var line: Int
    /// The rule id (`unit 亿元`), or nil for a syntax error before a rule could be read.
    public var rule: String?
    public var message: String

    public init(file: String, line: Int, rule: String?, message: String) {
        self.file = file
        self.line = line
        self.rule = rule
        self.message = message
    }

    init(_ rule: Rule, _ message: String) {
        self.init(file: rule.file, line: rule.line, rule: rule.id, message: message)
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        if let rule { return "\(place): rule \(rule): \(message)" }
        return "\(place): \(message)"
    }
}
