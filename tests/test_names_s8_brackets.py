"""One set of units written twice in one obligation, once with （） and once with 〔〕 (or half-width brackets),
is one entry, in the responsibility clause's form (gold README roles 7).

Every text here is a minimal constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[tuple[str, str]]:
    # constructed fixture
    obs = extract_obligations(fixture_document(text))
    return [(a.text, a.name) for o in obs for a in o.agencies if a.role == "collective"]


def test_the_same_tiers_in_other_brackets_are_one_entry_in_the_clause_form():
    """Constructed fixture: the body writes （）, the 责任单位 label 〔〕; one entry per tier, the label's form."""
    text = ("（一）加强组织领导。各市、县（市、区）政府要建立工作机制，明确职责任务。"
            "（责任单位：各市、县〔市、区〕政府）\n")
    got = _agencies(text)
    assert [t for t, _ in got] == ["各市、县〔市、区〕政府"] * len(got)
    assert len({n for _, n in got}) == len(got)


def test_half_width_brackets_are_the_same_units():
    """Constructed fixture: (市、区) and （市、区） name the same tiers: one entry each."""
    text = "（二）做好宣传。各县(市、区)政府要加强宣传，各县（市、区）政府要做好解读。\n"
    assert len(_agencies(text)) == 1
