"""Deadlines normalised against the document date (examples from the seed documents' own wording)."""

from datetime import date

import pytest
from policykg.ingest.extract.deadlines import carried_limit, extract_deadlines, mask, period_of

DOC = date(2020, 12, 10)


def one(text, doc_date=DOC):
    found = extract_deadlines(text, doc_date)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,iso,precision", [
    ("2020年年底前未完成的", "2020-12-31", "year"),
    ("年内组织不少于一次疏散逃生演练", "2020-12-31", "year"),
    ("12月底前“通天房”式居住出租房", "2020-12-31", "month"),
    ("2021年3月31日前，至少组织召开1次部门联席会议", "2021-03-31", "day"),
    ("于2022年6月底前完成", "2022-06-30", "month"),
    ("2024年底前基本消除", "2024-12-31", "year"),
    ("2020年，住建部门制定实施治理方案", "2020-12-31", "year"),
])
def test_points(text, iso, precision):
    d = one(text)
    assert (d.date.isoformat(), d.precision) == (iso, precision)
    assert text[d.span.start:d.span.end] == d.text


def test_interval_from_now_until_end_of_month():
    d = one("从即日起至7月底，在全市开展", date(2021, 4, 26))
    assert (d.precision, d.start, d.date) == ("interval", date(2021, 4, 26), date(2021, 7, 31))


def test_mid_late_month_is_an_interval_ending_at_month_end():
    d = one("7月中下旬开展考核验收", date(2021, 4, 26))
    assert (d.precision, d.start, d.date) == ("interval", date(2021, 7, 11), date(2021, 7, 31))


def test_quarter():
    d = one("(一)第一季度：做好项目立项工作", date(2026, 2, 26))
    assert (d.precision, d.start, d.date) == ("interval", date(2026, 1, 1), date(2026, 3, 31))


def test_recurring_and_relative():
    found = extract_deadlines("于每月 26 日前报送镇消安委办，并在全国“两会”结束后 7 日内报送工作总结", DOC)
    assert [d.precision for d in found] == ["recurring", "relative"]
    assert found[0].recurrence == "P1M;BYMONTHDAY=26" and found[0].date == date(2020, 12, 26)  # its first due point
    assert found[1].recurrence == "P7D" and found[1].event == "全国“两会”结束" and found[1].date is None


def test_working_days_are_relative():
    d = one("收到举报后5个工作日内")
    assert d.precision == "relative" and d.recurrence == "P5D;WORKDAYS" and d.event == "收到举报"


def test_event_keeps_text_without_a_date():
    d = one("即日起至 2021 年全国“两会”结束。")
    assert d.precision == "event" and d.date is None and d.event == "2021 年全国“两会”结束"
    assert d.start == DOC


def test_start_dates_are_not_deadlines():
    assert extract_deadlines("2020年起，区县市政府每年将老旧场所消防风险治理列入实事工程", DOC) == ()
    d = one("组织实施阶段（2020 年 11 月 20 日至 2021 年全国“两会”结束）")
    assert d.start == date(2020, 11, 20) and d.precision == "event"


def test_doc_numbers_titles_and_year_ranges_are_masked():
    text = "兴消委办〔2021〕6号，《三年行动实施方案（2024-2026年）》"
    assert extract_deadlines(text, DOC) == ()
    assert len(mask(text)) == len(text)


def test_without_document_date_year_less_limits_are_unknown():
    d = one("年内完成", None)
    assert d.precision == "unknown" and d.date is None and d.text == "年内"


# -- issue 13: years of dates written without one, stages, Chinese numerals, limits counted from issue --------

@pytest.mark.parametrize("text,doc_date,iso", [
    ("1月底前完成整改", date(2020, 12, 10), "2021-01-31"),  # a December winter plan: January is next year's
    ("11月底前完成曝光", date(2020, 12, 10), "2020-11-30"),  # one month back: this year's, already past
    ("9月30日前完成排查", date(2021, 6, 1), "2021-09-30"),
    ("2020年12月底前完成排查，1月底前完成整改", date(2020, 6, 1), "2021-01-31"),  # the written year carries on
])
def test_month_without_year(text, doc_date, iso):
    assert extract_deadlines(text, doc_date)[-1].date.isoformat() == iso


def test_a_stage_decides_the_year():
    (d,) = extract_deadlines("1月15日前报送台账", date(2020, 6, 1), period=(date(2020, 12, 1), date(2021, 1, 31)))
    assert d.date == date(2021, 1, 15)


@pytest.mark.parametrize("bracket,start,end", [
    ("（2020年6月）", date(2020, 6, 1), date(2020, 6, 30)),
    ("（2020年7月至12月）", date(2020, 7, 1), date(2020, 12, 31)),
    ("（2021年）", date(2021, 1, 1), date(2021, 12, 31)),
    ("（12月10日至1月31日）", date(2020, 12, 10), date(2021, 1, 31)),
    ("（3月-5月）", date(2021, 3, 1), date(2021, 5, 31)),
    ("（2020年11月20日前）", None, date(2020, 11, 20)),
])
def test_stage_periods(bracket, start, end):
    d = period_of(bracket, date(2020, 12, 10))
    assert (d.precision, d.start, d.date) == ("interval", start, end)
    assert period_of("（2020 年 11 月 20 日至 2021 年全国“两会”结束）", DOC) is None  # an event, no date


