/// A number with its unit as found in the text: one value or a range.
struct Expression {
    /// Start of the text (the first number).
    var start: Int
    /// End of the text (after the unit).
    var end: Int
    /// The last number (the only one unless a range).
    var last: ScannedNumber
    var first: ScannedNumber
    var low: ExactDecimal
    var high: ExactDecimal
    /// How the unit is written (its string is made only for a quantity kept: `UnitSpelling.text`).
    var unit: UnitSpelling
    var dimension: Dimension
    var max: ExactDecimal?
    /// Where the unit is written.
    var unitRange: Range<Int>
    var isRange: Bool { first.start != last.start || low != high }

    /// A blank for `QuantityScanner.expression(at:scannedEnd:into:)` to fill (nothing
    /// in it is read before it is filled).
    static func blank() -> Expression {
        let none = ScannedNumber(start: 0, end: 0, low: .zero, high: .zero, over: nil, ratioUnit: nil, implicitOne: false,
                                 arabicIntegerDigits: nil, positionalWithZero: false, hasMagnitude: false, arabic: false)
        return Expression(start: 0, end: 0, last: none, first: none, low: .zero, high: .zero,
                          unit: UnitSpelling(head: .base(0)), dimension: .other, max: nil, unitRange: 0..<0)
    }
}

/// A unit as the text writes it, with no string: a base of the rules' unit table, the
/// text as written where it differs from the base (個), or 百分之's `%`; then any unit
/// after a `/` (元/亩). Trivial to copy, so an `Expression` copies without reference
/// counting.
struct UnitSpelling {
    enum Head {
        /// `QuantityRules.unitBases[base]`.
        case base(Int)
        /// The text in this range, as written.
        case written(Range<Int>)
        /// `%` or `‰`.
        case ratio(Unicode.Scalar)
    }
    var head: Head
    /// The unit after `/`, as written.
    var compound: Range<Int>?

    /// The unit's string: what the quantity reports.
    func text(rules: QuantityRules, text: NormalizedText) -> String {
        var unit: String
        switch head {
        case .base(let base): unit = rules.unitBases[base]
        case .written(let range): unit = text.slice(range)
        case .ratio(let scalar): unit = String(scalar)
        }
        if let compound { unit += "/" + text.slice(compound) }
        return unit
    }

    /// `TextClasses.isUnit(text(…), word)`: for a base unit, read from its scalars (no
    /// string is made or walked unless it starts with a compatibility ideograph).
    func isUnit(_ word: Unicode.Scalar, rules: QuantityRules, text: NormalizedText) -> Bool {
        if compound == nil, case .base(let base) = head {
            let scalars = rules.unitBaseScalars[base]
            guard let first = scalars.first else { return false }
            if first == word { return scalars.count == 1 }
            if !TextClasses.isCompatibilityIdeograph(first) { return false }
            return TextClasses.isUnit(rules.unitBases[base], word)
        }
        return TextClasses.isUnit(self.text(rules: rules, text: text), word)
    }
}

/// Reads a number, its unit, and a range (`3—5家`, `5%—20%`, `1000万至2000万元`).
struct QuantityScanner {
    let rules: QuantityRules
    let text: NormalizedText
    let numbers: NumberScanner

    init(rules: QuantityRules, text: NormalizedText) {
        self.rules = rules
        self.text = text
        self.numbers = NumberScanner(rules: rules, text: text)
    }

    var key: [Unicode.Scalar] { text.key }

    struct UnitMatch {
        var range: Range<Int>
        var entry: UnitEntry
        var unit: UnitSpelling
    }

    /// The unit right after `position` (one or two spaces may stand before it).
    func unit(after position: Int) -> UnitMatch? {
        var i = position
        var spaces = 0
        while i < key.count && key[i] == " " && spaces < 2 { i += 1; spaces += 1 }
        guard i < key.count, let m = rules.units.longestMatch(in: key, at: i) else { return nil }
        var end = i + m.length
        var unit: UnitSpelling
        let base = Int(m.payload.base)
        if let suffix = m.payload.baseSuffixLength {
            // as written; the base itself when written so (no new string)
            var asBase = true
            var k = end - suffix
            for scalar in rules.unitBaseScalars[base] where asBase {
                asBase = text.text[k] == scalar
                k += 1
            }
            unit = UnitSpelling(head: asBase ? .base(base) : .written((end - suffix)..<end))
        } else {
            unit = UnitSpelling(head: .base(base))
        }
        // a compound unit: 元/亩 (a price stays currency), 微克/立方米 (a concentration: other)
        var entry = m.payload
        if end + 1 < key.count && key[end] == "/", let second = rules.units.longestMatch(in: key, at: end + 1) {
            unit.compound = (end + 1)..<(end + 1 + second.length)
            end += 1 + second.length
            if entry.dimension != .currency {
                entry.dimension = .other
                entry.max = nil
            }
        }
        return UnitMatch(range: i..<end, entry: entry, unit: unit)
    }

