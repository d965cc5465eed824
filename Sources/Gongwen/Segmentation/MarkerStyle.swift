/// One way of writing a heading number (a `marker` rule), compiled: `一、`, `(一)`, `第一条`,
/// `1.`, `1.2.1`, `①`, `一是` … Immutable; a class so that the scanner's hot loop passes a
/// reference instead of copying its tables.
final class MarkerStyle: Sendable {
    /// Where a marker of this style may stand.
    enum Place: String, Sendable {
        /// Only where a line (or a run-on paragraph) starts.
        case lineStart = "line-start"
        /// Also right after a sentence end, when its number starts or continues the sequence.
        case boundary
        /// Also glued to the text before it, when its number continues the sequence.
        case runIn = "run-in"
    }

    /// What may not follow the marker.
    enum Next: String, Sendable {
        case any
        /// No digit after it (`1.` is not the start of `1.5%`).
        case noDigit = "no-digit"
        /// No numeral of its own set after it (`一、` is not the start of `一、二季度`).
        case noNumeral = "no-numeral"
        /// A space must follow (`1 总则`, `1.1 编制目的`).
        case space
    }

    let name: String
    let style: SectionStyle
    /// The nesting identity (an index into `SectionRules.levelNames`); decimal markers add
    /// their number of parts to it.
    let level: Int
    let ordinals: [ChineseOrdinal]
    let opens: [[Unicode.Scalar]]
    let closes: [[Unicode.Scalar]]
    let spaces: Bool
    let next: Next
    let place: Place
    /// Decimal numbering: how many numbers joined by `.`; nil for every other style.
    let parts: ClosedRange<Int>?
    /// Only a marker when its heading is the whole line.
    let wholeLine: Bool
    /// An inline item (`一是`): child of the section whose text holds it.
    let item: Bool
    /// The scalars a marker of this style can start with.
    let firstScalars: ScalarSet

    init(rule: Rule, level: Int, ordinals: [ChineseOrdinal]) throws(GrammarError) {
        name = rule.name
        guard let style = SectionStyle(rawValue: rule["style"] ?? "") else {
            throw GrammarError(rule, "unknown style")
        }
        self.style = style
        self.level = level
        self.ordinals = ordinals
        opens = rule.list("open").map { Array($0.unicodeScalars) }
        closes = rule.list("close").map { Array($0.unicodeScalars) }
        spaces = rule.flag("spaces")
        next = Next(rawValue: rule["next"] ?? "any") ?? .any
        place = Place(rawValue: rule["where"] ?? "boundary") ?? .boundary
        wholeLine = rule.flag("whole-line")
        item = rule.flag("item")
        if let partsText = rule["parts"] {
            let bounds = partsText.split(separator: ".", omittingEmptySubsequences: true).compactMap { Int($0) }
            guard let low = bounds.first, let high = bounds.last, low >= 1, low <= high, bounds.count <= 2 else {
                throw GrammarError(rule, "parts must be a count like 1 or a range like 2..4")
            }
            guard ordinals.count == 1, ordinals[0].kind == .positional else {
                throw GrammarError(rule, "decimal parts need one positional ordinal set")
            }
            parts = low...high
        } else {
            parts = nil
        }
        var first = ScalarSet()
        if opens.isEmpty {
            for set in ordinals { first.formUnion(set.characters) }
        } else {
            for open in opens { if let scalar = open.first { first.insert(scalar) } }
        }
        firstScalars = first
    }

    /// Whether a marker of this style may stand in a context at all.
    @inline(__always)
    func allows(_ context: MarkerContext) -> Bool {
        if item { return context != .glued }
        switch context {
        case .lineStart: return true
        case .sentence: return place != .lineStart
        case .glued: return place == .runIn
        case .itemStart, .itemContinue: return false
        }
    }

