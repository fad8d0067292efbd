"""Quantified targets: value, unit, comparator, measure; Chinese numerals; what is not a target."""

import pytest
from policykg.ingest.extract.targets import cn_to_number, extract_targets


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("2021年，全市达标率实现100%（含专项行动期间新增）", 100, "%", "="),
    ("每月组织开展媒体火灾隐患曝光不少于1次", 1, "次", ">="),
    ("新招录政府专职消防员15人", 15, "人", "="),
    ("镇中小校每学年消防安全教育课程不低于4课时", 4, "课时", ">="),
    ("每半年至少联合当地消防救援机构组织不少于一次消防演练", 1, "次", ">="),
    ("末端压力不小于0.03MPa", 0.03, "MPa", ">="),
    ("至少组织召开1次部门联席会议", 1, "次", ">="),
])
def test_targets(text, value, unit, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)
    assert text[t.span.start:t.span.end] == t.text


def test_measure_is_kept():
    (t,) = extract_targets("全市达标率实现100%")
    assert t.measure == "全市达标率"


@pytest.mark.parametrize("text", [
    "大型商业综合体（5万平方米以上）",  # a size that defines a kind of site
    "贯彻“1234+N”消防管理理念，做到“四个意识”",  # slogans in quotes
    "第一轮宣讲", "进一步加强，督办整改一批", "晚上 20 时至凌晨 6 时", "兴消委办〔2021〕6号", "2021年3月31日前",
    "对住宿人员达到10人及以上的自建房开展综合治理",  # a criterion that picks sites
])
def test_not_targets(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("s,n", [("十五", 15), ("一百二十", 120), ("两", 2), ("三万", 30000), ("15", 15), ("5万", 50000)])
def test_chinese_numerals(s, n):
    assert cn_to_number(s) == n


# -- issue 13: frequencies, magnitudes as written, money that is paid or capped, ranges, counts of people ----

@pytest.mark.parametrize("text,expected", [
    ("每月组织研判会商，梳理通报重点行业火灾情况", [("每月组织研判会商", 1, "次", "=")]),  # a frequency without a count
    ("每半年召开1次专题会议", [("每半年召开1次", 1, "次", "=")]),  # the frequency stays in the text
    ("每年至少组织1次全员消防演练", [("每年至少组织1次", 1, "次", ">=")]),
    ("在役工业机器人数量达到8万台左右", [("达到8万台左右", 8, "万台", "=")]),  # the magnitude is part of the unit
    ("全国农机总动力超过10亿千瓦", [("超过10亿千瓦", 10, "亿千瓦", ">=")]),
    ("每年完成万项技改", [("每年完成万项技改", 1, "万项", "=")]),
    ("可申请最高不超过15万元的创业担保贷款", [("最高不超过15万元", 15, "万元", "<=")]),
    ("一般事故按每查实瞒报谎报1人奖励3万元", [("奖励3万元", 3, "万元", "=")]),  # money per person, not 1 人
    # a range is one target (gold convention 6): an amount to be paid is its cap, a count its lower bound
    ("奖励金额为600—3000元", [("奖励金额为600—3000元", 3000, "元", "<=")]),
    ("布局1—2家省实验室。", [("布局1—2家", 1, "家", ">=")]),
    # 突破/超 pass a mark: at least it; a number word before a magnitude is one of it
    ("到2025年，产业规模突破1000亿元。", [("突破1000亿元", 1000, "亿元", ">=")]),
    ("产值超500亿元。", [("超500亿元", 500, "亿元", ">=")]),
    ("产业规模超万亿元。", [("超万亿元", 1, "万亿元", ">=")]),
    # 一支 before a quality (一支国际一流的…队伍) is only "a"; 组建一支…队伍 counts one
    ("形成一支国际一流的科技人才队伍。", []),
    ("建立一支微型消防站队伍。", [("建立一支", 1, "支", "=")]),
    # a sum a passed mark selects by (收入突破100亿元的企业) is no target; the count of them is
    ("新培育收入首次突破100亿元的企业15家。", [("企业15家", 15, "家", "=")]),
    ("禁止生产和使用厚度低于0.01毫米的地膜", [("低于0.01毫米", 0.01, "毫米", ">=")]),  # must not be below
    ("每班不少于2人", [("每班不少于2人", 2, "人", ">=")]),
    ("最低奖励3000元", [("最低奖励3000元", 3000, "元", ">=")]),
    ("超过预算金额5%的，需报党工委会议研究决定", []),  # a condition
])
def test_issue13_targets(text, expected):
    got = [(t.text, t.value, t.unit, t.comparator) for t in extract_targets(text)]
    assert got == expected
    for t in extract_targets(text):
        assert text[t.span.start:t.span.end] == t.text


@pytest.mark.parametrize("text", [
    "经初步匡算，每个场所建设费用以10万元计",  # an estimate, not a target
    "举报奖励部门应当在20个工作日内完成奖励发放",  # a deadline
    "拓展两个市场", "防止二次污染",  # words, not quantities
    "每年12月10日前报送工作总结",  # a yearly date, not a frequency
    "将消费扶贫纳入“万企帮万村”精准扶贫行动",  # the name of a campaign
])
def test_issue13_not_targets(text):
    assert extract_targets(text) == ()


def test_duty_durations_teams_and_repeats():
    assert [(t.value, t.unit) for t in extract_targets("各村（社区）微型消防站要严格执行24小时值班备勤制度")] == [(24, "小时")]
    assert [(t.value, t.unit) for t in extract_targets("组成一支综合应急救援队伍")] == [(1, "支")]
    assert extract_targets("细化10个方面30项工作任务") == ()  # how the plan is organised, not a target
    text = "支付至审定价的97%，结算后支付至审定价的97%"  # the same words twice are one fact
    assert [t.value for t in extract_targets(text)] == [97]


# Minimal fixtures (one clause each, marked as such), one per rule.
def test_number_after_mei_is_the_period_not_a_target():
    """Fixture: 至少每两小时1次: one time at least, per two hours; 两小时 is no target."""
    found = [(t.value, t.unit, t.comparator) for t in extract_targets("夜间巡查应当至少每两小时1次；")]
    assert found == [(1.0, "次", ">=")]


def test_reward_named_after_the_sum_is_paid():
    """Fixture: 给予举报人300元人民币奖励: money paid, a target."""
    found = [(t.value, t.unit) for t in extract_targets("给予举报人300元人民币奖励；")]
    assert found == [(300.0, "元")]


@pytest.mark.parametrize("text", ["建立投资500万元以上重点技改项目调度机制",
                                  "核减率在15%(含)以上、不服从管理的企业，今后不得参与投标"])
def test_number_that_selects_projects_or_parties_is_a_criterion(text):
    """Fixtures: the size that picks projects, the rate that picks firms: criteria, not targets."""
    assert extract_targets(text) == ()


def test_which_round_is_no_count():
    """Fixture: 新一轮 names the next round, not one round."""
    assert extract_targets("实施新一轮专业技术人才知识更新工程") == ()


def test_money_band_that_selects_works_is_a_criterion():
    """Fixture: 100万元以下(不含100万元)的小型建设工程: the band picks the works a procedure applies to."""
    found = [(t.value, t.unit, t.comparator) for t in extract_targets(
        "估算价在100万元以下(不含100万元)的小型建设工程可采用邀请招标方式，被邀请的投标人不得少于3人；")]
    assert found == [(3.0, "人", ">=")]


# Minimal sentences written for kinds of number that are no target (fixtures, not from a document).

@pytest.mark.parametrize("text", [
    "责令停止执业3个月以上1年以下；",  # a penalty's range
    "对同一违法行为不得给予两次以上罚款。",
    "全市现有高层建筑1200栋。", "截至2022年底，已建成充电桩300个。", "近年来，全区共发生火灾120起，死亡3人。",  # a status
    "一批重点高校进入世界前200名。",  # a rank
    "在电动三轮车集中停放场所设置警示标志。",  # a vehicle
    "直接经济损失在一百万元以下且未造成人员伤亡的一般事故，由县级负责调查。",  # a criterion
])
def test_numbers_that_are_no_target(text):
    assert extract_targets(text) == ()


def test_a_magnitude_without_a_count_is_one_of_it():
    assert [(t.value, t.unit, t.comparator) for t in extract_targets("力争每年服务企业超万家。")] == [(1.0, "万家", ">=")]
    assert [(t.value, t.unit) for t in extract_targets("支持千家企业产学研协同创新。")] == [(1.0, "千家")]


def test_a_reward_reckoned_on_a_fine_is_a_target():
    found = extract_targets("奖励金额按照罚款金额的15%计算，最低奖励3000元。")
    assert [(t.value, t.unit) for t in found] == [(15.0, "%"), (3000.0, "元")]


@pytest.mark.parametrize("text,expected", [
    ("每班不应少于二名值班人员。", [(2.0, "名", ">=")]),  # 不应/不宜 + comparator
    ("每年组织实施100项重大科技创新工程项目。", [(100.0, "项", "=")]),  # a count done each period
    ("每年实施一期领军人才项目。", [(1.0, "期", "=")]),
    ("户均有效发明专利拥有量提升到5件左右。", [(5.0, "件", "=")]),
])
def test_grammar_of_counts(text, expected):
    assert [(t.value, t.unit, t.comparator) for t in extract_targets(text)] == expected


def test_a_count_of_items_without_a_period_or_comparator_is_no_target():
    assert extract_targets("本办法共30条。") == () and extract_targets("实施100项工程。") == ()


def test_a_length_of_time_is_a_target_after_a_comparator_or_before_a_watch():
    # minimal sentences, not policy documents
    def read(text: str) -> list[tuple[float, str, str]]:
        return [(t.value, t.unit, t.comparator) for t in extract_targets(text)]

    assert read("缓缴期限不超过1年。") == [(1.0, "年", "<=")]
    assert read("补贴期限最长不超过2年。") == [(2.0, "年", "<=")]
    assert read("实行二十四小时专人值班制度。") == [(24.0, "小时", "=")]
    assert read("2021年底前完成整改。") == []  # a year is a date
    assert read("至少2021年起实施。") == []


def test_an_amount_set_per_unit_is_a_target_and_an_estimate_is_not():
    # minimal fixtures: a rate per unit (每压1万锭安排…), a cap per unit (为限额), an estimate (以…计)
    assert [(t.value, t.unit, t.comparator) for t in extract_targets("每压减1万锭安排贴息贷款200万元。")] == \
        [(200, "万元", "=")]
    assert [(t.value, t.unit, t.comparator) for t in extract_targets("按每户每年9600元为限额扣减税费。")] == \
        [(9600, "元", "<=")]
    assert extract_targets("每个充电场所建设费用以10万元计。") == ()
    assert extract_targets("项目建设费用约10万元。") == ()


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("培育20家社会效益和经济效益突出、创新能力强的领军企业", 20, "家", "="),
    ("建设50家以上细分领域的头部企业", 50, "家", ">="),
    ("培育100个在研发设计、生产制造等方面具有示范作用的标杆企业", 100, "个", "="),
])
def test_count_a_verb_of_making_takes_is_a_target(text, value, unit, cmp):
    """Fixtures: a count right after 培育/建设/打造 … counts the head its 的-phrase describes: what the plan makes,
    not a criterion that selects (对住宿人员达到10人及以上的自建房 stays none)."""
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("允许不超过五分之一不具有专利代理人资格的中国公民担任股东", 0.2, "", "<="),
    ("按照不低于从业人员百分之一的比例配备专职安全生产管理人员", 1, "%", ">="),
    ("抽查比例不得低于备案合同总量的十分之一", 0.1, "", ">="),
])
def test_shares_written_as_chinese_fractions(text, value, unit, cmp):
    """Fixtures: a share written in words under a comparator is a target as a percentage is: 百分之N -> N %,
    other fractions their value (gold target convention 9)."""
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)


