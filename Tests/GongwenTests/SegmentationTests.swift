@testable import Gongwen
import Testing

@Suite("Segmentation: marker styles and nesting")
struct SegmentationStyleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        /// `id marker heading` per section, document order.
        var rows: [String]
        /// `id style` for the sections whose style is checked.
        var styles: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "chapter, part, article", text: """
            第一章　总则
            第一条　为规范管理，制定本办法。
            第二章　管理
            第一节　申报
            第二条　申报单位应当具备条件。
            """, rows: ["1 第一章 总则", "1.1 第一条 为规范管理，制定本办法", "2 第二章 管理",
                        "2.1 第一节 申报", "2.1.1 第二条 申报单位应当具备条件"],
            styles: ["1 chapter", "1.1 article", "2 chapter", "2.1 part", "2.1.1 article"]),
        Case(name: "spaced article digits and spaced 、", text: """
            一、政策支持
            第 1 条 鼓励企业科技创新。对认定的给予奖励。
            第 2 条  鼓励企业标准创制。
            二 、支持范围
            第3条 鼓励企业做大做强。
            """, rows: ["1 一、 政策支持", "1.1 第 1 条 鼓励企业科技创新", "1.2 第 2 条 鼓励企业标准创制",
                        "2 二 、 支持范围", "2.1 第3条 鼓励企业做大做强"]),
        Case(name: "GB/T 9704 levels, halfwidth and fullwidth", text: """
            一、总体要求
            （一）指导思想
            1．坚持创新。加强研发。
            (1)强化基础；
            （２）扩大开放；
            2、完善机制。
            (二)主要目标
            """, rows: ["1 一、 总体要求", "1.1 (一) 指导思想", "1.1.1 1. 坚持创新", "1.1.1.1 (1) 强化基础",
                        "1.1.1.2 (2) 扩大开放", "1.1.2 2、 完善机制", "1.2 (二) 主要目标"],
            styles: ["1 han", "1.1 han-paren", "1.1.1 arabic", "1.1.1.1 arabic-paren", "1.1.2 arabic"]),
        Case(name: "one-character markers ㈠ ⑴ ⒈ ①", text: """
            一、加大培育力度
            ㈠建立培育库。每年摸底。
            ⑴对初创期企业，提供辅导；
            ⑵对成长期企业，支持研发。
            ㈡实施分类辅导。
            ⒈政策解读；
            ⒉融资对接。
            ①完善信息库；
            ②培育经纪人。
            """, rows: ["1 一、 加大培育力度", "1.1 ㈠ 建立培育库", "1.1.1 ⑴ 对初创期企业，提供辅导",
                        "1.1.2 ⑵ 对成长期企业，支持研发", "1.2 ㈡ 实施分类辅导", "1.2.1 ⒈ 政策解读",
                        "1.2.2 ⒉ 融资对接", "1.2.2.1 ① 完善信息库", "1.2.2.2 ② 培育经纪人"],
            styles: ["1.1 han-paren", "1.1.1 arabic-paren", "1.2.1 arabic", "1.2.2.1 circled"]),
        Case(name: "decimal levels", text: """
            1　总则
            1.1　编制目的
            为规范救助，制定本预案。
            1.2　适用范围
            1.2.1　省级响应：由省级启动。
            （1）死亡3人以上；
            1.2.2 市级响应
            2　组织体系
            2.1　指挥部
            """, rows: ["1 1 总则", "1.1 1.1 编制目的", "1.2 1.2 适用范围", "1.2.1 1.2.1 省级响应：由省级启动",
                        "1.2.1.1 (1) 死亡3人以上", "1.2.2 1.2.2 市级响应", "2 2 组织体系", "2.1 2.1 指挥部"],
            styles: ["1 decimal", "1.1 decimal", "1.2.1 decimal", "1.2.1.1 arabic-paren"]),
        Case(name: "formal and roman roots", text: """
            壹、计划缘起
            贰、计划目标
            一、辅导企业。
            Ⅰ、总体要求
            Ⅰ级响应由市指挥部决定。
            Ⅱ、保障措施
            """, rows: ["1 壹、 计划缘起", "2 贰、 计划目标", "2.1 一、 辅导企业", "2.1.1 Ⅰ、 总体要求",
                        "2.1.2 Ⅱ、 保障措施"],
            styles: ["1 formal", "2.1 han", "2.1.1 roman"]),
        Case(name: "Traditional formal numerals", text: """
            壹、計畫緣起
            貳、計畫目標
            參、執行策略
            """, rows: ["1 壹、 計畫緣起", "2 貳、 計畫目標", "3 參、 執行策略"]),
        Case(name: "(壹) is its own level", text: """
            （壹）工作目标
            1.办好活动周。
            （贰）重点任务
            """, rows: ["1 (壹) 工作目标", "1.1 1. 办好活动周", "2 (贰) 重点任务"], styles: ["1 formal"]),
        Case(name: "skipped level and restart under a new parent", text: """
            一、加快平台建设
            1.推进实验室建设。
            2.提升研发效能。
            二、壮大企业群体
            （一）培育高企
            1.完善培育库。
            （二）发展中小企业
            1.扩大入库规模。
            """, rows: ["1 一、 加快平台建设", "1.1 1. 推进实验室建设", "1.2 2. 提升研发效能", "2 二、 壮大企业群体",
                        "2.1 (一) 培育高企", "2.1.1 1. 完善培育库", "2.2 (二) 发展中小企业", "2.2.1 1. 扩大入库规模"]),
        Case(name: "numbering runs on across parents", text: """
            一、强化科技力量
            1.推进平台建设。
            2.优化院所布局。
            二、提升企业能力
            3.实施倍增计划。
            """, rows: ["1 一、 强化科技力量", "1.1 1. 推进平台建设", "1.2 2. 优化院所布局", "2 二、 提升企业能力",
                        "2.1 3. 实施倍增计划"]),
        Case(name: "mid-paragraph markers after a sentence end and glued", text: """
            一、提升创造质量
            1.培育专利。全年新增800件。2.加强商标建设。培育品牌5个。二、加强保护3.完善维权机制。查处案件150件以上。6.8万件商品销毁。
            """, rows: ["1 一、 提升创造质量", "1.1 1. 培育专利", "1.2 2. 加强商标建设", "2 二、 加强保护",
                        "2.1 3. 完善维权机制"]),
        Case(name: "numbers that are text", text: """
            一、主要指标
            投入强度达到
            2.63%，比上年提高；技术合同成交额是2020年的
            1.5倍。
            1.加强基础研究。依据(国科函字[]82号)组织实施，
            5-羟色胺项目已进入临床。
            2.规范统计。截止时间为
            2024.6.30，逾期不受理。条件：1.在本市注册；2.上年投入不低于200万元。
            注：
            1.本通报数据均为快报数。
            """, rows: ["1 一、 主要指标", "1.1 1. 加强基础研究", "1.2 2. 规范统计"]),
        Case(name: "一是 items", text: """
            当前存在短板：一是流程偏长；二是服务不精准。
            一、提升政务服务
            （一）深化改革。一是扩大网办范围；二是推进证照共享。三是优化服务。
            （二）推行承诺制。审批标准统一是企业的期盼。
            二、加强要素保障
            一是强化用地保障。优先保障用地。
            二是强化融资支持。
            1.推行包容监管。具体做法：一是建立免罚清单，二是实行首违不罚，三是加强回访。
            """, rows: ["1 一、 提升政务服务", "1.1 (一) 深化改革", "1.1.1 一是 扩大网办范围", "1.1.2 二是 推进证照共享",
                        "1.1.3 三是 优化服务", "1.2 (二) 推行承诺制", "2 二、 加强要素保障", "2.1 一是 强化用地保障",
                        "2.2 二是 强化融资支持", "2.3 1. 推行包容监管", "2.3.1 一是 建立免罚清单",
                        "2.3.2 二是 实行首违不罚", "2.3.3 三是 加强回访"],
            styles: ["1.1.1 shi", "2.1 shi"]),
        Case(name: "run-on line", text: """
            临江区2024年科技工作思路 今年的思路是：提升效能。 一、深化改革 改革是关键一招，要重点抓好三项工作。 一是优化项目管理。推行一网通办。二是完善评价机制；三是扩大自主权。 二、推动园区升级 （一）拓展空间。新增用地2000亩。 （二）完善配套。完成投资 3.5亿元。
            """, rows: ["1 一、 深化改革", "1.1 一是 优化项目管理", "1.2 二是 完善评价机制", "1.3 三是 扩大自主权",
                        "2 二、 推动园区升级", "2.1 (一) 拓展空间", "2.2 (二) 完善配套"]),
        Case(name: "repeated markdown numbering stays siblings", text: """
            1. 捷运文湖线

            从动物园经新光路。

            1. 捷运南北线

            属中运量系统。
            """, rows: ["1 1. 捷运文湖线", "2 1. 捷运南北线"]),
        Case(name: "references are not markers", text: """
            第一条　为规范管理，制定本办法。
            第二条　考核按照本办法第一条规定进行。
            第一条规定的结果为优秀的，给予奖励。
            第三条　本办法自印发之日起施行。
            """, rows: ["1 第一条 为规范管理，制定本办法", "2 第二条 考核按照本办法第一条规定进行",
                        "3 第三条 本办法自印发之日起施行"]),
    ]

    @Test(arguments: cases)
    func tree(_ testCase: Case) throws {
        let document = try SegmentationSupport.parse(testCase.text)
        #expect(SegmentationSupport.rows(document.sections) == testCase.rows.map(SegmentationSupport.clean))
        let styles = Dictionary(uniqueKeysWithValues: SegmentationSupport.styles(document.sections).map {
            ($0.split(separator: " ")[0], $0)
        })
        for expected in testCase.styles {
            #expect(styles[expected.split(separator: " ")[0]] == expected)
        }
    }
}

