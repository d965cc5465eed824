/// The quantity rules of a grammar (numerals, units, comparators, cues, exclusions),
/// compiled once into tries and lookup tables. Immutable and `Sendable`: one instance
/// serves every thread (a class, so passing it around copies one reference, not thirty).
public final class QuantityRules: Sendable {
    /// Rule kinds the extractor reads.
    static let kinds: [RuleKind] = {
        let dimensions = Dimension.allCases.map(\.rawValue)
        let roles = Role.allCases.map(\.rawValue)
        return [
            RuleKind("unit", "a unit or classifier after a number, with its base unit and magnitude", fields: [
                .required("base", .text, "the base unit the value is expressed in (万元 → 元)"),
                .optional("scale", .decimal, "what one of this unit is in the base unit (万元: 10000); default 1"),
                .required("dimension", .choice(dimensions), "what the unit measures"),
            ]),
            RuleKind("plausible", "the largest plausible value of a unit (above it: a diagnostic, the value is kept)", fields: [
                .required("max", .decimal, "the largest plausible value in the base unit"),
            ]),
            RuleKind("arabic-only", "a unit that counts only after Arabic digits (分 as a score; 四分溪 is a name)", fields: []),
            RuleKind("numeral", "a character or word that spells part of a number", fields: [
                .required("role", .choice(NumeralRole.allCases.map(\.rawValue)), "what it does in the number"),
                .optional("value", .decimal, "its value (digit, tens, multiplier, section)"),
                .optional("only-before", .text, "it is a numeral only right before this word (兆 before 元)"),
            ]),
            RuleKind("comparator", "a word before or after a number that bounds the real value", fields: [
                .required("op", .choice([">=", ">", "<=", "<", "~", "none", "incl"]), "the comparator, none for a plain link, incl to make a strict bound inclusive"),
                .required("position", .choice(["before", "after"]), "before the number or after its unit"),
                .optional("reach", .choice(["adjacent", "clause"]), "how far from the number the word may stand; default adjacent"),
                .optional("dims", .list, "dimensions it applies to; default all"),
                .optional("roles", .list, "roles it applies to; default all"),
            ]),
            RuleKind("change", "a word before a number that makes it a rise or a fall", fields: [
                .required("direction", .choice(["increase", "decrease", "level", "none"]), "rise, fall, a new level (no change), or no cue at all"),
                .optional("applies", .choice(["all", "amount"]), "amount: not for percentages (新增)"),
            ]),
            RuleKind("change-veto", "a word coordinated with a change word that cancels it (扶持和新建)", fields: [
                .required("side", .choice(["before", "after"]), "whether the veto word stands before or after the change word"),
            ], allowsDuplicateNames: true),
            RuleKind("role", "a word near a number that tells what it is for", fields: [
                .required("role", .choice(roles + ["none"]), "the role it gives, or none to shield a longer word"),
                .optional("strength", .choice(["strong", "weak", "modal"]), "strong decides over the section; modal (a strong word of a rule, 应当, 须, or of the plan's own goal, 力争) also decides over a nearer plain strong word after it in the clause; default strong"),
                .optional("reach", .choice(["sentence", "clause", "adjacent"]), "how far from the number; default sentence"),
                .optional("position", .choice(["before", "after"]), "before the number or after its unit; default before"),
                .optional("dims", .list, "dimensions it applies to; default all"),
            ], allowsDuplicateNames: true),
            RuleKind("heading", "a word in a section heading that sets the role of the numbers in it", fields: [
                .required("role", .choice(roles + ["none"]), "the role, or none to shield a longer word"),
            ]),
            RuleKind("strip", "a word cut from the start or end of an indicator", fields: [
                .optional("side", .choice(["start", "end"]), "default start"),
            ], allowsDuplicateNames: true),
            RuleKind("link", "a word between an indicator and its number (达到, 增长)", fields: []),
            RuleKind("cut", "the indicator starts after the last of these words inside it (且, 括号)", fields: []),
            RuleKind("reference", "a word that introduces the value a number is compared with (较上年, 高于全国平均水平)", fields: [
                .optional("shield", .flag, "yes: a longer word that only contains one (比较)"),
            ]),
            RuleKind("year", "a word that gives the year a target is for", fields: [
                .required("kind", .choice(["by", "document", "plan-end"]), "by: 到2015年; document: 全年; plan-end: 十二五末"),
                .optional("end", .integer, "the last year of the plan period (plan-end)"),
            ]),
            RuleKind("exclude-before", "a word right before a number that makes it no quantity (第, 每)", fields: [
                .optional("keep", .list, "dimensions that stay quantities after it (每两年: a period)"),
            ]),
            RuleKind("exclude-after", "a word right after a quantity that makes it no quantity (周年)", fields: []),
            RuleKind("word", "an idiom or name that holds a numeral but is no quantity", fields: []),
            RuleKind("denominator", "a bare magnitude with unit that is a per-capita base (万人)", fields: []),
            RuleKind("class-name", "words after a bare magnitude with unit that make it a class name (亿元以上项目)", fields: []),
            RuleKind("quote", "quotation or title marks whose content is a name", fields: [
                .required("close", .text, "the closing mark"),
                .required("always", .flag, "yes: always a name; no: unless the quotation holds a sentence"),
            ]),
            RuleKind("year-before", "a word before N年 that makes it a year (民国, 于)", fields: []),
            RuleKind("year-after", "a word after N年 that makes it a year (月, 底, 度)", fields: []),
            RuleKind("date-before", "a word before N日 that makes it a day of a date (月)", fields: []),
        ]
    }()