@pytest.mark.parametrize("text", ["处上一年年收入百分之四十的罚款", "并处上一年年收入百分之二十以上百分之五十以下的罚款",
                                  "约占三分之一"])
def test_fractions_that_are_fines_or_unbounded_are_no_targets(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("奖补资金由市、区按照1：1比例承担", 1, "比例", "="),  # the README's constructed example (convention 9)
    ("生师比不高于1∶20", 20, "生师比", "<="),  # constructed
    ("配套经费与国拨经费比例不低于 1:1。", 1, "比例", ">="),
])
def test_ratios_a_measure_sets(text, value, unit, cmp):
    """Fixtures (gold target convention 9): a ratio is one target, value the second term per one of the first,
    unit the ratio's word or 比例."""
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)


@pytest.mark.parametrize("text", ["时间：2020年7月15日上午8:30", "ISO 17296-1:2014 已发布", "比分为3:1"])
def test_clock_times_and_standard_numbers_are_no_ratios(text):
    assert all(t.rule != "target:ratio" for t in extract_targets(text))


@pytest.mark.parametrize("text", ["处置账号680余万个", "在全省20余万家单位推广使用", "每万人发明专利拥有量", "每万人口"])
def test_magnitude_that_ends_a_number_or_bases_a_rate_is_no_bare_count(text):
    """Fixtures: 万 after 余/多 ends a written number (680余万), and 每万人/万人…拥有量 is the base of a per-capita
    rate: neither is a bare count of one 万 (超万家企业, 每年完成万项技改 stay one)."""
    assert all(t.rule != "target:bare_wan" for t in extract_targets(text))
    assert extract_targets("每年完成万项技改")[0].unit == "万项"


