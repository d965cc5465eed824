import Foundation
@testable import Gongwen

/// Helpers for the segmentation tests: parse inline text, flatten the tree.
enum SegmentationSupport {
    static let pipeline: Pipeline = {
        do { return try Pipeline() } catch { fatalError("the built-in grammar does not compile: \(error)") }
    }()

    static func parse(_ text: String) throws -> Document {
        try pipeline.parse(bytes: Array(text.utf8), name: "test.txt")
    }

    /// The segmenter's own output, with the outline and boilerplate ranges.
    static func tree(_ text: String) throws -> (NormalizedText, SectionTree) {
        let decoded = try Decoder(forcedEncoding: nil, lossy: false).decode(Array(text.utf8))
        let normalized = pipeline.normalize(decoded)
        return (normalized, pipeline.segmenter.segment(normalized))
    }

    /// Every section in document order as `id marker heading`.
    static func rows(_ sections: [Section]) -> [String] {
        var result: [String] = []
        for section in sections {
            result.append("\(section.id) \(section.marker) \(section.heading)")
            result += rows(section.children)
        }
        return result
    }

    /// Every section in document order as `id style`.
    static func styles(_ sections: [Section]) -> [String] {
        var result: [String] = []
        for section in sections {
            result.append("\(section.id) \(section.style.rawValue)")
            result += styles(section.children)
        }
        return result
    }

    static func all(_ sections: [Section]) -> [Section] {
        var result: [Section] = []
        for section in sections {
            result.append(section)
            result += all(section.children)
        }
        return result
    }

    /// Expected text in the clean form (fullwidth punctuation halfwidth, as NFKC makes it),
    /// keeping the one-character markers the normalizer keeps.
    static func clean(_ text: String) -> String {
        var result = ""
        for character in text {
            let kept = character.unicodeScalars.allSatisfy {
                (0x2460...0x24FF).contains($0.value) || (0x3200...0x32FF).contains($0.value) || (0x2160...0x2188).contains($0.value)
            }
            result += kept ? String(character) : String(character).precomposedStringWithCompatibilityMapping
        }
        return result
    }

    /// Compares like `shared/eval/score.py`: NFKC, no whitespace, no trailing punctuation.
    static func norm(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
        let trail: Set<Character> = ["。", ";", "；", ":", ",", "，", "、", "!", "?", "！", "？"]
        var result = Substring(folded)
        while let last = result.last, trail.contains(last) { result = result.dropLast() }
        while let first = result.first, trail.contains(first) { result = result.dropFirst() }
        return String(result)
    }
}
