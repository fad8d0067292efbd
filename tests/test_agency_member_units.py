"""A clause item the grammar reads only by its last word: the members of a body (…成员单位) are a set.

Gold README roles 3: 成员单位 is a set marker, collective whatever its position. The phrases are constructed fixtures."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[tuple[str, str]]:
    obs = extract_obligations(fixture_document(text))
    assert len(obs) == 1
    return [(a.text, a.role) for a in obs[0].agencies]


def test_the_members_of_a_body_named_in_a_clause_are_a_set():
    """A clause item the grammar cannot read otherwise (a body it does not know, then 成员单位) is no unit that leads."""
    # constructed fixture
    got = _agencies("（三）加强统筹。推进某某平台建设。（责任单位：省推进数字某某发展专项工作组成员单位，各市人民政府）")
    assert ("省推进数字某某发展专项工作组成员单位", "collective") in got
    assert ("各市人民政府", "collective") in got


def test_a_named_unit_the_dictionary_lacks_still_leads():
    """Only the set marker makes the set: an unknown unit with a unit head in the same clause keeps lead (README roles 1)."""
    # constructed fixture
    got = _agencies("（三）加强统筹。推进某某平台建设。（责任单位：省某某发展服务中心，各市人民政府）")
    assert ("省某某发展服务中心", "lead") in got
