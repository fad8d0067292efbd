"""Roles read from where a unit stands: subjects, 由/会同, labelled and trailing clauses, item and parent
headings. Sentences are quoted from readable corpus documents (file named beside each) or constructed
(marked: the construction of a closed document, never its words); the Documents around them are minimal
records carrying only the text and the region."""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.ingest.extract.agencies import parse_unit_list
from policykg.ingest.extract.roles import assign_agencies, first_listed_leads, roles_from_list
from policykg.ingest.model import Document, Region, RegionRef
from policykg.ingest.pipeline import parse_bytes, parse_file

REPO = Path(__file__).resolve().parent.parent
SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))
JIADING = Region("嘉定区", "310114000000", "county", (SHANGHAI,))
ZHELIN = Region("柘林镇", "310120103000", "township", (RegionRef("奉贤区", "310120000000", "county"), SHANGHAI))


def roles(text: str, region: Region | None = SONGJIANG, doc_text: str | None = None) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", doc_text or text, region=region)
    start = doc.text.find(text)
    return {(a.text, a.role) for a in assign_agencies(text, doc, start)}


def test_subject_of_each_sentence_leads():
    # constructed: a unit the dictionary lacks (区粮食物资储备局) is read by its head
    assert roles("区经委负责督促商场市场的安全管理。区粮食物资储备局负责指导粮食仓储单位的安全管理") \
        == {("区经委", "lead"), ("区粮食物资储备局", "lead")}


def test_together_with_cooperates_and_helped_units_get_nothing():
    # constructed: X会同Y开展…; 协助 units are helped, they get nothing
    assert roles("区人力资源社会保障局会同区消防救援支队开展职业培训机构的检查") == {
        ("区人力资源社会保障局", "lead"), ("区消防救援支队", "cooperate")}
    assert roles("区交通委负责道路运输行业的日常安全监管；协助市交通执法部门、"
                 "区公安分局交警支队等有关部门做好道路交通事故处置") == {("区交通委", "lead")}


def test_list_of_equals_is_all_lead():
    # 嘉定区突发事件人员转移安置和应急避难场所启用预案
    assert roles("区应急管理局、区商务委以区救灾物资储备为依托，做好应急物资保障", JIADING) == {
        ("区应急管理局", "lead"), ("区商务委", "lead")}


def test_shared_head_gives_each_sector_its_written_stem():
    assert roles("交通、公安等部门按照各自职责，优先安排人员转移安置车辆", JIADING) == {("交通", "lead"), ("公安", "lead")}
    assert roles("卫生健康、疾控部门负责组建医疗卫生应急救援专业队伍", JIADING) == {
        ("卫生健康", "lead"), ("疾控部门", "lead")}


def test_collectives_keep_their_written_form_and_persons_give_their_unit():
    # constructed: the person (主要负责人) is replaced by the unit; the bracket is part of the written form;
    # 街镇 is a level of government, each its own task (gold README roles 1), 有关部门 an open set
    assert roles("街镇（经开区）主要负责人应当组织落实辖区安全工作") == {("街镇（经开区）", "lead")}
    assert roles("各街镇（经开区）主要负责人应当组织落实辖区安全工作") == {("各街镇（经开区）", "collective")}
    assert roles("区政府有关部门应按照“管行业必须管安全”的原则") == {("区政府有关部门", "collective")}


def test_regulated_parties_and_false_units_are_not_agencies():
    # 松江 附件1; 提请挂牌督办 and 社区's 区 are no units
    assert roles("建设工程的建设、设计、施工和监理等单位应当遵守消防法律、法规") == set()
    assert roles("机关、团体、企业、事业等单位是消防安全的责任主体") == set()
    assert roles("8.提请挂牌督办") == set()  # seed 004 阳高乡, an item of its own


def test_led_by_leads_unless_it_only_describes_a_group():
    assert roles("发生造成人员伤亡的火灾事故，由区政府组织调查处理") == {("区政府", "lead")}
    # 青峰镇 seed: 成立由镇政府主要负责人牵头的…: who heads the group, not who does the task
    assert not roles("成立由镇政府主要负责人牵头、各相关部门参加的消防工作领导小组",
                     Region("青峰镇", "500118108000", "township"))


def test_guiding_unit_is_not_an_agency_the_guided_subject_is():
    assert roles("在区城运应急委的统筹协调下，区事故灾难和自然灾害指挥部、区级应急指挥部负责组织实施", JIADING) == {
        ("区事故灾难和自然灾害指挥部", "lead"), ("区级应急指挥部", "lead")}


def test_labelled_clause_gives_lead_and_cooperating_units():
    got = roles("开展电动自行车消防安全专项整治（牵头单位：区消防救援支队；配合单位：区市场监管局、区公安分局）")
    assert got == {("区消防救援支队", "lead"), ("区市场监管局", "cooperate"), ("区公安分局", "cooperate")}
    assert roles("开展隐患排查（责任单位：区应急局、区住建委）") == {("区应急局", "lead"), ("区住建委", "lead")}


def test_first_listed_leads_only_where_the_document_says_so():
    # constructed (the clause form of a national task list)
    doc_text = "（民政部、财政部负责。列第一位者为牵头单位）"
    assert first_listed_leads(Document("t", "t", "0", "utf-8", doc_text))
    assert roles("加大养老服务支持力度。（民政部、财政部负责。列第一位者为牵头单位）", None) == {
        ("民政部", "lead"), ("财政部", "cooperate")}
    assert roles("支持创业载体建设。（人力资源社会保障部、科技部负责）", None) == {
        ("人力资源社会保障部", "lead"), ("科技部", "lead")}


def test_a_clause_closing_the_paragraph_names_the_units_of_its_sentences():
    # guobanfa-2018-128: one paragraph, several sentences, the clause at its end
    para = "加强制度政策集成创新，增强试点方案系统性。落实相关改革举措。（生态环境部、国家发展改革委指导）\n"
    assert roles("加强制度政策集成创新，增强试点方案系统性。", None, para) == {
        ("生态环境部", "lead"), ("国家发展改革委", "lead")}


def test_parent_heading_unit_passes_to_items_without_one():
    # constructed headings and item
    text = "三、各街镇（经开区）工作职责\n（一）建立安全工作组织，明确专人负责。\n"
    doc = Document("t", "t", "0", "utf-8", text, region=SONGJIANG)
    item = "建立安全工作组织，明确专人负责。"
    at = text.find(item)
    got = assign_agencies(item, doc, at, headings=("三、各街镇（经开区）工作职责",))
    assert [(a.text, a.role) for a in got] == [("各街镇（经开区）", "collective")]
    # an item with a subject of its own (a regulated party) takes nothing from the heading
    own = "负责公共消防设施维护管理的单位应当保持消防车通道畅通。"
    assert assign_agencies(own, doc, 0, headings=("四、区政府各部门工作职责",)) == []


