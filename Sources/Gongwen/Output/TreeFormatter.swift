/// A printable outline of a document, for people who would rather look than read JSON
/// (`gongwen parse --format tree`) and for tests:
///
///     西安市科学技术局2024年度科技创新工作要点  [issuer 西安市科学技术局, year 2024]
///     preamble
///       > 5000亿元 (= 500000000000 元) 全市技术合同成交额 [target]
///       ≥ 5% (= 5 %) 全社会研发投入强度 [target]
///     1 一、 提高政治站位,加强党对科技工作的全面领导
///       1.1 1. 强化政治引领
///
/// Each quantity line is: comparator, `+`/`−` for a change, the text, the value in the
/// base unit, the indicator, and the role (with the year when there is one).
public struct TreeFormatter: Sendable {
    public init() {}

    public func format(_ document: Document) -> String {
        var lines: [String] = []
        var facts: [String] = []
        if let issuer = document.issuer { facts.append("issuer \(issuer)") }
        if let number = document.docNumber { facts.append("number \(number)") }
        if let year = document.year { facts.append("year \(year)") }
        if let date = document.date { facts.append("date \(date)") }
        let title = document.title ?? "(no title)"
        lines.append(facts.isEmpty ? title : "\(title)  [\(facts.joined(separator: ", "))]")

        var bySection: [String: [Quantity]] = [:]
        var inPreamble: [Quantity] = []
        for quantity in document.quantities {
            if let section = quantity.section {
                bySection[section, default: []].append(quantity)
            } else {
                inPreamble.append(quantity)
            }
        }
        if !inPreamble.isEmpty {
            lines.append("preamble")
            for quantity in inPreamble { lines.append("  " + describe(quantity)) }
        }
        for section in document.sections { append(section, depth: 0, bySection: bySection, to: &lines) }
        for diagnostic in document.diagnostics where diagnostic.severity != .info {
            lines.append("\(diagnostic.severity.rawValue): \(diagnostic.code): \(diagnostic.message)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func append(_ section: Section, depth: Int, bySection: [String: [Quantity]], to lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        lines.append("\(indent)\(section.id) \(section.marker) \(section.heading)")
        for quantity in bySection[section.id] ?? [] { lines.append("\(indent)    " + describe(quantity)) }
        for child in section.children { append(child, depth: depth + 1, bySection: bySection, to: &lines) }
    }

    /// `≥ 5% 全社会研发投入强度 [target 2024]`: comparator, change, text, indicator, role, year.
    public func describe(_ quantity: Quantity) -> String {
        var parts: [String] = []
        switch quantity.comparator {
        case .atLeast?: parts.append("≥")
        case .moreThan?: parts.append(">")
        case .atMost?: parts.append("≤")
        case .lessThan?: parts.append("<")
        case .approximately?: parts.append("≈")
        case nil: break
        }
        switch quantity.change {
        case .increase?: parts.append("+")
        case .decrease?: parts.append("−")
        case nil: break
        }
        parts.append(quantity.text)
        switch quantity.amount {
        case .single(let value): parts.append("(= \(value) \(quantity.unit))")
        case .range(let low, let high): parts.append("(= \(low)–\(high) \(quantity.unit))")
        }
        if let indicator = quantity.indicator { parts.append(indicator) }
        var role = quantity.role.rawValue
        if let year = quantity.year { role += " \(year)" }
        parts.append("[\(role)]")
        return parts.joined(separator: " ")
    }
}
