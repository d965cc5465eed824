/// A set of numerals a heading marker may carry (`ordinals` rules): place-value digits
/// (`1`, `27`), Chinese numerals (`十二`, `一百零五`, `叁`) or a sequence of one-character
/// numerals (`①②③`, `⑴⑵`, `㈠㈡`, `ⅠⅡ`).
final class ChineseOrdinal: Sendable {
    enum Kind: String, Sendable {
        /// Place-value digits: `0123456789`.
        case positional
        /// Chinese numerals with ten/hundred multipliers.
        case chinese
        /// The n-th character of a list means n.
        case sequence
    }

    let name: String
    let kind: Kind
    /// Digit or sequence character → its value, as the characters' scalar values in
    /// ascending order and the value of each: a binary search over a few numbers is much
    /// cheaper than hashing (every marker candidate reads a numeral).
    private let valueKeys: [UInt32]
    private let valueOf: [Int]
    /// The same as a table, when the characters lie close together (digits, ①…⑳, 一…九):
    /// `valueTable[value - tableBase]` is the value of the character, or -1. Empty when
    /// they spread too far (then the binary search over `valueKeys` answers).
    private let valueTable: [Int]
    private let tableBase: UInt32
    private let tens: ScalarSet
    private let hundreds: ScalarSet
    private let zeros: ScalarSet
    /// Every character that can be part of a numeral of this set.
    let characters: ScalarSet
    /// The longest positional number read (a marker is never `2024.`).
    let maxDigits: Int
    /// The character written for each small value (for look-ahead: `二` of `二是`).
    private let spelled: [Int: Unicode.Scalar]

    init(rule: Rule) throws(GrammarError) {
        name = rule.name
        guard let kind = Kind(rawValue: rule["kind"] ?? "") else {
            throw GrammarError(rule, "unknown kind '\(rule["kind"] ?? "")'")
        }
        self.kind = kind
        var values: [UInt32: Int] = [:]
        var spelled: [Int: Unicode.Scalar] = [:]
        var characters = ScalarSet()
        switch kind {
        case .positional:
            let digits = Array((rule["digits"] ?? "").unicodeScalars)
            guard digits.count == 10 else { throw GrammarError(rule, "digits must list the ten digits 0…9 in order") }
            for (value, digit) in digits.enumerated() {
                values[digit.value] = value
                spelled[value] = digit
                characters.insert(digit)
            }
        case .chinese:
            let digits = rule.list("digits")
            guard digits.count == 9 else {
                throw GrammarError(rule, "digits must list nine items, the characters for one to nine separated by |")
            }
            for (index, alternatives) in digits.enumerated() {
                for scalar in alternatives.unicodeScalars {
                    values[scalar.value] = index + 1
                    characters.insert(scalar)
                }
                spelled[index + 1] = alternatives.unicodeScalars.first
            }
        case .sequence:
            let chars = Array((rule["chars"] ?? "").unicodeScalars)
            guard !chars.isEmpty else { throw GrammarError(rule, "chars must list the numerals in order") }
            for (index, scalar) in chars.enumerated() {
                values[scalar.value] = index + 1
                spelled[index + 1] = scalar
                characters.insert(scalar)
            }
        }
        tens = ScalarSet((rule["ten"] ?? "").unicodeScalars)
        hundreds = ScalarSet((rule["hundred"] ?? "").unicodeScalars)
        zeros = ScalarSet((rule["zero"] ?? "").unicodeScalars)
        characters.formUnion(tens)
        characters.formUnion(hundreds)
        characters.formUnion(zeros)
        valueKeys = values.keys.sorted()
        valueOf = valueKeys.map { values[$0]! }
        var table: [Int] = []
        if let low = valueKeys.first, let high = valueKeys.last, high - low < 1024 {
            table = [Int](repeating: -1, count: Int(high - low) + 1)
            for (index, key) in valueKeys.enumerated() { table[Int(key - low)] = valueOf[index] }
        }
        valueTable = table
        tableBase = valueKeys.first ?? 0
        self.characters = characters
        self.spelled = spelled
        maxDigits = rule.int("max-digits") ?? 3
    }

    /// The value of one digit character, for positional sets.
    @inline(__always)
    func digit(_ scalar: Unicode.Scalar) -> Int? {
        characters.contains(scalar) ? value(of: scalar) : nil
    }

    /// The value of a digit or sequence character.
    @inline(__always)
    private func value(of scalar: Unicode.Scalar) -> Int? {
        let target = scalar.value
        if !valueTable.isEmpty {
            let offset = Int(target &- tableBase)
            guard target >= tableBase && offset < valueTable.count else { return nil }
            let value = valueTable[offset]
            return value >= 0 ? value : nil
        }
        var low = 0
        var high = valueKeys.count
        while low < high {
            let middle = (low + high) / 2
            if valueKeys[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < valueKeys.count && valueKeys[low] == target ? valueOf[low] : nil
    }

    /// The single character for a small value, if the set writes it with one.
    func spelling(of value: Int) -> Unicode.Scalar? {
        spelled[value]
    }

    /// Reads a numeral at `start`, not past `limit`. With `spacedDigits`, positional digits
    /// may be separated by single spaces (`1 0` in `第 1 0 条`).
    func read(_ key: [Unicode.Scalar], at start: Int, limit: Int, spacedDigits: Bool = false) -> (value: Int, end: Int)? {
        guard start < limit else { return nil }
        switch kind {
        case .sequence:
            guard let value = digit(key[start]) else { return nil }
            return (value, start + 1)
        case .positional:
            var position = start
            var value = 0
            var count = 0
            while position < limit {
                if let digit = digit(key[position]) {
                    value = value * 10 + digit
                    count += 1
                    if count > maxDigits { return nil }
                    position += 1
                } else if spacedDigits, count > 0, key[position] == " ", position + 1 < limit,
                          digit(key[position + 1]) != nil {
                    position += 1
                } else {
                    break
                }
            }
            return count > 0 ? (value, position) : nil
        case .chinese:
            var position = start
            var total = 0
            var current = 0
            var seen = false
            while position < limit && position - start < 6 {
                let scalar = key[position]
                guard characters.contains(scalar) else { break }
                if let digit = value(of: scalar) {
                    current = digit
                } else if tens.contains(scalar) {
                    total += (current == 0 ? 1 : current) * 10
                    current = 0
                } else if hundreds.contains(scalar) {
                    total += (current == 0 ? 1 : current) * 100
                    current = 0
                } else if zeros.contains(scalar) && seen {
                    // 一百零五: the zero only spaces the digits
                } else {
                    break
                }
                seen = true
                position += 1
            }
            let value = total + current
            return seen && value > 0 ? (value, position) : nil
        }
    }

    /// Reads a number written digit by digit (`二〇一一`, `2011`): every character one digit,
    /// zero characters meaning 0. Returns the value, the digit count and the end.
    func readDigitString(_ key: [Unicode.Scalar], at start: Int, limit: Int) -> (value: Int, digits: Int, end: Int)? {
        var position = start
        var value = 0
        while position < limit && position - start < 4 {
            let scalar = key[position]
            guard characters.contains(scalar) else { break }
            if kind == .positional, let digit = self.value(of: scalar) {
                value = value * 10 + digit
            } else if kind == .chinese, let digit = self.value(of: scalar) {
                value = value * 10 + digit
            } else if kind == .chinese && zeros.contains(scalar) {
                value = value * 10
            } else {
                break
            }
            position += 1
        }
        return position > start ? (value, position - start, position) : nil
    }
}
