"""The unit-name grammar: prefix + modifier + head noun, lists with shared heads, and what it refuses.

Phrases are quoted from readable corpus documents (嘉定区人员转移安置预案, 柘林镇文物保护管理办法 …) or
constructed in their shape (marked); none of them is in the dictionary as written."""

from __future__ import annotations

import re
from pathlib import Path

from policykg.ingest.extract.agency_grammar import (
    _end_positions,
    _tail,
    classify,
    head_of,
    longest_units_at,
    plain_words,
    read_list,
    split_prefix,
    units_of,
)
from policykg.ingest.model import Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))
JIADING = Region("嘉定区", "310114000000", "county", (SHANGHAI,))
ZHELIN = Region("柘林镇", "310120103000", "township", (RegionRef("奉贤区", "310120000000", "county"), SHANGHAI))


def mentions(np: str, region: Region | None = SONGJIANG) -> list[tuple[str, str]] | None:
    hits = units_of(np, region)
    return None if hits is None else [(h.text, h.name) for h in hits]


def test_units_outside_the_dictionary_are_read_by_their_head():
    assert mentions("区信息委") == [("区信息委", "松江区信息委")]
    assert mentions("区退役军人服务中心") == [("区退役军人服务中心", "松江区退役军人服务中心")]
    # the dictionary, where it knows the unit, gives the full name: 粮食物资储备局 is 粮食和物资储备局
    assert mentions("区粮食物资储备局") == [("区粮食物资储备局", "松江区粮食和物资储备局")]
    assert mentions("区规划资源局") == [("区规划资源局", "松江区规划和自然资源局")]
    assert mentions("区公安消防支队") == [("区公安消防支队", "松江区消防救援支队")]  # renamed in 2018, same unit
    assert mentions("镇党群中心", ZHELIN) == [("镇党群中心", "柘林镇党群中心")]
    assert mentions("区事故灾难和自然灾害指挥部", JIADING) == [("区事故灾难和自然灾害指挥部", "嘉定区事故灾难和自然灾害指挥部")]
    assert mentions("区科协")[0][0] == "区科协"


def test_dictionary_gives_the_canonical_name_the_written_form_stays():
    # constructed
    assert mentions("区消防救援支队、区应急局") == [("区消防救援支队", "松江区消防救援支队"), ("区应急局", "松江区应急管理局")]


def test_heads_are_checked_on_word_boundaries():
    assert head_of("提请挂牌督办") is None  # 督办 is a verb, not an office
    assert head_of("公众聚集场所") is None
    assert read_list("社区") is not None and split_prefix("社区", SONGJIANG)[0] == ""  # no 区 prefix inside 社区


def test_shared_head_lists():
    assert mentions("交通、公安等部门", JIADING) is not None
    assert [m for m, _ in mentions("交通、公安等部门", JIADING)] == ["交通", "公安"]
    stems = mentions("发展改革、建设、交通等相关行政管理部门", ZHELIN)
    assert [m for m, _ in stems] == ["发展改革", "建设", "交通"]  # the typed head names the stems' kind
    assert stems[0][1] == "发展改革行政管理部门"
    # a closing 等有关部门 adds no collective: 等 closes the list of named members (gold README roles 3, amendment)
    assert [m for m, _ in mentions("公安部、商务部等有关部门", None)] == ["公安部", "商务部"]
    assert [m for m, _ in mentions("交通等有关单位", JIADING)] == ["交通"]
    # a closing head defined by its duty (等负有…职责的部门) names its members too (gold README roles 3, amendment)
    described = mentions("应急管理、公安、住房城乡建设等负有安全生产监督管理职责的部门", None)
    assert [m for m, _ in described] == ["应急管理", "公安", "住房城乡建设"]


def test_one_collective_spanning_a_list():
    # a set is named as written, no region added (gold README roles 13)
    assert mentions("区委、区政府各部委办局") == [("区委、区政府各部委办局", "区委、区政府各部委办局")]
    # a list of kinds inside one phrase gives each kind its own stretch (gold README roles 22, fourth adjudication)
    assert mentions("各级财政和审计部门", JIADING) == [("各级财政", "各级财政部门"), ("审计部门", "各级审计部门")]
    assert [m for m, _ in mentions("各省、自治区、直辖市人民政府", None)] == ["各省、自治区、直辖市人民政府"]


def test_joined_units_split_only_after_a_whole_unit():
    assert [m for m, _ in mentions("上级机关或者主管部门", ZHELIN)] == ["上级机关", "主管部门"]
    # the 权属 or 管理 unit of a site is a regulated party, no unit of administration (gold README roles 4)
    assert mentions("权属或管理单位", JIADING) is None


