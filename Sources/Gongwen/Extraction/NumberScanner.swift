/// A number read from the key view: its extent and value, before any unit.
struct ScannedNumber {
    /// First scalar (a minus sign or 百分之 included).
    var start: Int
    /// After the last numeral, magnitude word or 余/多.
    var end: Int
    var low: ExactDecimal
    var high: ExactDecimal
    /// Where 余/多 stands, if it does.
    var over: Range<Int>?
    /// `%` or `‰` when written as 百分之 / 千分之 (a scalar, not a String: keeps this
    /// struct trivial to copy).
    var ratioUnit: Unicode.Scalar?
    /// A bare magnitude (百, 万, 万亿) that means one of it.
    var implicitOne: Bool
    /// Digits of a plain Arabic integer (for years: 2011 has 4), else nil.
    var arabicIntegerDigits: Int?
    /// Chinese digits written one by one with 〇 or 零 (二〇一一): a year when 年 follows.
    var positionalWithZero: Bool
    /// Whether the number holds a magnitude word (万, 亿, 千 …).
    var hasMagnitude: Bool
    /// Whether any Arabic digit was read.
    var arabic: Bool
}

/// Reads numbers at a position of the key view: Arabic digits with decimals and
/// thousands commas, Chinese numerals of every form the grammar lists, mixed forms,
/// 百分之N, negatives, 余/多 and 几/数. Index arithmetic only; no allocation beyond
/// the small token array.
struct NumberScanner {
    let rules: QuantityRules
    let text: NormalizedText

    var key: [Unicode.Scalar] { text.key }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Whether the scalar at `i` is a numeral of the grammar (a digit of any kind).
    func isNumeralDigit(at i: Int) -> Bool {
        guard i >= 0 && i < key.count else { return false }
        if NumberScanner.isDigit(key[i]) { return true }
        if let m = rules.numerals.longestMatch(in: key, at: i, limit: i + 1) {
            switch m.payload.role {
            case .digit, .tens, .multiplier, .section: return true
            default: return false
            }
        }
        return false
    }