@pytest.mark.parametrize("text,iso,precision", [
    ("二○二一年三月底前完成", "2021-03-31", "month"),  # ○ (U+25CB) typed for 〇
    ("二〇二一年三月三十一日前", "2021-03-31", "day"),
    ("十二月底前", "2020-12-31", "month"),
    ("2019年上半年完成", "2019-06-30", "interval"),
])
def test_chinese_numerals_and_half_years(text, iso, precision):
    d = one(text)
    assert (d.date.isoformat(), d.precision) == (iso, precision)


def test_limit_counted_from_the_document_itself_has_a_date():
    d = one("直辖市人民政府要在本方案印发之日起30日内制定方案", date(2018, 11, 16))
    assert (d.text, d.precision, d.date) == ("本方案印发之日起30日内", "relative", date(2018, 12, 16))
    assert one("自核定公布之日起一年内").recurrence == "P1Y" and one("事发后25分钟内").recurrence == "PT25M"


def test_every_year_is_recurring_from_its_first_time():
    d = one("每年一季度前，区应急局应当组织排查", date(2020, 8, 5))
    assert (d.precision, d.date, d.recurrence) == ("recurring", date(2021, 3, 31), "P1Y")
    assert extract_deadlines("本年度监督检查中涉及的情况", DOC) == ()  # 本年度 names a year, not a limit


@pytest.mark.parametrize("text,expected", [
    ("2020年摸清工作底数，2021年完成改造", [("2020年", "2020-12-31"), ("2021年", "2021-12-31")]),  # a year, then the act
    ("到2025年全面建成消防救援体系", [("2025年", "2025-12-31")]),
    ("根据2017年国务院办公厅印发的《某某实施办法》", []),  # a cited year
    ("2023年及以前排查发现的隐患", []),
    ("次年3月底前完成整改", [("次年3月底前", "2021-03-31")]),
    ("2024年6月，完成全部改造", [("2024年6月", "2024-06-30")]),
])
def test_years_in_plans(text, expected):
    got = [(d.text, d.date.isoformat()) for d in extract_deadlines(text, date(2020, 6, 10)) if d.date]
    assert got == expected


def test_every_year_end_and_flood_season():
    d = one("每年年底前报送工作总结")
    assert (d.precision, d.recurrence) == ("recurring", "P1Y;END")
    assert one("汛期前完成地下空间排查").event == "汛期"


def test_the_same_limit_twice_is_one_fact():
    found = extract_deadlines("2020年，完成排查；2020年，完成整改", DOC)
    assert [(d.text, d.date) for d in found] == [("2020年", date(2020, 12, 31))]


def test_a_year_no_policy_can_mean_keeps_its_text_without_a_date():
    # a garbled digit (0402年 for 2021年) must not become the year 402
    (d,) = extract_deadlines("到0402年底前，建成20个平台。", date(2021, 9, 13))
    assert d.text == "0402年底前" and d.date is None and d.precision == "unknown"
    (ok,) = extract_deadlines("到2025年底前完成。", date(2021, 9, 13))
    assert ok.date == date(2025, 12, 31)


# Minimal fixtures (one sentence each, marked as such), one per rule.
def test_advance_notice_is_relative_without_a_date():
    """Fixture: 提前N年 and 开始前N日 count back from an event."""
    d = one("提前1年提出项目申请", date(2023, 10, 27))
    assert (d.precision, d.date, d.recurrence) == ("relative", None, "-P1Y")
    d = one("原则上不得晚于采购活动开始前30日", date(2023, 10, 27))
    assert (d.text, d.precision, d.event) == ("采购活动开始前30日", "relative", "采购活动开始")


def test_limit_left_to_another_rule_is_unknown():
    """Fixture: 在规定的时间内 is a limit whose date the text does not give."""
    d = one("在规定的时间内予以消除")
    assert (d.precision, d.date) == ("unknown", None)


def test_start_of_each_year_is_recurring():
    """Fixture: 每年年初 comes back every year, at its start."""
    d = one("应于每年年初编制本年度检查计划", date(2025, 12, 31))
    assert (d.precision, d.recurrence) == ("recurring", "P1Y;START")


def test_yearly_part_of_month_begun_by_document_date_is_next_years():
    """Fixture: 每年12月下旬 in a text dated 12-31: that stretch has begun, the first one due is next year's."""
    d = one("每年12月下旬，各部门应汇总", date(2025, 12, 31))
    assert (d.precision, d.date) == ("recurring", date(2026, 12, 31))


def test_yearly_stretch_under_way_is_due_at_its_end_this_year():
    """Fixture (the README's convention 1 example): 每年三季度末 in a notice of 2018-08 is first due 2018-09-30; the
    quarter has begun, but what falls due is its end, still ahead."""
    d = one("于每年三季度末前报送", date(2018, 8, 10))
    assert (d.precision, d.date) == ("recurring", date(2018, 9, 30))
    assert one("每年12月下旬，各部门应汇总", date(2025, 12, 25)).date == date(2025, 12, 31)


@pytest.mark.parametrize("text", ["规划新增的场所未建成投用前，原场所不得另作他用。",
                                  "预警解除、应急结束前，原则上不得擅自离开场所。"])
