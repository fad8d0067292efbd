"""The unit after 由 beside a responsibility clause that names a lead (gold README roles 8 and 15: 由X + its act
names X as the doer, an agency beside the clause's units), unless 由…组成的 only says what a thing is made of.
Every sentence here is a constructed fixture (written for the test, no policy document's words)."""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

ZHEJIANG = RegionRef("浙江省", "330000000000", "provincial")
NINGBO = Region("宁波市", "330200000000", "city", (ZHEJIANG,))


def roles(text: str) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=NINGBO)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_the_unit_after_you_keeps_its_act_beside_a_lead_clause():
    # constructed fixture: 由X将…拨付 is X's act; the clause's lead is an entry too
    assert roles("经审核后，由同级财政部门将补贴资金拨付到本人账户。（牵头单位：市人社局）") == {
        ("市人社局", "lead"), ("同级财政部门", "lead")}


def test_you_that_says_what_a_thing_is_made_of_gives_no_act():
    # constructed fixture: 建立由政府储备和企业储备组成的体系: 政府 is no doer of 储备
    assert roles("建立由政府储备和企业储备组成的两级储备体系。（牵头单位：市发改委）") == {("市发改委", "lead")}
