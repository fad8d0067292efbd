"""The unit after 由 keeps its act beside a lead clause (cf3684e) only where 由X + its act is the clause's
predicate: not where 由X + a verb + 的 qualifies a noun (a relative clause), unless the noun is a body being
founded, and never after 经由 (review of cf3684e). Every sentence here is a constructed fixture."""

from __future__ import annotations

from policykg.ingest.extract.roles import assign_agencies
from policykg.ingest.model import Document, Region, RegionRef

ZHEJIANG = RegionRef("浙江省", "330000000000", "provincial")
NINGBO = Region("宁波市", "330200000000", "city", (ZHEJIANG,))


def roles(text: str) -> set[tuple[str, str]]:
    doc = Document("t", "t", "0", "utf-8", text, region=NINGBO)
    return {(a.text, a.role) for a in assign_agencies(text, doc, 0)}


def test_relative_clause_after_you_gives_no_act():
    # constructed fixture: the firm 由X认定的 is the subject; X is no doer of the sentence's act
    assert roles("由市场监管部门认定的企业享受补贴。（牵头单位：市发改委）") == {("市发改委", "lead")}


def test_via_is_not_you():
    # constructed fixture: 经由 (by way of) names no doer
    assert roles("经由市政府批准的规划予以公布。（牵头单位：市发改委）") == {("市发改委", "lead")}


def test_object_with_de_keeps_the_act():
    # constructed fixture: 对申报的项目 is X's object, 由X + its act still the predicate
    assert roles("由市财政局对申报的项目进行审核。（牵头单位：市发改委）") == {("市发改委", "lead"), ("市财政局", "lead")}