@Suite("Segmentation: headings, paragraphs and spans")
struct SegmentationTextTests {
    @Test func headingEndsAtSentenceEndAndRestIsFirstBlock() throws {
        let document = try SegmentationSupport.parse("一、加强领导。各级政府要负总责。\n要建立机制。\n")
        let section = try #require(document.sections.first)
        #expect(section.heading == "加强领导")
        #expect(section.blocks.map(\.text) == ["各级政府要负总责。", "要建立机制。"])
        #expect(section.number == 1)
    }

    @Test func spansPointIntoTheOriginal() throws {
        let text = "前言。\n（一）深化改革，推进发展：\n具体措施如下。\n"
        let document = try SegmentationSupport.parse(text)
        let scalars = Array(text.unicodeScalars)
        func slice(_ span: Span) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[span.start..<span.end])
            return String(view)
        }
        let section = try #require(document.sections.first)
        #expect(section.marker == "(一)")
        #expect(section.heading == "深化改革,推进发展")
        #expect(slice(section.headingSpan) == "深化改革，推进发展")
        #expect(slice(section.span) == "（一）深化改革，推进发展：\n具体措施如下。")
        #expect(slice(section.blocks[0].span) == "具体措施如下。")
        #expect(document.preamble.map(\.text) == ["前言。"])
    }

    @Test func brokenParagraphIsJoined() throws {
        let text = "一、主要目标\n2023年，全市研究与试验发展经费投入强度达到\n2.63%，比上年提高0.12个百分点。\n"
        let document = try SegmentationSupport.parse(text)
        let section = try #require(document.sections.first)
        #expect(section.blocks.map(\.text) == [SegmentationSupport.clean("2023年，全市研究与试验发展经费投入强度达到2.63%，比上年提高0.12个百分点。")])
        #expect(document.diagnostics.contains { $0.code == "joined-paragraph" })
    }

    @Test func splitHeadingIsJoined() throws {
        let text = "　　一、明确园区建设的总体目标和\n功能定位\n　　到2025年，建成园区1个。\n　　二、强化保障\n　　加大投入。\n"
        let document = try SegmentationSupport.parse(text)
        #expect(SegmentationSupport.rows(document.sections) == ["1 一、 明确园区建设的总体目标和功能定位", "2 二、 强化保障"])
        #expect(document.sections[0].blocks.map(\.text) == ["到2025年,建成园区1个。"])
    }

    @Test func outlineMatchesTheTree() throws {
        let (text, tree) = try SegmentationSupport.tree("一、甲项工作\n1.子项。正文。\n二、乙项工作\n")
        #expect(tree.outline.map(\.id) == ["1", "1.1", "2"])
        #expect(tree.outline.map(\.parent) == [nil, 0, nil])
        #expect(text.string(tree.outline[1].range) == "1.子项。正文。")
        #expect(text.string(tree.outline[1].headingRange) == "子项")
    }

    @Test func spacedTwoDigitArticles() throws {
        var text = "一、政策支持\n"
        for number in 1...12 {
            let spaced = number < 10 ? "\(number)" : String("\(number)".map { $0 }.map(String.init).joined(separator: " "))
            text += "第 \(spaced) 条 第\(number)项措施。\n"
        }
        let document = try SegmentationSupport.parse(text)
        let markers = SegmentationSupport.all(document.sections).map(\.marker)
        #expect(markers.count == 13)
        #expect(markers[10] == "第 1 0 条")
        #expect(SegmentationSupport.all(document.sections)[10].number == 10)
        #expect(SegmentationSupport.all(document.sections)[12].id == "1.12")
    }

    @Test func numberingGapAndRepeatAreDiagnosed() throws {
        let document = try SegmentationSupport.parse("1.甲\n2.乙\n4.丁\n4.丁又一\n")
        #expect(SegmentationSupport.rows(document.sections).count == 4)
        #expect(document.diagnostics.contains { $0.code == "numbering-gap" })
        #expect(document.diagnostics.contains { $0.code == "numbering-repeat" })
    }

    @Test(arguments: ["", "\n\n", "一、", "（", "第", "1.", "一是", "目录\n", "　　\n一、\n二、"])
    func degenerateInputNeverCrashes(_ text: String) throws {
        _ = try SegmentationSupport.parse(text)
    }
}

