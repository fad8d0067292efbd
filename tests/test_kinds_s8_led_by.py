"""A place or institution written by its kind right after 由 and followed by a verb is the doer of that act (gold
README roles 15, 17: 由X + its act names X; a designated place that acts is an agency), with no duty cue after it;
the 由 of a word (自由, 由于), a kind that only modifies the units after it (…相关部门) or a kind followed by no verb
gives none. Every sentence here is a constructed fixture (written for the test, no policy document's words)."""

from __future__ import annotations

from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document


def roles(text: str) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_a_kind_after_you_does_the_act_that_follows():
    # constructed fixture: 由X推举 / 由X制定 / 由X组织 are the kind's own acts
    assert roles("主任人选由试点地区推举确定。") == {("试点地区", "collective")}
    assert roles("具体办法由国家级开发区制定。") == {("国家级开发区", "lead")}
    assert roles("应急演练由中小学校组织开展。") == {("中小学校", "collective")}


def test_a_kind_after_you_with_no_act_of_its_own_gives_none():
    # constructed fixture: 的/内 after the kind make it a topic or a place; the enterprise inside the zone applies
    assert roles("由试点地区的经验可见，改革成效明显。") == set()
    assert roles("由自贸试验区内企业提出申请。") == set()
    # constructed fixture: 由于 is a conjunction, the 由 of 自由 and 理由 no preposition
    assert roles("由于试点地区情况不同，进度不一。") == set()
    assert roles("说明理由试点地区不同的原因。") == set()
    assert roles("加快推进自由贸易试验区建设。") == set()


def obligations(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.text, a.role) for a in o.agencies] for o in extract_obligations(Document("t", "t", "0", "utf-8", text))]


def test_a_zone_by_its_short_name_after_you_acts_unless_it_places_the_units_after_it():
    # constructed fixture: the zone's short name is declared in the text; 由自贸试验区编制… is the zone's act, while in
    # 由自贸试验区相关职能部门审核 the zone only places the departments that act (相关/有关/所属 open its units)
    text = ("一、各省人民政府要支持自由贸易试验区（以下简称自贸试验区）发展。\n"
            "二、将备案权限交给自贸试验区，由自贸试验区相关职能部门审核。\n"
            "三、完善管理制度，由自贸试验区编制具体办法。")
    found = obligations(text)
    assert ("自贸试验区", "lead") not in found[1]
    assert found[2] == [("自贸试验区", "lead")]


def test_a_kind_that_only_places_the_units_after_it_is_not_their_doer():
    # constructed fixture: 相关/有关 open the units of the kind, which act; the kind alone is no entry
    assert ("高新区", "lead") not in roles("由高新区相关部门审批。")
    assert ("试点地区", "collective") not in roles("由试点地区有关部门组织实施。")


def test_a_kind_after_by_that_a_body_is_made_of_does_no_act():
    # constructed fixture (CI dry run at 5ffabb0: 0fc963c read 高校 here): 由X…组成 says what a body is made of
    from policykg.ingest.extract.roles import assign_agencies
    from policykg.ingest.model import Document

    text = "成立由高校和科研院所人员组成的区产业专家委员会，为重大决策提供咨询意见。"
    doc = Document("t", "t", "0", "utf-8", text)
    assert [a.text for a in assign_agencies(text, doc, 0)] == []