def test_compound_level_prefix_stays_with_its_unit():
    # one mention, one unit at each level it names: the city's and the town's district's
    assert mentions("市和区、县文物行政管理部门", ZHELIN) == [("市和区、县文物行政管理部门", "上海市文物行政管理部门"),
                                                       ("市和区、县文物行政管理部门", "奉贤区文物行政管理部门")]
    # in a municipal rule, 区、县X is every district's X: a kind of unit, each given the task (README roles 1)
    hits = units_of("区、县人民政府", Region("上海市", "310000000000", "provincial"))
    assert [(h.text, h.collective) for h in hits] == [("区、县人民政府", False)]


NANYANG = Region("南阳市", "411300000000", "city", (RegionRef("河南省", "410000000000", "provincial"),))
SHANDONG = Region("山东省", "370000000000", "provincial", ())


def scoped(np: str, region: Region) -> list[tuple[str, str, str]] | None:
    hits = units_of(np, region)
    return None if hits is None else [(h.text, h.name, "collective" if h.collective else "one") for h in hits]


def test_levels_with_bracketed_kinds_name_one_unit_per_level():
    # minimal phrases of the article style: 县（市、区） is one level (county, county-level city, district),
    # the city's own unit and, for each rank below, that level's units (a kind: README roles 1); 人民政府
    # leaves a department's name
    assert scoped("市、县（市、区）人民政府应急管理部门", NANYANG) == [
        ("市、县（市、区）人民政府应急管理部门", "南阳市应急管理部门", "one"),
        ("市、县（市、区）人民政府应急管理部门", "县（市、区）应急管理部门", "one")]
    assert [(n, s) for _, n, s in scoped("市和区县（市）人民政府", NANYANG)] == [
        ("南阳市人民政府", "one"), ("区县（市）人民政府", "one")]
    # a province's 设区的市 and 县（市、区） are levels below it, one rank each; 省 is its own
    assert [(n, s) for _, n, s in scoped("省、设区的市、县（市、区）人民政府", SHANDONG)] == [
        ("山东省人民政府", "one"), ("设区的市人民政府", "one"), ("县（市、区）人民政府", "one")]
    assert [n for _, n, _ in scoped("设区的市和县（市、区）人民政府", SHANDONG)] == ["设区的市人民政府", "县（市、区）人民政府"]
    # one level written as only a level can be
    assert scoped("区县（自治县）人民政府", SHANDONG) == [("区县（自治县）人民政府", "区县（自治县）人民政府", "one")]
    # a group written as one (相关…部门) is one collective per tier of administration, the whole phrase as mention
    # (gold README roles 22 amendment, fifth adjudication: 区、县 is one tier)
    assert scoped("市和区、县相关行政管理部门", Region("上海市", "310000000000", "provincial")) == [
        ("市和区、县相关行政管理部门", "市相关行政管理部门", "collective"),
        ("市和区、县相关行政管理部门", "区、县相关行政管理部门", "collective")]


def test_a_set_marker_makes_any_unit_head_a_collective():
    # 有关/相关/其他 before a government or a bare 机构 names an open set, as before 部门 (gold README, roles 3);
    # a place before the marker (事故发生地) is a modifier of the set
    assert scoped("有关人民政府", SHANDONG) == [("有关人民政府", "有关人民政府", "collective")]
    assert [s for _, _, s in scoped("事故发生地有关地方人民政府", SHANDONG)] == ["collective"]
    assert scoped("有关机构、单位", SHANDONG) == [("有关机构、单位", "有关机构、单位", "collective")]
    assert units_of("培训机构", SHANDONG) is None  # a party named by its trade stays no unit
    # two sets of units as alternatives stay two; the 管理单位或者产权单位 of a site are parties (roles 4)
    assert [t for t, _, _ in scoped("有关地方人民政府或者有关部门", SHANDONG)] == ["有关地方人民政府", "有关部门"]
    assert scoped("应急避难场所管理单位或者产权单位", SHANDONG) is None
    assert scoped("物业管理单位", SHANDONG) is None and scoped("建设单位", SHANDONG) is None


def test_a_set_of_levels_with_bracketed_kinds_is_one_collective_whatever_the_brackets():
    # 各 before a list of levels covers it all (各市、县（市、区）政府), one set per tier (gold README roles 22 amendment:
    # 各市政府, 各县（市、区）政府, the whole phrase as mention); provincial texts also bracket with 〔〕
    zhejiang = Region("浙江省", "330000000000", "provincial", ())
    assert scoped("各市、县（市、区）政府", zhejiang) == [("各市、县（市、区）政府", "各市政府", "collective"),
                                                 ("各市、县（市、区）政府", "各县（市、区）政府", "collective")]
    assert [n for _, n, _ in scoped("各市、县〔市、区〕政府", zhejiang)] == ["各市政府", "各县〔市、区〕政府"]
    assert [(n, s) for _, n, s in scoped("市、县〔市、区〕人民政府应急管理部门", NANYANG)] == [
        ("南阳市应急管理部门", "one"), ("县〔市、区〕应急管理部门", "one")]


