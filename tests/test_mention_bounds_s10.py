"""Where a unit mention starts and ends, and phrases that only look like one: session 10 rules (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _mentions(text: str) -> list[list[str]]:
    return [[a.text for a in o.agencies] for o in extract_obligations(fixture_document(text))]


def test_a_title_or_member_written_after_a_unit_is_a_person():
    """X组长, X部长, X总指挥, X组成人员 name persons of the unit or group, not the unit: persons are not units and a
    title takes no entry (gold README schema, roles 26 and 29), as X局长 and X主要负责人 already were."""
    # constructed fixture
    assert _mentions("第八条 某某调查组组长由区人民政府指定，主持调查组的工作。") == [["区人民政府"]]
    assert _mentions("一、某某委员会组成人员要严格遵守工作纪律，做到令行禁止。") == [[]]
    assert _mentions("二、区防汛指挥部总指挥应当组织会商，及时部署防御工作。") == [[]]
    # the unit itself, and a group's member units, are still read
    assert _mentions("三、区防汛指挥部应当组织会商，及时部署防御工作。") == [["区防汛指挥部"]]
    assert _mentions("四、领导小组成员单位要按照分工落实各项任务。") == [["领导小组成员单位"]]


def test_a_model_of_governance_is_no_unit():
    """数字政府, 法治政府, 智慧法院: a government, court or organ with a quality word before it names the model a plan
    builds (数字政府建设), never a unit that acts; the units that build it are read as before."""
    # constructed fixture
    assert _mentions("到2025年，数字政府建设要取得重要进展，服务效能明显提升。") == [[]]
    assert _mentions("（一）智慧法院建设评价工作部署。某某年起组织开展评价。") == [[]]
    assert _mentions("区政府办公室要统筹推进数字政府建设。") == [["区政府办公室"]]


def test_a_bare_place_word_after_led_by_is_kept():
    """由所在地X: the bare place word 所在地 before the unit is written as part of its name, and the mention keeps it
    (gold README schema: a mention exactly as written; roles 1: place words keep it a kind); where the grammar reads
    no unit from it (所在地区、县人民政府, a list of tiers) the units after it are read as before."""
    # constructed fixture
    assert _mentions("第三十条 有下列行为之一的，由所在地区人民政府责令改正。") == [["所在地区人民政府"]]
    assert _mentions("第五条 某某集市的消防设施，由所在地村民委员会负责维护。") == [["所在地村民委员会"]]
    assert _mentions("第六条 没有工作单位的，由所在地区、县人民政府给予补贴。") == [["区、县人民政府"]]


def test_a_head_character_inside_a_word_of_another_kind_ends_no_unit():
    """The 所 of 所提供 and 所必需 (the particle before a verb) and the 局 of 产业布局 and 空间布局 (a layout) stand inside
    words of another kind: no unit ends there, as none ends in 场所, 布局 or 所需 already."""
    # constructed fixture
    assert _mentions("第十条 某某服务机构应当按照合同约定从事服务活动，保障所提供的报告真实准确。") == [[]]
    assert _mentions("三、空间布局\n（一）依托各区产业基础，要建设一批特色园区。\n（二）要推动重点项目落地。") == [[], []]
    # a unit named with 所 or 局 is read as before
    assert _mentions("第十一条 派出所应当加强日常检查。") == [["派出所"]]
    assert _mentions("三、区应急局\n（一）要建设一批应急避难场所。") == [["区应急局"]]


def test_no_subject_is_carried_across_a_full_stop():
    """A subjectless duty sentence after 。 takes no unit from the sentence before (gold README roles 24); a
    subjectless ；-clause still takes the subject that opens its sentence."""
    # constructed fixture
    assert _mentions("区商务局要做好牵头工作。要加快推进项目建设。") == [["区商务局"], []]
    assert _mentions("区商务局要做好牵头工作；要加快推进项目建设。") == [["区商务局"], ["区商务局"]]