def test_table_cell_without_a_lead_mark_is_all_lead():
    units = parse_unit_list("市住建局、市消防救援支队", Region("常德市", "430700000000", "city"))
    assert {m.role for m in roles_from_list(units, "table_row")} == {"lead"}


# constructed fixture (a street's plan: the title gives the region, items open with the unit's short name)
GUMEI = ("# 关于印发《古美路街道老旧小区消防安全整治工作方案》的通知\n\n各居委会：\n\n"
         "一、工作目标\n全面排查老旧小区火灾隐患。\n\n三、职责分工\n"
         "1.街道消委办。牵头开展老旧小区消防安全排查，协助居委建立隐患台账。\n"
         "2.派出所。配合开展消防安全检查，协助居委、各社区动态排摸重点人员。\n")


@pytest.fixture(scope="module")
def gumei():
    return parse_bytes(GUMEI.encode("utf-8"), "fixture-street-plan.md")


def _roles(doc, anchor):
    ob = next(o for o in doc.obligations if anchor in o.text)
    return {(a.name, a.role) for a in ob.agencies}


def test_item_heading_unit_leads_when_its_first_cue_is_lead(gumei):
    # 1.街道消委办。牵头开展…，协助居委…: it leads, the help is a step of its own work
    assert ("古美路街道消防安全委员会办公室", "lead") in _roles(gumei, "街道消委办。牵头开展")
    assert ("古美路街道消防安全委员会办公室", "cooperate") not in _roles(gumei, "街道消委办。牵头开展")


def test_item_heading_unit_cooperates_only_when_it_helps_a_unit():
    # 普陀区应急避难场所管理办法 第五条: 配合做好… is the bureau's own work; 配合 a named unit is cooperation
    putuo = Region("普陀区", "310107000000", "county", (SHANGHAI,))
    assert roles("区规划资源局：配合做好全区应急避难场所专项规划编制", putuo) == {("区规划资源局", "lead")}
    # constructed: 配合 a named unit
    assert ("区金融服务办", "cooperate") in roles("区金融服务办负责配合市金融管理部门指导、督促辖区金融机构")


def test_the_unit_one_helps_is_not_a_cooperating_unit(gumei):
    # 协助居委动态排摸…: the residents' committee is helped; it is not named as cooperating
    assert not any("居委" in name or name == "各社区" for name, _ in _roles(gumei, "派出所。配合开展"))


def test_a_sentence_without_a_subject_carries_the_one_before():
    # constructed (X要继续做好…；要继续…。): a subject governs its sentence's ；-clauses (gold README roles 24)
    para = "商务部要继续做好牵头工作；要继续推动外贸企业转型升级。\n"
    assert roles("要继续推动外贸企业转型升级。", None, para) == {("商务部", "lead")}
    # after 。 no subject is carried (gold README roles 24, fourth adjudication)
    para = "商务部要继续做好牵头工作。要继续推动外贸企业转型升级。\n"
    assert roles("要继续推动外贸企业转型升级。", None, para) == set()
    # an imperative of its own (加强…。) takes no subject from the sentence before
    para2 = "商务部要继续做好牵头工作。加强监管。\n"
    assert roles("加强监管。", None, para2) == set()


# -- round 2: subjects set off by a comma, decimal item numbers, 及 inside 及时 --------------------------------

def test_a_subject_set_off_by_a_comma_before_its_predicate():
    # 柘林镇文物保护管理办法: a shared-head list, then 按照各自职责共同做好…
    got = roles("发展改革、建设、交通、规划土地、房屋、经济信息化、公安消防、绿化市容、水务、工商、教育、旅游、文广影视、"
                "新闻出版、财政等相关行政管理部门，按照各自职责共同做好文物保护工作。", ZHELIN)
    assert {("发展改革", "lead"), ("财政", "lead"), ("公安消防", "lead")} <= got and len(got) == 15
    assert roles("2024年，完成整改。", ZHELIN) == set()  # a lead-in of time is no subject


def test_ji_of_jishi_joins_no_units():
    # 柘林镇文物保护管理办法: 及时报上级… is a report to the higher department, which gets nothing
    assert roles("遇有重要发现的，由镇文物行政管理部门及时报上级文物行政管理部门处理。", ZHELIN) == {
        ("镇文物行政管理部门", "lead")}


def test_decimal_item_numbers_do_not_hide_the_subject():
    # constructed: a decimal item number written against the text
    from policykg.ingest.extract.obligations import _strip_lead

    text = "6.1.2事故责任单位、所在社区、相关职能部门和公安、卫生健康等主管部门应及时做好人员救治"
    body, at = _strip_lead(text, 10)
    assert body.startswith("事故责任单位") and at == 15
    assert ("公安", "lead") in roles(body, JIADING) and ("相关职能部门", "collective") in roles(body, JIADING)
    assert _strip_lead("1.9月30日前，完成排查", 0)[0] == "9月30日前，完成排查"  # 1. then a date, not 1.9


def test_the_subject_of_a_list_lead_in_does_what_its_items_say():
    # 嘉定区应急管理局安全生产举报奖励实施办法 第十条: the items name no subject of their own
    doc = parse_file(REPO / "corpus/documents/shanghai/district/关于印发《嘉定区应急管理局安全生产举报奖励实施办法》的通知.md")
    item = next(o for o in doc.obligations if o.text.startswith("（一）举报事项不属于本部门受理范围"))
    assert [(a.text, a.role) for a in item.agencies] == [("应急管理部门", "lead")]
    assert item.agencies[0].rule.startswith("parent_heading")


def test_a_clause_naming_no_lead_leaves_the_subjects_their_work():
    # constructed: each sentence's subject leads; the collective clause adds the others
    from policykg.ingest.extract.obligations import extract_obligations

    text = ("（十三）明确部门协调责任。民政部要统筹协调养老服务政策制定、督促落实等工作。"
            "财政部要加大资金保障力度，保障养老服务政策落实。其他有关部门和单位要结合职责，出台支持养老服务的"
            "政策措施，共同做好养老服务工作。（各有关部门按职责分工负责）\n")
    doc = Document("t", "t", "0", "utf-8", text)
    got = {(a.text, a.role) for o in extract_obligations(doc) for a in o.agencies}
    assert {("民政部", "lead"), ("财政部", "lead")} <= got
    assert any(role == "collective" for _, role in got)


def test_the_unit_that_entrusts_does_the_work():
    # 塘桥街道小型建设工程项目管理办法: 由项目办委托…代理机构进行采购
    assert roles("由区应急局委托第三方机构进行评估。") == {("区应急局", "lead")}


def test_responsibility_label_beside_a_lead_label_cooperates():
    # marked fixture (one sentence, the clause form of a provincial task list): 责任单位 beside 牵头单位
    got = roles("实施集成电路工程（牵头单位：省工业和信息化厅；责任单位：省发展改革委、省科技厅）", None)
    assert got == {("省工业和信息化厅", "lead"), ("省发展改革委", "cooperate"), ("省科技厅", "cooperate")}
    # README roles 5: the labels may be parted by a comma, which closes the 牵头 list before 责任单位
    got = roles("加快成果转化（牵头单位：省科技厅、省工业和信息化厅，责任单位：省发展改革委、省财政厅）", None)
    assert got == {("省科技厅", "lead"), ("省工业和信息化厅", "lead"), ("省发展改革委", "cooperate"),
                   ("省财政厅", "cooperate")}


