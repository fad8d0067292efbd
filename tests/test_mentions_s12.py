"""Agency mentions inside found obligations: session 12 rules (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _agencies(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.text, a.role) for a in o.agencies] for o in extract_obligations(fixture_document(text))]


def test_the_applicants_of_a_call_are_no_agency():
    """The applicants of a call or a licence, named by their part in it (申报单位, 申请单位), are the parties the call
    governs, whoever applies (a firm, a university), not units of administration, whatever set marker they carry (gold
    README roles 4); the recommending units of a call (推荐单位) stay a collective of the public units that recommend."""
    # constructed fixture
    assert _agencies("一、请各申报单位按要求进行网上填报。") == [[]]
    assert _agencies("二、各申请单位要如实填写申请材料。") == [[]]
    assert _agencies("三、各推荐单位要加强对申报材料的审核把关。") == [[("各推荐单位", "collective")]]
