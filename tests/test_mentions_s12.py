"""Agency mentions inside found obligations: session 12 rules (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.text, a.role) for a in o.agencies] for o in extract_obligations(fixture_document(text))]


def test_a_word_of_manner_before_the_verb_opens_the_predicate():
    """A word of manner written between the subject and its verb (有序组织, 因地制宜确定, 分工协作解决, 广泛开展) is an
    adverbial of the predicate, as 依法 or 及时 is: the units before it are its subject (gold README roles 1 and 3), after
    由 (roles 8) and after 会同 (roles 6) as at a clause start."""
    # constructed fixture
    assert _agencies("一、区应急局、行业主管部门、各街道、镇有序组织人员撤离。") == [
        [("区应急局", "lead"), ("行业主管部门", "collective"), ("各街道、镇", "collective")]]
    assert _agencies("二、补贴标准由各地因地制宜确定。") == [[("各地", "collective")]]
    assert _agencies("三、区应急局牵头建立检查机制，会同有关部门分工协作解决重大问题。") == [
        [("区应急局", "lead"), ("有关部门", "collective")]]
    assert _agencies("四、各区要广泛开展宣传活动，各街镇分类推进隐患整治。") == [
        [("各区", "collective"), ("各街镇", "collective")]]


def test_a_word_of_manner_before_a_noun_opens_no_predicate():
    """A distinguishing word or a noun of action after the unit (专职消防, 动态监测) modifies a noun phrase the unit is
    part of: no predicate, no subject; the issuer's self name (本市) is read before a predicate of its own only."""
    # constructed fixture
    assert _agencies("一、场站动态监测：对场站设备进行监控，要及时处置。") == [[]]
    assert _agencies("二、本市充分发挥社会组织的作用，要提高避险能力。") == [[]]


def test_the_applicants_of_a_call_are_no_agency():
    """The applicants of a call or a licence, named by their part in it (申报单位, 申请单位), are the parties the call
    governs, whoever applies (a firm, a university), not units of administration, whatever set marker they carry (gold
    README roles 4); the recommending units of a call (推荐单位) stay a collective of the public units that recommend."""
    # constructed fixture
    assert _agencies("一、请各申报单位按要求进行网上填报。") == [[]]
    assert _agencies("二、各申请单位要如实填写申请材料。") == [[]]
    assert _agencies("三、各推荐单位要加强对申报材料的审核把关。") == [[("各推荐单位", "collective")]]