@Suite("Segmentation: boilerplate and tables of contents")
struct SegmentationBoilerplateTests {
    @Test func siteFurnitureIsDropped() throws {
        let text = """
            首页 > 政策文件 > 科技政策 | 思远范文网
            本站小编为你精心整理了管理办法，欢迎阅读。
            时间:2022-08-15 03:28:33  来源:网络
            |
            青溪市科技企业孵化器管理办法

            一、总则
            （一）为促进发展，制定本办法。
            — 3 —
            （二）本办法所称孵化器是服务机构。
            分享到:
            打印  关闭窗口
            上一篇：关于开展评价工作的通知
            """
        let (_, tree) = try SegmentationSupport.tree(text)
        #expect(tree.title == "青溪市科技企业孵化器管理办法")
        #expect(SegmentationSupport.rows(tree.sections) == ["1 一、 总则", "1.1 (一) 为促进发展,制定本办法",
                                                              "1.2 (二) 本办法所称孵化器是服务机构"])
        #expect(tree.preamble.isEmpty)
        #expect(tree.diagnostics.filter { $0.code == "boilerplate-dropped" }.count == 8)
        #expect(tree.boilerplate.count == 8)
    }

    @Test func markdownLeftoversAreStripped() throws {
        let document = try SegmentationSupport.parse("### 重大建設計畫\n\n1. 捷運文湖線\n\n說明。\n\n![Im12](images/Im12)\n")
        #expect(document.title == "重大建設計畫")
        #expect(document.sections[0].blocks.map(\.text) == ["說明。"])
    }

    @Test func tableOfContentsIsNotTheTree() throws {
        let text = """
            江北区应急预案
            目　　录
            1　总则……………1
            　　1.1　编制目的……1
            2　附则……………2
            1　总则
            1.1　编制目的
            为规范救助，制定本预案。
            2　附则
            """
        let document = try SegmentationSupport.parse(text)
        #expect(SegmentationSupport.rows(document.sections) == ["1 1 总则", "1.1 1.1 编制目的", "2 2 附则"])
        #expect(document.diagnostics.contains { $0.code == "table-of-contents" })
        #expect(document.title == "江北区应急预案")
    }
}

