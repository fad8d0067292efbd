"""Segmentation rules of obligations on minimal fixtures (issue 13, round 3).

Every text here is a minimal fixture for one rule, marked as such, not a policy document."""

from __future__ import annotations

import re

from fixture_docs import fixture_document
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.obligations import extract_obligations, states_duty
from policykg.ingest.model import Document


def _doc(text: str) -> Document:
    # minimal fixture, not a policy document
    return fixture_document(text)


def test_numbered_title_with_a_comma_over_paragraphs_is_a_heading():
    """Fixture: 一、X体系，形成Y格局 (no sentence mark) over running text is a heading, not an item."""
    text = "一、完善消防安全责任体系，形成齐抓共管工作格局\n区应急局要加强消防安全检查。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == ["区应急局要加强消防安全检查。"]


def test_a_list_of_documents_is_no_duty():
    """Fixture: the titles a plan rests on, with 等."""
    assert not states_duty("《中华人民共和国突发事件应对法》《上海市突发事件总体应急预案》等")


def test_a_defined_terms_aside_gives_no_one_work():
    """Fixture: （以下统称举报人，应当为自然人） holds 应当 but defines a term."""
    assert not states_duty("本办法适用于社会公众（以下统称举报人，应当为自然人）举报的隐患。")
    assert states_duty("区应急局（以下简称区应急局）应当组织检查。")


def test_an_attachment_line_is_no_labelled_duty():
    """Fixture: 附件：X审批表 under a heading."""
    text = "一、工作要求\n区应急局要做好审批。\n附件：区应急局举报奖励审批表\n"
    # (the 一、 section's title line is no part of its item's unit: unit convention 10)
    assert [o.text for o in extract_obligations(_doc(text))] == ["区应急局要做好审批。"]