def test_shared_duties_without_a_named_lead_are_equals():
    # marked fixture: 按职责分工负责 cooperates only under a lead the clause names
    assert roles("推进农田水利建设。（省农业农村厅、省林业局按职责分工负责）", None) == {
        ("省农业农村厅", "lead"), ("省林业局", "lead")}
    assert roles("推进农田水利建设。（省农业农村厅牵头，省林业局按职责分工负责）", None) == {
        ("省农业农村厅", "lead"), ("省林业局", "cooperate")}


def test_a_unit_declared_for_every_following_task_is_carried_to_them():
    # marked fixture: a clause that names a unit once for all the tasks after it (以下均需X落实，不再列出)
    doc_text = ("推进分类管理。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）\n"
                "开展绿色设计。（工业和信息化部指导）\n")
    assert roles("开展绿色设计。（工业和信息化部指导）", None, doc_text) == {
        ("工业和信息化部", "lead"), ("试点城市政府", "lead")}
    assert roles("推进分类管理。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）", None,
                 doc_text) == {("生态环境部", "lead"), ("试点城市政府", "lead")}


def test_a_list_closed_by_deng_before_he_keeps_every_unit():
    # marked fixture: X、Y等和Z (等 closes the list of national bodies before 和 adds the provinces)
    assert roles("动员社会力量参与。（全国工商联、共青团中央、全国妇联等和各省级人民政府负责）", None) == {
        ("全国工商联", "lead"), ("共青团中央", "lead"), ("全国妇联", "lead"), ("各省级人民政府", "collective")}


def test_a_decimal_item_number_is_no_part_of_the_subject():
    # marked fixture: a 3.3.1-numbered item of an emergency plan opening with its unit
    assert roles("3.3.1 区应急局主要职责为：协调辖区内应急体系建设", JIADING) == {("区应急局", "lead")}


def test_a_declared_short_form_names_a_unit_whatever_its_head():
    # marked fixture: （以下简称“地空联办”） makes 地空联办 a unit though jieba reads 联办 as a verb
    doc_text = "联席会议办公室（以下简称“工业区地空联办”）设在规划建设部门。\n工业区地空联办根据需要组织专家咨询。\n"
    assert roles("工业区地空联办根据需要组织专家咨询。", None, doc_text) == {("工业区地空联办", "lead")}


HUANGPU = Region("黄浦区", "310101000000", "county", (SHANGHAI,))


def test_a_verb_before_a_generic_head_is_part_of_the_unit_name():
    # marked fixture: 综合协调部门 is a kind of department (协调 is no predicate here)
    got = roles("区地下空间管理的综合协调部门应当定期开展检查。", HUANGPU)
    assert got == {("区地下空间管理的综合协调部门", "lead")}


def test_a_set_of_places_heads_its_item():
    # marked fixture: an item headed by a set of places (各街道、镇：…)
    assert roles("（十四）各街道、镇：制定本街道、镇的年度计划。", HUANGPU) == {("各街道、镇", "collective")}


def test_bare_street_offices_in_a_district_text_are_each_given_the_task():
    # marked fixture: 街道办事处 written bare above the township level names every street office, a kind of
    # unit whose members each carry the task (gold README roles 1), not an open set
    assert roles("街道办事处应当做好本辖区地下空间的日常巡查。", HUANGPU) == {("街道办事处", "lead")}
    assert roles("各街道办事处应当做好本辖区地下空间的日常巡查。", HUANGPU) == {("各街道办事处", "collective")}
    town = Region("塘桥街道", "310115006000", "township", (RegionRef("浦东新区", "310115000000", "county"), SHANGHAI))
    assert roles("街道办事处应当做好本辖区地下空间的日常巡查。", town) == {("街道办事处", "lead")}


def test_a_body_set_up_for_the_task_does_it():
    # marked fixture: 成立X（以下简称“Y”）负责…; a 全乡 group is one body of the township, not a collective
    yanggao = Region("阳高乡", "140425205000", "township", (RegionRef("平顺县", "140425000000", "county"),))
    assert roles("成立全乡消防安全专项领导组（以下简称“领导组”）负责统筹协调。", yanggao) == {
        ("全乡消防安全专项领导组", "lead")}


def test_qita_opens_a_subject_it_is_no_lead_in():
    # marked fixture: 其他有关部门和单位要… (其 alone, "its", is a lead-in; 其他 opens the subject)
    assert roles("财政部要加大资金保障力度。其他有关部门和单位要结合职责，出台政策措施。", None) == {
        ("财政部", "lead"), ("其他有关部门和单位", "collective")}


def test_subject_after_a_phrase_of_time_and_units_that_act_as_needed():
    # marked fixtures: …过程中X应…; 由X视情会同Y…; sectors sharing 等相关单位 cooperate
    assert roles("举报处理过程中各相关职能部门应严格保护举报人信息。", None) == {("各相关职能部门", "collective")}
    got = roles("事故发生后，由相关职能部门视情会同应急、消防等相关单位启动响应措施。", None)
    assert {("相关职能部门", "collective"), ("应急", "cooperate"), ("消防", "cooperate")} <= got


def test_a_body_of_a_named_unit_is_a_unit():
    # marked fixture: 公安机关消防机构 (the fire body of the police) is a unit though 机构 alone is a party head
    assert roles("违反规定的，由区公安机关消防机构责令限期改正。", HUANGPU) == {("区公安机关消防机构", "lead")}
    assert roles("机关、团体、企业、事业等单位应当遵守消防法规。", HUANGPU) == set()


def test_acts_and_short_form_declarations_are_no_part_of_a_unit_list():
    # marked fixtures: 拒绝、阻挠X部门 are acts on X, not sector stems; （以下简称…） and 委托的X are not subjects
    assert ("拒绝", "lead") not in roles("拒绝、阻挠区综合协调部门对地下空间进行检查的，给予警告。", HUANGPU)
    assert roles("产权人委托的物业管理单位（以下简称物业管理单位）应当履行下列义务：", HUANGPU) == set()


def test_a_clause_part_with_its_own_predicate_names_its_units_in_full():
    # marked fixture: （X牵头，省有关部门负责实施）; 档案馆 is a unit head
    assert roles("完善数据共享平台。（省大数据局牵头，省有关部门负责实施）", None) == {
        ("省大数据局", "lead"), ("省有关部门", "collective")}
    assert ("省档案馆", "cooperate") in roles("推进一次办好。（省大数据局牵头，省财政厅、省档案馆按职责分工负责）", None)