def test_not_units():
    assert units_of("机关、团体、企业、事业等单位", SONGJIANG) is None  # regulated parties
    assert units_of("建设工程的建设、设计、施工和监理等单位", SONGJIANG) is None
    assert units_of("会同区应急局", SONGJIANG) is None  # the phrase ran past the name
    assert units_of("完成街镇", SONGJIANG) is None


def test_names_that_carry_their_place_or_are_national_get_no_region():
    assert mentions("国网上海嘉定供电公司", JIADING) == [("国网上海嘉定供电公司", "国网上海嘉定供电公司")]
    assert mentions("商务部", JIADING) == [("商务部", "商务部")]


def test_document_registry_names_declared_and_heading_short_forms():
    from policykg.ingest.extract.agency_registry import _abbreviates, _build

    # constructed: a body declared with its short form
    reg = _build("江桥镇地下空间管理联席会议（以下简称“联席会议”）负责全镇地下空间应急管理的统筹。", ())
    assert [(h.text, h.name) for h in units_of("联席会议", JIADING, 0, reg)] == [
        ("联席会议", "江桥镇地下空间管理联席会议")]
    assert _abbreviates("消防委", "消防安全委员会") and not _abbreviates("区委", "区政府")
    heading_reg = _build("", ("二、区消防安全委员会职责", "三、区安全生产委员会职责"))
    assert heading_reg.full_name("消防委") == "消防安全委员会"
    assert heading_reg.full_name("区委") is None  # fits neither: left alone


# -- round 2: verb phrases and two units joined by an act are no unit names ----------------------------------
# (兴化 seed 三; 黄浦区消防工作意见 十一, 十三; 黄浦区地下空间监督检查办法; 嘉定区转移安置预案; 柳市 seed)

def test_verb_phrases_before_a_head_are_no_units():
    for phrase in ("依法查处", "全面应用政法委", "锚定消防救援队伍", "建立健全区政府", "建立健全各部门"):
        assert classify(phrase) is None, phrase
    for name in ("区应急局", "扶贫办", "中央军委政治工作部", "国管局", "区住房保障房屋管理局"):
        assert classify(name) is not None, name


def test_two_units_and_the_act_between_them_are_not_one_name():
    assert classify("区国动办分送有关部门") is None
    assert classify("区级应急指挥部接收市级应急指挥部") is None
    assert classify("镇人民政府相关行政管理部门") is not None  # 相关 relates, it does not act


def test_a_head_character_that_opens_a_word_ends_no_unit():
    text = "人员转移安置行动和应急避难场所建设管理所需经费，由相关单位按照有关预案和规定，报区财政部门审核"
    assert longest_units_at(text, 0, None) is None


def test_each_place_written_as_a_series_stays_one_collective_inside_a_list():
    # 普陀区应急避难场所建设管理办法 第二十七条, 第三十条
    assert mentions("行业主管部门、各街道、镇、各有关单位") == [
        ("行业主管部门", "行业主管部门"), ("各街道、镇", "各街道、镇"), ("各有关单位", "各有关单位")]
    assert [m for m, _ in mentions("区应急局、行业主管部门、各街道、镇")] == ["区应急局", "行业主管部门", "各街道、镇"]


# -- session 3: departments named by what they do -------------------------------------------------------------

def test_a_department_named_by_a_relative_clause_is_a_collective():
    # 上海市地下空间安全使用管理办法; 虹口区举报奖励办法; 嘉定区转移安置预案: whichever department that is
    for phrase in ("接到报告的行政管理部门", "负责核查处理的职能部门", "各实施应急征用的行政主管部门",
                   "负有安全生产监督管理职责的部门", "其他负有安全生产监督管理职责的部门"):
        assert classify(phrase) == "collective", phrase
    assert mentions("接到报告的行政管理部门") == [("接到报告的行政管理部门", "接到报告的行政管理部门")]


def test_a_relative_clause_that_is_a_predicate_names_no_department():
    assert classify("负责公共消防设施维护管理的单位") is None  # a regulated party, not a department
    assert classify("转送负有职责的部门") is None  # the department is the object of 转送
    assert classify("配合其他负有安全生产监督管理职责的部门") is None
    assert classify("应当告知举报人向有处理权的部门") is None  # a modal and a preposition: a predicate
    assert classify("按照规定的部门") is None
    assert classify("的部门") is None


def test_a_body_of_a_regulated_party_is_no_unit():
    # 山东省安全生产条例: the enterprise's own bodies carry its duties, no government unit's
    assert classify("生产经营单位的安全生产管理机构") is None
    assert classify("生产经营单位的工会") is None
    assert classify("区政府的有关部门") is not None  # a unit's body
    assert classify("市和区、县地下空间安全使用管理的综合协调部门") is not None  # what it does, not whose