    let numerals: ScalarTrie<NumeralEntry>
    /// The words a numeral must stand before (`NumeralEntry.onlyBefore` indexes them).
    let onlyBeforeWords: [[Unicode.Scalar]]
    /// One byte per scalar value (1.1 MB, of which a text touches the few pages of its
    /// scripts): `numberStartMark` where the scalar may start a number (BMP only),
    /// `quoteMark` where it opens a quote (most are 0). Indexed by the value with no
    /// clamp: the scan that reads it runs over every character of the text.
    let scalarMarks: [UInt8]
    let units: ScalarTrie<UnitEntry>
    /// The base units (`UnitEntry.base` indexes them), as strings and as scalars.
    let unitBases: [String]
    let unitBaseScalars: [[Unicode.Scalar]]
    let comparatorsBefore: ScalarTrie<ComparatorEntry>
    let comparatorsAfter: ScalarTrie<ComparatorEntry>
    let changes: CueTable<ChangeEntry>
    let changeVetoBefore: ScalarTrie<Bool>
    let changeVetoAfter: ScalarTrie<Bool>
    let roles: CueTable<RoleEntry>
    let rolesAfter: ScalarTrie<RoleEntry>
    let headings: [(word: [Unicode.Scalar], role: Role?)]
    /// The heading words in a trie; payload: the word's place in `headings` and its role.
    let headingWords: ScalarTrie<HeadingWord>
    let stripStart: ScalarTrie<Bool>
    let stripEnd: ScalarTrie<Bool>
    let links: ScalarTrie<Bool>
    let cuts: ScalarTrie<Bool>
    let years: CueTable<YearEntry>
    /// Words that introduce a compared value (payload false: a shield word).
    let references: CueTable<Bool>
    /// Payload: the dimensions that stay quantities after the word.
    let excludeBefore: ScalarTrie<DimensionSet>
    let excludeAfter: ScalarTrie<Bool>
    let words: ScalarTrie<Int>
    let longestWord: Int
    let denominators: Set<String>
    let classNames: ScalarTrie<Bool>
    /// Quotation marks: opening scalar, closing scalar, always a name.
    let quotes: [(open: UInt32, close: Unicode.Scalar, always: Bool)]
    let yearBefore: ScalarTrie<Bool>
    let yearAfter: ScalarTrie<Bool>
    let dateBefore: ScalarTrie<Bool>

