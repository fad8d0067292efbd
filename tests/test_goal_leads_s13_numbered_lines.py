"""Numbered lines under a numbered goal item whose body opens with a span are goal bullets dated by that span
(gold unit convention 4's amendment of session 5: a line under a goal heading that opens with ——, a dash, a number or a
run-in title is a goal paragraph, each sentence a goal, and the one span of the lead right above governs every bullet under
it; a lead that names two horizons governs none). 取得 under the governing span is what the goal will attain (a goal, as in
goal paragraphs), and 到“十四五”末， opens a span as 到2025年， does. Every text here is a minimal constructed fixture,
written for this test, not a policy document."""

from __future__ import annotations

from datetime import date

from fixture_docs import fixture_document
from policykg.ingest.extract.obligations import extract_obligations


def _goals(text: str) -> list[tuple[str, list[str]]]:
    return [(o.text, [d.date.isoformat() for d in o.deadlines if d.date])
            for o in extract_obligations(fixture_document(text, date=date(2022, 3, 1))) if o.kind == "goal"]


_TASKS = "二、重点任务\n（一）加强平台建设。各单位要加强平台建设。\n"


def test_numbered_lines_under_a_dated_goal_item_take_its_span():
    """Constructed fixture: 3.发展目标。到2027年，… then （1）…（2）… with no dates of their own."""
    text = ("一、总体要求\n（二）规划目标\n3.发展目标。到2027年，某某体系基本建成，服务能力明显增强。\n"
            "（1）创新能力显著提高。研发投入大幅提升，关键技术取得重大突破。\n"
            "（2）服务生态持续优化。服务模式更加多样，共享机制不断完善。\n" + _TASKS)
    assert _goals(text) == [
        ("3.发展目标。到2027年，某某体系基本建成，服务能力明显增强。", ["2027-12-31"]),
        ("（1）创新能力显著提高。研发投入大幅提升，关键技术取得重大突破。", ["2027-12-31"]),
        ("（2）服务生态持续优化。服务模式更加多样，共享机制不断完善。", ["2027-12-31"])]


def test_a_plan_period_end_opens_the_span():
    """Constructed fixture: 到“十四五”末， as the goal item's opening span."""
    text = ("一、总体要求\n（二）规划目标\n3.发展目标。到“十四五”末，某某体系基本建成。\n"
            "（1）创新能力显著提高。研发投入大幅提升。\n" + _TASKS)
    assert [dates for _, dates in _goals(text)] == [["2025-12-31"], ["2025-12-31"]]


def test_numbered_lines_under_a_goal_item_with_two_horizons_take_no_span():
    """Constructed fixture: a lead naming 2027 and 2035 dates no line under it."""
    text = ("一、总体要求\n（二）规划目标\n3.发展目标。到2027年，某某体系基本建成。到2035年，某某体系全面建成。\n"
            "（1）创新能力显著提高。研发投入大幅提升。\n" + _TASKS)
    assert [t for t, _ in _goals(text) if t.startswith("（1）")] == []


def test_numbered_lines_under_an_undated_goal_item_take_no_span():
    """Constructed fixture: 3.发展目标。 with no span: its lines with no date or number are no goals."""
    text = ("一、总体要求\n（二）规划目标\n3.发展目标。某某体系更加完善。\n"
            "（1）创新能力显著提高。研发投入大幅提升。\n" + _TASKS)
    assert [t for t, _ in _goals(text) if t.startswith("（1）")] == []


def test_the_span_a_numbered_line_takes_points_at_the_lead_s_words():
    """Constructed fixture: the date a numbered line takes from the goal item keeps the span of the words that wrote it
    (到2027年 in 3.发展目标。到2027年，…), not a place shifted by the run-in heading."""
    text = ("一、总体要求\n（二）规划目标\n3.发展目标。到2027年，某某体系基本建成。\n"
            "（1）创新能力显著提高。研发投入大幅提升。\n" + _TASKS)
    doc = fixture_document(text, date=date(2022, 3, 1))
    line = next(o for o in extract_obligations(doc) if o.text.startswith("（1）"))
    assert [doc.text[d.span.start:d.span.end] for d in line.deadlines if d.date] == ["2027年"]
