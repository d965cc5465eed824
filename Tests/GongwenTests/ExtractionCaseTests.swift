@testable import Gongwen
import Testing

/// One sentence, the quantity in it (its text as written), and what one field of it
/// must be. Each row is a general rule, not a document's wording.
struct ExtractionCase: CustomStringConvertible, Sendable {
    var sentence: String
    var quantity: String
    var field: String
    var expected: String
    init(_ sentence: String, _ quantity: String, _ field: String, _ expected: String) {
        self.sentence = sentence
        self.quantity = quantity
        self.field = field
        self.expected = expected
    }
    var description: String { "\(quantity) \(field) in \(sentence)" }
}

@Suite("Extraction cases")
struct ExtractionCaseTests {
    static let cases: [ExtractionCase] = [
        // units and classifiers
        ExtractionCase("辦理專業訓練班60班。", "60班", "unit", "班"),
        ExtractionCase("建置平臺，整合10類農業資料。", "10類", "unit", "類"),
        ExtractionCase("辦理農特產品展售活動120場次。", "120場次", "unit", "場次"),
        ExtractionCase("農業資材回收量達2,500公噸。", "2,500公噸", "unit", "公噸"),
        ExtractionCase("PM2.5平均浓度控制在25微克/立方米以下。", "25微克/立方米", "unit", "微克/立方米"),
        ExtractionCase("PM2.5平均浓度控制在25微克/立方米以下。", "25微克/立方米", "dimension", "other"),
        ExtractionCase("对新建种植基地给予企业100元/亩奖励。", "100元/亩", "dimension", "currency"),
        ExtractionCase("提供40岁以下青年农民创业贷款利息补贴。", "40岁", "unit", "岁"),
        ExtractionCase("全年接待游客1200万人次。", "1200万人次", "value", "12000000"),
        // changes
        ExtractionCase("农产品外销量成長10%。", "10%", "change", "increase"),
        ExtractionCase("新培育专精特新企业40家、省级中小企业600家。", "40家", "change", "increase"),
        ExtractionCase("新培育专精特新企业40家、省级中小企业600家。", "600家", "change", "increase"),
        ExtractionCase("新建省级智能工厂50家、智能制造车间200个。", "200个", "change", "increase"),
        ExtractionCase("确保全年工业增速高于全国平均水平1个百分点以上。", "1个百分点", "change", ""),
        ExtractionCase("新建改扩建中小学和幼儿园6所。", "6所", "change", ""),
        ExtractionCase("新设经营主体9100余户。", "9100余户", "change", "increase"),
        ExtractionCase("全年预计新增设施面积60公顷。", "60公顷", "change", "increase"),
        ExtractionCase("重点行业单位产品能耗较上年降低2.5%。", "2.5%", "change", "decrease"),
        // comparators
        ExtractionCase("每公顷补助上限为新台币300万元。", "300万元", "comparator", "<="),
        ExtractionCase("每位农民年度补助以5万元为限。", "5万元", "comparator", "<="),
        ExtractionCase("按销售价格的15%给予补贴，每人每类限购1件。", "1件", "comparator", "<="),
        ExtractionCase("执行率未达80%者，应提出改善措施。", "80%", "comparator", "<"),
        ExtractionCase("追回已拨付资金，3年内不得申报市级科技项目。", "3年", "comparator", "<="),
        // roles
        ExtractionCase("对重点项目按贷款额的1%给予贴息。", "1%", "role", "provision"),
        ExtractionCase("城乡居民基础养老金最低标准每人每月提高60元。", "60元", "role", "provision"),
        ExtractionCase("按活动投入的30%给予补贴，每个品牌每年补贴不超过2次。", "2次", "role", "provision"),
        ExtractionCase("连续两年保持在库的，再给予2万元奖励。", "两年", "role", "provision"),
        ExtractionCase("追回已拨付资金，3年内不得申报市级科技项目。", "3年", "role", "provision"),
        ExtractionCase("对毕业企业三年内营业收入首次超过1亿元的，给予一次性奖励20万元。", "1亿元", "role", "provision"),
        ExtractionCase("对在养老机构连续从业满5年的护理员，给予一次性入职奖励2万元。", "5年", "role", "provision"),
        ExtractionCase("提供40岁以下青年农民创业贷款利息补贴。", "40岁", "role", "provision"),
        ExtractionCase("改善农水路及灌排渠道35公里。", "35公里", "role", "target"),
        ExtractionCase("扩大作物保险，投保面积达1万2,000公顷。", "1万2,000公顷", "role", "target"),
        ExtractionCase("本市农户数约7.6万户。", "7.6万户", "role", "other"),
        ExtractionCase("其中市府自筹7亿元，中央补助5亿元。", "5亿元", "role", "target"),
        ExtractionCase("重点行业单位产品能耗较上年降低2.5%。", "2.5%", "role", "target"),
        ExtractionCase("市科技局每两年对市级孵化器开展一次绩效评价。", "两年", "unit", "年"),
        // indicators
        ExtractionCase("孵化资金规模不低于300万元，并有不少于3个资金使用案例。", "3个", "indicator", "资金使用案例"),
        ExtractionCase("对年营业收入5亿元以上的800家重点企业实行跟踪服务。", "800家", "indicator", "重点企业"),
        ExtractionCase("培育省级示范企业（基地）8—10个。", "8—10个", "indicator", "省级示范企业(基地)"),
        ExtractionCase("单位产品能耗较上年降低2.5%。", "2.5%", "indicator", "单位产品能耗"),
        ExtractionCase("区主管部门应当在收到材料之日起10个工作日内完成审核推荐。", "10个工作日", "indicator", "完成审核推荐"),
        ExtractionCase("报废旧车并购买新车的，额外给予2000元补贴。", "2000元", "indicator", "补贴"),
        ExtractionCase("按首年租金的20%给予补助，最高50万元。", "50万元", "indicator", "补助"),
        ExtractionCase("力争2026年全区社会消费品零售总额增长6.5%左右。", "6.5%", "indicator", "全区社会消费品零售总额"),
        ExtractionCase("银发经济产业规模突破1200亿元，年均增长10%以上。", "10%", "indicator", "银发经济产业规模"),
        ExtractionCase("设立规模10亿元的银发经济产业基金。", "10亿元", "indicator", "银发经济产业基金"),
        ExtractionCase("对商贸企业贷款按年化利率1个百分点给予贴息。", "1个百分点", "indicator", "年化利率"),
        ExtractionCase("补助比例不超过设备价格之40%。", "40%", "indicator", "设备价格"),
        ExtractionCase("每季度至少召开1次专题会议。", "1次", "indicator", "专题会议"),
        ExtractionCase("每千人口拥有3岁以下婴幼儿托位数达到4.8个。", "4.8个", "indicator", "每千人口拥有3岁以下婴幼儿托位数"),
        // conditions and triggers: 已, 上年度, 累计 inside them stay part of the rule
        ExtractionCase("上年度销售收入不超过2亿元的企业可申报。", "2亿元", "role", "provision"),
        ExtractionCase("已获得省级资助超过50万元的，不再重复支持。", "50万元", "role", "provision"),
        ExtractionCase("累计降雨量已达到30毫米以上时发布预警。", "30毫米", "role", "provision"),
        ExtractionCase("当24小时内降雨量达到50毫米以上时，启动Ⅳ级应急响应。", "50毫米", "role", "provision"),
        ExtractionCase("过去一年的成绩来之不易。", "一年", "role", "baseline"),
        ExtractionCase("全市可再生能源年发电量达到15亿千瓦时，", "15亿千瓦时", "role", "target"),
        // a past year stated as reached, in a document of a later year
        ExtractionCase("2025年工作要点\n\n2024年全市地区生产总值达到860亿元，数字经济比重为9.6%。", "860亿元", "role", "baseline"),
        ExtractionCase("2025年工作要点\n\n2024年全市地区生产总值达到860亿元，数字经济比重为9.6%。", "9.6%", "role", "baseline"),
        ExtractionCase("2025年工作要点\n\n到2027年全市地区生产总值达到1000亿元。", "1000亿元", "role", "target"),
        // plan actions on lengths and areas; descriptions and make-ups
        ExtractionCase("新改建农村公路5000公里。", "5000公里", "role", "target"),
        ExtractionCase("新增设施农业面积2万公顷。", "2万公顷", "role", "target"),
        ExtractionCase("河道长约12公里。", "12公里", "role", "other"),
        ExtractionCase("指挥部由22个部门和单位组成。", "22个", "role", "other"),
        // comparators: negated caps and floors, time limits, the last N years
        ExtractionCase("单笔补助不得超过50万元。", "50万元", "comparator", "<="),
        ExtractionCase("单位能耗不宜高于0.5吨标准煤。", "0.5吨标准煤", "comparator", "<="),
        ExtractionCase("注册资本不得低于500万元。", "500万元", "comparator", ">="),
        ExtractionCase("参保人数不得少于10人。", "10人", "comparator", ">="),
        ExtractionCase("预计未来12小时内降雨量达50毫米以上。", "12小时", "comparator", "<="),
        ExtractionCase("接到指令后1小时内到达现场。", "1小时", "comparator", "<="),
        ExtractionCase("一、工作回顾\n全市五年内累计引进优良品种180余个。", "五年", "comparator", ""),
        ExtractionCase("近3年内未发生重大安全事故。", "3年", "comparator", "<="),
        ExtractionCase("近500家企业参与。", "500家", "comparator", "~"),
        ExtractionCase("排涝能力不低于每小时3600立方米。", "3600立方米", "comparator", ">="),
        // changes: 上浮, 下浮; a new level is no change
        ExtractionCase("贷款利率上浮10%。", "10%", "change", "increase"),
        ExtractionCase("贷款利率下浮5%。", "5%", "change", "decrease"),
        ExtractionCase("会议费用压缩至30万元。", "30万元", "change", ""),
        ExtractionCase("新增国家级小巨人企业200家、省级专精特新中小企业800户。", "800户", "change", "increase"),
        // indicators of a level
        ExtractionCase("会议费用压缩至30万元。", "30万元", "indicator", "会议费用"),
        ExtractionCase("排涝能力不低于每小时3600立方米。", "3600立方米", "indicator", "排涝能力"),
        ExtractionCase("每年遴选100家重点企业。", "100家", "indicator", "重点企业"),
        ExtractionCase("集中办好12件民生实事。", "12件", "indicator", "民生实事"),
        ExtractionCase("企业应当确保研发投入不低于3%。", "3%", "indicator", "研发投入"),
        // a modal earlier in the clause beats a nearer target word; a firm goal word between keeps it a goal
        ExtractionCase("企业应当确保研发投入不低于3%。", "3%", "role", "provision"),
        ExtractionCase("申报单位须具备专职研发人员不少于10人。", "10人", "role", "provision"),
        ExtractionCase("项目单位必须确保年营业收入达到500万元。", "500万元", "role", "provision"),
        ExtractionCase("各地应力争全年新增就业岗位2万个。", "2万个", "role", "target"),
        // forecasts are expectations, not goals of the plan
        ExtractionCase("预计未来3年全市新增就业岗位2万个。", "2万个", "role", "other"),
        ExtractionCase("预测到2027年产业规模达到500亿元。", "500亿元", "role", "other"),
        // a subject at the head of the indicator: an organ and its verb, a scope and the change word
        ExtractionCase("市财政局安排资金5000万元。", "5000万元", "indicator", "资金"),
        ExtractionCase("区政府下达专项资金2000万元。", "2000万元", "indicator", "专项资金"),
        ExtractionCase("全市新增就业岗位1.2万个。", "1.2万个", "indicator", "就业岗位"),
        ExtractionCase("项目单位应保证配套资金不少于30%。", "30%", "indicator", "配套资金"),
        // classifiers
        ExtractionCase("开行中欧班列1200列。", "1200列", "unit", "列"),
    ]

