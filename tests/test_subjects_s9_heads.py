"""Units written through their heads (gold README roles 26's amendment and 29): X主要负责人, X负责人, X领导同志 with a place
in a group (任组长, 为成员, 组成, 牵头) or a duty cue after them stand for X. Every sentence here is a constructed fixture
(written for the test, no policy document's words)."""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

ZHEJIANG = RegionRef("浙江省", "330000000000", "provincial")
NINGBO = Region("宁波市", "330200000000", "city", (ZHEJIANG,))


def roles(text: str) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=NINGBO)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_the_chair_and_members_of_a_group_written_through_their_heads_are_units():
    # constructed fixture: the chair's unit and the members' units of the group set up
    assert roles("成立由市政府主要负责人任组长，市发展改革委、市财政局负责人为成员的工作小组。") == {
        ("市政府", "lead"), ("市发展改革委", "lead"), ("市财政局", "lead")}
    # constructed fixture: the chair written with 担任, a group set up before its remit
    assert ("市政府", "lead") in roles("成立工作专班，由市政府分管领导担任组长，负责统筹协调。")


def test_a_list_of_members_through_their_heads_is_read_member_by_member():
    # constructed fixture: 由A主要负责人、B负责人组成的…: each member's unit, a set stays a collective
    assert roles("市设立由市人民政府主要负责人、相关部门负责人组成的应急委员会，统一领导应急工作。") >= {
        ("市人民政府", "lead"), ("相关部门", "collective")}


def test_a_head_bound_by_a_duty_cue_stands_for_its_unit():
    # constructed fixture: X主要负责人要…: the unit's duty (README roles 29)
    assert roles("市政府主要负责人要亲自部署。") == {("市政府", "lead")}


def test_titles_designations_and_heads_acted_on_take_no_entry():
    # constructed fixtures: a title is an office; a designation of who answers names no act; a head acted on
    assert roles("市应急局局长任组长。") == set()
    assert ("市政府", "lead") not in roles("市政府主要负责人为第一责任人。")
    assert roles("不要地方负责人迎送。") == set()


def test_a_head_word_in_a_de_clause_that_names_a_thing_takes_no_entry():
    # constructed fixture: X负责人负责的项目: 负责 + 的 says which project, the head is given no duty
    assert ("市财政局", "lead") not in roles("市财政局负责人负责的项目要公开。")
