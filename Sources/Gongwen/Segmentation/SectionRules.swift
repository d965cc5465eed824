/// The section rules of a grammar, compiled once: heading markers and their numerals,
/// the punctuation that ends headings and paragraphs, boilerplate line patterns and the
/// cues metadata is read from (`sections.rules`, `boilerplate.rules`, `meta.rules`).
///
/// A class: the segmenter's readers hold it and are copied often (a struct this size was
/// copied whole each time).
public final class SectionRules: Sendable {
    /// Numeric limits of the segmenter's layout heuristics (`section-limit` rules).
    struct Limits: Sendable {
        /// A line with at least this many "sentence end + space" is a run-on line.
        var runonBreaks = 2
        /// A run of at least this many short lines before the title is a site menu.
        var menuRun = 3
        /// The longest line of a site menu.
        var menuLength = 16
        /// The longest title line.
        var titleLength = 60
        /// A body line at least this long that ends mid-sentence continues on the next line.
        var joinLength = 20
        /// … and this long when a blank line separates the two.
        var joinLengthBlank = 40
        /// A line shorter than this without terminal punctuation is a heading or a name, never a continuation.
        var shortLine = 12
        /// How far a line-start number may jump ahead and still count (with a diagnostic).
        var numberingGap = 4
        /// How far ahead 二是 must follow 一是.
        var itemLookahead = 3000
        /// Leading spaces that make a line indented.
        var indent = 2
        /// The longest line a boilerplate rule looks at, unless the rule says otherwise.
        var boilerplateLength = 100

        static let names = ["runon-breaks", "menu-run", "menu-length", "title-length", "join-length",
                            "join-length-blank", "short-line", "numbering-gap", "item-lookahead", "indent",
                            "boilerplate-length"]

        /// Sets the limit called `name`; false for an unknown name.
        mutating func set(_ name: String, _ value: Int) -> Bool {
            switch name {
            case "runon-breaks": runonBreaks = value
            case "menu-run": menuRun = value
            case "menu-length": menuLength = value
            case "title-length": titleLength = value
            case "join-length": joinLength = value
            case "join-length-blank": joinLengthBlank = value
            case "short-line": shortLine = value
            case "numbering-gap": numberingGap = value
            case "item-lookahead": itemLookahead = value
            case "indent": indent = value
            case "boilerplate-length": boilerplateLength = value
            default: return false
            }
            return true
        }
    }

    /// Rule kinds the segmenter reads.
    static let kinds: [RuleKind] = [
        RuleKind("ordinals", "a set of numerals heading markers carry (1 2 3, 一 二 三, ① ② ③)", fields: [
            .required("kind", .choice(["positional", "chinese", "sequence"]), "how the numerals are written"),
            .optional("digits", .text, "positional: the ten digits 0…9; chinese: the characters for one…nine, |-separated"),
            .optional("chars", .text, "sequence: the numerals in order, the n-th meaning n"),
            .optional("ten", .text, "chinese: the characters for ten"),
            .optional("hundred", .text, "chinese: the characters for hundred"),
            .optional("zero", .text, "chinese: the characters for zero"),
            .optional("max-digits", .integer, "positional: the longest number a marker carries (default 3)"),
        ]),
        RuleKind("marker", "one way of writing a heading number (一、 (一) 第一条 1. 1.2.1 ① 一是)", fields: [
            .required("style", .choice(SectionStyle.allCases.map(\.rawValue)), "the style reported for it"),
            .optional("level", .text, "the nesting identity (default: the style)"),
            .required("ordinals", .list, "the ordinals rules its number may be written in"),
            .optional("open", .list, "what comes before the number"),
            .optional("close", .list, "what comes after the number"),
            .optional("spaces", .flag, "spaces may stand between the parts (二 、, 第 1 0 条)"),
            .optional("next", .choice(["any", "no-digit", "no-numeral", "space"]), "what may not follow the marker"),
            .optional("where", .choice(["line-start", "boundary", "run-in"]), "where a marker may stand"),
            .optional("parts", .text, "decimal numbering: how many numbers joined by '.', e.g. 2..4"),
            .optional("whole-line", .flag, "only a marker when its heading is the whole line"),
            .optional("item", .flag, "an inline item (一是 … 二是 …)"),
        ]),
        RuleKind("section-chars", "a class of characters the segmenter reads (sentence ends, closers …)", fields: [
            .required("chars", .codePoints, "the characters, |-separated or as U+XXXX"),
        ]),
        RuleKind("section-words", "a list of words the segmenter reads (connectives, table-of-contents headers)", fields: [
            .required("words", .list, "the words, |-separated"),
        ]),
        RuleKind("section-limit", "a numeric limit of the layout heuristics", fields: [
            .required("value", .integer, "the limit"),
        ]),
        RuleKind("boilerplate", "a line pattern of site furniture that is dropped", fields: [
            .required("pattern", .text, "the pattern (see boilerplate.rules)"),
            .optional("match", .choice(["line", "prefix", "suffix", "contains"]), "where the pattern must match"),
            .optional("action", .choice(["drop", "strip"]), "drop the line, or strip the matched start"),
            .optional("max-length", .integer, "longer lines never match"),
        ]),
        RuleKind("meta-field", "a label of a document information table (发文机关：…)", fields: [
            .required("key", .choice(["title", "issuer", "date", "docNumber", "none"]), "the document field it fills"),
        ]),
        RuleKind("meta-cue", "a list of words metadata is read from (title endings, organ endings …)", fields: [
            .required("words", .list, "the words, |-separated"),
        ]),
    ]

