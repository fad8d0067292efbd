"""A 一、 section with no deeper item in it is a numbered item: its paragraphs are units (issue 13, session 11).

Every text here is a constructed fixture (minimal sentences written for the test), not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _units(text: str) -> list[str]:
    return [o.text for o in extract_obligations(fixture_document(text))]


def test_the_paragraph_of_a_top_level_section_without_items_is_one_unit():
    """Gold README unit convention 2 as the fourteenth adjudication applied it (units 30-32's pass): a 一、 section
    with no （一） or 1. under it is a numbered item, its paragraph one obligation, its sentences not."""
    # constructed fixture
    text = "一、强化隐患整治\n全面排查火灾隐患，建立整改台账。对重大隐患实行挂牌督办。\n二、加强宣传教育\n开展消防宣传进社区活动。\n"
    assert _units(text) == ["全面排查火灾隐患，建立整改台账。对重大隐患实行挂牌督办。", "开展消防宣传进社区活动。"]


def test_each_paragraph_of_a_top_level_section_is_its_own_unit():
    """Two paragraphs under one 一、 section with no items: two obligations, one per paragraph (unit 2)."""
    # constructed fixture
    text = ("三、强化保障措施\n加大财政投入，保障设施建设经费。完善考核办法，定期通报进展。\n"
            "加强队伍建设，开展业务培训。\n")
    assert _units(text) == ["加大财政投入，保障设施建设经费。完善考核办法，定期通报进展。", "加强队伍建设，开展业务培训。"]


def test_a_paragraph_above_a_sections_items_stays_sentences():
    """A paragraph written under 一、 before its （一） items opens a section whose items follow: read by the
    sentence as before (only a section with no deeper item is an item here)."""
    # constructed fixture
    text = ("一、重点任务\n全面排查火灾隐患，建立整改台账。对重大隐患实行挂牌督办。\n（一）加强检查\n"
            "开展专项执法检查。\n")
    assert _units(text)[:2] == ["全面排查火灾隐患，建立整改台账。", "对重大隐患实行挂牌督办。"]