def test_event_that_ends_a_ban_is_no_deadline(text):
    """Fixtures: …前，不得… / 未…前: how long a ban lasts, not when work is due."""
    assert extract_deadlines(text, DOC) == ()


def test_event_starts_after_its_preposition():
    """Fixture: …的项目在招投标活动前: the event is 招投标活动."""
    d = one("需要公开信息的项目在招投标活动前，应当公开相关采购信息。")
    assert (d.text, d.precision, d.event) == ("招投标活动前", "event", "招投标活动")


def test_year_before_completion_of_works_is_a_deadline():
    """Fixture: 2024年竣工 dates the works."""
    d = one("项目计划2024年竣工", date(2023, 1, 1))
    assert (d.date, d.precision) == (date(2024, 12, 31), "year")


@pytest.mark.parametrize("text,start,end", [
    ("（3月中旬至4月底）", date(2023, 3, 11), date(2023, 4, 30)),
    ("（2023年第二季度）", date(2023, 4, 1), date(2023, 6, 30)),
    ("（2023年上半年）", date(2023, 1, 1), date(2023, 6, 30)),
    ("（11月20日至1月中旬）", date(2023, 11, 20), date(2024, 1, 20)),
])
def test_stage_range_with_parts_of_months_quarters_and_halves(text, start, end):
    """Fixtures: a stage heading's range written with 中旬, a quarter or a half-year."""
    d = period_of(text, date(2023, 3, 1))
    assert (d.precision, d.start, d.date) == ("interval", start, end)


def test_stage_names_in_a_list_are_no_deadlines():
    """Fixture: 开工前备案登记、施工中巡查检查: procedures named by their stage."""
    assert extract_deadlines("落实开工前备案登记、施工中巡查检查、完工后验收报备等监管程序。", DOC) == ()


def test_an_event_named_again_is_one_limit():
    """Fixture: 工程开工前…，同时在开工前…: one event limit."""
    (d,) = extract_deadlines("工程开工前，建设单位应当进行信息登记，同时在开工前应落实好人工费。", DOC)
    assert (d.text, d.event) == ("工程开工前", "工程开工")


def test_a_time_column_may_hold_a_span_of_years():
    """Fixture: a 建设年限 cell 2023-2025年 is due at the end of 2025."""
    from policykg.ingest.extract.deadlines import column_deadlines

    (d,) = column_deadlines("2023-2025年", DOC)
    assert (d.precision, d.start, d.date) == ("interval", date(2023, 1, 1), date(2025, 12, 31))
    (d,) = column_deadlines("2024年6月底前", DOC)
    assert (d.precision, d.date) == ("month", date(2024, 6, 30))


def test_relative_limit_starts_at_its_clause_not_inside_a_bracket():
    # minimal fixture written for this parser edge case (not from a document): the event before 后 holds a
    # bracket longer than the event's reach, so the match opens inside it
    text = "（一）举报事项处理完毕（收到举报处理部门提供的执法文书等相关材料）后10个工作日内，通知举报人。"
    d = one(text)
    assert d.text == "举报事项处理完毕（收到举报处理部门提供的执法文书等相关材料）后10个工作日内"
    assert text[d.span.start:d.span.end] == d.text
    assert (d.precision, d.recurrence) == ("relative", "P10D;WORKDAYS")
    # an opening bracket out of reach: the limit starts after the closing one, never with it
    d = one("收到举报处理部门提供的执法文书等相关材料）后10个工作日内")
    assert d.text == "后10个工作日内" and d.event is None
    # an item number in brackets is no part of the event
    d = one("（二）其他建设工程竣工验收合格之日起五个工作日内")
    assert d.text == "其他建设工程竣工验收合格之日起五个工作日内"


# Minimal sentences written for the grammar of Chinese date expressions (fixtures, not from a document).

@pytest.mark.parametrize("text,expected", [
    ("2023年12月完成改造。", [("2023年12月", "2023-12-31", "month")]),  # a year-month dates the act after it
    ("（完成时限：2023年12月）", [("2023年12月", "2023-12-31", "month")]),
    ("明年底前完成改造。", [("明年底前", "2021-12-31", "year")]),  # the year after the document's
    ("次年内完成验收。", [("次年内", "2021-12-31", "year")]),
    ("于明年上半年完成。", [("上半年", "2021-06-30", "interval")]),
    ("力争到2027年全省营业收入达到5000万元。", [("2027年", "2027-12-31", "year")]),  # 到 + year: by that year
    ("2021年度内完成。", [("2021年度内", "2021-12-31", "year")]),
])
def test_date_grammar(text, expected):
    found = extract_deadlines(text, DOC)
    assert [(d.text, d.date.isoformat(), d.precision) for d in found] == expected


@pytest.mark.parametrize("text", [
    "2020年、2021年每年12月10日前，各地区要总结。",  # the list's end is no act: not two year limits
    "2023年以来，全省建成10个。", "根据2021年6月发布的方案。",
])
def test_years_that_date_no_act(text):
    assert not any(d.precision == "year" for d in extract_deadlines(text, DOC))


