"""Which sentences and items become obligations: session 10 rules of segmentation (issue 13).

Every text here is a constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations, states_duty


def test_the_sentence_that_makes_the_document_is_no_duty():
    """Enactment formula: …，制定本规范。 after any basis or purpose clause (a subject, 按照, a title run into it)
    says the document is made; it is no one's work (unit convention 5)."""
    # constructed fixture
    assert not states_duty("第一条 按照某某行动的统一部署，为加快推进某某转型，制定本规范。")
    assert not states_duty("某某伦理规范为深入贯彻《某某规划》，增强全社会的伦理意识，制定本规范。")
    assert not states_duty("一、新一届某某委员会，根据《某某组织法》，制定本规则。")
    # a unit that is to make the document's follow-up rules still has work
    assert states_duty("区应急局负责制定本办法的实施细则。")
    text = "一、总则\n某某中心根据《某某条例》，制定本规则。\n二、职责\n某某中心应当定期检查平台。\n"
    # constructed fixture
    assert [o.text for o in extract_obligations(fixture_document(text))] == ["某某中心应当定期检查平台。"]
