/// A shell-style file name pattern, as used by `gongwen batch --include/--exclude`.
///
/// `*` matches any run of characters except `/`, `?` one character except `/`,
/// `[abc]`, `[a-z]` and `[!abc]` one character of (or not of) a set, and `**` any run
/// of characters including `/` (`**/` also matches nothing, so `**/draft/*` matches
/// `draft/a.txt`). A pattern without `/` is matched against the file's name alone
/// (`*.txt`); a pattern with `/` against its path relative to the folder given
/// (`2024/**/*.txt`).
public struct Glob: Sendable, Equatable, CustomStringConvertible {
    enum Token: Equatable, Sendable {
        case literal(Unicode.Scalar)
        case any
        case star
        case globstar
        /// `**/`: nothing, or any run of characters that ends with `/`.
        case globstarSlash
        case set([ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    /// The pattern as written.
    public let pattern: String
    /// True when the pattern holds a `/` and so applies to the whole relative path.
    public let matchesPath: Bool
    let tokens: [Token]

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = Array(pattern.unicodeScalars)
        while text.starts(with: ["." as Unicode.Scalar, "/"]) { text.removeFirst(2) }
        while text.first == "/" { text.removeFirst() }
        self.matchesPath = text.contains("/")
        self.tokens = Glob.compile(text)
    }

    public var description: String { pattern }

    /// True when `relativePath` (components separated by `/`) matches. A pattern
    /// without `/` looks at the last component only.
    public func matches(_ relativePath: String) -> Bool {
        var subject = Array(relativePath.unicodeScalars)
        if !matchesPath, let slash = subject.lastIndex(of: "/") {
            subject.removeSubrange(...slash)
        }
        return match(tokenIndex: 0, in: subject, at: 0)
    }

    private static func compile(_ text: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < text.count {
            let c = text[i]
            switch c {
            case "*":
                if i + 1 < text.count, text[i + 1] == "*" {
                    if i + 2 < text.count, text[i + 2] == "/" {
                        tokens.append(.globstarSlash)
                        i += 3
                    } else {
                        tokens.append(.globstar)
                        i += 2
                    }
                } else {
                    tokens.append(.star)
                    i += 1
                }
            case "?":
                tokens.append(.any)
                i += 1
            case "[":
                if let (set, end) = compileSet(text, from: i) {
                    tokens.append(set)
                    i = end
                } else {
                    tokens.append(.literal("["))
                    i += 1
                }
            case "\\" where i + 1 < text.count:
                tokens.append(.literal(text[i + 1]))
                i += 2
            default:
                tokens.append(.literal(c))
                i += 1
            }
        }
        return tokens
    }

    /// A `[...]` set starting at `start`, and the index after its `]`; nil when unclosed.
    private static func compileSet(_ text: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < text.count, text[i] == "!" || text[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while i < text.count {
            let c = text[i]
            if c == "]" && !first {
                return (.set(ranges, negated: negated), i + 1)
            }
            first = false
            if i + 2 < text.count, text[i + 1] == "-", text[i + 2] != "]" {
                let low = min(c, text[i + 2]), high = max(c, text[i + 2])
                ranges.append(low...high)
                i += 3
            } else {
                ranges.append(c...c)
                i += 1
            }
        }
        return nil
    }

    private func match(tokenIndex: Int, in subject: [Unicode.Scalar], at start: Int) -> Bool {
        var t = tokenIndex
        var s = start
        while t < tokens.count {
            switch tokens[t] {
            case .literal(let c):
                guard s < subject.count, subject[s] == c else { return false }
                s += 1
            case .any:
                guard s < subject.count, subject[s] != "/" else { return false }
                s += 1
            case .set(let ranges, let negated):
                guard s < subject.count, subject[s] != "/" else { return false }
                let inSet = ranges.contains { $0.contains(subject[s]) }
                guard inSet != negated else { return false }
                s += 1
            case .star:
                var k = s
                while true {
                    if match(tokenIndex: t + 1, in: subject, at: k) { return true }
                    if k == subject.count || subject[k] == "/" { return false }
                    k += 1
                }
            case .globstar:
                for k in s...subject.count where match(tokenIndex: t + 1, in: subject, at: k) {
                    return true
                }
                return false
            case .globstarSlash:
                if match(tokenIndex: t + 1, in: subject, at: s) { return true }
                for k in s..<subject.count where subject[k] == "/" {
                    if match(tokenIndex: t + 1, in: subject, at: k + 1) { return true }
                }
                return false
            }
            t += 1
        }
        return s == subject.count
    }
}
