/// An exact decimal number: `significand × 10^exponent`.
///
/// Values in policy documents are written in decimal (`3.33万`, `1.3万亿`); keeping them
/// exact means `3.33万` is 33300, never 33299.999999.
public struct ExactDecimal: Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var significand: Int64
    public var exponent: Int

    /// `significand × 10^exponent`, reduced so the significand has no trailing zeros.
    public init(significand: Int64, exponent: Int = 0) {
        var s = significand
        var e = exponent
        while s != 0 && s % 10 == 0 {
            s /= 10
            e += 1
        }
        if s == 0 { e = 0 }
        self.significand = s
        self.exponent = e
    }

    public init(_ value: Int) {
        self.init(significand: Int64(value))
    }

    /// Parses plain decimal text such as `12`, `-3.5`, `0.05`; nil for anything else.
    public init?(_ text: String) {
        var digits: Int64 = 0
        var exponent = 0
        var seenPoint = false
        var seenDigit = false
        var negative = false
        for (index, character) in text.unicodeScalars.enumerated() {
            switch character {
            case "-" where index == 0:
                negative = true
            case "." where !seenPoint:
                seenPoint = true
            case "0"..."9":
                let (times, overflow1) = digits.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(character.value - 48))
                if overflow1 || overflow2 { return nil }
                digits = sum
                seenDigit = true
                if seenPoint { exponent -= 1 }
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        self.init(significand: negative ? -digits : digits, exponent: exponent)
    }

    public static let zero = ExactDecimal(significand: 0)

    /// The product, or nil on overflow.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        if overflow { return nil }
        return ExactDecimal(significand: product, exponent: exponent + other.exponent)
    }

    /// The sum, or nil on overflow.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let e = min(exponent, other.exponent)
        guard let a = significand.scaled(by: exponent - e), let b = other.significand.scaled(by: other.exponent - e) else {
            return nil
        }
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { return nil }
        return ExactDecimal(significand: sum, exponent: e)
    }

    /// The value as a `Double` (for comparisons of magnitude only).
    public var doubleValue: Double {
        Double(significand) * pow10(exponent)
    }

    /// Plain decimal notation without exponent: `30000000000`, `7.7`, `-0.05`.
    public var description: String {
        let negative = significand < 0
        let digits = String(significand.magnitude)
        var text: String
        if exponent >= 0 {
            text = digits + String(repeating: "0", count: exponent)
        } else {
            let point = digits.count + exponent
            if point > 0 {
                text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            } else {
                text = "0." + String(repeating: "0", count: -point) + digits
            }
        }
        if negative { text = "-" + text }
        return text
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let e = min(lhs.exponent, rhs.exponent)
        if let a = lhs.significand.scaled(by: lhs.exponent - e), let b = rhs.significand.scaled(by: rhs.exponent - e) {
            return a < b
        }
        return lhs.doubleValue < rhs.doubleValue
    }
}

private func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    if exponent >= 0 {
        for _ in 0..<exponent { result *= 10 }
    } else {
        for _ in 0..<(-exponent) { result /= 10 }
    }
    return result
}

extension Int64 {
    /// `self × 10^power`, or nil on overflow.
    fileprivate func scaled(by power: Int) -> Int64? {
        var value = self
        for _ in 0..<power {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }
}