def _corpus_sentences() -> list[str]:
    """The sentences (cut at 。；and line ends) of two corpus documents quoted above: real text, read here."""
    root = Path(__file__).resolve().parent.parent / "corpus" / "documents" / "shanghai"
    names = ["township/上海市奉贤区柘林镇人民政府关于印发《柘林镇文物保护管理办法》的通知.md",
             "district/上海市嘉定区人民政府办公室关于转发《上海市嘉定区突发事件人员转移安置和应急避难场所启用预案》的通知.md"]
    out: list[str] = []
    for n in names:
        out.extend(s for s in re.split(r"[。；\n]", (root / n).read_text(encoding="utf-8")) if s.strip())
    return out


def test_end_positions_keep_every_end_the_full_name_check_accepts():
    """``_end_positions`` drops the ends of a text where ``_tail`` fails from every start: on real corpus
    sentences, no end that ``_tail`` accepts for some start (within 160 characters, as read) is dropped."""
    sentences = _corpus_sentences()
    assert len(sentences) > 100
    checked = 0
    for s in sentences:
        ends = set(_end_positions(s))
        for pos in range(len(s)):
            for e in range(pos + 1, min(len(s), pos + 160) + 1):
                if _tail(s, pos, e):
                    assert e in ends, (s, pos, e)
                    checked += 1
    assert checked > 1000  # the check ran over many accepted (start, end) pairs


def test_organs_of_state_are_units_their_parties_are_not():
    # 监察机关, 审计机关 are organs of state (a kind of unit); an 审计单位 hired for a project is a party
    assert [h.text for h in units_of("上级机关或者监察机关", SHANDONG)] == ["上级机关", "监察机关"]
    assert units_of("审计单位", SHANDONG) is None


def test_a_party_inside_a_list_of_units_is_left_out_not_the_list():
    # 普陀区应急避难场所建设管理办法 第二十七条: the 管理单位 of a site is a party (README roles 4); the units beside it stay
    assert [h.text for h in units_of("行业主管部门、各街道、镇、管理单位", SHANDONG)] == ["行业主管部门", "各街道、镇"]
    assert units_of("管理单位、区应急局", SHANDONG) is None  # a list opening with a party is no list of units


def test_development_zones_before_a_shared_management_committee_each_name_theirs():
    # minimal phrases: zones listed before 等管委会, or before a last item ending in 管委会, each name their
    # 管委会 with the zone as written; an aside (以下统称…) names the list and is no part of a name
    assert [(t, n) for t, n, _ in scoped("高新技术产业开发区、官庄工区和卧龙综合保税区等管委会", NANYANG)] == [
        ("高新技术产业开发区", "高新技术产业开发区管委会"), ("官庄工区", "官庄工区管委会"), ("卧龙综合保税区", "卧龙综合保税区管委会")]
    assert [t for t, _, _ in scoped("两江新区、万盛经开区管委会（以下统称区县政府）", SHANDONG)] == ["两江新区", "万盛经开区管委会"]
    assert units_of("工业园区、开发区", SHANDONG) is None  # places with no unit head name no unit


def test_a_level_of_government_restricted_by_a_clause_stays_a_kind():
    # gold README roles 3: under a head that names a kind, a clause only restricts the kind (lead, not a set)
    assert scoped("有森林消防任务的村", SHANDONG) == [("有森林消防任务的村", "有森林消防任务的村", "one")]
    assert [s for _, _, s in scoped("负责事故调查的人民政府", SHANDONG)] == ["one"]
    assert units_of("按照规定的市", SHANDONG) is None  # a preposition opens no restricting clause
    assert units_of("有资质的政府", SHANDONG) is None  # (…的政府采购代理机构: 政府 alone is no head here)


def test_a_level_before_a_sector_list_owns_every_member():
    # 上海市地下空间安全使用管理办法 第五条; 南阳市居民住宅区消防安全管理条例 第三十六条 (gold README roles 3
    # amendment): the level stands outside the list; each member is written bare and named with the level
    city = Region("上海市", "310000000000", "provincial", ())
    assert mentions("本市民防、交通、公安等部门", city)[0] == ("民防", "上海市民防部门")
    nanyang = Region("南阳市", "411300000000", "city", (RegionRef("河南省", "410000000000", "provincial"),))
    got = mentions("市、县（市、区）人民政府应急管理、公安等部门", nanyang)
    assert got == [("应急管理", "南阳市应急管理部门"), ("应急管理", "县（市、区）应急管理部门"),
                   ("公安", "南阳市公安部门"), ("公安", "县（市、区）公安部门")]
    # without 等 and a shared head the level's own unit stays one name
    assert mentions("市、县（市、区）人民政府", nanyang) is not None
    assert [m for m, _ in mentions("交通、公安等部门", JIADING)] == ["交通", "公安"]