    public init(grammar: Grammar) throws(GrammarError) {
        var numerals = ScalarTrie<NumeralEntry>()
        var onlyBeforeWords: [[Unicode.Scalar]] = []
        var marks = [UInt8](repeating: 0, count: 0x110000)
        func mark(_ scalar: Unicode.Scalar) {
            let v = Int(scalar.value)
            if v < 0x10000 { marks[v] |= QuantityRules.numberStartMark }
        }
        for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { mark(Unicode.Scalar(digit)) }
        mark("-")
        for rule in grammar.rules("numeral") {
            guard let role = NumeralRole(rawValue: rule["role"] ?? "") else { continue }
            let needsValue: Set<NumeralRole> = [.digit, .tens, .multiplier, .section]
            if needsValue.contains(role) && rule.decimal("value") == nil {
                throw GrammarError(rule, "a \(role.rawValue) numeral needs a value")
            }
            var onlyBefore: Int32 = -1
            if let word = rule["only-before"] {
                onlyBeforeWords.append(Array(word.unicodeScalars))
                onlyBefore = Int32(onlyBeforeWords.count - 1)
            }
            numerals.insert(rule.name, NumeralEntry(role: role, value: rule.decimal("value"), onlyBefore: onlyBefore))
            if role != .point && role != .over, let first = rule.name.unicodeScalars.first { mark(first) }
        }
        self.numerals = numerals
        self.onlyBeforeWords = onlyBeforeWords

        var units = ScalarTrie<UnitEntry>()
        var unitBases: [String] = []
        var limits: [String: ExactDecimal] = [:]
        for rule in grammar.rules("plausible") { limits[rule.name] = rule.decimal("max") }
        let arabicOnly = Set(grammar.rules("arabic-only").map(\.name))
        for rule in grammar.rules("unit") {
            let name = Array(rule.name.unicodeScalars)
            let base = rule["base"] ?? rule.name
            let baseScalars = Array(base.unicodeScalars)
            let suffix = name.count >= baseScalars.count && Array(name.suffix(baseScalars.count)) == baseScalars
            guard let dimension = Dimension(rawValue: rule["dimension"] ?? "") else { continue }
            // one index per distinct base (as `==` tells strings apart)
            let baseIndex = unitBases.firstIndex(where: { $0 == base }) ?? unitBases.count
            if baseIndex == unitBases.count { unitBases.append(base) }
            units.insert(rule.name, UnitEntry(base: Int32(baseIndex), baseSuffixLength: suffix ? baseScalars.count : nil,
                                              scale: rule.decimal("scale") ?? ExactDecimal(1),
                                              dimension: dimension, max: limits[rule.name],
                                              arabicOnly: arabicOnly.contains(rule.name)))
        }
        if units.isEmpty { throw GrammarError(file: "units.rules", line: 0, rule: nil, message: "the grammar has no unit rules") }
        self.units = units
        self.unitBases = unitBases
        self.unitBaseScalars = unitBases.map { Array($0.unicodeScalars) }

        var before = ScalarTrie<ComparatorEntry>(reversed: true)
        var after = ScalarTrie<ComparatorEntry>()
        for rule in grammar.rules("comparator") {
            let op: ComparatorEntry.Op
            switch rule["op"] {
            case "none": op = .none
            case "incl": op = .inclusive
            default:
                guard let comparator = Comparator(rawValue: rule["op"] ?? "") else { continue }
                op = .bound(comparator)
            }
            let entry = ComparatorEntry(op: op, clauseReach: rule["reach"] == "clause",
                                        dimensions: try QuantityRules.dimensions(rule),
                                        provisionOnly: rule.list("roles").contains("provision"))
            if rule["position"] == "after" { after.insert(rule.name, entry) } else { before.insert(rule.name, entry) }
        }
        self.comparatorsBefore = before
        self.comparatorsAfter = after

        var changes = CueTable<ChangeEntry>()
        for rule in grammar.rules("change") {
            let direction: ChangeEntry.Direction
            switch rule["direction"] {
            case "increase": direction = .change(.increase)
            case "decrease": direction = .change(.decrease)
            case "level": direction = .level
            default: direction = .none
            }
            changes.insert(rule.name, ChangeEntry(direction: direction, amountOnly: rule["applies"] == "amount"),
                           shield: direction == .none)
        }
        self.changes = changes
        var vetoBefore = ScalarTrie<Bool>(reversed: true)
        var vetoAfter = ScalarTrie<Bool>()
        for rule in grammar.rules("change-veto") {
            if rule["side"] == "after" { vetoAfter.insert(rule.name, true) } else { vetoBefore.insert(rule.name, true) }
        }
        self.changeVetoBefore = vetoBefore
        self.changeVetoAfter = vetoAfter

        var roles = CueTable<RoleEntry>()
        var rolesAfter = ScalarTrie<RoleEntry>()
        for rule in grammar.rules("role") {
            let role = Role(rawValue: rule["role"] ?? "")
            let reach: RoleEntry.Reach
            switch rule["reach"] {
            case "clause": reach = .clause
            case "adjacent": reach = .adjacent
            default: reach = .sentence
            }
            let entry = RoleEntry(role: role, strong: rule["strength"] != "weak", reach: reach,
                                  dimensions: try QuantityRules.dimensions(rule), modal: rule["strength"] == "modal")
            if rule["position"] == "after" { rolesAfter.insert(rule.name, entry) } else { roles.insert(rule.name, entry, shield: role == nil) }
        }
        self.roles = roles
        self.rolesAfter = rolesAfter
        self.headings = grammar.rules("heading").map { rule in
            (Array(rule.name.unicodeScalars), Role(rawValue: rule["role"] ?? ""))
        }
        var headingWords = ScalarTrie<HeadingWord>()
        for (index, rule) in grammar.rules("heading").enumerated() {
            headingWords.insert(rule.name, HeadingWord(index: index, role: Role(rawValue: rule["role"] ?? "")))
        }
        self.headingWords = headingWords

        var stripStart = ScalarTrie<Bool>()
        var stripEnd = ScalarTrie<Bool>(reversed: true)
        for rule in grammar.rules("strip") {
            if rule["side"] == "end" { stripEnd.insert(rule.name, true) } else { stripStart.insert(rule.name, true) }
        }
        self.stripStart = stripStart
        self.stripEnd = stripEnd
        self.links = QuantityRules.set(grammar, "link", reversed: true)
        self.cuts = QuantityRules.set(grammar, "cut", reversed: false)

        var years = CueTable<YearEntry>()
        for rule in grammar.rules("year") {
            let kind: YearEntry.Kind
            switch rule["kind"] {
            case "document": kind = .document
            case "plan-end":
                guard let end = rule.int("end") else { throw GrammarError(rule, "a plan-end year needs end=YYYY") }
                kind = .planEnd(end)
            default: kind = .by
            }
            years.insert(rule.name, YearEntry(kind: kind), shield: false)
        }
        self.years = years

        var references = CueTable<Bool>()
        for rule in grammar.rules("reference") {
            let shield = rule.flag("shield")
            references.insert(rule.name, !shield, shield: shield)
        }
        self.references = references
        var excludeBefore = ScalarTrie<DimensionSet>(reversed: true)
        for rule in grammar.rules("exclude-before") {
            excludeBefore.insert(rule.name, try QuantityRules.dimensions(rule, field: "keep") ?? DimensionSet())
        }
        self.excludeBefore = excludeBefore
        self.excludeAfter = QuantityRules.set(grammar, "exclude-after", reversed: false)
        var words = ScalarTrie<Int>()
        var longest = 0
        for rule in grammar.rules("word") {
            let length = rule.name.unicodeScalars.count
            words.insert(rule.name, length)
            longest = max(longest, length)
        }
        self.words = words
        self.longestWord = longest
        self.denominators = Set(grammar.rules("denominator").map(\.name))
        self.classNames = QuantityRules.set(grammar, "class-name", reversed: false)
        var quotes: [(open: UInt32, close: Unicode.Scalar, always: Bool)] = []
        for rule in grammar.rules("quote") {
            guard let open = rule.name.unicodeScalars.first, let close = rule["close"]?.unicodeScalars.first,
                  rule.name.unicodeScalars.count == 1 else {
                throw GrammarError(rule, "a quote mark is one character, and so is its close")
            }
            quotes.append((open.value, close, rule.flag("always")))
        }
        self.quotes = quotes
        for q in quotes { marks[QuantityRules.markIndex(Unicode.Scalar(q.open)!)] |= QuantityRules.quoteMark }
        self.scalarMarks = marks
        self.yearBefore = QuantityRules.set(grammar, "year-before", reversed: true)
        self.yearAfter = QuantityRules.set(grammar, "year-after", reversed: false)
        self.dateBefore = QuantityRules.set(grammar, "date-before", reversed: true)
    }