def test_a_unit_and_its_departments_and_a_sector_read_as_a_verb():
    # marked fixtures: X及其有关部门 (but X及其他部门); 教育 opens a sector name, not an act
    assert roles("区人民政府及其有关部门应当加强监督检查。", HUANGPU) == {
        ("区人民政府", "lead"), ("有关部门", "collective")}
    assert roles("区应急局及其他监督管理部门应当依法责令整改。", HUANGPU) == {
        ("区应急局", "lead"), ("其他监督管理部门", "collective")}
    assert roles("教育主管部门应当督促学校开展演练。", HUANGPU) == {("教育主管部门", "lead")}


def test_a_cue_inside_another_word_names_no_own_subject():
    # marked fixture: 应对 holds 应, yet the item has no subject: its parent heading's unit does the work
    doc_text = "区级指挥部主要职责如下：\n（7）突发事件应对工作结束后，应当向区人大常委会作出专项工作报告；\n"
    item = "（7）突发事件应对工作结束后，应当向区人大常委会作出专项工作报告；"
    doc = Document("t", "t", "0", "utf-8", doc_text, region=JIADING)
    got = {(a.text, a.role) for a in assign_agencies(item, doc, doc_text.find(item), headings=("区级指挥部主要职责如下",))}
    assert got == {("区级指挥部", "lead")}


def test_an_item_headed_by_its_unit_with_own_work_and_participation_gives_both_roles():
    # marked fixture: 派出所：负责…；参与… (own duties first, then a part in others' work)
    doc_text = "派出所：负责现场治安秩序维护；参与突发事件的调查处理工作。"
    assert roles(doc_text, ZHELIN) == {("派出所", "lead"), ("派出所", "cooperate")}
    assert roles("派出所：负责现场治安秩序维护和交通疏导。", ZHELIN) == {("派出所", "lead")}


def test_a_role_mark_in_brackets_is_no_part_of_the_written_name():
    # marked fixture: a table cell 区应急局（牵头）、区公安分局
    cell = "区应急局（牵头）、区公安分局"
    got = [(m.text, m.role) for m in roles_from_list(parse_unit_list(cell, HUANGPU), "t", text=cell, offset=0)]
    assert got == [("区应急局", "lead"), ("区公安分局", "cooperate")]


def test_label_lines_under_a_task_give_it_its_units():
    # marked fixture: a task list that writes each task's units on lines of their own
    doc_text = "（一）开展电动自行车专项整治，年底前完成。\n牵头单位：区消防救援支队\n责任单位：区市场监管局、各街镇\n"
    got = roles("（一）开展电动自行车专项整治，年底前完成。", HUANGPU, doc_text)
    assert got == {("区消防救援支队", "lead"), ("区市场监管局", "cooperate"), ("各街镇", "collective")}


def test_village_and_residents_committees_are_a_kind_however_written():
    # marked fixture: 村（居）委会 / 村委会 name every committee under the region, each given the task (README
    # roles 1: 居民委员会/村民委员会 are bodies by type); 各村居 is an open set
    town = Region("泗泾镇", "310117102000", "township", (RegionRef("松江区", "310117000000", "county"), SHANGHAI))
    assert roles("村（居）委会要落实网格化管理。", town) == {("村（居）委会", "lead")}
    assert roles("村委会要落实网格化管理。", town) == {("村委会", "lead")}
    assert roles("各村居要落实网格化管理。", town) == {("各村居", "collective")}


def test_a_unit_written_with_a_level_below_the_documents_own_is_a_kind():
    # marked fixtures: 省级人民政府 in a national text is every provincial government, each carrying the task
    # (README roles 1: level words keep it a kind); a generic head after the level is an open set (roles 3)
    assert roles("省级人民政府要统筹推进。", None) == {("省级人民政府", "lead")}
    assert roles("县级以上地方人民政府应急管理部门负责监督管理。", None) == {
        ("县级以上地方人民政府应急管理部门", "lead")}
    assert roles("县级以上人民政府行业主管部门负责监督管理。", None) == {("县级以上人民政府行业主管部门", "collective")}
    assert roles("区级应急指挥部负责指挥。", JIADING) == {("区级应急指挥部", "lead")}


def test_a_responsible_department_label_gives_its_units_the_lead():
    # 国发〔2018〕38号: （负责部门：A、B；适用范围：…）, labelled as 责任单位 is elsewhere
    assert roles("支持设立首次进口药品和生物制品口岸。（负责部门：药监局、海关总署，适用范围：重庆自贸试验区）", None) == {
        ("药监局", "lead"), ("海关总署", "lead")}


def test_the_time_word_of_an_adverb_opens_no_subject_after_it():
    # 小时, 及时 and 博士后 hold 时 or 后 but end no phrase of time: what follows is no subject
    assert roles("应当于一小时内向事故发生地负有安全生产监督管理职责的部门报告。", None) == set()
    assert roles("举报处理过程中各相关职能部门应严格保护举报人个人信息。", None) == {("各相关职能部门", "collective")}


def test_a_unit_that_only_guides_anothers_work_cooperates():
    # minimal sentences of the article style: 由X指导，由Y组织实施 and 业务上受X指导 make X the guide of a duty
    # another unit does; 由X指导Y开展… is X's own work, 接受X的指导和监督 a party's submission
    assert roles("增建工作由住房城乡建设等部门指导，由乡镇人民政府组织实施。") == {
        ("住房城乡建设", "cooperate"), ("乡镇人民政府", "lead")}
    assert roles("区人民政府应当确定一个部门负责综合协调，业务上受市建设行政管理部门指导。") == {
        ("区人民政府", "lead"), ("市建设行政管理部门", "cooperate")}
    assert roles("由区应急管理局指导各街道开展演练。") == {("区应急管理局", "lead")}
    assert ("有关部门", "cooperate") not in roles("有关行业协会应当加强行业自律，并接受有关部门的指导和监督。")


def test_a_kind_written_again_shorter_is_the_same_unit():
    # marked fixture: 街镇（经开区） then 街镇, 各街镇 then 街镇: one group of units, named once
    assert roles("街镇（经开区）要落实属地责任，街镇要明确负责消防安全管理的部门。") == {("街镇（经开区）", "lead")}
    assert roles("各街镇要落实属地责任，街镇要明确负责消防安全管理的部门。") == {("各街镇", "collective")}


def test_a_responsibility_clause_in_hexagonal_brackets():
    # marked fixture: some provincial texts close a task with 〔A、B按职责分工负责〕 instead of （…）
    chongqing = Region("重庆市", "500000000000", "provincial", ())
    text = "培育中高端品牌。〔市商务委及各区县（自治县）政府按职责分工负责〕"
    assert roles(text, chongqing) == {("市商务委", "lead"), ("各区县（自治县）政府", "collective")}


