@testable import Gongwen
import Testing

/// Extraction against hand-built section trees: section ids, markers skipped, and the
/// role a section's heading gives.
@Suite("Extraction with a section tree")
struct ExtractionTreeTests {
    let extractor = Extractor(rules: try! QuantityRules(grammar: .builtIn))
    let pipeline = try! Pipeline()

    func normalized(_ string: String) -> NormalizedText {
        pipeline.normalize(DecodedText(string))
    }

    /// An outline entry over `marker`+`heading` found in `text`, running to `end`.
    func entry(_ text: String, _ id: String, parent: Int?, style: SectionStyle, marker: String, heading: String,
               end: String? = nil) -> OutlineEntry {
        let scalars = Array(text.unicodeScalars)
        func find(_ needle: String) -> Int {
            let n = Array(needle.unicodeScalars)
            for i in 0...(scalars.count - n.count) where Array(scalars[i..<(i + n.count)]) == n { return i }
            return -1
        }
        let start = find(marker + heading)
        let headingStart = start + marker.unicodeScalars.count
        let stop = end.map(find) ?? scalars.count
        return OutlineEntry(id: id, parent: parent, level: id.split(separator: ".").count, style: style,
                            range: start..<stop, headingRange: headingStart..<(headingStart + heading.unicodeScalars.count),
                            heading: heading)
    }

    @Test func reviewAndTargetsByHeading() {
        let source = "一、2024年工作回顾\n新建和改造高标准农田806万亩，接待游客增长20%以上。\n二、2025年工作安排\n建设高标准农田1000万亩。\n"
        let text = normalized(source)
        let tree = SectionTree(year: 2025, outline: [
            entry(source, "1", parent: nil, style: .han, marker: "一、", heading: "2024年工作回顾", end: "二、"),
            entry(source, "2", parent: nil, style: .han, marker: "二、", heading: "2025年工作安排"),
        ])
        let found = extractor.extract(text, tree: tree).quantities
        #expect(found.map(\.text) == ["806万亩", "20%", "1000万亩"])
        #expect(found.map(\.section) == ["1", "1", "2"])
        #expect(found.map(\.role) == [.baseline, .baseline, .target])
        #expect(found[0].change == nil)
        #expect(found[1].change == .increase && found[1].comparator == .atLeast)
        #expect(found[2].indicator == "高标准农田")
        #expect(found.map(\.id) == ["q1", "q2", "q3"])
    }

    @Test func articlesAreProvisionsAndMarkersAreSkipped() {
        let source = "第 1 0 条 对新建重点产业项目在12个月内建成的，给予企业30万元奖励。\n第 11 条 经审核后2年内予以兑现。\n"
        let text = normalized(source)
        let tree = SectionTree(outline: [
            entry(source, "1", parent: nil, style: .article, marker: "第 1 0 条 ", heading: "对新建重点产业项目在12个月内建成的", end: "第 11 条"),
            entry(source, "2", parent: nil, style: .article, marker: "第 11 条 ", heading: "经审核后2年内予以兑现"),
        ])
        let found = extractor.extract(text, tree: tree).quantities
        #expect(found.map(\.text) == ["12个月", "30万元", "2年"])
        #expect(found.allSatisfy { $0.role == .provision })
        #expect(found[0].comparator == .atMost && found[0].cue == "内")
        #expect(found[0].change == nil)
        #expect(found[1].indicator == "奖励")
        #expect(found[2].comparator == .atMost)
    }

    @Test func preambleHasNoSection() {
        let source = "到2015年，全市技术合同成交额突破300亿元。\n1.培育10家创新型企业。\n"
        let text = normalized(source)
        let tree = SectionTree(year: 2011, outline: [
            entry(source, "1", parent: nil, style: .arabic, marker: "1.", heading: "培育10家创新型企业"),
        ])
        let found = extractor.extract(text, tree: tree).quantities
        #expect(found.count == 2)
        #expect(found[0].section == nil && found[0].year == 2015 && found[0].comparator == .moreThan)
        #expect(found[0].indicator == "全市技术合同成交额")
        #expect(found[0].amount == .single(ExactDecimal(30_000_000_000)))
        #expect(found[1].section == "1" && found[1].indicator == "创新型企业")
    }

    @Test func implausibleMagnitudeKeepsTheValueWithADiagnostic() {
        let text = normalized("年内全市国家高新技术企业突破13000万家。")
        let extraction = extractor.extract(text, tree: SectionTree())
        #expect(extraction.quantities.first?.amount == .single(ExactDecimal(130_000_000)))
        #expect(extraction.diagnostics.contains { $0.code == "implausible-magnitude" })
    }

    @Test func traditionalUnitsStayAsWritten() {
        let text = normalized("全長約 10.9 公里，有 12 個車站，總經費3,000萬元。")
        let found = extractor.extract(text, tree: SectionTree()).quantities
        #expect(found.map(\.unit) == ["公里", "個", "元"])
        #expect(found.map(\.text) == ["10.9 公里", "12 個", "3,000萬元"])
        #expect(found[0].comparator == .approximately && found[0].role == .other)
    }

    @Test func sharedAcrossThreads() async {
        let text = normalized("力争新增1家国家级科普示范基地、2家省级科普示范企业。")
        let extractor = self.extractor
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { extractor.extract(text, tree: SectionTree()).quantities.count } }
            for await count in group { #expect(count == 2) }
        }
        let found = extractor.extract(text, tree: SectionTree()).quantities
        #expect(found.map(\.change) == [.increase, .increase])
    }
}
