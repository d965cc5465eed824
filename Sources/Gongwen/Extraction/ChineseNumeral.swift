/// One piece of a written number, as the scanner reads it.
enum NumeralToken: Equatable {
    /// A complete value: an Arabic number (`3.33`, `1,200`), a Chinese digit, or a
    /// Chinese decimal (`三点五`).
    case value(ExactDecimal)
    /// `廿` = 20, `卅` = 30: a digit that already means tens.
    case tens(ExactDecimal)
    /// `十 百 千`: multiplies the value before it (or an implicit one).
    case multiplier(ExactDecimal)
    /// `万 亿 兆`: multiplies everything of lower order before it.
    case section(ExactDecimal)
    /// `几` / `数`: an unknown digit.
    case some
}

/// Evaluates a sequence of numeral tokens (`十二万三千四百五十六`, `1亿2000万`,
/// `1.3万亿`) exactly, with `ExactDecimal` arithmetic.
enum ChineseNumeral {
    /// `a.adding(b)`, without the exponent alignment when either is zero (most sums in a
    /// number are: 三十 adds nothing below ten). The result is the same: a normalized value
    /// plus zero is itself, unless writing it with exponent 0 overflows, which `adding`
    /// reports as nil.
    @inline(__always)
    private static func plus(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal? {
        if b.significand == 0 { return fitsUnscaled(a) ? a : nil }
        if a.significand == 0 { return fitsUnscaled(b) ? b : nil }
        return a.adding(b)
    }

    /// Whether `value` written with exponent 0 or below fits in an Int64 significand.
    private static func fitsUnscaled(_ value: ExactDecimal) -> Bool {
        var significand = value.significand
        var power = value.exponent
        while power > 0 {
            let (next, overflow) = significand.multipliedReportingOverflow(by: 10)
            if overflow { return false }
            significand = next
            power -= 1
        }
        return true
    }

    /// The value, or nil when the tokens do not form a number (`十二五`: two values in a
    /// row) or the arithmetic overflows. `some` stands for `someLeading` when it leads a
    /// multiplier (几十 → 20) and `someTrailing` in the units place (十几 → 11).
    static func evaluate(_ tokens: [NumeralToken], someLeading: Int = 2, someTrailing: Int = 1) -> ExactDecimal? {
        var high = ExactDecimal.zero      // everything at 亿 or above
        var wan = ExactDecimal.zero       // the part multiplied by 万 since the last 亿
        var section = ExactDecimal.zero   // the part below 万
        var number: ExactDecimal?
        var consumed = false
        for (index, token) in tokens.enumerated() {
            switch token {
            case .value(let v):
                if number != nil { return nil }
                number = v
            case .some:
                if number != nil { return nil }
                let leads: Bool
                if index + 1 < tokens.count, case .multiplier = tokens[index + 1] { leads = true }
                else if index + 1 < tokens.count, case .section = tokens[index + 1] { leads = true }
                else { leads = false }
                number = ExactDecimal(leads ? someLeading : someTrailing)
            case .tens(let v):
                if number != nil { return nil }
                guard let s = plus(section, v) else { return nil }
                section = s
            case .multiplier(let m):
                guard let part = (number ?? ExactDecimal(1)).multiplied(by: m), let s = plus(section, part) else { return nil }
                section = s
                number = nil
            case .section(let s):
                var part = section
                if let n = number { guard let p = plus(part, n) else { return nil }; part = p }
                if s < ExactDecimal(100_000_000) {
                    if part == .zero && wan == .zero && !consumed { part = ExactDecimal(1) }
                    guard let w = part.multiplied(by: s), let sum = plus(wan, w) else { return nil }
                    wan = sum
                } else {
                    guard var total = plus(high, wan), let t = plus(total, part) else { return nil }
                    total = t
                    if total == .zero && !consumed { total = ExactDecimal(1) }
                    guard let h = total.multiplied(by: s) else { return nil }
                    high = h
                    wan = .zero
                }
                section = .zero
                number = nil
            }
            consumed = true
        }
        guard let withWan = plus(high, wan), let withSection = plus(withWan, section),
              let total = plus(withSection, number ?? .zero) else { return nil }
        return total
    }
}
