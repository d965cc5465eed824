import Foundation
@testable import Gongwen
import Testing

/// Runs the segmenter over every structure fixture (`Fixtures/structure/NAME.txt`) and
/// compares ids, markers and headings with `NAME.sections.tsv`, and the metadata with
/// `NAME.meta.tsv` (gold format, SPEC §5; compared the way `score.py` compares).
@Suite("Segmentation: structure fixtures")
struct SegmentationFixtureTests {
    static let folder = FixturePaths.fixtures.appendingPathComponent("structure")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func rows(_ name: String, _ suffix: String) throws -> [[String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name + suffix), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func fixturesExist() {
        #expect(Self.names.count >= 20)
    }

    @Test(arguments: names)
    func sections(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name + ".txt")))
        let document = try SegmentationSupport.pipeline.parse(bytes: bytes, name: name)
        let got = SegmentationSupport.all(document.sections).map {
            [$0.id, SegmentationSupport.norm($0.marker), SegmentationSupport.norm($0.heading)]
        }
        let want = try Self.rows(name, ".sections.tsv").map {
            [$0[0], SegmentationSupport.norm($0[1]), SegmentationSupport.norm($0.count > 2 ? $0[2] : "")]
        }
        #expect(got == want)
    }

    @Test(arguments: names)
    func metadata(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name + ".txt")))
        let document = try SegmentationSupport.pipeline.parse(bytes: bytes, name: name)
        for row in try Self.rows(name, ".meta.tsv") {
            let want = row.count > 1 && !row[1].isEmpty ? SegmentationSupport.norm(row[1]) : nil
            let got: String?
            switch row[0] {
            case "title": got = document.title
            case "issuer": got = document.issuer
            case "year": got = document.year.map { "\($0)" }
            case "date": got = document.date
            default: continue
            }
            #expect(got.map(SegmentationSupport.norm) == want, "\(row[0])")
        }
    }
}
