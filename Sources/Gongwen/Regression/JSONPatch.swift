/// Carries values from an expected document into an actual one at `check` paths
/// (`quantities[q9].role`, `sections[1].children[0].heading`, `title`), finding each
/// element in the actual document the way `JSONDiff` pairs them: quantities by span,
/// sections by heading span.
enum JSONPatch {
    /// `actual` with the expected value at each path that both documents have.
    static func carry(_ paths: [String], from expected: JSONValue, into actual: JSONValue) -> JSONValue {
        var result = actual
        for path in paths {
            guard let value = lookup(path, in: expected),
                  let steps = locate(path, expected: expected, actual: result) else { continue }
            result = result.replacing(at: steps, with: value)
        }
        return result
    }

    /// One step into a JSON value.
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// `quantities[q9].role` → ["quantities", "[q9]", "role"] as (name, selector) pairs.
    private static func components(_ path: String) -> [(key: String, selector: String?)] {
        var result: [(String, String?)] = []
        for part in path.split(separator: ".") {
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                result.append((String(part[..<open]), String(part[part.index(after: open)..<part.index(before: part.endIndex)])))
            } else {
                result.append((String(part), nil))
            }
        }
        return result
    }

    /// The value at a path of the expected document (selectors are ids for quantities,
    /// indices elsewhere).
    static func lookup(_ path: String, in document: JSONValue) -> JSONValue? {
        var current: JSONValue? = document
        for (key, selector) in components(path) {
            current = current?[key]
            guard let selector else { continue }
            let items = current?.elements ?? []
            if let index = Int(selector) {
                current = index < items.count ? items[index] : nil
            } else {
                current = items.first { $0["id"]?.stringValue == selector }
            }
        }
        return current
    }

    /// The steps to the same element in the actual document.
    private static func locate(_ path: String, expected: JSONValue, actual: JSONValue) -> [Step]? {
        let parts = components(path)
        guard let first = parts.first else { return nil }
        let field = parts.count > 1 && parts.last?.selector == nil ? parts.last?.key : nil
        let elementPath = field == nil ? path : String(path.dropLast(field!.count + 1))
        switch first.key {
        case "quantities" where parts.count <= 2:
            guard let span = lookup(elementPath, in: expected)?["span"] else { return nil }
            guard let index = actual["quantities"]?.elements.firstIndex(where: { $0["span"] == span }) else { return nil }
            return [.key("quantities"), .index(index)] + (field.map { [.key($0)] } ?? [])
        case "sections":
            guard let headingSpan = lookup(elementPath, in: expected)?["headingSpan"],
                  let steps = findSection(headingSpan, in: actual["sections"]?.elements ?? [], prefix: [.key("sections")]) else { return nil }
            return steps + (field.map { [.key($0)] } ?? [])
        default:
            var steps: [Step] = []
            for (key, selector) in parts {
                steps.append(.key(key))
                if let selector {
                    guard let index = Int(selector) else { return nil }
                    steps.append(.index(index))
                }
            }
            return steps
        }
    }

    private static func findSection(_ headingSpan: JSONValue, in sections: [JSONValue], prefix: [Step]) -> [Step]? {
        for (index, section) in sections.enumerated() {
            let here = prefix + [.index(index)]
            if section["headingSpan"] == headingSpan { return here }
            if let found = findSection(headingSpan, in: section["children"]?.elements ?? [], prefix: here + [.key("children")]) {
                return found
            }
        }
        return nil
    }
}

extension JSONValue {
    /// The value with the element at `steps` replaced (unchanged when a step is missing).
    func replacing(at steps: [JSONPatch.Step], with value: JSONValue) -> JSONValue {
        guard let step = steps.first else { return value }
        let rest = Array(steps.dropFirst())
        switch (self, step) {
        case (.object(var members), .key(let key)):
            guard let index = members.firstIndex(where: { $0.key == key }) else { return self }
            members[index].value = members[index].value.replacing(at: rest, with: value)
            return .object(members)
        case (.array(var items), .index(let index)) where index < items.count:
            items[index] = items[index].replacing(at: rest, with: value)
            return .array(items)
        default:
            return self
        }
    }
}

extension JSONWriter {
    /// Writes a parsed value in the same layout `DocumentEncoder` uses (arrays of
    /// numbers, i.e. spans, on one line).
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): literal(flag ? "true" : "false")
        case .number(let text): literal(text)
        case .string(let text): string(text)
        case .array(let items):
            if items.count == 2, case .number(let a) = items[0], case .number(let b) = items[1],
               let start = Int(a), let end = Int(b) {
                span(Span(start, end))
                return
            }
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(dynamic: member.key)
                self.value(member.value)
            }
            endObject()
        }
    }
}