def test_a_document_without_a_date_reads_months_against_its_titles_year():
    from policykg.ingest.extract.deadlines import reference_date

    ref = reference_date(None, "数字某省2021行动方案")
    assert ref == date(2021, 1, 1) and reference_date(None, "行动计划（2024-2025年）").year == 2024
    assert reference_date(DOC, "数字某省2021行动方案") == DOC and reference_date(None, "消防工作要点") is None
    found = extract_deadlines("12月底前完成，年内建成，第三季度启动，1月31日前报送。", ref)
    assert [(d.date.isoformat(), d.precision) for d in found] == [
        ("2021-12-31", "month"), ("2021-12-31", "year"), ("2021-09-30", "interval"), ("2021-01-31", "day")]
    # a limit counted from the document's issue gets no date from a year that is only assumed
    (d,) = extract_deadlines("本方案印发之日起30日内报送。", ref)
    assert (d.precision, d.date) == ("relative", None)
    assert extract_deadlines("本方案印发之日起30日内报送。", DOC)[0].date == date(2021, 1, 9)


def test_a_time_column_may_hold_a_bare_year_or_month():
    """Fixture: a 完成时限 cell that is only 2023年 or 12月 is due at the end of that year or month."""
    from policykg.ingest.extract.deadlines import column_deadlines

    assert [(d.date, d.precision) for d in column_deadlines("2023年", DOC)] == [(date(2023, 12, 31), "year")]
    assert [(d.date, d.precision) for d in column_deadlines("12月份", DOC)] == [(date(2020, 12, 31), "month")]
    assert column_deadlines("长期坚持", DOC) == () and column_deadlines("年", DOC) == ()


@pytest.mark.parametrize("text,event", [
    ("生产经营单位应当在上岗前对从业人员进行培训。", "上岗"),  # 应当在…前
    ("常驻协作单位入驻前，生产经营单位应当对其进行审查。", "常驻协作单位入驻"),  # a clause …前，then the duty
    ("离岗六个月以上的从业人员，上岗前应当重新进行培训。", "上岗"),
    ("在火灾隐患消除前，有关责任单位应当采取措施。", "火灾隐患消除"),
    # minimal sentences of the law grammar (convention 3): the duty's cue earlier in the clause, 在 after the
    # subject with the cue in the next clause, a list of acts, 其 before the act, an act of completion after 前
    ("组织演习单位应当按照国家有关规定在事前通报主管部门。", "事"),
    ("省应急管理厅将在考试前对参考人员资料进行审查。", "考试"),
    ("消防产品在安装前，施工单位应当对产品质量实施现场检查。", "安装"),
    ("使用单位在重复使用前应当进行检查。", "重复使用"),
    ("公众聚集场所在投入使用、营业前，使用单位应当申请消防安全检查。", "投入使用、营业"),
    ("施工单位应当在其正式上岗前安排实习操作。", "正式上岗"),
    ("（一）作业前完成作业现场危险因素辨识分析；", "作业"),
])
def test_the_act_a_duty_must_precede_is_an_event_limit(text, event):
    (d,) = extract_deadlines(text, DOC)
    assert (d.precision, d.event, d.date) == ("event", event, None)


@pytest.mark.parametrize("text", [
    "目前，全区共有企业100家。", "领取许可证前，不得施工。",  # a time word; the condition of a ban
    "在保证安全的前提下，应当采取措施。", "发生火灾前，居民区内堆放杂物。",  # 前提; no duty governs it
    "在消防队未到达火灾现场前，有关单位应当组织扑救。",  # 未…前: a state not yet reached, not a limit
    "隐患排除前或者排除过程中无法保证安全的，应当责令停产。",  # a condition (…的，)
    "在正式消防给水系统投入使用前，不得拆除临时供水设施。",  # the span of a ban
    "软件是指由生产企业在终端出厂前安装的应用软件。",  # a definition, no duty
])
def test_a_before_that_no_duty_governs_is_no_limit(text):
    assert not [d for d in extract_deadlines(text, DOC) if d.precision == "event"]


@pytest.mark.parametrize("text,event", [
    # a long act after 在: a list of things the act concerns (minimal sentences of the law grammar)
    ("施工单位在使用起重机械和整体提升脚手架、模板等自升式架设设施前，应当组织有关单位进行验收。",
     "使用起重机械和整体提升脚手架、模板等自升式架设设施"),
    # a long subject opening the clause: the act is the head after its last 的
    ("矿山建设项目和用于生产、储存危险物品的建设项目竣工投入生产或者使用前，应当对安全设施进行验收。",
     "建设项目竣工投入生产或者使用"),
])
def test_a_long_act_before_a_duty_is_an_event_limit(text, event):
    (d,) = extract_deadlines(text, DOC)
    assert (d.precision, d.event, d.date) == ("event", event, None)
    assert text[d.span.start:d.span.end] == d.text == event + "前"


def test_a_long_clause_before_with_no_act_after_its_last_de_is_no_limit():
    """A long opening clause whose part after its last 的 is too long to be one act stays no limit."""
    text = "用于生产、储存危险物品的大型建设项目和配套工程以及其他有关附属设施全部竣工投入生产或者使用前，应当验收。"
    assert not [d for d in extract_deadlines(text, DOC) if d.precision == "event"]


@pytest.mark.parametrize("text,written", [("本年底前完成。", "本年底前"), ("本年内完成改造。", "本年内")])
def test_this_year_written_with_ben(text, written):
    d = one(text)
    assert (d.text, d.date, d.precision) == (written, date(2020, 12, 31), "year")
    assert extract_deadlines("本年度工作计划已印发。", DOC) == ()