@pytest.mark.parametrize("text,expected", [
    ("分别给予最高60万元、40万元扶持", [(60, "<="), (40, "<=")]),
    ("分别给予最高500万元（国家级）、100万元（省级）的支持", [(500, "<="), (100, "<=")]),
    ("给予最高100万元扶持，另给予50万元奖励", [(100, "<="), (50, "=")]),  # a second clause: its own
])
def test_a_comparator_before_a_list_bounds_each_member(text, expected):
    """Fixtures: 最高 before the first of a list of amounts (、, a bracketed note between) caps every member."""
    assert [(t.value, t.comparator) for t in extract_targets(text)] == expected


@pytest.mark.parametrize("text,units", [
    ("每认定1家高新技术企业，一次性奖励孵化器10万元", ["万元"]),  # the count a rate is paid per
    ("每认定1家给予孵化器10万元扶持", ["万元"]),
    ("每年培育10个左右智能制造标杆企业", ["个"]),  # a period, not a rate's base
    ("每个街道至少建成1个专职消防队", ["个"]),  # a share per member
])
def test_count_after_every_and_an_act_is_a_rates_base(text, units):
    """Fixtures: 每 and an act right before a count (每认定1家) make it the unit a rate is paid per, no target."""
    assert [t.unit for t in extract_targets(text)] == units