    let markers: [MarkerStyle]
    /// One more than the highest `MarkerMatch.level` any marker reads (at most 1024): the
    /// size of the tree builder's table of the last number of each level.
    let levelSlots: Int
    /// Every scalar a marker can start with.
    let markerStart: ScalarSet
    /// For a BMP scalar, 1 + the index into `candidateLists` of the markers that can start
    /// with it (0: none).
    let candidateIndex: [UInt8]
    /// Each list of markers, as a range of `candidateStyles` (one flat array: walking an
    /// array of arrays retains the inner one).
    let candidateLists: [Range<Int>]
    /// Indices into `markers`.
    let candidateStyles: [Int]
    /// For each marker, the contexts it may stand in (`MarkerContext.bit`s): `allows` as a
    /// table, read without touching the marker.
    let markerContexts: [UInt8]
    /// For each marker, the `MarkerMatch.level` all its matches have (its level × 8), or -1
    /// for decimal markers (whose level depends on the number of parts) and levels past
    /// `levelSlots`.
    let runLevels: [Int]
    let sentenceEnd: ScalarSet
    let itemEnd: ScalarSet
    let itemStart: ScalarSet
    let itemContinue: ScalarSet
    let headingTrail: ScalarSet
    let closers: ScalarSet
    let terminal: ScalarSet
    let continuation: ScalarSet
    let glueBlockers: ScalarSet
    let docNumberOpen: ScalarSet
    let docNumberClose: ScalarSet
    /// What may stand before a marker inside a line (`sentenceEnd`, `itemStart`, `itemContinue`):
    /// after anything else only a glued digit can be one.
    let markerBoundary: ScalarSet
    /// Where a section heading may end: a sentence end, or a digit that may start a marker
    /// glued to it (the only kind of marker that ends a heading that is not an item's).
    let headingStops: ScalarSet
    /// Where an item's heading may end: an item end or any marker start.
    let itemHeadingStops: ScalarSet
    let connectives: [[Unicode.Scalar]]
    /// The last characters of `connectives`.
    let connectiveEnds: ScalarSet
    let tocHeaders: [[Unicode.Scalar]]
    let boilerplate: BoilerplateRules
    let fields: [MetaFieldRule]
    /// The first characters of the `fields` labels: a line starting with none of them is
    /// no information table line.
    let fieldStarts: ScalarSet
    let titleSuffixes: [[Unicode.Scalar]]
    let titleOpenings: [[Unicode.Scalar]]
    let issuerSuffixes: [[Unicode.Scalar]]
    /// The last characters of `issuerSuffixes`: a text ending in none of them ends in no suffix.
    let issuerSuffixEnds: ScalarSet
    let issuerFollowers: [[Unicode.Scalar]]
    let rocEras: [[Unicode.Scalar]]
    /// What ends a document number (`号`).
    let docNumberEnds: [[Unicode.Scalar]]
    /// The numerals dates are written in (`2011`, `二〇一一`, `十一`).
    let dateOrdinals: [ChineseOrdinal]
    /// The words after year, month and day (`年`, `月`, `日`).
    let dateUnits: [[Unicode.Scalar]]
    /// Every character a date can start with: a numeral of `dateOrdinals` or the first of an era.
    let dateStarts: ScalarSet
    let limits: Limits