def test_half_a_year_is_a_relative_limit_not_this_year():
    d = one("半年内完成整改。")
    assert (d.text, d.precision, d.recurrence) == ("半年内", "relative", "P6M")
    d = one("收到通知后半个月内报送。")
    assert (d.precision, d.recurrence, d.event) == ("relative", "P15D", "收到通知")
    assert one("年内完成。").precision == "year"


@pytest.mark.parametrize("text", [
    "自刑罚执行完毕之日起，5年内不得担任任何生产经营单位的主要负责人",  # a ban that lasts the span
    "取消本次考试成绩，且一年内不得再次参加考核",
    "将补贴范围扩大到离校2年内未就业高校毕业生",  # a state that held through the span
    "在规定时间内未发生生产安全事故的，减少检查频次",  # a limit set elsewhere, a state through it
    "在3年内按每户每年9600元为限额依次扣减",  # a duty that comes back at a frequency inside the span
    "力争3年内每年新增10个",
])
def test_a_span_a_ban_or_a_state_lasts_is_no_limit(text):
    assert extract_deadlines(text, DOC) == ()


def test_a_span_before_a_duty_stays_a_limit():
    d = one("自收到报告之日起15日内不作出决定的，应当说明理由")
    assert (d.precision, d.recurrence) == ("relative", "P15D")
    assert one("3年内完成改造，每年报告进展").precision == "relative"  # the frequency is another clause's
    assert one("应当在规定时间内完成整改").precision == "unknown"


@pytest.mark.parametrize("text,doc,iso", [
    ("于每月 26 日前报送镇消安委办", date(2020, 12, 10), "2020-12-26"),
    ("请于每季度最后一个周五前更新报送", date(2022, 7, 20), "2022-09-30"),
    ("每季度末报送", date(2022, 9, 30), "2022-12-31"),  # a due point on the document's own day: the next one
    ("每月最后一个工作日前报送", date(2022, 4, 20), "2022-04-29"),
    ("每季度第一个周一前报送", date(2022, 4, 20), "2022-07-04"),
    ("每年3月10日前报送", date(2022, 3, 10), "2023-03-10"),
])
def test_a_cycle_is_dated_at_its_first_due_point_after_the_document(text, doc, iso):
    """Fixtures: a recurring limit takes the first due point strictly after the document's date."""
    d = one(text, doc)
    assert (d.precision, d.date.isoformat()) == ("recurring", iso)


@pytest.mark.parametrize("text", ["每年初报送", "每季度10日前报送"])
def test_a_cycle_that_names_no_day_has_no_date(text):
    """Fixtures: 每年初 names no day; 每季度10日前 does not say which month of the quarter."""
    d = one(text, date(2022, 4, 20))
    assert (d.precision, d.date) == ("recurring", None)


def test_a_cycle_in_an_undated_document_has_no_date():
    assert one("于每月26日前报送", None).date is None


@pytest.mark.parametrize("text", [
    "全省森林防火期为每年的11月1日至次年的4月30日。",  # the extent of a season: a ban's scope, nothing due
    "（一）时间：2020年7月15日上午8:30，考核时间120分钟。",  # the hour of an event
])
def test_a_time_that_says_when_something_is_is_no_limit(text):
    """Fixtures: a date as the value of a label of when something is (X期为…, 时间：…)."""
    assert extract_deadlines(text, DOC) == ()


@pytest.mark.parametrize("text,iso", [
    ("完成时间：2023年12月底前", "2023-12-31"),  # a label of what is due keeps its date
    ("整改期限为2021年3月31日", "2021-03-31"),
])
def test_a_due_label_keeps_its_date(text, iso):
    assert one(text).date.isoformat() == iso


@pytest.mark.parametrize("text,event", [
    ("开展培训的部门或单位应在培训班开班前5个工作日，将培训计划书面报告", "培训班开班"),
    ("在培训班结束前7个工作日向考试机构提交考试申请", "培训班结束"),
    ("期满前3个月提出申请", "期满"),
])
def test_a_count_before_an_event_is_relative(text, event):
    """Fixtures: convention 3, an event limit with a count of time is relative, with no date."""
    d = one(text)
    assert (d.precision, d.event, d.date) == ("relative", event, None)


def test_a_count_before_no_event_is_not_counted_back_from_one():
    """Fixtures: 对前一年度 is the previous year; 应当提前二十四小时 counts from 提前, not from 应当提."""
    assert [d.text for d in extract_deadlines("提前1年提出申请，项目办对前一年度的项目申请受理后审核", DOC)] == ["提前1年"]
    assert one("除紧急情形外，应当提前二十四小时通知生产经营单位").text == "提前二十四小时"


@pytest.mark.parametrize("text,doc,iso", [
    ("元旦节前，镇级媒体要组织1次曝光", date(2020, 12, 10), "2020-12-31"),
    ("春节前，镇级媒体要组织1次曝光", date(2020, 12, 10), "2021-02-11"),  # the eve of the next Spring Festival
    ("春节前完成", date(2021, 2, 20), "2022-01-31"),
    ("2022年春节前完成", date(2020, 12, 10), "2022-01-31"),  # the year written before it
    ("国庆节前完成", date(2021, 4, 26), "2021-09-30"),
])
def test_a_holiday_the_calendar_fixes_dates_its_eve(text, doc, iso):
    """Fixtures: convention 3, 元旦节前/春节前 are event limits dated at the holiday's eve."""
    d = next(x for x in extract_deadlines(text, doc) if x.precision == "event")
    assert d.date.isoformat() == iso