def test_units_named_by_an_act_or_a_generic_head_are_an_open_set():
    # minimal sentences (gold README roles 3): a relative clause before coordinated heads (…的部门和机构) or a
    # generic head with no kind (主管部门, 上级机关) names no kind of unit
    assert roles("接受移送的部门和机构应当及时进行处理。") == {("接受移送的部门和机构", "collective")}
    assert roles("参加事故调查处理的部门和单位应当严格履行职责。") == {("参加事故调查处理的部门和单位", "collective")}
    assert roles("主管部门应当加强监督。") == {("主管部门", "collective")}
    assert roles("上级机关应当加强监督。") == {("上级机关", "collective")}
    assert roles("区文物行政管理部门应当加强监督。") == {("区文物行政管理部门", "lead")}
    # 行政 names no kind either (突发事件应对法 第六十三条 style, a corpus file without gold): 由其上级行政机关…责令改正
    assert roles("由其上级行政机关责令改正。", None) == {("上级行政机关", "collective")}
    assert roles("行政机关应当加强监督。", None) == {("行政机关", "lead")}


def test_the_whole_subject_list_before_a_comma_and_its_cue():
    # minimal sentence of the article style: 和 inside the list is no predicate; the list up to ，应当 is the subject
    shandong = Region("山东省", "370000000000", "provincial", ())
    assert roles("县级以上人民政府及其有关部门和乡镇人民政府、街道办事处，应当每年至少组织一次演练。", shandong) == {
        ("县级以上人民政府", "lead"), ("有关部门", "collective"), ("乡镇人民政府", "lead"), ("街道办事处", "lead")}


def test_the_unit_after_you_in_a_lead_in_of_cases_acts_on_each_case():
    # minimal article (marked fixture): the subject of 有下列行为之一的 is the offender; the unit after 由 acts on
    # every case listed (a sanction is its duty); a lead-in of cases naming no such unit gives its items none
    shanghai = Region("上海市", "310000000000", "provincial", ())
    doc_text = ("第四十五条 行政机关及其工作人员有下列情形之一的，由其上级机关或者监察机关责令改正：\n"
                "（一）未按照规定公布突发事件相关信息的；\n")
    item = "（一）未按照规定公布突发事件相关信息的；"
    doc = Document("t", "t", "0", "utf-8", doc_text, region=shanghai)
    got = {(a.text, a.role) for a in assign_agencies(item, doc, doc_text.find(item), headings=(doc_text[:40],))}
    assert got == {("上级机关", "collective"), ("监察机关", "lead")}
    doc_text = "第四十条 各级人民政府、有关部门有下列行为之一的，依法给予处分：\n（一）违法批准用火许可的；\n"
    item = "（一）违法批准用火许可的；"
    doc = Document("t", "t", "0", "utf-8", doc_text, region=shanghai)
    assert not assign_agencies(item, doc, doc_text.find(item), headings=(doc_text[:30],))


def test_staff_of_a_unit_bound_by_a_duty_gives_the_unit_the_duty():
    # 上海市/嘉定区/杨浦区 安全生产举报奖励办法: the unit's own staff are bound, so the duty is the unit's
    assert roles("第十二条 市应急局工作人员应当对举报人身份的相关情况、举报内容、奖励情况等严格保密。") \
        == {("市应急局", "lead")}
    assert roles("应急管理部门的工作人员不得透露举报人身份。") == {("应急管理部门", "lead")}
    # staff named as offenders, with no duty cue, give the unit nothing
    assert roles("区应急局工作人员玩忽职守的，依法给予处分。") == set()


def test_department_defined_by_its_act_and_named_is_that_unit():
    # 上海市/嘉定区/杨浦区 安全生产举报奖励办法 第十一条(一): U负责…的部门（以下简称Y） is Y, a department of U
    doc_text = "（一）举报事项处理完毕后5个工作日内，区应急局负责具体实施举报奖励工作的部门（以下简称举报奖励部门）以电话和短信方式，通知举报人领取奖励。"
    doc = Document("t", "t", "0", "utf-8", doc_text, region=JIADING)
    got = assign_agencies(doc_text, doc, 0)
    assert {(a.text, a.name, a.role) for a in got} == {("举报奖励部门", "嘉定区应急管理局举报奖励部门", "lead")}
    # without a declared name, the unit itself stays the subject
    assert roles("区应急局负责具体实施举报奖励工作。") == {("区应急局", "lead")}


# -- a unit named without a region belongs to the document's region (issue 13 task: one node per region) ------
# Minimal sentences written for this rule (marked as such: not quoted from a document).
LIUSHI = Region("柳市镇", "330382114000", "township", (RegionRef("乐清市", "330382000000", "county"),
                                                    RegionRef("温州市", "330300000000", "city"),
                                                    RegionRef("浙江省", "330000000000", "provincial")))
ZHEJIANG = Region("浙江省", "330000000000", "provincial")


def placed_mentions(text: str, region: Region) -> dict[str, tuple[str, bool, str | None]]:
    doc = Document("t", "t", "0", "utf-8", text, region=region)
    return {a.text: (a.name, a.generic, a.region_code) for a in assign_agencies(text, doc, 0)}


def test_a_bare_named_unit_of_a_town_or_district_plan_is_that_regions_own():
    # minimal sentence: a unit the dictionary lacks, written bare in a town's plan, gets the town's name
    assert placed_mentions("党群服务中心负责组织宣传", LIUSHI) == {
        "党群服务中心": ("柳市镇党群服务中心", False, LIUSHI.code)}
    assert placed_mentions("应急指挥部负责组织转移", SONGJIANG)["应急指挥部"] == ("松江区应急指挥部", False, SONGJIANG.code)


def test_a_kind_of_unit_named_bare_is_generic_in_the_documents_region():
    # minimal sentences: a type head (安监部门), a level word the chain does not resolve, a bare unit of a
    # province's text: a kind tied to the region, never one body nationwide
    got = placed_mentions("经发、安监等部门要开展联合执法", LIUSHI)
    assert got["安监"] == ("安监部门", True, LIUSHI.code)
    assert placed_mentions("森林消防指挥部负责组织扑救", ZHEJIANG)["森林消防指挥部"] == (
        "森林消防指挥部", True, ZHEJIANG.code)


def test_national_bodies_and_placed_names_stay_as_they_are():
    # minimal sentences: a ministry and a unit whose name holds a region of the chain
    assert placed_mentions("应急管理部负责统筹", LIUSHI)["应急管理部"] == ("应急管理部", False, LIUSHI.code)
    assert placed_mentions("乐清市应急指挥中心负责统筹", LIUSHI)["乐清市应急指挥中心"][:2] == ("乐清市应急指挥中心", False)


def test_the_graph_keeps_one_node_per_region_for_a_bare_unit():
    from policykg.graph.obligations import _agency_iri
    from policykg.ingest.model import AgencyMention

    def node(text: str, region: Region, written: str):
        doc = Document("t", "t", "0", "utf-8", text, region=region)
        a = next(a for a in assign_agencies(text, doc, 0) if a.text == written)
        return _agency_iri(AgencyMention(a.text, a.name, a.role, a.span, a.key, a.region_code, a.generic))

    same = "经发、安监等部门要开展联合执法"
    assert node(same, LIUSHI, "安监") != node(same, SONGJIANG, "安监")
    assert node("党群服务中心负责组织", LIUSHI, "党群服务中心") != node("党群服务中心负责组织", ZHELIN, "党群服务中心")
    assert node("应急管理部负责统筹", LIUSHI, "应急管理部") == node("应急管理部负责统筹", SONGJIANG, "应急管理部")