    /// An emergency plan's numbers are rules for others: warning thresholds, stockpiles,
    /// drills, rates required, notice periods and response times.
    static let planSentences: [(String, String)] = [
        ("各乡镇储备抽水泵12台、编织袋5万条。", "12台"),
        ("各乡镇储备抽水泵12台、编织袋5万条。", "5万条"),
        ("每年至少组织1次应急演练。", "1次"),
        ("设备完好率达到98%。", "98%"),
        ("评估结果公示7天。", "7天"),
        ("接到指令后1小时内到达现场。", "1小时"),
        ("积水深度超过30厘米时，实行交通管制。", "30厘米"),
    ]

    @Test(arguments: planSentences)
    func emergencyPlanProvision(_ row: (String, String)) {
        let found = QuantityFixtures.quantities("某市防汛应急预案\n\n1　总则\n" + row.0)
        #expect(found.first(where: { $0.text == row.1 })?.role == .provision)
    }

    @Test(arguments: cases)
    func field(_ c: ExtractionCase) {
        let found = QuantityFixtures.quantities(c.sentence)
        guard let q = found.first(where: { $0.text == c.quantity }) else {
            Issue.record("\(c.quantity) not found; found \(found.map(\.text))")
            return
        }
        let actual: String
        switch c.field {
        case "unit": actual = q.unit
        case "dimension": actual = q.dimension.rawValue
        case "change": actual = q.change?.rawValue ?? ""
        case "comparator": actual = q.comparator?.rawValue ?? ""
        case "role": actual = q.role.rawValue
        case "indicator": actual = q.indicator ?? ""
        case "value":
            if case .single(let v) = q.amount { actual = v.description } else { actual = "range" }
        default: actual = "?"
        }
        #expect(actual == c.expected)
    }

    /// Not quantities: a reference period, classes written with a Chinese numeral.
    @Test(arguments: ["化學肥料使用量較前一年減少5%。", "新开发和引进一类新药，年销售额在1亿元及以上的。"])
    func noQuantity(_ sentence: String) {
        let texts = QuantityFixtures.quantities(sentence).map(\.text)
        #expect(!texts.contains("一年") && !texts.contains("一类"))
    }

    /// ROC years in a document dated that way are years, not durations.
    @Test func rocYearsAreYears() {
        let source = "臺中市政府農業局115年度農業施政計畫\n\n壹、計畫緣起\n114年本市農業產值達486億元，較113年成長3.2%。\n"
        let found = QuantityFixtures.quantities(source)
        #expect(found.map(\.text) == ["486億元", "3.2%"])
        #expect(found.map(\.role) == [.baseline, .baseline])
        #expect(found[1].change == .increase)
    }
}