def test_amount_per_unit_stays_a_target():
    """Fixture: 按每证50万元给予奖励 sets the amount per certificate: money after 每 and a noun is the rate itself."""
    assert [(t.value, t.unit) for t in extract_targets("按每证50万元给予一次性奖励")] == [(50, "万元")]


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("按照年度药品总用量的60%—70%估算采购总量", 60, "%", ">="),  # a range: its lower bound
    ("给予举报人1000元以上3000元以下奖励", 3000, "元", "<="),  # an amount to be paid: its cap
])
def test_range_with_its_unit_at_both_ends_is_one_target(text, value, unit, cmp):
    """Fixtures (gold target convention 6): a range written with the unit at both ends is one target, as 1—2家 is."""
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)
    assert text[t.span.start:t.span.end] == t.text


def test_equal_amounts_in_lists_are_separate_targets():
    """Fixture (gold target convention 6: equal values that set different things are two targets): members of
    two lists of rewards are kept one by one; the same words repeated outside a list stay one fact."""
    text = "对单项冠军企业，分别奖励200万元、100万元、50万元；对隐形冠军企业，分别奖励200万元、100万元"
    assert [t.value for t in extract_targets(text)] == [200, 100, 50, 200, 100]


def test_equal_values_in_two_sentences_are_two_targets():
    """Fixture (gold target convention 6): the same share set in two sentences (；) for two kinds of platform is two
    targets; repeated within one sentence it stays one."""
    text = "对跨行业平台，按不超过平台建设总投入的30%予以补助；对特定行业平台，按不超过平台建设总投入的30%予以补助"
    assert [t.value for t in extract_targets(text)] == [30, 30]


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("突破50种以上智能检测装备、核心零部件和专用软件", 50, "种", ">="),
    ("指导支持企业研制推出100款以上具备适老化特征的智能产品", 100, "款", ">="),
    ("在不少于3种人工智能医疗器械产品中实现应用", 3, "种", ">="),
])
def test_kinds_and_models_under_a_bound_are_counted(text, value, unit, cmp):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)