def test_a_group_set_up_for_a_task_is_the_subject_of_its_duty():
    # minimal sentences: 组 heads a unit in subject position, after a circumstance or as an item's heading
    assert roles("事故调查中发现涉嫌犯罪的，事故调查组应当及时将有关材料移交司法机关。") == {("事故调查组", "lead")}
    assert roles("1.监督组。负责对集中采购工作进行监督。") == {("监督组", "lead")}
    assert roles("分成三组开展检查。") == set()


def test_an_aside_declaring_a_short_name_stands_between_subject_and_predicate():
    # minimal sentences: （以下简称…）/（简称…） after a unit names it; the predicate after the aside is its own
    assert roles("林业行政主管部门（以下简称林业部门）负责本行政区域的森林消防工作。") == {("林业行政主管部门", "lead")}
    assert roles("区城市运行和突发事件应急管理委员会（简称区城运应急委）决定启动应急响应。", JIADING) == {
        ("区城市运行和突发事件应急管理委员会", "lead")}
    assert roles("区应急局（以下简称应急局）的职责如下。") == set()  # no predicate after the aside


def test_a_lead_in_heading_is_found_though_the_chain_drops_its_spaces():
    # minimal document: the heading chain gives 第三十六条X… without the space the text has after the article
    # number; the lead-in is still read in full (its 由 unit acts on every case listed)
    lead_in = "第三十六条 事故单位有下列行为之一的，处罚款；构成违反治安管理行为的，由公安机关依法给予治安管理处罚："
    item = "(一)谎报或者瞒报事故的；"
    doc = Document("t", "t", "0", "utf-8", lead_in + "\n\n" + item, region=SONGJIANG)
    chain = (lead_in.replace(" ", "")[:60],)
    got = assign_agencies(item, doc, doc.text.find(item), headings=chain)
    assert [(a.text, a.role) for a in got] == [("公安机关", "lead")]
    assert doc.text[got[0].span.start:got[0].span.end] == "公安机关"


def test_a_unit_or_the_bodies_it_authorises_both_carry_the_task():
    # minimal sentence: 或者 joins a restricted kind of government and the set it authorises
    assert roles("事故处理的情况由负责事故调查的人民政府或者其授权的有关部门、机构向社会公布") == {
        ("负责事故调查的人民政府", "lead"), ("其授权的有关部门、机构", "collective")}
    assert roles("市和区人民政府或者市人民政府授权的部门，应当加强预警信息发布") >= {("市人民政府授权的部门", "collective")}


def test_customs_in_a_responsibility_clause():
    # minimal sentence: a clause listing a customs office among the bureaux
    assert roles("推进通关便利化。（市商务委、重庆海关按职责分工负责）", Region("重庆市", "500000000000", "provincial")) == {
        ("市商务委", "lead"), ("重庆海关", "lead")}


