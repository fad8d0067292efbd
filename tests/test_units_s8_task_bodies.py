"""Bodies set up for a task are named by the task, its verb included (集中采购小组, 生产安全事故调查组, 数字政府专班).

Every phrase and sentence here is a constructed fixture (minimal, written for the test, no policy document copied).
"""

from __future__ import annotations

from policykg.ingest.extract.agency_grammar import classify, units_of
from policykg.ingest.model import Document, Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))


def roles_of(text: str, region: Region | None = SONGJIANG) -> set[tuple[str, str]]:
    from policykg.ingest.extract.roles import assign_agencies

    doc = Document("t", "t", "0", "utf-8", text, region=region)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_a_task_body_named_with_its_verb_is_a_unit():
    # constructed fixtures: the verb of the task opens the body's name (集中|采购, 生产|安全事故); 小组 and 专班 head
    # a body with a modifier before them
    for name in ("集中采购小组", "生产安全事故调查组", "区政府办公室数字政府专班", "专项整治小组"):
        assert classify(name) == "unit", name
    assert [h.text for h in units_of("集中采购小组", SONGJIANG)] == ["集中采购小组"]


def test_a_verb_that_sets_up_or_addresses_a_body_stays_an_act_on_it():
    # constructed fixtures: setting up, sending or submitting to a body is an act on it, no name; a level after the
    # verb opens the unit (求|市级应急指挥部); a bare head and a count of groups name no body
    for phrase in ("组建专家组", "派出工作组", "服从现场指挥部", "求市级应急指挥部", "专班", "小组", "每个小组", "三组"):
        assert classify(phrase) is None, phrase


def test_a_task_body_is_the_subject_of_its_duty():
    # constructed sentences: the body named by its task is given the work it is the subject of
    assert roles_of("3.集中采购小组。负责集中采购具体实施工作。") == {("集中采购小组", "lead")}
    assert roles_of("生产安全事故调查组在事故调查中发现违法行为的，应当及时移送。") == {("生产安全事故调查组", "lead")}
    assert roles_of("考核分值由区政府办公室数字政府专班予以核实。") == {("区政府办公室数字政府专班", "lead")}