@pytest.mark.parametrize("text", ["提高统筹利用两个市场、两种资源的能力", "选出10种产品开展试点", "形成三种模式"])
def test_bare_kinds_are_no_target(text):
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text", [
    "全区应急广播已覆盖12个街道",  # 已 and a verb: what is done, reported
    "截至2023年底，全市累计建成充电桩800个，占比超过40%",  # a sentence opened by a point of reporting
    "目前，本区各街镇共配备巡查员60名",
    "全年办理审批事项3000件，同比增长5%",  # a value and its change on a past period
    "标准体系的层级结构如图4所示",  # a figure, not four institutions
])
def test_reports_and_references_are_no_targets(text):
    """Constructed (non-target vocabulary): reports of what is and references to figures set nothing."""
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text,value,unit", [
    ("对已认定的市级示范企业，给予一次性奖励20万元", 20, "万元"),  # 已… closed by 的: a condition, the reward stays
    ("目前，力争年内新建微型消防站5个", 5, "个"),  # a reporting opener that commits
    ("到2026年，建成示范街道10个", 10, "个"),
])
def test_commitments_beside_status_words_stay(text, value, unit):
    (t,) = extract_targets(text)
    assert (t.value, t.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "“十四五”以来，全区建成社区微型消防站40个",  # a sentence opened by …以来: what was done
    "调查显示，35%的受访居民了解逃生路线",
    "截\n至2023年底，全区高层建筑达到900栋",  # a hard-wrapped opener
    "加强零件加工车间的安全检查",  # 零件 is a word, no zero
    "3.2 人工智能安全风险防范",  # a section number before 人工智能, no count of people
])
def test_more_reports_and_words_are_no_targets(text):
    """Constructed (non-target vocabulary)."""
    assert extract_targets(text) == ()


def test_a_plan_compared_with_a_base_year_keeps_its_target():
    (t,) = extract_targets("到2026年，全区营业收入达到500亿元，较2023年翻一番")
    assert (t.value, t.unit) == (500, "亿元")


def test_online_and_offline_follow_a_unit():
    """Constructed: 线上/线下 after the unit are words of their own (线 alone still guards 一次线-like words)."""
    (t,) = extract_targets("全年开展不少于6场线下宣传活动")
    assert (t.value, t.unit, t.comparator) == (6, "场", ">=")


def test_listed_frequencies_are_one_target_each():
    """Constructed (schema: a frequency without a count is once per period): 、每 starts the next one."""
    found = extract_targets("每月研判形势、每季度召开联席会议、每年组织考核")
    assert [(t.text, t.value, t.unit) for t in found] == [
        ("每月研判形势", 1, "次"), ("每季度召开联席会议", 1, "次"), ("每年组织考核", 1, "次")]


def test_passing_a_mark_bounds_every_member_of_a_list():
    """Constructed (target convention 6: 超过 is >=; a comparator before a list bounds each member)."""
    found = extract_targets("两项指标分别超过60%和40%")
    assert [(t.value, t.comparator) for t in found] == [(60, ">="), (40, ">=")]


@pytest.mark.parametrize("text,value,unit,cmp", [
    ("每年引进30位左右青年科技人才", 30, "位", "="),  # 位 counts the people written after it
    ("力争突破百项关键技术", 1, "百项", "="),  # a number word before the counted noun (convention 6: 过千亿 -> 1 千亿)
    ("对认定的示范企业给予 ３００ 万 元奖励", 300, "万元", "="),  # a spaced magnitude and unit are one unit
    ("应当每年向区（县）人民政府报告工作情况", 1, "次", "="),  # a bracketed note inside a frequency's clause
])
def test_counts_written_otherwise(text, value, unit, cmp):
    """Constructed (target convention 6 and the schema's unit as written)."""
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, cmp)


@pytest.mark.parametrize("text", [
    "芯片支持16位浮点运算",  # 位 of a bit width, no people
    "推行“先行受理、一次办好”服务模式",  # a number word inside a quoted slogan
    "提供便于二次开发的软件工具",  # 二次开发: an adjective
    "各单位每年初报送上年度工作总结",  # 每年初: a point in the cycle, no frequency
])
def test_words_that_are_no_counts(text):
    """Constructed (non-target vocabulary)."""
    assert extract_targets(text) == ()