def test_the_levels_of_a_law_own_the_sector_list_after_them():
    # minimal sentences of the pattern in 山东省突发事件应对条例 and 建设工程质量管理条例 (corpus files without gold):
    # 县级以上（地方）人民政府 and 国务院 stand outside the list as a level does; the members are written bare
    shandong = Region("山东省", "370000000000", "provincial", ())
    got = mentions("县级以上人民政府发展改革、经济和信息化、民政等有关部门", shandong)
    assert [m for m, _ in got] == ["发展改革", "经济和信息化", "民政"]
    assert got[0][1] == "县级以上人民政府发展改革部门"
    assert [m for m, _ in mentions("县级以上地方人民政府交通、水利等有关部门", None)] == ["交通", "水利"]
    assert [m for m, _ in mentions("国务院铁路、交通、水利等有关部门", None)] == ["铁路", "交通", "水利"]
    assert mentions("县级以上人民政府应急管理部门", shandong) == [("县级以上人民政府应急管理部门", "县级以上人民政府应急管理部门")]


def test_a_list_with_an_institution_is_read_as_units_only_where_it_stands():
    # a whole phrase read as a list (units_of) stays strict; the reader of a list where it stands (a subject) keeps
    # the units around an institution named by its kind (专业机构), never fewer than two units
    assert units_of("区应急局、区教育局、专业机构", SONGJIANG) is None
    assert [h.text for h in units_of("区应急局、区教育局、专业机构", SONGJIANG, tolerant=True)] == ["区应急局", "区教育局"]
    assert units_of("区应急局、专业机构", SONGJIANG, tolerant=True) is None
    assert units_of("区应急局、区教育局、公安等单位", SONGJIANG, tolerant=True) is None  # a shared head: strict


def test_a_verb_that_names_a_sector_too_is_the_verb_before_a_set_marker_or_a_rank():
    # minimal phrases of the pattern in 安全生产法 第六十二条 and 突发事件应对法 (corpus files without gold): 组织 is also a
    # sector (组织部门), but a sector word stands right before its head, never before 有关/各/下级 (gold README roles 10:
    # the organised units are no agencies)
    assert classify("组织有关部门") is None
    assert classify("组织下级人民政府") is None
    assert units_of("组织有关行政管理部门", None) is None
    assert classify("组织部门") == "unit" and classify("宣传部门") == "unit"


def test_a_bare_department_head_after_jiqi_is_the_departments_of_the_unit_before():
    # minimal phrases of the pattern in 突发事件应对法 第十二条 and 北京市实施《突发事件应对法》办法 (corpus files without
    # gold): X及其部门 is X and X's departments, a set named with X (gold README roles 3)
    got = [(h.text, h.name, h.scope) for h in units_of("县级以上人民政府及其部门", None)]
    assert got[-1] == ("部门", "县级以上人民政府部门", "collective") and got[0][0] == "县级以上人民政府"
    assert [h.text for h in units_of("区人民政府及其所属部门、街道办事处", None)] == ["区人民政府", "所属部门", "街道办事处"]
    assert units_of("部门", None) is None  # alone it names nothing


def test_each_level_of_government_is_an_open_set():
    # 辽宁 纺织工业压锭 (各市要按省统一部署…); 国发〔2018〕38号 (各有关省（市）要…): every unit at that level
    assert mentions("各市", None) == [("各市", "各市")]
    assert [m for m, _ in mentions("各有关省（市）", None)] == ["各有关省（市）"]
    assert classify("各县") == "collective"
    assert classify("各市场主体") is None  # 市 opens a word here: no level


def test_a_set_marker_before_a_plural_word_for_regions_is_an_open_set():
    # 青岛 工业互联网平台 (责任单位：市工业和信息化局、各区市); 国办发〔2019〕2号 (相关省份要密切跟踪…)
    for np in ("各区市", "相关省份", "有关地方", "各城市"):
        assert classify(np) == "collective", np
        assert mentions(np, None) == [(np, np)]
    assert classify("城市") is None and classify("省份") is None  # no set marker: no unit
    assert longest_units_at("相关省份要密切跟踪试点落实情况", 0, None)[0][0].text == "相关省份"


def test_each_with_a_kind_of_unit_or_zone_is_an_open_set():
    # minimal phrases of the constructions 各试点单位要…, 各级国家机关…应当, 各有关地区和部门、各自贸试验区要…:
    # 各 before any modifier and 单位/机关 names the set of units of that kind (README roles 3 and 4: executing
    # units addressed by kind stay agencies, as collectives); 各 before a zone, every zone of the kind
    for np in ("各预算单位", "各试点单位", "各级国家机关", "各自贸试验区", "各有关地区", "有关地区"):
        assert classify(np) == "collective", np
    assert [h.text for h in longest_units_at("各有关地区和部门、各自贸试验区要牢固树立总体国家安全观", 0, None)[0]] \
        == ["各有关地区和部门", "各自贸试验区"]
    # parties stay out: a regulated party (施工单位), a 社会单位 of a safety rule, a trade's 机构, 各类; a bare
    # 预算单位 is a public institution by kind, a collective (README roles 4 and 17)
    for np in ("各施工单位", "各社会单位", "各金融机构", "各类单位"):
        assert classify(np) != "collective", np