@Suite("Segmentation: metadata")
struct SegmentationMetadataTests {
    @Test func titleIssuerYearAndChineseDate() throws {
        let document = try SegmentationSupport.parse("西安市科学技术局2011年度工作要点\n\n正文。\n\n1.建设市场。\n\n二〇一一年三月六日\n")
        #expect(document.title == "西安市科学技术局2011年度工作要点")
        #expect(document.issuer == "西安市科学技术局")
        #expect(document.year == 2011)
        #expect(document.date == "2011-03-06")
        #expect(document.sections[0].blocks.isEmpty)
    }

    @Test func issuerLineBeforeTitleAndBracketedDate() throws {
        let document = try SegmentationSupport.parse("中共云岭县委 云岭县人民政府\n\n关于促进数字经济发展的若干政策\n\n(2023年5月10日)\n\n一、总则\n")
        #expect(document.title == "关于促进数字经济发展的若干政策")
        #expect(document.issuer == "中共云岭县委 云岭县人民政府")
        #expect(document.date == "2023-05-10")
        #expect(document.year == nil)
        #expect(document.preamble.isEmpty)
    }

    @Test func jointSignatureAndSplitTitle() throws {
        let text = "石门县2023年度科技创新券\n实施细则\n\n一、支持对象\n本细则自2023年4月1日起施行。\n\n石门县科学技术局\n石门县财政局\n2023年3月6日\n"
        let document = try SegmentationSupport.parse(text)
        #expect(document.issuer == "石门县科学技术局 石门县财政局")
        #expect(document.date == "2023-03-06")
        #expect(document.year == 2023)
    }