    /// Reads a marker of this style at `start`, not past `limit` (the line end). `numerals`
    /// keeps the last numeral read, for the next style tried at the same place.
    func match(_ key: [Unicode.Scalar], at start: Int, limit: Int, numerals: inout NumeralMemo) -> MarkerMatch? {
        var position = start
        if !opens.isEmpty {
            guard let open = MarkerStyle.prefix(of: opens, in: key, at: position, limit: limit) else { return nil }
            position += open
            if spaces { position = MarkerStyle.skipSpaces(key, position, limit) }
        }
        var number = 0
        // Decimal markers: the numbers are counted here, and read into the path only once
        // the whole marker matched (most candidates, like `2.5%`, do not).
        var partCount = 0
        let numbersStart = position
        if let parts {
            let digits = ordinals[0]
            guard let first = numerals.read(digits, key, at: position, limit: limit, spacedDigits: false) else { return nil }
            partCount = 1
            number = first.value
            position = first.end
            while position + 1 < limit, key[position] == ".", digits.digit(key[position + 1]) != nil {
                guard let more = digits.read(key, at: position + 1, limit: limit) else { return nil }
                partCount += 1
                number = more.value
                position = more.end
            }
            guard parts.contains(partCount) else { return nil }
        } else {
            var found = false
            for set in ordinals {
                if let read = numerals.read(set, key, at: position, limit: limit, spacedDigits: spaces) {
                    number = read.value
                    position = read.end
                    found = true
                    break
                }
            }
            guard found else { return nil }
        }
        if !closes.isEmpty {
            let at = spaces ? MarkerStyle.skipSpaces(key, position, limit) : position
            guard let close = MarkerStyle.prefix(of: closes, in: key, at: at, limit: limit) else { return nil }
            position = at + close
        }
        switch next {
        case .any:
            break
        case .noDigit:
            let after = MarkerStyle.skipSpaces(key, position, limit)
            if after < limit && Scalars.isDigit(key[after]) { return nil }
        case .noNumeral:
            if position < limit {
                for set in ordinals where set.characters.contains(key[position]) { return nil }
            }
        case .space:
            guard position < limit, Scalars.isSpace(key[position]) else { return nil }
            let after = MarkerStyle.skipSpaces(key, position, limit)
            guard after < limit, !Scalars.isDigit(key[after]) else { return nil }
        }
        var path: [Int] = []
        if partCount > 0 {
            path.reserveCapacity(partCount)
            var at = numbersStart
            while path.count < partCount, let read = ordinals[0].read(key, at: at, limit: limit) {
                path.append(read.value)
                at = read.end + 1
            }
        }
        return MarkerMatch(range: start..<position, number: number, path: path,
                           level: level * 8 + path.count)
    }

    /// The nesting level of the decimal parent (one number fewer), for decimal markers.
    func parentLevel(of match: MarkerMatch) -> Int? {
        guard parts != nil, match.path.count > 1 else { return nil }
        return level * 8 + match.path.count - 1
    }

    /// The length of the first alternative found at `position`.
    static func prefix(of alternatives: [[Unicode.Scalar]], in key: [Unicode.Scalar], at position: Int, limit: Int) -> Int? {
        for alternative in alternatives where position + alternative.count <= limit {
            var index = 0
            while index < alternative.count && key[position + index] == alternative[index] { index += 1 }
            if index == alternative.count { return index }
        }
        return nil
    }

    @inline(__always)
    static func skipSpaces(_ key: [Unicode.Scalar], _ position: Int, _ limit: Int) -> Int {
        var position = position
        while position < limit && Scalars.isSpace(key[position]) { position += 1 }
        return position
    }

    @inline(__always)
    static func skipSpaces(_ key: UnsafeBufferPointer<Unicode.Scalar>, _ position: Int, _ limit: Int) -> Int {
        var position = position
        while position < limit && Scalars.isSpace(key[position]) { position += 1 }
        return position
    }
}

/// The last numeral read while the markers at one place are tried: several styles read the
/// same numeral there (`1.` is tried as decimal-top, decimal and arabic, `第一条` as chapter,
/// part and article), and reading it is most of the cost of a try.
struct NumeralMemo {
    private var set: ObjectIdentifier?
    private var position = -1
    private var limit = -1
    private var spacedDigits = false
    private var result: (value: Int, end: Int)?

    /// `ordinal.read(key, at: position, limit: limit, spacedDigits: spacedDigits)`, remembered.
    mutating func read(_ ordinal: ChineseOrdinal, _ key: [Unicode.Scalar], at position: Int, limit: Int,
                       spacedDigits: Bool) -> (value: Int, end: Int)? {
        let id = ObjectIdentifier(ordinal)
        if id == set && position == self.position && limit == self.limit && spacedDigits == self.spacedDigits {
            return result
        }
        let read = ordinal.read(key, at: position, limit: limit, spacedDigits: spacedDigits)
        set = id
        self.position = position
        self.limit = limit
        self.spacedDigits = spacedDigits
        result = read
        return read
    }
}

/// A marker found in the text (not yet accepted).
struct MarkerMatch: Sendable {
    /// The marker in clean-text coordinates (`第 1 0 条`, `(一)`, `1.2.1`).
    var range: Range<Int>
    /// Its ordinal (`1.2.3` → 3).
    var number: Int
    /// All numbers of a decimal marker (`1.2.3` → [1, 2, 3]); empty otherwise.
    var path: [Int]
    /// Nesting identity: the style's level, and for decimal markers the number of parts.
    var level: Int
}