def test_an_organ_named_by_its_act_or_a_clause_is_an_open_set():
    # 生产安全事故报告和调查处理条例 (负有安全生产监督管理职责的有关部门), 浙江省森林消防条例 (重新认定机关), 突发事件应对法
    # (应急预案制定机关): whichever organ performs the act, a collective (README roles 3); an organ of state stays a unit
    for np in ("许可机关", "重新认定机关", "应急预案制定机关", "负有安全生产监督管理职责的有关部门"):
        assert [s for _, _, s in scoped(np, SHANDONG)] == ["collective"], np
    assert [s for _, _, s in scoped("检察机关", SHANDONG)] != ["collective"]
    assert [(t, s) for t, _, s in scoped("安全生产监督管理部门和负有安全生产监督管理职责的有关部门", SHANDONG)] == [
        ("安全生产监督管理部门", scoped("安全生产监督管理部门", SHANDONG)[0][2]), ("负有安全生产监督管理职责的有关部门", "collective")]


def test_a_verb_that_takes_a_unit_as_object_is_no_part_of_a_name():
    # 上海市/杨浦区 安全生产举报奖励办法 (同一举报内容已获得应急管理部门…奖励的); 生产安全事故报告和调查处理条例 第十条
    assert not plain_words("同一举报内容已获得应急管理部门")
    assert not plain_words("重大事故逐级上报至国务院安全生产监督管理部门")
    assert not plain_words("责令有关单位")
    assert plain_words("区应急管理局")


def test_a_group_set_up_for_a_task_is_a_unit_a_count_of_groups_is_not():
    # minimal phrases: 组 heads a body named by its task (事故调查组, 专家组, 监督组), as 小组 does with a
    # modifier; a number or 每/第 before it counts groups, and words ending in 组 (班组, 机组) are no unit
    assert [h.text for h in units_of("事故调查组", SONGJIANG)] == ["事故调查组"]
    assert [h.text for h in units_of("监督组", SONGJIANG)] == ["监督组"]
    assert [h.text for h in units_of("专家组", SONGJIANG)] == ["专家组"]
    for not_a_unit in ("三组", "第一组", "每组", "班组", "机组", "小组"):
        assert classify(not_a_unit) is None, not_a_unit


def test_bodies_a_unit_chooses_are_a_set():
    # minimal phrases: U授权/指定/确定的(有关)部门|机构|机关 names whichever bodies U chooses (README roles 3: collective);
    # a party's choice (经营者确定的机构) or 委托 (a party's agent) names no unit
    assert [(h.text, h.scope) for h in units_of("市人民政府授权的部门", SONGJIANG)] == [("市人民政府授权的部门", "collective")]
    assert classify("市、县（市、区）政府确定的盐业主管机构") == "collective"
    assert classify("其授权的有关部门") == "collective"
    assert classify("经营者确定的机构") is None
    assert classify("生产经营单位委托的机构") is None


def test_customs_and_federations_are_heads():
    # minimal phrases: 海关 (an organ of state: 重庆海关) and 总会 (a federation: 省纺织总会) end a unit name
    chongqing = Region("重庆市", "500000000000", "provincial")
    assert [(h.text, h.scope) for h in units_of("重庆海关及各区县政府", chongqing)] == [
        ("重庆海关", "unit"), ("各区县政府", "collective")]
    assert classify("省纺织总会") == "unit"
    assert classify("海关特殊监管区域") is None  # a place named after customs ends in no head


def test_units_paired_with_individuals_are_every_party_not_a_unit():
    # minimal phrases: 有关单位和个人 names whoever is concerned, a person as much as a unit (README roles 4)
    assert longest_units_at("有关单位和个人应当予以配合", 0, None) is None
    assert longest_units_at("有关责任单位和个人发现火灾隐患", 0, None) is None
    # a named unit before it stays; 有关部门 beside individuals is still the administration's set
    hits, _ = longest_units_at("区应急局和有关单位应当予以配合", 0, SONGJIANG)
    assert [h.text for h in hits] == ["区应急局", "有关单位"]
    hits, _ = longest_units_at("有关部门和个人应当予以配合", 0, None)
    assert [h.text for h in hits] == ["有关部门"]


def test_follows_the_run_is_a_safe_precheck_for_punctuated_follows():
    """follows_the_run (a speed pre-check) may say True where no unit list stands, but where it says False a
    follow that opens with punctuation finds no unit list (constructed sentences, minimal fixtures)."""
    from policykg.ingest.extract.units_at import follows_the_run

    comma = re.compile(r"[，,]")
    assert follows_the_run("区应急局，负责检查", 0, comma)
    assert longest_units_at("区应急局，负责检查", 0, None, follow=comma) is not None
    for text in ("区应急局负责检查", "区应急局负责检查。", "各街镇要按照要求开展检查：", "区应急局"):
        assert not follows_the_run(text, 0, comma)
        assert longest_units_at(text, 0, None, follow=comma) is None