@pytest.mark.parametrize("text,doc", [("汛期前完成", DOC), ("全国“两会”前完成", DOC), ("春节前完成", None)])
def test_an_event_no_calendar_fixes_has_no_date(text, doc):
    assert one(text, doc).date is None


def test_a_yearly_month_end_in_a_leap_year():
    """Fixture: 每年2月底前 read in December before a leap year is 02-29 (was a ValueError moving 02-29)."""
    assert one("于每年2月底前报送", date(2019, 12, 6)).date == date(2020, 2, 29)
    assert one("于每年2月底前报送", date(2018, 12, 6)).date == date(2019, 2, 28)


def test_a_yearly_limit_in_an_undated_document_has_no_date():
    """Fixture: convention 1, no first due date when the document has none."""
    assert one("每年9月份之前报送", None).date is None


@pytest.mark.parametrize("text,doc,written,iso", [
    ("力争两年内使国有企业扭亏为盈", date(1998, 8, 11), "两年内", "2000-08-11"),
    ("可渐进调整支付标准，在2—3年内调整到位", date(2019, 1, 1), "2—3年内", "2022-01-01"),  # a range: its end
    ("标准体系将在5年内建成", date(2015, 12, 29), "5年内", "2020-12-29"),
])
def test_a_plans_span_of_years_counts_from_its_issue(text, doc, written, iso):
    """Minimal sentences, convention 5: N年内 set as a plan's goal counts from the document's date."""
    d = one(text, doc)
    assert (d.text, d.precision, d.date.isoformat(), d.event) == (written, "relative", iso, None)


@pytest.mark.parametrize("text", [
    "应当在投入运行后一年内进行安全评价",  # from an event of each case
    "应当在一年内完成整改",  # a law's duty: from the case before it
    "一年内因违法行为受过两次以上行政处罚的",  # a span of state
    "确保1年内完成合同用量",  # ensured within a cycle, not the plan's span
])
def test_a_span_of_years_after_an_event_or_a_duty_has_no_date(text):
    assert all(d.date is None for d in extract_deadlines(text, date(2019, 1, 1)))
    assert all(d.date is None for d in extract_deadlines("力争在三年内基本整改完毕", None))  # no document date


@pytest.mark.parametrize("text,found", [
    ("力争今年年内推出", [("年内", "2021-12-31")]),  # one limit, not 今年 beside 年内
    ("今年6月底前完成", [("6月底前", "2021-06-30")]),
    ("特别是今年以来，已连续发生5起火灾", []),  # a span up to now
    ("今年完成改造", [("今年", "2021-12-31")]),
])
def test_this_year_gives_way_to_the_nearer_time_after_it(text, found):
    """Minimal sentences: 今年 is a limit only when no nearer time follows it."""
    assert [(d.text, d.date.isoformat()) for d in extract_deadlines(text, date(2021, 3, 10))] == found


@pytest.mark.parametrize("text,doc", [
    ("2018年8月28日，大数据国家标准宣贯会在乌鲁木齐召开", date(2018, 8, 30)),  # what happened
    ("最高人民法院已于2017年底首次开展建设评价工作", date(2018, 12, 7)),
    ("负责人须在1958年1月1日以后出生", date(2018, 10, 12)),  # a condition
])
def test_a_bare_time_before_the_documents_issue_is_no_limit(text, doc):
    """Minimal sentences: a bare date wholly before the issue tells what happened; a limit written with 前 stays."""
    assert extract_deadlines(text, doc) == ()
    assert one("2020年11月20日前完成部署", date(2020, 12, 10)).date == date(2020, 11, 20)
    assert one("到1262年，体系初步构筑", date(2023, 3, 1)).precision == "unknown"  # a garbled year is no past


def test_a_plans_span_of_work_ends_with_the_years_its_title_gives():
    """Minimal sentences, convention 5: 通过三年行动 / 利用三年时间 run from the document; the end year the title
    names for the span when it is as long, else the issue date plus the span, else no date."""
    from policykg.ingest.extract.deadlines import reference_date

    titled = reference_date(None, "某乡消防安全治本攻坚三年行动实施方案（2024-2026年）")
    d = one("力争通过三年行动，化解一批重大消防安全风险", titled)
    assert (d.text, d.precision, d.date) == ("通过三年", "relative", date(2026, 12, 31))
    assert one("利用三年时间，分步完成风险管控", date(2020, 6, 1)).date == date(2023, 6, 1)
    d = one("利用三年时间，分步完成风险管控", reference_date(None, "某市消防安全专项整治三年行动实施方案"))
    assert (d.text, d.precision, d.date) == ("利用三年时间", "relative", None)
    assert reference_date(date(2021, 3, 1), "行动计划（2021-2023年）").plan_years == (2021, 2023)


@pytest.mark.parametrize("text,written", [
    ("有关单位应当在24小时内向主管部门报告", "24小时内"),  # the subject and its cue are no event
    ("但应当在15日内依法作出处理决定", "15日内"),
    ("单位负责人接到报告后，应当于1小时内报告", "1小时内"),
])
def test_a_count_after_a_duty_cue_names_no_event(text, written):
    """Minimal sentences: what stands before 在/于 of a count is the subject or the cue, not what it counts from."""
    d = one(text)
    assert (d.text, d.event, d.precision) == (written, None, "relative")
    assert text[d.span.start:d.span.end] == d.text


