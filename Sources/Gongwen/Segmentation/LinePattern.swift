/// A small pattern language for boilerplate lines, compiled once and matched on the key
/// view of one line (no regex engine per line):
///
///     \d   one or more digits          _   a run of spaces (also none)
///     *    anything (also nothing)     x+  one or more of the character x
///     \x   the character x itself (\* \_ \+ \\)
///
/// Every other character stands for itself.
struct LinePattern: Sendable {
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case oneOrMore(Unicode.Scalar)
        case digits
        case spaces
        case anything
    }

    let tokens: [Token]
    /// The character every match starts with, when the pattern starts with one.
    let first: Unicode.Scalar?

    init?(_ text: String) {
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            var token: Token
            if scalar == "\\" {
                guard index + 1 < scalars.count else { return nil }
                index += 1
                token = scalars[index] == "d" ? .digits : .literal(scalars[index])
            } else if scalar == "_" {
                token = .spaces
            } else if scalar == "*" {
                token = .anything
            } else {
                token = .literal(scalar)
            }
            index += 1
            if index < scalars.count, scalars[index] == "+", case .literal(let repeated) = token {
                token = .oneOrMore(repeated)
                index += 1
            }
            tokens.append(token)
        }
        if tokens.isEmpty { return nil }
        self.tokens = tokens
        switch tokens[0] {
        case .literal(let scalar), .oneOrMore(let scalar): first = scalar
        default: first = nil
        }
    }

    /// The characters a match can start with; nil when any can (a pattern that starts
    /// with spaces, which may be none, or with anything).
    var firstScalars: [Unicode.Scalar]? {
        switch tokens[0] {
        case .literal(let scalar), .oneOrMore(let scalar): return [scalar]
        case .digits: return (0x30...0x39).map { Unicode.Scalar(UInt8($0)) }
        case .spaces, .anything: return nil
        }
    }

    /// Whether a match of `tokens[range]` can start with `scalar`: the test of the first
    /// token alone, cheap enough to make before every try of `match`.
    @inline(__always)
    static func canStart(_ tokens: [Token], _ range: Range<Int>, with scalar: Unicode.Scalar) -> Bool {
        switch tokens[range.lowerBound] {
        case .literal(let first), .oneOrMore(let first): return scalar == first
        case .digits: return Scalars.isDigit(scalar)
        case .spaces, .anything: return true
        }
    }

    /// Whether a match of `tokens[range]` at a position would only repeat the one at the
    /// position before, whose scalar is `before`: the pattern starts with a greedy run (`\d`,
    /// `x+`) that `before` belongs to too, so both runs end at the same place. (The scalar at
    /// the position must start a match, as `canStart` tells.)
    @inline(__always)
    static func continuesRun(_ tokens: [Token], _ range: Range<Int>, before: Unicode.Scalar) -> Bool {
        switch tokens[range.lowerBound] {
        case .digits: return Scalars.isDigit(before)
        case .oneOrMore(let scalar): return before == scalar
        case .literal, .spaces, .anything: return false
        }
    }

    /// The end of a match of the whole pattern starting at `start`, or nil. With
    /// `toEnd`, the match must end exactly at `limit`.
    func match(_ key: [Unicode.Scalar], from start: Int, limit: Int, toEnd: Bool) -> Int? {
        LinePattern.match(tokens, 0..<tokens.count, key, token: 0, at: start, limit: limit, toEnd: toEnd)
    }

    /// Matches the tokens `tokens[range]` (patterns of several rules share one array).
    static func match(_ tokens: [Token], _ range: Range<Int>, _ key: [Unicode.Scalar], from start: Int,
                      limit: Int, toEnd: Bool) -> Int? {
        match(tokens, range, key, token: range.lowerBound, at: start, limit: limit, toEnd: toEnd)
    }

    private static func match(_ tokens: [Token], _ range: Range<Int>, _ key: [Unicode.Scalar], token index: Int,
                              at position: Int, limit: Int, toEnd: Bool) -> Int? {
        if index == range.upperBound { return !toEnd || position == limit ? position : nil }
        switch tokens[index] {
        case .literal(let scalar):
            guard position < limit, key[position] == scalar else { return nil }
            return match(tokens, range, key, token: index + 1, at: position + 1, limit: limit, toEnd: toEnd)
        case .oneOrMore(let scalar):
            var end = position
            while end < limit && key[end] == scalar { end += 1 }
            guard end > position else { return nil }
            return match(tokens, range, key, token: index + 1, at: end, limit: limit, toEnd: toEnd)
        case .digits:
            var end = position
            while end < limit && Scalars.isDigit(key[end]) { end += 1 }
            guard end > position else { return nil }
            return match(tokens, range, key, token: index + 1, at: end, limit: limit, toEnd: toEnd)
        case .spaces:
            var end = position
            while end < limit && Scalars.isSpace(key[end]) { end += 1 }
            return match(tokens, range, key, token: index + 1, at: end, limit: limit, toEnd: toEnd)
        case .anything:
            var end = position
            while end <= limit {
                if let found = match(tokens, range, key, token: index + 1, at: end, limit: limit, toEnd: toEnd) { return found }
                end += 1
            }
            return nil
        }
    }
}