    /// The number starting at `start`, or nil. `tokens` is the caller's array for the
    /// numeral tokens (emptied first): a scan after scan reuses its storage instead of
    /// allocating one each time.
    func scan(at start: Int, tokens: inout [NumeralToken]) -> ScannedNumber? {
        let count = key.count
        var i = start
        var negative = false
        var ratioUnit: Unicode.Scalar?
        if key[i] == "-" {
            guard text.text[i] == "-", i + 1 < count, NumberScanner.isDigit(key[i + 1]) else { return nil }
            if i > 0 && isNumeralDigit(at: i - 1) { return nil }
            negative = true
            i += 1
        } else if let m = rules.numerals.longestMatch(in: key, at: i) {
            switch m.payload.role {
            case .minus:
                guard i + m.length < count, isNumeralDigit(at: i + m.length) else { return nil }
                negative = true
                i += m.length
            case .percent, .permille:
                guard i + m.length < count, isNumeralDigit(at: i + m.length) else { return nil }
                ratioUnit = m.payload.role == .percent ? "%" : "‰"
                i += m.length
            default:
                break
            }
        }
        // Fast path: a plain Arabic number (`2025`, `3.5`, `1,200`) that nothing joins —
        // no numeral or space follows it. The general loop below would build a token
        // array of one `.value` and evaluate it to the same value; this skips the arrays.
        if i < count && NumberScanner.isDigit(key[i]) {
            let (value, end, integerDigits) = scanArabic(at: i)
            if end == count || (key[end] != " " && !NumberScanner.isDigit(key[end])
                                && !rules.numerals.mayBegin(key[end])) {
                let v = negative ? ExactDecimal(significand: -value.significand, exponent: value.exponent) : value
                return ScannedNumber(start: start, end: end, low: v, high: v, over: nil, ratioUnit: ratioUnit,
                                     implicitOne: false, arabicIntegerDigits: integerDigits,
                                     positionalWithZero: false, hasMagnitude: false, arabic: true)
            }
        }
        // Fast paths for what most Chinese numerals in running text are (进一步, 一体化,
        // 数字化): a single digit that nothing joins, or 几/数 with no magnitude after it.
        // They give what the general loop below would, without its token array.
        if i < count, let m = rules.numerals.longestMatch(in: key, at: i) {
            let next = i + m.length
            switch m.payload.role {
            case .digit where next == count || !rules.numerals.mayBegin(key[next]):
                let digit = ExactDecimal(Int(m.payload.value?.significand ?? 0))
                let v = negative ? ExactDecimal(significand: -digit.significand, exponent: digit.exponent) : digit
                return ScannedNumber(start: start, end: next, low: v, high: v, over: nil, ratioUnit: ratioUnit,
                                     implicitOne: false, arabicIntegerDigits: nil,
                                     positionalWithZero: false, hasMagnitude: false, arabic: false)
            case .some:
                guard i + 1 < count, let n = rules.numerals.longestMatch(in: key, at: i + 1, limit: i + 2),
                      n.payload.role == .multiplier || n.payload.role == .section else { return nil }
            default:
                break
            }
        }
        tokens.removeAll(keepingCapacity: true)
        if tokens.capacity < 8 { tokens.reserveCapacity(8) }   // one allocation for the usual number
        var digitRun = DigitRun()         // Chinese digits written one after another
        var runIsWholeNumber = true
        var lastWasDigit = false
        var over: Range<Int>?
        var arabicDigits: Int?
        var arabic = false
        var hasMagnitude = false
        var hasZero = false
        var anyDigit = false
        loop: while i < count {
            let scalar = key[i]
            if NumberScanner.isDigit(scalar) {
                if lastWasDigit || !tokens.isEmpty && tokenIsValue(tokens.last!) || over != nil { break }
                let (value, end, integerDigits) = scanArabic(at: i)
                tokens.append(.value(value))
                arabic = true
                anyDigit = true
                arabicDigits = tokens.count == 1 ? integerDigits : nil
                i = end
                // a space between an Arabic number and its magnitude word: 200 万元
                if i + 1 < count && key[i] == " ", let m = rules.numerals.longestMatch(in: key, at: i + 1, limit: i + 2),
                   m.payload.role == .section || m.payload.role == .multiplier,
                   !(rules.units.longestMatch(in: key, at: i + 1).map { $0.length >= 2 } ?? false) {
                    i += 1
                }
                continue
            }
            guard let m = rules.numerals.longestMatch(in: key, at: i) else { break }
            let entry = m.payload
            switch entry.role {
            case .digit:
                if over != nil { break loop }
                let d = Int(entry.value?.significand ?? 0)
                // 零 / 〇 after a multiplier only holds a place: 一百零五, 一万零五百
                if d == 0, let last = tokens.last, !lastWasDigit {
                    if case .multiplier = last { i += m.length; continue }
                    if case .section = last { i += m.length; continue }
                }
                if entry.value == .zero { hasZero = true }
                if lastWasDigit {
                    digitRun.append(d)
                } else {
                    if !tokens.isEmpty { runIsWholeNumber = false }
                    if !tokens.isEmpty && tokenIsValue(tokens.last!) { break loop }
                    digitRun = DigitRun(d)
                    tokens.append(.value(ExactDecimal(d)))
                }
                lastWasDigit = true
                anyDigit = true
                i += m.length
                continue
            case .tens:
                if over != nil || lastWasDigit { break loop }
                tokens.append(.tens(entry.value ?? .zero))
                anyDigit = true
            case .multiplier, .section:
                if let unit = rules.units.longestMatch(in: key, at: i), unit.length > m.length { break loop }
                if entry.onlyBefore >= 0 {
                    let only = rules.onlyBeforeWords[Int(entry.onlyBefore)]
                    let after = i + m.length
                    guard after + only.count <= count, key[after..<(after + only.count)].elementsEqual(only) else { break loop }
                }
                if entry.role == .multiplier && over != nil { break loop }
                if entry.role == .multiplier && i + m.length < count && key[i + m.length] == "分",
                   i + m.length + 1 < count && key[i + m.length + 1] == "之" {
                    break loop  // 三分之一 is a fraction, not 三百…
                }
                tokens.append(entry.role == .multiplier ? .multiplier(entry.value!) : .section(entry.value!))
                if arabic || entry.role == .section { hasMagnitude = true }
                if digitRun.count > 1 { return nil }
                digitRun = DigitRun()
            case .point:
                // 三点五: a decimal point between Chinese digits
                guard !tokens.isEmpty, !arabic, over == nil, i + 1 < count,
                      let next = rules.numerals.longestMatch(in: key, at: i + 1, limit: i + 2),
                      next.payload.role == .digit else { break loop }
                guard let integer = ChineseNumeral.evaluate(tokens) else { return nil }
                var j = i + 1
                var fraction = integer
                var place = -1
                while j < count, let d = rules.numerals.longestMatch(in: key, at: j, limit: j + 1), d.payload.role == .digit {
                    let digit = ExactDecimal(significand: d.payload.value?.significand ?? 0, exponent: place)
                    guard let f = fraction.adding(digit) else { return nil }
                    fraction = f
                    place -= 1
                    j += 1
                }
                tokens.removeAll(keepingCapacity: true)
                tokens.append(.value(fraction))
                digitRun = DigitRun()
                lastWasDigit = false
                runIsWholeNumber = false
                i = j
                continue
            case .some:
                if over != nil { break loop }
                let nextIsMagnitude: Bool = {
                    guard i + 1 < count, let n = rules.numerals.longestMatch(in: key, at: i + 1, limit: i + 2) else { return false }
                    return n.payload.role == .multiplier || n.payload.role == .section
                }()
                let afterMultiplier: Bool = { if case .multiplier = tokens.last { return true }; if case .tens = tokens.last { return true }; return false }()
                guard nextIsMagnitude || afterMultiplier else { break loop }
                tokens.append(.some)
            case .over:
                guard !tokens.isEmpty, over == nil else { break loop }
                // only when a magnitude or a unit follows: 180余个, 1000余万元
                let after = i + m.length
                guard after < count else { break loop }
                let unitFollows = rules.units.longestMatch(in: key, at: after) != nil
                let sectionFollows = rules.numerals.longestMatch(in: key, at: after, limit: after + 1).map { $0.payload.role == .section } ?? false
                guard unitFollows || sectionFollows else { break loop }
                over = i..<after
            case .minus, .percent, .permille:
                break loop
            }
            lastWasDigit = false
            i += m.length
        }
        guard anyDigit || tokens.contains(where: { if case .section = $0 { return true }; if case .multiplier = $0 { return true }; return false }) else {
            return nil
        }
        if tokens.isEmpty { return nil }
        // A Chinese digit right after the number that could not join it: 十二五, 一二三.
        if i < count, let m = rules.numerals.longestMatch(in: key, at: i, limit: i + 1), m.payload.role == .digit, over == nil {
            return nil
        }
        var low: ExactDecimal
        var high: ExactDecimal
        var positionalWithZero = false
        if digitRun.count > 1 {
            // digits written one by one: only as the whole number
            guard runIsWholeNumber, tokens.count == 1 else { return nil }
            if digitRun.count == 2 && !hasZero && (digitRun.second == digitRun.first + 1 || (digitRun.first == 1 && digitRun.second == 2)) {
                low = ExactDecimal(digitRun.first)     // 两三个, 一两家
                high = ExactDecimal(digitRun.second)
            } else {
                guard let value = digitRun.positional else { return nil }
                low = value
                high = value
                positionalWithZero = hasZero
            }
        } else if tokens.contains(.some) {
            guard let l = ChineseNumeral.evaluate(tokens, someLeading: 2, someTrailing: 1),
                  let h = ChineseNumeral.evaluate(tokens, someLeading: 9, someTrailing: 9) else { return nil }
            low = l
            high = h
        } else {
            guard let value = ChineseNumeral.evaluate(tokens) else { return nil }
            low = value
            high = value
        }
        if negative {
            low = ExactDecimal(significand: -low.significand, exponent: low.exponent)
            high = ExactDecimal(significand: -high.significand, exponent: high.exponent)
        }
        let implicitOne = !tokens.contains(where: { tokenIsValue($0) || $0 == .some }) &&
            !tokens.contains(where: { if case .tens = $0 { return true }; return false })
        return ScannedNumber(start: start, end: i, low: low, high: high, over: over, ratioUnit: ratioUnit,
                             implicitOne: implicitOne, arabicIntegerDigits: tokens.count == 1 ? arabicDigits : nil,
                             positionalWithZero: positionalWithZero, hasMagnitude: hasMagnitude, arabic: arabic)
    }

