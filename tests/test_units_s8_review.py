"""Agency grammar, session 8 review: a deployment (部署) is no unit ending in the head 署. Every phrase and sentence
here is a constructed fixture, written for the test, not copied from a policy document."""

from __future__ import annotations

from policykg.ingest.extract.agency_grammar import classify
from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

SHANGHAI = RegionRef("上海市", "310000000000", "provincial")
SONGJIANG = Region("松江区", "310117000000", "county", (SHANGHAI,))


def test_a_deployment_is_no_unit():
    # constructed fixtures: jieba tags 研究部署 and 战略部署 as nouns; 署 ends them as a character of 部署
    for phrase in ("研究部署", "战略部署"):
        assert classify(phrase) is None, phrase
    text = "区政府召开专题会议，研究部署防汛工作。"  # constructed fixture
    doc = Document("t", "t", "0", "utf-8", text, region=SONGJIANG)
    assert {(a.text, a.role) for a in assign_agencies(text, doc, 0)} == {("区政府", "lead")}


def test_a_unit_headed_by_shu_stays():
    # constructed fixture: 署 as the head of a unit
    assert classify("海关总署") == "unit"


def test_a_verb_that_sends_or_stations_a_body_is_no_part_of_its_name():
    # constructed fixtures: sending or stationing a body is an act on it (as 派出 is), not the task it is named by
    for phrase in ("派驻工作组", "进驻指挥部"):
        assert classify(phrase) is None, phrase
