"""The unit after 委托 where the subject only may entrust, or already has: no agency (session 9, precision).

委托X做Y after a word of power or of the past in its clause (可以委托, 也可以授权或者委托, 可通过…方式委托, 已委托)
writes the subject's option or its done act: the entrustee is the agent the subject may choose or has chosen, told
nothing it must do (gold README roles: the agency is the unit the text gives the act; a permission 可 gives no duty,
unit 5; a past act is none, unit 18). 委托X负责… with no such word, and 由X委托Y…, keep their readings. Every sentence
here is a constructed fixture (a minimal sentence written for the test).
"""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))


def roles(text: str) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=SONGJIANG)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_a_unit_the_subject_may_entrust_is_no_agency():
    # constructed fixture: a power to entrust
    assert roles("区人民政府也可以授权或者委托有关部门组织调查组进行调查。") == {("区人民政府", "lead")}
    # constructed fixture: 可 far before 委托 in the clause
    assert roles("区人民政府可通过购买服务等方式委托相关机构承担日常运维工作。") == {("区人民政府", "lead")}


def test_a_unit_already_entrusted_is_no_agency():
    # constructed fixture: an entrusting already done
    assert roles("区发展改革委已委托区规划资源局对该项目作进一步评估。") == {("区发展改革委", "lead")}


def test_the_doer_after_by_and_a_unit_entrusted_with_a_remit_stay():
    # constructed fixtures (guards): 由X委托Y…: X does the work; 委托X负责… with no word of power or past: X's remit
    assert roles("由区应急局委托第三方机构进行评估。") == {("区应急局", "lead")}
    assert ("区应急局", "lead") in roles("区人民政府委托区应急局负责本区安全生产考核工作。")


def test_a_ke_inside_another_word_grants_no_power_to_entrust():
    # constructed fixture: the 可 of 许可 is no word of power; the entrustee given a remit keeps its lead
    assert ("区市场监管所", "lead") in roles("区市场监管局对行政许可申请委托区市场监管所负责现场核查。")


def test_a_modal_joined_to_an_adverb_still_only_may_entrust():
    # constructed fixtures: 亦可 and 不可 are one word to jieba, yet their 可 is the modal: no duty for the entrustee
    assert ("区市场监管所", "lead") not in roles("区市场监管局亦可委托区市场监管所负责现场核查。")
    assert ("区市场监管所", "lead") not in roles("区市场监管局不可委托区市场监管所负责现场核查。")