    /// The quotation mark opening at `scalar`, if it is one.
    @inline(__always)
    func quote(openedBy scalar: Unicode.Scalar) -> (close: Unicode.Scalar, always: Bool)? {
        let v = scalar.value
        if !mayOpenQuote(scalar) { return nil }
        for q in quotes where q.open == v { return (q.close, q.always) }
        return nil
    }

    private static func set(_ grammar: Grammar, _ kind: String, reversed: Bool) -> ScalarTrie<Bool> {
        var trie = ScalarTrie<Bool>(reversed: reversed)
        for rule in grammar.rules(kind) { trie.insert(rule.name, true) }
        return trie
    }

    private static func dimensions(_ rule: Rule, field: String = "dims") throws(GrammarError) -> DimensionSet? {
        let list = rule.list(field)
        if list.isEmpty { return nil }
        var result = Set<Dimension>()
        for name in list {
            guard let dimension = Dimension(rawValue: name) else {
                throw GrammarError(rule, "unknown dimension '\(name)' in \(field)")
            }
            result.insert(dimension)
        }
        return DimensionSet(result)
    }

    /// The first index from `start` whose character may open a quote (`quote(openedBy:)`
    /// may still say no for a scalar beyond the BMP), or `key.count`; on the way, every
    /// index whose character may start a number goes into `numberStarts`. One pass of the
    /// text finds both: it looks at every character, four at a time past those that are
    /// neither, in a raw-buffer loop.
    func nextQuoteOpener(in key: [Unicode.Scalar], from start: Int, numberStarts: inout [Int]) -> Int {
        precondition(scalarMarks.count == 0x110000)
        return key.withUnsafeBufferPointer { key in
            scalarMarks.withUnsafeBufferPointer { marks in
                let count = key.count
                var i = start
                while i < count {
                    while i &+ 4 <= count {
                        let m = marks[QuantityRules.markIndex(key[i])] | marks[QuantityRules.markIndex(key[i &+ 1])]
                            | marks[QuantityRules.markIndex(key[i &+ 2])] | marks[QuantityRules.markIndex(key[i &+ 3])]
                        if m != 0 { break }
                        i &+= 4
                    }
                    let stop = Swift.min(i &+ 4, count)
                    while i < stop {
                        let m = marks[QuantityRules.markIndex(key[i])]
                        if m & QuantityRules.quoteMark != 0 { return i }
                        if m != 0 { numberStarts.append(i) }
                        i &+= 1
                    }
                }
                return count
            }
        }
    }

