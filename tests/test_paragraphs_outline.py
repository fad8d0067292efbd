"""The outline read from numbers where the layout reads a quantity (7.1人员返回: 7.1人).

Minimal fixtures, marked as such, not policy documents."""

from __future__ import annotations

from policykg.ingest.extract import paragraphs as pg
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document


def _doc(text: str) -> Document:
    # minimal fixture, not a policy document
    return Document(source="fixture.txt", path="fixture.txt", sha256="0", encoding="utf-8", text=text)


def test_a_decimal_that_continues_the_outline_is_a_heading_number():
    text = "7.善后处置\n7.1人员返回\n区民政局要组织人员有序返回。\n7.2人员安置\n各街镇要做好安置。\n"
    paras = pg.paragraphs(_doc(text))
    assert [(p.number, p.heading_only) for p in paras if p.numbered] == [("7", True), ("7.1", True), ("7.2", True)]
    assert [o.text for o in extract_obligations(_doc(text))] == ["区民政局要组织人员有序返回。", "各街镇要做好安置。"]


def test_a_decimal_out_of_the_outline_stays_a_quantity():
    assert pg._next_decimal("7.3人参加培训", "7.1") is None  # 7.1 is followed by 7.2, not 7.3
    assert pg._next_decimal("3.1人员返回", "7") is None