    @Test func informationTableAndDocumentNumber() throws {
        let text = """
            发文机关： \t国务院办公厅 \t成文日期： \t2005年06月11日
            标　　题： \t国务院办公厅关于印发国家粮食应急预案的函
            发文字号： \t国办函〔2005〕57号 \t发布日期： \t2018年12月03日
            国务院办公厅关于印发
            国 家 粮 食 应 急 预 案 的 函
            国办函〔2005〕57号
            1　总则
            """
        let document = try SegmentationSupport.parse(text)
        #expect(document.title == "国务院办公厅关于印发国家粮食应急预案的函")
        #expect(document.issuer == "国务院办公厅")
        #expect(document.docNumber == "国办函〔2005〕57号")
        #expect(document.date == "2005-06-11")
        #expect(document.year == nil)
    }

    @Test(arguments: [
        ("科技局关于印发2024年度工作要点的通知\n国科发〔2024〕12号\n一、总则\n", "国科发〔2024〕12号"),
        ("关于印发办法的通知\n沪科规[2023]3号\n一、总则\n", "沪科规[2023]3号"),
        ("关于印发办法的通知\n京政办发(2022)8号\n一、总则\n", "京政办发(2022)8号"),
        ("关于印发办法的通知\n苏政发﹝2021﹞5号\n一、总则\n", "苏政发﹝2021﹞5号"),
    ])
    func documentNumberBrackets(_ text: String, _ expected: String) throws {
        let document = try SegmentationSupport.parse(text)
        #expect(document.docNumber.map(SegmentationSupport.norm) == SegmentationSupport.norm(expected))
    }

    @Test func rocYearAndDate() throws {
        let document = try SegmentationSupport.parse("東嶺縣政府113年度地方產業創新發展計畫\n\n壹、計畫緣起\n說明。\n\n東嶺縣政府\n中華民國113年3月6日\n")
        #expect(document.issuer == "東嶺縣政府")
        #expect(document.year == 2024)
        #expect(document.date == "2024-03-06")
    }

    @Test func publicationStampIsNotTheDateAndRunOnTitle() throws {
        let document = try SegmentationSupport.parse("时间:2022-08-15 03:28:33\n科技工作实施意见\n一、工作思路\n")
        #expect(document.date == nil)
        #expect(document.title == "科技工作实施意见")
        let runOn = try SegmentationSupport.parse("今年是开局之年。 一、实现突破 科技创新是目标。 一是浓厚氛围。二是加大投入。")
        #expect(runOn.title == nil)
    }
}