    /// The index of `scalar` in `scalarMarks`: its value.
    @inline(__always)
    static func markIndex(_ scalar: Unicode.Scalar) -> Int {
        Int(scalar.value)
    }

    /// `scalarMarks` bits.
    static let numberStartMark: UInt8 = 1
    static let quoteMark: UInt8 = 2

    /// Whether `scalar` may start a number (the test `nextMarked` applies).
    @inline(__always)
    func mayStartNumber(_ scalar: Unicode.Scalar) -> Bool {
        scalarMarks[QuantityRules.markIndex(scalar)] & QuantityRules.numberStartMark != 0
    }

    /// Whether `scalar` may open a quote (`quote(openedBy:)` tells which).
    @inline(__always)
    func mayOpenQuote(_ scalar: Unicode.Scalar) -> Bool {
        scalarMarks[QuantityRules.markIndex(scalar)] & QuantityRules.quoteMark != 0
    }
}

/// What a numeral character does in a number.
enum NumeralRole: String, CaseIterable, Sendable {
    case digit, tens, multiplier, section, point, minus, some, over, percent, permille
}

struct NumeralEntry: Sendable {
    var role: NumeralRole
    var value: ExactDecimal?
    /// It is a numeral only right before this word: an index into
    /// `QuantityRules.onlyBeforeWords`, or -1 (an index keeps the entry trivial to copy:
    /// every numeral lookup copies one out of the trie).
    var onlyBefore: Int32
}