@pytest.mark.parametrize("text", [
    "本办法有效期自2026年1月1日起至2027年12月31日止",  # the term of validity: a state's span
    "本办法自2024年1月1日实施，有效期至2026年12月31日",  # a start, then the term
])
def test_a_documents_term_and_start_are_no_limits(text):
    """Minimal sentences, convention 4: 有效期 is the span of a state; 自X实施 a start."""
    assert extract_deadlines(text, date(2023, 10, 27)) == ()
    assert one("2024年1月1日前完成", date(2023, 10, 27)).date == date(2024, 1, 1)


def test_a_day_alone_ends_a_range_in_its_starts_month():
    """Minimal sentences: 2019年1月2日至20日 is an interval to 01-20 (was an event named 20日); 12月28日至3日 runs
    into the next month; a range wholly before the document's issue tells what happened."""
    d = one("2019年1月2日至20日，各级人民法院自行登录平台填报", date(2018, 12, 7))
    assert (d.text, d.precision, d.start, d.date) == ("2019年1月2日至20日", "interval", date(2019, 1, 2), date(2019, 1, 20))
    assert one("12月28日至3日完成自查", date(2018, 12, 7)).date == date(2019, 1, 3)
    assert extract_deadlines("3月17日至21日，检查组对我市开展了明查暗访", date(2024, 3, 24)) == ()
    assert period_of("（3月1日至15日）", date(2024, 2, 1)).date == date(2024, 3, 15)


@pytest.mark.parametrize("text", [
    "存在重大事故隐患，一年内四次受到本法规定的行政处罚的",
    "一年内因安全生产违法行为受过两次以上行政处罚的生产经营单位",
    "一年内发生两人以上重伤事故的",
    "3个月内2次发现有重大事故隐患仍然进行生产的",
])
def test_a_span_that_counts_what_happened_is_no_limit(text):
    """Minimal sentences, convention 4: a span with what happened in it (N次, 因…受过, 发生…) is a condition."""
    assert extract_deadlines(text, date(2021, 6, 10)) == ()


def test_a_day_the_text_names_is_no_limit():
    """Minimal sentences: 每年11月9日为消防日 names a day; 为报送截止日期 is still a limit."""
    assert extract_deadlines("每年11月9日为本市消防活动日", date(2020, 3, 19)) == ()
    assert one("11月9日为报送截止日期", date(2020, 3, 19)).date == date(2020, 11, 9)


def test_a_stage_or_a_time_column_before_the_issue_keeps_its_date():
    """Minimal fixtures: a stage heading's or a time column's date is a limit even when already past."""
    from policykg.ingest.extract.deadlines import column_deadlines

    assert period_of("（2020年11月下旬）", DOC).date == date(2020, 11, 30)
    assert [d.date for d in column_deadlines("2020年11月下旬", DOC)] == [date(2020, 11, 30)]
    assert extract_deadlines("2020年11月下旬，召开了部署会议", DOC) == ()


def test_a_limits_dates_are_plain_dates():
    """A reference date that carries its title's plan span (PlanDate) never leaks into a limit's dates."""
    from policykg.ingest.extract.deadlines import reference_date

    d = one("从即日起至7月底，开展行动", reference_date(date(2021, 3, 1), "行动计划（2021-2023年）"))
    assert type(d.start) is date and type(d.date) is date and d.start == date(2021, 3, 1)


def test_count_written_before_its_event_is_relative():
    """Fixtures: 在开工的7日前 / 在拆除工程施工15日前 count back from the act after 在, as 开工前7日 does (convention 3);
    a date after 在 (在3月10日前, 在每年12月10日前) stays a date."""
    d = one("施工单位应当在开工的7日前书面通知管道所属单位", DOC)
    assert (d.text, d.precision, d.date, d.event, d.recurrence) == ("开工的7日前", "relative", None, "开工", "-P7D")
    assert one("建设单位应当在拆除工程施工15日前，将下列资料报送", DOC).event == "拆除工程施工"
    assert one("在3月10日前报送", date(2019, 3, 1)).date == date(2019, 3, 10)
    assert one("请在每年12月10日前报送", date(2019, 3, 1)).precision == "recurring"


@pytest.mark.parametrize("head,expected", [
    ("（一）部署阶段（3月1日至3月31日）", ("2021-03-01", "2021-03-31", "interval", "3月1日至3月31日")),
    ("（二）排查整治（4月-6月）", ("2021-04-01", "2021-06-30", "interval", "4月-6月")),
    ("二、集中整治阶段：2021年4月至9月。", ("2021-04-01", "2021-09-30", "interval", "2021年4月至9月")),
    ("第二阶段 4月1日-5月31日", ("2021-04-01", "2021-05-31", "interval", "4月1日-5月31日")),
    ("时间安排：即日起至6月底", ("2021-03-15", "2021-06-30", "interval", "即日起至6月底")),
    ("到2025年，实现以下目标：", (None, "2025-12-31", "year", "2025年")),
    ("（一）加强组织领导", None),
    ("（三）落实《条例》（2020年修订）要求", None),  # a bracket that dates a text, not a stage
    ("（公安部第61号令 2001年10月19日公安部长办公会议通过，自2002年5月1日起施行）", None),  # a law's header
    ("本区人均避难面积约2.15平方米（截止2024年底）。", None),  # the date of a statistic
])
def test_limit_a_heading_passes_to_its_items(head, expected):
    """Fixtures: the stage range or goal span a heading or lead gives each item under it (carried_limit, the
    interface the segmenter calls on an item's headings); the span points into the heading at its offset."""
    got = carried_limit(head, date(2021, 3, 15), 100)
    if expected is None:
        assert got is None
        return
    start, end, precision, text = expected
    assert (str(got.start) if got.start else None, got.date.isoformat(), got.precision) == (start, end, precision)
    assert head[got.span.start - 100:got.span.end - 100] == text