    public init(grammar: Grammar) throws(GrammarError) {
        var ordinals: [String: ChineseOrdinal] = [:]
        for rule in grammar.rules("ordinals") { ordinals[rule.name] = try ChineseOrdinal(rule: rule) }
        var levelNames: [String] = []
        var markers: [MarkerStyle] = []
        var markerStart = ScalarSet()
        for rule in grammar.rules("marker") {
            var sets: [ChineseOrdinal] = []
            for name in rule.list("ordinals") {
                guard let set = ordinals[name] else { throw GrammarError(rule, "no ordinals rule named '\(name)'") }
                sets.append(set)
            }
            let levelName = rule["level"] ?? rule["style"] ?? rule.name
            let level: Int
            if let known = levelNames.firstIndex(of: levelName) {
                level = known
            } else {
                level = levelNames.count
                levelNames.append(levelName)
            }
            let marker = try MarkerStyle(rule: rule, level: level + 1, ordinals: sets)
            markerStart.formUnion(marker.firstScalars)
            markers.append(marker)
        }
        self.markers = markers
        var highestLevel = 0
        for marker in markers { highestLevel = max(highestLevel, marker.level * 8 + (marker.parts?.upperBound ?? 0)) }
        let levelSlots = min(1024, highestLevel + 1)
        self.levelSlots = levelSlots
        self.markerStart = markerStart
        var candidateIndex = [UInt8](repeating: 0, count: 0x10000)
        var candidateLists: [[Int]] = []
        var listIndex: [[Int]: Int] = [:]
        for value in 0..<0x10000 {
            guard let scalar = Unicode.Scalar(UInt32(value)), markerStart.contains(scalar) else { continue }
            let list = markers.indices.filter { markers[$0].firstScalars.contains(scalar) }
            if let known = listIndex[list] {
                candidateIndex[value] = UInt8(known + 1)
            } else if candidateLists.count < 255 {
                listIndex[list] = candidateLists.count
                candidateLists.append(list)
                candidateIndex[value] = UInt8(candidateLists.count)
            }
        }
        self.candidateIndex = candidateIndex
        var candidateStyles: [Int] = []
        var candidateRanges: [Range<Int>] = []
        for list in candidateLists {
            candidateRanges.append(candidateStyles.count..<(candidateStyles.count + list.count))
            candidateStyles += list
        }
        self.candidateLists = candidateRanges
        self.candidateStyles = candidateStyles
        markerContexts = markers.map { marker in
            var bits: UInt8 = 0
            for context in MarkerContext.allCases where marker.allows(context) { bits |= context.bit }
            return bits
        }
        runLevels = markers.map { $0.parts == nil && $0.level * 8 < levelSlots ? $0.level * 8 : -1 }

        var chars: [String: ScalarSet] = [:]
        for rule in grammar.rules("section-chars") {
            chars[rule.name] = ScalarSet(CodePointSet(parsing: rule["chars"] ?? "") ?? CodePointSet())
        }
        sentenceEnd = chars["sentence-end"] ?? ScalarSet()
        itemEnd = chars["item-end"] ?? sentenceEnd
        itemStart = chars["item-start"] ?? ScalarSet()
        itemContinue = chars["item-continue"] ?? ScalarSet()
        headingTrail = chars["heading-trail"] ?? ScalarSet()
        closers = chars["closers"] ?? ScalarSet()
        terminal = chars["terminal"] ?? sentenceEnd
        continuation = chars["continuation"] ?? ScalarSet()
        glueBlockers = chars["glue-blockers"] ?? ScalarSet()
        docNumberOpen = chars["docnumber-open"] ?? ScalarSet()
        docNumberClose = chars["docnumber-close"] ?? ScalarSet()
        var markerBoundary = sentenceEnd
        markerBoundary.formUnion(itemStart)
        markerBoundary.formUnion(itemContinue)
        self.markerBoundary = markerBoundary
        var headingStops = sentenceEnd
        for value in UInt32(0x30)...0x39 where markerStart.contains(Unicode.Scalar(value)!) {
            headingStops.insert(Unicode.Scalar(value)!)
        }
        self.headingStops = headingStops
        var itemHeadingStops = itemEnd
        itemHeadingStops.formUnion(markerStart)
        self.itemHeadingStops = itemHeadingStops

        func words(_ kind: String, _ name: String) -> [[Unicode.Scalar]] {
            var result: [[Unicode.Scalar]] = []
            for rule in grammar.rules(kind) where rule.name == name {
                result += rule.list("words").map { Array($0.unicodeScalars) }
            }
            // Longest first, so 人民政府 wins over 政府.
            return result.sorted { $0.count > $1.count }
        }
        connectives = words("section-words", "connectives")
        var connectiveEnds = ScalarSet()
        for word in connectives { if let last = word.last { connectiveEnds.insert(last) } }
        self.connectiveEnds = connectiveEnds
        tocHeaders = words("section-words", "toc-header")
        titleSuffixes = words("meta-cue", "title-suffix")
        titleOpenings = words("meta-cue", "title-opening")
        issuerSuffixes = words("meta-cue", "issuer-suffix")
        var issuerSuffixEnds = ScalarSet()
        for word in issuerSuffixes { if let last = word.last { issuerSuffixEnds.insert(last) } }
        self.issuerSuffixEnds = issuerSuffixEnds
        issuerFollowers = words("meta-cue", "issuer-follow")
        rocEras = words("meta-cue", "roc-era")
        docNumberEnds = words("meta-cue", "docnumber-end")
        var dateUnits: [[Unicode.Scalar]] = []
        var dateOrdinals: [ChineseOrdinal] = []
        for rule in grammar.rules("meta-cue") where rule.name == "date-units" {
            dateUnits = rule.list("words").map { Array($0.unicodeScalars) }
            guard dateUnits.count == 3 else { throw GrammarError(rule, "date-units lists the words after year, month and day") }
        }
        for rule in grammar.rules("meta-cue") where rule.name == "date-ordinals" {
            for name in rule.list("words") {
                guard let set = ordinals[name] else { throw GrammarError(rule, "no ordinals rule named '\(name)'") }
                dateOrdinals.append(set)
            }
        }
        self.dateUnits = dateUnits
        self.dateOrdinals = dateOrdinals
        var dateStarts = ScalarSet()
        for set in dateOrdinals { dateStarts.formUnion(set.characters) }
        for era in rocEras { if let first = era.first { dateStarts.insert(first) } }
        self.dateStarts = dateStarts

        var limits = Limits()
        for rule in grammar.rules("section-limit") {
            guard let value = rule.int("value"), limits.set(rule.name, value) else {
                throw GrammarError(rule, "unknown limit (known: \(Limits.names.joined(separator: ", ")))")
            }
        }
        self.limits = limits

        boilerplate = try BoilerplateRules(grammar.rules("boilerplate"), defaultMaxLength: limits.boilerplateLength)
        var fields: [MetaFieldRule] = []
        for rule in grammar.rules("meta-field") { fields.append(try MetaFieldRule(rule: rule)) }
        self.fields = fields
        var fieldStarts = ScalarSet()
        for field in fields { if let first = field.label.first { fieldStarts.insert(first) } }
        self.fieldStarts = fieldStarts
    }

    /// Whether `key[start..<end]` ends with one of `words`; returns the word's length.
    static func suffix(of words: [[Unicode.Scalar]], in key: [Unicode.Scalar], start: Int, end: Int) -> Int? {
        for word in words where word.count <= end - start {
            var index = 0
            while index < word.count && key[end - word.count + index] == word[index] { index += 1 }
            if index == word.count { return word.count }
        }
        return nil
    }
}