/// A set of dimensions as bits: a trivial value, so the trie payloads holding one copy
/// without reference counting, and `contains` tests a mask instead of hashing.
struct DimensionSet: Sendable, Equatable {
    private var bits: UInt32 = 0

    init() {}

    init(_ dimensions: Set<Dimension>) {
        for dimension in dimensions { bits |= DimensionSet.bit(dimension) }
    }

    @inline(__always)
    func contains(_ dimension: Dimension) -> Bool {
        bits & DimensionSet.bit(dimension) != 0
    }

    @inline(__always)
    private static func bit(_ dimension: Dimension) -> UInt32 {
        switch dimension {
        case .currency: return 1 << 0
        case .count: return 1 << 1
        case .ratio: return 1 << 2
        case .area: return 1 << 3
        case .mass: return 1 << 4
        case .length: return 1 << 5
        case .volume: return 1 << 6
        case .energy: return 1 << 7
        case .power: return 1 << 8
        case .duration: return 1 << 9
        case .temperature: return 1 << 10
        case .other: return 1 << 11
        }
    }
}

struct UnitEntry: Sendable {
    /// The base unit: an index into `QuantityRules.unitBases`, equal for equal bases (an
    /// index keeps the entry trivial to copy: every unit lookup copies one out of the trie).
    var base: Int32
    /// When the base is the end of the written unit, its length: the reported unit is
    /// then that part of the text as written (個, 公尺 stay Traditional).
    var baseSuffixLength: Int?
    var scale: ExactDecimal
    var dimension: Dimension
    var max: ExactDecimal?
    var arabicOnly: Bool
}

struct ComparatorEntry: Sendable {
    enum Op: Sendable, Equatable {
        case bound(Comparator)
        case none
        case inclusive
    }
    var op: Op
    var clauseReach: Bool
    var dimensions: DimensionSet?
    var provisionOnly: Bool
}

struct ChangeEntry: Sendable {
    enum Direction: Sendable, Equatable {
        case change(Change)
        case level
        case none
    }
    var direction: Direction
    var amountOnly: Bool
}

struct RoleEntry: Sendable {
    enum Reach: Sendable { case sentence, clause, adjacent }
    /// nil: a shield word.
    var role: Role?
    var strong: Bool
    var reach: Reach
    var dimensions: DimensionSet?
    /// A modal of a rule (应当, 须, 不得) or a firm goal word (力争, 目标): earlier in the
    /// clause, it decides over a nearer plain strong word (企业应当确保研发投入不低于3%).
    var modal = false
}

struct HeadingWord: Sendable {
    /// Place in the grammar's list: the first listed word found decides.
    var index: Int
    /// nil: a shield word.
    var role: Role?
}

struct YearEntry: Sendable {
    enum Kind: Sendable {
        case by, document
        case planEnd(Int)
    }
    var kind: Kind
}