def test_span_from_the_day_the_text_says_it_takes_effect():
    """Fixture (convention 5's example): 本办法自2010年3月1日起施行 in the text dates 颁布实施之日起6个月内 from that day,
    not from a later revision's date; without the text, the revision's date gives no date to a 颁布实施 start."""
    from policykg.ingest.extract.deadlines import reference_date
    text = "第二十四条（施行日期）\n本办法自2010年3月1日起施行。"
    ref = reference_date(date(2016, 6, 21), "某市地下空间安全使用管理办法", text)
    assert ref == date(2016, 6, 21) and ref.in_force == date(2010, 3, 1)
    d = one("产权人应当自本办法颁布实施之日起6个月内，向区地下空间管理部门备案", ref)
    assert (d.precision, d.date) == ("relative", date(2010, 9, 1))
    assert one("自本办法颁布实施之日起6个月内备案", date(2016, 6, 21)).date is None
    assert one("本方案印发之日起30日内", ref).date == date(2016, 7, 21)  # issue, not effect
    assert reference_date(DOC, "方案", "依照《某某条例》自2005年1月1日起施行的规定") == DOC  # a cited law's


@pytest.mark.parametrize("text", ["对2019年1月1日后认定的国家中小企业公共服务示范平台，给予一次性奖励50万元",
                                  "对2018年1月1日以后完工的技改项目给予奖补", "市人民政府办公厅 2019年1月3日印发",
                                  "2018年8月3日发布"])
def test_a_day_after_which_cases_count_or_a_text_was_issued_is_no_limit(text):
    """Fixtures: a day followed by 后/以后 names which cases count, one followed by 印发/发布 when a text was issued:
    nothing falls due on either (as a day followed by 起/实施 starts something)."""
    assert extract_deadlines(text, date(2019, 1, 1)) == ()
    assert one("2019年1月31日前报送", date(2019, 1, 1)).date == date(2019, 1, 31)


@pytest.mark.parametrize("text,start,end", [
    ("（一）启动期（2024年5—6月）", "2024-05-01", "2024-06-30"),  # the first month written without 月
    ("（四）评估期（2025年9—10月）", "2025-09-01", "2025-10-31"),
    ("（二）清理阶段（1997年10月――1998年2月）", "1997-10-01", "1998-02-28"),  # ― (U+2015), doubled
])
def test_stage_range_whose_first_month_has_no_month_word(text, start, end):
    """Fixtures: a stage heading's range of months in one year (2024年5—6月) lies in that year, its first month
    written as a bare number; the dash may be ― (U+2015), as text converted from GBK writes it."""
    got = carried_limit(text, date(2024, 6, 12))
    assert (got.start.isoformat(), got.date.isoformat(), got.precision) == (start, end, "interval")


def test_month_range_with_the_gbk_dash_in_running_text():
    """Fixture: 1997年4―6月，… is the range April to June, not the year alone."""
    d = one("1997年4―6月，由社会团体进行自查并填写报告书", date(1997, 4, 8))
    assert (d.start, d.date, d.precision) == (date(1997, 4, 1), date(1997, 6, 30), "interval")


@pytest.mark.parametrize("text,doc_date,expected", [
    ("力争到“十四五”末，省重点实验室建设布局更加合理", date(2021, 9, 13), date(2025, 12, 31)),
    ("“十四五”末，在全省主要疾病领域建成2—3个临床医学研究中心", date(2021, 9, 13), date(2025, 12, 31)),
    ("力争到“十二五”期末，某某服务网点基本覆盖", date(2014, 5, 4), date(2015, 12, 31)),  # constructed fixture
    ("到“十三五”末，全省研发经费投入强度达到2.6%", None, date(2020, 12, 31)),
])
def test_end_of_a_five_year_plan(text, doc_date, expected):
    """Fixtures: 到“十四五”末 is the end of the plan's last year (the 11th to 15th plans end 2010 to 2030)."""
    d = one(text, doc_date)
    assert (d.date, d.precision) == (expected, "year")


@pytest.mark.parametrize("text", ["成交额是“十一五”末的3.1倍", "比“十一五”末提高0.55个百分点",
                                  "“十四五”时期，我省科技创新的内外部环境更加复杂"])
def test_a_plan_period_as_baseline_or_era_is_no_limit(text):
    """Fixtures: a plan's end named as the baseline of a comparison, or its whole span as an era, is no limit."""
    assert extract_deadlines(text, date(2016, 12, 22)) == ()
