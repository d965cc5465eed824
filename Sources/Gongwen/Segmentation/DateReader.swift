/// Reads dates (`2011年3月6日`, `二〇一一年三月六日`, `中華民國113年3月6日`) and title years
/// with the numerals and unit words of `meta.rules`.
struct DateReader {
    let rules: SectionRules
    let key: [Unicode.Scalar]

    /// A full date starting at `start`: its ISO form and end.
    func date(at start: Int, limit: Int) -> (iso: String, end: Int)? {
        guard rules.dateUnits.count == 3 else { return nil }
        var position = start
        var era = false
        if let length = prefix(rules.rocEras, at: position, limit: limit) {
            era = true
            position += length
        }
        guard let year = yearNumber(at: position, limit: limit) else { return nil }
        position = year.end
        guard let afterYear = unit(0, at: position, limit: limit) else { return nil }
        guard let month = smallNumber(at: afterYear, limit: limit), (1...12).contains(month.value),
              let afterMonth = unit(1, at: month.end, limit: limit),
              let day = smallNumber(at: afterMonth, limit: limit), (1...31).contains(day.value),
              let end = unit(2, at: day.end, limit: limit) else { return nil }
        var value = year.value
        if era || year.digits <= 3 { value += 1911 }  // ROC years are counted from 1912
        guard (1900...2200).contains(value) else { return nil }
        return (Self.iso(value, month.value, day.value), end)
    }

    /// The date a whole line holds (spaces and enclosing brackets aside), if that is all it holds.
    @inline(__always)
    func standaloneDate(_ line: Line) -> String? {
        // Inlined, so that most lines (which end in neither the day unit nor a bracket) are
        // passed over without a call.
        guard line.end > line.start, let day = rules.dateUnits.last?.last else { return nil }
        let last = key[line.end - 1]
        guard last == day || last == ")" || rules.docNumberClose.contains(last) else { return nil }
        return fullLineDate(line)
    }

    private func fullLineDate(_ line: Line) -> String? {
        var start = line.start
        var end = line.end
        guard rules.dateUnits.count == 3, endsWithDay(start, end) else { return nil }
        if start < end, rules.docNumberOpen.contains(key[start]) || key[start] == "(" { start += 1 }
        if end > start, rules.docNumberClose.contains(key[end - 1]) || key[end - 1] == ")" { end -= 1 }
        start = MarkerStyle.skipSpaces(key, start, end)
        guard start < end, rules.dateStarts.contains(key[start]), let found = date(at: start, limit: end) else { return nil }
        return MarkerStyle.skipSpaces(key, found.end, end) == end ? found.iso : nil
    }

    /// Whether `[start, end)` ends in the day unit (`日`), spaces and a closing bracket
    /// aside: every line that holds a date and nothing else does, few others do.
    private func endsWithDay(_ start: Int, _ end: Int) -> Bool {
        let day = rules.dateUnits[2].last!
        var last = end - 1
        while last >= start && Scalars.isSpace(key[last]) { last -= 1 }
        if last >= start && key[last] == day { return true }
        guard last >= start, rules.docNumberClose.contains(key[last]) || key[last] == ")" else { return false }
        last -= 1
        while last >= start && Scalars.isSpace(key[last]) { last -= 1 }
        return last >= start && key[last] == day
    }

    /// The first full date in a range.
    func firstDate(from start: Int, to end: Int) -> String? {
        var position = start
        while position < end {
            if rules.dateStarts.contains(key[position]), let found = date(at: position, limit: end) { return found.iso }
            position += 1
        }
        return nil
    }

    /// The plan year a title states: `2011年度` → 2011, `113年度` (ROC) → 2024,
    /// `二〇二四年` → 2024. Years of a range (`2021-2025年`) are not a plan year.
    func titleYear(from start: Int, to end: Int) -> Int? {
        guard rules.dateUnits.count == 3 else { return nil }
        var position = start
        while position < end {
            // Neither a numeral nor an era starts here: no year either.
            guard rules.dateStarts.contains(key[position]) else {
                position += 1
                continue
            }
            var era = false
            var from = position
            if let length = prefix(rules.rocEras, at: position, limit: end) {
                era = true
                from += length
            }
            let startsNumber = position == start || !isNumeral(key[position - 1])
            if startsNumber, let year = yearNumber(at: from, limit: end), let afterYear = unit(0, at: year.end, limit: end) {
                let rangeBefore = position > start && key[position - 1] == "-"
                let yearly = afterYear < end && key[afterYear] == "度"
                var value = year.value
                if year.digits == 4 && !era {
                    if !rangeBefore && (1900...2200).contains(value) { return value }
                } else if era || (year.digits >= 2 && yearly) {
                    value += 1911
                    if (1912...2200).contains(value) { return value }
                }
                position = year.end
                continue
            }
            position += 1
        }
        return nil
    }

    private func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        for set in rules.dateOrdinals where set.characters.contains(scalar) { return true }
        return false
    }

    private func yearNumber(at position: Int, limit: Int) -> (value: Int, digits: Int, end: Int)? {
        for set in rules.dateOrdinals {
            if let read = set.readDigitString(key, at: position, limit: limit), read.digits >= 2 { return read }
        }
        return nil
    }

    private func smallNumber(at position: Int, limit: Int) -> (value: Int, end: Int)? {
        for set in rules.dateOrdinals {
            if set.kind == .positional {
                if let read = set.read(key, at: position, limit: min(limit, position + 2)) { return read }
            } else if let read = set.read(key, at: position, limit: limit) {
                return read
            }
        }
        return nil
    }

    private func unit(_ index: Int, at position: Int, limit: Int) -> Int? {
        let at = MarkerStyle.skipSpaces(key, position, limit)
        guard let length = prefix([rules.dateUnits[index]], at: at, limit: limit) else { return nil }
        return MarkerStyle.skipSpaces(key, at + length, limit)
    }

    private func prefix(_ words: [[Unicode.Scalar]], at position: Int, limit: Int) -> Int? {
        MarkerStyle.prefix(of: words, in: key, at: position, limit: limit)
    }

    static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
