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
    }

    /// The end of a match of the whole pattern starting at `start`, or nil. With
    /// `toEnd`, the match must end exactly at `limit`.
    func match(_ key: [Unicode.Scalar], from start: Int, limit: Int, toEnd: Bool) -> Int? {
        match(key, token: 0, at: start, limit: limit, toEnd: toEnd)
    }

    private func match(_ key: [Unicode.Scalar], token index: Int, at position: Int, limit: Int, toEnd: Bool) -> Int? {
        if index == tokens.count { return !toEnd || position == limit ? position : nil }
        switch tokens[index] {
        case .literal(let scalar):
            guard position < limit, key[position] == scalar else { return nil }
            return match(key, token: index + 1, at: position + 1, limit: limit, toEnd: toEnd)
        case .oneOrMore(let scalar):
            var end = position
            while end < limit && key[end] == scalar { end += 1 }
            guard end > position else { return nil }
            return match(key, token: index + 1, at: end, limit: limit, toEnd: toEnd)
        case .digits:
            var end = position
            while end < limit && Scalars.isDigit(key[end]) { end += 1 }
            guard end > position else { return nil }
            return match(key, token: index + 1, at: end, limit: limit, toEnd: toEnd)
        case .spaces:
            var end = position
            while end < limit && Scalars.isSpace(key[end]) { end += 1 }
            return match(key, token: index + 1, at: end, limit: limit, toEnd: toEnd)
        case .anything:
            var end = position
            while end <= limit {
                if let found = match(key, token: index + 1, at: end, limit: limit, toEnd: toEnd) { return found }
                end += 1
            }
            return nil
        }
    }
}