def test_a_list_of_things_to_have_makes_its_lead_in_the_duty():
    """Fixture: 应当设置以下设施、设备： over items that name things: one obligation, the lead-in."""
    text = ("第十条 经营场所应当设置以下安全设施、设备，并定期检查：\n"
            "（一）符合标准规定的通风系统；\n（二）防水挡板、沙袋等物资器材。\n"
            "第十一条 使用人不得进行下列行为：\n（一）拉接临时电线；\n（二）储存危险物品。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert texts[0].startswith("第十条 经营场所应当设置以下安全设施") and len(texts) == 3
    assert texts[1:] == ["（一）拉接临时电线；", "（二）储存危险物品。"]  # acts stay items


def test_a_duty_whose_items_all_name_things_is_one_unit():
    """Fixture: a lead-in with a cue (需携带…：, 应当将经费列入预算，保障…：) whose numbered items are all noun
    phrases of things (证件, 材料, 经费; a verb inside the noun, 建设经费, and an aside with a cue included) is
    one unit, the lead-in; a list with one act among its items (定期检查…设施) keeps its items."""
    text = ("（一）参加考核的人员需携带以下资料备审：\n1.本人有效身份证件；\n2.学历证书材料（网上能查阅到的，不需提供）。\n"
            "第三十二条 各级人民政府应当将经费列入本级财政预算，保障工作需要：\n（一）森林消防指挥部（所）日常工作经费；\n"
            "（二）基础设施建设经费。\n"
            "第三十三条 使用人应当做到以下几点：\n（一）定期检查消防设施；\n（二）配备灭火器材。\n")
    got = [(o.text, o.rule) for o in extract_obligations(_doc(text))]
    assert got[:2] == [("（一）参加考核的人员需携带以下资料备审：", "duty_things_lead"),
                       ("第三十二条 各级人民政府应当将经费列入本级财政预算，保障工作需要：", "duty_things_lead")]
    assert [t for t, _ in got[2:]] == ["（一）定期检查消防设施；", "（二）配备灭火器材。"]


# Fixture (a parser edge case, not a real document): five task items hard-wrapped at 20 characters, as text
# copied from a PDF arrives, with a page number between two lines of the second item
_WRAPPED_ITEMS = (
    ("1.完善检查制度。各街镇要定期开展消防安全检查，建立隐患清单和整改台账，落实整改责任，对重点场所实行挂图作战，"
     "确保隐患按期整改到位，整改情况每月报区安委办汇总。"),
    ("2.保障老年人居家用电用气的安全性。持续组织社区工作人员入户走访独居老人家庭，排查老化电线和燃气软管，"
     "指导更换不合格的电器产品，帮助安装独立式烟感报警器，对行动不便的老人落实定期上门服务。"),
    ("3.加强宣传培训。区应急局要会同区消防救援支队编印“消防安全明白纸”，组织开展进社区宣传活动，"
     "提升居民群众的火灾防范意识和自救互救能力。"),
    ("4.强化督查考核。区安委办要将检查整改情况纳入年度安全生产考核内容，对工作不力的单位予以通报批评，"
     "并督促其限期完成整改。"),
    ("5.落实经费保障。区财政局要将消防安全检查、宣传培训和设施更新所需经费列入年度预算，保障各项工作顺利开展，"
     "加强资金使用监督管理。"),
)


def test_a_text_hard_wrapped_at_a_page_width_is_read_as_its_paragraphs():
    """Lines as wide as the page that end inside a sentence go on in the next line, also after a title-like
    first line (2.保障…的安全性。持续) and across a page number; each item is one unit, as when unwrapped."""
    lines = ["一、重点任务"]
    for k, item in enumerate(_WRAPPED_ITEMS):
        lines += [item[i:i + 20] for i in range(0, len(item), 20)]
        if k == 1:
            lines.insert(len(lines) - 1, "2")
    got = extract_obligations(_doc("\n".join(lines) + "\n"))
    assert [re.sub(r"\s", "", o.text[:12]) for o in got] == [item[:12] for item in _WRAPPED_ITEMS]
    joined = [re.sub(r"\s", "", o.text) for o in got]
    assert joined[1].endswith("不便的老人落实定期上门服务。") and joined[4].endswith("加强资金使用监督管理。")
    unwrapped = extract_obligations(_doc("一、重点任务\n" + "\n".join(_WRAPPED_ITEMS) + "\n"))
    assert [o.text for o in unwrapped] == list(_WRAPPED_ITEMS)


def test_a_text_of_short_lines_is_not_taken_for_a_wrapped_one():
    """Headings, signatures and list lines of one width are no page width unless most lines that end inside a
    sentence share it (a text with one paragraph per line keeps its line breaks)."""
    lines = ["一、重点任务", "（一）加强组织领导", "（二）强化督查考核", "区应急管理局", "2024年3月1日"] * 3 + list(_WRAPPED_ITEMS)
    assert pg._wrap_width(lines) is None


def test_a_statement_of_significance_is_background_not_work():
    """Fixture: a copula or 具有…意义 for predicate (…是…的重要举措，也是…的内在要求; …，对加快…具有重要意义) says what a
    field means, also with a cue inside (确保…的核心手段) and in a preamble outside any heading; work about it stays."""
    assert not states_duty("持续推进消防安全治理是践行人民至上理念的重要举措，也是实施《消防法》的内在要求。")
    assert not states_duty("消防设施作为城市的基础设施，已成为确保公共安全的核心手段，对提升城市安全水平具有重要意义。")
    assert states_duty("各街镇要充分认识消防安全治理的重要意义，加强组织领导。")
    text = ("检测装备是制造业的重要组成，已成为确保产品质量的核心手段，对加快制造业高端化发展具有重要意义。"
            "各地要加快推广检测装备。\n")
    assert [o.text for o in extract_obligations(_doc(text))] == ["各地要加快推广检测装备。"]


def test_a_power_stays_a_power_over_the_clauses_of_its_predicate():
    """Fixture: a clause opening with a verb whose object is a unit (…，协调有关单位开展…; …，统一组织开展…) goes on
    with the predicate that 可以 governs, and a sentence with no verb (…期为…) states no act: both texts only
    permit; a unit of its own acting after the power (项目办对…进行初步审核) and a cue keep the work."""
    for text in (("市和区人民政府可以根据处置的需要，设立现场指挥机构，统一开展现场指挥工作。"
                  "现场指挥长有权决定处置方案，协调有关单位开展处置工作。"),
                 ("全省森林防火期为每年的11月1日至次年的4月30日。"
                  "县级以上人民政府可以根据当地实际情况，公告提前或者推迟森林防火期。")):
        assert not states_duty(text) and not states_duty(text, numbered=True)
    assert states_duty("镇人民政府可以受理申请，项目办对申请材料进行初步审核。")
    assert states_duty("县级以上人民政府应当设立现场指挥机构，协调有关单位开展处置工作。")


def test_a_guiding_idea_is_a_principle_not_work():
    """Fixture: 以…思想为指导，全面贯彻… states the guiding idea (指导思想), also opened by 要 or 坚持 and in a preamble;
    a sentence that only names a basis later (各街镇要以…为重点，开展…) is not one."""
    for text in ("以新发展理念为指导，全面贯彻会议精神，加快推进消防安全治理。",
                 "要以新发展理念为指导，全面贯彻会议精神，鼓励地方大胆探索。",
                 "坚持以人民为中心的发展思想为引领，着力推动高质量发展。"):
        assert not states_duty(text)
        assert not extract_obligations(_doc(text + "\n"))
    assert states_duty("各街镇要以高层建筑为重点，开展消防安全检查。")


def test_a_background_section_is_descriptive():
    """Fixture: 一、现状与形势 (发展现状, 面临形势, 发展形势与展望) is the background a plan opens with: its sentences,
    also an exhortation with 要, are no work; a measure whose title only names a state (厘清现状，做好设计) stays."""
    text = ("一、现状与形势\n我国智能制造发展取得长足进步，支撑体系逐步完善，发布国家标准285项。\n"
            "站在新的历史交汇点，要坚定不移地以智能制造为主攻方向，推动产业技术变革。\n"
            "二、重点任务\n（一）加强标准建设。各地要加快制定智能制造地方标准。\n"
            "（二）厘清现状，做好设计。各级部门要厘清建设现状，开展系统设计。\n")
    got = [o.text for o in extract_obligations(_doc(text))]
    assert got == ["（一）加强标准建设。各地要加快制定智能制造地方标准。", "（二）厘清现状，做好设计。各级部门要厘清建设现状，开展系统设计。"]
    assert [pg.heading_context(h) for h in ("发展现状", "面临形势", "发展形势与展望", "厘清现状，做好设计")] == \
        ["descriptive", "descriptive", "descriptive", None]


def test_a_bullet_is_an_item():
    """Fixture: ——X。Y。 under a task heading is one unit, not one per sentence."""
    text = "三、保障措施\n——完善工作机制。建立健全协同机制。加强督导考核。\n"
    (ob,) = extract_obligations(_doc(text))
    assert ob.text.startswith("——完善工作机制。") and ob.text.endswith("加强督导考核。")


def test_a_goal_bullet_runs_from_its_commitment():
    """Fixtures: in 主要目标 a bullet whose commitment follows its run-in heading is one goal; measures before a
    later dated commitment are not part of it."""
    text = ("（二）主要目标\n——创新能力进一步增强。每年培育30家智能工厂。\n"
            "——突出风险得到整治。坚持问题导向，集中整治高层建筑。2022年年底前，重大风险明显减少。\n")
    first, second = extract_obligations(_doc(text))
    assert first.kind == second.kind == "goal"
    assert first.text == "——创新能力进一步增强。每年培育30家智能工厂。"
    assert second.text == "2022年年底前，重大风险明显减少。" and not second.site_types


def test_a_list_of_criteria_is_no_list_of_duties():
    """Fixture: 现对重点单位作出以下界定标准： over numbered kinds: criteria, no work."""
    text = ("现对消防安全重点单位作出以下界定标准：\n一、人员密集场所\n（一）建筑面积在1000平方米以上的商场；\n"
            "二、国家机关\n（一）市级和区级防灾调度指挥楼。\n")
    assert extract_obligations(_doc(text)) == ()


def test_goal_bullets_carry_the_date_of_their_lead_paragraph():
    """Fixture: 到2025年，…。 then ——… bullets that name no date: each is due when the lead says."""
    text = ("（二）主要目标\n到2025年，智能制造水平显著提升。\n——创新能力进一步增强。每年培育30家智能工厂。\n"
            "（三）保障措施\n——应用水平进一步提升。建成100家以上数字化车间。\n")
    obs = extract_obligations(_doc(text))
    bullet = next(o for o in obs if o.text.startswith("——创新能力"))
    assert [d.date.isoformat() for d in bullet.deadlines] == ["2025-12-31"]
    other = next(o for o in obs if o.text.startswith("——应用水平"))
    assert not other.deadlines  # another section: no lead date


def test_a_labelled_lead_clause_closes_a_measure():
    """Fixture: …。（牵头单位：X厅） closes the measure before it, a unit of its own."""
    text = ("二、重点任务\n省创新中心：鼓励龙头企业牵头创建。优化全省布局，尽快实现零的突破。（牵头单位：省工业和信息化厅）\n")
    (ob,) = extract_obligations(_doc(text))
    assert ob.text.startswith("省创新中心：鼓励") and ob.text.endswith("（牵头单位：省工业和信息化厅）")


def test_items_that_name_failures_are_cases():
    """Fixtures (constructed): 未按照…配备…人员; / 不按时进场作业; name failures a rule applies to; a list under
    违反下列规定的… is a list of violations; a penalty article stays work."""
    assert not states_duty("未按照合同约定配备专职安全管理人员;", numbered=True)
    assert not states_duty("不按时进场作业，不能按期完成整改任务;", numbered=True)
    assert states_duty("不可移动文物的保护措施由镇政府组织实施。", numbered=True)
    text = "一、管理\n（三）建设单位违反下列规定的将移交相关部门处理：\n1、建设单位不严格执行本办法，存在违规立项行为；\n"
    assert extract_obligations(_doc(text)) == ()


def test_a_project_table_reads_its_years_column():
    """Fixture: 序号 | 项目名称 | 建设内容 | 建设年限 | 责任单位, one row."""
    text = "序号\t项目名称\t建设内容\t建设年限\t责任单位\n1\t消防站\t新建消防站一座。\t2023-2025年\t区应急局\n"
    (ob,) = extract_obligations(_doc(text))
    assert [(d.precision, d.date.isoformat()) for d in ob.deadlines] == [("interval", "2025-12-31")]


def test_a_catch_all_of_other_rules_closing_a_list_is_no_duty():
    """Fixture: （四）国家及本市其他有关…的管理规定。 closes a list of duties; 遵守… that names them is a duty."""
    text = ("第十一条 使用人应当遵守下列规定：\n（一）定期检查消防设施；\n（二）国家及本市其他有关地下空间消防安全的管理规定。\n"
            "第十二条 使用人应当遵守下列规定：\n（一）遵守国家及本市其他有关地下空间安全使用的管理规定；\n（二）定期组织演练。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert "（二）国家及本市其他有关地下空间消防安全的管理规定。" not in texts
    assert "（一）遵守国家及本市其他有关地下空间安全使用的管理规定；" in texts and "（一）定期检查消防设施；" in texts


def test_a_thing_described_by_a_verb_is_still_a_thing_to_have():
    """Fixture: （三）应急预案要求配备的应急救援设施器材； in a list of things is a thing, not an act."""
    text = ("第十条 经营场所应当设置以下安全设施、设备：\n（一）符合标准规定的通风系统；\n"
            "（二）防水挡板、沙袋等物资器材；\n（三）应急预案要求地下空间配备的应急救援设施器材；\n")
    (ob,) = extract_obligations(_doc(text))
    assert ob.text.startswith("第十条 经营场所应当设置以下安全设施")


def test_a_units_label_with_a_bracket_keeps_its_duties_one_unit():
    """Fixture: an attachment entry 'unit（function）：duty；duty。' is one unit of work, as 'unit：…' is; a
    clause ending in a colon is no unit's label: under 一、 with no item below it the paragraph is the section's item,
    one unit (unit convention 2; its title line no part of it, unit 10), not a labelled line."""
    text = ("附件：相关单位及职责\n城市建设管理事务中心（水务）：组织水务设施的抢修；参与防汛防台事件的调查处理工作。\n"
            "派出所：负责现场治安秩序维护；参与事故调查。\n")
    got = [o.text for o in extract_obligations(_doc(text))]
    assert got == ["城市建设管理事务中心（水务）：组织水务设施的抢修；参与防汛防台事件的调查处理工作。",
                   "派出所：负责现场治安秩序维护；参与事故调查。"]
    text = ("一、应急响应\n事件响应分为四级：IV级(一般)、Ⅲ级(较大)。各单位要启动响应措施进行处置。"
            "当超出自身处置能力时，要及时向上一级报告。\n")
    (ob,) = extract_obligations(_doc(text))
    assert ob.rule == "item_paragraph" and ob.text.startswith("事件响应分为四级")  # (no title line: unit convention 10)


def test_a_power_after_a_subject_or_condition_is_no_duty():
    """Fixtures: 可以 opens the predicate after a subject clause or a condition; a sanction stays a duty."""
    assert not states_duty("不可移动文物根据其历史、艺术、科学价值，可以依法确定为区级文物保护单位。", numbered=True)
    assert not states_duty("经评估，不可移动文物保护价值发生明显改变的，可以依法予以升级、降级或者撤销。", numbered=True)
    assert states_duty("违反本办法第十五条规定，不履行备案手续的，给予警告，责令限期改正，可以对单位并处罚款；", numbered=True)


# Minimal sentences written for kinds of descriptive text (fixtures, not from a document).

def test_catch_all_items_name_no_work():
    for item in ("法律、法规规定的其他资金投入。", "法律法规、国家标准或者行业标准规定的其他安全生产条件。", "其他影响消防安全的行为。"):
        assert not states_duty(item, numbered=True), item
    assert states_duty("其他有关部门要按照职责做好相关工作。", numbered=True)


def test_a_collective_name_and_a_composition_are_descriptive():
    assert not states_duty("应急管理部门和负责相关行业安全生产监督管理工作的部门，统称负有安全生产监督管理职责的部门。")
    assert not states_duty("安全生产委员会由本单位的主要负责人、其他负责人、安全生产管理机构以及其他职能部门负责人、工会代表和"
                           "从业人员代表等人员组成。")


def test_a_duty_over_a_list_of_kinds_is_one_unit_its_items_are_not():
    text = "第四十三条 对下列生产经营单位应当进行重点检查：\n（一）高危生产经营单位；\n" \
           "（二）发生过生产安全事故，或者受过行政处罚的生产经营单位。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == ["第四十三条 对下列生产经营单位应当进行重点检查："]


def test_verbs_and_adverbs_of_plain_duties():
    assert states_duty("适当准备常用药品、酒精等卫生医疗物资。", numbered=True)  # 准备 is an act
    assert states_duty("结合本区突发事件特点，每年至少进行一次综合演练。")  # 至少 before the verb


def test_a_duty_sentence_before_a_lists_opening_sentence_makes_the_lead_a_unit():
    text = "第十九条　本镇制定不可移动文物的保护要求。保护要求可以分为以下两类：\n（一）建筑的立面不得改变；\n" \
           "（二）建筑的主要结构不得改变。\n"
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert texts[0].startswith("第十九条　本镇制定") and len(texts) == 3
    # a lead that only opens its list stays a heading
    only = "第五条　生产经营单位应当履行下列职责：\n（一）建立安全生产责任制；\n（二）组织制定安全生产规章制度。\n"
    assert [o.text for o in extract_obligations(_doc(only))] == ["（一）建立安全生产责任制；", "（二）组织制定安全生产规章制度。"]
    # a notice's preamble over its numbered sections is no unit
    notice = "为做好冬春火灾防控，决定开展专项行动。现就有关事项通知如下：\n一、各村要开展排查。\n二、各村要落实整改。\n"
    assert not any(o.text.startswith("为做好") for o in extract_obligations(_doc(notice)))


def test_a_file_name_is_no_duty():
    assert not states_duty("重庆市人民政府办公厅关于促进内外贸一体化发展的实施意见.doc")
    assert not states_duty("市政府关于印发盐业体制改革实施方案的通知.PDF")
    assert states_duty("区应急局要在年底前完成检查。")


def test_what_is_to_be_done_by_a_unit_named_after_you_is_a_duty():
    heading = "一、落实补贴政策\n"
    texts = [o.text for o in extract_obligations(_doc(heading + "我省的贷款贴息由各市财政承担，在年度预算中安排。\n"))]
    assert texts == ["我省的贷款贴息由各市财政承担，在年度预算中安排。"]
    assert not states_duty("由于资金紧张，项目进展缓慢。")


def test_a_limit_counted_from_the_effect_date_and_a_request_are_no_wrapper_phrases():
    assert states_duty("已经投入使用的地下室，其产权人应当自本办法颁布实施之日起6个月内办理备案手续。")
    assert states_duty("区级指挥部应当及时报告市级指挥部，请求市级指挥部协调落实接收地。")
    assert not states_duty("本办法自2020年1月1日起施行。")
    assert not states_duty("请各街镇认真贯彻执行。")


def test_an_activity_that_follows_a_principle_is_no_duty():
    assert not states_duty("安全生产工作坚持中国共产党的领导。", numbered=True)
    assert not states_duty("居民住宅区消防安全管理贯彻预防为主、防消结合的方针，实行消防安全责任制。", numbered=True)
    assert not states_duty("安全生产工作应当以人为本，坚持安全第一、预防为主的方针。")
    article = "第三条　安全生产工作坚持中国共产党的领导。\n安全生产工作应当以人为本，坚持安全第一的方针。\n"
    assert extract_obligations(_doc(article)) == ()
    # a unit as subject, or work beside the principle, stays a duty
    assert states_duty("区应急局坚持预防为主的原则，组织开展隐患排查。")
    assert states_duty("消防安全管理工作实行网格化管理，各街镇每月开展一次检查。")


def test_a_power_after_a_long_subject_is_no_duty_unless_another_unit_acts():
    assert not states_duty("国务院安全生产监督管理部门可以会同国务院有关部门，制定事故等级划分的补充性规定。")
    assert not states_duty("镇文物行政管理部门可以根据实际需要，会同镇规划部门，在保护范围外划出建设控制地带，报镇人民政府批准后公布。")
    assert states_duty("街道各职能部门可根据工作需要提出项目申请，项目办对项目申请进行初步审核。")
    assert states_duty("国务院安全生产监督管理部门应当会同国务院有关部门，制定事故等级划分的补充性规定。")


def test_what_a_document_must_hold_is_no_act():
    assert not states_duty("应急征用凭证应当载明征用的依据、事由、被征用财产的名称及数量等要素。")
    assert not states_duty("安全生产规章制度应当包括安全生产教育和培训、隐患排查治理等制度。")
    assert states_duty("各单位应当明确一名消防安全管理人。")
    assert states_duty("生产经营单位应当制定安全生产规章制度。安全生产规章制度应当包括隐患排查治理等制度。")


def test_an_article_paragraph_with_brackets_is_still_one_unit():
    text = "第七条　本市发挥社会组织的作用。\n居民委员会、村民委员会应当开展应急知识宣传；在突发事件发生时，组织、动员居（村）民开展自救和互救。\n"
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert texts[-1] == "居民委员会、村民委员会应当开展应急知识宣传；在突发事件发生时，组织、动员居（村）民开展自救和互救。"


def test_a_power_held_by_a_unit_after_a_topic_clause_is_no_duty():
    assert not states_duty("未造成人员伤亡的一般事故，县级人民政府也可以委托事故发生单位组织事故调查组进行调查。")
    assert not states_duty("本条例规定的行政处罚，林业行政主管部门可以委托乡林业站实施。")
    # a unit of its own acting after the power keeps the duty
    assert states_duty("未造成人员伤亡的一般事故，县级人民政府可以委托事故发生单位调查，区应急局对调查报告进行审核。")


def test_the_main_clause_follows_the_condition_and_the_rule_it_goes_by():
    assert states_duty("生产经营单位从业人员安全生产举报，以及信息员提供的线索，按照规定核查属实的，给予举报人现金奖励。")
    assert states_duty("举报事项经核查属实的，按照国家和省有关规定对有功的举报人员给予奖励。")
    assert not states_duty("举报事项经核查属实的，按照国家有关规定执行。")


def test_a_catch_all_closes_a_list_whatever_its_clause():
    # 的 before the noun carries a cue of the clause it closes; 的 after the noun closes a list of violations
    for item in ("其他依法应当履行的职责。", "其他依法应当履行的安全生产职责。", "其他玩忽职守、徇私舞弊、贪赃枉法行为的。"):
        assert not states_duty(item, numbered=True), item
    assert states_duty("其他有关部门应当履行相应的职责。", numbered=True)  # a unit 其他…部门 with its own cue


def test_a_lead_with_work_of_its_own_before_the_clause_that_opens_its_list_is_a_duty():
    """Fixture: 应当明确…区域，履行以下职责： gives work before the list; 履行下列职责： alone does not, nor
    answering for the work (全面负责), nor a cue inside a relative clause (应当具备的…投入)."""
    own = "第十一条　护林员应当明确巡护区域，履行以下职责：\n（一）宣传防火知识；\n（二）巡护森林。\n"
    assert [(o.text, o.rule) for o in extract_obligations(_doc(own))] == [
        ("第十一条　护林员应当明确巡护区域，履行以下职责：", "duty_before_list"),
        ("（一）宣传防火知识；", "numbered_item"), ("（二）巡护森林。", "numbered_item")]
    for lead in ("事故调查组履行下列职责：", "县级以上人民政府应当根据本地区实际，履行下列职责：",
                 "单位主要负责人应当对本单位安全工作全面负责，履行下列职责：",
                 "单位应当具备的安全条件所必需的资金投入，主要用于下列事项："):
        text = f"第十一条　{lead}\n（一）宣传防火知识；\n（二）巡护森林。\n"
        assert all(o.rule != "duty_before_list" for o in extract_obligations(_doc(text))), lead


def test_a_cue_inside_a_cited_title_is_no_cue():
    """Fixture: the 应 of 《…应对法》 and the 须 of 《…须知》 belong to a title; outside one they stay cues."""
    assert not states_duty("本市实施《中华人民共和国突发事件应对法》办法")
    text = "本区实施《突发事件应对法》办法\n《突发事件应对法》《考生须知》等\n区应急局应当组织应急演练。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == ["区应急局应当组织应急演练。"]
    assert states_duty("区应急局应对辖区企业进行检查。")


def test_a_cue_in_a_relative_clause_or_in_the_opening_condition_governs_no_predicate():
    """Fixture: 负责调查的事故 qualifies a noun, 应当由…负责调查的， is a condition; the power after them (可以)
    is no duty. A cue that governs its clause stays one."""
    assert not states_duty("上级政府认为必要时，可以调查由下级政府负责调查的事故。")
    assert not states_duty("依照本办法应当由上级政府负责调查的，上级政府可以另行组织调查。")
    assert states_duty("区应急局负责对辖区内的企业进行检查。")
    assert states_duty("发生事故的，区应急局应当组织调查。")


def test_a_goal_paragraph_opening_with_its_year_dates_each_commitment_after_it():
    """Fixture: 到2025年，A。B。: B is a commitment of 2025 too; a goal paragraph that does not open with its year
    keeps only its dated or quantified sentences."""
    text = "二、工作目标\n到2025年，全区应急指挥平台实现业务化运行。各街镇微型消防站基本建成。\n"
    goals = [(o.text, o.kind, [d.date.isoformat() for d in o.deadlines]) for o in extract_obligations(_doc(text))]
    assert goals == [("到2025年，全区应急指挥平台实现业务化运行。", "goal", ["2025-12-31"]),
                     ("各街镇微型消防站基本建成。", "goal", ["2025-12-31"])]
    later = "二、工作目标\n全区应急能力明显提升。到2025年，全区应急指挥平台实现业务化运行。各街镇微型消防站基本建成。\n"
    assert [o.text for o in extract_obligations(_doc(later))] == ["到2025年，全区应急指挥平台实现业务化运行。"]


def test_a_goal_items_sentences_and_clauses_are_goals_under_the_span_that_opens_them():
    """Fixture (gold unit convention 4): each sentence and ；-clause of a goal item or paragraph is a goal when it
    carries a date or number, its own or a span opening its sentence (通过三年治本攻坚，…；…); the item's number
    and run-in heading go with its first goal."""
    item = "一、总体要求\n（二）主要目标。力争通过三年行动，化解一批重大风险。2024年底前基本消除存量隐患，2025年底遏制增量。\n"
    goals = [(o.text, [d.date.year for d in o.deadlines if d.date]) for o in extract_obligations(_doc(item))]
    assert goals == [("（二）主要目标。力争通过三年行动，化解一批重大风险。", []),
                     ("2024年底前基本消除存量隐患，2025年底遏制增量。", [2024, 2025])]
    clauses = "二、工作目标\n通过三年治本攻坚，安全意识更加强烈；重点行业领域建立健全机制；2024年底前基本消除隐患。\n"
    assert [o.text for o in extract_obligations(_doc(clauses))] == [
        "通过三年治本攻坚，安全意识更加强烈；", "重点行业领域建立健全机制；", "2024年底前基本消除隐患。"]
    slogan = "二、工作目标\n全区应急能力明显提升，安全形势持续向好。\n"
    assert extract_obligations(_doc(slogan)) == ()


def test_a_one_character_unit_head_ends_its_word():
    """Fixture: the 处 of 处置, the 部 of 部署, the 所 of 所有 head no unit; 派出所, 区城管执法局 and 区应急局 do."""
    from policykg.ingest.extract.cues import AGENT_START

    for clause in ("加强应急处置能力建设", "部署开展专项检查", "所有人员参加培训"):
        assert AGENT_START.match(clause) is None, clause
    assert [AGENT_START.match(c).group(0) for c in ("派出所负责巡查", "区城管执法局要", "区应急局会同")] == [
        "派出所", "区城管执法局", "区应急局"]


def test_a_person_answering_for_the_work_is_no_units_duty():
    """Fixture: 主要负责人是…第一责任人 / 负责人负有…权，对…承担…责任 say who answers, a person; with a modal
    (负责人应当组织…) a person's act stays a duty."""
    assert not states_duty("区政府主要负责人是本区消防工作的第一责任人，分管负责人是主要责任人。")
    assert not states_duty("单位设置技术负责人的，技术负责人负有技术决策权，对技术方案承担管理责任。")
    assert states_duty("单位主要负责人应当组织制定应急预案。")


def test_a_paragraph_under_a_measures_title_line_is_one_unit():
    """Fixture: （一）加强组织领导 alone on its line, then its text: each paragraph is one obligation (gold unit
    convention 2), not each sentence, also where each sentence names its own unit (（二）部门职责: unit convention 8,
    each unit keeping its role), and a paragraph under a section heading (一、) with no deeper item is one unit too (unit
    convention 28's sixteenth-adjudication amendment: a numbered section with no sub-items is a numbered item)."""
    text = ("一、主要任务\n（一）加强组织领导\n成立工作专班。建立调度机制，定期研究重大问题。\n"
            "完善考核办法。\n（二）部门职责\n区应急局负责综合协调。区住建局负责房屋安全。\n")
    got = [o.text for o in extract_obligations(_doc(text))]
    assert got == ["成立工作专班。建立调度机制，定期研究重大问题。", "完善考核办法。",
                   "部门职责\n区应急局负责综合协调。区住建局负责房屋安全。"]
    text = "一、加强组织领导\n区应急局组建消防工作专班。建立调度机制，定期研究重大问题。\n"
    assert [o.text for o in extract_obligations(_doc(text))] == ["区应急局组建消防工作专班。建立调度机制，定期研究重大问题。"]


def test_a_duty_stated_by_an_items_heading_holds_over_a_body_of_powers():
    """Fixture: （一）加强监管。有条件的地区可… — the run-in heading states the duty, so the item stays one
    obligation although its body is written with 可 (gold unit convention 5); a 可 sentence on its own, an
    invitation's heading and the wrapper's 请…贯彻落实 are none."""
    text = ("一、主要任务\n（一）加强监管。有条件的地区可结合本地实际出台配套措施。\n"
            "（二）鼓励创新。各地可以探索建立容错机制。\n有条件的地区可结合本地实际出台配套措施。\n"
            "现将《实施方案》印发给你们，请认真遵照执行。\n")  # constructed
    assert [o.text for o in extract_obligations(_doc(text))] == ["（一）加强监管。有条件的地区可结合本地实际出台配套措施。"]


def test_an_invitation_without_a_subject_gives_no_one_work_whatever_cue_its_act_holds():
    """Fixture: 鼓励…确保… / 第二十二条 鼓励…应对… — the cue lies inside the act invited; a unit that invites
    or is told to (区政府要鼓励…) still has work."""
    assert not states_duty("第二十二条 鼓励保险企业根据本市实际，开展与突发事件应对相关的保险业务。")
    assert not states_duty("鼓励推广作业前安全教育制度，对从业人员进行教育，确保安全。")
    assert states_duty("区政府要鼓励企业开展培训。")


def test_an_item_with_several_labelled_clauses_is_one_obligation_per_clause():
    """Fixture: two measures of one item, each closed by its own （责任单位：…） / （牵头单位：…；责任单位：…）:
    one obligation per clause with that clause's units and roles (gold unit convention 1)."""
    text = ("一、主要任务\n（一）优化营商环境。深化审批制度改革，推进审批提速。（责任单位：省发展改革委、省商务厅）"
            "加强知识产权保护，完善维权机制。（牵头单位：省市场监管局；责任单位：省公安厅）\n")
    got = extract_obligations(_doc(text))
    assert [o.text[:8] for o in got] == ["（一）优化营商环", "加强知识产权保护"]
    assert [sorted((a.text, a.role) for a in o.agencies) for o in got] == [
        [("省发展改革委", "lead"), ("省商务厅", "lead")], [("省公安厅", "cooperate"), ("省市场监管局", "lead")]]


def test_closing_formulas_that_write_an_act_are_obligations():
    """Fixture (gold unit convention 7): 由X负责解释 and 另行制定 write an act; 解释权归X所有, 施行 write none."""
    assert states_duty("本办法由区应急管理局负责解释。")
    assert states_duty("本办法由区应急管理局会同区公安分局负责具体解释。")
    assert states_duty("本政策实施细则另行制定。")
    assert not states_duty("本办法解释权归区应急管理局所有。")
    assert not states_duty("本办法自2020年1月1日起施行。")
    assert not states_duty("另行制定的办法与本办法不一致的，以本办法为准。")
    text = "第二十条 本意见由市财政局负责解释。\n第二十一条 本意见自发布之日起施行。\n"
    obs = extract_obligations(_doc(text))
    assert [o.text for o in obs] == ["第二十条 本意见由市财政局负责解释。"]
    assert [(a.name, a.role) for a in obs[0].agencies] == [("市财政局", "lead")]


def test_the_documents_own_making_is_no_duty():
    """Fixture: the opening formula that says why or on what basis the document is made (为…，提出以下意见;
    第一条 根据…，制定本办法) names no work; a unit making its own plan (各区要制定实施方案) does."""
    assert not states_duty("为贯彻落实《若干意见》，现结合我省实际提出以下实施意见。")
    assert not states_duty("根据《中华人民共和国突发事件应对法》，结合本市实际情况，制定本办法。", numbered=True)
    assert states_duty("根据本方案，制定本区实施方案。", numbered=True)
    assert states_duty("为落实本方案，各区要制定实施方案。")


def test_a_numbered_items_only_paragraph_is_read_with_its_title():
    """Fixture: 1.X产品 (a name, no verb) over one paragraph, then 2.: the paragraph with its title is the item,
    one unit whose text starts at the title; its sentences are not units of their own (gold unit convention 2)."""
    text = ("二、重点任务\n（一）智能产品类\n1.智能辅助诊断产品\n揭榜任务：研发辅助诊断产品，突破辅助分诊算法。"
            "算法性能达到临床应用要求。\n2.发展地震建模技术\n研发三维建模技术，提升计算效率。开展模型评估。\n")
    texts = [o.text for o in extract_obligations(_doc(text))]
    assert texts == ["智能辅助诊断产品\n揭榜任务：研发辅助诊断产品，突破辅助分诊算法。算法性能达到临床应用要求。",
                     "发展地震建模技术\n研发三维建模技术，提升计算效率。开展模型评估。"]


def test_a_titles_paragraph_whose_sentences_name_their_own_units_is_one_unit():
    """Fixture: an item's paragraph whose sentences open with the units that act is one unit, read with its title,
    each unit keeping its own role (unit conventions 2 and 8, as the sixteenth adjudication read every split).
    (A decimal section of a plan (3.2) is an item since the thirteenth adjudication: test_obligation_units_s11.)"""
    units = "二、重点任务\n1.信息公开\n区住建委负责公开项目信息。各街镇配合做好公示工作。\n2.其他\n"
    assert [o.text for o in extract_obligations(_doc(units))] == ["信息公开\n区住建委负责公开项目信息。各街镇配合做好公示工作。"]


def test_each_paragraph_of_a_titled_item_is_one_unit():
    """Fixture: （七）X探索 (a name, no verb first) over two paragraphs: each paragraph is one unit, its ；-clauses and sentences
    not cut; the title opens the first (gold unit convention 2)."""
    text = ("三、战略任务\n（七）防震减灾领域场景拓展与创新探索\n深化人工智能在能源开采领域的应用；加强海洋地震监测技术研发。"
            "\n基于现有的通用大模型，训练面向地震科学的大模型。探索大模型在地震业务中的应用。\n四、战略保障\n"
            "（一）加强组织领导。成立工作组，统筹推进规划实施。\n")
    assert [o.text for o in extract_obligations(_doc(text))][:2] == [
        "防震减灾领域场景拓展与创新探索\n深化人工智能在能源开采领域的应用；加强海洋地震监测技术研发。",
        "基于现有的通用大模型，训练面向地震科学的大模型。探索大模型在地震业务中的应用。"]