    /// Fills `result` with the quantity expression at `start`; false (and `result` left
    /// as it may be) when no number with a unit is there. `scannedEnd` receives the end
    /// of the first number even when no unit follows (so the caller can skip it). (An
    /// inout result, not an optional one: an `Expression` is some 300 bytes, and an
    /// optional was copied twice more on its way to the caller's variable.) `tokens` is
    /// storage the number scans reuse (`NumberScanner.scan(at:tokens:)`).
    func expression(at start: Int, scannedEnd: inout Int, into result: inout Expression,
                    tokens: inout [NumeralToken]) -> Bool {
        guard let first = numbers.scan(at: start, tokens: &tokens) else { return false }
        scannedEnd = first.end
        var firstUnit = first.ratioUnit == nil ? unit(after: first.end) : nil
        if let u = firstUnit, u.entry.arabicOnly && !first.arabic { firstUnit = nil }
        // a range: first [unit] sign second unit
        var j = firstUnit?.range.upperBound ?? first.end
        while j < key.count && key[j] == " " { j += 1 }
        if j < key.count && (key[j] == "-" || key[j] == "至" || key[j] == "到") {
            var k = j + 1
            while k < key.count && key[k] == " " { k += 1 }
            if k < key.count, rules.mayStartNumber(key[k]), key[k] != "-",
               let second = numbers.scan(at: k, tokens: &tokens), second.low >= .zero {
                let ratio = second.ratioUnit ?? first.ratioUnit
                var secondUnit = ratio == nil ? unit(after: second.end) : nil
                if let u = secondUnit, u.entry.arabicOnly && !second.arabic { secondUnit = nil }
                if makeRange(first, firstUnit, second, secondUnit, ratio, into: &result) { return true }
            }
        }
        if let ratio = first.ratioUnit {
            result = Expression(start: first.start, end: first.end, last: first, first: first, low: first.low,
                                high: first.high, unit: UnitSpelling(head: .ratio(ratio)), dimension: .ratio, max: nil, unitRange: first.end..<first.end)
            return true
        }
        guard let u = firstUnit else { return false }
        guard let low = first.low.multiplied(by: u.entry.scale), let high = first.high.multiplied(by: u.entry.scale) else { return false }
        result = Expression(start: first.start, end: u.range.upperBound, last: first, first: first, low: low, high: high,
                            unit: u.unit, dimension: u.entry.dimension, max: u.entry.max, unitRange: u.range)
        return true
    }

    private func makeRange(_ first: ScannedNumber, _ firstUnit: UnitMatch?, _ second: ScannedNumber,
                           _ secondUnit: UnitMatch?, _ ratio: Unicode.Scalar?, into result: inout Expression) -> Bool {
        let unitName: UnitSpelling
        let dimension: Dimension
        var scale = ExactDecimal(1)
        var end: Int
        var unitRange: Range<Int>
        var max: ExactDecimal?
        if let ratio {
            guard firstUnit == nil, secondUnit == nil else { return false }
            unitName = UnitSpelling(head: .ratio(ratio))
            dimension = .ratio
            end = second.end
            unitRange = end..<end
        } else {
            guard let su = secondUnit else { return false }
            if let fu = firstUnit {
                guard fu.entry.base == su.entry.base && fu.entry.dimension == su.entry.dimension else { return false }
            }
            unitName = su.unit
            dimension = su.entry.dimension
            scale = su.entry.scale
            end = su.range.upperBound
            unitRange = su.range
            max = su.entry.max
        }
        var low = first.low
        // 3—5万元: a magnitude written only after the second number applies to both
        if firstUnit == nil && !first.hasMagnitude && second.hasMagnitude, second.low != .zero,
           let factor = magnitude(of: second) {
            guard let l = low.multiplied(by: factor) else { return false }
            low = l
        }
        guard let l = low.multiplied(by: scale), let h = second.high.multiplied(by: scale), l < h else { return false }
        result = Expression(start: first.start, end: end, last: second, first: first, low: l, high: h,
                            unit: unitName, dimension: dimension, max: max, unitRange: unitRange)
        return true
    }

    /// The magnitude words at the end of a number (3.33万 → 10000).
    private func magnitude(of number: ScannedNumber) -> ExactDecimal? {
        var factor = ExactDecimal(1)
        var i = number.over?.lowerBound ?? number.end
        while i > number.start, let m = rules.numerals.longestMatch(in: key, at: i - 1, limit: i),
              m.payload.role == .section || m.payload.role == .multiplier {
            guard let f = factor.multiplied(by: m.payload.value!) else { return nil }
            factor = f
            i -= 1
        }
        return factor == ExactDecimal(1) ? nil : factor
    }
}