    private func tokenIsValue(_ token: NumeralToken) -> Bool {
        if case .value = token { return true }
        return false
    }

    /// An Arabic number: digits, ASCII thousands commas (groups of three, checked on the
    /// raw text: a fullwidth comma is punctuation), a decimal point.
    private func scanArabic(at start: Int) -> (ExactDecimal, Int, Int?) {
        let count = key.count
        var i = start
        var significand: Int64 = 0
        var exponent = 0
        var overflow = false
        func push(_ s: Unicode.Scalar) {
            let (t, o1) = significand.multipliedReportingOverflow(by: 10)
            let (r, o2) = t.addingReportingOverflow(Int64(s.value - 48))
            if o1 || o2 { overflow = true } else { significand = r }
        }
        var integerDigits = 0
        while i < count && NumberScanner.isDigit(key[i]) { push(key[i]); i += 1; integerDigits += 1 }
        while i + 3 < count, key[i] == ",",
              NumberScanner.isDigit(key[i + 1]), NumberScanner.isDigit(key[i + 2]), NumberScanner.isDigit(key[i + 3]),
              i + 4 >= count || !NumberScanner.isDigit(key[i + 4]),
              text.original.scalars[text.map.originalOffset(of: i)] == "," {
            for k in 1...3 { push(key[i + k]) }
            integerDigits += 3
            i += 4
        }
        if i + 1 < count && key[i] == "." && NumberScanner.isDigit(key[i + 1]) {
            i += 1
            while i < count && NumberScanner.isDigit(key[i]) { push(key[i]); exponent -= 1; i += 1 }
            integerDigits = -1
        }
        if overflow { return (ExactDecimal.zero, i, nil) }
        return (ExactDecimal(significand: significand, exponent: exponent), i, integerDigits >= 0 ? integerDigits : nil)
    }
}

/// Chinese digits written one after another (二〇二五, 两三): how many, the first two,
/// and their positional value, kept as they are read instead of in an array (no
/// allocation per number).
struct DigitRun {
    private(set) var count = 0
    private(set) var first = 0
    private(set) var second = 0
    private var value: Int64 = 0
    private var overflow = false

    init() {}

    init(_ digit: Int) {
        append(digit)
    }

    /// The digits as one positional number (二〇二五 → 2025), nil when it overflows.
    var positional: ExactDecimal? {
        overflow ? nil : ExactDecimal(significand: value)
    }

    mutating func append(_ digit: Int) {
        if count == 0 { first = digit } else if count == 1 { second = digit }
        count += 1
        guard !overflow else { return }
        let (times, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times.addingReportingOverflow(Int64(digit))
        if o1 || o2 { overflow = true } else { value = sum }
    }
}
