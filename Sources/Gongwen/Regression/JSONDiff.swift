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
            return arrays(items, actualItems, path: path)
        default:
            return expected == actual ? [] : [JSONDifference(path: path, expected: expected.compactText, actual: actual.compactText)]
        }
    }

    /// Arrays aligned on their longest common run of equal elements, so one inserted
    /// paragraph reads as one extra element, not as every later one changing. Between
    /// two equal anchors, elements are paired in order and compared field by field; the
    /// rest are missing or extra.
    private static func arrays(_ expected: [JSONValue], _ actual: [JSONValue], path: String) -> [JSONDifference] {
        let n = expected.count
        let m = actual.count
        // lengths[i][j]: longest common subsequence of expected[i...] and actual[j...].
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = expected[i] == actual[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var differences: [JSONDifference] = []
        var gapExpected: [Int] = []
        var gapActual: [Int] = []
        func flushGap() {
            for k in 0..<max(gapExpected.count, gapActual.count) {
                let e = k < gapExpected.count ? expected[gapExpected[k]] : nil
                let a = k < gapActual.count ? actual[gapActual[k]] : nil
                let index = k < gapExpected.count ? gapExpected[k] : gapActual[k]
                differences += optionalValues(e, a, path: "\(path)[\(index)]")
            }
            gapExpected.removeAll()
            gapActual.removeAll()
        }
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] {
                flushGap()
                i += 1
                j += 1
            } else if j == m || (i < n && lengths[i + 1][j] >= lengths[i][j + 1]) {
                gapExpected.append(i)
                i += 1
            } else {
                gapActual.append(j)
                j += 1
            }
        }
        flushGap()
        return differences
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
        paired(expected, actual, by: "headingSpan", skipping: "children",
               name: { index, _ in "\(path)[\(index)]" }) { section, other, here in
            sections(section["children"]?.elements ?? [], other["children"]?.elements ?? [], path: "\(here).children")
        }
    }

    /// Quantities, matched by span; named by id.
    private static func quantities(_ expected: [JSONValue], _ actual: [JSONValue]) -> [JSONDifference] {
        paired(expected, actual, by: "span", skipping: "id",
               name: { _, quantity in "quantities[\(quantity["id"]?.stringValue ?? "?")]" }) { _, _, _ in [] }
    }

    /// Elements paired by the value of `key` (not by position), compared member by member
    /// except `skipped`; `more` adds what a pair needs beyond that (a section's children).
    /// Unpaired elements are missing or extra, named by `name(index, element)`.
    private static func paired(_ expected: [JSONValue], _ actual: [JSONValue], by key: String, skipping skipped: String,
                               name: (Int, JSONValue) -> String,
                               more: (JSONValue, JSONValue, String) -> [JSONDifference]) -> [JSONDifference] {
        var differences: [JSONDifference] = []
        var unmatched = Array(actual.indices)
        for (index, element) in expected.enumerated() {
            let here = name(index, element)
            guard let position = unmatched.firstIndex(where: { actual[$0][key] == element[key] }) else {
                differences.append(JSONDifference(path: here, expected: summary(of: element), actual: nil))
                continue
            }
            let other = actual[unmatched.remove(at: position)]
            if case .object(let members) = element {
                for member in members where member.key != skipped {
                    differences += optionalValues(member.value, other[member.key], path: "\(here).\(member.key)")
                }
            }
            differences += more(element, other, here)
        }
        for index in unmatched {
            differences.append(JSONDifference(path: name(index, actual[index]), expected: nil, actual: summary(of: actual[index])))
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
