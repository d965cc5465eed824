/// One difference between an expected and an actual output.
public struct JSONDifference: Equatable, Sendable, CustomStringConvertible {
    /// Where: `sections[1].children[3].heading`, `quantities[q17].comparator`.
    public var path: String
    /// The expected value as compact JSON; nil when the element is extra.
    public var expected: String?
    /// The actual value as compact JSON; nil when the element is missing.
    public var actual: String?

    public var description: String {
        switch (expected, actual) {
        case let (expected?, actual?): return "\(path): expected \(expected), actual \(actual)"
        case let (expected?, nil): return "\(path): missing (expected \(expected))"
        case let (nil, actual?): return "\(path): extra (actual \(actual))"
        case (nil, nil): return path
        }
    }
}

/// Compares two gongwen documents the way a rule author reads them: sections matched by
/// where their heading is, quantities by their span (so one added quantity shows as one
/// extra, not as every later id shifting), everything else field by field. The
/// `generator` object is ignored: a grammar edit changes its hash in every output.
public enum JSONDiff {
    public static func documents(expected: JSONValue, actual: JSONValue) -> [JSONDifference] {
        var differences: [JSONDifference] = []
        guard case .object(let members) = expected, case .object = actual else {
            return values(expected, actual, path: "")
        }
        var keys = members.map(\.key)
        if case .object(let actualMembers) = actual {
            for member in actualMembers where !keys.contains(member.key) { keys.append(member.key) }
        }
        for key in keys where key != "generator" {
            let e = expected[key]
            let a = actual[key]
            switch key {
            case "sections":
                differences += sections(e?.elements ?? [], a?.elements ?? [], path: "sections")
            case "quantities":
                differences += quantities(e?.elements ?? [], a?.elements ?? [])
            default:
                differences += optionalValues(e, a, path: key)
            }
        }
        return differences
    }

    /// Any two values, member by member and element by element.
    public static func values(_ expected: JSONValue, _ actual: JSONValue, path: String) -> [JSONDifference] {
        switch (expected, actual) {
        case let (.object(members), .object(actualMembers)):
            var differences: [JSONDifference] = []
            var keys = members.map(\.key)
            for member in actualMembers where !keys.contains(member.key) { keys.append(member.key) }
            for key in keys {
                differences += optionalValues(expected[key], actual[key], path: join(path, key))
            }
            return differences
        case let (.array(items), .array(actualItems)):
            var differences: [JSONDifference] = []
            for index in 0..<max(items.count, actualItems.count) {
                differences += optionalValues(index < items.count ? items[index] : nil,
                                              index < actualItems.count ? actualItems[index] : nil,
                                              path: "\(path)[\(index)]")
            }
            return differences
        default:
            return expected == actual ? [] : [JSONDifference(path: path, expected: expected.compactText, actual: actual.compactText)]
        }
    }

    private static func optionalValues(_ expected: JSONValue?, _ actual: JSONValue?, path: String) -> [JSONDifference] {
        switch (expected, actual) {
        case let (e?, a?): return values(e, a, path: path)
        case let (e?, nil): return [JSONDifference(path: path, expected: e.compactText, actual: nil)]
        case let (nil, a?): return [JSONDifference(path: path, expected: nil, actual: a.compactText)]
        case (nil, nil): return []
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Sections, matched by heading position, recursively.
    private static func sections(_ expected: [JSONValue], _ actual: [JSONValue], path: String) -> [JSONDifference] {
        var differences: [JSONDifference] = []
        var unmatched = Array(actual.indices)
        for (index, section) in expected.enumerated() {
            let here = "\(path)[\(index)]"
            let key = section["headingSpan"]
            guard let position = unmatched.firstIndex(where: { actual[$0]["headingSpan"] == key }) else {
                differences.append(JSONDifference(path: here, expected: summary(of: section), actual: nil))
                continue
            }
            let other = actual[unmatched.remove(at: position)]
            if case .object(let members) = section {
                for member in members where member.key != "children" {
                    differences += optionalValues(member.value, other[member.key], path: "\(here).\(member.key)")
                }
            }
            differences += sections(section["children"]?.elements ?? [], other["children"]?.elements ?? [],
                                    path: "\(here).children")
        }
        for index in unmatched {
            differences.append(JSONDifference(path: "\(path)[\(index)]", expected: nil, actual: summary(of: actual[index])))
        }
        return differences
    }

    /// Quantities, matched by span; named by id.
    private static func quantities(_ expected: [JSONValue], _ actual: [JSONValue]) -> [JSONDifference] {
        var differences: [JSONDifference] = []
        var unmatched = Array(actual.indices)
        for quantity in expected {
            let here = "quantities[\(quantity["id"]?.stringValue ?? "?")]"
            guard let position = unmatched.firstIndex(where: { actual[$0]["span"] == quantity["span"] }) else {
                differences.append(JSONDifference(path: here, expected: summary(of: quantity), actual: nil))
                continue
            }
            let other = actual[unmatched.remove(at: position)]
            if case .object(let members) = quantity {
                for member in members where member.key != "id" {
                    differences += optionalValues(member.value, other[member.key], path: "\(here).\(member.key)")
                }
            }
        }
        for index in unmatched {
            let id = actual[index]["id"]?.stringValue ?? "?"
            differences.append(JSONDifference(path: "quantities[\(id)]", expected: nil, actual: summary(of: actual[index])))
        }
        return differences
    }

    /// A one-line summary of a section or quantity for missing/extra lines.
    private static func summary(of element: JSONValue) -> String {
        if let text = element["text"]?.stringValue {
            return "\(text) at \(element["span"]?.compactText ?? "?")"
        }
        let marker = element["marker"]?.stringValue ?? ""
        let heading = element["heading"]?.stringValue ?? ""
        return "\(marker)\(heading) at \(element["headingSpan"]?.compactText ?? "?")"
    }
}