def _item_roles(lead_in: str, item: str) -> list[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", lead_in + "\n\n" + item, region=None)
    got = assign_agencies(item, doc, doc.text.find(item), headings=(lead_in.replace(" ", "")[:60],))
    return [(a.text, a.role) for a in got]


def test_the_unit_after_you_in_a_lead_in_acts_on_each_item_also_after_a_condition():
    # minimal sentences: the 由 unit of a lead-in acts on every item listed, when a condition stands between
    # the cases and their 的, and when the lead-in announces rules (按照以下规定) rather than cases
    assert _item_roles("第四十条 有下列行为之一，但未造成损失的，由林业行政主管部门责令改正，并处罚款：",
                       "（一）擅自用火的，处二百元罚款；") == [("林业行政主管部门", "lead")]
    assert _item_roles("违反本办法有关规定，由民防部门按照以下规定给予处罚：",
                       "（一）未设置防水挡板的，给予警告；") == [("民防部门", "lead")]
    # a lead-in with no 由 unit passes nothing
    assert _item_roles("违反本办法有关规定的，按照以下规定给予处罚：", "（一）未设置防水挡板的，给予警告；") == []


def _procedure_roles(text: str) -> dict[str, set[tuple[str, str]]]:
    doc = Document("t", "t", "0", "utf-8", text, region=None)
    out = {}
    for line in text.splitlines()[1:]:
        at = text.find(line)
        out[line[:2]] = {(a.text, a.role) for a in assign_agencies(line, doc, at)}
    return out


def test_a_step_without_a_subject_carries_the_unit_of_the_step_before():
    # marked fixture (README roles 9, 承前省略): steps of one procedure under a 流程 heading
    got = _procedure_roles("三、办理流程\n1．申请。申请人通过线上或线下提交申请材料。\n"
                           "2．现场检查。消防救援机构应当自受理申请之日起5个工作日内进行现场检查。\n"
                           "3．许可。自现场检查结束之日起5个工作日内作出决定。\n4．领证。申请人持回执领取许可证。")
    assert got["3．"] == {("消防救援机构", "lead")}
    assert got["4．"] == set()  # the applicant's act
    # numbered tasks of a plan (no procedure) are each their own: nothing is carried
    got = _procedure_roles("三、重点任务\n1．加强监管。区应急局负责开展检查。\n2．完善制度。建立健全长效机制。")
    assert got["2．"] == set()


def test_a_power_beside_another_partys_duty_gives_no_work():
    # minimal sentences: X可以… (a power) beside Y应当… (the duty the obligation holds) names no work of X's
    assert roles("市和区人民政府可以指定有关设施作为临时应急避难场所；有关单位应当及时开放被指定的设施", None) == {
        ("有关单位", "collective")}
    # a power alone, or one continued by the unit's own duty (并应当), still gives the unit the task
    assert roles("省级市场监管部门可以将登记注册初审权限下放至自贸试验区", None) == {("省级市场监管部门", "lead")}
    assert roles("区应急局可以委托第三方开展检查，并应当对检查结果负责") == {("区应急局", "lead")}


def test_lianhe_before_a_body_names_it_and_joins_no_partner():
    # minimal sentences: 联合 of a joint body's name (联合实验室, 联合采购办公室) is no 会同
    assert roles("建设人工智能联合实验室和重点实验室。", None) == set()
    assert roles("（二）成立联合采购办公室。", None) == set()
    # 联合 before a partner written with its level, a set marker or as a known kind still joins it
    assert roles("联合区应急局开展检查") == {("区应急局", "cooperate")}
    assert roles("联合公安部门开展整治", None) == {("公安部门", "cooperate")}


def test_a_clause_list_is_read_whole_by_the_grammar():
    # minimal clauses: a list closed by 等 is not cut where a name's last word reads as a verb (支行), and a
    # comma between the units of two levels does not hand the list to the dictionary reader (各… stays a set)
    assert roles("加强信贷管理。（省财政厅牵头，人行郑州中心支行、河南银保监局等按职责分工负责）", None) == {
        ("省财政厅", "lead"), ("人行郑州中心支行", "cooperate"), ("河南银保监局", "cooperate")}
    assert roles("建立储备体系。（责任单位：省经信委、省财政厅，各设区市政府）", None) == {
        ("省经信委", "lead"), ("省财政厅", "lead"), ("各设区市政府", "collective")}


def test_counterpart_of_a_one_sided_act_is_no_agency_and_a_joint_actor_shares_the_role():
    # gold README roles 10; minimal sentences written for the rule (marked as such), no document quoted
    assert roles("社区应当与消防部门建立联勤联动联训工作机制") == {("社区", "lead")}
    assert roles("区科委加强与高校院所合作") == {("区科委", "lead")}
    assert roles("区应急局要与区公安分局共同开展检查") == {("区应急局", "lead"), ("区公安分局", "lead")}
    assert roles("区应急局要与区公安分局联合开展检查") == {("区应急局", "lead"), ("区公安分局", "lead")}
    assert roles("与区公安分局共同开展检查") == {("区公安分局", "lead")}


def test_heading_unit_helping_a_unit_its_item_names_cooperates():
    # gold README roles 2 (公安派出所：协助消防救援机构…); a minimal fixture written for the rule, no document quoted
    from policykg.ingest.extract.roles import assign_agencies
    head = "二、公安派出所职责"
    text = head + "\n1.协助消防救援机构维护火灾现场秩序。\n2.负责辖区消防宣传。\n3.协助消防救援机构开展调查；负责辖区巡查。\n"
    doc = Document("t", "t", "0", "utf-8", text, region=SONGJIANG)

    def item(n: int) -> set[tuple[str, str]]:
        line = text.splitlines()[n]
        return {(a.text, a.role) for a in assign_agencies(line, doc, text.find(line), [head])}
    assert item(1) == {("公安派出所", "cooperate")}
    assert item(2) == {("公安派出所", "lead")}
    assert item(3) == {("公安派出所", "lead")}  # a duty of its own besides the help: lead


def test_subject_bound_by_a_modal_beside_a_responsibility_clause_is_an_agency_too():
    # minimal sentences of the construction X要…。（A牵头，B配合） (河南 就业, 浙江 盐业体制改革): the clause names
    # the units of the task and the body's subject bound by 要/应当 carries its own duty (README roles 7, 8)
    assert roles("各级政府要切实承担本地促进就业工作的主体责任。（区人力资源社会保障局牵头，区财政局配合）") == {
        ("各级政府", "collective"), ("区人力资源社会保障局", "lead"), ("区财政局", "cooperate")}
    # the body names a unit of the clause in another form (住建部门 and 区住建委): one unit, the clause's form
    assert roles("住建部门要加强老旧小区管理。（区住建委牵头，区应急局配合）") == {
        ("区住建委", "lead"), ("区应急局", "cooperate")}
    # a subject without a modal (X对…实行…) is left to the clause
    assert roles("卫生健康部门对社会办医疗机构实行告知承诺制。（区卫生健康委牵头）") == {("区卫生健康委", "lead")}


def test_members_of_a_body_described_as_composed_of_units_get_no_act():
    # 生产安全事故报告和调查处理条例 第二十二条: X由A、B…（派人）组成 describes X, which the passive 由 makes its
    # object, no subject (the gold file records no agency for the sentence); 由A、B组成X (A and B form it) is their act
    assert roles("事故调查组由有关人民政府、安全生产监督管理部门、监察机关、公安机关以及工会派人组成，并应当邀请人民检察院派人参加。") \
        == set()
    assert roles("由区应急局、区公安分局组成联合检查组，开展专项检查。") == {("区应急局", "lead"), ("区公安分局", "lead")}


def test_members_listed_for_a_body_keep_the_heading_unit_out():
    # minimal item of the construction 专家由A和B派员组成: the text names who sits on the body; the unit of a
    # parent heading does not stand in as the item's agent
    item = "评审专家由高校和科研院所派员组成，实行回避制度。"
    doc = Document("t", "t", "0", "utf-8", "二、区应急局职责\n" + item, region=SONGJIANG)
    assert assign_agencies(item, doc, doc.text.find(item), headings=("二、区应急局职责",)) == []
    other = "组织开展隐患排查。"
    doc = Document("t", "t", "0", "utf-8", "二、区应急局职责\n" + other, region=SONGJIANG)
    assert [a.text for a in assign_agencies(other, doc, doc.text.find(other), headings=("二、区应急局职责",))] == ["区应急局"]


def test_an_institution_named_by_its_kind_in_a_subject_list_leaves_the_units_around_it():
    # minimal sentences of the pattern in 突发事件应对法 第三十八条 and 山东省消防条例 第四十二条 (corpus files without
    # gold): a member that is an institution or a party by its head noun (专业机构, 企业事业单位) is no unit, and the
    # units listed with it keep their duty
    assert roles("县级以上人民政府及其有关部门、专业机构应当通过多种途径收集突发事件信息。", None) == {
        ("县级以上人民政府", "lead"), ("有关部门", "collective")}
    assert roles("居民委员会、村民委员会、企业事业单位应当开展应急演练。", None) == {
        ("居民委员会", "lead"), ("村民委员会", "lead")}
    # no unit around the institutions, or a member that is neither unit nor institution: no list of units
    assert roles("医疗机构、相关企业要完善预约挂号方式。", None) == set()
    assert roles("区应急局、防汛抗旱、专业机构要加强值守。") == set()


def test_units_a_subject_organises_are_given_nothing():
    # minimal sentences of the pattern in 安全生产法 第六十二条 and 河南省消防条例 (corpus files without gold; gold README
    # roles 10): 组织有关部门 is an act on the units, not a unit named 组织有关部门
    assert roles("区政府应当组织有关部门开展安全检查。") == {("区政府", "lead")}
    assert roles("组织有关部门开展消防安全检查。") == set()


def test_the_other_of_qita_is_no_pronoun_after_you():
    # minimal sentence of the pattern in 煤矿安全生产条例 and 北京市安全生产条例 (corpus files without gold): 由其他部门
    # is not 由其 + 他部门
    assert roles("应当由其他部门处理的，及时移送。", None) == set()
    assert roles("由其上级机关负责。") == {("上级机关", "collective")}  # 其 as a pronoun still


def test_a_unit_and_its_departments_carry_the_duty_together():
    # minimal sentence of the pattern in 突发事件应对法 第十二条 (corpus file without gold): the unit leads, 部门 (its
    # departments, whichever) is a set
    assert roles("县级以上人民政府及其部门应当加强应急准备。", None) == {("县级以上人民政府", "lead"), ("部门", "collective")}


def test_a_subject_written_in_parts_set_off_by_commas():
    # constructed, the article style (a subject in parts, one level or kind each): every part before the comma is
    # the subject of the duty that closes the last part; 和 inside a part is no predicate
    assert roles("县人民政府及其有关部门，镇人民政府和街道办事处，村民委员会应当做好宣传。", None) == {
        ("县人民政府", "lead"), ("有关部门", "collective"), ("镇人民政府", "lead"), ("街道办事处", "lead"),
        ("村民委员会", "lead")}
    # a part the grammar does not read (学校、医院) names no unit; the parts around it keep their duty
    assert roles("卫生、教育等行政管理部门，学校、医院，以及广播电台等媒体，应当开展宣传。", None) == {
        ("卫生", "lead"), ("教育", "lead")}
    # a clause between the subject and its duty (…的单位，接到求助后，应当…) leaves the subject its duty
    assert roles("承担救援任务的部门和单位，接到群众求助，应当立即处置。", None) == {
        ("承担救援任务的部门和单位", "collective")}


def test_parts_before_a_condition_or_with_no_duty_are_no_subject():
    # constructed: a clause of condition (…的，) makes the parts before it the parties it describes, and a list
    # closed by no duty (…中心，…中心达到…) is a list of works
    assert roles("区应急局，区消防救援支队，不再符合规定的，区政府应当责令整改。", None) == {("区政府", "lead")}
    assert not {a for a in roles("市创新中心、区创新中心，市技术中心达到10家。", None) if a[0] != "市技术中心"}


def test_the_party_of_a_condition_with_no_duty_after_it_is_given_nothing():
    # constructed, the article of penalties or of reference: the units of a condition (X…的，) after which the
    # sentence imposes a sanction, names another actor (由Y…) or refers on, are parties, given nothing
    assert roles("各级人民政府、有关部门在管理工作中玩忽职守的，对直接负责的主管人员依法给予处分。", None) == set()
    assert roles("区政府或者有关部门拒绝落实处理意见的，由监察机关依法给予处分。", None) == {("监察机关", "lead")}
    assert roles("区政府认为需要调查处理的，依照本办法的有关规定执行。", None) == set()
    # a duty or a bare act after the condition is the condition's subject's own (承前省略)
    assert roles("区应急局接到报告的，应当立即核查。", None) == {("区应急局", "lead")}
    assert roles("区住建局发现违法行为的，责令停止使用。", None) == {("区住建局", "lead")}


def test_a_unit_before_the_passive_you_is_its_object():
    # constructed: X由Y推荐/指定 — Y acts on X (the passive 由), so X is no subject; Y acts, as after any 由
    assert roles("试点城市由区有关部门推荐，区应急局审核确定。") == {("区有关部门", "collective"), ("区应急局", "lead")}
    assert roles("区应急局负责审核，由区政府批准。") == {("区应急局", "lead"), ("区政府", "lead")}


def test_the_label_of_a_responsibility_clause_is_no_unit():
    # constructed: the label word before the colon (责任单位：) names the column, never a collective of its own,
    # whether the units after it are read (a lead) or not (a body the grammar cannot name)
    assert roles("加快示范推广。（责任单位：区智能制造攻坚行动）") == set()
    assert roles("加快示范推广。（责任单位：区推进工业发展专项工作组）") == {("区推进工业发展专项工作组", "lead")}
    assert roles("加强组织领导。区经委负责办公室工作。（责任单位：区改革领导小组成员单位，各街镇）") == {
        ("区改革领导小组成员单位", "collective"), ("各街镇", "collective")}
    assert roles("做好物资保障。（牵头单位：区应急局；配合单位：区财政局）") == {
        ("区应急局", "lead"), ("区财政局", "cooperate")}


def test_the_leader_of_under_the_leadership_of_takes_no_entry():
    # constructed (gold README roles 18): in 在X领导/指导/统筹协调下 the act is the subject's, X only frames it;
    # a unit that also helps (在X指导和协助下) takes part in the act
    assert roles("区安全生产委员会在区人民政府领导下，研究部署全区安全生产工作。") == {("区安全生产委员会", "lead")}
    assert roles("在区应急局的统一指导下，区民政局开展独居老人消防安全排查。") == {("区民政局", "lead")}
    assert roles("在区消防救援支队指导和协助下，区民政局开展独居老人消防安全排查。") == {
        ("区消防救援支队", "cooperate"), ("区民政局", "lead")}


ZHEJIANG = Region("浙江省", "330000000000", "provincial", ())
CHINA = Region("中华人民共和国", "100000000000", "national", ())
CHANGDE = Region("常德市", "430700000000", "city", (RegionRef("湖南省", "430000000000", "provincial"),))


def test_a_kind_in_the_body_beside_a_clause_is_its_own_entry_above_the_city():
    # constructed (gold README roles 14, 15): in a provincial or national text a kind written in the body names
    # every such unit, not the clause's one bureau; in a city plan it is that bureau (one entry, the clause's)
    assert roles("环保部门要依法加强工业盐生产企业的环境管理。（责任单位：省经信委、省环保厅）", ZHEJIANG) == {
        ("环保部门", "lead"), ("省经信委", "lead"), ("省环保厅", "lead")}
    assert roles("住建部门要加强老旧小区消防车通道治理。（市住建局牵头，市公安局按职责分工负责）", CHANGDE) == {
        ("市住建局", "lead"), ("市公安局", "cooperate")}
    assert roles("人力资源社会保障部门将消防知识纳入职业培训内容。（市委宣传部牵头，市人社局按职责分工负责）", CHANGDE) == {
        ("市委宣传部", "lead"), ("市人社局", "cooperate")}
    # a declarative duty (X对…实行…) gives its subject an entry, a permission (X可以…) none
    assert roles("卫生健康行政部门对社会办医疗机构配置大型医用设备实行告知承诺制。（负责部门：卫生健康委）", CHINA) == {
        ("卫生健康行政部门", "lead"), ("卫生健康委", "lead")}
    assert roles("省级市场监管部门可以将初审权限下放至地市。（负责部门：市场监管总局）", CHINA) == {("市场监管总局", "lead")}


def test_related_units_alone_in_a_rule_are_the_parties_it_binds():
    # constructed (gold README roles 16): 有关单位 alone as the subject of a law's rule, or beside a regulated
    # party, names whoever the rule binds; beside public units, or addressed by a plan, it is a collective
    def law_roles(text: str) -> set[tuple[str, str]]:
        doc = Document("t", "t", "0", "utf-8", text, region=SONGJIANG, kind="条例")
        return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}

    assert law_roles("有关单位应当予以配合。") == set()
    assert law_roles("高危生产经营单位和其他有关单位应当加强安全技术的研究。") == set()
    assert ("有关单位", "collective") in law_roles("区人民政府及其有关部门、有关单位应当做好应急准备。")
    assert roles("有关单位要按照要求做好保障。") == {("有关单位", "collective")}