@pytest.mark.parametrize("text", [
    "建筑物施工高度超过三十米时，施工单位应当设置临时消防给水",  # a time clause: the condition a duty applies under
    "（三）仓库储存量超过五百吨，未按规定设置防火分区的；",  # a case a list of penalties names
])
def test_conditions_of_a_duty_are_no_targets(text):
    """Constructed (convention 9: a threshold that says when a rule applies commits to nothing)."""
    assert extract_targets(text) == ()


def test_a_count_made_before_a_relative_clause_stays():
    (t,) = extract_targets("每年培育不少于5家营业收入过亿元的企业")
    assert (t.value, t.unit, t.comparator) == (5, "家", ">=")


@pytest.mark.parametrize("text,value,unit", [
    ("到2027年，全区智能算力规模达到5EFLOPS", 5, "EFLOPS"),  # units of computing and storage, as written
    ("数据存储总量达到20PB", 20, "PB"),
    ("按照实际发行额的3‰给予补助", 3, "‰"),  # a share per mille
])
def test_units_of_digital_plans(text, value, unit):
    """Constructed (schema: unit as written)."""
    (t,) = extract_targets(text)
    assert (t.value, t.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "推进生活垃圾二次分拣设施建设",  # 二次 before a noun or verb: an adjective
    "认真落实区委九届五次全会部署",  # a session's ordinal after 届
])
def test_ordinals_and_adjectives_of_times_are_no_targets(text):
    """Constructed (non-target vocabulary); a count of two is written 两次 (组织两次演练 stays)."""
    assert extract_targets(text) == ()
    assert [(t.value, t.unit) for t in extract_targets("每年组织两次应急演练")] == [(2, "次")]


def test_the_size_of_a_described_list_is_no_target():
    """Constructed (non-target vocabulary): 包括/分为…等N个部分 counts what is listed; a count a plan sets stays."""
    assert extract_targets("应急标准体系主要包括预防准备、监测预警、处置救援等3个部分") == ()
    found = extract_targets("在安防、交通等8个领域建设10个以上示范场景")
    assert [(t.value, t.comparator) for t in found] == [(8, "="), (10, ">=")]


def test_a_report_of_what_is_done_does_not_swallow_the_new_measure_or_a_later_commitment():
    # constructed (review finding): 已… as the ground of a new measure, and a reporting opener followed by a
    # commitment through a target year or 下一步, still set their numbers
    assert [t.value for t in extract_targets("在已开展试点基础上新增10个示范区。")] == [10]
    assert [t.value for t in extract_targets("目前正在推进，到2025年建成5个中心。")] == [5]
    assert [t.value for t in extract_targets("近年来工作成效明显，下一步新建5个中心。")] == [5]
    # reports stay reports
    assert extract_targets("已建成充电桩300个。") == ()
    assert extract_targets("截至2022年底，已建成5个中心。") == ()


def test_a_long_line_is_read_in_linear_time():
    """Constructed fixture: a 200 KB line (no line break, sentences and clauses as usual) of counts, statuses,
    quoted names, money lists, fractions and ratios. Each number's questions (its clause's start, the sentences
    before it, a verb of making before it) were answered by reading the text from its start: minutes; now
    well under a second. The bound is generous: a regression to quadratic time passes it by far."""
    import time

    unit = ("各单位每年组织不少于2次消防演练，培训人员达到30人。截至2022年底，已建成充电桩300个，力争培育企业5家；"
            "开展“百名消防指挥长”活动，新增3个站点。分别奖励200万元、100万元；每年完成万项技改，不超过五分之一，按1：1比例配资。")
    text = unit * (200_000 // len(unit))
    t0 = time.process_time()
    found = extract_targets(text)
    assert time.process_time() - t0 < 10
    assert len(found) > 10_000


def test_a_long_line_without_punctuation_is_read_in_linear_time():
    """Constructed fixture: a 200 KB line with no punctuation at all, so that every number's clause and sentence
    is the whole line before it (a table's cells run together). Each clause search (已建成…, 每年…, 力争…, 给予…) read
    that clause again for each number: about 50 s; now its last few characters only. (No 每年 in it: the count after
    a frequency is written from it, so each target's own text would run back to the line's first 每年.)"""
    import time

    unit = "培育企业5家 建设站点3个 组织2次演练 开展“百名消防指挥长”活动 奖励200万元 "
    text = unit * (200_000 // len(unit))
    t0 = time.process_time()
    found = extract_targets(text)
    assert time.process_time() - t0 < 10
    assert found
