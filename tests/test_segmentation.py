"""Units of work (issue 13, structure): which items, sentences, paragraphs and table rows are obligations.

Readable corpus documents (seed, dev-read, or without gold) for the rules they show; a minimal fixture,
marked as such, for a parser edge case the corpus does not hold (a stage heading above items, a table
flattened one cell per line) and in place of a closed (held-out or dev-check) document: constructed text
with the same layout, never a closed document's words.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from policykg.ingest.extract import obligations as ob
from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.layout import heading_number
from policykg.ingest.model import Document
from policykg.ingest.pipeline import parse_bytes, parse_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
ZHELIN = CORPUS / "shanghai/township/上海市奉贤区柘林镇人民政府关于印发《柘林镇文物保护管理办法》的通知.md"
WUFEI = CORPUS / "national/gov-cn/guobanfa-2018-128.html"
NONGJI = CORPUS / "national/gov-cn/guofa-2018-42.html"
CHANGDE = CORPUS / "seeds/002_703e075b325a6c8c.txt"
YANGGAO = CORPUS / "seeds/004_79996aa73383e184.txt"

# constructed fixture, not a policy document: a district's rules of duties (sections 三 and 四 with their items)
RULES = ("# 某区安全工作责任制实施细则\n\n"
         "一、总则\n为落实安全工作责任制，制定本细则。\n"
         "三、各街镇（经开区）工作职责\n（一）建立安全工作组织，明确专人负责安全工作。\n"
         "（二）组织开展安全检查。\n（三）保障街镇（经开区）安全工作经费。\n"
         "四、区政府各部门工作职责\n（一）区政府各部门在各自职责范围内履行下列共同职责\n"
         "1.贯彻执行安全工作法律法规和政策。\n"
         "2.定期分析评估本行业、本系统安全工作形势，研究解决安全工作中的重大问题，督促指导本行业、本系统单位落实"
         "安全主体责任，组织开展安全检查和隐患排查整治。\n"
         "（二）区政府各部门按照职责分工依法履行下列分工职责\n"
         "1.区应急局负责安全工作的综合监管。\n"
         "2.区财政局按规定对安全工作资金进行预算管理，落实经费保障。\n"
         "3.区住建委负责建设工程的安全监管。\n")
# constructed fixture, not a policy document: an emergency plan with a table of contents and unit labels
ZONE_PLAN = ("# 某园区地下空间突发事件应急预案\n\n目录\n1.总则\n2.组织体系\n5.应急响应\n5.1信息报告\n5.2先期处置\n"
             "5.3分级响应\n6.后期处置\n\n1.总则\n本预案适用于本园区地下空间突发事件的应对工作。\n"
             "2.组织体系\n2.1领导机构\n园区管委会统一领导地下空间突发事件的应对工作。\n"
             "2.2成员单位职责\n派出所：负责事发现场及周边治安秩序维护；配合开展人员疏散。\n"
             "5.应急响应\n5.1信息报告\n事发单位应立即向园区管委会报告。\n5.2先期处置\n事发单位应立即组织人员疏散。\n"
             "5.3分级响应\n园区管委会按照事件等级启动相应级别的响应。\n6.后期处置\n事发单位应做好善后工作。\n")
# constructed fixture, not a policy document: what an inspection covers, listed after 下列内容 (the lead carries
# 应当, so that without the contents-list rule its items would be read as duties: the test can fail)
CHECKS = ("# 某区地下空间安全使用监督检查管理规定\n\n"
          "第一条 为加强本区地下空间安全使用的监督检查，制定本规定。\n"
          "第五条 区综合协调部门应当定期组织对地下空间进行监督检查。\n"
          "第六条 监督检查应当包括下列内容：\n（一）落实地下空间使用登记的情况；\n（二）设置和维护安全设施设备的情况；\n"
          "（三）落实安全管理制度的情况。\n"
          "第七条 检查中发现安全隐患的，检查部门应当责令使用人限期整改。\n")


def _fixture(text: str, name: str):
    return parse_bytes(text.encode("utf-8"), name)


@pytest.fixture(scope="module")
def rules_doc():
    return _fixture(RULES, "fixture-rules.md")


def _holding(doc, words):
    return [o for o in doc.obligations if words in o.text]


def test_short_one_sentence_items_with_a_duty_are_obligations(rules_doc):
    # leaf items: the next line is their sibling or a higher heading, not text of their own
    assert _holding(rules_doc, "2.区财政局按规定对安全工作资金进行预算管理，落实经费保障。")
    assert _holding(rules_doc, "（三）保障街镇（经开区）安全工作经费。")
    # a title with items below it stays a heading
    assert not _holding(rules_doc, "（一）区政府各部门在各自职责范围内履行下列共同职责")


def test_long_one_sentence_items_are_read_whole(rules_doc):
    # the action test once saw only the last characters of a one-sentence item (a wrong slice)
    (item,) = _holding(rules_doc, "2.定期分析评估本行业")
    assert item.rule == "numbered_item" and item.text.startswith("2.定期") and item.text.endswith("隐患排查整治。")


def test_item_number_followed_by_a_date_is_not_a_decimal():
    _kind, num, tail = heading_number("1.9月30日前，各街镇完成排查。")
    assert num == "1" and tail.startswith("9月30日前")
    assert heading_number("1.5万元以上的项目") is None  # a decimal quantity stays text
    # minimal fixture for this parser edge case, not a policy document
    text = "三、工作任务\n1.9月30日前，各街镇完成自建房排查。\n2.12月底前，各街镇完成整治。\n"
    doc = Document("fixture.txt", "fixture.txt", "0", "utf-8", text, date=date(2021, 6, 1))
    obs = ob.extract_obligations(doc)
    assert [o.deadlines[0].date for o in obs] == [date(2021, 9, 30), date(2021, 12, 31)]


@pytest.mark.parametrize("sentence", [
    ("发展改革、建设、交通、规划土地、房屋、经济信息化、公安消防、绿化市容、水务、工商、教育、旅游、文广影视、新闻出版、财政等相关行政"
     "管理部门，按照各自职责共同做好文物保护工作。"),  # 柘林镇: X、Y…共同…
    "尚未核定公布为文物保护单位的不可移动文物，由镇人民政府文物行政管理部门予以登记，并公布为文物保护点。",  # 由X…予以…
    "各成员单位在各自职责范围内，进行风险隐患排查工作。",  # constructed: X…进行…
    "区教育局、区民政局、区卫生健康委等部门应落实行业监管责任。",  # constructed: bare 应
    "2022年12月10日前形成本方案三年行动报告并报市安委会办公室和市消安委办公室。",  # date, then the verb
])
def test_duties_without_a_listed_cue(sentence):
    assert ob.states_duty(sentence)


@pytest.mark.parametrize("sentence", [
    "本预案所称应急避难场所，是指为应对各类突发事件建设或改造用于群众转移安置的安全场所。",  # definition
    "第三条 文物工作坚持保护为主、抢救第一、合理利用、加强管理的方针。",  # principle
    "在区委统一领导下，区政府是本区突发事件应急管理工作的行政领导机构。",  # what a body is
    "本镇鼓励和支持文物保护的科学技术研究。",  # an invitation
    "第十三条 全国重点文物保护单位的核定公布，按照国家有关规定执行。",  # a bare reference
    "区住建委承担以下安全管理职责：",  # constructed: a list's lead-in
    "组长由乡党委书记和乡党委副书记、乡长担任，成员由各行政村、驻乡站所、企业主要负责人组成。",  # membership
])
def test_descriptive_text_is_not_a_duty(sentence):
    assert not ob.states_duty(sentence)


def test_item_number_and_yuanzeshang_are_stripped_before_the_subject():
    assert ob._strip_lead("（一）区应急局负责综合监管。", 10) == ("区应急局负责综合监管。", 13)
    assert ob._strip_lead("3.原则上，区消防救援支队每年开展1次检查。", 0) == ("区消防救援支队每年开展1次检查。", 6)


def test_heading_chain_reaches_the_items(rules_doc):
    paras = pg.paragraphs(rules_doc)
    item = next(p for p in paras if p.text.startswith("（一）建立安全工作组织"))
    assert item.headings[-1].startswith("三、各街镇（经开区）工作职责")
    listed = next(p for p in paras if p.text.startswith("2.区财政局"))
    assert listed.headings[-2:] == ("四、区政府各部门工作职责", "（二）区政府各部门按照职责分工依法履行下列分工职责")


def test_articles_give_one_obligation_per_paragraph():
    doc = parse_file(ZHELIN)
    (first,) = _holding(doc, "第四条 镇人民政府负责本行政区域内的文物保护工作")
    assert first.rule == "numbered_item" and first.text.endswith("。")
    assert not _holding(doc, "第十一条 相关部门履行下列职责时")  # the lead-in of its items
    assert [o.rule for o in doc.obligations if "文物保护工作" in o.text and "按照各自职责" in o.text] == [
        "article_paragraph"]


def test_outline_numbers_and_table_of_contents():
    doc = _fixture(ZONE_PLAN, "fixture-zone-plan.md")
    paras = pg.paragraphs(doc)
    assert any(p.text == "5.3分级响应" and p.heading_only for p in paras)
    assert sum(1 for p in paras if p.text.startswith("5.3分级响应")) == 1  # the contents list is skipped
    assert not any(o.text.startswith(("5.3分级响应", "2.组织体系")) for o in doc.obligations)


def test_each_measure_ends_at_its_responsibility_clause():
    doc = parse_file(WUFEI)
    measures = [o for o in doc.obligations if o.rule == "clause_measure"]
    assert len(measures) >= 15
    opt = next(o for o in measures if o.text.startswith("优化固体废物管理体制机制"))
    assert opt.text.endswith("不再列出）")
    assert not any(o.text.startswith("（生态环境部指导") and len(o.text) < 40 for o in doc.obligations)


def test_goals_of_a_goal_section():
    yanggao = parse_file(YANGGAO)
    # gold unit convention 4: a goal item's sentences are goals of their own, the item's number and heading with
    # the first
    spanned, dated = [o for o in yanggao.obligations if o.kind == "goal"]
    assert spanned.text.startswith("（二）主要目标。力争通过三年行动") and spanned.text.endswith("现代化建设。")
    assert dated.text.startswith("2024年底前基本消除") and [d.date.year for d in dated.deadlines] == [2024, 2025, 2026]
    changde = parse_file(CHANGDE)
    dashes = [o.text for o in changde.obligations if o.kind == "goal"]
    assert any(t.startswith("2022年年底前，城乡重大") for t in dashes) and not any("明显整治。" in t for t in dashes)
    nongji = parse_file(NONGJI)
    carried = next(o for o in nongji.obligations if o.text.startswith("全国农机总动力超过10亿千瓦"))
    assert carried.kind == "goal" and [d.text for d in carried.deadlines] == ["2020年"]  # the paragraph's year
    assert not [o for o in nongji.obligations if o.kind == "goal" and "指导思想" in o.text]


def test_a_stage_heading_passes_its_range_to_its_items():
    changde = parse_file(CHANGDE)
    (stage,) = [o for o in changde.obligations if o.text.startswith("（二）排查整治（2020年7月至12月）")]
    assert [(d.precision, d.date) for d in stage.deadlines] == [("interval", date(2020, 12, 31))]
    # minimal fixture for this parser edge case (a stage heading above items), not a policy document
    text = ("五、工作步骤\n（一）集中整治阶段（12月1日至1月31日）\n1.各街镇开展排查。\n2.各街镇完成整改，1月15日前报送台账。\n"
            "（二）总结阶段（2月）\n1.各街镇开展总结。\n")
    doc = Document("fixture.txt", "fixture.txt", "0", "utf-8", text, date=date(2020, 11, 20))
    got = {o.text: [(d.precision, d.date) for d in o.deadlines] for o in ob.extract_obligations(doc)}
    assert got["1.各街镇开展排查。"] == [("interval", date(2021, 1, 31))]
    assert got["2.各街镇完成整改，1月15日前报送台账。"] == [("day", date(2021, 1, 15))]
    assert got["1.各街镇开展总结。"] == [("interval", date(2021, 2, 28))]


def test_a_task_table_flattened_one_cell_per_line_is_rebuilt():
    # minimal fixture for this parser edge case (a docx table saved as text), not a policy document
    text = ("任务清单\n序号\n工作内容\n责任单位\n完成时限\n1\n开展高层建筑消防设施检查。\n区住建局\n12月底前\n"
            "2\n完成老旧小区消防通道划线，\n清理占用通道杂物。\n各街镇\n2021年1月底前\n")
    doc = parse_bytes(text.encode("utf-8"), "fixture.txt")
    (table,) = doc.tables
    assert table.header == ("序号", "工作内容", "责任单位", "完成时限") and len(table.rows) == 2
    rows = [o for o in doc.obligations if o.source == "table"]
    assert [o.text for o in rows] == ["开展高层建筑消防设施检查。", "完成老旧小区消防通道划线，\n清理占用通道杂物。"]
    assert all(doc.text[o.span.start:o.span.end] == o.text for o in rows)
    assert rows[1].deadlines[-1].date == date(2021, 1, 31)  # from the 完成时限 column


UNDERGROUND = CORPUS / "shanghai/municipal/上海市地下空间安全使用管理办法.md"
JIADING_REWARDS = CORPUS / "shanghai/district/关于印发《嘉定区应急管理局安全生产举报奖励实施办法》的通知.md"


def test_lists_of_duties_cases_and_contents():
    under = parse_file(UNDERGROUND)
    # 应当履行下列安全使用义务：, then items that do not repeat the cue: each is a duty
    assert _holding(under, "（一）不损坏地下空间的安全设施、设备；")
    rewards = parse_file(JIADING_REWARDS)
    # 有下列情形之一的，不属于…奖励范围：: cases, neither the lead-in nor its items are work
    assert not _holding(rewards, "有下列情形之一的，不属于本办法规定的奖励范围")
    assert not _holding(rewards, "举报人系负有安全生产监督管理职责的部门的工作人员")
    checks = _fixture(CHECKS, "fixture-checks.md")
    assert _holding(checks, "第五条 区综合协调部门应当定期组织")
    assert not _holding(checks, "设置和维护安全设施设备的情况")  # what an inspection covers
    zhelin = parse_file(ZHELIN)
    assert _holding(zhelin, "有下列行为之一的，由上级机关或者主管部门责令改正")  # a sanction is work of its organ


def test_a_unit_label_with_its_duties_is_one_unit():
    doc = _fixture(ZONE_PLAN, "fixture-zone-plan.md")
    (entry,) = _holding(doc, "派出所：负责事发现场及周边治安秩序")
    # under the dotted heading 2.2 the labelled paragraph is the paragraph of a numbered item (gold README unit 2's
    # thirteenth amendment: decimal numbers are item numbers; 4b758d8), so it is read as one item_paragraph unit, with
    # its ；-clauses and its title line, rather than by the unit-label rule: still one unit with all its duties
    assert entry.rule == "item_paragraph" and entry.text.count("；") >= 1
