"""The outline read from numbers where the layout reads a quantity (7.1人员返回: 7.1人).

Minimal fixtures, marked as such, not policy documents."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document


def _doc(text: str) -> Document:
    # minimal fixture, not a policy document
    return fixture_document(text)


def test_a_decimal_that_continues_the_outline_is_a_heading_number():
    text = "7.善后处置\n7.1人员返回\n区民政局要组织人员有序返回。\n7.2人员安置\n各街镇要做好安置。\n"
    paras = pg.paragraphs(_doc(text))
    assert [(p.number, p.heading_only) for p in paras if p.numbered] == [("7", True), ("7.1", True), ("7.2", True)]
    assert [o.text for o in extract_obligations(_doc(text))] == ["区民政局要组织人员有序返回。", "各街镇要做好安置。"]


def test_a_decimal_out_of_the_outline_stays_a_quantity():
    assert pg._next_decimal("7.3人参加培训", "7.1") is None  # 7.1 is followed by 7.2, not 7.3
    assert pg._next_decimal("3.1人员返回", "7") is None


def _dated(text: str) -> Document:
    from datetime import date

    # minimal fixture, not a policy document
    return fixture_document(text,
                    date=date(2021, 2, 1))


def _dues(text: str) -> list[tuple[str, str]]:
    return [(o.text, o.deadlines[-1].date.isoformat() if o.deadlines else "")
            for o in extract_obligations(_dated(text))]


def test_a_stage_heading_with_its_dates_after_a_colon_passes_them_down():
    text = "三、实施步骤\n（一）集中整治阶段：2021年4月至9月。\n各街镇要开展全面排查整治。\n（二）总结阶段（10-12月）\n各街镇要报送总结。\n"
    assert _dues(text) == [("各街镇要开展全面排查整治。", "2021-09-30"), ("各街镇要报送总结。", "2021-12-31")]


def test_a_heading_over_stage_lines_is_no_item():
    text = "三、实施步骤\n第一阶段：动员部署（2021年3月1日—3月31日）\n各街镇要制定工作方案。\n" \
           "第二阶段：集中整治，2021年4月1日—9月30日\n各街镇要开展全面排查整治。\n"
    assert _dues(text) == [("各街镇要制定工作方案。", "2021-03-31"), ("各街镇要开展全面排查整治。", "2021-09-30")]


def test_an_article_title_over_its_items_is_no_unit_of_work():
    text = "第十六条　经费预算的申报核定\n（一）经费预算纳入部门预算管理，经主管部门审核后报市财政局审批。\n" \
           "（二）主管部门要及时做好基础数据库的更新维护工作。\n第十七条　各单位应当按照预算执行。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == [
        "（一）经费预算纳入部门预算管理，经主管部门审核后报市财政局审批。", "（二）主管部门要及时做好基础数据库的更新维护工作。",
        "第十七条　各单位应当按照预算执行。"]


def test_the_items_of_a_list_of_contents_are_no_units_of_work_and_the_list_ends_at_a_paragraph():
    text = "第十三条　运维经费支出范围：\n（一）保障仪器正常运转所需的水、电、气等费用。\n（二）购买、更换配件。\n" \
           "上述经费应严格按照有关规定执行。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == ["上述经费应严格按照有关规定执行。"]


def test_a_list_of_cases_ends_at_a_paragraph_after_its_items():
    cases = "有下列情形之一的，不予奖励：\n（一）举报人为负有监管职责的工作人员的；\n（二）举报事项已经处理的。\n" \
            "区应急局应当在十个工作日内告知举报人。\n"
    assert [o.text for o in extract_obligations(_doc(cases))] == ["区应急局应当在十个工作日内告知举报人。"]


def test_a_lead_that_only_frames_its_cases_is_no_unit_but_one_naming_who_acts_is():
    framed = "第三十条　有下列行为之一的，责令限期改正，处二万元以上五万元以下罚款：\n（一）未按照规定开展安全生产教育的；\n" \
             "（二）未按照规定配备劳动防护用品的。\n"
    assert not any(o.text.startswith("第三十条") for o in extract_obligations(_doc(framed)))
    named = "第四十二条　有下列行为之一的，由上级机关或者主管部门责令改正：\n（一）未按照规定履行审批职责的；\n" \
            "（二）发现违法行为不予查处的。\n"
    assert any(o.text.startswith("第四十二条") for o in extract_obligations(_doc(named)))


def test_a_goal_bullet_under_a_dated_lead_is_a_goal_of_that_date():
    text = "一、总体要求\n（二）主要目标\n到2025年，制造业创新体系进一步完善。\n——创新能力逐步增强。每年攻克关键技术10项左右。\n" \
           "——未来产业发展走在全国前列。打造未来产业发展先行区。\n"
    goals = [(o.text, [d.date.isoformat() for d in o.deadlines if d.date]) for o in extract_obligations(_dated(text))
             if o.kind == "goal"]
    assert ("——未来产业发展走在全国前列。打造未来产业发展先行区。", ["2025-12-31"]) in goals


def test_the_items_a_penalty_applies_to_are_the_duties_they_break():
    text = "第七十五条　生产经营单位有下列情形之一的，责令限期改正，处三万元以上十万元以下的罚款：\n（一）未按照规定设置安全总监的；\n" \
           "（二）未按照规定建立安全生产委员会的。\n前款第一项违法行为由应急管理部门作出处罚；第二项违法行为由市场监管部门作出处罚。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == [
        "（一）未按照规定设置安全总监的；", "（二）未按照规定建立安全生产委员会的。",
        "前款第一项违法行为由应急管理部门作出处罚；第二项违法行为由市场监管部门作出处罚。"]


def test_a_lists_lead_reads_its_cue_as_duty_cue_does():
    # the 应 of 应急 and the 要 of 主要 are no cue: what the items are is left to the rest of the lead
    assert pg._list_context("生产经营单位应当履行下列职责：") == "duties"
    assert pg._list_context("由应急管理部门依照下列规定处以罚款：") is None
    assert pg._list_context("本计划的主要举措分为以下几个方面：") is None


def test_a_list_of_what_a_sum_pays_for_is_no_list_of_duties():
    assert pg._list_context("安全生产资金投入主要用于下列事项：") == "descriptive"
    text = "第六条　安全生产资金投入主要用于下列事项：\n（一）从业人员安全生产教育和培训；\n（二）为从业人员配备劳动防护用品。\n"
    assert extract_obligations(_doc(text)) == ()


def test_a_paragraph_after_an_articles_items_is_one_unit_of_that_article():
    text = "第五条　生产经营单位应当履行下列职责：\n（一）建立安全生产责任制；\n（二）组织制定安全生产规章制度。\n" \
           "从业人员应当遵守安全生产规章制度。造成生产安全事故的，依法处理。\n"
    paras = pg.paragraphs(_doc(text))
    assert paras[-1].in_article
    assert [o.text for o in extract_obligations(_doc(text))][-1] == "从业人员应当遵守安全生产规章制度。造成生产安全事故的，依法处理。"


def test_a_penalty_lead_makes_its_items_duties_whoever_imposes_it():
    fined = "第四十六条　违反本条例规定，有下列行为之一的，由林业行政主管部门责令改正，处二百元以上二千元以下的罚款：\n" \
            "（一）损坏森林消防设施的；\n（二）破坏防火隔离带的。\n"
    assert [o.text for o in extract_obligations(_doc(fined))] == ["（一）损坏森林消防设施的；", "（二）破坏防火隔离带的。"]
    # 有下列行为之一，但未引起森林火灾的: the condition goes on after 之一
    assert pg._list_context("在森林防火期内有下列行为之一，但未引起森林火灾的，由林业行政主管部门责令停止违法行为，并处罚款：") \
        == "violations"


def test_a_lead_that_says_what_is_owed_on_its_cases_is_the_unit():
    text = "第四十三条　有下列情形之一的，县级以上人民政府应当给予奖励：\n（一）预防森林火灾成绩显著的；\n（二）扑救森林火灾有功的。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == ["第四十三条　有下列情形之一的，县级以上人民政府应当给予奖励："]


def test_a_warning_is_a_penalty_too():
    warned = "第四十四条　单位违反本办法，有下列行为之一的，由所在地区人民政府责令其限期改正，逾期不改正的，依法给予警告：\n" \
             "（一）违反本办法第十一条，未制定具体应急预案的；\n（二）违反本办法第二十条，未开展应急演练的。\n"
    assert [o.text for o in extract_obligations(_doc(warned))] == ["（一）违反本办法第十一条，未制定具体应急预案的；",
                                                                 "（二）违反本办法第二十条，未开展应急演练的。"]


def test_a_lead_that_acts_by_the_rules_it_lists_is_the_unit():
    fined = "第七十三条　主要负责人导致发生生产安全事故的，依法给予撤职处分，由应急管理部门依照下列规定处以罚款；" \
            "构成犯罪的，依法追究刑事责任：\n（一）发生一般事故的，处上一年年收入百分之四十的罚款；\n" \
            "（二）发生较大事故的，处上一年年收入百分之六十的罚款。\n"
    assert [o.text[:6] for o in extract_obligations(_doc(fined))] == ["第七十三条　"]
    assert pg.BY_LISTED_RULES.search("有关部门接到事故报告后，应当依照下列规定上报事故情况，并通知公安机关：")
    assert not pg.BY_LISTED_RULES.search("生产经营单位应当履行下列职责：")


def test_an_articles_item_that_ends_its_sentence_is_no_heading_over_the_next_paragraph():
    # minimal fixture: the paragraph after the items is the article's next paragraph (款), not the item's text
    text = "第五条　区应急局履行下列职责：\n（一）组织应急演练；\n（二）建立值班制度。\n各街镇应当配合区应急局做好应急工作。\n"
    paras = pg.paragraphs(_doc(text))
    assert [p.heading_only for p in paras] == [True, False, False, False]
    assert not any(h.startswith("（二）") for h in paras[-1].headings)
    assert [o.text for o in extract_obligations(_doc(text))] == [
        "（一）组织应急演练；", "（二）建立值班制度。", "各街镇应当配合区应急局做好应急工作。"]
    # outside an article a run-in title above its text stays a heading
    assert pg.paragraphs(_doc("（二）加强组织领导。\n各街镇要成立工作专班。\n"))[0].heading_only


def test_an_item_of_a_list_of_cases_is_a_case_whatever_its_own_words():
    # minimal fixture: 整改措施 and 职责 in an item do not make it a task section of its own
    contents = "第九条　事故报告应当包括下列内容：\n（一）事故发生的时间；\n（二）事故整改措施。\n"
    assert extract_obligations(_doc(contents)) == ()
    fined = "第二十条　有下列行为之一的，处以罚款：\n（一）未履行报告职责的；\n（二）拒绝检查的。\n"
    assert [p.context for p in pg.paragraphs(_doc(fined))][1:] == ["violations", "violations"]
    assert len(extract_obligations(_doc(fined))) == 2
