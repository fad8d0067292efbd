"""Goal bullets are cut by sentence (gold unit convention 4, amendment of session 5), each goal dated by its own
date or by the lead paragraph's.

Every text here is a minimal constructed fixture for one rule, not a policy document."""

from __future__ import annotations

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations
from policykg.ingest.model import Document


def _doc(text: str) -> Document:
    # minimal fixture, not a policy document
    return fixture_document(text)


def _goals(text: str) -> list[tuple[str, list[str]]]:
    return [(o.text, [d.date.isoformat() for d in o.deadlines if d.date]) for o in extract_obligations(_doc(text))
            if o.kind == "goal"]


def test_each_sentence_of_a_bullet_is_a_goal_dated_by_the_lead():
    """Constructed: the lead's 到2025年 dates every sentence of the bullet; the run-in title goes with the first."""
    text = ("（二）主要目标\n到2025年，创新体系进一步完善。\n"
            "——创新能力逐步增强。每年培育智能工厂30家。建成创新平台一批，服务能力明显提升。\n")
    assert _goals(text)[1:] == [("——创新能力逐步增强。每年培育智能工厂30家。", ["2025-12-31"]),
                                ("建成创新平台一批，服务能力明显提升。", ["2025-12-31"])]


def test_a_sentence_with_its_own_date_keeps_it():
    """Constructed: a bullet sentence that writes its own year is due then, not at the lead's."""
    text = ("（二）主要目标\n到2025年，创新体系进一步完善。\n"
            "——企业培育规模壮大。每年新培育企业400家。到2024年，培育示范企业100家。\n")
    assert _goals(text)[1:] == [("——企业培育规模壮大。每年新培育企业400家。", ["2025-12-31"]),
                                ("到2024年，培育示范企业100家。", ["2024-12-31"])]


def test_without_a_lead_date_only_dated_or_counted_sentences_are_goals():
    """Constructed: no dated lead: a sentence with neither a date nor a number is no goal, and the run-in title
    does not reach over it to a later commitment."""
    text = ("（二）主要目标\n——治理能力明显加强。坚持问题导向，推动精准治理。重点单位达标率达到95%。\n")
    assert _goals(text) == [("重点单位达标率达到95%。", [])]


def test_the_clauses_of_a_bullet_sentence_are_goals_of_their_own():
    """Constructed: two counted ；-clauses of one sentence are two goals."""
    text = "（二）主要目标\n——培育示范企业50家；建设公共服务平台20个。\n"
    assert [t for t, _ in _goals(text)] == ["——培育示范企业50家；", "建设公共服务平台20个。"]