def test_a_verb_that_opens_a_measure_is_no_part_of_a_name():
    # constructed: a plan's measure opens with its verb (打造, 布局, 围绕, 深化, 加快); what follows is its object,
    # no unit (these were read as units by their head 中心 / 科 / 室)
    for phrase in ("打造具有全国影响力的科技创新中心", "布局建设技术创新中心", "围绕中心", "深化新工科", "加快建设国家重点实验室"):
        assert classify(phrase) is None, phrase
    assert classify("区建设管理委员会") == "unit" and classify("区科技创新中心") == "unit"


def test_named_bodies_closed_by_their_kind_are_each_a_mention():
    # constructed: 等团体 after bodies named one by one closes the list (gold README roles 3 amendment); each
    # named body is a mention, the kind names none of its own (联合会 is a head, though it opens like 联合)
    assert [h.text for h in units_of("工会、共青团、妇女联合会等团体", None)] == ["工会", "共青团", "妇女联合会"]
    text = "工会、共产主义青年团和妇女联合会等团体应当组织开展宣传教育。"
    hits, end = longest_units_at(text, 0, None, follow=re.compile("应当"))
    assert [h.text for h in hits] == ["工会", "共产主义青年团", "妇女联合会"] and text[end:end + 2] == "应当"
    assert units_of("教育、文化等团体", None) is None  # sectors closed by a kind of organisation: no named body
    assert plain_words("妇女联合会") and not plain_words("联合开展检查")


def test_a_units_staff_bound_by_a_duty_give_the_unit_the_duty():
    # constructed: X及其工作人员应当… binds X (the staff of a unit act for it); a breach written after the staff
    # (…及其工作人员违反…的) is no duty of the unit
    text = "区应急局、区消防救援支队及其工作人员应当依法履行职责。"
    hits, end = longest_units_at(text, 0, SONGJIANG, follow=re.compile("应当"))
    assert [h.text for h in hits] == ["区应急局", "区消防救援支队"] and text[end:end + 2] == "及其"
    assert longest_units_at("区应急局及其工作人员违反规定的，依法处理。", 0, SONGJIANG, follow=re.compile("违反")) is None


def test_a_body_named_by_the_supervision_it_performs_is_an_organ_of_state():
    # constructed: 监察机构 / 监督管理机构 are organs of state, as 监察机关 is; a 服务机构 stays a party
    assert classify("矿山安全监察机构") == "unit" and classify("国家矿山安全监察机构") == "unit"
    assert classify("保险监督管理机构") == "unit"
    assert classify("消防技术服务机构") is None
    # a verb passing a report on opens no name: 通报有关部门、…机构 names the receivers, no subject
    assert classify("通报有关部门") is None and classify("抄送区应急局") is None


def test_a_sector_that_reads_as_a_verb_before_a_department_head_is_a_sector():
    # constructed: 建设 and 发展改革 read as verbs, but before a department head they name the sector (建设局,
    # 发展改革委); a verb before a set marker or a rank acts on its object (组织有关部门), and words that are no
    # beginning of a unit name before a head are no sector (保障行政执法机关)
    assert classify("建设行政主管部门") == "unit" and classify("发展改革主管部门") == "unit"
    assert classify("组织有关部门") is None and classify("保障行政执法机关") is None
    # a set marker anywhere after the verb makes it act on a set (组织政府有关部门), even where the verb and a head
    # make a dictionary name (组织部门)
    assert classify("组织政府有关部门") is None and classify("教育主管部门") == "unit"


def test_the_departments_of_a_government_bearing_a_duty_are_one_set_not_the_government():
    # constructed: 县级以上人民政府负有…职责的部门 names the departments (a set defined by their duty, gold README
    # roles 3), written as a whole; the government before them is no agency of the clause
    for np in ("县级以上地方人民政府负有燃气安全监督管理职责的部门", "省、设区的市人民政府负有燃气安全监督管理职责的部门"):
        hits = units_of(np, None)  # (one set per tier of administration: gold README roles 22 amendment)
        assert {(h.text, h.scope) for h in hits} == {(np, "collective")} and len(hits) == 1 + np.count("、"), np
    # a unit's own clause before a department stays the subject's (区应急局负责…的部门 is read with its subject)
    assert classify("区应急局负责安全生产监督管理的部门") is None


def test_an_adverb_and_a_verb_written_as_one_word_open_a_predicate_not_a_name():
    # constructed: 充分发挥X的作用, 认真贯彻X的部署: jieba writes 充分发挥 as one word (tagged a noun), so the halves decide
    for phrase in ("充分发挥地方主管部门", "充分发挥政府", "认真贯彻国务院", "认真落实国务院"):
        assert classify(phrase) is None, phrase
    assert classify("区综合执法局") == "unit"


def test_a_measure_verb_inside_a_name_does_not_end_it():
    # constructed: 深化 and 引进 open measures (深化新工科), yet names hold them inside
    assert classify("区委深化改革办") == "unit" and classify("市人才引进工作领导小组办公室") == "unit"
    assert classify("深化新工科") is None and classify("引进人才工作办公室") is None


def test_a_centre_named_by_what_it_hosts_is_a_platform_not_a_unit():
    # constructed: innovation, technology, trial and data centres are platforms a plan builds or designates
    # (gold README site types 9), never the units that carry its measures; a government centre keeps its head
    for name in ("省制造业创新中心", "国家企业技术中心", "临床试验中心", "省级数据中心", "产品研发中心"):
        assert head_of(name) is None and classify(name) is None, name
    assert classify("市大数据中心") == "unit"
    assert classify("区城运中心") == "unit" and classify("区科技创新中心") == "unit"
    assert classify("区退役军人服务中心") == "unit"
    assert roles_of("制造业创新中心、技术创新中心成为行业创新的主要力量。") == set()


def roles_of(text: str, region: Region | None = SONGJIANG) -> set[tuple[str, str]]:
    from policykg.ingest.extract.roles import assign_agencies
    from policykg.ingest.model import Document

    doc = Document("t", "t", "0", "utf-8", text, region=region)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_public_institutions_by_kind_are_collectives():
    # constructed (gold README roles 4 and 17): institutions a text writes by kind as doing a task name no unit,
    # a set; a place or ownership word may narrow the kind, a verb before it is an act on it, no name
    for name in ("医疗机构", "试点地区公立医疗机构", "医疗卫生机构", "基层预算单位", "科研单位"):
        assert classify(name) == "collective", name
    assert classify("降低公立医疗机构") is None
    assert roles_of("医疗机构要按照合同约定及时结算药款。", None) == {("医疗机构", "collective")}
    assert roles_of("基层预算单位应当对定额经费使用情况开展自查。") == {("基层预算单位", "collective")}


def test_a_body_named_by_its_task_keeps_the_verb_in_its_name():
    # constructed: a body set up for a task is named by it, 联合 or 推进 included; 推进 opening the phrase, a list,
    # 的 or a unit before the verb make it a measure or two units, no name
    for name in ("联合采购办公室", "省联合股权交易中心", "省推进数字经济发展专项工作组"):
        assert classify(name) == "unit", name
    for phrase in ("推进区应急指挥中心", "推进宝武的大数据中心", "区应急局联合区公安分局"):
        assert classify(phrase) is None, phrase
    assert roles_of("联合采购办公室负责汇总各地采购需求。") == {("联合采购办公室", "lead")}
    assert roles_of("区应急局联合区公安分局开展检查。") == {("区应急局", "lead"), ("区公安分局", "cooperate")}


def test_an_association_by_its_kind_is_no_unit():
    # constructed (gold README roles 4): an association written by its kind is a social organisation the text
    # addresses, no unit of administration; one named with its region or as a national body is named individually
    for name in ("行业协会", "有关行业协会", "其他相关行业协会", "有关协会组织", "消防行业协会"):
        assert classify(name) is None, name
    assert classify("省盐业协会") == "unit" and classify("中国互联网协会") == "unit"
    assert classify("妇女联合会") == "unit"
    assert roles_of("行业协会应当加强行业自律，配合区应急局开展宣传。") == set()


def test_institutions_and_zones_by_kind_are_read_where_a_subject_stands():
    # constructed minimal sentences (gold README roles 12 and 17): a subject that ends in a school, kindergarten,
    # university or zone kind (校, 园, 区), which no unit head ends, is read before a duty; institutions by kind are
    # collectives, a kind of zone is a kind of unit (lead) with its written form
    assert roles_of("中小学校、幼儿园应当将安全知识纳入教学内容。", None) == {("中小学校", "collective"),
                                                                 ("幼儿园", "collective")}
    assert roles_of("某某部和高等学校要统筹各类资源。", None) >= {("高等学校", "collective")}
    assert roles_of("国家级开发区要完善考核办法。", None) == {("国家级开发区", "lead")}
    assert roles_of("试点地区要按期完成采购。", None) == {("试点地区", "collective")}
    # no duty after the kind: a topic (高校在…取得突破), a permission (国家级开发区可…) or a member of another phrase
    assert roles_of("到2025年，高校在基础研究方面取得新突破。", None) == set()
    assert roles_of("国家级开发区可根据需要增加公租房供应。", None) == set()
    assert roles_of("国家级开发区在编人员可交流任职。", None) == set()
    # a list started inside a law's formula for every organisation (机关、团体、学校…) and a zone in a phrase
    # joined by 或/和 name no agency
    assert ("学校", "collective") not in roles_of("区应急局组织机关、团体、学校、居民委员会开展演练。")
    assert classify("面向用工单位或国家级开发区") is None
    assert classify("支持国家级开发区") is None
    # the lists the old heads end read as before, whatever follows: a zone's 管委会, a kind with a unit head
    assert {r for _, r in roles_of("城乡一体化示范区、官庄工区等管委会根据授权做好本辖区消防安全管理工作。", None)} == {"lead"}
    assert roles_of("各预算单位根据财务规则制定内部管理办法。", None) == {("各预算单位", "collective")}
